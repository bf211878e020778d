#include "PreviewScreen.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kTop = 150.f;       // where the scrolling panel begins
constexpr float kBottomBar = 110.f; // the sentence and the buttons
constexpr float kRowHeight = 96.f;  // one exercise: figure, name, dose
constexpr float kFigureWidth = 130.f;

std::string message(const char* text, const std::string& value) {
    return fmt::format(fmt::runtime(text), value);
}

std::string diagnosticText(const core::Diagnostic& d) {
    if (d.line > 0) {
        return fmt::format(
            fmt::runtime(d.isError() ? tr("Error (line {}): {}") : tr("Warning (line {}): {}")),
            d.line, d.message);
    }
    return message(d.isError() ? tr("Error: {}") : tr("Warning: {}"), d.message);
}

std::string startLabel() {
    return std::string(tr("Start this program")) + "  (Enter)";
}
std::string cancelLabel() {
    return std::string(tr("Cancel")) + "  (Esc)";
}

} // namespace

PreviewScreen::PreviewScreen(service::Practice& practice, const std::filesystem::path& file,
                             const Fonts& fonts, std::string lang, std::function<void()> started,
                             std::function<void()> cancel)
    : m_practice(practice), m_preview(practice.preview(file)), m_fonts(fonts),
      m_lang(std::move(lang)), m_started(std::move(started)), m_cancel(std::move(cancel)) {
    if (!m_preview.program) {
        m_whatHappens =
            message(tr("Nothing changes. Your therapist can check the file with 'motus validate "
                       "{}'."),
                    file.string());
    } else if (m_preview.replaces) {
        m_whatHappens = message(tr("Starting it replaces '{}'; that program and its record stay "
                                   "in your history."),
                                *m_preview.replaces);
    } else {
        m_whatHappens = tr("It starts today.");
    }
}

void PreviewScreen::resize(sf::Vector2f size) {
    m_size = size;
    m_area = {kPad, kTop, size.x - 2 * kPad, size.y - kTop - kBottomBar};
    const float buttonTop = size.y - kPad - 60.f;
    // Each button as wide as its label (translations differ in length).
    const float cancelWidth =
        textWidth(utf8(cancelLabel()), m_fonts.regular, typeSize::body) + 48.f;
    const float startWidth = textWidth(utf8(startLabel()), m_fonts.bold, typeSize::body) + 48.f;
    m_cancelButton = {size.x - kPad - cancelWidth, buttonTop, cancelWidth, 60.f};
    m_startButton = {m_cancelButton.left - 16.f - startWidth, buttonTop, startWidth, 60.f};
    m_lines.clear();
    m_figures.clear();
    const float width = m_area.width - 48.f;
    float y = 20.f;
    auto paragraph = [&](const std::string& text, const sf::Font& font, unsigned type,
                         sf::Color colour, float x = 24.f) {
        const float lineHeight = static_cast<float>(type) * 1.4f;
        for (const auto& line : wrapText(text, font, type, width - (x - 24.f))) {
            m_lines.push_back({line, &font, type, colour, x, y});
            y += lineHeight;
        }
    };
    const auto& diagnostics = m_preview.diagnostics;
    if (!m_preview.program) {
        paragraph(tr("This file has errors, so it cannot be started:"), m_fonts.bold,
                  typeSize::body, colour::text);
        y += 6.f;
    } else if (!diagnostics.empty()) {
        paragraph(tr("Please note:"), m_fonts.bold, typeSize::body, colour::text);
        y += 6.f;
    }
    for (const auto& d : diagnostics) {
        paragraph(diagnosticText(d), m_fonts.regular, typeSize::small, colour::text);
        y += 4.f;
    }
    if (!diagnostics.empty()) {
        y += 20.f;
    }
    if (m_preview.program) {
        const auto& program = *m_preview.program;
        const auto& library = m_practice.library();
        for (std::size_t p = 0; p < program.phases.size(); ++p) {
            const auto& phase = program.phases[p];
            core::Dose frequency;
            frequency.perDay = phase.perDay;
            frequency.perWeek = phase.perWeek;
            paragraph(fmt::format(fmt::runtime(tr("Phase {}: {}")), p + 1, phase.nameIn(m_lang)),
                      m_fonts.bold, typeSize::heading, colour::text);
            paragraph(fmt::format(fmt::runtime(core::trn("{} week · {}", "{} weeks · {}",
                                                         static_cast<unsigned long>(phase.weeks))),
                                  phase.weeks, core::describeFrequency(frequency)),
                      m_fonts.regular, typeSize::small, colour::mutedText);
            y += 10.f;
            for (const auto& item : phase.items) {
                const auto* exercise = library.find(item.exercise);
                const float textX = 24.f + kFigureWidth + 24.f;
                if (exercise != nullptr && !exercise->poses.empty()) {
                    const sf::FloatRect frame{24.f, y + 4.f, kFigureWidth, kRowHeight - 12.f};
                    auto body = core::placeBody(exercise->poses.front(), exercise->view, 1.75);
                    const auto fit = fitFigures({body}, {0.f, 0.f, frame.width, frame.height});
                    m_figures.push_back({exercise, std::move(body), frame, fit});
                }
                const std::string name =
                    exercise != nullptr ? exercise->text(m_lang).name : item.exercise;
                m_lines.push_back(
                    {ellipsize(utf8(name), m_fonts.bold, typeSize::body, width - textX),
                     &m_fonts.bold, typeSize::body, colour::text, textX, y + 14.f});
                m_lines.push_back({ellipsize(utf8(core::describeDose(item.dose)), m_fonts.regular,
                                             typeSize::small, width - textX),
                                   &m_fonts.regular, typeSize::small, colour::mutedText, textX,
                                   y + 50.f});
                y += kRowHeight;
            }
            y += 20.f;
        }
    }
    m_height = y;
    scrollBy(0.f);
}

void PreviewScreen::scrollBy(float pixels) {
    m_scroll = std::clamp(m_scroll + pixels, 0.f, std::max(0.f, m_height - m_area.height));
}

void PreviewScreen::start() {
    if (!canStart()) {
        return;
    }
    try {
        // The preview has said what is replaced: starting it is the confirmation.
        (void)m_practice.assign(m_preview.file, std::nullopt, true);
    } catch (const std::exception& e) {
        m_failure = e.what(); // nothing changed; the preview stays
        return;
    }
    m_started();
}

void PreviewScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        switch (event.key.code) {
        case sf::Keyboard::Escape:
        case sf::Keyboard::BackSpace:
            m_cancel();
            break;
        case sf::Keyboard::Enter:
            start();
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
               event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        if (kBackButton.contains(at) || m_cancelButton.contains(at)) {
            m_cancel();
        } else if (canStart() && m_startButton.contains(at)) {
            start();
        }
    }
}

void PreviewScreen::draw(sf::RenderTarget& target) const {
    drawBackButton(target, m_fonts);
    const float titleX = kPad + kBackButtonSpace;
    const float titleWidth = m_size.x - titleX - kPad;
    const std::string title =
        m_preview.program ? m_preview.program->titleIn(m_lang) : m_preview.file.filename().string();
    drawText(target, ellipsize(utf8(title), m_fonts.bold, typeSize::title, titleWidth),
             m_fonts.bold, typeSize::title, {titleX, 24.f}, colour::text);
    if (m_preview.program) {
        const auto& program = *m_preview.program;
        std::string who = message(tr("From: {}"), program.author);
        if (program.patient && !program.patient->empty()) {
            who += "  ·  " + message(tr("For: {}"), *program.patient);
        }
        drawText(target, ellipsize(utf8(who), m_fonts.regular, typeSize::body, titleWidth),
                 m_fonts.regular, typeSize::body, {titleX, 72.f}, colour::text);
        std::string phases;
        for (const auto& phase : program.phases) {
            phases += (phases.empty() ? "" : ", ") + phase.nameIn(m_lang);
        }
        core::Dose frequency;
        frequency.perDay = program.phases.front().perDay;
        frequency.perWeek = program.phases.front().perWeek;
        const std::string summary = fmt::format(
            fmt::runtime(core::trn("{} week · {} · phases: {}", "{} weeks · {} · phases: {}",
                                   static_cast<unsigned long>(program.totalWeeks()))),
            program.totalWeeks(), core::describeFrequency(frequency), phases);
        drawText(target, ellipsize(utf8(summary), m_fonts.regular, typeSize::small, titleWidth),
                 m_fonts.regular, typeSize::small, {titleX, 106.f}, colour::mutedText);
    } else {
        drawText(
            target,
            ellipsize(utf8(m_preview.file.string()), m_fonts.regular, typeSize::small, titleWidth),
            m_fonts.regular, typeSize::small, {titleX, 76.f}, colour::mutedText);
    }

    drawRoundedRect(target, m_area, 14.f, colour::panel, colour::panelBorder, 1.f);
    const sf::View saved = target.getView();
    sf::View clip(m_area);
    const sf::Vector2f size = saved.getSize();
    clip.setViewport(
        {m_area.left / size.x, m_area.top / size.y, m_area.width / size.x, m_area.height / size.y});
    target.setView(clip);
    const float top = m_area.top - m_scroll;
    for (const auto& figure : m_figures) {
        const sf::FloatRect frame{m_area.left + figure.frame.left, top + figure.frame.top,
                                  figure.frame.width, figure.frame.height};
        if (frame.top + frame.height < m_area.top || frame.top > m_area.top + m_area.height) {
            continue;
        }
        drawRoundedRect(target, frame, 8.f, colour::background);
        drawPose(target, figure.body, figure.exercise->view, frame, Props::of(*figure.exercise),
                 figure.fit.scale,
                 {figure.fit.origin.x + frame.left, figure.fit.origin.y + frame.top});
    }
    for (const auto& line : m_lines) {
        const float y = top + line.y;
        if (y + 40.f < m_area.top || y > m_area.top + m_area.height) {
            continue;
        }
        drawText(target, line.text, *line.font, line.size, {m_area.left + line.x, y}, line.colour);
    }
    target.setView(saved);
    if (m_height > m_area.height) {
        // Where the view is in the whole: a thin bar at the right edge of the panel.
        const float visible = m_area.height / m_height;
        const float barHeight = std::max(40.f, m_area.height * visible);
        const float barTop = m_area.top + (m_area.height - barHeight) * m_scroll /
                                              std::max(1.f, m_height - m_area.height);
        drawRoundedRect(target, {m_area.left + m_area.width - 12.f, barTop, 6.f, barHeight}, 3.f,
                        colour::controlBorder);
    }

    // What starting it does, next to the buttons.
    const std::string& sentence = m_failure.empty() ? m_whatHappens : m_failure;
    const float sentenceWidth = (canStart() ? m_startButton.left : m_cancelButton.left) - 2 * kPad;
    const auto lines = wrapText(sentence, m_fonts.regular, typeSize::small, sentenceWidth);
    float y = m_startButton.top + 30.f - 13.f * static_cast<float>(lines.size());
    for (const auto& line : lines) {
        drawText(target, line, m_failure.empty() ? m_fonts.regular : m_fonts.bold, typeSize::small,
                 {kPad, y}, colour::text);
        y += 26.f;
    }
    if (canStart()) {
        drawButton(target, m_fonts, m_startButton, startLabel(), true);
    }
    drawButton(target, m_fonts, m_cancelButton, cancelLabel(), false);
}

} // namespace motus::app
