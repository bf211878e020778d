#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// The first run's welcome (docs/architecture.md, "The first run"): what Motus is and is not,
// then on to the safety questions. Enter or Continue goes on; Esc or "Not now" leaves it for
// another time (the welcome shows again at the next start). The text scrolls (↑ ↓ PgUp PgDn
// Home End, the wheel) when the window is small; Tab and Shift+Tab move the focus over the two
// buttons, Enter or Space on one does what a click does.
class WelcomeScreen final : public Screen {
public:
    WelcomeScreen(const Fonts& fonts, std::function<void()> next, std::function<void()> later);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] sf::FloatRect continueButton() const { return m_continue; }
    [[nodiscard]] sf::FloatRect laterButton() const { return m_later; }
    // The focused button (none before the first Tab).
    [[nodiscard]] std::optional<sf::FloatRect> focusedRect() const;

private:
    enum class Focus { Later, Continue };
    struct Line {
        sf::String text;
        const sf::Font* font;
        unsigned size;
        float y; // in the scrolling content
        float x;
    };

    const Fonts& m_fonts;
    std::function<void()> m_next;
    std::function<void()> m_laterAction;
    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_continue;
    sf::FloatRect m_later;
    ScrollArea m_scroll;
    std::vector<Line> m_lines;
    sf::FloatRect m_panel; // what Motus is not, in the content
    std::optional<Focus> m_focus;
};

// The first run's last step: how to start. 1 2 3 choose at once; ↑ ↓ move over the choices,
// Tab and Shift+Tab over Back and the choices, Enter or Space choose the focused one; Esc or
// Back goes back to the safety questions. The choices scroll when the window is small.
class StartChoiceScreen final : public Screen {
public:
    enum class Choice { ProgramFile, StarterProgram, Browse };

    StartChoiceScreen(const Fonts& fonts, std::function<void(Choice)> choose,
                      std::function<void()> back);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    // Where a choice is drawn now (scrolled), in window pixels.
    [[nodiscard]] sf::FloatRect button(Choice choice) const;
    // The focused control: 0 1 2 the choices, -1 the Back button.
    [[nodiscard]] int focus() const { return m_focus; }
    [[nodiscard]] sf::FloatRect focusedRect() const;

private:
    struct Card {
        float top = 0.f; // in the scrolling content
        float height = 0.f;
        unsigned titleType = typeSize::heading;
        std::vector<sf::String> title;
        std::vector<sf::String> detail;
    };
    void moveFocus(int focus); // and scrolls a choice into view

    const Fonts& m_fonts;
    std::function<void(Choice)> m_choose;
    std::function<void()> m_back;
    int m_focus = 0;
    sf::Vector2f m_size{1280.f, 800.f};
    ScreenHeader m_header; // Back, the title and the keys, wrapped
    std::array<Card, 3> m_cards{};
    float m_cardWidth = 0.f;
    ScrollArea m_scroll;
};

} // namespace motus::app
