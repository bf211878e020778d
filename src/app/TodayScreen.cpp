#include "TodayScreen.hpp"

#include "core/DateWords.hpp"
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

std::string savedPainText(int pain) {
    return fmt::format(fmt::runtime(tr("This morning's pain: {} (saved)")), pain);
}

std::string undoLabel() {
    return std::string(tr("Undo")) + " (U)";
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
    if (m_selected && *m_selected >= m_view.items.size()) {
        m_selected.reset();
    }
    layout();
    m_focus = currentFocus(); // the focus stays where its control still is
}

std::vector<TodayScreen::Focus> TodayScreen::focusables() const {
    std::vector<Focus> all;
    // The buttons at the top, left to right.
    if (m_actions.settings) {
        all.push_back({Control::Settings});
    }
    if (m_actions.history) {
        all.push_back({Control::History});
    }
    if (m_actions.library) {
        all.push_back({Control::Library});
    }
    if (m_actions.worrying) {
        all.push_back({Control::Worrying});
    }
    if (m_askMorning) {
        for (std::size_t i = 0; i < m_painButtons.size(); ++i) {
            all.push_back({Control::Pain, i});
        }
        if (m_pendingPain) {
            all.push_back({Control::SavePain});
            all.push_back({Control::CancelPain});
        }
    }
    if (showsSavedPain()) {
        all.push_back({Control::Undo});
    }
    if (m_actions.open) {
        for (std::size_t i = 0; i < itemRects().size(); ++i) {
            all.push_back({Control::Item, i});
        }
    }
    if (canStart()) {
        all.push_back({Control::Start});
    }
    if (m_openFile) {
        all.push_back({Control::OpenFile});
    }
    all.push_back({Control::Handout});
    all.push_back({Control::Report});
    return all;
}

sf::FloatRect TodayScreen::rectOf(Focus focus) const {
    switch (focus.control) {
    case Control::Settings:
        return m_settingsButton.rect;
    case Control::History:
        return m_historyButton.rect;
    case Control::Library:
        return m_libraryButton.rect;
    case Control::Worrying:
        return m_worryingButton.rect;
    case Control::Pain:
        return m_painButtons.at(focus.index).rect;
    case Control::SavePain:
        return m_savePainButton.rect;
    case Control::CancelPain:
        return m_cancelPainButton.rect;
    case Control::Undo:
        return m_undoButton.rect;
    case Control::Item:
        return itemRects().at(focus.index);
    case Control::Start:
        return m_startButton.rect;
    case Control::OpenFile:
        return m_openFileButton.rect;
    case Control::Handout:
        return m_handoutButton.rect;
    case Control::Report:
        return m_reportButton.rect;
    }
    return {};
}

std::vector<sf::FloatRect> TodayScreen::focusOrder() const {
    std::vector<sf::FloatRect> rects;
    for (const auto& f : focusables()) {
        rects.push_back(rectOf(f));
    }
    return rects;
}

std::optional<TodayScreen::Focus> TodayScreen::currentFocus() const {
    // A control can go without a Tab (a click on Cancel, a saved pain): then none has it.
    if (m_focus) {
        const auto all = focusables();
        if (std::find(all.begin(), all.end(), *m_focus) != all.end()) {
            return m_focus;
        }
    }
    return std::nullopt;
}

std::optional<sf::FloatRect> TodayScreen::focusedRect() const {
    if (const auto focus = currentFocus()) {
        return rectOf(*focus);
    }
    return std::nullopt;
}

void TodayScreen::moveFocus(int step) {
    if (const auto next = stepFocus(focusables(), currentFocus(), step)) {
        m_focus = next;
    }
}

void TodayScreen::activate(Focus focus) {
    switch (focus.control) {
    case Control::Settings:
        m_actions.settings();
        break;
    case Control::History:
        m_actions.history();
        break;
    case Control::Library:
        m_actions.library();
        break;
    case Control::Worrying:
        m_actions.worrying();
        break;
    case Control::Pain:
        m_pendingPain = static_cast<int>(focus.index);
        break;
    case Control::SavePain:
        checkIn(*m_pendingPain);
        break;
    case Control::CancelPain: // back to the number that was chosen
        m_focus = Focus{Control::Pain, static_cast<std::size_t>(*m_pendingPain)};
        m_pendingPain.reset();
        break;
    case Control::Undo:
        undoMorningPain();
        break;
    case Control::Item:
        m_selected = focus.index;
        m_actions.open(m_view.items.at(focus.index));
        break;
    case Control::Start:
        m_actions.start(remaining());
        break;
    case Control::OpenFile:
        m_openFile();
        break;
    case Control::Handout:
        (void)writeHandout();
        break;
    case Control::Report:
        (void)writeReport();
        break;
    }
}

bool TodayScreen::showsSavedPain() const {
    return !m_askMorning && m_view.morningPainToday && m_view.morningPainUndoable;
}

void TodayScreen::undoMorningPain() {
    try {
        const auto undone = m_practice.undoMorningPain();
        m_message = fmt::format(
            fmt::runtime(undone.takenBack.empty()
                             ? tr("Your morning pain of {} is undone. You can answer again.")
                             : tr("Your morning pain of {} is undone, and the dose changes it "
                                  "made are taken back. You can answer again.")),
            undone.morningPain);
    } catch (const std::exception& e) {
        // The service's sentence, begun with a capital as the window's messages are.
        m_message = e.what();
        if (!m_message.empty() && m_message.front() >= 'a' && m_message.front() <= 'z') {
            m_message.front() = static_cast<char>(m_message.front() - 'a' + 'A');
        }
    }
    refresh();
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

std::string TodayScreen::titleText() const {
    return core::dateInWords(m_view.date);
}

std::string TodayScreen::routineHeading() const {
    if (m_view.program == nullptr) {
        return {};
    }
    if (m_view.state == service::ProgramState::Active) {
        return fmt::format(fmt::runtime(tr("Your routine · week {} of {} · {}")), m_view.week + 1,
                           m_view.programWeeks,
                           m_view.program->phases[m_view.phase].nameIn(m_lang));
    }
    if (m_view.state == service::ProgramState::Complete) {
        return fmt::format(fmt::runtime(tr("Your routine · week {} of {} · complete")),
                           m_view.programWeeks, m_view.programWeeks);
    }
    return {};
}

std::string TodayScreen::sessionLengthText() const {
    if (m_view.sessionSeconds <= 0) {
        return {};
    }
    const long minutes = std::max(1L, std::lround(m_view.sessionSeconds / 60.0));
    std::string text = fmt::format(fmt::runtime(core::trn("About {} minute", "About {} minutes",
                                                          static_cast<unsigned long>(minutes))),
                                   minutes);
    if (m_view.sessionsPerDay > 1) {
        text +=
            " · " +
            fmt::format(fmt::runtime(core::trn("{} session a day", "{} sessions a day",
                                               static_cast<unsigned long>(m_view.sessionsPerDay))),
                        m_view.sessionsPerDay);
    }
    return text;
}

std::vector<std::string> TodayScreen::stateLines() const {
    switch (m_view.state) {
    case service::ProgramState::NotStarted: {
        const auto days = static_cast<unsigned long>(
            (std::chrono::sys_days(m_view.start) - std::chrono::sys_days(m_view.date)).count());
        return {fmt::format(fmt::runtime(tr("Your program starts on {}.")),
                            core::dateInWords(m_view.start)),
                fmt::format(fmt::runtime(core::trn("That is in {} day. Your routine will appear "
                                                   "here on that day.",
                                                   "That is in {} days. Your routine will appear "
                                                   "here on that day.",
                                                   days)),
                            days)};
    }
    case service::ProgramState::Complete:
        return {
            fmt::format(fmt::runtime(tr("Completed on {}.")), core::dateInWords(m_view.lastDay)),
            core::reasonText(core::Reason{core::ReasonKey::Complete, {}})};
    case service::ProgramState::Stopped:
        return {tr("Your program is stopped because you reported a warning sign. Please "
                   "seek medical care, and talk to your therapist before you exercise "
                   "again.")};
    default:
        return {};
    }
}

std::string TodayScreen::adherenceText() const {
    if (!m_view.adherence7) {
        return tr("No days due yet");
    }
    const std::string percent =
        // xgettext:no-c-format
        fmt::format(fmt::runtime(tr("{}% of sessions")),
                    static_cast<int>(std::lround(m_view.adherence7->toDouble() * 100)));
    if (m_view.adherenceDays >= 7) {
        return fmt::format(fmt::runtime(tr("Last 7 days: {}")), percent);
    }
    return fmt::format(
        fmt::runtime(core::trn("Since the start ({} day): {}", "Since the start ({} days): {}",
                               static_cast<unsigned long>(m_view.adherenceDays))),
        m_view.adherenceDays, percent);
}

std::vector<TodayScreen::CalendarDay> TodayScreen::calendarDays() const {
    std::vector<CalendarDay> days;
    const core::Date firstWeek = core::mondayOf(daysBefore(m_view.date, 28));
    for (int i = 0; i < 35; ++i) {
        CalendarDay day;
        day.date = core::Date(std::chrono::sys_days(firstWeek) + std::chrono::days(i));
        day.label = std::to_string(static_cast<unsigned>(day.date.day()));
        const auto it = std::find_if(m_view.calendar.begin(), m_view.calendar.end(),
                                     [&](const auto& entry) { return entry.first == day.date; });
        if (it != m_view.calendar.end()) {
            day.mark = it->second;
        }
        days.push_back(day);
    }
    return days;
}

std::vector<std::pair<core::DayMark, std::string>> TodayScreen::calendarLegend() const {
    std::vector<std::pair<core::DayMark, std::string>> legend = {
        {core::DayMark::Done, tr("done")},
        {core::DayMark::Forgiven, tr("missed once: forgiven")},
        {core::DayMark::Missed, tr("missed")},
        {core::DayMark::Today, tr("today")},
    };
    const bool stopped =
        std::any_of(m_view.calendar.begin(), m_view.calendar.end(),
                    [](const auto& e) { return e.second == core::DayMark::Stopped; });
    if (stopped) {
        legend.emplace_back(core::DayMark::Stopped, tr("stopped"));
    }
    const bool rest = std::any_of(m_view.calendar.begin(), m_view.calendar.end(),
                                  [](const auto& e) { return e.second == core::DayMark::Rest; });
    if (rest) {
        legend.emplace_back(core::DayMark::Rest, tr("rest day"));
    }
    return legend;
}

TodayScreen::PainChartLabels TodayScreen::painChartLabels() const {
    PainChartLabels labels;
    labels.low = "0";
    labels.high = "10";
    labels.first = core::shortDate(daysBefore(m_view.date, 20));
    labels.last = core::shortDate(m_view.date);
    for (const auto& entry : m_view.mornings) {
        labels.values.push_back(std::to_string(entry.second));
    }
    return labels;
}

void TodayScreen::setOpenFileAction(std::function<void()> action) {
    m_openFile = std::move(action);
    layout();
}

float TodayScreen::itemsTop() const {
    // As draw() goes down the routine's panel: the heading, the length and title, the states.
    float y = m_routineRect.top + 20.f;
    if (!routineHeading().empty()) {
        y += 40.f;
    }
    y += 36.f;
    const float inner = m_routineRect.width - 48.f;
    const auto states = stateLines();
    for (std::size_t i = 0; i < states.size(); ++i) {
        const auto& font = i == 0 ? m_fonts.bold : m_fonts.regular;
        y += 26.f * static_cast<float>(wrapText(states[i], font, typeSize::small, inner).size());
    }
    if (!states.empty()) {
        y += 10.f;
    }
    return y;
}

float TodayScreen::itemPitch() const {
    const float room = m_startButton.rect.top - 8.f - itemsTop();
    return m_view.items.empty()
               ? 64.f
               : std::clamp(room / static_cast<float>(m_view.items.size() + m_view.stopped.size()),
                            34.f, 64.f);
}

std::vector<sf::FloatRect> TodayScreen::itemRects() const {
    std::vector<sf::FloatRect> rows;
    if (m_view.program == nullptr || m_view.state == service::ProgramState::Stopped ||
        m_view.state == service::ProgramState::NotStarted) {
        return rows;
    }
    const float pitch = itemPitch();
    float y = itemsTop();
    for (std::size_t i = 0; i < m_view.items.size(); ++i) {
        rows.push_back(
            {m_routineRect.left + 12.f, y - 6.f, m_routineRect.width - 24.f, pitch - 4.f});
        y += pitch;
    }
    return rows;
}

void TodayScreen::resize(sf::Vector2f size) {
    m_size = size;
    layout();
}

void TodayScreen::layout() {
    const float top = m_askMorning ? 190.f : showsSavedPain() ? 160.f : 100.f;
    const float width = (m_size.x - 3 * kPad) / 2;
    m_routineRect = {kPad, top, width, m_size.y - top - kPad};
    m_progressRect = {2 * kPad + width, top, width, m_size.y - top - kPad};
    m_startButton = Hit{{m_routineRect.left + 24.f,
                         m_routineRect.top + m_routineRect.height - kButtonHeight - 24.f,
                         m_routineRect.width - 48.f, kButtonHeight}};
    // The buttons at the top right are as wide as their labels (translations differ); when
    // they would leave the day's title too little room, their type gets smaller.
    auto widthOf = [&](const std::string& label, unsigned size) {
        return textWidth(utf8(label), m_fonts.regular, size) + 36.f;
    };
    // First with the key hints in body type, then in smaller type, then without the hints.
    std::string worrying, library, history, settings;
    m_topButtonSize = typeSize::body;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const unsigned size = attempt == 0 ? typeSize::body : typeSize::small;
        m_topHints = attempt < 2;
        m_topButtonSize = size;
        worrying = topLabel(TopButton::Worrying, m_topHints);
        library = topLabel(TopButton::Library, m_topHints);
        history = topLabel(TopButton::History, m_topHints);
        settings = topLabel(TopButton::Settings, m_topHints);
        const float total = widthOf(worrying, size) + widthOf(library, size) +
                            (m_actions.history ? widthOf(history, size) + 12.f : 0.f) +
                            (m_actions.settings ? widthOf(settings, size) + 12.f : 0.f) + 12.f;
        if (total <= m_size.x - 2 * kPad - 300.f) {
            break;
        }
    }
    float worryingWidth = widthOf(worrying, m_topButtonSize);
    float libraryWidth = widthOf(library, m_topButtonSize);
    float historyWidth = m_actions.history ? widthOf(history, m_topButtonSize) : 0.f;
    float settingsWidth = m_actions.settings ? widthOf(settings, m_topButtonSize) : 0.f;
    // In a narrow window (or large text) the buttons share the row, their labels shortened,
    // so that every one stays on screen.
    const float row = worryingWidth + libraryWidth + historyWidth + settingsWidth + 36.f;
    if (row > m_size.x - 2 * kPad) {
        const float share = (m_size.x - 2 * kPad - 36.f) / (row - 36.f);
        for (float* button : {&worryingWidth, &libraryWidth, &historyWidth, &settingsWidth}) {
            *button *= share;
        }
    }
    m_worryingButton = Hit{{m_size.x - kPad - worryingWidth, 24.f, worryingWidth, 52.f}};
    m_libraryButton =
        Hit{{m_worryingButton.rect.left - 12.f - libraryWidth, 24.f, libraryWidth, 52.f}};
    m_historyButton =
        Hit{{m_libraryButton.rect.left - 12.f - historyWidth, 24.f, historyWidth, 52.f}};
    const float settingsRight =
        m_actions.history ? m_historyButton.rect.left : m_libraryButton.rect.left;
    m_settingsButton = Hit{{settingsRight - 12.f - settingsWidth, 24.f, settingsWidth, 52.f}};
    const float half = (m_progressRect.width - 48.f - 12.f) / 2;
    const float buttonsTop = m_progressRect.top + m_progressRect.height - 24.f - 48.f;
    m_handoutButton = Hit{{m_progressRect.left + 24.f, buttonsTop, half, 48.f}};
    m_reportButton = Hit{{m_progressRect.left + 24.f + half + 12.f, buttonsTop, half, 48.f}};
    m_openFileButton =
        m_openFile ? Hit{{m_progressRect.left + 24.f, buttonsTop - 60.f, 2 * half + 12.f, 48.f}}
                   : Hit{};
    m_painButtons.clear();
    const float buttonWidth = std::min(58.f, (m_size.x - 2 * kPad - 10 * 8.f) / 11);
    for (int i = 0; i <= 10; ++i) {
        m_painButtons.push_back(
            Hit{{kPad + static_cast<float>(i) * (buttonWidth + 8.f), 126.f, buttonWidth, 52.f}});
    }
    const float afterPain = m_painButtons.back().rect.left + buttonWidth + 24.f;
    m_savePainButton = Hit{{afterPain, 126.f, 200.f, 52.f}};
    if (showsSavedPain()) {
        const float saved =
            textWidth(utf8(savedPainText(*m_view.morningPainToday)), m_fonts.bold, typeSize::body);
        const float undo = textWidth(utf8(undoLabel()), m_fonts.regular, typeSize::body) + 40.f;
        m_undoButton = Hit{{kPad + saved + 20.f, 90.f, undo, 52.f}};
    } else {
        m_undoButton = Hit{};
    }
    m_cancelPainButton = Hit{{afterPain + 212.f, 126.f, 180.f, 52.f}};
}

void TodayScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Escape) {
            m_focus.reset(); // and what Esc did before: the pending pain, the chosen exercise
        }
        if (key == sf::Keyboard::Tab) {
            moveFocus(event.key.shift ? -1 : 1);
        } else if (currentFocus() && (key == sf::Keyboard::Enter || key == sf::Keyboard::Space)) {
            activate(*currentFocus());
        } else if (m_pendingPain && key == sf::Keyboard::Enter) {
            checkIn(*m_pendingPain);
        } else if (m_pendingPain && key == sf::Keyboard::Escape) {
            m_pendingPain.reset();
        } else if ((key == sf::Keyboard::Down || key == sf::Keyboard::Up) && m_actions.open &&
                   !itemRects().empty()) {
            // Choose an exercise of the routine; Enter opens it.
            const std::size_t last = itemRects().size() - 1;
            if (!m_selected) {
                m_selected = key == sf::Keyboard::Down ? 0 : last;
            } else if (key == sf::Keyboard::Down) {
                m_selected = std::min(last, *m_selected + 1);
            } else if (*m_selected > 0) {
                m_selected = *m_selected - 1;
            }
        } else if (m_selected && key == sf::Keyboard::Escape) {
            m_selected.reset();
        } else if (m_selected && key == sf::Keyboard::Enter && m_actions.open) {
            m_actions.open(m_view.items.at(*m_selected));
        } else if (key == sf::Keyboard::U && showsSavedPain()) {
            undoMorningPain();
        } else if (key == sf::Keyboard::Enter && canStart()) {
            m_actions.start(remaining());
        } else if ((key == sf::Keyboard::F2 || key == sf::Keyboard::Comma) && m_actions.settings) {
            m_actions.settings();
        } else if (key == sf::Keyboard::L && m_actions.library) {
            m_actions.library();
        } else if (key == sf::Keyboard::H && m_actions.history) {
            m_actions.history();
        } else if (key == sf::Keyboard::W && m_actions.worrying) {
            m_actions.worrying();
        } else if (key == sf::Keyboard::O && m_openFile) {
            m_openFile();
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
    if (showsSavedPain() && m_undoButton.contains(at)) {
        undoMorningPain();
        return;
    }
    if (m_actions.open) {
        const auto rows = itemRects();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i].contains(at)) {
                m_selected = i;
                m_actions.open(m_view.items.at(i));
                return;
            }
        }
    }
    if (m_worryingButton.contains(at) && m_actions.worrying) {
        m_actions.worrying();
    } else if (m_historyButton.contains(at) && m_actions.history) {
        m_actions.history();
    } else if (m_openFile && m_openFileButton.contains(at)) {
        m_openFile();
    } else if (m_handoutButton.contains(at)) {
        (void)writeHandout();
    } else if (m_reportButton.contains(at)) {
        (void)writeReport();
    } else if (m_settingsButton.contains(at) && m_actions.settings) {
        m_actions.settings();
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

namespace {

// One day's mark as a shape, so that it reads without colour: filled = done, a ring = missed
// but forgiven, a cross = missed, a dark outline = today, a thin grey outline = stopped.
void drawMark(sf::RenderTarget& target, const Fonts& fonts, sf::FloatRect box,
              std::optional<core::DayMark> mark, const std::string& label, unsigned size) {
    sf::Color number = colour::mutedText;
    const sf::Font* font = &fonts.regular;
    if (mark) {
        switch (*mark) {
        case core::DayMark::Done:
            drawRoundedRect(target, box, 5.f, colour::accent);
            number = colour::accentText;
            font = &fonts.bold;
            break;
        case core::DayMark::Forgiven:
            drawRoundedRect(target, box, box.width / 2, colour::panel, colour::warning, 3.f);
            number = colour::text;
            break;
        case core::DayMark::Missed: {
            drawRoundedRect(target, box, 5.f, colour::warningGround, colour::warning, 1.f);
            const float corner = std::max(8.f, box.width * 0.3f);
            for (const float dir : {1.f, -1.f}) {
                sf::RectangleShape stroke({corner * 1.3f, 2.f});
                stroke.setOrigin(corner * 0.65f, 1.f);
                stroke.setPosition(box.left + box.width - corner * 0.55f, box.top + corner * 0.55f);
                stroke.setRotation(45.f * dir);
                stroke.setFillColor(colour::text);
                target.draw(stroke);
            }
            number = colour::text;
            break;
        }
        case core::DayMark::Today:
            drawRoundedRect(target, box, 5.f, colour::panel, colour::text, 2.f);
            number = colour::text;
            font = &fonts.bold;
            break;
        case core::DayMark::Stopped:
            drawRoundedRect(target, box, 5.f, colour::background, colour::mutedText, 1.f);
            break;
        case core::DayMark::Rest: {
            // A short bar under the number: a day off in a program of N days a week.
            const float bar = std::max(8.f, box.width * 0.4f);
            sf::RectangleShape line({bar, 3.f});
            line.setPosition(box.left + (box.width - bar) / 2, box.top + box.height - 7.f);
            line.setFillColor(colour::mutedText);
            target.draw(line);
            break;
        }
        default:
            break;
        }
    }
    if (!label.empty()) {
        const sf::String text = utf8(label);
        drawText(target, text, *font, size,
                 {box.left + (box.width - textWidth(text, *font, size)) / 2,
                  box.top + (box.height - static_cast<float>(size)) / 2 - 3.f},
                 number);
    }
}

constexpr float kCell = 40.f; // calendar pitch
constexpr float kCalendarWidth = 7 * kCell;
constexpr float kChartHeight = 100.f;

} // namespace

void TodayScreen::drawCalendar(sf::RenderTarget& target, sf::Vector2f at) const {
    const char* dayNames[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su")};
    for (int i = 0; i < 7; ++i) {
        const sf::String name = utf8(tr(dayNames[i]));
        drawText(target, name, m_fonts.regular, 16,
                 {at.x + static_cast<float>(i) * kCell +
                      (kCell - 6.f - textWidth(name, m_fonts.regular, 16)) / 2,
                  at.y},
                 colour::mutedText);
    }
    const auto days = calendarDays();
    for (std::size_t i = 0; i < days.size(); ++i) {
        const sf::FloatRect box{at.x + static_cast<float>(i % 7) * kCell,
                                at.y + 26.f + static_cast<float>(i / 7) * (kCell - 2.f),
                                kCell - 6.f, kCell - 6.f};
        drawMark(target, m_fonts, box, days[i].mark, days[i].label, 16);
    }
}

float TodayScreen::drawPainChart(sf::RenderTarget& target, sf::FloatRect area) const {
    if (m_view.mornings.empty()) {
        float height = 8.f;
        for (const auto& line : wrapText(tr("No morning pain recorded in the last three weeks."),
                                         m_fonts.regular, typeSize::small, area.width)) {
            drawText(target, line, m_fonts.regular, typeSize::small,
                     {area.left, area.top + height - 8.f}, colour::mutedText);
            height += 24.f;
        }
        return height;
    }
    const auto labels = painChartLabels();
    constexpr unsigned kLabel = 14;
    const float axis = area.left + 28.f;
    const float top = area.top + 18.f; // room for the value over a 10
    const float base = top + 56.f;
    const float perPoint = (base - top) / 10.f;
    // The scale: 0 at the base line, 10 at the top, with a faint line at 10.
    const sf::String high = utf8(labels.high);
    const sf::String low = utf8(labels.low);
    drawText(target, high, m_fonts.regular, kLabel,
             {axis - 6.f - textWidth(high, m_fonts.regular, kLabel), top - 9.f}, colour::mutedText);
    drawText(target, low, m_fonts.regular, kLabel,
             {axis - 6.f - textWidth(low, m_fonts.regular, kLabel), base - 9.f}, colour::mutedText);
    sf::RectangleShape yAxis({1.f, base - top});
    yAxis.setPosition(axis, top);
    yAxis.setFillColor(colour::mutedText);
    target.draw(yAxis);
    const float plotWidth = area.left + area.width - axis - 4.f;
    sf::RectangleShape line({plotWidth, 1.f});
    line.setPosition(axis, base);
    line.setFillColor(colour::mutedText);
    target.draw(line);
    line.setPosition(axis, top);
    line.setFillColor(colour::panelBorder);
    target.draw(line);
    const float slot = plotWidth / 21.f;
    const float barWidth = std::max(4.f, slot - 6.f);
    for (std::size_t i = 0; i < m_view.mornings.size(); ++i) {
        const auto& [date, pain] = m_view.mornings[i];
        const long back =
            (std::chrono::sys_days(m_view.date) - std::chrono::sys_days(date)).count();
        const float x = axis + 4.f + static_cast<float>(20 - back) * slot;
        const float h = std::max(2.f, perPoint * static_cast<float>(pain));
        sf::RectangleShape bar({barWidth, h});
        bar.setPosition(x, base - h);
        bar.setFillColor(pain >= 6 ? colour::warning : colour::chartBar);
        target.draw(bar);
        const sf::String value = utf8(labels.values[i]);
        drawText(target, value, m_fonts.regular, kLabel,
                 {x + (barWidth - textWidth(value, m_fonts.regular, kLabel)) / 2, base - h - 18.f},
                 colour::text);
    }
    const sf::String first = utf8(labels.first);
    const sf::String last = utf8(labels.last);
    drawText(target, first, m_fonts.regular, kLabel, {axis + 4.f, base + 4.f}, colour::mutedText);
    drawText(target, last, m_fonts.regular, kLabel,
             {axis + 4.f + 20.f * slot + barWidth - textWidth(last, m_fonts.regular, kLabel),
              base + 4.f},
             colour::mutedText);
    return kChartHeight;
}

std::string TodayScreen::topLabel(TopButton button, bool hint) {
    switch (button) {
    case TopButton::History:
        return std::string(tr("All changes")) + (hint ? " (H)" : "");
    case TopButton::Library:
        return std::string(tr("Exercise library")) + (hint ? " (L)" : "");
    case TopButton::Worrying:
        return std::string(tr("Something new or worrying?")) + (hint ? " (W)" : "");
    case TopButton::Settings:
        return std::string(tr("Settings")) + (hint ? " (F2)" : "");
    }
    return {};
}

void TodayScreen::draw(sf::RenderTarget& target) const {
    // The day in words; in two lines when the buttons leave too little room for one.
    const float titleRoom = (m_actions.settings  ? m_settingsButton.rect.left
                             : m_actions.history ? m_historyButton.rect.left
                                                 : m_libraryButton.rect.left) -
                            kPad - 16.f;
    const sf::String title = utf8(titleText());
    if (textWidth(title, m_fonts.bold, typeSize::title) <= titleRoom) {
        drawText(target, title, m_fonts.bold, typeSize::title, {kPad, 26.f}, colour::text);
    } else {
        drawText(target,
                 ellipsize(utf8(core::weekdayName(m_view.date)), m_fonts.bold, typeSize::title,
                           titleRoom),
                 m_fonts.bold, typeSize::title, {kPad, 8.f}, colour::text);
        drawText(target,
                 ellipsize(utf8(core::dayMonthYear(m_view.date)), m_fonts.regular, typeSize::body,
                           titleRoom),
                 m_fonts.regular, typeSize::body, {kPad, 52.f}, colour::text);
    }
    drawButton(target, m_fonts, m_libraryButton.rect, topLabel(TopButton::Library, m_topHints),
               false, false, m_topButtonSize);
    if (m_actions.worrying) {
        // Always there, and not to be missed: the way to report a warning sign.
        drawRoundedRect(target, m_worryingButton.rect, 10.f, colour::warningGround, colour::warning,
                        2.f);
        const sf::String label =
            ellipsize(utf8(topLabel(TopButton::Worrying, m_topHints)), m_fonts.regular,
                      m_topButtonSize, m_worryingButton.rect.width - 20.f);
        const float lineHeight = static_cast<float>(m_topButtonSize) * 1.35f;
        drawText(
            target, label, m_fonts.regular, m_topButtonSize,
            {m_worryingButton.rect.left + (m_worryingButton.rect.width -
                                           textWidth(label, m_fonts.regular, m_topButtonSize)) /
                                              2,
             m_worryingButton.rect.top + (m_worryingButton.rect.height - lineHeight) / 2},
            colour::text);
    }
    if (m_actions.history) {
        drawButton(target, m_fonts, m_historyButton.rect, topLabel(TopButton::History, m_topHints),
                   false, false, m_topButtonSize);
    }
    if (m_actions.settings) {
        drawButton(target, m_fonts, m_settingsButton.rect,
                   topLabel(TopButton::Settings, m_topHints), false, false, m_topButtonSize);
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

    if (showsSavedPain()) {
        drawText(target, utf8(savedPainText(*m_view.morningPainToday)), m_fonts.bold,
                 typeSize::body, {kPad, 102.f}, colour::text);
        drawButton(target, m_fonts, m_undoButton.rect, undoLabel(), false);
    }

    // Today's routine: what it is, how long it takes, what is done.
    drawRoundedRect(target, m_routineRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    float y = m_routineRect.top + 20.f;
    const float left = m_routineRect.left + 24.f;
    const float inner = m_routineRect.width - 48.f;
    const auto& program = *m_view.program;
    const std::string heading = routineHeading();
    if (!heading.empty()) {
        // Smaller rather than cut off when a language needs the room.
        const unsigned size = textWidth(utf8(heading), m_fonts.bold, typeSize::heading) <= inner
                                  ? typeSize::heading
                                  : typeSize::body;
        drawText(target, ellipsize(utf8(heading), m_fonts.bold, size, inner), m_fonts.bold, size,
                 {left, y + (size == typeSize::heading ? 0.f : 4.f)}, colour::text);
        y += 40.f;
    }
    // How long it takes first (the program's title may be cut short).
    std::string about = program.titleIn(m_lang);
    if (const std::string length = sessionLengthText();
        !length.empty() && m_view.state != service::ProgramState::Stopped &&
        m_view.state != service::ProgramState::NotStarted) {
        about = length + " · " + about;
    }
    drawText(target, ellipsize(utf8(about), m_fonts.regular, typeSize::small, inner),
             m_fonts.regular, typeSize::small, {left, y}, colour::mutedText);
    y += 36.f;
    const auto states = stateLines();
    if (m_view.state == service::ProgramState::Stopped) {
        const auto lines = wrapText(states.front(), m_fonts.bold, typeSize::body, inner - 32.f);
        drawRoundedRect(
            target, {left - 8.f, y, inner + 16.f, 32.f * static_cast<float>(lines.size()) + 28.f},
            10.f, colour::warningGround, colour::warning, 2.f);
        float line = y + 14.f;
        for (const auto& text : lines) {
            drawText(target, text, m_fonts.bold, typeSize::body, {left + 8.f, line}, colour::text);
            line += 32.f;
        }
    } else if (m_view.state == service::ProgramState::NotStarted) {
        for (std::size_t i = 0; i < states.size(); ++i) {
            const auto& font = i == 0 ? m_fonts.bold : m_fonts.regular;
            for (const auto& text : wrapText(states[i], font, typeSize::body, inner)) {
                drawText(target, text, font, typeSize::body, {left, y}, colour::text);
                y += 32.f;
            }
            y += 8.f;
        }
    } else {
        for (std::size_t i = 0; i < states.size(); ++i) { // complete: since when, and what now
            const auto& font = i == 0 ? m_fonts.bold : m_fonts.regular;
            for (const auto& text : wrapText(states[i], font, typeSize::small, inner)) {
                drawText(target, text, font, typeSize::small, {left, y}, colour::text);
                y += 26.f;
            }
        }
        if (!states.empty()) {
            y += 10.f;
        }
        // Each exercise with its dose; closer together when many have to fit above the button.
        // Each row opens its exercise: the chosen one is marked, and each has a "›".
        const float pitch = itemPitch();
        const auto rows = itemRects();
        for (std::size_t i = 0; i < m_view.items.size(); ++i) {
            const auto& item = m_view.items[i];
            y = rows[i].top + 6.f;
            if (m_selected == i) {
                drawRoundedRect(target, rows[i], 8.f, colour::selection, colour::accent, 2.f);
            }
            if (m_actions.open) {
                drawText(target, utf8("›"), m_fonts.bold, typeSize::heading,
                         {rows[i].left + rows[i].width - 28.f,
                          rows[i].top +
                              (rows[i].height - static_cast<float>(typeSize::heading)) / 2 - 6.f},
                         colour::mutedText);
            }
            const bool done = item.done();
            drawText(target, utf8(done ? "✓" : "○"), m_fonts.bold, typeSize::heading, {left, y},
                     done ? colour::accent : colour::mutedText);
            drawText(target,
                     ellipsize(utf8(item.exercise->text(m_lang).name), m_fonts.bold, typeSize::body,
                               m_routineRect.width - 110.f),
                     m_fonts.bold, typeSize::body, {left + 40.f, y}, colour::text);
            if (pitch < 46.f) {
                y += pitch; // no room for the dose: the names at least
                continue;
            }
            drawText(target,
                     ellipsize(utf8(core::describeDose(item.prescription.dose)), m_fonts.regular,
                               typeSize::small, m_routineRect.width - 110.f),
                     m_fonts.regular, typeSize::small,
                     {left + 40.f, y + std::min(30.f, pitch - 22.f)}, colour::mutedText);
            y += pitch;
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
        const auto lines = wrapText(m_message, m_fonts.regular, typeSize::small, inner);
        float line = m_startButton.rect.top - 12.f - 24.f * static_cast<float>(lines.size());
        for (const auto& text : lines) {
            drawText(target, text, m_fonts.regular, typeSize::small, {left, line},
                     colour::mutedText);
            line += 24.f;
        }
    }

    // Progress: the calendar, beside it the streak, the adherence and the calendar's legend.
    drawRoundedRect(target, m_progressRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    const float pl = m_progressRect.left + 24.f;
    float py = m_progressRect.top + 20.f;
    drawCalendar(target, {pl, py});
    const float calendarBottom = py + 26.f + 5 * (kCell - 2.f);
    const float side = pl + kCalendarWidth + 16.f;
    const float sideWidth = m_progressRect.left + m_progressRect.width - 20.f - side;
    float sy = py;
    auto count = [&](int n) {
        const auto many = static_cast<unsigned long>(n);
        return fmt::format(fmt::runtime(m_view.streakUnit == core::StreakUnit::Days
                                            ? core::trn("{} day", "{} days", many)
                                            : core::trn("{} week", "{} weeks", many)),
                           n);
    };
    // After a stop the streak is not celebrated; before the start there is none.
    if (m_view.state != service::ProgramState::Stopped &&
        m_view.state != service::ProgramState::NotStarted) {
        drawText(target,
                 ellipsize(utf8(fmt::format(fmt::runtime(tr("Streak: {}")),
                                            count(m_view.streak.current))),
                           m_fonts.bold, typeSize::heading, sideWidth),
                 m_fonts.bold, typeSize::heading, {side, sy}, colour::text);
        sy += 38.f;
    }
    for (const auto& text :
         {fmt::format(fmt::runtime(tr("Longest: {}")), count(m_view.streak.longest)),
          adherenceText()}) {
        for (const auto& line : wrapText(text, m_fonts.regular, typeSize::small, sideWidth)) {
            drawText(target, line, m_fonts.regular, typeSize::small, {side, sy}, colour::mutedText);
            sy += 24.f;
        }
    }
    sy += 10.f;
    for (const auto& [mark, meaning] : calendarLegend()) {
        drawMark(target, m_fonts, {side, sy + 1.f, 20.f, 20.f}, mark, "", 12);
        drawText(target, ellipsize(utf8(meaning), m_fonts.regular, 16, sideWidth - 30.f),
                 m_fonts.regular, 16, {side + 30.f, sy}, colour::text);
        sy += 26.f;
    }
    py = std::max(calendarBottom, sy) + 12.f;
    // Morning pain over the last three weeks: a bar and its value for each morning.
    for (const auto& line : wrapText(tr("Morning pain, last 3 weeks (0 = none, 10 = the worst)"),
                                     m_fonts.bold, typeSize::small, m_progressRect.width - 48.f)) {
        drawText(target, line, m_fonts.bold, typeSize::small, {pl, py}, colour::text);
        py += 24.f;
    }
    py += 4.f;
    py += drawPainChart(target, {pl, py, m_progressRect.width - 48.f, kChartHeight - 10.f});
    drawButton(target, m_fonts, m_handoutButton.rect, std::string(tr("Handout")) + " (P)", false,
               false, typeSize::small);
    drawButton(target, m_fonts, m_reportButton.rect,
               std::string(tr("Report for my therapist")) + " (R)", false, false, typeSize::small);
    if (m_openFile) {
        drawButton(target, m_fonts, m_openFileButton.rect,
                   std::string(tr("Open a program file…")) + " (O)", false, false, typeSize::small);
    }
    // Flags for the therapist first: the patient is asked to pass them on.
    const float bottom = (m_openFile ? m_openFileButton.rect.top : m_handoutButton.rect.top) - 8.f;
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
    bool shown = false;
    for (const auto& change : m_view.latestChanges) {
        auto lines = wrapText(core::reasonText(change, &m_practice.library(), &program),
                              m_fonts.regular, typeSize::small, m_progressRect.width - 48.f);
        if (py + 24.f * static_cast<float>(lines.size() + 1) > bottom) {
            // Changes that fit whole; the newest at least begun (All changes has the rest).
            const auto room = static_cast<std::size_t>(std::max(0.f, (bottom - py) / 24.f - 1.f));
            if (shown || room == 0) {
                break;
            }
            lines.resize(room);
            lines.back() = ellipsize(lines.back() + utf8(" …"), m_fonts.regular, typeSize::small,
                                     m_progressRect.width - 48.f);
        }
        shown = true;
        const core::Exercise* ex = m_practice.library().find(change.to.exercise);
        const std::string who =
            change.exercise.empty() || change.reason.key == core::ReasonKey::PhaseBegins
                ? std::string(tr("the program"))
            : ex != nullptr ? ex->text(m_lang).name
                            : change.exercise;
        const std::string head = core::dateInWords(change.date) + " · " + who;
        drawText(target,
                 ellipsize(utf8(head), m_fonts.bold, typeSize::small, m_progressRect.width - 48.f),
                 m_fonts.bold, typeSize::small, {pl, py}, colour::text);
        py += 24.f;
        for (const auto& line : lines) {
            drawText(target, line, m_fonts.regular, typeSize::small, {pl, py}, colour::mutedText);
            py += 24.f;
        }
        py += 8.f;
    }
    if (const auto focus = currentFocus()) {
        drawFocusRing(target, rectOf(*focus));
    }
}

} // namespace motus::app
