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
constexpr float kGap = 10.f; // between two signs
// Text drawn enlarged (the text size) comes out up to 3 % wider than measured: wrapped with
// that much room to spare.
constexpr float kFit = 0.97f;
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
    m_header.layout(title(), m_fonts.bold, m_size.x);
    m_introLines = wrapText(intro(), m_fonts.regular, typeSize::small, width);
    const float top =
        std::max(kTop, m_header.bottom + 26.f * static_cast<float>(m_introLines.size()) + 8.f);
    // Each sign whole, on as many lines as it needs, in body type; the list scrolls when the
    // window is too low for all of them.
    const float lineHeight = static_cast<float>(typeSize::body) * 1.4f;
    const float rowWidth = width - ScrollArea::kBarWidth - 4.f;
    m_rows.clear();
    m_rowLines.clear();
    float y = 4.f; // room for the focus ring
    for (std::size_t i = 0; i < kSigns.size(); ++i) {
        auto lines = wrapText(std::to_string(i + 1) + "  " + signText(kSigns[i]), m_fonts.regular,
                              typeSize::body, (rowWidth - 96.f) * kFit);
        const float height =
            std::max(kRowHeight, lineHeight * static_cast<float>(lines.size()) + 14.f);
        m_rows.push_back(Hit{{4.f, y, rowWidth - 8.f, height}});
        m_rowLines.push_back(std::move(lines));
        y += height + kGap;
    }
    const float rowsHeight = y - kGap + 4.f;
    // The two buttons side by side, each label whole (in smaller type, then without its key);
    // one above the other when narrow.
    const float half = std::min(440.f, (width - kPad) / 2);
    auto widest = [&] {
        return std::max(textWidth(utf8(reportLabel()), m_fonts.bold, typeSize::small),
                        textWidth(utf8(noneLabel()), m_fonts.bold, typeSize::small)) +
               32.f;
    };
    m_keys = true;
    if (widest() > half) {
        m_keys = false;
    }
    const bool stacked = widest() > half;
    const float buttonWidth = stacked ? std::min(width, 560.f) : half;
    const float buttonsHeight = stacked ? 2 * kButtonHeight + 12.f : kButtonHeight;
    const float listHeight = std::min(rowsHeight, m_size.y - kPad - buttonsHeight - 16.f - top);
    m_list.setArea({kPad - 4.f, top - 4.f, width + 8.f, std::max(80.f, listHeight)});
    m_list.setContentHeight(rowsHeight);
    const float buttonTop = m_list.area().top + m_list.area().height + 16.f;
    m_reportButton = Hit{{kPad, buttonTop, buttonWidth, kButtonHeight}};
    m_noneButton = stacked
                       ? Hit{{kPad, buttonTop + kButtonHeight + 12.f, buttonWidth, kButtonHeight}}
                       : Hit{{2 * kPad + buttonWidth, buttonTop, buttonWidth, kButtonHeight}};
    m_doneButton =
        Hit{{kPad, m_size.y - kPad - kButtonHeight,
             std::min(width,
                      std::max(440.f,
                               textWidth(utf8(doneLabel()), m_fonts.bold, typeSize::body) + 48.f)),
             kButtonHeight}};
    m_therapistButton = Hit{};
    if (m_saveReport && !m_back) {
        // Beside Back to today when both fit, else above it.
        const float wanted = std::min(
            width,
            textWidth(utf8(therapistLabel()), m_fonts.regular, typeSize::body) * 1.04f + 48.f);
        const sf::FloatRect& done = m_doneButton.rect;
        m_therapistButton =
            done.width + 16.f + wanted <= width
                ? Hit{{done.left + done.width + 16.f, done.top, wanted, kButtonHeight}}
                : Hit{{kPad, done.top - 12.f - kButtonHeight, wanted, kButtonHeight}};
    }
    layoutAdvice();
}

std::string SafetyScreen::reportLabel() const {
    return std::string(tr("Report it and get advice")) + (m_keys ? " (Enter)" : "");
}

std::string SafetyScreen::noneLabel() const {
    if (m_back) {
        return std::string(tr("None of these: continue")) + (anyTicked() || !m_keys ? "" : " (N)");
    }
    return std::string(tr("None of these: back")) + (m_keys ? " (Esc)" : "");
}

std::string SafetyScreen::therapistLabel() const {
    return std::string(tr("Report for my therapist")) + " (R)";
}

void SafetyScreen::setTherapistReport(std::function<std::string()> save) {
    m_saveReport = std::move(save);
    layout();
}

void SafetyScreen::saveTherapistReport() {
    if (!m_saveReport) {
        return;
    }
    m_saved = m_saveReport();
    layoutAdvice();
    m_adviceArea.scrollBy(1e6f); // the message is the last thing in the advice: show it
}

std::string SafetyScreen::doneLabel() const {
    return std::string(m_back ? tr("Continue") : tr("Back to today")) + " (Enter)";
}

void SafetyScreen::layoutAdvice() {
    // What to do now, in body type; it scrolls above the button when the window is low.
    const float width = (m_size.x - 2 * kPad - ScrollArea::kBarWidth - 8.f) * kFit;
    m_advice.clear();
    float y = 8.f;
    auto lines = [&](const std::string& text, const sf::Font& font, unsigned type, float indent,
                     sf::Color colour, float lineHeight) {
        for (auto& line : wrapText(text, font, type, width - indent)) {
            m_advice.push_back({std::move(line), &font, type, colour, indent, y});
            y += lineHeight;
        }
    };
    const float body = static_cast<float>(typeSize::body) * 1.5f;
    lines(tr("Please get medical help today"), m_fonts.bold, typeSize::title, 0.f, colour::text,
          44.f);
    y += 18.f;
    lines(tr("Call your doctor or an out-of-hours medical service today, or go to an emergency "
             "department. If you cannot pass urine, or the numbness around your bottom is "
             "getting worse, call an emergency number now."),
          m_fonts.regular, typeSize::body, 0.f, colour::text, body);
    y += 10.f;
    lines(tr("Tell them that you have back pain, that you do home exercises for it, and what "
             "is new:"),
          m_fonts.regular, typeSize::body, 0.f, colour::text, body);
    y += 10.f;
    for (std::size_t i = 0; i < kSigns.size(); ++i) {
        if (m_ticked[i]) {
            lines("•  " + signText(kSigns[i]), m_fonts.bold, typeSize::body, 24.f, colour::text,
                  body);
        }
    }
    y += 14.f;
    const std::string after =
        m_failure.empty()
            ? std::string(m_back
                              ? tr("Do not start exercises until a doctor or your therapist has "
                                   "seen you and said they are safe for you. Motus has noted "
                                   "this for your therapist.")
                              : tr("Your program is stopped: do not do your exercises until your "
                                   "therapist has seen you and cleared it. Motus has noted this "
                                   "for your therapist."))
            : fmt::format(fmt::runtime(tr("Motus could not store this ({}). Stop your "
                                          "exercises anyway, and tell your therapist.")),
                          m_failure);
    lines(after, m_fonts.regular, typeSize::body, 0.f, colour::mutedText, body);
    if (!m_saved.empty()) {
        y += 14.f;
        lines(m_saved, m_fonts.bold, typeSize::body, 0.f, colour::text, body);
    }
    const float buttonsTop = m_therapistButton.rect.width > 0.f
                                 ? std::min(m_doneButton.rect.top, m_therapistButton.rect.top)
                                 : m_doneButton.rect.top;
    m_adviceArea.setArea(
        {kPad, 16.f, m_size.x - 2 * kPad, std::max(80.f, buttonsTop - 16.f - 16.f)});
    m_adviceArea.setContentHeight(y + 8.f);
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
    focusOn(static_cast<int>(sign));
    m_ticked.at(sign) = !m_ticked.at(sign);
}

void SafetyScreen::focusOn(int control) {
    m_focus = control;
    if (control >= 0 && control < static_cast<int>(kSigns.size())) {
        const auto& rect = m_rows[static_cast<std::size_t>(control)].rect;
        m_list.show(rect.top - 4.f, rect.top + rect.height + 4.f);
    }
}

std::vector<int> SafetyScreen::focusOrder() const {
    if (m_reported) {
        if (m_therapistButton.rect.width > 0.f) {
            return {kDone, kTherapist};
        }
        return {kDone};
    }
    std::vector<int> order{kBack};
    for (std::size_t i = 0; i < kSigns.size(); ++i) {
        order.push_back(static_cast<int>(i));
    }
    order.push_back(kReport);
    order.push_back(kNone);
    return order;
}

sf::FloatRect SafetyScreen::row(std::size_t sign) const {
    const auto& rect = m_rows.at(sign).rect;
    const sf::FloatRect area = m_list.area();
    return {area.left + rect.left, area.top + rect.top - m_list.offset(), rect.width, rect.height};
}

void SafetyScreen::none() {
    // In the first run "None of these" cannot be chosen with a sign ticked.
    if (!(m_back && anyTicked())) {
        m_done();
    }
}

void SafetyScreen::goBack() {
    if (m_back) {
        m_back();
    } else {
        m_done();
    }
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
    m_focus.reset();
    layoutAdvice();
}

void SafetyScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Tab) {
            m_focus = stepFocus(focusOrder(), m_focus, event.key.shift ? -1 : 1);
            if (m_focus) {
                focusOn(*m_focus);
            }
            return;
        }
        if (m_reported) {
            const bool press = key == sf::Keyboard::Enter || key == sf::Keyboard::Space;
            if ((press && m_focus == kTherapist) || (key == sf::Keyboard::R && m_saveReport)) {
                saveTherapistReport();
            } else if (press || key == sf::Keyboard::Escape) {
                m_done();
            } else {
                (void)m_adviceArea.handleEvent(event);
            }
            return;
        }
        const int signs = static_cast<int>(kSigns.size());
        const bool onSign = m_focus && *m_focus >= 0 && *m_focus < signs;
        if (key >= sf::Keyboard::Num1 && key <= sf::Keyboard::Num5) {
            toggle(static_cast<std::size_t>(key - sf::Keyboard::Num1));
        } else if (key >= sf::Keyboard::Numpad1 && key <= sf::Keyboard::Numpad5) {
            toggle(static_cast<std::size_t>(key - sf::Keyboard::Numpad1));
        } else if (key == sf::Keyboard::Space || key == sf::Keyboard::Enter) {
            // Space ticks the focused sign; Enter reports what is ticked. On a button both
            // press it.
            if (onSign && key == sf::Keyboard::Space) {
                toggle(static_cast<std::size_t>(*m_focus));
            } else if (m_focus == kBack) {
                goBack();
            } else if (m_focus == kNone) {
                none();
            } else {
                report();
            }
        } else if (key == sf::Keyboard::Down) {
            focusOn(onSign ? (*m_focus + 1) % signs : 0);
        } else if (key == sf::Keyboard::Up) {
            focusOn(onSign ? (*m_focus + signs - 1) % signs : signs - 1);
        } else if (m_back && key == sf::Keyboard::N && !anyTicked()) {
            m_done();
        } else if (key == sf::Keyboard::Escape || key == sf::Keyboard::BackSpace) {
            goBack();
        } else {
            (void)m_list.handleEvent(event);
        }
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        (void)(m_reported ? m_adviceArea : m_list).handleEvent(event);
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
        } else if (m_therapistButton.rect.width > 0.f && m_therapistButton.contains(at)) {
            saveTherapistReport();
        }
        return;
    }
    if (kBackButton.contains(at)) {
        goBack();
        return;
    }
    if (m_noneButton.contains(at)) {
        none();
        return;
    }
    if (m_reportButton.contains(at)) {
        report();
        return;
    }
    if (m_list.area().contains(at)) {
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            if (row(i).contains(at)) {
                toggle(i);
                return;
            }
        }
    }
}

void SafetyScreen::draw(sf::RenderTarget& target) const {
    if (m_reported) {
        const sf::View saved = m_adviceArea.begin(target);
        for (const auto& line : m_advice) {
            drawText(target, line.text, *line.font, line.size, {line.x, line.y}, line.colour);
        }
        m_adviceArea.end(target, saved);
        drawButton(target, m_fonts, m_doneButton.rect, doneLabel(), true);
        if (m_focus == kDone) {
            drawFocusRing(target, m_doneButton.rect);
        }
        if (m_therapistButton.rect.width > 0.f) {
            drawButton(target, m_fonts, m_therapistButton.rect, therapistLabel(), false);
            if (m_focus == kTherapist) {
                drawFocusRing(target, m_therapistButton.rect);
            }
        }
        return;
    }

    m_header.draw(target, m_fonts, m_focus == kBack);
    float y = m_header.bottom - 6.f;
    for (const auto& line : m_introLines) {
        drawText(target, line, m_fonts.regular, typeSize::small, {kPad, y}, colour::mutedText);
        y += 26.f;
    }
    const float lineHeight = static_cast<float>(typeSize::body) * 1.4f;
    const sf::View saved = m_list.begin(target);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto& rect = m_rows[i].rect;
        drawRoundedRect(target, rect, 10.f, m_ticked[i] ? colour::warningGround : colour::panel,
                        colour::controlBorder, 1.f);
        // The box: a tick inside when chosen (not colour alone).
        const sf::FloatRect box{rect.left + 18.f, rect.top + (rect.height - 30.f) / 2, 30.f, 30.f};
        drawRoundedRect(target, box, 6.f, colour::panel, colour::text, 2.f);
        if (m_ticked[i]) {
            drawText(target, utf8("✓"), m_fonts.bold, typeSize::heading,
                     {box.left + 4.f, box.top - 4.f}, colour::text);
        }
        const auto& lines = m_rowLines[i];
        float lineY = rect.top + (rect.height - lineHeight * static_cast<float>(lines.size())) / 2 -
                      static_cast<float>(typeSize::body) * 0.1f;
        for (const auto& line : lines) {
            drawText(target, line, m_fonts.regular, typeSize::body, {rect.left + 66.f, lineY},
                     colour::text);
            lineY += lineHeight;
        }
        if (m_focus == static_cast<int>(i)) {
            drawFocusRing(target,
                          {rect.left + 2.f, rect.top + 2.f, rect.width - 4.f, rect.height - 4.f});
        }
    }
    m_list.end(target, saved);
    // A label that does not fit its button in body type gets the smaller type.
    auto button = [&](sf::FloatRect rect, const std::string& label, bool primary) {
        const unsigned type = textWidth(utf8(label), primary ? m_fonts.bold : m_fonts.regular,
                                        typeSize::body) > rect.width - 16.f
                                  ? typeSize::small
                                  : typeSize::body;
        drawButton(target, m_fonts, rect, label, primary, false, type);
    };
    button(m_reportButton.rect, reportLabel(), anyTicked());
    // The first run: with nothing ticked, going on is the expected answer.
    button(m_noneButton.rect, noneLabel(), m_back && !anyTicked());
    if (m_focus == kReport) {
        drawFocusRing(target, m_reportButton.rect);
    } else if (m_focus == kNone) {
        drawFocusRing(target, m_noneButton.rect);
    }
}

} // namespace motus::app
