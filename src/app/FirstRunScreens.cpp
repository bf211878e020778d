#include "FirstRunScreens.hpp"

#include "core/I18n.hpp"

#include <algorithm>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kButtonHeight = 60.f;

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
    const float top = size.y - kPad - kButtonHeight;
    const float continueWidth =
        textWidth(utf8(continueLabel()), m_fonts.bold, typeSize::body) + 56.f;
    const float laterWidth = textWidth(utf8(laterLabel()), m_fonts.regular, typeSize::body) + 48.f;
    const float right = columnLeft(size) + columnWidth(size);
    m_continue = {right - continueWidth, top, continueWidth, kButtonHeight};
    m_later = {m_continue.left - 16.f - laterWidth, top, laterWidth, kButtonHeight};
}

void WelcomeScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Enter || key == sf::Keyboard::Space) {
            m_next();
        } else if (key == sf::Keyboard::Escape) {
            m_laterAction();
        }
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
    const float left = columnLeft(m_size);
    const float width = columnWidth(m_size);
    const std::string intro =
        tr("Motus helps you with the home exercises from your physiotherapy: it shows each "
           "exercise, counts and times it with you, and keeps a record for your therapist.");
    // What it is not: in a calm panel, so it is read.
    const std::vector<std::string> isNot{
        tr("Motus does not make a diagnosis and does not replace your doctor or your therapist."),
        tr("Motus is not for emergencies. If you are badly hurt or suddenly very unwell, call "
           "the emergency services.")};
    const std::string next =
        tr("First, five short safety questions. Then you choose how to begin.");
    // Drawn in body type, or in smaller type when a small window or a long translation would
    // reach the buttons.
    auto render = [&](unsigned type, bool paint) {
        const float lineHeight = static_cast<float>(type) * 1.45f;
        float y = std::max(24.f, std::min(80.f, m_size.y * 0.06f));
        for (const auto& line :
             wrapText(tr("Welcome to Motus"), m_fonts.bold, typeSize::title, width)) {
            if (paint) {
                drawText(target, line, m_fonts.bold, typeSize::title, {left, y}, colour::text);
            }
            y += 46.f;
        }
        y += 14.f;
        auto paragraph = [&](const std::string& text) {
            for (const auto& line : wrapText(text, m_fonts.regular, type, width)) {
                if (paint) {
                    drawText(target, line, m_fonts.regular, type, {left, y}, colour::text);
                }
                y += lineHeight;
            }
            y += 14.f;
        };
        paragraph(intro);
        std::vector<sf::String> lines;
        for (const auto& text : isNot) {
            for (auto& line : wrapText(text, m_fonts.bold, type, width - 48.f)) {
                lines.push_back(std::move(line));
            }
            lines.emplace_back();
        }
        lines.pop_back();
        const float panelHeight = lineHeight * static_cast<float>(lines.size()) + 32.f;
        if (paint) {
            drawRoundedRect(target, {left, y, width, panelHeight}, 12.f, colour::warningGround,
                            colour::warning, 2.f);
            float lineY = y + 16.f;
            for (const auto& line : lines) {
                drawText(target, line, m_fonts.bold, type, {left + 24.f, lineY}, colour::text);
                lineY += lineHeight;
            }
        }
        y += panelHeight + 24.f;
        paragraph(next);
        return y;
    };
    const bool fits = render(typeSize::body, false) <= m_continue.top - 8.f;
    (void)render(fits ? typeSize::body : typeSize::small, true);
    drawButton(target, m_fonts, m_later, laterLabel(), false);
    drawButton(target, m_fonts, m_continue, continueLabel(), true);
}

// ---- How to start -----------------------------------------------------------------------------

StartChoiceScreen::StartChoiceScreen(const Fonts& fonts, std::function<void(Choice)> choose,
                                     std::function<void()> back)
    : m_fonts(fonts), m_choose(std::move(choose)), m_back(std::move(back)) {}

void StartChoiceScreen::resize(sf::Vector2f size) {
    m_size = size;
    const float top = 130.f;
    const float gap = 16.f;
    const float height = std::clamp((size.y - top - kPad - 2 * gap) / 3, 90.f, 130.f);
    for (std::size_t i = 0; i < m_buttons.size(); ++i) {
        m_buttons[i] = {columnLeft(size), top + static_cast<float>(i) * (height + gap),
                        columnWidth(size), height};
    }
}

void StartChoiceScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key >= sf::Keyboard::Num1 && key <= sf::Keyboard::Num3) {
            m_choose(static_cast<Choice>(key - sf::Keyboard::Num1));
        } else if (key >= sf::Keyboard::Numpad1 && key <= sf::Keyboard::Numpad3) {
            m_choose(static_cast<Choice>(key - sf::Keyboard::Numpad1));
        } else if (key == sf::Keyboard::Down || (key == sf::Keyboard::Tab && !event.key.shift)) {
            m_focus = (m_focus + 1) % m_buttons.size();
        } else if (key == sf::Keyboard::Up || (key == sf::Keyboard::Tab && event.key.shift)) {
            m_focus = (m_focus + m_buttons.size() - 1) % m_buttons.size();
        } else if (key == sf::Keyboard::Enter || key == sf::Keyboard::Space) {
            m_choose(static_cast<Choice>(m_focus));
        } else if (key == sf::Keyboard::Escape || key == sf::Keyboard::BackSpace) {
            m_back();
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
        for (std::size_t i = 0; i < m_buttons.size(); ++i) {
            if (m_buttons[i].contains(at)) {
                m_focus = i;
                m_choose(static_cast<Choice>(i));
                return;
            }
        }
    }
}

void StartChoiceScreen::draw(sf::RenderTarget& target) const {
    drawBackButton(target, m_fonts);
    const float titleX = kPad + kBackButtonSpace;
    const float titleWidth = m_size.x - titleX - kPad;
    drawText(target,
             ellipsize(utf8(tr("How would you like to begin?")), m_fonts.bold, typeSize::title,
                       titleWidth),
             m_fonts.bold, typeSize::title, {titleX, 24.f}, colour::text);
    drawText(target,
             ellipsize(utf8(tr("1 2 3 or ↑ ↓ and Enter choose   Esc back")), m_fonts.regular,
                       typeSize::small, titleWidth),
             m_fonts.regular, typeSize::small, {titleX, 72.f}, colour::mutedText);
    for (std::size_t i = 0; i < m_buttons.size(); ++i) {
        const auto& rect = m_buttons[i];
        const bool focused = i == m_focus;
        const auto text = choiceText(static_cast<Choice>(i));
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
        const float textWidthMax = rect.left + rect.width - textX - 24.f;
        auto detail = wrapText(tr(text.detail), m_fonts.regular, typeSize::small, textWidthMax);
        if (detail.size() > 2) { // a very narrow window: the rest is cut
            detail.resize(2);
            detail[1] =
                ellipsize(detail[1] + utf8("…"), m_fonts.regular, typeSize::small, textWidthMax);
        }
        // The title on one line in heading type, else on two in body type.
        unsigned titleType = typeSize::heading;
        auto title = wrapText(tr(text.title), m_fonts.bold, titleType, textWidthMax);
        if (title.size() > 1) {
            titleType = typeSize::body;
            title = wrapText(tr(text.title), m_fonts.bold, titleType, textWidthMax);
            if (title.size() > 2) {
                title.resize(2);
                title[1] = ellipsize(title[1] + utf8("…"), m_fonts.bold, titleType, textWidthMax);
            }
        }
        const float titleLine = static_cast<float>(titleType) * 1.4f;
        const float textHeight = titleLine * static_cast<float>(title.size()) + 6.f +
                                 26.f * static_cast<float>(detail.size());
        float textY = rect.top + (rect.height - textHeight) / 2;
        for (const auto& line : title) {
            drawText(target, line, m_fonts.bold, titleType, {textX, textY}, colour::text);
            textY += titleLine;
        }
        textY += 6.f;
        for (const auto& line : detail) {
            drawText(target, line, m_fonts.regular, typeSize::small, {textX, textY},
                     colour::mutedText);
            textY += 26.f;
        }
    }
}

} // namespace motus::app
