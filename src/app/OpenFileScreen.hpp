#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "service/FileChooser.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// "Open a program file…" where the desktop has no file chooser: the program files found in the
// usual folders (service::findProgramFiles), newest first, each with its name, folder and date,
// in a scrolling list. ↑ ↓ (PgUp PgDn Home End) choose, Enter or Open opens the file's preview,
// Esc or Back goes back. A click chooses a row; a click on the chosen row opens it. Tab and
// Shift+Tab move the focus over Back, the list and Open; Enter or Space on one does what a
// click does. A name or folder shortened to fit shows whole under the pointer or the focus.
class OpenFileScreen final : public Screen {
public:
    OpenFileScreen(std::vector<service::ProgramFileEntry> files,
                   std::vector<std::filesystem::path> folders, const Fonts& fonts,
                   std::function<void(const std::filesystem::path&)> open,
                   std::function<void()> back);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] const std::vector<service::ProgramFileEntry>& files() const { return m_files; }
    [[nodiscard]] std::size_t selected() const { return m_selected; }
    [[nodiscard]] float scroll() const { return m_scroll; }
    [[nodiscard]] sf::FloatRect openButton() const { return m_openButton; }
    // Where row `i` is drawn now (scrolled), in window pixels.
    [[nodiscard]] sf::FloatRect rowRect(std::size_t i) const;
    // The controls in Tab's order, and the focused one (none before the first Tab).
    [[nodiscard]] std::vector<sf::FloatRect> focusOrder() const;
    [[nodiscard]] std::optional<sf::FloatRect> focusedRect() const;

private:
    enum class Focus { Back, List, Open };
    [[nodiscard]] std::vector<Focus> focusables() const;
    [[nodiscard]] sf::FloatRect rectOf(Focus focus) const;
    void select(std::size_t index);
    void openSelected();
    // The name and the folder of a row as drawn (shortened to fit), and whether either was.
    struct RowText {
        sf::String name, folder;
        bool shortened = false;
    };
    [[nodiscard]] RowText rowText(std::size_t i) const;
    [[nodiscard]] std::string countText() const;

    std::vector<service::ProgramFileEntry> m_files;
    std::vector<std::filesystem::path> m_folders;
    const Fonts& m_fonts;
    std::function<void(const std::filesystem::path&)> m_open;
    std::function<void()> m_back;
    std::size_t m_selected = 0;
    float m_scroll = 0.f;
    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_area;
    sf::FloatRect m_openButton;
    ScreenHeader m_header;     // Back, the title and the keys, wrapped
    bool m_countAbove = false; // the count of files above the button (a narrow window)
    std::optional<Focus> m_focus;
    std::optional<std::size_t> m_hover; // the row under the pointer
};

} // namespace motus::app
