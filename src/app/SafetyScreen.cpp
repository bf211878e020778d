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
                           std::function<void()> done)
    : m_practice(practice), m_fonts(fonts), m_done(std::move(done)) {}

void SafetyScreen::resize(sf::Vector2f size) {
    m_size = size;
    layout();
}

void SafetyScreen::layout() {
    m_rows.clear();
    for (std::size_t i = 0; i < kSigns.size(); ++i) {
        m_rows.push_back(Hit{{kPad, kTop + static_cast<float>(i) * (kRowHeight + 10.f),
                              m_size.x - 2 * kPad, kRowHeight}});
    }
    const float y = kTop + static_cast<float>(kSigns.size()) * (kRowHeight + 10.f) + 20.f;
    const float width = std::min(440.f, (m_size.x - 3 * kPad) / 2);
    m_reportButton = Hit{{kPad, y, width, kButtonHeight}};
    m_noneButton = Hit{{2 * kPad + width, y, width, kButtonHeight}};
    m_doneButton = Hit{{kPad, m_size.y - kPad - kButtonHeight, width, kButtonHeight}};
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
        } else if (key == sf::Keyboard::Escape || key == sf::Keyboard::BackSpace) {
            m_done();
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
    if (kBackButton.contains(at) || m_noneButton.contains(at)) {
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
        drawText(target, utf8(tr("Please get medical help today")), m_fonts.bold, typeSize::title,
                 {kPad, 24.f}, colour::text);
        std::vector<std::string> paragraphs = {
            tr("Call your doctor or an out-of-hours medical service today, or go to an emergency "
               "department. If you cannot pass urine, or the numbness around your bottom is "
               "getting worse, call an emergency number now."),
            tr("Tell them that you have back pain, that you do home exercises for it, and what "
               "is new:")};
        float y = 90.f;
        for (const auto& paragraph : paragraphs) {
            for (const auto& line : wrapText(paragraph, m_fonts.regular, typeSize::body, width)) {
                drawText(target, line, m_fonts.regular, typeSize::body, {kPad, y}, colour::text);
                y += 34.f;
            }
            y += 10.f;
        }
        for (std::size_t i = 0; i < kSigns.size(); ++i) {
            if (!m_ticked[i]) {
                continue;
            }
            for (const auto& line : wrapText("•  " + signText(kSigns[i]), m_fonts.bold,
                                             typeSize::body, width - 24.f)) {
                drawText(target, line, m_fonts.bold, typeSize::body, {kPad + 24.f, y},
                         colour::text);
                y += 34.f;
            }
        }
        y += 14.f;
        const std::string after =
            m_failure.empty()
                ? std::string(tr("Your program is stopped: do not do your exercises until your "
                                 "therapist has seen you and cleared it. Motus has noted this "
                                 "for your therapist."))
                : fmt::format(fmt::runtime(tr("Motus could not store this ({}). Stop your "
                                              "exercises anyway, and tell your therapist.")),
                              m_failure);
        for (const auto& line : wrapText(after, m_fonts.regular, typeSize::body, width)) {
            drawText(target, line, m_fonts.regular, typeSize::body, {kPad, y}, colour::mutedText);
            y += 34.f;
        }
        drawButton(target, m_fonts, m_doneButton.rect,
                   std::string(tr("Back to today")) + " (Enter)", true);
        return;
    }

    drawBackButton(target, m_fonts);
    drawText(target, utf8(tr("Something new or worrying?")), m_fonts.bold, typeSize::title,
             {kPad + kBackButtonSpace, 24.f}, colour::text);
    const auto intro = wrapText(tr("Tick what is new since you last exercised. Any one of these "
                                   "means: stop your exercises and get medical help today."),
                                m_fonts.regular, typeSize::small, width);
    float y = 80.f;
    for (const auto& line : intro) {
        drawText(target, line, m_fonts.regular, typeSize::small, {kPad, y}, colour::mutedText);
        y += 26.f;
    }
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
        const sf::String label = ellipsize(utf8(std::to_string(i + 1) + "  " + signText(kSigns[i])),
                                           m_fonts.regular, typeSize::body, rect.width - 90.f);
        drawText(target, label, m_fonts.regular, typeSize::body,
                 {rect.left + 66.f, rect.top + (rect.height - 34.f) / 2}, colour::text);
    }
    drawButton(target, m_fonts, m_reportButton.rect,
               std::string(tr("Report it and get advice")) + " (Enter)", anyTicked());
    drawButton(target, m_fonts, m_noneButton.rect,
               std::string(tr("None of these: back")) + " (Esc)", false);
}

} // namespace motus::app
