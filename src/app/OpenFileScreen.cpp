#include "OpenFileScreen.hpp"

#include "core/DateWords.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kRowHeight = 84.f; // name, then folder and date
constexpr float kRowGap = 10.f;
constexpr float kButtonHeight = 60.f;
constexpr float kSmallLine = static_cast<float>(typeSize::small) * 1.45f;

// A folder as the person knows it: under the home folder as "~/Downloads".
std::string shownFolder(const std::filesystem::path& folder) {
    const char* home = std::getenv("HOME");
    const std::string text = folder.string();
    if (home != nullptr && *home == '/') {
        const std::string prefix = std::filesystem::path(home).lexically_normal().string();
        if (text == prefix) {
            return "~";
        }
        if (text.size() > prefix.size() && text.starts_with(prefix) &&
            (text[prefix.size()] == '/' || prefix.ends_with('/'))) {
            return "~" + text.substr(prefix.back() == '/' ? prefix.size() - 1 : prefix.size());
        }
    }
    return text;
}

std::string openLabel() {
    return std::string(tr("Open")) + "  (Enter)";
}

} // namespace

std::string OpenFileScreen::countText() const {
    return fmt::format(fmt::runtime(core::trn("{} program file found", "{} program files found",
                                              static_cast<unsigned long>(m_files.size()))),
                       m_files.size());
}

namespace {} // namespace

OpenFileScreen::OpenFileScreen(std::vector<service::ProgramFileEntry> files,
                               std::vector<std::filesystem::path> folders, const Fonts& fonts,
                               std::function<void(const std::filesystem::path&)> open,
                               std::function<void()> back)
    : m_files(std::move(files)), m_folders(std::move(folders)), m_fonts(fonts),
      m_open(std::move(open)), m_back(std::move(back)) {}

void OpenFileScreen::resize(sf::Vector2f size) {
    m_size = size;
    // The title and the keys beside the Back button, wrapped to the room there is.
    m_header.layout(tr("Open a program file"), m_fonts, size.x,
                    m_files.empty() ? tr("Esc back") : tr("↑ ↓ choose   Enter open   Esc back"));
    const float top = m_header.bottom + 2.f;
    // Open at the bottom right, the count of files at its left; above it when narrow.
    const float buttonTop = size.y - kPad - kButtonHeight;
    const float openWidth = textWidth(utf8(openLabel()), m_fonts.bold, typeSize::body) + 56.f;
    m_openButton = {size.x - kPad - openWidth, buttonTop, openWidth, kButtonHeight};
    const float countWidth = textWidth(utf8(countText()), m_fonts.regular, typeSize::small);
    m_countAbove = kPad + countWidth + 24.f > m_openButton.left;
    const float areaBottom = m_files.empty() ? size.y - kPad
                             : m_countAbove  ? buttonTop - 12.f - kSmallLine - 8.f
                                             : buttonTop - 20.f;
    m_area = {kPad, top, size.x - 2 * kPad, std::max(80.f, areaBottom - top)};
    select(m_selected);
}

sf::FloatRect OpenFileScreen::rowRect(std::size_t i) const {
    return {m_area.left + 12.f,
            m_area.top + 12.f + static_cast<float>(i) * (kRowHeight + kRowGap) - m_scroll,
            m_area.width - 36.f, kRowHeight};
}

void OpenFileScreen::select(std::size_t index) {
    if (m_files.empty()) {
        m_selected = 0;
        m_scroll = 0.f;
        return;
    }
    m_selected = std::min(index, m_files.size() - 1);
    // Keep the chosen row in view.
    const float top = 12.f + static_cast<float>(m_selected) * (kRowHeight + kRowGap);
    const float bottom = top + kRowHeight + 12.f;
    if (top - 12.f < m_scroll) {
        m_scroll = top - 12.f;
    } else if (bottom > m_scroll + m_area.height) {
        m_scroll = bottom - m_area.height;
    }
    m_scroll = std::max(0.f, m_scroll);
}

void OpenFileScreen::openSelected() {
    if (!m_files.empty()) {
        m_open(m_files[m_selected].file);
    }
}

std::vector<OpenFileScreen::Focus> OpenFileScreen::focusables() const {
    if (m_files.empty()) {
        return {Focus::Back};
    }
    return {Focus::Back, Focus::List, Focus::Open};
}

sf::FloatRect OpenFileScreen::rectOf(Focus focus) const {
    switch (focus) {
    case Focus::Back:
        return kBackButton;
    case Focus::List:
        return m_area;
    case Focus::Open:
        return m_openButton;
    }
    return {};
}

std::vector<sf::FloatRect> OpenFileScreen::focusOrder() const {
    std::vector<sf::FloatRect> rects;
    for (const auto focus : focusables()) {
        rects.push_back(rectOf(focus));
    }
    return rects;
}

std::optional<sf::FloatRect> OpenFileScreen::focusedRect() const {
    if (m_focus) {
        return rectOf(*m_focus);
    }
    return std::nullopt;
}

OpenFileScreen::RowText OpenFileScreen::rowText(std::size_t i) const {
    const auto rect = rowRect(i);
    const auto& entry = m_files.at(i);
    const sf::String date = utf8(core::dayMonthYear(core::stampOf(entry.modified).date));
    const float dateWidth = textWidth(date, m_fonts.regular, typeSize::body);
    RowText text;
    const sf::String name = utf8(entry.file.filename().string());
    text.name = ellipsize(name, m_fonts.bold, typeSize::body, rect.width - 72.f - dateWidth);
    const sf::String folder =
        utf8(fmt::format(fmt::runtime(tr("Folder: {}")), shownFolder(entry.file.parent_path())));
    text.folder = ellipsize(folder, m_fonts.regular, typeSize::small, rect.width - 48.f);
    text.shortened = text.name != name || text.folder != folder;
    return text;
}

void OpenFileScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        const auto page =
            static_cast<std::size_t>(std::max(1.f, m_area.height / (kRowHeight + kRowGap) - 1.f));
        switch (key) {
        case sf::Keyboard::Escape:
        case sf::Keyboard::BackSpace:
            m_back();
            break;
        case sf::Keyboard::Tab:
            m_focus = stepFocus(focusables(), m_focus, event.key.shift ? -1 : 1);
            break;
        case sf::Keyboard::Enter:
        case sf::Keyboard::Space:
            if (m_focus == Focus::Back) {
                m_back();
            } else {
                openSelected(); // the list and Open alike
            }
            break;
        case sf::Keyboard::Down:
            select(m_selected + 1);
            break;
        case sf::Keyboard::Up:
            select(m_selected > 0 ? m_selected - 1 : 0);
            break;
        case sf::Keyboard::PageDown:
            select(m_selected + page);
            break;
        case sf::Keyboard::PageUp:
            select(m_selected > page ? m_selected - page : 0);
            break;
        case sf::Keyboard::Home:
            select(0);
            break;
        case sf::Keyboard::End:
            select(m_files.empty() ? 0 : m_files.size() - 1);
            break;
        default:
            break;
        }
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        const float content = 24.f + static_cast<float>(m_files.size()) * (kRowHeight + kRowGap);
        m_scroll = std::clamp(m_scroll - event.mouseWheelScroll.delta * 60.f, 0.f,
                              std::max(0.f, content - m_area.height));
        return;
    }
    if (event.type == sf::Event::MouseMoved) {
        const sf::Vector2f at{static_cast<float>(event.mouseMove.x),
                              static_cast<float>(event.mouseMove.y)};
        m_hover.reset();
        for (std::size_t i = 0; i < m_files.size() && m_area.contains(at); ++i) {
            if (rowRect(i).contains(at)) {
                m_hover = i;
            }
        }
        return;
    }
    if (event.type != sf::Event::MouseButtonPressed ||
        event.mouseButton.button != sf::Mouse::Left) {
        return;
    }
    const sf::Vector2f at = clickPosition(event);
    if (kBackButton.contains(at)) {
        m_back();
        return;
    }
    if (!m_files.empty() && m_openButton.contains(at)) {
        openSelected();
        return;
    }
    if (!m_area.contains(at)) {
        return;
    }
    for (std::size_t i = 0; i < m_files.size(); ++i) {
        if (rowRect(i).contains(at)) {
            if (i == m_selected) {
                openSelected(); // a second click on the chosen row
            } else {
                select(i);
            }
            return;
        }
    }
}

void OpenFileScreen::draw(sf::RenderTarget& target) const {
    m_header.draw(target, m_fonts);

    drawRoundedRect(target, m_area, 14.f, colour::panel, colour::panelBorder, 1.f);
    if (m_files.empty()) {
        std::string folders;
        for (const auto& folder : m_folders) {
            folders += (folders.empty() ? "" : ", ") + shownFolder(folder);
        }
        float lineY = m_area.top + 24.f;
        const float width = m_area.width - 48.f;
        for (const auto& line :
             wrapText(tr("No program file was found."), m_fonts.bold, typeSize::heading, width)) {
            drawText(target, line, m_fonts.bold, typeSize::heading, {m_area.left + 24.f, lineY},
                     colour::text);
            lineY += 38.f;
        }
        lineY += 8.f;
        const std::string help = fmt::format(
            fmt::runtime(tr("Motus looked in: {}. Save the file from your therapist (it ends in "
                            ".xml) in your Downloads folder, then come back here.")),
            folders);
        for (const auto& line : wrapText(help, m_fonts.regular, typeSize::body, width)) {
            drawText(target, line, m_fonts.regular, typeSize::body, {m_area.left + 24.f, lineY},
                     colour::text);
            lineY += 32.f;
        }
        if (m_focus) {
            drawFocusRing(target, rectOf(*m_focus));
        }
        return;
    }

    const sf::View saved = target.getView();
    sf::View clip(m_area);
    const sf::Vector2f viewSize = saved.getSize();
    clip.setViewport({m_area.left / viewSize.x, m_area.top / viewSize.y, m_area.width / viewSize.x,
                      m_area.height / viewSize.y});
    target.setView(clip);
    for (std::size_t i = 0; i < m_files.size(); ++i) {
        const auto rect = rowRect(i);
        if (rect.top + rect.height < m_area.top || rect.top > m_area.top + m_area.height) {
            continue;
        }
        const auto& entry = m_files[i];
        const bool chosen = i == m_selected;
        drawRoundedRect(target, rect, 12.f, chosen ? colour::selection : colour::panel,
                        chosen ? colour::accent : colour::panelBorder, chosen ? 3.f : 1.f);
        // The name, the date it was saved at the right, the folder below.
        const sf::String date = utf8(core::dayMonthYear(core::stampOf(entry.modified).date));
        const float dateWidth = textWidth(date, m_fonts.regular, typeSize::body);
        drawText(target, date, m_fonts.regular, typeSize::body,
                 {rect.left + rect.width - 24.f - dateWidth, rect.top + 12.f}, colour::text);
        const RowText text = rowText(i);
        drawText(target, text.name, m_fonts.bold, typeSize::body,
                 {rect.left + 24.f, rect.top + 12.f}, colour::text);
        drawText(target, text.folder, m_fonts.regular, typeSize::small,
                 {rect.left + 24.f, rect.top + 48.f}, colour::mutedText);
    }
    target.setView(saved);
    const float content = 24.f + static_cast<float>(m_files.size()) * (kRowHeight + kRowGap);
    if (content > m_area.height) {
        // The list scrolls: a bar at the right edge shows where the view is.
        const float barHeight = std::max(40.f, m_area.height * m_area.height / content);
        const float barTop = m_area.top + (m_area.height - barHeight) * m_scroll /
                                              std::max(1.f, content - m_area.height);
        drawRoundedRect(
            target,
            {m_area.left + m_area.width - 14.f, m_area.top + 6.f, 8.f, m_area.height - 12.f}, 4.f,
            colour::track, colour::controlBorder, 1.f);
        drawRoundedRect(
            target,
            {m_area.left + m_area.width - 14.f,
             std::clamp(barTop, m_area.top + 6.f, m_area.top + m_area.height - 6.f - barHeight),
             8.f, std::min(barHeight, m_area.height - 12.f)},
            4.f, colour::mutedText);
    }
    const float countY = m_countAbove ? m_openButton.top - 8.f - kSmallLine
                                      : m_openButton.top + (kButtonHeight - 26.f) / 2;
    drawText(target, utf8(countText()), m_fonts.regular, typeSize::small, {kPad, countY},
             colour::mutedText);
    drawButton(target, m_fonts, m_openButton, openLabel(), true);
    if (m_focus) {
        drawFocusRing(target, rectOf(*m_focus));
    }
    // A name or folder shortened to fit, whole: the row under the pointer, else the chosen one
    // while the list has the focus.
    const std::optional<std::size_t> whole =
        m_hover ? m_hover : (m_focus == Focus::List ? std::optional(m_selected) : std::nullopt);
    if (whole && *whole < m_files.size() && rowText(*whole).shortened) {
        const auto& file = m_files[*whole].file;
        drawTooltip(
            target, m_fonts.regular,
            file.filename().string() + "\n" +
                fmt::format(fmt::runtime(tr("Folder: {}")), shownFolder(file.parent_path())),
            rowRect(*whole), m_size);
    }
}

} // namespace motus::app
