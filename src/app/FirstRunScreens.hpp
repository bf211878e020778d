#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"

#include <array>
#include <functional>
#include <string>

namespace motus::app {

// The first run's welcome (docs/architecture.md, "The first run"): what Motus is and is not,
// then on to the safety questions. Enter or Continue goes on; Esc or "Not now" leaves it for
// another time (the welcome shows again at the next start).
class WelcomeScreen final : public Screen {
public:
    WelcomeScreen(const Fonts& fonts, std::function<void()> next, std::function<void()> later);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] sf::FloatRect continueButton() const { return m_continue; }
    [[nodiscard]] sf::FloatRect laterButton() const { return m_later; }

private:
    const Fonts& m_fonts;
    std::function<void()> m_next;
    std::function<void()> m_laterAction;
    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_continue;
    sf::FloatRect m_later;
};

// The first run's last step: how to start. 1 2 3 choose at once; ↑ ↓ (Tab) move, Enter or
// Space choose; Esc or Back goes back to the safety questions.
class StartChoiceScreen final : public Screen {
public:
    enum class Choice { ProgramFile, StarterProgram, Browse };

    StartChoiceScreen(const Fonts& fonts, std::function<void(Choice)> choose,
                      std::function<void()> back);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] sf::FloatRect button(Choice choice) const {
        return m_buttons.at(static_cast<std::size_t>(choice));
    }
    [[nodiscard]] std::size_t focus() const { return m_focus; }

private:
    const Fonts& m_fonts;
    std::function<void(Choice)> m_choose;
    std::function<void()> m_back;
    std::size_t m_focus = 0;
    sf::Vector2f m_size{1280.f, 800.f};
    std::array<sf::FloatRect, 3> m_buttons{};
};

} // namespace motus::app
