#include "TodayScreen.hpp"

#include "Documents.hpp"

#include "core/DateWords.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/Names.hpp"
#include "core/Reasons.hpp"

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
    const sf::FloatRect place = placeOf(focus);
    return scrolled(focus.control) ? onScreen(place) : place;
}

sf::FloatRect TodayScreen::placeOf(Focus focus) const {
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
        return m_rows.at(focus.index).rect;
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
        layout();
        return;
    }
    refresh();
}

std::optional<std::filesystem::path> TodayScreen::writeDocument(bool report) {
    auto saved = saveDocument(m_practice, report);
    showMessage(saved.message);
    return saved.file;
}

std::optional<std::filesystem::path> TodayScreen::writeHandout() {
    return writeDocument(false);
}

std::optional<std::filesystem::path> TodayScreen::writeReport() {
    return writeDocument(true);
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

std::vector<sf::FloatRect> TodayScreen::painButtons() const {
    std::vector<sf::FloatRect> rects;
    for (const auto& button : m_painButtons) {
        rects.push_back(button.rect);
    }
    return rects;
}

sf::FloatRect TodayScreen::openFileButton() const {
    return m_openFile ? onScreen(m_openFileButton.rect) : sf::FloatRect{};
}

void TodayScreen::showMessage(std::string message) {
    m_message = std::move(message);
    layout();
}

bool TodayScreen::scrolled(Control control) const {
    return !m_wide && (control == Control::Item || control == Control::OpenFile ||
                       control == Control::Handout || control == Control::Report);
}

sf::FloatRect TodayScreen::onScreen(sf::FloatRect content) const {
    if (m_wide) {
        return content;
    }
    const sf::FloatRect area = m_scroll.area();
    return {content.left + area.left, content.top + area.top - m_scroll.offset(), content.width,
            content.height};
}

void TodayScreen::showFocus() {
    if (const auto focus = currentFocus(); focus && scrolled(focus->control)) {
        const sf::FloatRect place = placeOf(*focus);
        m_scroll.show(place.top - 10.f, place.top + place.height + 10.f);
    }
}

std::vector<sf::FloatRect> TodayScreen::itemRects() const {
    std::vector<sf::FloatRect> rows;
    for (const auto& row : m_rows) {
        rows.push_back(onScreen(row.rect));
    }
    return rows;
}

void TodayScreen::resize(sf::Vector2f size) {
    m_size = size;
    layout();
}

float TodayScreen::routineHead(sf::RenderTarget* target, sf::Vector2f at, float width) const {
    float y = at.y;
    auto lines = [&](const std::string& text, const sf::Font& font, unsigned size, float step,
                     sf::Color colour, float indent = 0.f) {
        for (const auto& line : wrapText(text, font, size, width - 2 * indent)) {
            if (target != nullptr) {
                drawText(*target, line, font, size, {at.x + indent, y}, colour);
            }
            y += step;
        }
    };
    if (m_view.program == nullptr) {
        return 0.f;
    }
    if (const std::string heading = routineHeading(); !heading.empty()) {
        // Smaller rather than on two lines when a language needs the room.
        if (textWidth(utf8(heading), m_fonts.bold, typeSize::heading) <= width) {
            lines(heading, m_fonts.bold, typeSize::heading, 36.f, colour::text);
        } else {
            y += 4.f;
            lines(heading, m_fonts.bold, typeSize::body, 30.f, colour::text);
            y += 2.f;
        }
        y += 4.f;
    }
    // How long it takes first, then the program's title.
    std::string about = m_view.program->titleIn(m_lang);
    if (const std::string length = sessionLengthText();
        !length.empty() && m_view.state != service::ProgramState::Stopped &&
        m_view.state != service::ProgramState::NotStarted) {
        about = length + " · " + about;
    }
    lines(about, m_fonts.regular, typeSize::small, 24.f, colour::mutedText);
    y += 12.f;
    // The program's advice beside the exercises (a walking plan), while it runs.
    if (!m_view.program->advice.empty() && m_view.state != service::ProgramState::Stopped) {
        lines(m_view.program->adviceIn(m_lang), m_fonts.regular, typeSize::small, 24.f,
              colour::text);
        y += 12.f;
    }
    const auto states = stateLines();
    if (m_view.state == service::ProgramState::Stopped) {
        // The warning in a box of its own.
        const auto text = wrapText(states.front(), m_fonts.bold, typeSize::body, width - 32.f);
        const float height = 32.f * static_cast<float>(text.size()) + 28.f;
        if (target != nullptr) {
            drawRoundedRect(*target, {at.x, y, width, height}, 10.f, colour::warningGround,
                            colour::warning, 2.f);
        }
        y += 14.f;
        lines(states.front(), m_fonts.bold, typeSize::body, 32.f, colour::text, 16.f);
        y += 26.f;
    } else if (m_view.state == service::ProgramState::NotStarted) {
        for (std::size_t i = 0; i < states.size(); ++i) {
            lines(states[i], i == 0 ? m_fonts.bold : m_fonts.regular, typeSize::body, 32.f,
                  colour::text);
            y += 8.f;
        }
    } else {
        for (std::size_t i = 0; i < states.size(); ++i) { // complete: since when, and what now
            lines(states[i], i == 0 ? m_fonts.bold : m_fonts.regular, typeSize::small, 26.f,
                  colour::text);
        }
        if (!states.empty()) {
            y += 10.f;
        }
    }
    return y - at.y;
}

float TodayScreen::layoutRows(sf::Vector2f at, float width, std::optional<float> room) {
    // `at` is where the check marks go; a row reaches 12 pixels further out on both sides.
    m_rows.clear();
    if (m_view.program == nullptr || m_view.state == service::ProgramState::Stopped ||
        m_view.state == service::ProgramState::NotStarted) {
        return at.y;
    }
    const float textWidthRoom = width - 40.f - (m_actions.open ? 30.f : 0.f);
    // Whole names and doses, wrapped, when they fit (always when the content scrolls); else
    // the name on one line and the dose on two, then on one. Shortened text is shown whole in
    // a tooltip.
    auto build = [&](std::size_t most) {
        m_rows.clear();
        float y = at.y;
        for (const auto& item : m_view.items) {
            Row row;
            row.name = wrapText(item.exercise->text(m_lang).name, m_fonts.bold, typeSize::body,
                                textWidthRoom);
            row.dose = wrapText(core::describeDose(item.prescription.dose), m_fonts.regular,
                                typeSize::small, textWidthRoom);
            auto limit = [&](std::vector<sf::String>& lines, const sf::Font& font, unsigned size,
                             std::size_t keep) {
                if (lines.size() > keep) {
                    lines.resize(keep);
                    lines.back() = ellipsize(lines.back() + utf8(" …"), font, size, textWidthRoom);
                    row.cut = true;
                }
            };
            if (most < 100) {
                limit(row.name, m_fonts.bold, typeSize::body, 1);
            }
            limit(row.dose, m_fonts.regular, typeSize::small, most);
            const float height = 6.f + 30.f * static_cast<float>(row.name.size()) +
                                 24.f * static_cast<float>(row.dose.size()) + 4.f;
            row.rect = {at.x - 12.f, y - 6.f, width + 24.f, height};
            y += height + 4.f;
            m_rows.push_back(std::move(row));
        }
        return y;
    };
    for (const std::size_t most : {std::size_t{100}, std::size_t{2}, std::size_t{1}}) {
        const float y = build(most);
        if (!room || y - at.y <= *room || m_rows.empty()) {
            return y;
        }
    }
    float y = at.y;
    // Else one line each, closer together when many have to fit above the button; the dose
    // only when there is room for it. Shortened text is shown whole in a tooltip.
    const float pitch = std::clamp(*room / static_cast<float>(m_rows.size()), 34.f, 64.f);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto& item = m_view.items[i];
        Row& row = m_rows[i];
        const sf::String name = utf8(item.exercise->text(m_lang).name);
        const sf::String dose = utf8(core::describeDose(item.prescription.dose));
        row.name = {ellipsize(name, m_fonts.bold, typeSize::body, textWidthRoom)};
        row.dose.clear();
        if (pitch >= 56.f) {
            row.dose = {ellipsize(dose, m_fonts.regular, typeSize::small, textWidthRoom)};
        }
        row.cut = row.name.front() != name || row.dose.empty() || row.dose.front() != dose;
        row.rect = {at.x - 12.f, y - 6.f, width + 24.f, pitch - 4.f};
        y += pitch;
    }
    return y;
}

float TodayScreen::layoutHeader() {
    const float avail = m_size.x - 2 * m_pad;
    auto widthOf = [&](const std::string& label, unsigned size) {
        return textWidth(utf8(label), m_fonts.regular, size) + 36.f;
    };
    const sf::String title = utf8(titleText());
    const float fullTitle = textWidth(title, m_fonts.bold, typeSize::title);
    const float splitTitle =
        std::max(textWidth(utf8(core::weekdayName(m_view.date)), m_fonts.bold, typeSize::title),
                 textWidth(utf8(core::dayMonthYear(m_view.date)), m_fonts.regular, typeSize::body));
    std::vector<std::pair<TopButton, Hit*>> buttons;
    if (m_actions.settings) {
        buttons.emplace_back(TopButton::Settings, &m_settingsButton);
    }
    if (m_actions.history) {
        buttons.emplace_back(TopButton::History, &m_historyButton);
    }
    buttons.emplace_back(TopButton::Library, &m_libraryButton);
    buttons.emplace_back(TopButton::Worrying, &m_worryingButton);
    m_historyButton = m_settingsButton = Hit{};
    // In one row right of the day's title: with the key hints in body type, then in smaller
    // type, then without the hints.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_topButtonSize = attempt == 0 ? typeSize::body : typeSize::small;
        m_topHints = attempt < 2;
        float total = 0.f;
        for (const auto& [button, hit] : buttons) {
            total += widthOf(topLabel(button, m_topHints), m_topButtonSize) + 12.f;
        }
        const float room = avail - total - 4.f;
        if (room < splitTitle) {
            continue;
        }
        float right = m_size.x - m_pad;
        for (auto it = buttons.rbegin(); it != buttons.rend(); ++it) {
            const float width = widthOf(topLabel(it->first, m_topHints), m_topButtonSize);
            *it->second = Hit{{right - width, 24.f, width, 52.f}};
            right -= width + 12.f;
        }
        m_titleSize = typeSize::title;
        m_titleSplit = fullTitle > room;
        m_titleTop = m_titleSplit ? 8.f : 26.f;
        return 76.f;
    }
    // Else the buttons in rows as they fit: under the title, or right of it with the weekday
    // above the date, whichever leaves more room below.
    m_topButtonSize = typeSize::small;
    m_topHints = false;
    constexpr float kHeight = 40.f;
    constexpr float kGap = 8.f;
    auto rows = [&](float room) {
        std::vector<std::vector<std::pair<Hit*, float>>> all(1);
        float x = 0.f;
        for (const auto& [button, hit] : buttons) {
            const float width = std::min(room, widthOf(topLabel(button, false), typeSize::small));
            if (x > 0.f && x + width > room) {
                all.emplace_back();
                x = 0.f;
            }
            all.back().emplace_back(hit, width);
            x += width + kGap;
        }
        return all;
    };
    auto place = [&](const auto& all, float right, float top) {
        float y = top;
        for (const auto& row : all) {
            float x = right;
            for (auto it = row.rbegin(); it != row.rend(); ++it) {
                x -= it->second;
                *it->first = Hit{{x, y, it->second, kHeight}};
                x -= kGap;
            }
            y += kHeight + kGap;
        }
        return y - kGap;
    };
    const bool roomy = m_size.y >= 560.f;
    const unsigned aboveSize = roomy && fullTitle <= avail ? typeSize::title : typeSize::heading;
    const float aboveTop = m_pad / 2 + static_cast<float>(aboveSize) * 1.35f + kGap;
    const auto under = rows(avail);
    const auto beside = rows(avail - splitTitle - 20.f);
    const float underBottom = aboveTop + static_cast<float>(under.size()) * (kHeight + kGap) - kGap;
    const float besideBottom =
        std::max(84.f, 12.f + static_cast<float>(beside.size()) * (kHeight + kGap) - kGap);
    if (besideBottom + 16.f < underBottom) { // clearly lower: it is the more ragged
        m_titleSplit = true;
        m_titleTop = 8.f;
        return place(beside, m_size.x - m_pad, 12.f);
    }
    m_titleSplit = false;
    m_titleSize = aboveSize;
    m_titleTop = m_pad / 2;
    // Left-aligned under the title: each row ends where its last button does.
    float y = aboveTop;
    for (const auto& row : under) {
        float x = m_pad;
        for (const auto& [hit, width] : row) {
            *hit = Hit{{x, y, width, kHeight}};
            x += width + kGap;
        }
        y += kHeight + kGap;
    }
    return y - kGap;
}

float TodayScreen::layoutMorning(float top) {
    const float avail = m_size.x - 2 * m_pad;
    m_painButtons.clear();
    m_savePainButton = m_cancelPainButton = m_undoButton = Hit{};
    m_question.clear();
    if (m_askMorning) {
        m_questionTop = top + 2.f;
        m_question = wrapText(tr("How is your pain this morning? 0 = none, 10 = the worst"),
                              m_fonts.bold, typeSize::body, avail);
        const float buttonsTop = m_questionTop + 30.f * static_cast<float>(m_question.size()) + 4.f;
        const float height = m_wide ? 52.f : m_size.y < 560.f ? 44.f : 48.f;
        const float width = std::min(58.f, (avail - 10 * 8.f) / 11);
        for (int i = 0; i <= 10; ++i) {
            m_painButtons.push_back(
                Hit{{m_pad + static_cast<float>(i) * (width + 8.f), buttonsTop, width, height}});
        }
        // Save and Cancel right of the numbers when they fit (without their key hints if need
        // be), else under them; as wide as the longest label.
        auto widths = [&](bool hints) {
            float save = 200.f;
            for (int i = 0; i <= 10; ++i) {
                save = std::max(save, textWidth(utf8(fmt::format(fmt::runtime(tr("Save {}")), i) +
                                                     (hints ? " (Enter)" : "")),
                                                m_fonts.bold, typeSize::body) +
                                          36.f);
            }
            const float cancel =
                std::max(hints ? 180.f : 120.f,
                         textWidth(utf8(std::string(tr("Cancel")) + (hints ? " (Esc)" : "")),
                                   m_fonts.regular, typeSize::body) +
                             36.f);
            return std::pair{save, cancel};
        };
        float x = m_painButtons.back().rect.left + width + 24.f;
        float y = buttonsTop;
        m_painHints = true;
        auto [save, cancel] = widths(true);
        if (x + save + 12.f + cancel > m_size.x - m_pad) {
            std::tie(save, cancel) = widths(false);
            m_painHints = false;
        }
        if (x + save + 12.f + cancel > m_size.x - m_pad) {
            x = m_pad;
            y += height + 8.f;
            std::tie(save, cancel) = widths(true);
            m_painHints = true;
        }
        m_savePainButton = Hit{{x, y, save, height}};
        m_cancelPainButton = Hit{{x + save + 12.f, y, cancel, height}};
        return (m_pendingPain ? y : buttonsTop) + height;
    }
    if (showsSavedPain()) {
        const float saved =
            textWidth(utf8(savedPainText(*m_view.morningPainToday)), m_fonts.bold, typeSize::body);
        const float undo = textWidth(utf8(undoLabel()), m_fonts.regular, typeSize::body) + 40.f;
        m_savedTop = top + 12.f;
        if (m_pad + saved + 20.f + undo <= m_size.x - m_pad) {
            m_undoButton = Hit{{m_pad + saved + 20.f, top, undo, 52.f}};
        } else {
            m_undoButton = Hit{{m_pad, top + 44.f, undo, 52.f}};
        }
        return m_undoButton.rect.top + 52.f;
    }
    return top;
}

void TodayScreen::layout() {
    layoutFor(m_size.x >= 1000.f && m_size.y >= 620.f);
}

float TodayScreen::stoppedHeight(float width) const {
    float height = 0.f;
    for (const auto& s : m_view.stopped) {
        const std::string name = s.exercise != nullptr ? s.exercise->text(m_lang).name : s.id;
        height +=
            24.f * static_cast<float>(
                       wrapText(fmt::format(fmt::runtime(tr("{}: stopped until your therapist "
                                                            "has looked at it")),
                                            name),
                                m_fonts.regular, typeSize::small, width - 40.f)
                           .size()) +
            6.f;
    }
    return height;
}

void TodayScreen::layoutFor(bool wide) {
    m_wide = wide;
    m_pad = m_wide ? kPad : 16.f;
    const float avail = m_size.x - 2 * m_pad;
    const float header = layoutHeader();
    const float morning = layoutMorning(header + (m_wide ? 14.f : 10.f));
    const float top = m_wide ? (m_askMorning       ? morning + 12.f
                                : showsSavedPain() ? morning + 18.f
                                                   : header + 24.f)
                             : morning + 12.f;
    const bool bar = canStart() || m_view.dayComplete;
    const float smallLine = 24.f;
    m_messageCut = false;

    if (m_wide) {
        const float width = (m_size.x - 3 * m_pad) / 2;
        m_routineRect = {m_pad, top, width, m_size.y - top - m_pad};
        m_progressRect = {2 * m_pad + width, top, width, m_size.y - top - m_pad};
        m_startButton = Hit{{m_routineRect.left + 24.f,
                             m_routineRect.top + m_routineRect.height - kButtonHeight - 24.f,
                             m_routineRect.width - 48.f, kButtonHeight}};
        const float inner = m_routineRect.width - 48.f;
        m_headAt = {m_routineRect.left + 24.f, m_routineRect.top + 20.f};
        m_headWidth = inner;
        const float rowsTop = m_headAt.y + routineHead(nullptr, m_headAt, inner);
        const float stopped = stoppedHeight(inner);
        // The message above the Start button: at most four lines, and no more than leave the
        // exercises their least room. When even that is too little, one column that scrolls.
        const float least = 34.f * static_cast<float>(m_view.items.size());
        const float spare = m_startButton.rect.top - 12.f - 8.f - stopped - rowsTop - least;
        m_messageLines = m_message.empty()
                             ? std::vector<sf::String>{}
                             : wrapText(m_message, m_fonts.regular, typeSize::small, inner);
        const auto most =
            static_cast<std::size_t>(std::clamp(std::floor(spare / smallLine), 0.f, 4.f));
        if (spare < 0.f || (!m_messageLines.empty() && most == 0)) {
            layoutFor(false);
            return;
        }
        if (m_messageLines.size() > most) {
            m_messageLines.resize(most);
            m_messageLines.back() = ellipsize(m_messageLines.back() + utf8(" …"), m_fonts.regular,
                                              typeSize::small, inner);
            m_messageCut = true;
        }
        const float message = smallLine * static_cast<float>(m_messageLines.size());
        m_messageRect = {m_routineRect.left + 24.f, m_startButton.rect.top - 12.f - message, inner,
                         message};
        const float room = m_messageRect.top - 8.f - stopped - rowsTop;
        m_rowsBottom = layoutRows({m_headAt.x, rowsTop}, inner, room);
        // The documents at the bottom of the progress panel; above them the progress scrolls.
        const float half = (m_progressRect.width - 48.f - 12.f) / 2;
        const float buttonsTop = m_progressRect.top + m_progressRect.height - 24.f - 48.f;
        m_handoutButton = Hit{{m_progressRect.left + 24.f, buttonsTop, half, 48.f}};
        m_reportButton = Hit{{m_progressRect.left + 24.f + half + 12.f, buttonsTop, half, 48.f}};
        m_openFileButton =
            m_openFile ? Hit{{m_progressRect.left + 24.f, buttonsTop - 60.f, 2 * half + 12.f, 48.f}}
                       : Hit{};
        const float areaBottom = (m_openFile ? m_openFileButton.rect.top : buttonsTop) - 12.f;
        m_scroll.setArea({m_progressRect.left + 1.f, m_progressRect.top + 1.f,
                          m_progressRect.width - 2.f, areaBottom - m_progressRect.top - 1.f});
        m_progressAt = {23.f, 19.f};
        m_progressWidth = m_progressRect.width - 48.f;
        m_scroll.setContentHeight(19.f + progress(nullptr, m_progressAt, m_progressWidth) + 8.f);
        return;
    }

    // Narrow: one column. Start at the bottom, the message above it; between the morning's
    // question and the message the rest scrolls.
    const float barHeight = m_size.y < 560.f ? 52.f : 56.f;
    const float barTop = m_size.y - m_pad + 4.f - barHeight;
    m_startButton = Hit{{m_pad, barTop, avail, barHeight}};
    float above = bar ? barTop - 8.f : m_size.y - m_pad;
    m_messageLines = m_message.empty()
                         ? std::vector<sf::String>{}
                         : wrapText(m_message, m_fonts.regular, typeSize::small, avail);
    // As many lines as leave the scrolling part some room (at most four), the rest in a tooltip.
    const auto most = static_cast<std::size_t>(
        std::clamp(std::floor((above - top - 96.f) / smallLine), 1.f, 4.f));
    if (m_messageLines.size() > most) {
        m_messageLines.resize(most);
        m_messageLines.back() =
            ellipsize(m_messageLines.back() + utf8(" …"), m_fonts.regular, typeSize::small, avail);
        m_messageCut = true;
    }
    const float message = smallLine * static_cast<float>(m_messageLines.size());
    m_messageRect = {m_pad, above - message, avail, message};
    if (message > 0.f) {
        above -= message + 6.f;
    }
    m_scroll.setArea({m_pad, top, avail, std::max(40.f, above - top)});
    const float width = avail - ScrollArea::kBarWidth - 6.f;
    m_routineRect = {0.f, 0.f, width, 0.f};
    m_headAt = {24.f, 20.f};
    m_headWidth = width - 48.f;
    const float rowsTop = m_headAt.y + routineHead(nullptr, m_headAt, m_headWidth);
    m_rowsBottom = layoutRows({m_headAt.x, rowsTop}, m_headWidth, std::nullopt);
    float y = m_rowsBottom + stoppedHeight(m_headWidth);
    m_routineRect.height = y + 12.f;
    const float panelTop = m_routineRect.height + 12.f;
    m_progressAt = {24.f, panelTop + 20.f};
    m_progressWidth = width - 48.f;
    y = m_progressAt.y + progress(nullptr, m_progressAt, m_progressWidth) + 8.f;
    // The documents at the end, in rows as they fit.
    float x = m_progressAt.x;
    auto place = [&](Hit& hit, const std::string& label) {
        const float w = std::min(m_progressWidth,
                                 textWidth(utf8(label), m_fonts.regular, typeSize::small) + 36.f);
        if (x > m_progressAt.x && x + w > m_progressAt.x + m_progressWidth) {
            x = m_progressAt.x;
            y += 48.f + 10.f;
        }
        hit = Hit{{x, y, w, 48.f}};
        x += w + 10.f;
    };
    m_openFileButton = Hit{};
    if (m_openFile) {
        place(m_openFileButton, std::string(tr("Open a program file…")) + " (O)");
    }
    place(m_handoutButton, std::string(tr("Handout")) + " (P)");
    place(m_reportButton, std::string(tr("Report for my therapist")) + " (R)");
    y += 48.f + 20.f;
    m_progressPanel = {0.f, panelTop, width, y - panelTop};
    m_scroll.setContentHeight(y);
}

void TodayScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) {
        m_pointer = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        (void)m_scroll.handleEvent(event);
        return;
    }
    const auto pending = m_pendingPain;
    const auto selected = m_selected;
    const auto focus = m_focus;
    handleInput(event);
    if (m_pendingPain != pending) {
        layout(); // Save and Cancel come or go
    }
    if (m_focus != focus) {
        showFocus();
    }
    if (!m_wide && m_selected && m_selected != selected && *m_selected < m_rows.size()) {
        const sf::FloatRect row = m_rows[*m_selected].rect;
        m_scroll.show(row.top - 10.f, row.top + row.height + 10.f);
    }
}

void TodayScreen::handleInput(const sf::Event& event) {
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
        } else {
            (void)m_scroll.handleEvent(event); // PgUp PgDn Home End, and ↑ ↓ Space when free
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
    // What scrolled out of the view is not there for the mouse.
    const bool inView = m_wide || m_scroll.area().contains(at);
    if (m_actions.open && inView) {
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
    } else if (m_openFile && inView && openFileButton().contains(at)) {
        m_openFile();
    } else if (inView && rectOf({Control::Handout}).contains(at)) {
        (void)writeHandout();
    } else if (inView && rectOf({Control::Report}).contains(at)) {
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
constexpr float kChartHeight = 108.f;

} // namespace

void TodayScreen::drawCalendar(sf::RenderTarget& target, sf::Vector2f at) const {
    const char* dayNames[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su")};
    for (int i = 0; i < 7; ++i) {
        const sf::String name = utf8(tr(dayNames[i]));
        drawText(target, name, m_fonts.regular, typeSize::small,
                 {at.x + static_cast<float>(i) * kCell +
                      (kCell - 6.f - textWidth(name, m_fonts.regular, typeSize::small)) / 2,
                  at.y},
                 colour::mutedText);
    }
    const auto days = calendarDays();
    for (std::size_t i = 0; i < days.size(); ++i) {
        const sf::FloatRect box{at.x + static_cast<float>(i % 7) * kCell,
                                at.y + 26.f + static_cast<float>(i / 7) * (kCell - 2.f),
                                kCell - 6.f, kCell - 6.f};
        drawMark(target, m_fonts, box, days[i].mark, days[i].label, typeSize::small);
    }
}

float TodayScreen::drawPainChart(sf::RenderTarget* target, sf::FloatRect area) const {
    if (m_view.mornings.empty()) {
        float height = 8.f;
        for (const auto& line : wrapText(tr("No morning pain recorded in the last three weeks."),
                                         m_fonts.regular, typeSize::small, area.width)) {
            if (target != nullptr) {
                drawText(*target, line, m_fonts.regular, typeSize::small,
                         {area.left, area.top + height - 8.f}, colour::mutedText);
            }
            height += 24.f;
        }
        return height;
    }
    if (target == nullptr) {
        return kChartHeight;
    }
    const auto labels = painChartLabels();
    constexpr unsigned kLabel = typeSize::small;
    const float axis = area.left + 28.f;
    const float top = area.top + 22.f; // room for the value over a 10
    const float base = top + 56.f;
    const float perPoint = (base - top) / 10.f;
    // The scale: 0 at the base line, 10 at the top, with a faint line at 10.
    const sf::String high = utf8(labels.high);
    const sf::String low = utf8(labels.low);
    drawText(*target, high, m_fonts.regular, kLabel,
             {axis - 6.f - textWidth(high, m_fonts.regular, kLabel), top - 11.f},
             colour::mutedText);
    drawText(*target, low, m_fonts.regular, kLabel,
             {axis - 6.f - textWidth(low, m_fonts.regular, kLabel), base - 11.f},
             colour::mutedText);
    sf::RectangleShape yAxis({1.f, base - top});
    yAxis.setPosition(axis, top);
    yAxis.setFillColor(colour::mutedText);
    target->draw(yAxis);
    const float plotWidth = area.left + area.width - axis - 4.f;
    sf::RectangleShape line({plotWidth, 1.f});
    line.setPosition(axis, base);
    line.setFillColor(colour::mutedText);
    target->draw(line);
    line.setPosition(axis, top);
    line.setFillColor(colour::panelBorder);
    target->draw(line);
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
        target->draw(bar);
        const sf::String value = utf8(labels.values[i]);
        drawText(*target, value, m_fonts.regular, kLabel,
                 {x + (barWidth - textWidth(value, m_fonts.regular, kLabel)) / 2, base - h - 22.f},
                 colour::text);
    }
    const sf::String first = utf8(labels.first);
    const sf::String last = utf8(labels.last);
    drawText(*target, first, m_fonts.regular, kLabel, {axis + 4.f, base + 4.f}, colour::mutedText);
    drawText(*target, last, m_fonts.regular, kLabel,
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

float TodayScreen::progress(sf::RenderTarget* target, sf::Vector2f at, float width) const {
    auto lines = [&](const std::string& text, const sf::Font& font, unsigned size, float step,
                     sf::Color colour, float x, float room, float& y) {
        for (const auto& line : wrapText(text, font, size, room)) {
            if (target != nullptr) {
                drawText(*target, line, font, size, {x, y}, colour);
            }
            y += step;
        }
    };
    if (target != nullptr) {
        drawCalendar(*target, at);
    }
    const float calendarBottom = at.y + 26.f + 4 * (kCell - 2.f) + kCell - 6.f;
    // The streak, the adherence and the calendar's legend beside the calendar, else under it.
    const bool beside = width >= kCalendarWidth + 16.f + 200.f;
    const float side = beside ? at.x + kCalendarWidth + 16.f : at.x;
    const float sideWidth = beside ? width - kCalendarWidth - 16.f : width;
    float sy = beside ? at.y : calendarBottom + 16.f;
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
        lines(fmt::format(fmt::runtime(tr("Streak: {}")), count(m_view.streak.current)),
              m_fonts.bold, typeSize::heading, 34.f, colour::text, side, sideWidth, sy);
        sy += 4.f;
    }
    for (const auto& text :
         {fmt::format(fmt::runtime(tr("Longest: {}")), count(m_view.streak.longest)),
          adherenceText()}) {
        lines(text, m_fonts.regular, typeSize::small, 24.f, colour::mutedText, side, sideWidth, sy);
    }
    sy += 10.f;
    for (const auto& [mark, meaning] : calendarLegend()) {
        if (target != nullptr) {
            drawMark(*target, m_fonts, {side, sy + 1.f, 20.f, 20.f}, mark, "", 12);
        }
        lines(meaning, m_fonts.regular, typeSize::small, 24.f, colour::text, side + 30.f,
              sideWidth - 30.f, sy);
        sy += 4.f;
    }
    float y = std::max(calendarBottom, sy) + 16.f;
    // Morning pain over the last three weeks: a bar and its value for each morning.
    lines(tr("Morning pain, last 3 weeks (0 = none, 10 = the worst)"), m_fonts.bold,
          typeSize::small, 24.f, colour::text, at.x, width, y);
    y += 4.f;
    y += drawPainChart(target, {at.x, y, width, kChartHeight});
    // Flags for the therapist first: the patient is asked to pass them on.
    const auto* program = m_view.program;
    for (const auto& flag : m_view.openFlags) {
        const std::string what = core::reasonText(flag.reason, &m_practice.library(), program);
        const core::Exercise* ex = m_practice.library().find(flag.exercise);
        const std::string text =
            ex != nullptr ? fmt::format(fmt::runtime(tr("Tell your therapist about {}: {}")),
                                        ex->text(m_lang).name, what)
                          : fmt::format(fmt::runtime(tr("Tell your therapist: {}")), what);
        lines(text, m_fonts.bold, typeSize::small, 24.f, colour::text, at.x, width, y);
        y += 8.f;
    }
    y += 8.f;
    lines(tr("Latest changes to your doses"), m_fonts.bold, typeSize::small, 24.f, colour::text,
          at.x, width, y);
    y += 6.f;
    if (m_view.latestChanges.empty()) {
        lines(tr("None yet: your weekly reviews will appear here."), m_fonts.regular,
              typeSize::small, 24.f, colour::mutedText, at.x, width, y);
    }
    for (const auto& change : m_view.latestChanges) {
        const core::Exercise* ex = m_practice.library().find(change.to.exercise);
        const std::string who =
            change.exercise.empty() || change.reason.key == core::ReasonKey::PhaseBegins
                ? std::string(tr("the program"))
            : ex != nullptr ? ex->text(m_lang).name
                            : change.exercise;
        lines(core::dateInWords(change.date) + " · " + who, m_fonts.bold, typeSize::small, 24.f,
              colour::text, at.x, width, y);
        lines(core::reasonText(change, &m_practice.library(), program), m_fonts.regular,
              typeSize::small, 24.f, colour::mutedText, at.x, width, y);
        y += 8.f;
    }
    return y - at.y;
}

void TodayScreen::draw(sf::RenderTarget& target) const {
    // The day in words; the weekday above the date when the buttons leave too little room.
    if (m_titleSplit) {
        drawText(target, utf8(core::weekdayName(m_view.date)), m_fonts.bold, typeSize::title,
                 {m_pad, 8.f}, colour::text);
        drawText(target, utf8(core::dayMonthYear(m_view.date)), m_fonts.regular, typeSize::body,
                 {m_pad, 52.f}, colour::text);
    } else {
        drawText(target, utf8(titleText()), m_fonts.bold, m_titleSize, {m_pad, m_titleTop},
                 colour::text);
    }
    drawButton(target, m_fonts, m_libraryButton.rect, topLabel(TopButton::Library, m_topHints),
               false, false, m_topButtonSize);
    if (m_actions.worrying) {
        // Always there, and not to be missed: the way to report a warning sign.
        drawRoundedRect(target, m_worryingButton.rect, 10.f, colour::warningGround, colour::warning,
                        2.f);
        const sf::String label = utf8(topLabel(TopButton::Worrying, m_topHints));
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
        float y = m_questionTop;
        for (const auto& line : m_question) {
            drawText(target, line, m_fonts.bold, typeSize::body, {m_pad, y}, colour::text);
            y += 30.f;
        }
        for (std::size_t i = 0; i < m_painButtons.size(); ++i) {
            drawButton(target, m_fonts, m_painButtons[i].rect, std::to_string(i), false,
                       m_pendingPain == static_cast<int>(i));
        }
        if (m_pendingPain) {
            drawButton(target, m_fonts, m_savePainButton.rect,
                       fmt::format(fmt::runtime(tr("Save {}")), *m_pendingPain) +
                           (m_painHints ? " (Enter)" : ""),
                       true);
            drawButton(target, m_fonts, m_cancelPainButton.rect,
                       std::string(tr("Cancel")) + (m_painHints ? " (Esc)" : ""), false);
        }
    }
    if (showsSavedPain()) {
        drawText(target, utf8(savedPainText(*m_view.morningPainToday)), m_fonts.bold,
                 typeSize::body, {m_pad, m_savedTop}, colour::text);
        drawButton(target, m_fonts, m_undoButton.rect, undoLabel(), false);
    }

    const auto focus = currentFocus();
    // The routine's exercises: each row opens its exercise; the chosen one is marked, and each
    // has a "›". Drawn where the rows are (the scrolled content when narrow).
    auto drawRoutine = [&] {
        (void)routineHead(&target, m_headAt, m_headWidth);
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            const Row& row = m_rows[i];
            const sf::FloatRect r = row.rect;
            if (m_selected == i) {
                drawRoundedRect(target, r, 8.f, colour::selection, colour::accent, 2.f);
            }
            if (m_actions.open) {
                drawText(target, utf8("›"), m_fonts.bold, typeSize::heading,
                         {r.left + r.width - 28.f,
                          r.top + (r.height - static_cast<float>(typeSize::heading)) / 2 - 6.f},
                         colour::mutedText);
            }
            const bool done = m_view.items.at(i).done();
            drawText(target, utf8(done ? "✓" : "○"), m_fonts.bold, typeSize::heading,
                     {r.left + 12.f, r.top + 6.f}, done ? colour::accent : colour::mutedText);
            float y = r.top + 6.f;
            for (const auto& line : row.name) {
                drawText(target, line, m_fonts.bold, typeSize::body, {r.left + 52.f, y},
                         colour::text);
                y += 30.f;
            }
            if (y + 24.f * static_cast<float>(row.dose.size()) > r.top + r.height) {
                y = r.top + std::min(36.f, r.height - 24.f); // closer together
            }
            for (const auto& line : row.dose) {
                drawText(target, line, m_fonts.regular, typeSize::small, {r.left + 52.f, y},
                         colour::mutedText);
                y += 24.f;
            }
        }
        float y = m_rowsBottom;
        for (const auto& stopped : m_view.stopped) {
            const std::string name =
                stopped.exercise != nullptr ? stopped.exercise->text(m_lang).name : stopped.id;
            for (const auto& line :
                 wrapText(fmt::format(fmt::runtime(tr("{}: stopped until your therapist has "
                                                      "looked at it")),
                                      name),
                          m_fonts.regular, typeSize::small, m_headWidth - 40.f)) {
                drawText(target, line, m_fonts.regular, typeSize::small, {m_headAt.x + 40.f, y},
                         colour::mutedText);
                y += 24.f;
            }
            y += 6.f;
        }
    };
    auto drawDocuments = [&] {
        drawButton(target, m_fonts, m_handoutButton.rect, std::string(tr("Handout")) + " (P)",
                   false, false, typeSize::small);
        drawButton(target, m_fonts, m_reportButton.rect,
                   std::string(tr("Report for my therapist")) + " (R)", false, false,
                   typeSize::small);
        if (m_openFile) {
            drawButton(target, m_fonts, m_openFileButton.rect,
                       std::string(tr("Open a program file…")) + " (O)", false, false,
                       typeSize::small);
        }
    };
    auto drawStart = [&] {
        if (m_view.dayComplete) {
            float y = m_startButton.rect.top + 12.f;
            for (const auto& line : wrapText(tr("All done for today. Well done!"), m_fonts.bold,
                                             typeSize::heading, m_startButton.rect.width)) {
                drawText(target, line, m_fonts.bold, typeSize::heading,
                         {m_startButton.rect.left, y}, colour::accent);
                y += 34.f;
            }
        } else if (canStart()) {
            drawButton(target, m_fonts, m_startButton.rect,
                       std::string(tr("Start today's routine")) + "  ▶  (Enter)", true);
        }
    };
    auto drawMessage = [&] {
        float y = m_messageRect.top;
        for (const auto& line : m_messageLines) {
            drawText(target, line, m_fonts.regular, typeSize::small, {m_messageRect.left, y},
                     colour::mutedText);
            y += 24.f;
        }
    };

    if (m_wide) {
        drawRoundedRect(target, m_routineRect, 14.f, colour::panel, colour::panelBorder, 1.f);
        if (m_view.program != nullptr) {
            drawRoutine();
            if (m_view.state != service::ProgramState::Stopped &&
                m_view.state != service::ProgramState::NotStarted) {
                drawStart();
            }
        }
        drawMessage();
        drawRoundedRect(target, m_progressRect, 14.f, colour::panel, colour::panelBorder, 1.f);
        const sf::View saved = m_scroll.begin(target);
        (void)progress(&target, m_progressAt, m_progressWidth);
        m_scroll.end(target, saved);
        drawDocuments();
    } else {
        // The routine, the progress and the documents scroll; the focus ring with them.
        const sf::View saved = m_scroll.begin(target);
        drawRoundedRect(target, m_routineRect, 14.f, colour::panel, colour::panelBorder, 1.f);
        if (m_view.program != nullptr) {
            drawRoutine();
        }
        drawRoundedRect(target, m_progressPanel, 14.f, colour::panel, colour::panelBorder, 1.f);
        (void)progress(&target, m_progressAt, m_progressWidth);
        drawDocuments();
        if (focus && scrolled(focus->control)) {
            drawFocusRing(target, placeOf(*focus));
        }
        m_scroll.end(target, saved);
        if (m_view.program != nullptr && m_view.state != service::ProgramState::Stopped &&
            m_view.state != service::ProgramState::NotStarted) {
            drawStart();
        }
        drawMessage();
    }
    if (focus && !scrolled(focus->control)) {
        drawFocusRing(target, rectOf(*focus));
    }
    // Text shortened to fit, whole: an exercise under the pointer or the focus, the message.
    const bool pointerInside = m_wide || m_scroll.area().contains(m_pointer);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const sf::FloatRect r = onScreen(m_rows[i].rect);
        const bool focused = focus && *focus == Focus{Control::Item, i};
        if (m_rows[i].cut && (focused || (pointerInside && r.contains(m_pointer)))) {
            const auto& item = m_view.items[i];
            drawTooltip(target, m_fonts.regular,
                        item.exercise->text(m_lang).name + " · " +
                            core::describeDose(item.prescription.dose),
                        r, m_size);
        }
    }
    if (m_messageCut && m_messageRect.contains(m_pointer)) {
        drawTooltip(target, m_fonts.regular, m_message, m_messageRect, m_size);
    }
}

} // namespace motus::app
