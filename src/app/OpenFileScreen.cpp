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
constexpr float kTop = 130.f;      // where the list begins
constexpr float kRowHeight = 84.f; // name, then folder and date
constexpr float kRowGap = 10.f;
constexpr float kButtonHeight = 60.f;

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

OpenFileScreen::OpenFileScreen(std::vector<service::ProgramFileEntry> files,
                               std::vector<std::filesystem::path> folders, const Fonts& fonts,
                               std::function<void(const std::filesystem::path&)> open,
                               std::function<void()> back)
    : m_files(std::move(files)), m_folders(std::move(folders)), m_fonts(fonts),
      m_open(std::move(open)), m_back(std::move(back)) {}

void OpenFileScreen::resize(sf::Vector2f size) {
    m_size = size;
    const float buttonTop = size.y - kPad - kButtonHeight;
    const float openWidth = textWidth(utf8(openLabel()), m_fonts.bold, typeSize::body) + 56.f;
    m_openButton = {size.x - kPad - openWidth, buttonTop, openWidth, kButtonHeight};
    m_area = {kPad, kTop, size.x - 2 * kPad, buttonTop - 20.f - kTop};
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
        case sf::Keyboard::Enter:
        case sf::Keyboard::Space:
            openSelected();
            break;
        case sf::Keyboard::Down:
        case sf::Keyboard::Tab:
            if (key == sf::Keyboard::Tab && event.key.shift) {
                select(m_selected > 0 ? m_selected - 1 : 0);
            } else {
                select(m_selected + 1);
            }
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
        const float content = 12.f + static_cast<float>(m_files.size()) * (kRowHeight + kRowGap);
        m_scroll = std::clamp(m_scroll - event.mouseWheelScroll.delta * 60.f, 0.f,
                              std::max(0.f, content - m_area.height));
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
    if (m_openButton.contains(at)) {
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
    drawBackButton(target, m_fonts);
    const float titleX = kPad + kBackButtonSpace;
    drawText(target,
             ellipsize(utf8(tr("Open a program file")), m_fonts.bold, typeSize::title,
                       m_size.x - titleX - kPad),
             m_fonts.bold, typeSize::title, {titleX, 24.f}, colour::text);
    drawText(
        target,
        ellipsize(utf8(m_files.empty() ? tr("Esc back") : tr("↑ ↓ choose   Enter open   Esc back")),
                  m_fonts.regular, typeSize::small, m_size.x - titleX - kPad),
        m_fonts.regular, typeSize::small, {titleX, 72.f}, colour::mutedText);

    drawRoundedRect(target, m_area, 14.f, colour::panel, colour::panelBorder, 1.f);
    if (m_files.empty()) {
        std::string folders;
        for (const auto& folder : m_folders) {
            folders += (folders.empty() ? "" : ", ") + shownFolder(folder);
        }
        float y = m_area.top + 24.f;
        const float width = m_area.width - 48.f;
        for (const auto& line :
             wrapText(tr("No program file was found."), m_fonts.bold, typeSize::heading, width)) {
            drawText(target, line, m_fonts.bold, typeSize::heading, {m_area.left + 24.f, y},
                     colour::text);
            y += 38.f;
        }
        y += 8.f;
        const std::string help = fmt::format(
            fmt::runtime(tr("Motus looked in: {}. Save the file from your therapist (it ends in "
                            ".xml) in your Downloads folder, then come back here.")),
            folders);
        for (const auto& line : wrapText(help, m_fonts.regular, typeSize::body, width)) {
            drawText(target, line, m_fonts.regular, typeSize::body, {m_area.left + 24.f, y},
                     colour::text);
            y += 32.f;
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
        drawText(target,
                 ellipsize(utf8(entry.file.filename().string()), m_fonts.bold, typeSize::body,
                           rect.width - 72.f - dateWidth),
                 m_fonts.bold, typeSize::body, {rect.left + 24.f, rect.top + 12.f}, colour::text);
        const std::string where =
            fmt::format(fmt::runtime(tr("Folder: {}")), shownFolder(entry.file.parent_path()));
        drawText(target,
                 ellipsize(utf8(where), m_fonts.regular, typeSize::small, rect.width - 48.f),
                 m_fonts.regular, typeSize::small, {rect.left + 24.f, rect.top + 48.f},
                 colour::mutedText);
    }
    target.setView(saved);
    const float content = 24.f + static_cast<float>(m_files.size()) * (kRowHeight + kRowGap);
    if (content > m_area.height) {
        // The list scrolls: a bar at the right edge shows where the view is.
        const float barHeight = std::max(40.f, m_area.height * m_area.height / content);
        const float barTop = m_area.top + (m_area.height - barHeight) * m_scroll /
                                              std::max(1.f, content - m_area.height);
        drawRoundedRect(target, {m_area.left + m_area.width - 14.f, barTop, 8.f, barHeight}, 4.f,
                        colour::mutedText);
    }
    const std::string count =
        fmt::format(fmt::runtime(core::trn("{} program file found", "{} program files found",
                                           static_cast<unsigned long>(m_files.size()))),
                    m_files.size());
    drawText(target, utf8(count), m_fonts.regular, typeSize::small,
             {kPad, m_openButton.top + (kButtonHeight - 26.f) / 2}, colour::mutedText);
    drawButton(target, m_fonts, m_openButton, openLabel(), true);
}

} // namespace motus::app
