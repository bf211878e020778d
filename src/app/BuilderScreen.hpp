#pragma once
#include "MannequinDraw.hpp"
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "service/ProgramDraft.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motus::app {

// The program builder (docs/program-format.md, "Building a program"): a therapist picks
// exercises from the library, sets each dose and its range of automatic change, the phases and
// the options, sees what the patient will do each week and how long a session takes, and saves
// the program file. Thin over service::ProgramDraft, which enforces every limit.
//
// Mouse: every control is a button. Keyboard: Tab and Shift+Tab go from control to control;
// Enter or Space presses a button; ↑ ↓ choose in a list (Enter adds the exercise chosen in the
// library); − + ← → or digits change a number; text fields take what is typed; Ctrl+S saves;
// Ctrl+PgUp and Ctrl+PgDn change the tab; Esc goes back (asking once when something is unsaved).
class BuilderScreen final : public Screen {
public:
    BuilderScreen(service::ProgramDraft draft, const Fonts& fonts, std::string lang,
                  std::function<void()> onBack);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    // Saves to `file` (true when written); status() says where, or why not. A file that exists
    // and is not the draft's own is replaced only when saved to a second time.
    bool saveTo(const std::filesystem::path& file);
    // Opens a program file to edit it in place of the draft (false, and status() says why, when
    // the loader refuses it).
    bool load(const std::filesystem::path& file);
    // Saves as a copy: a new id and a new file next to the default place.
    bool saveCopy();
    // Shows an "Open…" button (Ctrl+O) that asks for a program file to edit (the window's file
    // chooser or list, which calls load()). With unsaved changes it asks once first.
    void setOpenAction(std::function<void()> action);
    void askToOpen();
    // Writes the patient's handout of the program as built (planned doses) beside the program
    // file, as `<id>-handout.html`; status() says where. Nothing when something is missing.
    std::optional<std::filesystem::path> writeHandout();

    [[nodiscard]] const service::ProgramDraft& draft() const { return m_draft; }
    [[nodiscard]] const std::string& status() const { return m_status; }
    // The file the Save button writes (the file name field).
    [[nodiscard]] std::filesystem::path targetFile() const;
    // 0: the program's details; 1 + n: phase n.
    [[nodiscard]] std::size_t tab() const { return m_tab; }
    [[nodiscard]] std::optional<std::size_t> selectedItem() const { return m_item; }
    [[nodiscard]] const core::Exercise* libraryChoice() const;
    // Where a control is, by its key (e.g. "save", "add", "dose.reps", "range.reps.max");
    // an empty rectangle when it is not shown. For a number, `part` -1 and +1 are its − and +.
    [[nodiscard]] sf::FloatRect controlRect(const std::string& key, int part = 0) const;
    [[nodiscard]] std::string focusedKey() const;
    void focus(const std::string& key);
    // The part below the tabs that scrolls when the window is too small for it.
    [[nodiscard]] const ScrollArea& page() const { return m_page; }

private:
    enum class Kind { Button, Toggle, Number, Field, List };
    struct Control {
        std::string key;
        Kind kind = Kind::Button;
        sf::FloatRect rect;
        std::string label;
        bool primary = false;
        bool on = false; // a toggle's state; a selected tab
        std::function<void()> press;
        std::function<void(int)> step;        // numbers: ±1
        std::function<void(int)> set;         // numbers: a typed value
        std::function<int()> value;           // numbers
        std::string field;                    // fields: the key into m_fields
        std::function<void(int)> listMove;    // lists: ±1 and ±many
        std::function<void(float)> listClick; // lists: a click at this height in the list
        bool inPage = true;                   // in the scrolling page (not the header or tabs)
    };
    struct Label {
        sf::String text;
        const sf::Font* font;
        unsigned size;
        sf::Vector2f position;
        sf::Color colour;
    };
    struct Row {
        sf::String text;
        sf::String detail;
        std::string whole; // the text and detail whole when shortened, for the tooltip
        bool selected = false;
        bool warned = false;
    };

    void layout();
    float layoutProgramTab(float top);
    float layoutPhaseTab(float top);
    float layoutItem(sf::Vector2f at, float width, float figure);
    float layoutSummary(float top); // in the page, when the window is small
    float addText(const std::string& text, bool bold, unsigned size, sf::Vector2f at, float width,
                  sf::Color colour);
    void showFocused(); // scrolls the page to the focused control
    [[nodiscard]] sf::FloatRect shown(const Control& control) const; // in the window
    void refresh(); // after every change: warnings, summary, the library list
    void relayout(const std::string& keepFocus);
    void addSelected();
    void goBack();
    void say(const std::string& message, bool problem = false);
    void fieldChanged(const std::string& key); // `key` must not live in m_controls
    void syncFields();
    [[nodiscard]] std::size_t phaseIndex() const { return m_tab - 1; }
    [[nodiscard]] const Control* controlAt(sf::Vector2f point) const;
    void activate(const Control& control, sf::Vector2f at);
    void moveFocus(int delta);
    void drawControl(sf::RenderTarget& target, const Control& control, bool focused) const;
    void drawColumn(sf::RenderTarget& target, const std::vector<std::string>& entries,
                    std::size_t marked, sf::Vector2f at, float width, float limit) const;
    void drawList(sf::RenderTarget& target, const sf::View& window, const Control& control,
                  const std::vector<Row>& rows, float scroll) const;
    [[nodiscard]] std::vector<std::string> notes() const;
    void drawBottom(sf::RenderTarget& target)
        const; // the summary's panel (a wide window) // what is missing, then the warnings

    service::ProgramDraft m_draft;
    const Fonts& m_fonts;
    std::string m_lang;
    std::function<void()> m_onBack;

    std::size_t m_tab = 0;
    std::optional<std::size_t> m_item; // in the phase shown
    std::map<std::string, TextField> m_fields;
    bool m_fileByHand = false;
    std::optional<std::filesystem::path> m_confirmReplace;
    bool m_confirmLeave = false;
    std::function<void()> m_onOpen;
    bool m_confirmOpen = false;

    // The library column.
    int m_region = -1;
    int m_position = -1;
    int m_goal = -1;
    std::vector<const core::Exercise*> m_found;
    std::size_t m_choice = 0;
    float m_libraryScroll = 0.f;
    float m_routineScroll = 0.f;

    std::vector<Control> m_controls;
    std::vector<Label> m_labels;
    std::vector<Row> m_libraryRows;
    std::vector<Row> m_routineRows;
    std::size_t m_focus = 0;
    std::string m_typed; // digits typed into the focused number

    std::string m_status;
    bool m_statusProblem = false;
    std::vector<service::DraftWarning> m_warnings;
    std::vector<std::string> m_summary;
    std::vector<std::string> m_missing;

    // The figure of the chosen item: its start and working poses.
    const core::Exercise* m_figureExercise = nullptr;
    std::vector<FigureStage> m_figurePoses; // the start and the working position
    sf::FloatRect m_figureRect;

    sf::Vector2f m_size{1280.f, 800.f};
    bool m_wide = true;     // the summary in a panel at the bottom; else at the end of the page
    sf::FloatRect m_bottom; // that panel (wide), or the status bar (small windows)
    ScrollArea m_page;
    sf::FloatRect m_summaryRect; // in the page (small windows)
    std::vector<std::pair<sf::FloatRect, sf::Color>> m_summaryMarks;
    sf::String m_title;
    sf::Vector2f m_mouse{-1.f, -1.f};
};

} // namespace motus::app
