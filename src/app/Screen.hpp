#pragma once
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/System/Time.hpp>
#include <SFML/Window/Event.hpp>

#include <functional>
#include <memory>
#include <vector>

namespace motus::app {

// One full-window screen. Input and time change it; drawing cannot.
class Screen {
public:
    virtual ~Screen() = default;
    virtual void handleEvent(const sf::Event& event) = 0;
    virtual void update(sf::Time elapsed) = 0;
    virtual void draw(sf::RenderTarget& target) const = 0;
    // The window's drawable size changed (also called once before the first frame).
    virtual void resize(sf::Vector2f size) = 0;
};

// The screens on top of each other; pushes and pops wait until the current event or update
// has finished, so a screen never deletes itself while it runs.
class ScreenStack {
public:
    void push(std::unique_ptr<Screen> screen);
    void pop();
    // Removes every screen (the next push becomes the only one).
    void clear();
    void applyPending(sf::Vector2f size);
    // Lays every screen out again (the window or the text size changed).
    void resizeAll(sf::Vector2f size);
    [[nodiscard]] Screen* top() const {
        return m_screens.empty() ? nullptr : m_screens.back().get();
    }
    [[nodiscard]] bool empty() const { return m_screens.empty(); }

private:
    std::vector<std::unique_ptr<Screen>> m_screens;
    std::vector<std::function<void(sf::Vector2f)>> m_pending;
};

} // namespace motus::app
