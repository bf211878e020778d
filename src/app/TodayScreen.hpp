#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/Streaks.hpp"
#include "service/Practice.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// The first screen when a program is assigned: today's routine to start, this morning's pain
// (one tap), the streak, the week's adherence, a calendar, the latest dose changes with their
// reasons and the flags for the therapist, and the printable handout and report (src/document).
// A thin presenter of service::Practice::todayView().
class TodayScreen final : public Screen {
public:
    struct Actions {
        std::function<void(const std::vector<service::ItemView>&)> start; // play these
        std::function<void()> library;
        std::function<void()> history;            // every dose change
        std::function<void()> worrying;           // "Something new or worrying?": the warning signs
        std::function<void()> settings = nullptr; // the settings screen (F2 or ",")
        // One exercise of the routine opened (clicked, or chosen with ↑ ↓ and Enter).
        std::function<void(const service::ItemView&)> open{};
    };

    TodayScreen(service::Practice& practice, const Fonts& fonts, std::string lang, Actions actions);

    // The Settings button at the top (for tests and the layout check).
    [[nodiscard]] sf::FloatRect settingsButton() const { return m_settingsButton.rect; }
    // Start today's routine and the pain numbers 0-10 (in window coordinates, as every rect
    // here): they never scroll. Below them, what scrolls when the window is small (the
    // routine's exercises in a narrow window, the calendar, the chart, the changes).
    [[nodiscard]] sf::FloatRect startButton() const { return m_startButton.rect; }
    [[nodiscard]] std::vector<sf::FloatRect> painButtons() const;
    [[nodiscard]] sf::FloatRect scrollArea() const { return m_scroll.area(); }
    [[nodiscard]] float scrollOffset() const { return m_scroll.offset(); }

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time elapsed) override;
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    // Reads the journal again (after a session or a check-in).
    void refresh();
    // "Open a program file…" (O): a program from a file, through its preview; the button sits
    // above the handout and the report.
    void setOpenFileAction(std::function<void()> action);
    [[nodiscard]] sf::FloatRect openFileButton() const;
    void checkIn(int morningPain);
    // Takes back today's saved morning pain and what it changed (service::Practice).
    void undoMorningPain();
    // Today's morning pain is saved and may still be undone: shown with an Undo button.
    [[nodiscard]] bool showsSavedPain() const;
    [[nodiscard]] sf::FloatRect undoButton() const { return m_undoButton.rect; }
    // The rows of the routine's exercises (each opens its exercise), and the one chosen with
    // the arrow keys.
    [[nodiscard]] std::vector<sf::FloatRect> itemRects() const;
    [[nodiscard]] std::optional<std::size_t> selectedItem() const { return m_selected; }
    // The keyboard's way through the screen: Tab and Shift+Tab move the focus over every
    // control in reading order (the buttons at the top, the pain numbers with Save and Cancel,
    // Undo, the routine's exercises, Start, Open a program file…, Handout, Report), Enter and
    // Space do what a click does, Esc lets go. The rectangles in that order, and the focused
    // one (none before the first Tab).
    [[nodiscard]] std::vector<sf::FloatRect> focusOrder() const;
    [[nodiscard]] std::optional<sf::FloatRect> focusedRect() const;
    // Writes the handout of the program (doses in force) or the report for the therapist as
    // HTML into the documents folder ($XDG_DOCUMENTS_DIR, else ~/Documents, else the home
    // folder) and says where; returns the file, or nothing when it could not be written.
    std::optional<std::filesystem::path> writeHandout();
    std::optional<std::filesystem::path> writeReport();
    // A line about the last action (e.g. what the rules decided after the session).
    void showMessage(std::string message);
    [[nodiscard]] const service::TodayView& view() const { return m_view; }
    [[nodiscard]] bool askingMorningPain() const { return m_askMorning; }
    // A morning pain chosen but not saved yet: it changes doses, so it is confirmed first.
    [[nodiscard]] std::optional<int> pendingMorningPain() const { return m_pendingPain; }
    [[nodiscard]] const std::string& message() const { return m_message; }

    // What the screen says (drawn as given; the tests read it too).
    [[nodiscard]] std::string titleText() const;         // "Tuesday, 10 November 2026"
    [[nodiscard]] std::string routineHeading() const;    // "Your routine · week 2 of 6 · …"
    [[nodiscard]] std::string sessionLengthText() const; // "About 18 minutes"; "" without one
    [[nodiscard]] std::vector<std::string> stateLines() const; // not started, complete, stopped
    [[nodiscard]] std::string adherenceText() const;           // "Last 7 days: 86% of sessions"
    // The calendar: the last five weeks, Monday first, each day with its number and its mark
    // (no mark before the start and after the date).
    struct CalendarDay {
        core::Date date;
        std::optional<core::DayMark> mark;
        std::string label; // the day of the month
    };
    [[nodiscard]] std::vector<CalendarDay> calendarDays() const;
    // The legend: what each mark on the calendar means, in the order drawn.
    [[nodiscard]] std::vector<std::pair<core::DayMark, std::string>> calendarLegend() const;
    // The morning-pain chart's labels: the scale's ends ("0", "10"), the first and the last
    // date, and each morning's value (one per bar).
    struct PainChartLabels {
        std::string low, high, first, last;
        std::vector<std::string> values;
    };
    [[nodiscard]] PainChartLabels painChartLabels() const;

private:
    enum class TopButton { History, Library, Worrying, Settings };
    [[nodiscard]] static std::string topLabel(TopButton button, bool hint);

    void layout();
    void layoutFor(bool wide); // two columns, or one (also when two leave too little room)
    [[nodiscard]] float stoppedHeight(float width) const; // the stopped exercises' lines
    // The parts of layout(): the day and the buttons at the top, the morning's question (or
    // its saved answer), the rows of the routine's exercises. Each returns its bottom.
    float layoutHeader();
    float layoutMorning(float top);
    float layoutRows(sf::Vector2f at, float width, std::optional<float> room);
    // The routine's heading, length and state, and the progress (calendar, streak, legend,
    // chart, flags, changes) from `at` in `width`: drawn when there is a target; the height.
    float routineHead(sf::RenderTarget* target, sf::Vector2f at, float width) const;
    float progress(sf::RenderTarget* target, sf::Vector2f at, float width) const;
    // A control that takes the focus: its kind and, for the pain numbers and the exercises,
    // which one.
    enum class Control {
        Settings,
        History,
        Library,
        Worrying,
        Pain,
        SavePain,
        CancelPain,
        Undo,
        Item,
        Start,
        OpenFile,
        Handout,
        Report
    };
    struct Focus {
        Control control;
        std::size_t index = 0;
        bool operator==(const Focus&) const = default;
    };
    [[nodiscard]] std::vector<Focus> focusables() const;
    [[nodiscard]] std::optional<Focus> currentFocus() const;
    [[nodiscard]] sf::FloatRect rectOf(Focus focus) const;
    // Where a control is in its own coordinates: the scrolled content's for those that scroll.
    [[nodiscard]] sf::FloatRect placeOf(Focus focus) const;
    [[nodiscard]] bool scrolled(Control control) const;
    [[nodiscard]] sf::FloatRect onScreen(sf::FloatRect content) const;
    // Scrolls the focused control into view.
    void showFocus();
    void handleInput(const sf::Event& event);
    void moveFocus(int step);
    void activate(Focus focus);
    [[nodiscard]] std::vector<service::ItemView> remaining() const;
    [[nodiscard]] bool canStart() const;
    void drawCalendar(sf::RenderTarget& target, sf::Vector2f at) const;
    // Returns the height it took.
    float drawPainChart(sf::RenderTarget* target, sf::FloatRect area) const;
    std::optional<std::filesystem::path> writeDocument(bool report);

    service::Practice& m_practice;
    const Fonts& m_fonts;
    std::string m_lang;
    Actions m_actions;

    service::TodayView m_view;
    bool m_askMorning = false;
    std::optional<int> m_pendingPain;
    std::string m_message; // the outcome of the last action, shown once

    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_routineRect;
    sf::FloatRect m_progressRect;
    Hit m_startButton;
    Hit m_libraryButton;
    Hit m_historyButton;
    Hit m_settingsButton;
    Hit m_worryingButton;
    unsigned m_topButtonSize = typeSize::body; // the type of the buttons at the top
    bool m_topHints = true;                    // their key hints, when there is room
    Hit m_undoButton;
    std::optional<std::size_t> m_selected; // an exercise of the routine chosen with the keys
    Hit m_savePainButton;
    Hit m_cancelPainButton;
    Hit m_handoutButton;
    Hit m_reportButton;
    Hit m_openFileButton; // above the handout and the report, with an open-file action
    std::function<void()> m_openFile;
    std::vector<Hit> m_painButtons; // 0..10
    std::optional<Focus> m_focus;   // the control Tab moved to

    // The layout for the window's size: two columns when wide, else one column whose lower
    // part scrolls between the morning's question and the Start button.
    bool m_wide = true;
    float m_pad = 28.f;
    unsigned m_titleSize = typeSize::title;
    bool m_titleSplit = false; // the weekday above the date
    float m_titleTop = 26.f;
    std::vector<sf::String> m_question; // the morning's question, wrapped
    float m_questionTop = 92.f;
    bool m_painHints = true;  // Save and Cancel with their keys, when there is room
    float m_savedTop = 102.f; // the saved answer beside Undo
    // A row of the routine (an exercise): its name and dose as drawn; `cut` when shortened
    // (the whole in a tooltip).
    struct Row {
        sf::FloatRect rect;
        std::vector<sf::String> name, dose;
        bool cut = false;
    };
    std::vector<Row> m_rows;  // in the scrolled content when narrow
    float m_rowsBottom = 0.f; // where the stopped exercises are listed
    std::vector<sf::String> m_messageLines;
    sf::FloatRect m_messageRect;
    bool m_messageCut = false;
    ScrollArea m_scroll;
    sf::Vector2f m_headAt; // the routine's heading (narrow: in the scrolled content)
    float m_headWidth = 0.f;
    sf::Vector2f m_progressAt; // the progress, in the scrolled content
    float m_progressWidth = 0.f;
    sf::FloatRect m_progressPanel;      // narrow: the panel around it, in the scrolled content
    sf::Vector2f m_pointer{-1.f, -1.f}; // the mouse, for tooltips
};

} // namespace motus::app
