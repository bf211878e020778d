#include "ProgramsScreen.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kRowHeight = 96.f;

std::string startLabel() {
    return std::string(tr("Start today")) + "  ▶  (Enter)";
}

std::string openFileLabel() {
    return std::string(tr("Open a program file…")) + "  (O)";
}

} // namespace

ProgramsScreen::ProgramsScreen(std::vector<Entry> programs, const Fonts& fonts, std::string lang,
                               std::function<void(const Entry&)> start, std::function<void()> back)
    : m_programs(std::move(programs)), m_fonts(fonts), m_lang(std::move(lang)),
      m_start(std::move(start)), m_back(std::move(back)) {}

void ProgramsScreen::resize(sf::Vector2f size) {
    m_size = size;
    m_rows.clear();
    for (std::size_t i = 0; i < m_programs.size(); ++i) {
        m_rows.push_back(Hit{{kPad, 110.f + static_cast<float>(i) * (kRowHeight + 12.f),
                              size.x - 2 * kPad, kRowHeight}});
    }
    // Both buttons as wide as their labels; in smaller type when together they do not fit.
    const float room = size.x - 2 * kPad - 16.f;
    for (const unsigned type : {typeSize::body, typeSize::small}) {
        m_buttonType = type;
        const float startWidth = std::max(m_openFile ? 0.f : 360.f,
                                          textWidth(utf8(startLabel()), m_fonts.bold, type) + 56.f);
        const float openWidth =
            m_openFile ? textWidth(utf8(openFileLabel()), m_fonts.regular, type) + 48.f : 0.f;
        m_startButton = Hit{{size.x - kPad - startWidth, size.y - kPad - 64.f, startWidth, 64.f}};
        m_openFileButton = Hit{{kPad, size.y - kPad - 64.f, openWidth, 64.f}};
        if (startWidth + openWidth <= room) {
            break;
        }
    }
}

void ProgramsScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        switch (event.key.code) {
        case sf::Keyboard::Up:
            m_selected = m_selected > 0 ? m_selected - 1 : 0;
            break;
        case sf::Keyboard::Down:
            m_selected = std::min(m_selected + 1, m_programs.empty() ? 0 : m_programs.size() - 1);
            break;
        case sf::Keyboard::Enter:
            if (!m_programs.empty()) {
                m_start(m_programs[m_selected]);
            }
            break;
        case sf::Keyboard::Escape:
            m_back();
            break;
        case sf::Keyboard::O:
            if (m_openFile) {
                m_openFile();
            }
            break;
        default:
            break;
        }
        return;
    }
    if (event.type == sf::Event::MouseButtonPressed &&
        event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        if (kBackButton.contains(at)) {
            m_back();
            return;
        }
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].contains(at)) {
                m_selected = i;
                return;
            }
        }
        if (m_startButton.contains(at) && !m_programs.empty()) {
            m_start(m_programs[m_selected]);
        } else if (m_openFile && m_openFileButton.contains(at)) {
            m_openFile();
        }
    }
}

void ProgramsScreen::draw(sf::RenderTarget& target) const {
    drawBackButton(target, m_fonts);
    drawText(target, utf8(tr("Start a program")), m_fonts.bold, typeSize::title,
             {kPad + kBackButtonSpace, 24.f}, colour::text);
    drawText(target, utf8(tr("↑ ↓ choose   Enter start today   Esc back")), m_fonts.regular,
             typeSize::small, {kPad + kBackButtonSpace, 70.f}, colour::mutedText);
    for (std::size_t i = 0; i < m_programs.size(); ++i) {
        const auto& program = m_programs[i].program;
        const auto& rect = m_rows[i].rect;
        const bool selected = i == m_selected;
        drawRoundedRect(target, rect, 12.f, selected ? colour::selection : colour::panel,
                        selected ? colour::accent : colour::controlBorder, selected ? 3.f : 1.f);
        drawText(target, utf8(program.titleIn(m_lang)), m_fonts.bold, typeSize::heading,
                 {rect.left + 24.f, rect.top + 14.f}, colour::text);
        std::string phases;
        for (const auto& phase : program.phases) {
            phases += (phases.empty() ? "" : ", ") + phase.nameIn(m_lang);
        }
        core::Dose frequency;
        frequency.perDay = program.phases.front().perDay;
        frequency.perWeek = program.phases.front().perWeek;
        drawText(
            target,
            utf8(fmt::format(
                fmt::runtime(core::trn("{} week · {} · phases: {}", "{} weeks · {} · phases: {}",
                                       static_cast<unsigned long>(program.totalWeeks()))),
                program.totalWeeks(), core::describeFrequency(frequency), phases)),
            m_fonts.regular, typeSize::small, {rect.left + 24.f, rect.top + 56.f},
            colour::mutedText);
    }
    if (m_openFile) {
        drawButton(target, m_fonts, m_openFileButton.rect, openFileLabel(), false, false,
                   m_buttonType);
    } else {
        const float hintY = m_startButton.rect.top - 70.f;
        for (const auto& line :
             wrapText(tr("A program from your therapist: run 'motus program import FILE' once; "
                         "from then on Motus opens on it."),
                      m_fonts.regular, typeSize::small, m_size.x - 2 * kPad)) {
            drawText(target, line, m_fonts.regular, typeSize::small, {kPad, hintY},
                     colour::mutedText);
        }
    }
    if (!m_programs.empty()) {
        drawButton(target, m_fonts, m_startButton.rect, startLabel(), true, false, m_buttonType);
    }
}

} // namespace motus::app
