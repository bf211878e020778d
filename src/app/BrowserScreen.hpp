#pragma once
#include "MannequinDraw.hpp"
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/Library.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// The library browser: filter by region, position and goal; read one exercise's
// instructions, cues, cautions, dose and variants.
class BrowserScreen final : public Screen {
public:
    BrowserScreen(const core::Library& library, const Fonts& fonts, std::string lang,
                  std::size_t skippedFiles, std::function<void(const core::Exercise&)> onPlay = {},
                  std::function<void()> onBack = {});

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time elapsed) override;
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    // Shows a "Start a program" button that calls `action` (when no program is assigned).
    void setProgramsAction(std::function<void()> action) { m_onPrograms = std::move(action); }
    // A "Settings" button beside the filters (and F2 or ","): opens the settings screen.
    [[nodiscard]] sf::FloatRect settingsButton() const { return m_settingsButton.rect; }
    void setSettingsAction(std::function<void()> action) {
        m_onSettings = std::move(action);
        layoutChips();
    }
    // Shows a "New program" button (N) that opens the program builder.
    void setNewProgramAction(std::function<void()> action) {
        m_onNewProgram = std::move(action);
        layoutChips();
    }
    [[nodiscard]] sf::FloatRect newProgramButton() const { return m_newProgramButton.rect; }

    // Selects an exercise by id (clearing filters that hide it); false when unknown.
    bool select(const std::string& id);
    [[nodiscard]] const core::Exercise* selected() const;
    [[nodiscard]] std::size_t visibleCount() const { return m_visible.size(); }

    // The keyboard's way through the screen: Tab and Shift+Tab move the focus over Back (when
    // shown), New program, Settings, the three filters, Start a program, the list (↑ ↓ inside
    // it) and Try it; Enter and Space do what a click does (a filter opens its menu, whose
    // values ↑ ↓ or Tab go through, Enter or Space choose, Esc closes); Esc lets go of the focus.
    // The rectangles in that order, and the focused one (a value of the open menu when it
    // has the focus; none before the first Tab).
    [[nodiscard]] std::vector<sf::FloatRect> focusOrder() const;
    [[nodiscard]] std::optional<sf::FloatRect> focusedRect() const;

    enum class FilterKind { Region, Position, Goal };
    // Moves a filter to its next (or previous) value; the last step returns to "all".
    void cycleFilter(FilterKind kind, int step);
    void setFilter(FilterKind kind, int value);
    void clearFilters();
    // Where a filter's drop-down button is.
    [[nodiscard]] sf::FloatRect filterButton(FilterKind kind) const {
        return m_chips.at(static_cast<std::size_t>(kind)).hit.rect;
    }

private:
    struct Chip {
        FilterKind kind;
        int value;        // -1 = all
        sf::String label; // shortened to fit when it must
        Hit hit;
        sf::String full = {}; // the whole label when it was shortened
    };
    struct DetailLine {
        sf::String text;
        const sf::Font* font;
        unsigned size;
        sf::Color colour;
        float x;
        float y;                         // relative to the top of the details content
        std::optional<std::string> link; // exercise id to open when clicked
    };

    enum class Control { Back, NewProgram, Settings, Chip, Programs, List, Play };
    struct Focus {
        Control control;
        std::size_t index = 0; // which filter
        bool operator==(const Focus&) const = default;
    };
    [[nodiscard]] std::vector<Focus> focusables() const;
    [[nodiscard]] std::optional<Focus> currentFocus() const;
    [[nodiscard]] sf::FloatRect rectOf(Focus focus) const;
    void moveFocus(int step);
    // Enter or Space on the focused control; false when it leaves the key to the screen.
    bool activate(Focus focus, sf::Keyboard::Key key);
    // Opens the menu of a filter from the keyboard, its current value focused.
    void openMenuByKey(FilterKind kind);

    void refilter();
    void layoutChips();
    void layoutRows();
    void drawMenu(sf::RenderTarget& target) const;
    [[nodiscard]] std::vector<std::string> optionNames(FilterKind kind) const;
    [[nodiscard]] sf::String filterLabel(FilterKind kind) const;
    void layoutDetails();
    [[nodiscard]] sf::FloatRect playRect() const; // Try it, in window pixels (it scrolls)
    void moveSelection(int delta);
    void scrollDetails(float pixels);
    void ensureSelectionVisible();
    [[nodiscard]] int filterValue(FilterKind kind) const;
    [[nodiscard]] int optionCount(FilterKind kind) const;

    const core::Library& m_library;
    std::function<void(const core::Exercise&)> m_onPlay;
    std::function<void()> m_onBack; // Esc: back to the screen below, when there is one
    std::function<void()> m_onPrograms;
    Hit m_programsButton;
    Hit m_settingsButton;
    std::function<void()> m_onSettings;
    std::function<void()> m_onNewProgram;
    Hit m_newProgramButton;
    sf::FloatRect m_playLocal; // Try it in the details' content
    const Fonts& m_fonts;
    std::string m_lang;
    std::size_t m_skippedFiles;

    int m_region = -1;
    int m_position = -1;
    int m_goal = -1;
    std::vector<const core::Exercise*> m_visible;
    int m_selected = 0;
    float m_listScroll = 0.f;
    float m_detailScroll = 0.f;
    float m_detailHeight = 0.f;
    float m_figureY = 0.f; // top of the figure panel in the details content

    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_listRect;
    sf::FloatRect m_detailRect;
    sf::FloatRect m_figureRect;
    float m_rowHeight = 64.f;
    float m_chipsBottom = 0.f;
    std::vector<sf::String> m_titleLines; // the title, wrapped when narrow
    std::vector<PlacedText> m_keysLines;  // the keys in words, in rows
    float m_keysTop = 0.f;
    bool m_keysShown = true;
    std::vector<sf::String> m_warningLines; // files that could not be loaded
    sf::FloatRect m_warningRect;
    std::optional<sf::Vector2f> m_mouse; // where the pointer is (for the whole of a shortened name)
    std::vector<sf::String> m_rowNames;  // the list's names, shortened to fit
    std::vector<Chip> m_chips;           // the three filter buttons
    std::vector<Chip> m_menu;            // the values of the open filter
    std::optional<FilterKind> m_openMenu;
    std::optional<Focus> m_focus;           // the control Tab moved to
    std::optional<std::size_t> m_menuFocus; // the value of the open menu the keys are on
    std::vector<DetailLine> m_detailLines;
    // The start and the working position, turned together; framed where the details scroll.
    mutable std::vector<FigureStage> m_figurePoses;
    std::vector<sf::String> m_figureLabels;
};

} // namespace motus::app
