#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/Tracker.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// The journal, the program and the tracker the app works with, when a program is assigned.
struct TrackerSession {
    std::unique_ptr<core::Journal> journal;
    const core::Library* library = nullptr;
    core::Program program;
    core::ActiveProgram active;
    std::unique_ptr<core::Tracker> tracker;
};

// The first screen when a program is assigned: today's routine to start, this morning's pain
// (one tap), the streak, the week's adherence, a calendar and the latest dose changes with
// their reasons.
class TodayScreen final : public Screen {
public:
    struct Actions {
        std::function<void(const std::vector<core::TodayItem>&)> start; // play these
        std::function<void()> library;
        std::function<void()> history; // every dose change
    };

    TodayScreen(TrackerSession& session, const Fonts& fonts, std::string lang, Actions actions,
                std::function<core::Date()> today);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time elapsed) override;
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    // Reads the journal again (after a session or a check-in).
    void refresh();
    void checkIn(int morningPain);
    // A line about the last action (e.g. what the rules decided after the session).
    void showMessage(std::string message) { m_message = std::move(message); }
    [[nodiscard]] const core::TodayPlan& plan() const { return m_plan; }
    [[nodiscard]] bool askingMorningPain() const { return m_askMorning; }

private:
    void layout();
    [[nodiscard]] std::vector<core::TodayItem> remaining() const;

    TrackerSession& m_session;
    const Fonts& m_fonts;
    std::string m_lang;
    Actions m_actions;
    std::function<core::Date()> m_today;

    core::Date m_date;
    core::TodayPlan m_plan;
    core::StreakResult m_streak;
    core::StreakUnit m_unit = core::StreakUnit::Days;
    double m_adherence = 0.0;
    std::vector<std::pair<core::Date, core::DayMark>> m_calendar;
    std::vector<std::pair<core::Date, int>> m_mornings; // the last weeks' morning pain
    std::vector<core::DoseChange> m_changes;            // newest first, a few
    bool m_askMorning = false;
    std::string m_message; // the outcome of the last action, shown once

    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_routineRect;
    sf::FloatRect m_progressRect;
    Hit m_startButton;
    Hit m_libraryButton;
    Hit m_historyButton;
    std::vector<Hit> m_painButtons; // 0..10
};

// "How did it go?": pain during (0-10), effort (CR10 0-10) and whether leg symptoms spread,
// recorded for every exercise done in the session; rules 1 and 2 act at once.
class FeedbackScreen final : public Screen {
public:
    FeedbackScreen(TrackerSession& session, const Fonts& fonts, std::vector<std::string> exercises,
                   core::Date date, std::function<void(const std::string&)> done);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    void choose(int question, int value);
    void save();

private:
    TrackerSession& m_session;
    const Fonts& m_fonts;
    std::vector<std::string> m_exercises;
    core::Date m_date;
    std::function<void(const std::string&)> m_done;
    int m_question = 0; // 0 pain, 1 effort, 2 legs
    std::array<int, 3> m_values{-1, -1, 0};
    sf::Vector2f m_size{1280.f, 800.f};
    std::array<std::vector<Hit>, 3> m_buttons;
    Hit m_save;
};

} // namespace motus::app
