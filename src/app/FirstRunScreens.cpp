#include "FirstRunScreens.hpp"

#include "core/I18n.hpp"

#include <algorithm>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kButtonHeight = 60.f;
constexpr float kGap = 16.f;
constexpr float kInset = 8.f; // cards from the panel's edge: room for the focus ring
constexpr float kTitleLine = 46.f;
constexpr float kBodyLine = static_cast<float>(typeSize::body) * 1.45f;
constexpr float kSmallLine = static_cast<float>(typeSize::small) * 1.45f;

std::string continueLabel() {
    return std::string(tr("Continue")) + "  (Enter)";
}
std::string laterLabel() {
    return std::string(tr("Not now")) + "  (Esc)";
}

// The column the text stands in: not wider than is comfortable to read.
float columnWidth(sf::Vector2f size) {
    return std::min(size.x - 2 * kPad, 980.f);
}
float columnLeft(sf::Vector2f size) {
    return (size.x - columnWidth(size)) / 2;
}

struct ChoiceText {
    const char* title;
    const char* detail;
};

ChoiceText choiceText(StartChoiceScreen::Choice choice) {
    switch (choice) {
    case StartChoiceScreen::Choice::ProgramFile:
        return {N_("I have a program file from my therapist"),
                N_("Open the file (it ends in .xml) and see what it holds before you start.")};
    case StartChoiceScreen::Choice::StarterProgram:
        return {N_("Choose a starter program"),
                N_("A general program for a common problem, to begin on your own.")};
    case StartChoiceScreen::Choice::Browse:
        return {N_("Just browse exercises"),
                N_("Look at the exercises and try them; no program is started.")};
    }
    return {"", ""};
}

} // namespace

// ---- Welcome ----------------------------------------------------------------------------------

WelcomeScreen::WelcomeScreen(const Fonts& fonts, std::function<void()> next,
                             std::function<void()> later)
    : m_fonts(fonts), m_next(std::move(next)), m_laterAction(std::move(later)) {}

void WelcomeScreen::resize(sf::Vector2f size) {
    m_size = size;
    const float left = columnLeft(size);
    const float width = columnWidth(size);
    // The two buttons side by side at the right; one above the other, as wide as the column,
    // when they do not fit in a row.
    const float continueWidth =
        textWidth(utf8(continueLabel()), m_fonts.bold, typeSize::body) + 56.f;
    const float laterWidth = textWidth(utf8(laterLabel()), m_fonts.regular, typeSize::body) + 48.f;
    const float bottom = size.y - kPad - kButtonHeight;
    float buttonsTop = bottom;
    if (continueWidth + kGap + laterWidth <= width) {
        m_continue = {left + width - continueWidth, bottom, continueWidth, kButtonHeight};
        m_later = {m_continue.left - kGap - laterWidth, bottom, laterWidth, kButtonHeight};
    } else {
        m_continue = {left, bottom, width, kButtonHeight};
        buttonsTop = bottom - kButtonHeight - 12.f;
        m_later = {left, buttonsTop, width, kButtonHeight};
    }
    const float top = std::max(24.f, std::min(80.f, size.y * 0.06f));
    m_scroll.setArea({left, top, width, std::max(80.f, buttonsTop - kGap - top)});

    // The text in body type (never smaller: it is read by people who may see less well), in a
    // panel that scrolls when the window is small; narrower by the scroll bar when it shows.
    const std::string intro =
        tr("Motus helps you with the home exercises from your physiotherapy: it shows each "
           "exercise, counts and times it with you, and keeps a record for your therapist.");
    const std::vector<std::string> isNot{
        tr("Motus does not make a diagnosis and does not replace your doctor or your therapist."),
        tr("Motus is not for emergencies. If you are badly hurt or suddenly very unwell, call "
           "the emergency services.")};
    const std::string next =
        tr("First, five short safety questions. Then you choose how to begin.");
    for (const bool withBar : {false, true}) {
        const float textWidthMax = width - (withBar ? ScrollArea::kBarWidth + 24.f : 0.f);
        m_lines.clear();
        float y = 0.f;
        for (auto& line :
             wrapText(tr("Welcome to Motus"), m_fonts.bold, typeSize::title, textWidthMax)) {
            m_lines.push_back({std::move(line), &m_fonts.bold, typeSize::title, y, 0.f});
            y += kTitleLine;
        }
        y += 14.f;
        auto paragraph = [&](const std::string& text) {
            for (auto& line : wrapText(text, m_fonts.regular, typeSize::body, textWidthMax)) {
                m_lines.push_back({std::move(line), &m_fonts.regular, typeSize::body, y, 0.f});
                y += kBodyLine;
            }
            y += 14.f;
        };
        paragraph(intro);
        // What it is not: in a calm panel, so it is read.
        const float panelTop = y;
        y += 16.f;
        for (std::size_t i = 0; i < isNot.size(); ++i) {
            if (i > 0) {
                y += kBodyLine;
            }
            for (auto& line :
                 wrapText(isNot[i], m_fonts.bold, typeSize::body, textWidthMax - 48.f)) {
                m_lines.push_back({std::move(line), &m_fonts.bold, typeSize::body, y, 24.f});
                y += kBodyLine;
            }
        }
        y += 16.f;
        m_panel = {0.f, panelTop, textWidthMax, y - panelTop};
        y += 24.f;
        paragraph(next);
        m_scroll.setContentHeight(y);
        if (!m_scroll.scrolls()) {
            break;
        }
    }
}

std::optional<sf::FloatRect> WelcomeScreen::focusedRect() const {
    if (!m_focus) {
        return std::nullopt;
    }
    return *m_focus == Focus::Later ? m_later : m_continue;
}

void WelcomeScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Tab) {
            m_focus = stepFocus(std::vector<Focus>{Focus::Later, Focus::Continue}, m_focus,
                                event.key.shift ? -1 : 1);
        } else if (key == sf::Keyboard::Enter || key == sf::Keyboard::Space) {
            if (m_focus == Focus::Later) {
                m_laterAction();
            } else {
                m_next();
            }
        } else if (key == sf::Keyboard::Escape) {
            m_laterAction();
        } else {
            (void)m_scroll.handleEvent(event); // ↑ ↓ PgUp PgDn Home End read on
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
        if (m_continue.contains(at)) {
            m_next();
        } else if (m_later.contains(at)) {
            m_laterAction();
        }
    }
}

void WelcomeScreen::draw(sf::RenderTarget& target) const {
    const sf::View saved = m_scroll.begin(target);
    drawRoundedRect(target, m_panel, 12.f, colour::warningGround, colour::warning, 2.f);
    for (const auto& line : m_lines) {
        drawText(target, line.text, *line.font, line.size, {line.x, line.y}, colour::text);
    }
    m_scroll.end(target, saved);
    drawButton(target, m_fonts, m_later, laterLabel(), false);
    drawButton(target, m_fonts, m_continue, continueLabel(), true);
    if (const auto focus = focusedRect()) {
        drawFocusRing(target, *focus);
    }
}

// ---- How to start -----------------------------------------------------------------------------

StartChoiceScreen::StartChoiceScreen(const Fonts& fonts, std::function<void(Choice)> choose,
                                     std::function<void()> back)
    : m_fonts(fonts), m_choose(std::move(choose)), m_back(std::move(back)) {}

void StartChoiceScreen::resize(sf::Vector2f size) {
    m_size = size;
    // The title and the keys beside the Back button, wrapped to the room there is.
    m_header.layout(tr("How would you like to begin?"), m_fonts, size.x,
                    tr("1 2 3 or ↑ ↓ and Enter choose   Esc back"));
    const float headerBottom = m_header.bottom + 2.f;
    // The choices in a column, each as tall as its wrapped text (and at least a good target);
    // they scroll when the window is small.
    m_scroll.setArea({columnLeft(size), headerBottom, columnWidth(size),
                      std::max(100.f, size.y - kPad - headerBottom)});
    const float room = size.y - kPad - headerBottom - 2 * kInset - 2 * kGap;
    const float minHeight = std::clamp(room / 3, 90.f, 130.f);
    for (const bool withBar : {false, true}) {
        m_cardWidth = columnWidth(size) - 2 * kInset - (withBar ? ScrollArea::kBarWidth : 0.f);
        // Right of the number's circle.
        const float textWidthMax = m_cardWidth - 22.f - 44.f - 24.f - 24.f;
        float y = kInset;
        for (std::size_t i = 0; i < m_cards.size(); ++i) {
            const auto text = choiceText(static_cast<Choice>(i));
            Card& card = m_cards[i];
            // The title in heading type; in body type when that keeps it on one line.
            card.titleType = typeSize::heading;
            card.title = wrapText(tr(text.title), m_fonts.bold, typeSize::heading, textWidthMax);
            if (card.title.size() > 1) {
                auto smaller = wrapText(tr(text.title), m_fonts.bold, typeSize::body, textWidthMax);
                if (smaller.size() == 1) {
                    card.titleType = typeSize::body;
                    card.title = std::move(smaller);
                }
            }
            card.detail = wrapText(tr(text.detail), m_fonts.regular, typeSize::small, textWidthMax);
            const float titleLine = static_cast<float>(card.titleType) * 1.4f;
            card.top = y;
            card.height =
                std::max(minHeight, 32.f + titleLine * static_cast<float>(card.title.size()) + 6.f +
                                        kSmallLine * static_cast<float>(card.detail.size()));
            y += card.height + kGap;
        }
        m_scroll.setContentHeight(y - kGap + kInset);
        if (!m_scroll.scrolls()) {
            break;
        }
    }
    moveFocus(m_focus);
}

sf::FloatRect StartChoiceScreen::button(Choice choice) const {
    const Card& card = m_cards.at(static_cast<std::size_t>(choice));
    const auto area = m_scroll.area();
    return {area.left + kInset, area.top + card.top - m_scroll.offset(), m_cardWidth, card.height};
}

sf::FloatRect StartChoiceScreen::focusedRect() const {
    return m_focus < 0 ? kBackButton : button(static_cast<Choice>(m_focus));
}

void StartChoiceScreen::moveFocus(int focus) {
    m_focus = focus;
    if (focus >= 0) {
        const Card& card = m_cards.at(static_cast<std::size_t>(focus));
        m_scroll.show(card.top - kInset, card.top + card.height + kInset);
    }
}

void StartChoiceScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        const int count = static_cast<int>(m_cards.size());
        if (key >= sf::Keyboard::Num1 && key <= sf::Keyboard::Num3) {
            m_choose(static_cast<Choice>(key - sf::Keyboard::Num1));
        } else if (key >= sf::Keyboard::Numpad1 && key <= sf::Keyboard::Numpad3) {
            m_choose(static_cast<Choice>(key - sf::Keyboard::Numpad1));
        } else if (key == sf::Keyboard::Tab) {
            // Back, then the three choices.
            moveFocus(*stepFocus(std::vector<int>{-1, 0, 1, 2}, std::optional<int>(m_focus),
                                 event.key.shift ? -1 : 1));
        } else if (key == sf::Keyboard::Down) {
            moveFocus(m_focus < 0 ? 0 : (m_focus + 1) % count);
        } else if (key == sf::Keyboard::Up) {
            moveFocus(m_focus < 0 ? count - 1 : (m_focus + count - 1) % count);
        } else if (key == sf::Keyboard::Enter || key == sf::Keyboard::Space) {
            if (m_focus < 0) {
                m_back();
            } else {
                m_choose(static_cast<Choice>(m_focus));
            }
        } else if (key == sf::Keyboard::Escape || key == sf::Keyboard::BackSpace) {
            m_back();
        } else {
            (void)m_scroll.handleEvent(event); // PgUp PgDn Home End
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
        if (!m_scroll.area().contains(at)) {
            return;
        }
        for (std::size_t i = 0; i < m_cards.size(); ++i) {
            if (button(static_cast<Choice>(i)).contains(at)) {
                m_focus = static_cast<int>(i);
                m_choose(static_cast<Choice>(i));
                return;
            }
        }
    }
}

void StartChoiceScreen::draw(sf::RenderTarget& target) const {
    m_header.draw(target, m_fonts);
    const sf::View saved = m_scroll.begin(target);
    for (std::size_t i = 0; i < m_cards.size(); ++i) {
        const Card& card = m_cards[i];
        // In the panel's content coordinates.
        const sf::FloatRect rect{kInset, card.top, m_cardWidth, card.height};
        const bool focused = static_cast<int>(i) == m_focus;
        drawRoundedRect(target, rect, 14.f, focused ? colour::selection : colour::panel,
                        focused ? colour::accent : colour::panelBorder, focused ? 3.f : 1.5f);
        // The number in a circle: the key that chooses it.
        const float badge = 44.f;
        const sf::FloatRect circle{rect.left + 22.f, rect.top + (rect.height - badge) / 2, badge,
                                   badge};
        drawRoundedRect(target, circle, badge / 2, colour::accent);
        const sf::String number = utf8(std::to_string(i + 1));
        drawText(target, number, m_fonts.bold, typeSize::heading,
                 {circle.left + (badge - textWidth(number, m_fonts.bold, typeSize::heading)) / 2,
                  circle.top + 4.f},
                 colour::accentText);
        const float textX = circle.left + badge + 24.f;
        const float titleLine = static_cast<float>(card.titleType) * 1.4f;
        const float textHeight = titleLine * static_cast<float>(card.title.size()) + 6.f +
                                 kSmallLine * static_cast<float>(card.detail.size());
        float textY = rect.top + (rect.height - textHeight) / 2;
        for (const auto& line : card.title) {
            drawText(target, line, m_fonts.bold, card.titleType, {textX, textY}, colour::text);
            textY += titleLine;
        }
        textY += 6.f;
        for (const auto& line : card.detail) {
            drawText(target, line, m_fonts.regular, typeSize::small, {textX, textY},
                     colour::mutedText);
            textY += kSmallLine;
        }
        if (focused) {
            drawFocusRing(target, rect);
        }
    }
    m_scroll.end(target, saved);
    if (m_focus < 0) {
        drawFocusRing(target, kBackButton);
    }
}

} // namespace motus::app
