#include "TodayScreen.hpp"

#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/Names.hpp"
#include "core/Reasons.hpp"
#include "document/Handout.hpp"
#include "document/Report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kButtonHeight = 60.f;

core::Date daysBefore(core::Date d, int n) {
    return core::Date(std::chrono::sys_days(d) - std::chrono::days(n));
}

// Where printable documents go: $XDG_DOCUMENTS_DIR, else ~/Documents, else the home folder.
std::filesystem::path documentsFolder() {
    std::error_code ec;
    if (const char* dir = std::getenv("XDG_DOCUMENTS_DIR");
        dir != nullptr && *dir != '\0' && std::filesystem::is_directory(dir, ec)) {
        return dir;
    }
    const char* home = std::getenv("HOME");
    const std::filesystem::path base = home != nullptr && *home != '\0' ? home : ".";
    if (std::filesystem::is_directory(base / "Documents", ec)) {
        return base / "Documents";
    }
    return base;
}

} // namespace

TodayScreen::TodayScreen(service::Practice& practice, const Fonts& fonts, std::string lang,
                         Actions actions)
    : m_practice(practice), m_fonts(fonts), m_lang(std::move(lang)), m_actions(std::move(actions)) {
    refresh();
}

void TodayScreen::refresh() {
    m_view = m_practice.todayView();
    m_askMorning = !m_view.checkedInToday && m_view.state != service::ProgramState::Stopped &&
                   m_view.state != service::ProgramState::NotStarted;
    layout();
}

std::vector<service::ItemView> TodayScreen::remaining() const {
    std::vector<service::ItemView> left;
    for (const auto& item : m_view.items) {
        if (!item.done()) {
            left.push_back(item);
        }
    }
    return left;
}

bool TodayScreen::canStart() const {
    return m_actions.start && !remaining().empty() &&
           (m_view.state == service::ProgramState::Active ||
            m_view.state == service::ProgramState::Complete);
}

void TodayScreen::checkIn(int morningPain) {
    m_pendingPain.reset();
    core::CheckIn c;
    c.at = core::stampNow();
    c.at.date = m_view.date;
    c.morningPain = morningPain;
    try {
        const auto result = m_practice.checkIn(c);
        m_message = result.changes.empty()
                        ? std::string(tr("Thank you. Your morning pain is recorded."))
                        : core::reasonText(result.changes.front(), &m_practice.library(),
                                           m_practice.program());
    } catch (const std::exception& e) {
        m_message = fmt::format(fmt::runtime(tr("Your answer could not be saved ({}). Please try "
                                                "again in a moment.")),
                                e.what());
        return;
    }
    refresh();
}

std::optional<std::filesystem::path> TodayScreen::writeDocument(const char* what, bool report) {
    const auto file = documentsFolder() /
                      fmt::format("motus-{}-{}.html", what, core::formatDate(m_practice.today()));
    try {
        const std::string html =
            report ? document::reportHtml(m_practice, {}) : document::handoutOfCurrent(m_practice);
        service::writeExport(file, html, m_practice.journalFile());
    } catch (const std::exception& e) {
        m_message = fmt::format(fmt::runtime(tr("The file could not be written: {}")), e.what());
        return std::nullopt;
    }
    m_message = fmt::format(fmt::runtime(report ? tr("Report saved as {}: open it in a browser to "
                                                     "print it or send it.")
                                                : tr("Handout saved as {}: open it in a browser "
                                                     "to print it.")),
                            file.string());
    return file;
}

std::optional<std::filesystem::path> TodayScreen::writeHandout() {
    return writeDocument("handout", false);
}

std::optional<std::filesystem::path> TodayScreen::writeReport() {
    return writeDocument("report", true);
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
    m_worryingButton = Hit{{m_size.x - kPad - 390.f, 24.f, 390.f, 52.f}};
    m_libraryButton = Hit{{m_worryingButton.rect.left - 12.f - 230.f, 24.f, 230.f, 52.f}};
    m_historyButton = Hit{{m_libraryButton.rect.left - 12.f - 190.f, 24.f, 190.f, 52.f}};
    const float half = (m_progressRect.width - 48.f - 12.f) / 2;
    const float buttonsTop = m_progressRect.top + m_progressRect.height - 24.f - 48.f;
    m_handoutButton = Hit{{m_progressRect.left + 24.f, buttonsTop, half, 48.f}};
    m_reportButton = Hit{{m_progressRect.left + 24.f + half + 12.f, buttonsTop, half, 48.f}};
    m_painButtons.clear();
    const float buttonWidth = std::min(58.f, (m_size.x - 2 * kPad - 10 * 8.f) / 11);
    for (int i = 0; i <= 10; ++i) {
        m_painButtons.push_back(
            Hit{{kPad + static_cast<float>(i) * (buttonWidth + 8.f), 126.f, buttonWidth, 52.f}});
    }
    const float afterPain = m_painButtons.back().rect.left + buttonWidth + 24.f;
    m_savePainButton = Hit{{afterPain, 126.f, 200.f, 52.f}};
    m_cancelPainButton = Hit{{afterPain + 212.f, 126.f, 180.f, 52.f}};
}

void TodayScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (m_pendingPain && key == sf::Keyboard::Enter) {
            checkIn(*m_pendingPain);
        } else if (m_pendingPain && key == sf::Keyboard::Escape) {
            m_pendingPain.reset();
        } else if (key == sf::Keyboard::Enter && canStart()) {
            m_actions.start(remaining());
        } else if (key == sf::Keyboard::L && m_actions.library) {
            m_actions.library();
        } else if (key == sf::Keyboard::H && m_actions.history) {
            m_actions.history();
        } else if (key == sf::Keyboard::W && m_actions.worrying) {
            m_actions.worrying();
        } else if (key == sf::Keyboard::P) {
            (void)writeHandout();
        } else if (key == sf::Keyboard::R) {
            (void)writeReport();
        } else if (m_askMorning && key >= sf::Keyboard::Num0 && key <= sf::Keyboard::Num9) {
            // Chosen, not saved: Enter saves it, Esc takes it back.
            m_pendingPain = static_cast<int>(key - sf::Keyboard::Num0);
        } else if (m_askMorning && key >= sf::Keyboard::Numpad0 && key <= sf::Keyboard::Numpad9) {
            m_pendingPain = static_cast<int>(key - sf::Keyboard::Numpad0);
        } else if (m_askMorning && m_pendingPain && key == sf::Keyboard::Right) {
            m_pendingPain = std::min(10, *m_pendingPain + 1);
        } else if (m_askMorning && m_pendingPain && key == sf::Keyboard::Left) {
            m_pendingPain = std::max(0, *m_pendingPain - 1);
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
                m_pendingPain = static_cast<int>(i);
                return;
            }
        }
        if (m_pendingPain && m_savePainButton.contains(at)) {
            checkIn(*m_pendingPain);
            return;
        }
        if (m_pendingPain && m_cancelPainButton.contains(at)) {
            m_pendingPain.reset();
            return;
        }
    }
    if (m_worryingButton.contains(at) && m_actions.worrying) {
        m_actions.worrying();
    } else if (m_historyButton.contains(at) && m_actions.history) {
        m_actions.history();
    } else if (m_handoutButton.contains(at)) {
        (void)writeHandout();
    } else if (m_reportButton.contains(at)) {
        (void)writeReport();
    } else if (m_libraryButton.contains(at) && m_actions.library) {
        m_actions.library();
    } else if (m_startButton.contains(at) && canStart()) {
        m_actions.start(remaining());
    }
}

void TodayScreen::update(sf::Time) {
    // A new day while the window stays open: read the plan again.
    if (m_practice.today() != m_view.date) {
        refresh();
    }
}

void TodayScreen::draw(sf::RenderTarget& target) const {
    drawText(target,
             utf8(fmt::format(fmt::runtime(tr("Today · {}")), core::formatDate(m_view.date))),
             m_fonts.bold, typeSize::title, {kPad, 24.f}, colour::text);
    drawText(target, utf8(m_view.program->titleIn(m_lang)), m_fonts.regular, typeSize::small,
             {kPad, 68.f}, colour::mutedText);
    drawButton(target, m_fonts, m_libraryButton.rect, std::string(tr("Exercise library")) + " (L)",
               false);
    if (m_actions.worrying) {
        // Always there, and not to be missed: the way to report a warning sign.
        drawRoundedRect(target, m_worryingButton.rect, 10.f, colour::warningGround, colour::warning,
                        2.f);
        const sf::String label =
            ellipsize(utf8(std::string(tr("Something new or worrying?")) + " (W)"), m_fonts.regular,
                      typeSize::body, m_worryingButton.rect.width - 20.f);
        drawText(target, label, m_fonts.regular, typeSize::body,
                 {m_worryingButton.rect.left + (m_worryingButton.rect.width -
                                                textWidth(label, m_fonts.regular, typeSize::body)) /
                                                   2,
                  m_worryingButton.rect.top + 10.f},
                 colour::text);
    }
    if (m_actions.history) {
        drawButton(target, m_fonts, m_historyButton.rect, std::string(tr("All changes")) + " (H)",
                   false);
    }

    if (m_askMorning) {
        drawText(target, utf8(tr("How is your pain this morning? 0 = none, 10 = the worst")),
                 m_fonts.bold, typeSize::body, {kPad, 92.f}, colour::text);
        for (std::size_t i = 0; i < m_painButtons.size(); ++i) {
            drawButton(target, m_fonts, m_painButtons[i].rect, std::to_string(i), false,
                       m_pendingPain == static_cast<int>(i));
        }
        if (m_pendingPain) {
            drawButton(target, m_fonts, m_savePainButton.rect,
                       fmt::format(fmt::runtime(tr("Save {}")), *m_pendingPain) + " (Enter)", true);
            drawButton(target, m_fonts, m_cancelPainButton.rect,
                       std::string(tr("Cancel")) + " (Esc)", false);
        }
    }

    // Today's routine.
    drawRoundedRect(target, m_routineRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    float y = m_routineRect.top + 20.f;
    const float left = m_routineRect.left + 24.f;
    const auto& program = *m_view.program;
    if (m_view.state == service::ProgramState::Stopped) {
        drawRoundedRect(target, {left - 8.f, y, m_routineRect.width - 32.f, 200.f}, 10.f,
                        colour::warningGround, colour::warning, 2.f);
        float line = y + 16.f;
        for (const auto& text :
             wrapText(tr("Your program is stopped because you reported a warning sign. Please "
                         "seek medical care, and talk to your therapist before you exercise "
                         "again."),
                      m_fonts.bold, typeSize::body, m_routineRect.width - 64.f)) {
            drawText(target, text, m_fonts.bold, typeSize::body, {left + 8.f, line}, colour::text);
            line += 32.f;
        }
    } else if (m_view.state == service::ProgramState::NotStarted) {
        drawText(target,
                 utf8(fmt::format(fmt::runtime(tr("Your program starts on {}.")),
                                  core::formatDate(m_view.start))),
                 m_fonts.regular, typeSize::body, {left, y}, colour::text);
    } else {
        drawText(target,
                 utf8(fmt::format(fmt::runtime(tr("Your routine · week {} · {}")), m_view.week + 1,
                                  program.phases[m_view.phase].nameIn(m_lang))),
                 m_fonts.bold, typeSize::heading, {left, y}, colour::text);
        y += 48.f;
        if (m_view.state == service::ProgramState::Complete) {
            for (const auto& text :
                 wrapText(core::reasonText(core::Reason{core::ReasonKey::Complete, {}}),
                          m_fonts.regular, typeSize::small, m_routineRect.width - 48.f)) {
                drawText(target, text, m_fonts.regular, typeSize::small, {left, y}, colour::text);
                y += 26.f;
            }
            y += 8.f;
        }
        for (const auto& item : m_view.items) {
            const bool done = item.done();
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
        for (const auto& stopped : m_view.stopped) {
            const std::string name =
                stopped.exercise != nullptr ? stopped.exercise->text(m_lang).name : stopped.id;
            drawText(target,
                     ellipsize(utf8(fmt::format(fmt::runtime(tr("{}: stopped until your "
                                                                "therapist has looked at it")),
                                                name)),
                               m_fonts.regular, typeSize::small, m_routineRect.width - 60.f),
                     m_fonts.regular, typeSize::small, {left + 40.f, y}, colour::mutedText);
            y += 30.f;
        }
        if (m_view.dayComplete) {
            drawText(target, utf8(tr("All done for today. Well done!")), m_fonts.bold,
                     typeSize::heading, {left, m_startButton.rect.top + 12.f}, colour::accent);
        } else if (canStart()) {
            drawButton(target, m_fonts, m_startButton.rect,
                       std::string(tr("Start today's routine")) + "  ▶  (Enter)", true);
        }
    }
    if (!m_message.empty()) {
        const auto lines =
            wrapText(m_message, m_fonts.regular, typeSize::small, m_routineRect.width - 48.f);
        float line = m_startButton.rect.top - 12.f - 24.f * static_cast<float>(lines.size());
        for (const auto& text : lines) {
            drawText(target, text, m_fonts.regular, typeSize::small, {left, line},
                     colour::mutedText);
            line += 24.f;
        }
    }

    // Progress.
    drawRoundedRect(target, m_progressRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    const float pl = m_progressRect.left + 24.f;
    float py = m_progressRect.top + 20.f;
    auto count = [&](int n) {
        const auto many = static_cast<unsigned long>(n);
        return fmt::format(fmt::runtime(m_view.streakUnit == core::StreakUnit::Days
                                            ? core::trn("{} day", "{} days", many)
                                            : core::trn("{} week", "{} weeks", many)),
                           n);
    };
    // After a stop the streak is not celebrated.
    if (m_view.state != service::ProgramState::Stopped) {
        drawText(target,
                 utf8(fmt::format(fmt::runtime(tr("Streak: {}")), count(m_view.streak.current))),
                 m_fonts.bold, typeSize::heading, {pl, py}, colour::text);
    }
    py += 40.f;
    const std::string adherence =
        m_view.adherence7
            // xgettext:no-c-format
            ? fmt::format(fmt::runtime(tr("{}% of sessions")),
                          static_cast<int>(std::lround(m_view.adherence7->toDouble() * 100)))
            : std::string(tr("not due yet"));
    drawText(target,
             utf8(fmt::format(fmt::runtime(tr("Longest: {} · last 7 days: {}")),
                              count(m_view.streak.longest), adherence)),
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
    const core::Date firstWeek = core::mondayOf(daysBefore(m_view.date, 28));
    for (int week = 0; week < 5; ++week) {
        for (int i = 0; i < 7; ++i) {
            const core::Date day =
                core::Date(std::chrono::sys_days(firstWeek) + std::chrono::days(7 * week + i));
            const sf::FloatRect box{pl + static_cast<float>(i) * cell, py, cell - 8.f, cell - 8.f};
            auto it = std::find_if(m_view.calendar.begin(), m_view.calendar.end(),
                                   [&](const auto& entry) { return entry.first == day; });
            if (it == m_view.calendar.end()) {
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
            case core::DayMark::Stopped:
                drawRoundedRect(target, box, 5.f, colour::background, colour::mutedText, 1.f);
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
    for (const auto& [date, pain] : m_view.mornings) {
        const long back =
            (std::chrono::sys_days(m_view.date) - std::chrono::sys_days(date)).count();
        const float x = pl + static_cast<float>(20 - back) * (barWidth + 4.f);
        const float h = 6.f + 5.f * static_cast<float>(pain);
        sf::RectangleShape bar({barWidth, h});
        bar.setPosition(x, py + 56.f - h);
        bar.setFillColor(pain >= 6 ? colour::warning : colour::figureFar);
        target.draw(bar);
    }
    py += 76.f;
    drawButton(target, m_fonts, m_handoutButton.rect, std::string(tr("Handout")) + " (P)", false,
               false, typeSize::small);
    drawButton(target, m_fonts, m_reportButton.rect,
               std::string(tr("Report for my therapist")) + " (R)", false, false, typeSize::small);
    // Flags for the therapist first: the patient is asked to pass them on.
    const float bottom = m_handoutButton.rect.top - 8.f;
    for (const auto& flag : m_view.openFlags) {
        const std::string what = core::reasonText(flag.reason, &m_practice.library(), &program);
        const core::Exercise* ex = m_practice.library().find(flag.exercise);
        const std::string text =
            ex != nullptr ? fmt::format(fmt::runtime(tr("Tell your therapist about {}: {}")),
                                        ex->text(m_lang).name, what)
                          : fmt::format(fmt::runtime(tr("Tell your therapist: {}")), what);
        const auto lines =
            wrapText(text, m_fonts.bold, typeSize::small, m_progressRect.width - 48.f);
        if (py + 24.f * static_cast<float>(lines.size() + 1) > bottom) {
            break;
        }
        for (const auto& line : lines) {
            drawText(target, line, m_fonts.bold, typeSize::small, {pl, py}, colour::text);
            py += 24.f;
        }
        py += 8.f;
    }
    drawText(target, utf8(tr("Latest changes to your doses")), m_fonts.bold, typeSize::small,
             {pl, py}, colour::text);
    py += 30.f;
    if (m_view.latestChanges.empty()) {
        drawText(target, utf8(tr("None yet: your weekly reviews will appear here.")),
                 m_fonts.regular, typeSize::small, {pl, py}, colour::mutedText);
    }
    for (const auto& change : m_view.latestChanges) {
        const auto lines = wrapText(core::reasonText(change, &m_practice.library(), &program),
                                    m_fonts.regular, typeSize::small, m_progressRect.width - 48.f);
        if (py + 24.f * static_cast<float>(lines.size() + 1) > bottom) {
            break; // only changes that fit whole
        }
        const core::Exercise* ex = m_practice.library().find(change.to.exercise);
        const std::string who = change.exercise.empty() || change.row == core::Row::Phase
                                    ? std::string(tr("the program"))
                                : ex != nullptr ? ex->text(m_lang).name
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

} // namespace motus::app
