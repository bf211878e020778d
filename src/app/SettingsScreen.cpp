#include "SettingsScreen.hpp"

#include "core/I18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace motus::app {
namespace {

using core::tr;
using L = core::SettingsLimits;

constexpr float kPad = 28.f;
constexpr float kControlHeight = 52.f;
constexpr float kRowGap = 14.f;
constexpr float kSmallButton = 60.f;
constexpr float kGap = 8.f;

constexpr std::array<const char*, 7> kDayNames{N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
                                               N_("Fri"), N_("Sat"), N_("Sun")};

// One step up or down on a grid of `step`, from any value (one from the file may lie between).
int stepped(int value, int step, core::IntRange range, int direction) {
    const int next =
        direction > 0 ? (value / step + 1) * step : ((value + step - 1) / step - 1) * step;
    return std::clamp(next, range.min, range.max);
}

} // namespace

SettingsScreen::SettingsScreen(core::Settings settings, std::vector<std::string> languages,
                               const Fonts& fonts, Actions actions, Row focus)
    : m_settings(std::move(settings)), m_languages(std::move(languages)), m_fonts(fonts),
      m_actions(std::move(actions)) {
    if (std::find(m_languages.begin(), m_languages.end(), m_settings.language) ==
        m_languages.end()) {
        m_languages.push_back(m_settings.language);
    }
    auto add = [&](Row row, Kind kind) {
        Line line;
        line.row = row;
        line.kind = kind;
        m_rows.push_back(line);
    };
    add(Row::Language, Kind::Choice);
    add(Row::TextSize, Kind::Number);
    add(Row::HighContrast, Kind::Switch);
    add(Row::ReducedMotion, Kind::Switch);
    add(Row::Voice, Kind::Switch);
    add(Row::VoiceSpeed, Kind::Number);
    add(Row::Tones, Kind::Switch);
    add(Row::Volume, Kind::Number);
    add(Row::GetReady, Kind::Number);
    add(Row::SwitchSides, Kind::Number);
    add(Row::Reminders, Kind::Switch);
    add(Row::ReminderDays, Kind::Days);
    add(Row::ReminderTime, Kind::Number);
    if (m_actions.welcome) {
        add(Row::Welcome, Kind::Button);
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].row == focus) {
            m_focus = i;
        }
    }
}

std::string SettingsScreen::languageName(const std::string& code) {
    if (code.empty()) {
        return tr("The system's language");
    }
    const std::string base = code.substr(0, 2);
    if (base == "en") {
        return "English";
    }
    if (base == "de") {
        return "Deutsch";
    }
    if (base == "es") {
        return "Español";
    }
    return code;
}

std::string SettingsScreen::label(Row row) const {
    switch (row) {
    case Row::Language:
        return tr("Language");
    case Row::TextSize:
        return tr("Text size");
    case Row::HighContrast:
        return tr("High contrast");
    case Row::ReducedMotion:
        return tr("Reduced motion");
    case Row::Voice:
        return tr("Voice");
    case Row::VoiceSpeed:
        return tr("Voice speed");
    case Row::Tones:
        return tr("Tones");
    case Row::Volume:
        return tr("Volume");
    case Row::GetReady:
        return tr("Time to get ready");
    case Row::SwitchSides:
        return tr("Time to switch sides");
    case Row::Reminders:
        return tr("Reminders");
    case Row::ReminderDays:
        return tr("Reminder days");
    case Row::ReminderTime:
        return tr("Reminder time");
    case Row::Welcome:
        return tr("Welcome");
    }
    return {};
}

bool SettingsScreen::switchedOn(Row row) const {
    switch (row) {
    case Row::HighContrast:
        return m_settings.highContrast;
    case Row::ReducedMotion:
        return m_settings.reducedMotion;
    case Row::Voice:
        return m_settings.sound.voice;
    case Row::Tones:
        return m_settings.sound.tones;
    case Row::Reminders:
        return m_settings.reminders.enabled;
    default:
        return false;
    }
}

std::string SettingsScreen::valueText(Row row) const {
    auto seconds = [](int n) {
        return fmt::format(
            fmt::runtime(core::trn("{} second", "{} seconds", static_cast<unsigned long>(n))), n);
    };
    auto percent = [](int n) { return fmt::format("{} %", n); };
    switch (row) {
    case Row::Language:
        return languageName(m_settings.language);
    case Row::TextSize:
        return percent(m_settings.textSize);
    case Row::VoiceSpeed:
        return percent(m_settings.sound.voiceSpeed);
    case Row::Volume:
        return percent(m_settings.sound.volume);
    case Row::GetReady:
        return seconds(m_settings.getReadySeconds);
    case Row::SwitchSides:
        return seconds(m_settings.switchSidesSeconds);
    case Row::ReminderTime:
        return core::clockText(m_settings.reminders.minute);
    case Row::Welcome:
        return tr("Show the welcome again");
    default:
        return switchedOn(row) ? tr("On") : tr("Off");
    }
}

void SettingsScreen::resize(sf::Vector2f size) {
    m_size = size;
    // Below the rows, room for what the last change said, wrapped, when it said anything.
    m_messageLines = wrapText(m_message, m_fonts.regular, typeSize::small, size.x - 2 * kPad);
    const float messageRoom =
        m_message.empty() ? 20.f : 24.f * static_cast<float>(m_messageLines.size()) + 24.f;
    const float titleX = kPad + kBackButtonSpace;
    m_keys = flowParts(tr("↑ ↓ choose   ← → change   Enter switch   Esc back"), m_fonts.regular,
                       typeSize::small, std::max(120.f, size.x - titleX - kPad), 26.f);
    const float areaTop =
        std::max(110.f, 72.f + (m_keys.empty() ? 0.f : m_keys.back().at.y + 26.f) + 12.f);
    m_area = {kPad, areaTop, size.x - 2 * kPad, std::max(120.f, size.y - areaTop - messageRoom)};
    m_labelWidth = 0.f;
    for (const auto& line : m_rows) {
        m_labelWidth = std::max(m_labelWidth,
                                textWidth(utf8(label(line.row)), m_fonts.regular, typeSize::body));
    }
    m_labelWidth += 32.f;
    // The widest value decides the width of the value boxes.
    float valueWidth = 200.f;
    std::vector<std::string> values{valueText(Row::GetReady), valueText(Row::SwitchSides)};
    for (const auto& language : m_languages) {
        values.push_back(languageName(language));
    }
    for (const auto& value : values) {
        valueWidth =
            std::max(valueWidth, textWidth(utf8(value), m_fonts.bold, typeSize::body) + 40.f);
    }
    const float right = m_area.left + m_area.width - 20.f; // room for the scroll bar
    const float controlsWidth = 2 * (kSmallButton + kGap) + valueWidth;
    m_stacked = m_area.left + 16.f + m_labelWidth + controlsWidth > right;
    const float x0 = m_stacked ? m_area.left + 16.f : m_area.left + 16.f + m_labelWidth;
    valueWidth = std::min(valueWidth, right - x0 - 2 * (kSmallButton + kGap));

    float y = 8.f;
    for (auto& line : m_rows) {
        line.top = y;
        float controlsTop = y + 6.f;
        if (m_stacked) {
            controlsTop += 34.f; // the label on its own line
        }
        line.days.clear();
        switch (line.kind) {
        case Kind::Choice:
        case Kind::Number:
            line.less = {x0, controlsTop, kSmallButton, kControlHeight};
            line.value = {x0 + kSmallButton + kGap, controlsTop, valueWidth, kControlHeight};
            line.more = {line.value.left + valueWidth + kGap, controlsTop, kSmallButton,
                         kControlHeight};
            break;
        case Kind::Switch:
            line.value = {x0, controlsTop, 180.f, kControlHeight};
            break;
        case Kind::Button:
            line.value = {x0, controlsTop,
                          std::min(right - x0, textWidth(utf8(valueText(line.row)), m_fonts.regular,
                                                         typeSize::body) +
                                                   48.f),
                          kControlHeight};
            break;
        case Kind::Days: {
            // The program's days, then Monday to Sunday; the buttons flow onto a second line
            // when the window is narrow.
            float x = x0;
            float top = controlsTop;
            for (std::size_t i = 0; i < 8; ++i) {
                const std::string text = i == 0 ? tr("The program's days") : tr(kDayNames[i - 1]);
                const float width =
                    std::max(i == 0 ? 120.f : 76.f,
                             textWidth(utf8(text), m_fonts.regular, typeSize::body) + 32.f);
                if (x + width > right && x > x0) {
                    x = x0;
                    top += kControlHeight + kGap;
                }
                line.days.push_back({x, top, std::min(width, right - x), kControlHeight});
                x += width + kGap;
            }
            controlsTop = top;
            break;
        }
        }
        const float bottom = controlsTop + kControlHeight + 6.f;
        line.height = bottom - y;
        y = bottom + kRowGap;
    }
    m_contentHeight = y;
    scrollToFocus();
}

const SettingsScreen::Line* SettingsScreen::line(Row row) const {
    for (const auto& l : m_rows) {
        if (l.row == row) {
            return &l;
        }
    }
    return nullptr;
}

sf::FloatRect SettingsScreen::onScreen(sf::FloatRect rect) const {
    return {rect.left, rect.top + m_area.top - m_scroll, rect.width, rect.height};
}

sf::FloatRect SettingsScreen::lessButton(Row row) const {
    const Line* l = line(row);
    return l ? onScreen(l->less) : sf::FloatRect{};
}

sf::FloatRect SettingsScreen::moreButton(Row row) const {
    const Line* l = line(row);
    return l ? onScreen(l->more) : sf::FloatRect{};
}

sf::FloatRect SettingsScreen::switchButton(Row row) const {
    const Line* l = line(row);
    return l ? onScreen(l->value) : sf::FloatRect{};
}

sf::FloatRect SettingsScreen::dayButton(std::size_t index) const {
    const Line* l = line(Row::ReminderDays);
    return l && index < l->days.size() ? onScreen(l->days[index]) : sf::FloatRect{};
}

void SettingsScreen::scrollToFocus() {
    const float maxScroll = std::max(0.f, m_contentHeight - m_area.height);
    if (m_focus < m_rows.size()) {
        const Line& l = m_rows[m_focus];
        if (l.top - 8.f < m_scroll) {
            m_scroll = l.top - 8.f;
        } else if (l.top + l.height + 8.f > m_scroll + m_area.height) {
            m_scroll = l.top + l.height + 8.f - m_area.height;
        }
    }
    m_scroll = std::clamp(m_scroll, 0.f, maxScroll);
}

void SettingsScreen::commit(const core::Settings& after) {
    const core::Settings before = m_settings;
    m_settings = after;
    const std::string said = m_message;
    m_message = m_actions.apply ? m_actions.apply(before, after) : std::string();
    if (m_message != said) {
        resize(m_size); // room for the message below the rows, as long as it is, or none
    }
}

void SettingsScreen::change(Row row, int direction) {
    core::Settings s = m_settings;
    switch (row) {
    case Row::Language: {
        const auto at = std::find(m_languages.begin(), m_languages.end(), s.language);
        const auto count = static_cast<long>(m_languages.size());
        const long index = (at - m_languages.begin() + direction + count) % count;
        s.language = m_languages[static_cast<std::size_t>(index)];
        break;
    }
    case Row::TextSize:
        s.textSize = stepped(s.textSize, 25, L::textSize, direction);
        break;
    case Row::VoiceSpeed:
        s.sound.voiceSpeed = stepped(s.sound.voiceSpeed, 10, L::voiceSpeed, direction);
        break;
    case Row::Volume:
        s.sound.volume = stepped(s.sound.volume, 10, L::volume, direction);
        break;
    case Row::GetReady:
        s.getReadySeconds = stepped(s.getReadySeconds, 5, L::getReady, direction);
        break;
    case Row::SwitchSides:
        s.switchSidesSeconds = stepped(s.switchSidesSeconds, 5, L::switchSides, direction);
        break;
    case Row::ReminderTime:
        // A quarter of an hour, round the clock; a time between quarters goes to the next.
        if (direction > 0) {
            s.reminders.minute = (s.reminders.minute / 15 + 1) * 15 % (24 * 60);
        } else if (s.reminders.minute % 15 != 0) {
            s.reminders.minute = s.reminders.minute / 15 * 15;
        } else {
            s.reminders.minute = (s.reminders.minute - 15 + 24 * 60) % (24 * 60);
        }
        break;
    default:
        return;
    }
    if (!(s == m_settings)) {
        commit(s);
    }
}

void SettingsScreen::toggle(Row row) {
    core::Settings s = m_settings;
    switch (row) {
    case Row::HighContrast:
        s.highContrast = !s.highContrast;
        break;
    case Row::ReducedMotion:
        s.reducedMotion = !s.reducedMotion;
        break;
    case Row::Voice:
        s.sound.voice = !s.sound.voice;
        break;
    case Row::Tones:
        s.sound.tones = !s.sound.tones;
        break;
    case Row::Reminders:
        s.reminders.enabled = !s.reminders.enabled;
        break;
    case Row::Welcome:
        if (m_actions.welcome) {
            m_actions.welcome();
        }
        return;
    default:
        return;
    }
    commit(s);
}

void SettingsScreen::toggleDay(std::size_t index) {
    core::Settings s = m_settings;
    if (index == 0) {
        s.reminders.days = 0; // the program's days
    } else {
        s.reminders.days = static_cast<core::WeekdaySet>(s.reminders.days ^ (1u << (index - 1)));
    }
    if (!(s == m_settings)) {
        commit(s);
    }
}

void SettingsScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Tab) {
            // Back, then the rows; -1 is Back.
            std::vector<int> order{-1};
            for (std::size_t i = 0; i < m_rows.size(); ++i) {
                order.push_back(static_cast<int>(i));
            }
            const int next = *stepFocus(
                order, std::optional<int>(m_backFocused ? -1 : static_cast<int>(m_focus)),
                event.key.shift ? -1 : 1);
            m_backFocused = next < 0;
            if (next >= 0) {
                m_focus = static_cast<std::size_t>(next);
                scrollToFocus();
            }
            return;
        }
        if (m_backFocused && (key == sf::Keyboard::Enter || key == sf::Keyboard::Space)) {
            if (m_actions.back) {
                m_actions.back();
            }
            return;
        }
        m_backFocused = false; // any other key is for the rows again
        const Line& focused = m_rows.at(m_focus);
        switch (key) {
        case sf::Keyboard::Escape:
        case sf::Keyboard::BackSpace:
            if (m_actions.back) {
                m_actions.back();
            }
            return;
        case sf::Keyboard::Up:
            m_focus = m_focus > 0 ? m_focus - 1 : 0;
            break;
        case sf::Keyboard::Down:
            m_focus = std::min(m_focus + 1, m_rows.size() - 1);
            break;
        case sf::Keyboard::Home:
            m_focus = 0;
            break;
        case sf::Keyboard::End:
            m_focus = m_rows.size() - 1;
            break;
        case sf::Keyboard::Left:
        case sf::Keyboard::Right:
        case sf::Keyboard::Add:
        case sf::Keyboard::Subtract: {
            const int direction =
                event.key.code == sf::Keyboard::Left || event.key.code == sf::Keyboard::Subtract
                    ? -1
                    : 1;
            if (focused.kind == Kind::Days) {
                m_dayCursor = static_cast<std::size_t>(
                    std::clamp(static_cast<int>(m_dayCursor) + direction, 0, 7));
            } else if (focused.kind == Kind::Switch) {
                if (switchedOn(focused.row) != (direction > 0)) {
                    toggle(focused.row);
                }
            } else {
                change(focused.row, direction);
            }
            break;
        }
        case sf::Keyboard::Enter:
        case sf::Keyboard::Space:
            if (focused.kind == Kind::Days) {
                toggleDay(m_dayCursor);
            } else if (focused.kind == Kind::Switch || focused.kind == Kind::Button) {
                toggle(focused.row);
                if (focused.kind == Kind::Button) {
                    return;
                }
            }
            break;
        default:
            return;
        }
        scrollToFocus();
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        const float maxScroll = std::max(0.f, m_contentHeight - m_area.height);
        m_scroll = std::clamp(m_scroll - event.mouseWheelScroll.delta * 60.f, 0.f, maxScroll);
        return;
    }
    if (event.type != sf::Event::MouseButtonPressed ||
        event.mouseButton.button != sf::Mouse::Left) {
        return;
    }
    const sf::Vector2f at = clickPosition(event);
    if (kBackButton.contains(at)) {
        if (m_actions.back) {
            m_actions.back();
        }
        return;
    }
    if (!m_area.contains(at)) {
        return;
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Line& l = m_rows[i];
        const sf::FloatRect row = onScreen({m_area.left, l.top, m_area.width, l.height});
        if (!row.contains(at)) {
            continue;
        }
        m_focus = i;
        m_backFocused = false;
        if (l.kind == Kind::Choice || l.kind == Kind::Number) {
            if (onScreen(l.less).contains(at)) {
                change(l.row, -1);
            } else if (onScreen(l.more).contains(at)) {
                change(l.row, 1);
            }
        } else if (l.kind == Kind::Switch || l.kind == Kind::Button) {
            if (onScreen(l.value).contains(at)) {
                toggle(l.row);
                if (l.kind == Kind::Button) {
                    return;
                }
            }
        } else {
            for (std::size_t d = 0; d < l.days.size(); ++d) {
                if (onScreen(l.days[d]).contains(at)) {
                    m_dayCursor = d;
                    toggleDay(d);
                }
            }
        }
        return;
    }
}

void SettingsScreen::draw(sf::RenderTarget& target) const {
    drawBackButton(target, m_fonts);
    const float titleX = kPad + kBackButtonSpace;
    drawText(target, utf8(tr("Settings")), m_fonts.bold, typeSize::title, {titleX, 22.f},
             colour::text);
    for (const auto& part : m_keys) {
        drawText(target, part.text, m_fonts.regular, typeSize::small,
                 {titleX + part.at.x, 72.f + part.at.y}, colour::mutedText);
    }

    const float areaBottom = m_area.top + m_area.height;
    // The rows are drawn through a view clipped to their area, so that a row half scrolled in
    // shows as much of it as fits.
    const sf::View saved = target.getView();
    const sf::FloatRect clipped{m_area.left - 4.f, m_area.top, m_area.width + 8.f, m_area.height};
    sf::View clip(clipped);
    const sf::Vector2f size = saved.getSize();
    clip.setViewport({clipped.left / size.x, clipped.top / size.y, clipped.width / size.x,
                      clipped.height / size.y});
    target.setView(clip);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Line& l = m_rows[i];
        const sf::FloatRect row = onScreen({m_area.left, l.top, m_area.width - 20.f, l.height});
        if (row.top + row.height < m_area.top || row.top > areaBottom) {
            continue; // scrolled out of sight
        }
        const bool focused = i == m_focus && !m_backFocused;
        if (focused) {
            // The focus: a tinted ground and a strong outline round the whole row.
            drawRoundedRect(target, row, 12.f, colour::selection, colour::accent, 3.f);
        }
        const float labelTop = m_stacked ? row.top + 6.f : onScreen(l.less).top;
        const float lineHeight = static_cast<float>(typeSize::body) * 1.35f;
        const float labelY = m_stacked
                                 ? labelTop
                                 : onScreen(l.kind == Kind::Days ? l.days.front() : l.value).top +
                                       (kControlHeight - lineHeight) / 2;
        drawText(target, utf8(label(l.row)), focused ? m_fonts.bold : m_fonts.regular,
                 typeSize::body, {m_area.left + 16.f, labelY}, colour::text);
        switch (l.kind) {
        case Kind::Choice:
        case Kind::Number: {
            const bool choice = l.kind == Kind::Choice;
            drawButton(target, m_fonts, onScreen(l.less), choice ? "◀" : "−", false);
            drawButton(target, m_fonts, onScreen(l.more), choice ? "▶" : "+", false);
            const sf::FloatRect box = onScreen(l.value);
            drawRoundedRect(target, box, 10.f, colour::panel, colour::panelBorder, 1.f);
            const sf::String text =
                ellipsize(utf8(valueText(l.row)), m_fonts.bold, typeSize::body, box.width - 16.f);
            drawText(target, text, m_fonts.bold, typeSize::body,
                     {box.left + (box.width - textWidth(text, m_fonts.bold, typeSize::body)) / 2,
                      box.top + (box.height - lineHeight) / 2},
                     colour::text);
            break;
        }
        case Kind::Switch: {
            const bool on = switchedOn(l.row);
            // Said in words and by a mark, not by colour alone.
            drawButton(target, m_fonts, onScreen(l.value),
                       (on ? std::string("✓ ") : std::string("✗ ")) + valueText(l.row), false, on);
            break;
        }
        case Kind::Button:
            drawButton(target, m_fonts, onScreen(l.value), valueText(l.row), false);
            break;
        case Kind::Days:
            for (std::size_t d = 0; d < l.days.size(); ++d) {
                const bool chosen = d == 0 ? m_settings.reminders.days == 0
                                           : (m_settings.reminders.days & (1u << (d - 1))) != 0;
                const std::string text = d == 0 ? tr("The program's days") : tr(kDayNames[d - 1]);
                const sf::FloatRect box = onScreen(l.days[d]);
                drawButton(target, m_fonts, box,
                           (chosen ? std::string("✓ ") : std::string()) + text, false, chosen);
                if (focused && d == m_dayCursor) {
                    drawRoundedRect(
                        target, {box.left - 4.f, box.top - 4.f, box.width + 8.f, box.height + 8.f},
                        12.f, sf::Color::Transparent, colour::text, 3.f);
                }
            }
            break;
        }
    }
    target.setView(saved);
    // The scroll bar, when the rows do not all fit.
    if (m_contentHeight > m_area.height) {
        const sf::FloatRect track{m_area.left + m_area.width - 10.f, m_area.top, 8.f,
                                  m_area.height};
        drawRoundedRect(target, track, 4.f, colour::track, colour::controlBorder, 1.f);
        const float share = m_area.height / m_contentHeight;
        const float thumb = std::max(30.f, m_area.height * share);
        const float maxScroll = m_contentHeight - m_area.height;
        const float at = m_area.top + (m_area.height - thumb) * (m_scroll / maxScroll);
        drawRoundedRect(target, {track.left, at, track.width, thumb}, 4.f, colour::mutedText);
    }
    if (m_backFocused) {
        drawFocusRing(target, kBackButton);
    }
    if (!m_message.empty()) {
        float y = areaBottom + 12.f;
        for (const auto& line : m_messageLines) {
            drawText(target, line, m_fonts.regular, typeSize::small, {kPad, y}, colour::text);
            y += 24.f;
        }
    }
}

} // namespace motus::app
