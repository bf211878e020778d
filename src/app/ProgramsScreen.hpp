#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/Program.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// The bundled programs, to start one from the window; "Open a program file…" (when set) opens a
// therapist's own program file through its preview. The programs are cards in a scrolling
// panel; the buttons stand below it, side by side or one above the other when narrow.
// Keys: ↑ ↓ choose, Enter starts the chosen one, O opens a file, Esc goes back; Tab and
// Shift+Tab move the focus over Back, the cards, Open a program file… and Start (Enter or Space
// on it does what a click does; on a card Enter starts it, Space chooses it).
class ProgramsScreen final : public Screen {
public:
    struct Entry {
        core::Program program;
        std::filesystem::path file;
    };

    ProgramsScreen(std::vector<Entry> programs, const Fonts& fonts, std::string lang,
                   std::function<void(const Entry&)> start, std::function<void()> back);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] std::size_t selected() const { return m_selected; }
    // "Open a program file…" (O): a therapist's own program, through its preview.
    void setOpenFileAction(std::function<void()> action) {
        m_openFile = std::move(action);
        resize(m_size);
    }
    [[nodiscard]] sf::FloatRect openFileButton() const { return m_openFileButton; }
    [[nodiscard]] sf::FloatRect startButton() const { return m_startButton; }
    // Where the card of program `i` is drawn now (scrolled), in window pixels.
    [[nodiscard]] sf::FloatRect cardRect(std::size_t i) const;
    // The controls in Tab's order, and the focused one (none before the first Tab).
    [[nodiscard]] std::vector<sf::FloatRect> focusOrder() const;
    [[nodiscard]] std::optional<sf::FloatRect> focusedRect() const;

private:
    enum class Control { Back, Card, OpenFile, Start };
    struct Focus {
        Control control;
        std::size_t index = 0; // which card
        bool operator==(const Focus&) const = default;
    };
    struct Card {
        float top = 0.f; // in the scrolling content
        float height = 0.f;
        std::vector<sf::String> title;
        std::vector<sf::String> details;
    };
    [[nodiscard]] std::vector<Focus> focusables() const;
    [[nodiscard]] sf::FloatRect rectOf(Focus focus) const;
    void choose(std::size_t index); // selects a card and scrolls it into view
    void activate(Focus focus, sf::Keyboard::Key key);
    void startSelected();

    std::vector<Entry> m_programs;
    const Fonts& m_fonts;
    std::string m_lang;
    std::function<void(const Entry&)> m_start;
    std::function<void()> m_back;
    std::size_t m_selected = 0;
    sf::Vector2f m_size{1280.f, 800.f};
    ScreenHeader m_header; // Back, the title and the keys, wrapped
    std::vector<Card> m_cards;
    std::vector<sf::String> m_hint; // without Open a program file…: how to bring one in
    float m_hintTop = 0.f;
    ScrollArea m_scroll;
    sf::FloatRect m_startButton;
    std::function<void()> m_openFile;
    sf::FloatRect m_openFileButton;
    std::optional<Focus> m_focus;
};

} // namespace motus::app
