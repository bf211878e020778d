#include "ProgramsScreen.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kButtonHeight = 60.f;
constexpr float kGap = 16.f;
constexpr float kInset = 8.f; // the cards' distance from the panel's edge: room for the focus
constexpr float kCardGap = 12.f;
constexpr float kCardPad = 24.f;
constexpr float kHeadingLine = static_cast<float>(typeSize::heading) * 1.35f;
constexpr float kSmallLine = static_cast<float>(typeSize::small) * 1.45f;

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
    // The title and the keys beside the Back button, wrapped to the room there is.
    m_header.layout(tr("Start a program"), m_fonts, size.x,
                    tr("↑ ↓ choose   Enter start today   Esc back"));
    const float headerBottom = m_header.bottom;

    // The buttons as wide as their labels, side by side; one above the other, as wide as the
    // window, when they do not fit in a row.
    const float room = size.x - 2 * kPad;
    const float startWidth =
        std::max(m_openFile ? 0.f : 360.f,
                 textWidth(utf8(startLabel()), m_fonts.bold, typeSize::body) + 56.f);
    const float openWidth =
        m_openFile ? textWidth(utf8(openFileLabel()), m_fonts.regular, typeSize::body) + 48.f : 0.f;
    const float bottom = size.y - kPad - kButtonHeight;
    float buttonsTop = bottom;
    if (!m_openFile || startWidth + kGap + openWidth <= room) {
        m_startButton = {size.x - kPad - std::min(startWidth, room), bottom,
                         std::min(startWidth, room), kButtonHeight};
        m_openFileButton = {kPad, bottom, openWidth, kButtonHeight};
    } else {
        m_startButton = {kPad, bottom, room, kButtonHeight};
        buttonsTop = bottom - kButtonHeight - 12.f;
        m_openFileButton = {kPad, buttonsTop, room, kButtonHeight};
    }
    if (m_programs.empty()) {
        m_startButton = {};
    }

    // The cards, each as tall as its wrapped text, in a panel that scrolls when they do not
    // fit; narrower by the scroll bar's width when it shows.
    m_scroll.setArea({kPad, headerBottom, room, std::max(80.f, buttonsTop - kGap - headerBottom)});
    for (const bool withBar : {false, true}) {
        const float cardWidth = room - 2 * kInset - (withBar ? ScrollArea::kBarWidth : 0.f);
        const float textWidth = cardWidth - 2 * kCardPad;
        m_cards.clear();
        float y = kInset;
        for (const auto& entry : m_programs) {
            const auto& program = entry.program;
            Card card;
            card.top = y;
            card.title =
                wrapText(program.titleIn(m_lang), m_fonts.bold, typeSize::heading, textWidth);
            std::string phases;
            for (const auto& phase : program.phases) {
                phases += (phases.empty() ? "" : ", ") + phase.nameIn(m_lang);
            }
            core::Dose frequency;
            frequency.perDay = program.phases.front().perDay;
            frequency.perWeek = program.phases.front().perWeek;
            card.details = wrapText(
                fmt::format(fmt::runtime(
                                core::trn("{} week · {} · phases: {}", "{} weeks · {} · phases: {}",
                                          static_cast<unsigned long>(program.totalWeeks()))),
                            program.totalWeeks(), core::describeFrequency(frequency), phases),
                m_fonts.regular, typeSize::small, textWidth);
            card.height = 14.f + kHeadingLine * static_cast<float>(card.title.size()) + 6.f +
                          kSmallLine * static_cast<float>(card.details.size()) + 14.f;
            y += card.height + kCardGap;
            m_cards.push_back(std::move(card));
        }
        m_hint.clear();
        m_hintTop = y + 4.f;
        if (!m_openFile) {
            m_hint = wrapText(tr("A program from your therapist: run 'motus program import FILE' "
                                 "once; from then on Motus opens on it."),
                              m_fonts.regular, typeSize::small, cardWidth);
            y = m_hintTop + kSmallLine * static_cast<float>(m_hint.size()) + kInset;
        }
        m_scroll.setContentHeight(y);
        if (!m_scroll.scrolls()) {
            break;
        }
    }
    if (!m_programs.empty()) {
        choose(std::min(m_selected, m_programs.size() - 1));
    }
}

sf::FloatRect ProgramsScreen::cardRect(std::size_t i) const {
    const auto area = m_scroll.area();
    const float width =
        area.width - 2 * kInset - (m_scroll.scrolls() ? ScrollArea::kBarWidth : 0.f);
    const Card& card = m_cards.at(i);
    return {area.left + kInset, area.top + card.top - m_scroll.offset(), width, card.height};
}

void ProgramsScreen::choose(std::size_t index) {
    m_selected = index;
    if (index < m_cards.size()) {
        m_scroll.show(m_cards[index].top - kInset,
                      m_cards[index].top + m_cards[index].height + kInset);
    }
}

void ProgramsScreen::startSelected() {
    if (!m_programs.empty()) {
        m_start(m_programs[m_selected]);
    }
}

std::vector<ProgramsScreen::Focus> ProgramsScreen::focusables() const {
    std::vector<Focus> all{{Control::Back}};
    for (std::size_t i = 0; i < m_programs.size(); ++i) {
        all.push_back({Control::Card, i});
    }
    if (m_openFile) {
        all.push_back({Control::OpenFile});
    }
    if (!m_programs.empty()) {
        all.push_back({Control::Start});
    }
    return all;
}

sf::FloatRect ProgramsScreen::rectOf(Focus focus) const {
    switch (focus.control) {
    case Control::Back:
        return kBackButton;
    case Control::Card:
        return cardRect(focus.index);
    case Control::OpenFile:
        return m_openFileButton;
    case Control::Start:
        return m_startButton;
    }
    return {};
}

std::vector<sf::FloatRect> ProgramsScreen::focusOrder() const {
    std::vector<sf::FloatRect> rects;
    for (const auto& focus : focusables()) {
        rects.push_back(rectOf(focus));
    }
    return rects;
}

std::optional<sf::FloatRect> ProgramsScreen::focusedRect() const {
    if (m_focus) {
        return rectOf(*m_focus);
    }
    return std::nullopt;
}

void ProgramsScreen::activate(Focus focus, sf::Keyboard::Key key) {
    switch (focus.control) {
    case Control::Back:
        m_back();
        break;
    case Control::Card:
        choose(focus.index);
        if (key == sf::Keyboard::Enter) {
            startSelected();
        }
        break;
    case Control::OpenFile:
        m_openFile();
        break;
    case Control::Start:
        startSelected();
        break;
    }
}

void ProgramsScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        switch (event.key.code) {
        case sf::Keyboard::Tab:
            m_focus = stepFocus(focusables(), m_focus, event.key.shift ? -1 : 1);
            if (m_focus && m_focus->control == Control::Card) {
                choose(m_focus->index);
            }
            break;
        case sf::Keyboard::Up:
        case sf::Keyboard::Down:
            if (!m_programs.empty()) {
                const bool up = event.key.code == sf::Keyboard::Up;
                choose(up ? (m_selected > 0 ? m_selected - 1 : 0)
                          : std::min(m_selected + 1, m_programs.size() - 1));
                if (m_focus && m_focus->control == Control::Card) {
                    m_focus = Focus{Control::Card, m_selected}; // the focus goes along
                }
            }
            break;
        case sf::Keyboard::Enter:
        case sf::Keyboard::Space:
            if (m_focus) {
                activate(*m_focus, event.key.code);
            } else if (event.key.code == sf::Keyboard::Enter) {
                startSelected();
            }
            break;
        case sf::Keyboard::Escape:
        case sf::Keyboard::BackSpace:
            m_back();
            break;
        case sf::Keyboard::O:
            if (m_openFile) {
                m_openFile();
            }
            break;
        default:
            (void)m_scroll.handleEvent(event); // PgUp PgDn Home End
            break;
        }
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        (void)m_scroll.handleEvent(event);
        return;
    }
    if (event.type == sf::Event::MouseButtonPressed &&
        event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        if (kBackButton.contains(at)) {
            m_back();
            return;
        }
        if (m_scroll.area().contains(at)) {
            for (std::size_t i = 0; i < m_cards.size(); ++i) {
                if (cardRect(i).contains(at)) {
                    choose(i);
                    if (m_focus) {
                        m_focus = Focus{Control::Card, i};
                    }
                    return;
                }
            }
            return;
        }
        if (m_startButton.contains(at) && !m_programs.empty()) {
            startSelected();
        } else if (m_openFile && m_openFileButton.contains(at)) {
            m_openFile();
        }
    }
}

void ProgramsScreen::draw(sf::RenderTarget& target) const {
    m_header.draw(target, m_fonts);
    const sf::View saved = m_scroll.begin(target);
    const auto area = m_scroll.area();
    for (std::size_t i = 0; i < m_cards.size(); ++i) {
        const Card& card = m_cards[i];
        const sf::FloatRect rect = cardRect(i);
        if (rect.top + rect.height < area.top || rect.top > area.top + area.height) {
            continue; // scrolled out of sight
        }
        // In the panel's content coordinates.
        const sf::FloatRect local{kInset, card.top, rect.width, card.height};
        const bool selected = i == m_selected;
        drawRoundedRect(target, local, 12.f, selected ? colour::selection : colour::panel,
                        selected ? colour::accent : colour::controlBorder, selected ? 3.f : 1.f);
        float lineY = local.top + 14.f;
        for (const auto& line : card.title) {
            drawText(target, line, m_fonts.bold, typeSize::heading, {local.left + kCardPad, lineY},
                     colour::text);
            lineY += kHeadingLine;
        }
        lineY += 6.f;
        for (const auto& line : card.details) {
            drawText(target, line, m_fonts.regular, typeSize::small, {local.left + kCardPad, lineY},
                     colour::mutedText);
            lineY += kSmallLine;
        }
        if (m_focus && m_focus->control == Control::Card && m_focus->index == i) {
            drawFocusRing(target, local);
        }
    }
    float hintY = m_hintTop;
    for (const auto& line : m_hint) {
        drawText(target, line, m_fonts.regular, typeSize::small, {kInset, hintY},
                 colour::mutedText);
        hintY += kSmallLine;
    }
    m_scroll.end(target, saved);

    if (m_openFile) {
        drawButton(target, m_fonts, m_openFileButton, openFileLabel(), false);
    }
    if (!m_programs.empty()) {
        drawButton(target, m_fonts, m_startButton, startLabel(), true);
    }
    if (m_focus && m_focus->control != Control::Card) {
        drawFocusRing(target, rectOf(*m_focus));
    }
}

} // namespace motus::app
