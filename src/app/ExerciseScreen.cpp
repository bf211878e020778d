#include "ExerciseScreen.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kButtonHeight = 64.f;

} // namespace

ExerciseScreen::ExerciseScreen(service::ItemView item, const Fonts& fonts, std::string lang,
                               std::function<void(const service::ItemView&)> doIt,
                               std::function<void()> back)
    : m_item(std::move(item)), m_fonts(fonts), m_lang(std::move(lang)), m_do(std::move(doIt)),
      m_back(std::move(back)) {
    const core::Exercise& ex = *m_item.exercise;
    // The starting pose and the working pose (the target of the first phase that moves).
    auto add = [&](std::size_t pose) {
        FigureStage stage;
        stage.setExercise(&ex);
        stage.setKeyPose(pose);
        m_poses.push_back(std::move(stage));
    };
    add(0);
    m_poseLabels.push_back(utf8(tr("Start")));
    for (const auto& phase : ex.phases) {
        if (phase.pose != 0) {
            add(phase.pose);
            m_poseLabels.push_back(utf8(tr("Working position")));
            break;
        }
    }
}

std::string ExerciseScreen::doseText() const {
    return std::string(tr("Today:")) + " " + core::describeDose(m_item.prescription.dose);
}

std::string ExerciseScreen::progressText() const {
    if (m_item.done()) {
        return tr("done for today");
    }
    return fmt::format(fmt::runtime(core::trn("{} of {} set done today", "{} of {} sets done today",
                                              static_cast<unsigned long>(m_item.dueSets))),
                       m_item.doneSets, m_item.dueSets);
}

sf::FloatRect ExerciseScreen::poseFrame(std::size_t i) const {
    // Side by side in a wide panel, one above the other in a tall one (most exercises lie or
    // kneel: they are wider than high) or where the names would not fit side by side.
    const float top = m_figureRect.top + m_progressHeight;
    const float width = m_figureRect.width - 32.f;
    const float height = m_figureRect.top + m_figureRect.height - 16.f - top;
    const auto n = static_cast<float>(m_poses.size());
    const auto at = static_cast<float>(i);
    // Side by side, the first name starts at the left and the last ends at the right.
    float labels = 12.f * (n + 1);
    for (const auto& name : m_poseLabels) {
        labels += textWidth(name, m_fonts.regular, typeSize::small);
    }
    if (m_figureRect.height > m_figureRect.width * 0.8f || labels > width) {
        return {m_figureRect.left + 16.f, top + at * height / n, width, height / n - 28.f};
    }
    return {m_figureRect.left + 16.f + at * width / n, top, width / n, height - 28.f};
}

void ExerciseScreen::resize(sf::Vector2f size) {
    m_size = size;
    m_header.layout(m_item.exercise->text(m_lang).name, m_fonts.bold, size.x);
    // Today's dose under the title, over the whole width.
    m_doseLines = wrapText(doseText(), m_fonts.regular, typeSize::body, size.x - 2 * kPad);
    const float top = m_header.bottom + 30.f * static_cast<float>(m_doseLines.size()) + 8.f;
    const float left = std::clamp(size.x * 0.42f, 250.f, 760.f);
    // The button's label on as many lines as it needs.
    m_doLines = wrapText(doLabel(), m_fonts.bold, typeSize::body, left - 32.f);
    const float buttonHeight =
        std::max(kButtonHeight, 30.f * static_cast<float>(m_doLines.size()) + 24.f);
    const float buttonTop = size.y - kPad - buttonHeight;
    m_progressLines = wrapText(progressText(), m_fonts.bold, typeSize::body, left - 48.f);
    m_progressHeight = 22.f + 30.f * static_cast<float>(m_progressLines.size());
    m_figureRect = {kPad, top, left, std::max(120.f, buttonTop - 20.f - top)};
    m_doButton = Hit{{kPad, buttonTop, left, buttonHeight}};
    m_text.setArea({2 * kPad + left, top, std::max(200.f, size.x - left - 3 * kPad),
                    std::max(100.f, size.y - top - kPad)});
    for (std::size_t i = 0; i < m_poses.size(); ++i) {
        m_poses[i].setFrame(poseFrame(i));
    }
    layoutText();
}

std::string ExerciseScreen::doLabel() const {
    return std::string(tr("Do just this one")) + "  ▶  (Enter)";
}

void ExerciseScreen::layoutText() {
    m_lines.clear();
    const auto& text = m_item.exercise->text(m_lang);
    const float left = 24.f;
    const float width = m_text.area().width - 2 * left - ScrollArea::kBarWidth;
    float y = 18.f;
    auto paragraph = [&](const std::string& content, const sf::Font& font, unsigned size,
                         sf::Color colour, float indent = 0.f) {
        for (auto& line : wrapText(content, font, size, width - indent)) {
            m_lines.push_back({line, &font, size, colour, left + indent, y});
            y += static_cast<float>(size) * 1.45f;
        }
    };
    auto list = [&](const char* title, const std::vector<std::string>& items, bool numbered) {
        if (items.empty()) {
            return;
        }
        y += 14.f;
        paragraph(title, m_fonts.bold, typeSize::heading, colour::text);
        y += 4.f;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string marker = numbered ? std::to_string(i + 1) + "." : "•";
            m_lines.push_back(
                {utf8(marker), &m_fonts.bold, typeSize::body, colour::accent, left, y});
            paragraph(items[i], m_fonts.regular, typeSize::body, colour::text, 36.f);
            y += 4.f;
        }
    };
    paragraph(text.summary, m_fonts.regular, typeSize::body, colour::mutedText);
    list(tr("How to do it"), text.steps, true);
    list(tr("Cues"), text.cues, false);
    list(tr("Cautions"), text.cautions, false);
    list(tr("Do not do this exercise if"), text.contraindications, false);
    m_text.setContentHeight(y + 24.f);
}

std::vector<ExerciseScreen::Control> ExerciseScreen::focusOrder() const {
    std::vector<Control> order{Control::Back};
    if (m_do) {
        order.push_back(Control::Do);
    }
    return order;
}

void ExerciseScreen::activate(Control control) {
    if (control == Control::Back) {
        m_back();
    } else if (m_do) {
        m_do(m_item);
    }
}

void ExerciseScreen::handleEvent(const sf::Event& event) {
    // Turning the figure (drag over either pose, Ctrl + arrows): both poses turn together.
    for (std::size_t i = 0; i < m_poses.size(); ++i) {
        if (m_poses[i].handleEvent(event)) {
            for (auto& other : m_poses) {
                if (&other != &m_poses[i]) {
                    other.followView(m_poses[i]);
                }
            }
            return;
        }
    }
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Escape || key == sf::Keyboard::BackSpace) {
            m_back();
        } else if (key == sf::Keyboard::Tab) {
            m_focus = stepFocus(focusOrder(), m_focus, event.key.shift ? -1 : 1);
        } else if (m_focus && (key == sf::Keyboard::Enter || key == sf::Keyboard::Space)) {
            activate(*m_focus);
        } else if (key == sf::Keyboard::Enter) {
            activate(Control::Do);
        } else {
            (void)m_text.handleEvent(event);
        }
    } else if (event.type == sf::Event::MouseWheelScrolled) {
        (void)m_text.handleEvent(event);
    } else if (event.type == sf::Event::MouseButtonPressed &&
               event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        if (kBackButton.contains(at)) {
            m_back();
        } else if (m_do && m_doButton.contains(at)) {
            m_do(m_item);
        }
    }
}

void ExerciseScreen::draw(sf::RenderTarget& target) const {
    m_header.draw(target, m_fonts, m_focus == Control::Back);
    float y = m_header.bottom - 6.f;
    for (const auto& line : m_doseLines) {
        drawText(target, line, m_fonts.regular, typeSize::body, {kPad, y}, colour::text);
        y += 30.f;
    }

    // What is done of it today, then the key poses, each with its name.
    drawRoundedRect(target, m_figureRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    y = m_figureRect.top + 14.f;
    for (const auto& line : m_progressLines) {
        drawText(target, line, m_fonts.bold, typeSize::body, {m_figureRect.left + 24.f, y},
                 m_item.done() ? colour::accent : colour::text);
        y += 30.f;
    }
    const sf::FloatRect first = poseFrame(0);
    for (std::size_t i = 0; i < m_poses.size(); ++i) {
        const sf::FloatRect frame = poseFrame(i);
        FigureStage::Style style;
        style.ghost = false;
        style.fault = false;
        style.controls = i == 0; // the view's buttons once
        m_poses[i].draw(target, m_fonts, style);
        const bool last = i > 0 && i + 1 == m_poses.size() && frame.top == first.top;
        const float x = last ? frame.left + frame.width - 12.f -
                                   textWidth(m_poseLabels[i], m_fonts.regular, typeSize::small)
                             : frame.left + 12.f;
        drawText(target, m_poseLabels[i], m_fonts.regular, typeSize::small,
                 {x, frame.top + frame.height + 2.f}, colour::mutedText);
    }
    if (m_do) {
        const sf::FloatRect rect = m_doButton.rect;
        drawRoundedRect(target, rect, 10.f, colour::accent);
        float lineY = rect.top + (rect.height - 30.f * static_cast<float>(m_doLines.size())) / 2.f;
        for (const auto& line : m_doLines) {
            const float width = textWidth(line, m_fonts.bold, typeSize::body);
            drawText(target, line, m_fonts.bold, typeSize::body,
                     {rect.left + (rect.width - width) / 2.f, lineY}, colour::accentText);
            lineY += 30.f;
        }
        if (m_focus == Control::Do) {
            drawFocusRing(target, rect);
        }
    }

    // How to do it, the cues and the cautions, scrolled in their panel.
    const sf::FloatRect area = m_text.area();
    drawRoundedRect(target, area, 14.f, colour::panel, colour::panelBorder, 1.f);
    const sf::View saved = m_text.begin(target);
    const float top = m_text.offset();
    for (const auto& line : m_lines) {
        if (line.y + 40.f < top || line.y > top + area.height) {
            continue;
        }
        drawText(target, line.text, *line.font, line.size, {line.x, line.y}, line.colour);
    }
    m_text.end(target, saved);
}

} // namespace motus::app
