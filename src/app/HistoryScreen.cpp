#include "HistoryScreen.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"
#include "core/Reasons.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;

std::string doseText(const core::Prescription& p) {
    std::string text = fmt::format("{} × {}", p.dose.sets, p.dose.reps);
    if (p.dose.holdSeconds > 0) {
        text += fmt::format(" · {} s", p.dose.holdSeconds);
    }
    return text;
}

} // namespace

HistoryScreen::HistoryScreen(std::vector<core::DoseChange> changes, const core::Library& library,
                             const core::Program* program, const Fonts& fonts, std::string lang,
                             std::function<void()> back)
    : m_changes(std::move(changes)), m_library(library), m_program(program), m_fonts(fonts),
      m_lang(std::move(lang)), m_back(std::move(back)) {
    std::reverse(m_changes.begin(), m_changes.end());
}

void HistoryScreen::resize(sf::Vector2f size) {
    m_size = size;
    m_header.layout(tr("Every change to your doses"), m_fonts.bold, size.x);
    m_hint = wrapText(tr("↑ ↓ PgDn scroll   Esc back"), m_fonts.regular, typeSize::small,
                      size.x - 2 * kPad);
    const float top = m_header.bottom + 26.f * static_cast<float>(m_hint.size()) + 10.f;
    m_list.setArea({kPad, top, size.x - 2 * kPad, std::max(80.f, size.y - top - kPad)});
    m_lines.clear();
    const float width = m_list.area().width - 48.f - ScrollArea::kBarWidth;
    float y = 16.f;
    auto paragraph = [&](const std::string& text, const sf::Font& font, unsigned type,
                         sf::Color colour) {
        for (const auto& line : wrapText(text, font, type, width)) {
            m_lines.push_back({line, &font, type, colour, y});
            y += static_cast<float>(type) * 1.45f;
        }
    };
    auto nameOf = [&](const std::string& id) {
        const auto* ex = m_library.find(id);
        return ex != nullptr ? ex->text(m_lang).name : id;
    };
    if (m_changes.empty()) {
        paragraph(tr("None yet: your weekly reviews will appear here."), m_fonts.regular,
                  typeSize::body, colour::mutedText);
    }
    for (const auto& change : m_changes) {
        std::string who =
            change.exercise.empty()
                ? std::string(tr("the program"))
                : nameOf(change.to.exercise.empty() ? change.exercise : change.to.exercise);
        if (!change.from.exercise.empty() && change.from.exercise != change.to.exercise &&
            !change.to.exercise.empty()) {
            who = nameOf(change.from.exercise) + " → " + who;
        }
        const std::string rule = change.row == core::Row::Phase
                                     ? std::string(tr("your therapist's plan"))
                                     : core::rowText(change.row);
        paragraph(core::formatDate(change.date) + " · " + who, m_fonts.bold, typeSize::body,
                  colour::text);
        y += 2.f;
        std::string detail = core::displayName(change.decision) + " · " + rule;
        if (!change.exercise.empty()) {
            detail += " · " + doseText(change.from) + " → " + doseText(change.to);
        }
        paragraph(detail, m_fonts.regular, typeSize::small, colour::accent);
        if (const auto figures = core::figuresText(change.figures); !figures.empty()) {
            paragraph(figures, m_fonts.regular, typeSize::small, colour::text);
        }
        paragraph(core::reasonText(change, &m_library, m_program), m_fonts.regular, typeSize::small,
                  colour::mutedText);
        y += 18.f;
    }
    m_contentHeight = y;
    m_list.setContentHeight(y);
}

void HistoryScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Escape || key == sf::Keyboard::BackSpace) {
            m_back();
        } else if (key == sf::Keyboard::Tab) {
            // Back is the only control: Tab shows the focus on it, and takes it away again.
            m_backFocused = !m_backFocused;
        } else if (m_backFocused && (key == sf::Keyboard::Enter || key == sf::Keyboard::Space)) {
            m_back();
        } else {
            (void)m_list.handleEvent(event);
        }
    } else if (event.type == sf::Event::MouseWheelScrolled) {
        (void)m_list.handleEvent(event);
    } else if (event.type == sf::Event::MouseButtonPressed &&
               event.mouseButton.button == sf::Mouse::Left &&
               kBackButton.contains(clickPosition(event))) {
        m_back();
    }
}

void HistoryScreen::draw(sf::RenderTarget& target) const {
    m_header.draw(target, m_fonts, m_backFocused);
    float y = m_header.bottom;
    for (const auto& line : m_hint) {
        drawText(target, line, m_fonts.regular, typeSize::small, {kPad, y - 4.f},
                 colour::mutedText);
        y += 26.f;
    }
    const sf::FloatRect area = m_list.area();
    drawRoundedRect(target, area, 14.f, colour::panel, colour::panelBorder, 1.f);
    const sf::View saved = m_list.begin(target);
    const float top = m_list.offset();
    for (const auto& line : m_lines) {
        if (line.y + 40.f < top || line.y > top + area.height) {
            continue;
        }
        drawText(target, line.text, *line.font, line.size, {24.f, line.y}, line.colour);
    }
    m_list.end(target, saved);
}

} // namespace motus::app
