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
    m_poses.push_back(core::placeBody(ex.poses.front(), ex.view, 1.75));
    m_poseLabels.push_back(utf8(tr("Start")));
    for (const auto& phase : ex.phases) {
        if (phase.pose != 0) {
            m_poses.push_back(core::placeBody(ex.poses[phase.pose], ex.view, 1.75));
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
    // kneel: they are wider than high).
    const float top = m_figureRect.top + 52.f;
    const float width = m_figureRect.width - 32.f;
    const float height = m_figureRect.top + m_figureRect.height - 16.f - top;
    const auto n = static_cast<float>(m_poses.size());
    const auto at = static_cast<float>(i);
    if (m_figureRect.height > m_figureRect.width * 0.8f) {
        return {m_figureRect.left + 16.f, top + at * height / n, width, height / n - 28.f};
    }
    return {m_figureRect.left + 16.f + at * width / n, top, width / n, height - 28.f};
}

void ExerciseScreen::resize(sf::Vector2f size) {
    m_size = size;
    const float top = 112.f;
    const float left = std::clamp(size.x * 0.42f, 320.f, 760.f);
    const float buttonTop = size.y - kPad - kButtonHeight;
    m_figureRect = {kPad, top, left, std::max(120.f, buttonTop - 20.f - top)};
    m_doButton = Hit{{kPad, buttonTop, left, kButtonHeight}};
    m_textRect = {2 * kPad + left, top, std::max(200.f, size.x - left - 3 * kPad),
                  std::max(100.f, size.y - top - kPad)};
    m_fit = fitFigures(m_poses, poseFrame(0));
    layoutText();
}

void ExerciseScreen::layoutText() {
    m_lines.clear();
    const auto& text = m_item.exercise->text(m_lang);
    const float left = 24.f;
    const float width = m_textRect.width - 2 * left;
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
    m_height = y + 24.f;
    scrollBy(0.f);
}

void ExerciseScreen::scrollBy(float pixels) {
    m_scroll = std::clamp(m_scroll + pixels, 0.f, std::max(0.f, m_height - m_textRect.height));
}

void ExerciseScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        switch (event.key.code) {
        case sf::Keyboard::Escape:
        case sf::Keyboard::BackSpace:
            m_back();
            break;
        case sf::Keyboard::Enter:
            if (m_do) {
                m_do(m_item);
            }
            break;
        default:
            if (const auto step = scrollStep(event.key.code, m_textRect.height, m_height)) {
                scrollBy(*step);
            }
            break;
        }
    } else if (event.type == sf::Event::MouseWheelScrolled) {
        scrollBy(-event.mouseWheelScroll.delta * 60.f);
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
    const core::Exercise& ex = *m_item.exercise;
    drawBackButton(target, m_fonts);
    const float titleLeft = kPad + kBackButtonSpace;
    drawText(target,
             ellipsize(utf8(ex.text(m_lang).name), m_fonts.bold, typeSize::title,
                       m_size.x - titleLeft - kPad),
             m_fonts.bold, typeSize::title, {titleLeft, 22.f}, colour::text);
    // Smaller rather than cut off when a language needs the room.
    const float room = m_size.x - titleLeft - kPad;
    const sf::String dose = utf8(doseText());
    const unsigned doseSize =
        textWidth(dose, m_fonts.regular, typeSize::body) <= room ? typeSize::body : typeSize::small;
    drawText(target, ellipsize(dose, m_fonts.regular, doseSize, room), m_fonts.regular, doseSize,
             {titleLeft, doseSize == typeSize::body ? 68.f : 72.f}, colour::text);

    // What is done of it today, then the key poses, each with its name.
    drawRoundedRect(target, m_figureRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    drawText(
        target,
        ellipsize(utf8(progressText()), m_fonts.bold, typeSize::body, m_figureRect.width - 48.f),
        m_fonts.bold, typeSize::body, {m_figureRect.left + 24.f, m_figureRect.top + 16.f},
        m_item.done() ? colour::accent : colour::text);
    const sf::FloatRect first = poseFrame(0);
    for (std::size_t i = 0; i < m_poses.size(); ++i) {
        const sf::FloatRect frame = poseFrame(i);
        const sf::Vector2f shift{frame.left - first.left, frame.top - first.top};
        drawPose(target, m_poses[i], ex.view, frame, Props::of(ex), m_fit.scale,
                 m_fit.origin + shift);
        drawText(target, m_poseLabels[i], m_fonts.regular, typeSize::small,
                 {frame.left + 12.f, frame.top + frame.height + 2.f}, colour::mutedText);
    }
    if (m_do) {
        const std::string label = std::string(tr("Do just this one")) + "  ▶  (Enter)";
        drawButton(target, m_fonts, m_doButton.rect, label, true, false,
                   textWidth(utf8(label), m_fonts.bold, typeSize::body) + 40.f <=
                           m_doButton.rect.width
                       ? typeSize::body
                       : typeSize::small);
    }

    // How to do it, the cues and the cautions, scrolled in their panel.
    drawRoundedRect(target, m_textRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    const sf::View saved = target.getView();
    sf::View clip(m_textRect);
    const sf::Vector2f size = saved.getSize();
    clip.setViewport({m_textRect.left / size.x, m_textRect.top / size.y, m_textRect.width / size.x,
                      m_textRect.height / size.y});
    target.setView(clip);
    for (const auto& line : m_lines) {
        const float y = m_textRect.top + line.y - m_scroll;
        if (y + 40.f < m_textRect.top || y > m_textRect.top + m_textRect.height) {
            continue;
        }
        drawText(target, line.text, *line.font, line.size, {m_textRect.left + line.x, y},
                 line.colour);
    }
    target.setView(saved);
    if (m_height > m_textRect.height) {
        // It scrolls: a thumb on the right edge says where.
        const float track = m_textRect.height - 24.f;
        const float thumb = std::max(40.f, track * m_textRect.height / m_height);
        const float at = (track - thumb) * m_scroll / (m_height - m_textRect.height);
        drawRoundedRect(
            target,
            {m_textRect.left + m_textRect.width - 12.f, m_textRect.top + 12.f + at, 6.f, thumb},
            3.f, colour::mutedText);
    }
}

} // namespace motus::app
