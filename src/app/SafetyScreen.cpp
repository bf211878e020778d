#include "SafetyScreen.hpp"

#include "core/I18n.hpp"
#include "core/LocalTime.hpp"

#include <fmt/format.h>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kRowHeight = 64.f;
constexpr float kTop = 150.f;
constexpr float kButtonHeight = 60.f;

} // namespace

std::string signText(core::RedFlag sign) {
    switch (sign) {
    case core::RedFlag::SaddleNumbness:
        return tr("Numbness or tingling around your bottom or genitals (where you sit on a "
                  "saddle)");
    case core::RedFlag::BladderBowel:
        return tr("A new problem with your bladder or bowels: you cannot pass urine, cannot hold "
                  "it, or do not feel it");
    case core::RedFlag::LegWeakness:
        return tr("A leg that is getting weaker: you trip, your foot slaps or your knee gives way");
    case core::RedFlag::FeverWeightLoss:
        return tr("Fever, or weight loss you cannot explain, together with your back pain");
    case core::RedFlag::MajorTrauma:
        return tr("A recent fall, accident or heavy blow");
    }
    return {};
}

SafetyScreen::SafetyScreen(service::Practice& practice, const Fonts& fonts,
                           std::function<void()> done, std::function<void()> back)
    : m_practice(practice), m_fonts(fonts), m_done(std::move(done)), m_back(std::move(back)) {}

void SafetyScreen::resize(sf::Vector2f size) {
    m_size = size;
    layout();
}

std::string SafetyScreen::title() const {
    return m_back ? tr("Before you start") : tr("Something new or worrying?");
}

std::string SafetyScreen::intro() const {
    return m_back ? tr("Do you have any of these now? Tick each one that is true. Any one of them "
                       "means: do not start exercises, get medical help today.")
                  : tr("Tick what is new since you last exercised. Any one of these means: stop "
                       "your exercises and get medical help today.");
}

void SafetyScreen::layout() {
    const float width = m_size.x - 2 * kPad;
    m_introLines = wrapText(intro(), m_fonts.regular, typeSize::small, width);
    const float top = std::max(kTop, 80.f + 26.f * static_cast<float>(m_introLines.size()) + 10.f);
    // Each sign whole, on as many lines as it needs: in body type, or smaller when the window
    // is too low for that.
    float gap = 10.f;
    for (const unsigned type : {typeSize::body, typeSize::small}) {
        m_rowType = type;
        const bool compact = type != typeSize::body;
        gap = compact ? 6.f : 10.f;
        const float lineHeight = static_cast<float>(type) * 1.4f;
        m_rows.clear();
        m_rowLines.clear();
        float y = top;
        for (std::size_t i = 0; i < kSigns.size(); ++i) {
            auto lines = wrapText(std::to_string(i + 1) + "  " + signText(kSigns[i]),
                                  m_fonts.regular, type, width - 90.f);
            const float height = std::max(compact ? 50.f : kRowHeight,
                                          lineHeight * static_cast<float>(lines.size()) + 14.f);
            m_rows.push_back(Hit{{kPad, y, width, height}});
            m_rowLines.push_back(std::move(lines));
            y += height + gap;
        }
        if (y + 2 * gap + kButtonHeight <= m_size.y - 8.f) {
            break;
        }
    }
    const float y = m_rows.back().rect.top + m_rows.back().rect.height + 2 * gap;
    const float buttonWidth = std::min(440.f, (m_size.x - 3 * kPad) / 2);
    m_reportButton = Hit{{kPad, y, buttonWidth, kButtonHeight}};
    m_noneButton = Hit{{2 * kPad + buttonWidth, y, buttonWidth, kButtonHeight}};
    m_doneButton = Hit{{kPad, m_size.y - kPad - kButtonHeight, buttonWidth, kButtonHeight}};
}

bool SafetyScreen::anyTicked() const {
    for (bool t : m_ticked) {
        if (t) {
            return true;
        }
    }
    return false;
}

void SafetyScreen::toggle(std::size_t sign) {
    m_focus = sign;
    m_ticked.at(sign) = !m_ticked.at(sign);
}

void SafetyScreen::report() {
    if (!anyTicked()) {
        return;
    }
    core::CheckIn checkIn;
    checkIn.at = core::stampNow();
    checkIn.at.date = m_practice.today();
    for (std::size_t i = 0; i < kSigns.size(); ++i) {
        if (m_ticked[i]) {
            checkIn.redFlags.push_back(kSigns[i]);
        }
    }
    try {
        (void)m_practice.checkIn(checkIn);
        m_failure.clear();
    } catch (const std::exception& e) {
        // The advice stands even when it could not be stored.
        m_failure = e.what();
    }
    m_reported = true;
}

void SafetyScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (m_reported) {
            if (key == sf::Keyboard::Enter || key == sf::Keyboard::Escape ||
                key == sf::Keyboard::Space) {
                m_done();
            }
            return;
        }
        if (key >= sf::Keyboard::Num1 && key <= sf::Keyboard::Num5) {
            toggle(static_cast<std::size_t>(key - sf::Keyboard::Num1));
        } else if (key >= sf::Keyboard::Numpad1 && key <= sf::Keyboard::Numpad5) {
            toggle(static_cast<std::size_t>(key - sf::Keyboard::Numpad1));
        } else if (key == sf::Keyboard::Space) {
            toggle(m_focus);
        } else if (key == sf::Keyboard::Down || (key == sf::Keyboard::Tab && !event.key.shift)) {
            m_focus = (m_focus + 1) % kSigns.size();
        } else if (key == sf::Keyboard::Up || (key == sf::Keyboard::Tab && event.key.shift)) {
            m_focus = (m_focus + kSigns.size() - 1) % kSigns.size();
        } else if (key == sf::Keyboard::Enter) {
            report();
        } else if (m_back && key == sf::Keyboard::N && !anyTicked()) {
            m_done();
        } else if (key == sf::Keyboard::Escape || key == sf::Keyboard::BackSpace) {
            if (m_back) {
                m_back();
            } else {
                m_done();
            }
        }
        return;
    }
    if (event.type != sf::Event::MouseButtonPressed ||
        event.mouseButton.button != sf::Mouse::Left) {
        return;
    }
    const sf::Vector2f at = clickPosition(event);
    if (m_reported) {
        if (m_doneButton.contains(at)) {
            m_done();
        }
        return;
    }
    if (m_back && kBackButton.contains(at)) {
        m_back();
        return;
    }
    if (kBackButton.contains(at) || (m_noneButton.contains(at) && !(m_back && anyTicked()))) {
        m_done();
        return;
    }
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].contains(at)) {
            toggle(i);
            return;
        }
    }
    if (m_reportButton.contains(at)) {
        report();
    }
}

void SafetyScreen::draw(sf::RenderTarget& target) const {
    const float width = m_size.x - 2 * kPad;
    if (m_reported) {
        const std::vector<std::string> paragraphs = {
            tr("Call your doctor or an out-of-hours medical service today, or go to an emergency "
               "department. If you cannot pass urine, or the numbness around your bottom is "
               "getting worse, call an emergency number now."),
            tr("Tell them that you have back pain, that you do home exercises for it, and what "
               "is new:")};
        const std::string after =
            m_failure.empty()
                ? std::string(
                      m_back ? tr("Do not start exercises until a doctor or your therapist has "
                                  "seen you and said they are safe for you. Motus has noted this "
                                  "for your therapist.")
                             : tr("Your program is stopped: do not do your exercises until your "
                                  "therapist has seen you and cleared it. Motus has noted this "
                                  "for your therapist."))
                : fmt::format(fmt::runtime(tr("Motus could not store this ({}). Stop your "
                                              "exercises anyway, and tell your therapist.")),
                              m_failure);
        // In body type, or smaller when a small window or a long translation would reach the
        // button; the title wraps rather than leaving the window.
        auto render = [&](unsigned type, bool paint) {
            const float lineHeight = static_cast<float>(type) * 1.5f;
            float y = 24.f;
            for (const auto& line : wrapText(tr("Please get medical help today"), m_fonts.bold,
                                             typeSize::title, width)) {
                if (paint) {
                    drawText(target, line, m_fonts.bold, typeSize::title, {kPad, y}, colour::text);
                }
                y += 44.f;
            }
            y += 18.f;
            auto lines = [&](const std::string& text, const sf::Font& font, float indent,
                             sf::Color colour) {
                for (const auto& line : wrapText(text, font, type, width - indent)) {
                    if (paint) {
                        drawText(target, line, font, type, {kPad + indent, y}, colour);
                    }
                    y += lineHeight;
                }
            };
            for (const auto& paragraph : paragraphs) {
                lines(paragraph, m_fonts.regular, 0.f, colour::text);
                y += 10.f;
            }
            for (std::size_t i = 0; i < kSigns.size(); ++i) {
                if (m_ticked[i]) {
                    lines("•  " + signText(kSigns[i]), m_fonts.bold, 24.f, colour::text);
                }
            }
            y += 14.f;
            lines(after, m_fonts.regular, 0.f, colour::mutedText);
            return y;
        };
        const bool fits = render(typeSize::body, false) <= m_doneButton.rect.top - 8.f;
        (void)render(fits ? typeSize::body : typeSize::small, true);
        drawButton(target, m_fonts, m_doneButton.rect,
                   std::string(m_back ? tr("Continue") : tr("Back to today")) + " (Enter)", true);
        return;
    }

    drawBackButton(target, m_fonts);
    drawText(target,
             ellipsize(utf8(title()), m_fonts.bold, typeSize::title, width - kBackButtonSpace),
             m_fonts.bold, typeSize::title, {kPad + kBackButtonSpace, 24.f}, colour::text);
    float y = 80.f;
    for (const auto& line : m_introLines) {
        drawText(target, line, m_fonts.regular, typeSize::small, {kPad, y}, colour::mutedText);
        y += 26.f;
    }
    const float lineHeight = static_cast<float>(m_rowType) * 1.4f;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto& rect = m_rows[i].rect;
        const bool focused = i == m_focus;
        drawRoundedRect(target, rect, 10.f, m_ticked[i] ? colour::warningGround : colour::panel,
                        focused ? colour::accent : colour::controlBorder, focused ? 3.f : 1.f);
        // The box: a tick inside when chosen (not colour alone).
        const sf::FloatRect box{rect.left + 18.f, rect.top + (rect.height - 30.f) / 2, 30.f, 30.f};
        drawRoundedRect(target, box, 6.f, colour::panel, colour::text, 2.f);
        if (m_ticked[i]) {
            drawText(target, utf8("✓"), m_fonts.bold, typeSize::heading,
                     {box.left + 4.f, box.top - 4.f}, colour::text);
        }
        const auto& lines = m_rowLines[i];
        float lineY = rect.top + (rect.height - lineHeight * static_cast<float>(lines.size())) / 2 -
                      static_cast<float>(m_rowType) * 0.1f;
        for (const auto& line : lines) {
            drawText(target, line, m_fonts.regular, m_rowType, {rect.left + 66.f, lineY},
                     colour::text);
            lineY += lineHeight;
        }
    }
    // A label that does not fit its button in body type gets the smaller type.
    auto button = [&](sf::FloatRect rect, const std::string& label, bool primary) {
        const unsigned type = textWidth(utf8(label), primary ? m_fonts.bold : m_fonts.regular,
                                        typeSize::body) > rect.width - 16.f
                                  ? typeSize::small
                                  : typeSize::body;
        drawButton(target, m_fonts, rect, label, primary, false, type);
    };
    button(m_reportButton.rect, std::string(tr("Report it and get advice")) + " (Enter)",
           anyTicked());
    if (m_back) {
        // The first run: with nothing ticked, going on is the expected answer.
        button(m_noneButton.rect,
               std::string(tr("None of these: continue")) +
                   (anyTicked() ? std::string() : std::string(" (N)")),
               !anyTicked());
    } else {
        button(m_noneButton.rect, std::string(tr("None of these: back")) + " (Esc)", false);
    }
}

} // namespace motus::app
