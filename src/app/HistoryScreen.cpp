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
    m_area = {kPad, 110.f, size.x - 2 * kPad, size.y - 110.f - kPad};
    m_lines.clear();
    const float width = m_area.width - 48.f;
    float y = 16.f;
    auto nameOf = [&](const std::string& id) {
        const auto* ex = m_library.find(id);
        return ex != nullptr ? ex->text(m_lang).name : id;
    };
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
        m_lines.push_back({utf8(core::formatDate(change.date) + " · " + who), &m_fonts.bold,
                           typeSize::body, colour::text, y});
        y += 34.f;
        std::string detail = core::displayName(change.decision) + " · " + rule;
        if (!change.exercise.empty()) {
            detail += " · " + doseText(change.from) + " → " + doseText(change.to);
        }
        m_lines.push_back({utf8(detail), &m_fonts.regular, typeSize::small, colour::accent, y});
        y += 28.f;
        if (const auto figures = core::figuresText(change.figures); !figures.empty()) {
            for (const auto& line : wrapText(figures, m_fonts.regular, typeSize::small, width)) {
                m_lines.push_back({line, &m_fonts.regular, typeSize::small, colour::text, y});
                y += 26.f;
            }
        }
        for (const auto& line : wrapText(core::reasonText(change, &m_library, m_program),
                                         m_fonts.regular, typeSize::small, width)) {
            m_lines.push_back({line, &m_fonts.regular, typeSize::small, colour::mutedText, y});
            y += 26.f;
        }
        y += 18.f;
    }
    m_height = y;
    scrollBy(0.f);
}

void HistoryScreen::scrollBy(float pixels) {
    m_scroll = std::clamp(m_scroll + pixels, 0.f, std::max(0.f, m_height - m_area.height));
}

void HistoryScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        switch (event.key.code) {
        case sf::Keyboard::Escape:
        case sf::Keyboard::BackSpace:
            m_back();
            break;
        default:
            if (const auto step = scrollStep(event.key.code, m_area.height, m_height)) {
                scrollBy(*step);
            }
            break;
        }
    } else if (event.type == sf::Event::MouseWheelScrolled) {
        scrollBy(-event.mouseWheelScroll.delta * 60.f);
    } else if (event.type == sf::Event::MouseButtonPressed &&
               event.mouseButton.button == sf::Mouse::Left &&
               kBackButton.contains(clickPosition(event))) {
        m_back();
    }
}

void HistoryScreen::draw(sf::RenderTarget& target) const {
    drawBackButton(target, m_fonts);
    drawText(target, utf8(tr("Every change to your doses")), m_fonts.bold, typeSize::title,
             {kPad + kBackButtonSpace, 24.f}, colour::text);
    drawText(target, utf8(tr("↑ ↓ PgDn scroll   Esc back")), m_fonts.regular, typeSize::small,
             {kPad + kBackButtonSpace, 70.f}, colour::mutedText);
    drawRoundedRect(target, m_area, 14.f, colour::panel, colour::panelBorder, 1.f);
    if (m_changes.empty()) {
        drawText(target, utf8(tr("None yet: your weekly reviews will appear here.")),
                 m_fonts.regular, typeSize::body, {m_area.left + 24.f, m_area.top + 20.f},
                 colour::mutedText);
        return;
    }
    const sf::View saved = target.getView();
    sf::View clip(m_area);
    const sf::Vector2f size = saved.getSize();
    clip.setViewport(
        {m_area.left / size.x, m_area.top / size.y, m_area.width / size.x, m_area.height / size.y});
    target.setView(clip);
    for (const auto& line : m_lines) {
        const float y = m_area.top + line.y - m_scroll;
        if (y + 40.f < m_area.top || y > m_area.top + m_area.height) {
            continue;
        }
        drawText(target, line.text, *line.font, line.size, {m_area.left + 24.f, y}, line.colour);
    }
    target.setView(saved);
}

} // namespace motus::app
