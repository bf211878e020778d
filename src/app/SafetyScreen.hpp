#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/Decision.hpp"
#include "service/Practice.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// "Something new or worrying?": the warning signs of rule 0 (clinical-rules.md) in plain words,
// reachable from Today at any time. Reporting one stores it as a check-in (the program stops at
// once and the therapist is flagged) and turns the screen into what to do now: seek care today,
// what to tell them. Nothing is ticked at first; Enter reports only what is ticked, and with
// nothing ticked it does nothing. Keys: 1-5 or Space tick, ↑ ↓ move, Enter report, Esc back.
//
// In the first run (given `back`), the same questions come before any program: "None of these:
// continue" (N, or Enter with nothing ticked) calls `done` without a report, Back and Esc call
// `back`, and the advice after a report says not to start exercises. `reported()` tells the two
// ends apart.
class SafetyScreen final : public Screen {
public:
    SafetyScreen(service::Practice& practice, const Fonts& fonts, std::function<void()> done,
                 std::function<void()> back = {});

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    static constexpr std::array<core::RedFlag, 5> kSigns{
        core::RedFlag::SaddleNumbness, core::RedFlag::BladderBowel, core::RedFlag::LegWeakness,
        core::RedFlag::FeverWeightLoss, core::RedFlag::MajorTrauma};

    [[nodiscard]] bool ticked(std::size_t sign) const { return m_ticked.at(sign); }
    [[nodiscard]] bool reported() const { return m_reported; }
    [[nodiscard]] const std::string& failure() const { return m_failure; }
    [[nodiscard]] sf::FloatRect reportButton() const { return m_reportButton.rect; }
    [[nodiscard]] sf::FloatRect noneButton() const { return m_noneButton.rect; }
    [[nodiscard]] sf::FloatRect doneButton() const { return m_doneButton.rect; }
    // After a report (not in the first run): "Report for my therapist" saves the report for the
    // therapist with `save`, which returns what to tell the patient (where it was saved).
    void setTherapistReport(std::function<std::string()> save);
    [[nodiscard]] sf::FloatRect therapistReportButton() const {
        return m_reported ? m_therapistButton.rect : sf::FloatRect{};
    }
    [[nodiscard]] const std::string& savedMessage() const { return m_saved; }
    // Where sign `sign` is in the window now (its list scrolls).
    [[nodiscard]] sf::FloatRect row(std::size_t sign) const;
    // The keyboard's focus: Tab and Shift+Tab go through Back, the signs, Report and None (after
    // a report: the button back); 0-4 are the signs.
    static constexpr int kBack = -1, kReport = 5, kNone = 6, kDone = 7, kTherapist = 8;
    [[nodiscard]] std::optional<int> focus() const { return m_focus; }

private:
    void layout();
    void layoutAdvice();
    [[nodiscard]] std::string reportLabel() const;
    [[nodiscard]] std::string noneLabel() const;
    [[nodiscard]] std::string doneLabel() const;
    [[nodiscard]] std::string therapistLabel() const;
    void saveTherapistReport();
    [[nodiscard]] std::vector<int> focusOrder() const;
    // Moves the focus to `control`, a sign scrolled into view.
    void focusOn(int control);
    void none();
    void goBack();
    [[nodiscard]] std::string title() const;
    [[nodiscard]] std::string intro() const;
    void toggle(std::size_t sign);
    void report();
    [[nodiscard]] bool anyTicked() const;

    service::Practice& m_practice;
    const Fonts& m_fonts;
    std::function<void()> m_done;
    std::function<void()> m_back;              // the first run's step back; empty otherwise
    std::function<std::string()> m_saveReport; // the report for the therapist; may be empty
    std::string m_saved;                       // what saving it said
    std::array<bool, kSigns.size()> m_ticked{};
    std::optional<int> m_focus = 0; // the first sign, so that Space ticks it
    bool m_reported = false;
    std::string m_failure; // a check-in that could not be stored
    bool m_keys = true;    // the buttons' labels name their keys (not when narrow)

    sf::Vector2f m_size{1280.f, 800.f};
    ScreenHeader m_header;
    ScrollArea m_list;                               // the signs
    std::vector<Hit> m_rows;                         // in the list's content coordinates
    std::vector<std::vector<sf::String>> m_rowLines; // each sign's text, wrapped to its row
    std::vector<sf::String> m_introLines;
    struct Line {
        sf::String text;
        const sf::Font* font;
        unsigned size;
        sf::Color colour;
        float x;
        float y;
    };
    std::vector<Line> m_advice; // after a report: what to do now
    ScrollArea m_adviceArea;
    Hit m_reportButton;
    Hit m_noneButton;
    Hit m_doneButton;
    Hit m_therapistButton; // after a report, beside or above Back to today
};

// A warning sign in a patient's words.
[[nodiscard]] std::string signText(core::RedFlag sign);

} // namespace motus::app
