#include "TodayScreen.hpp"

#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kButtonHeight = 60.f;

core::Date daysBefore(core::Date d, int n) {
    return core::Date(std::chrono::sys_days(d) - std::chrono::days(n));
}

void drawButton(sf::RenderTarget& target, const Fonts& fonts, const Hit& hit,
                const std::string& label, bool primary, bool selected = false) {
    drawRoundedRect(target, hit.rect, 10.f, primary || selected ? colour::accent : colour::panel,
                    colour::panelBorder, primary || selected ? 0.f : 1.5f);
    const sf::String text = utf8(label);
    const float width = textWidth(text, primary ? fonts.bold : fonts.regular, typeSize::body);
    drawText(
        target, text, primary ? fonts.bold : fonts.regular, typeSize::body,
        {hit.rect.left + (hit.rect.width - width) / 2, hit.rect.top + (hit.rect.height - 30.f) / 2},
        primary || selected ? colour::accentText : colour::text);
}

} // namespace

TodayScreen::TodayScreen(TrackerSession& session, const Fonts& fonts, std::string lang,
                         Actions actions, std::function<core::Date()> today)
    : m_session(session), m_fonts(fonts), m_lang(std::move(lang)), m_actions(std::move(actions)),
      m_today(std::move(today)) {
    refresh();
}

void TodayScreen::refresh() {
    m_date = m_today();
    auto& tracker = *m_session.tracker;
    tracker.runDueReviews(m_date);
    m_plan = tracker.today(m_date);
    m_streak = tracker.streak(m_date, m_unit);
    m_adherence = tracker.adherence(daysBefore(m_date, 7), daysBefore(m_date, 1));
    m_calendar = tracker.calendar(m_date);
    m_mornings.clear();
    bool morningToday = false;
    for (const auto& c : m_session.journal->checkIns(daysBefore(m_date, 20), m_date)) {
        if (c.morningPain) {
            m_mornings.emplace_back(c.at.date, *c.morningPain);
            morningToday = morningToday || c.at.date == m_date;
        }
    }
    m_askMorning = !morningToday && !m_plan.stopped && !m_plan.before;
    auto changes = m_session.journal->doseChanges();
    std::reverse(changes.begin(), changes.end());
    changes.resize(std::min<std::size_t>(changes.size(), 4));
    m_changes = changes;
    layout();
}

std::vector<core::TodayItem> TodayScreen::remaining() const {
    std::vector<core::TodayItem> left;
    for (const auto& item : m_plan.items) {
        if (item.doneSets < item.prescription.dose.sets) {
            left.push_back(item);
        }
    }
    return left;
}

void TodayScreen::checkIn(int morningPain) {
    core::CheckIn c;
    c.at = core::stampNow();
    c.at.date = m_date;
    c.morningPain = morningPain;
    const auto changes = m_session.tracker->checkIn(c);
    m_message = changes.empty() ? std::string(tr("Thank you. Your morning pain is recorded."))
                                : changes.front().reason;
    refresh();
}

void TodayScreen::resize(sf::Vector2f size) {
    m_size = size;
    layout();
}

void TodayScreen::layout() {
    const float top = m_askMorning ? 190.f : 100.f;
    const float width = (m_size.x - 3 * kPad) / 2;
    m_routineRect = {kPad, top, width, m_size.y - top - kPad};
    m_progressRect = {2 * kPad + width, top, width, m_size.y - top - kPad};
    m_startButton = Hit{{m_routineRect.left + 24.f,
                         m_routineRect.top + m_routineRect.height - kButtonHeight - 24.f,
                         m_routineRect.width - 48.f, kButtonHeight}};
    m_libraryButton = Hit{{m_size.x - kPad - 260.f, 24.f, 260.f, 52.f}};
    m_historyButton = Hit{{m_size.x - kPad - 260.f - 16.f - 260.f, 24.f, 260.f, 52.f}};
    m_painButtons.clear();
    const float buttonWidth = std::min(58.f, (m_size.x - 2 * kPad - 10 * 8.f) / 11);
    for (int i = 0; i <= 10; ++i) {
        m_painButtons.push_back(
            Hit{{kPad + static_cast<float>(i) * (buttonWidth + 8.f), 126.f, buttonWidth, 52.f}});
    }
}

void TodayScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Enter && m_actions.start && !remaining().empty() &&
            !m_plan.stopped) {
            m_actions.start(remaining());
        } else if (key == sf::Keyboard::L && m_actions.library) {
            m_actions.library();
        } else if (key == sf::Keyboard::H && m_actions.history) {
            m_actions.history();
        } else if (m_askMorning && key >= sf::Keyboard::Num0 && key <= sf::Keyboard::Num9) {
            checkIn(static_cast<int>(key - sf::Keyboard::Num0));
        }
        return;
    }
    if (event.type != sf::Event::MouseButtonPressed ||
        event.mouseButton.button != sf::Mouse::Left) {
        return;
    }
    const sf::Vector2f at = clickPosition(event);
    if (m_askMorning) {
        for (std::size_t i = 0; i < m_painButtons.size(); ++i) {
            if (m_painButtons[i].contains(at)) {
                checkIn(static_cast<int>(i));
                return;
            }
        }
    }
    if (m_historyButton.contains(at) && m_actions.history) {
        m_actions.history();
    } else if (m_libraryButton.contains(at) && m_actions.library) {
        m_actions.library();
    } else if (m_startButton.contains(at) && m_actions.start && !remaining().empty() &&
               !m_plan.stopped) {
        m_actions.start(remaining());
    }
}

void TodayScreen::update(sf::Time) {
    // A new day while the window stays open: read the plan again.
    if (m_today() != m_date) {
        refresh();
    }
}

void TodayScreen::draw(sf::RenderTarget& target) const {
    drawText(target, utf8(fmt::format(fmt::runtime(tr("Today · {}")), core::formatDate(m_date))),
             m_fonts.bold, typeSize::title, {kPad, 24.f}, colour::text);
    drawText(target, utf8(m_session.program.titleIn(m_lang)), m_fonts.regular, typeSize::small,
             {kPad, 68.f}, colour::mutedText);
    drawButton(target, m_fonts, m_libraryButton, std::string(tr("Exercise library")) + " (L)",
               false);
    if (m_actions.history) {
        drawButton(target, m_fonts, m_historyButton, std::string(tr("All changes")) + " (H)",
                   false);
    }

    if (m_askMorning) {
        drawText(target, utf8(tr("How is your pain this morning? 0 = none, 10 = the worst")),
                 m_fonts.bold, typeSize::body, {kPad, 92.f}, colour::text);
        for (std::size_t i = 0; i < m_painButtons.size(); ++i) {
            drawButton(target, m_fonts, m_painButtons[i], std::to_string(i), false);
        }
    }

    // Today's routine.
    drawRoundedRect(target, m_routineRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    float y = m_routineRect.top + 20.f;
    const float left = m_routineRect.left + 24.f;
    if (m_plan.stopped) {
        drawRoundedRect(target, {left - 8.f, y, m_routineRect.width - 32.f, 200.f}, 10.f,
                        colour::warningGround, colour::warning, 2.f);
        float line = y + 16.f;
        for (const auto& text :
             wrapText(m_plan.advice, m_fonts.bold, typeSize::body, m_routineRect.width - 64.f)) {
            drawText(target, text, m_fonts.bold, typeSize::body, {left + 8.f, line}, colour::text);
            line += 32.f;
        }
    } else if (m_plan.before) {
        drawText(target, utf8(tr("Your program has not started yet.")), m_fonts.regular,
                 typeSize::body, {left, y}, colour::text);
    } else {
        drawText(target,
                 utf8(fmt::format(fmt::runtime(tr("Your routine · week {} · {}")), m_plan.week + 1,
                                  m_session.program.phases[m_plan.phase].nameIn(m_lang))),
                 m_fonts.bold, typeSize::heading, {left, y}, colour::text);
        y += 48.f;
        for (const auto& item : m_plan.items) {
            const bool done = item.doneSets >= item.prescription.dose.sets;
            drawText(target, utf8(done ? "✓" : "○"), m_fonts.bold, typeSize::heading, {left, y},
                     done ? colour::accent : colour::mutedText);
            drawText(target,
                     ellipsize(utf8(item.exercise->text(m_lang).name), m_fonts.bold, typeSize::body,
                               m_routineRect.width - 100.f),
                     m_fonts.bold, typeSize::body, {left + 40.f, y}, colour::text);
            drawText(target,
                     ellipsize(utf8(core::describeDose(item.prescription.dose)), m_fonts.regular,
                               typeSize::small, m_routineRect.width - 100.f),
                     m_fonts.regular, typeSize::small, {left + 40.f, y + 30.f}, colour::mutedText);
            y += 66.f;
        }
        const bool allDone = remaining().empty();
        if (allDone) {
            drawText(target, utf8(tr("All done for today. Well done!")), m_fonts.bold,
                     typeSize::heading, {left, m_startButton.rect.top + 12.f}, colour::accent);
        } else {
            drawButton(target, m_fonts, m_startButton,
                       std::string(tr("Start today's routine")) + "  ▶  (Enter)", true);
        }
    }
    if (!m_message.empty()) {
        drawText(target, utf8(m_message), m_fonts.regular, typeSize::small,
                 {left, m_startButton.rect.top - 36.f}, colour::mutedText);
    }

    // Progress.
    drawRoundedRect(target, m_progressRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    const float pl = m_progressRect.left + 24.f;
    float py = m_progressRect.top + 20.f;
    auto count = [&](int n) {
        const auto many = static_cast<unsigned long>(n);
        return fmt::format(fmt::runtime(m_unit == core::StreakUnit::Days
                                            ? core::trn("{} day", "{} days", many)
                                            : core::trn("{} week", "{} weeks", many)),
                           n);
    };
    drawText(target, utf8(fmt::format(fmt::runtime(tr("Streak: {}")), count(m_streak.current))),
             m_fonts.bold, typeSize::heading, {pl, py}, colour::text);
    py += 40.f;
    drawText(target,
             // xgettext:no-c-format
             utf8(fmt::format(fmt::runtime(tr("Longest: {} · last 7 days: {}% of sessions")),
                              count(m_streak.longest),
                              static_cast<int>(std::lround(m_adherence * 100)))),
             m_fonts.regular, typeSize::small, {pl, py}, colour::mutedText);
    py += 40.f;
    // The last five weeks as a calendar: filled = done, ring = missed but forgiven, cross =
    // missed, outline = today (shapes, not colours alone, tell them apart).
    const char* dayNames[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su")};
    const float cell = 34.f;
    for (int i = 0; i < 7; ++i) {
        drawText(target, utf8(tr(dayNames[i])), m_fonts.regular, typeSize::small,
                 {pl + static_cast<float>(i) * cell + 4.f, py}, colour::mutedText);
    }
    py += 28.f;
    const core::Date firstWeek = core::mondayOf(daysBefore(m_date, 28));
    for (int week = 0; week < 5; ++week) {
        for (int i = 0; i < 7; ++i) {
            const core::Date day =
                core::Date(std::chrono::sys_days(firstWeek) + std::chrono::days(7 * week + i));
            const sf::FloatRect box{pl + static_cast<float>(i) * cell, py, cell - 8.f, cell - 8.f};
            auto it = std::find_if(m_calendar.begin(), m_calendar.end(),
                                   [&](const auto& entry) { return entry.first == day; });
            if (it == m_calendar.end()) {
                drawRoundedRect(target, box, 5.f, colour::background);
                continue;
            }
            switch (it->second) {
            case core::DayMark::Done:
                drawRoundedRect(target, box, 5.f, colour::accent);
                break;
            case core::DayMark::Forgiven:
                drawRoundedRect(target, box, 5.f, colour::panel, colour::warning, 3.f);
                break;
            case core::DayMark::Missed:
                drawRoundedRect(target, box, 5.f, colour::warningGround);
                drawText(target, utf8("✗"), m_fonts.bold, typeSize::small,
                         {box.left + 6.f, box.top}, colour::text);
                break;
            default:
                drawRoundedRect(target, box, 5.f, colour::panel, colour::text, 2.f);
            }
        }
        py += cell;
    }
    py += 16.f;
    // Morning pain over the last three weeks, as bars of 0-10.
    drawText(target, utf8(tr("Morning pain")), m_fonts.bold, typeSize::small, {pl, py},
             colour::text);
    py += 30.f;
    const float barWidth = std::max(6.f, (m_progressRect.width - 48.f) / 21.f - 4.f);
    for (const auto& [date, pain] : m_mornings) {
        const long back = (std::chrono::sys_days(m_date) - std::chrono::sys_days(date)).count();
        const float x = pl + static_cast<float>(20 - back) * (barWidth + 4.f);
        const float h = 6.f + 5.f * static_cast<float>(pain);
        sf::RectangleShape bar({barWidth, h});
        bar.setPosition(x, py + 56.f - h);
        bar.setFillColor(pain >= 6 ? colour::warning : colour::figureFar);
        target.draw(bar);
    }
    py += 76.f;
    drawText(target, utf8(tr("Latest changes to your doses")), m_fonts.bold, typeSize::small,
             {pl, py}, colour::text);
    py += 30.f;
    if (m_changes.empty()) {
        drawText(target, utf8(tr("None yet: your weekly reviews will appear here.")),
                 m_fonts.regular, typeSize::small, {pl, py}, colour::mutedText);
    }
    const float bottom = m_progressRect.top + m_progressRect.height - 12.f;
    for (const auto& change : m_changes) {
        const auto lines =
            wrapText(change.reason, m_fonts.regular, typeSize::small, m_progressRect.width - 48.f);
        if (py + 24.f * static_cast<float>(lines.size() + 1) > bottom) {
            break; // only changes that fit whole
        }
        const core::Exercise* ex =
            m_session.library != nullptr ? m_session.library->find(change.to.exercise) : nullptr;
        const std::string who = change.exercise.empty() ? std::string(tr("the program"))
                                : ex != nullptr         ? ex->text(m_lang).name
                                                        : change.exercise;
        const std::string head = core::formatDate(change.date) + " · " + who;
        drawText(target, utf8(head), m_fonts.bold, typeSize::small, {pl, py}, colour::text);
        py += 24.f;
        for (const auto& line : lines) {
            drawText(target, line, m_fonts.regular, typeSize::small, {pl, py}, colour::mutedText);
            py += 24.f;
        }
        py += 8.f;
    }
}

// --- feedback ---------------------------------------------------------------------------

FeedbackScreen::FeedbackScreen(TrackerSession& session, const Fonts& fonts,
                               std::vector<std::string> exercises, core::Date date,
                               std::function<void(const std::string&)> done)
    : m_session(session), m_fonts(fonts), m_exercises(std::move(exercises)), m_date(date),
      m_done(std::move(done)) {}

void FeedbackScreen::resize(sf::Vector2f size) {
    m_size = size;
    const float width = std::min(70.f, (size.x - 2 * kPad - 10 * 8.f) / 11);
    for (int q = 0; q < 2; ++q) {
        m_buttons[static_cast<std::size_t>(q)].clear();
        for (int i = 0; i <= 10; ++i) {
            m_buttons[static_cast<std::size_t>(q)].push_back(
                Hit{{kPad + static_cast<float>(i) * (width + 8.f),
                     170.f + 190.f * static_cast<float>(q), width, 60.f}});
        }
    }
    m_buttons[2] = {Hit{{kPad, 550.f, 200.f, 60.f}}, Hit{{kPad + 220.f, 550.f, 200.f, 60.f}}};
    m_save = Hit{{size.x - kPad - 320.f, size.y - kPad - 64.f, 320.f, 64.f}};
}

void FeedbackScreen::choose(int question, int value) {
    m_values[static_cast<std::size_t>(question)] = value;
    m_question = std::min(2, question + 1);
}

void FeedbackScreen::save() {
    std::string outcome = tr("Thank you. Your session is recorded.");
    for (const auto& exercise : m_exercises) {
        core::Feedback f;
        f.date = m_date;
        f.exercise = exercise;
        if (m_values[0] >= 0) {
            f.pain = m_values[0];
        }
        if (m_values[1] >= 0) {
            f.effort = m_values[1];
        }
        f.leg = m_values[2] == 1 ? core::LegChange::Worse : core::LegChange::Same;
        for (const auto& change : m_session.tracker->recordFeedback(f)) {
            outcome = change.reason;
        }
    }
    m_done(outcome);
}

void FeedbackScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Enter) {
            save();
        } else if (key == sf::Keyboard::Up) {
            m_question = std::max(0, m_question - 1);
        } else if (key == sf::Keyboard::Down) {
            m_question = std::min(2, m_question + 1);
        } else if (key == sf::Keyboard::Left || key == sf::Keyboard::Right) {
            auto& value = m_values[static_cast<std::size_t>(m_question)];
            const int top = m_question == 2 ? 1 : 10;
            value = std::clamp(value + (key == sf::Keyboard::Right ? 1 : -1), 0, top);
        } else if (key >= sf::Keyboard::Num0 && key <= sf::Keyboard::Num9 && m_question < 2) {
            choose(m_question, static_cast<int>(key - sf::Keyboard::Num0));
        }
        return;
    }
    if (event.type == sf::Event::MouseButtonPressed &&
        event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        for (int q = 0; q < 3; ++q) {
            const auto& row = m_buttons[static_cast<std::size_t>(q)];
            for (std::size_t i = 0; i < row.size(); ++i) {
                if (row[i].contains(at)) {
                    choose(q, static_cast<int>(i));
                    return;
                }
            }
        }
        if (m_save.contains(at)) {
            save();
        }
    }
}

void FeedbackScreen::draw(sf::RenderTarget& target) const {
    drawText(target, utf8(tr("How did it go?")), m_fonts.bold, typeSize::title, {kPad, 24.f},
             colour::text);
    const char* questions[] = {
        N_("How much did it hurt during the exercises? 0 = not at all, 10 = the worst"),
        N_("How hard was it? 0 = nothing at all, 3 = moderate, 5 = hard, 10 = maximal"),
        N_("Did pain, numbness or tingling spread further down your leg?")};
    for (int q = 0; q < 3; ++q) {
        const float y = 120.f + 190.f * static_cast<float>(q);
        drawText(target, utf8(tr(questions[q])), m_fonts.bold, typeSize::body, {kPad, y},
                 q == m_question ? colour::accent : colour::text);
        const auto& row = m_buttons[static_cast<std::size_t>(q)];
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string label = q < 2 ? std::to_string(i) : (i == 0 ? tr("No") : tr("Yes"));
            drawButton(target, m_fonts, row[i], label, false,
                       m_values[static_cast<std::size_t>(q)] == static_cast<int>(i));
        }
    }
    drawButton(target, m_fonts, m_save, std::string(tr("Save")) + "  (Enter)", true);
}

} // namespace motus::app
