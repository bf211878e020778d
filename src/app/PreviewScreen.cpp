#include "PreviewScreen.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kButtonHeight = 60.f;
constexpr float kRowHeight = 96.f; // one exercise: figure, name, dose
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

std::string startLabel(bool keys) {
    return std::string(tr("Start this program")) + (keys ? "  (Enter)" : "");
}
std::string cancelLabel(bool keys) {
    return std::string(tr("Cancel")) + (keys ? "  (Esc)" : "");
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
    const std::string title =
        m_preview.program ? m_preview.program->titleIn(m_lang) : m_preview.file.filename().string();
    m_header.layout(title, m_fonts.bold, size.x);
    // The buttons at the bottom right, each as wide as its label (translations differ in
    // length); one above the other when the window is too narrow for both side by side.
    // The keys in the labels are left out first.
    const float width = size.x - 2 * kPad;
    float cancelWidth = 0.f;
    float startWidth = 0.f;
    for (const bool keys : {true, false}) {
        m_keys = keys;
        cancelWidth = std::min(
            width, textWidth(utf8(cancelLabel(keys)), m_fonts.regular, typeSize::body) + 48.f);
        startWidth =
            std::min(width, textWidth(utf8(startLabel(keys)), m_fonts.bold, typeSize::body) + 48.f);
        if (startWidth + 16.f + cancelWidth <= width) {
            break;
        }
    }
    const float buttonTop = size.y - kPad - kButtonHeight;
    m_cancelButton = {size.x - kPad - cancelWidth, buttonTop, cancelWidth, kButtonHeight};
    const bool stacked = canStart() && startWidth + 16.f + cancelWidth > width;
    m_startButton = stacked
                        ? sf::FloatRect{size.x - kPad - startWidth,
                                        buttonTop - 14.f - kButtonHeight, startWidth, kButtonHeight}
                        : sf::FloatRect{m_cancelButton.left - 16.f - startWidth, buttonTop,
                                        startWidth, kButtonHeight};
    const float buttonsTop = canStart() ? m_startButton.top : m_cancelButton.top;
    const float buttonsLeft =
        canStart() ? std::min(m_startButton.left, m_cancelButton.left) : m_cancelButton.left;
    // What starting it does: beside the buttons when there is room, else above them.
    const std::string& sentence = m_failure.empty() ? m_whatHappens : m_failure;
    const sf::Font& sentenceFont = m_failure.empty() ? m_fonts.regular : m_fonts.bold;
    const float beside = buttonsLeft - 2 * kPad;
    m_sentence = beside >= 280.f ? wrapText(sentence, sentenceFont, typeSize::small, beside)
                                 : std::vector<sf::String>{};
    const float buttonsHeight = size.y - kPad - buttonsTop;
    float bottomBar = buttonsHeight + 24.f;
    if (!m_sentence.empty() &&
        26.f * static_cast<float>(m_sentence.size()) <= buttonsHeight + 8.f) {
        m_sentenceTop =
            buttonsTop + (buttonsHeight - 26.f * static_cast<float>(m_sentence.size())) / 2.f - 2.f;
    } else {
        m_sentence = wrapText(sentence, sentenceFont, typeSize::small, width);
        const float height = 26.f * static_cast<float>(m_sentence.size());
        m_sentenceTop = buttonsTop - 12.f - height;
        bottomBar += height + 12.f;
    }
    m_area.setArea({kPad, m_header.bottom, width,
                    std::max(80.f, size.y - m_header.bottom - kPad - bottomBar)});

    m_lines.clear();
    m_figures.clear();
    const float inner = width - 48.f - ScrollArea::kBarWidth;
    float y = 16.f;
    auto paragraph = [&](const std::string& text, const sf::Font& font, unsigned type,
                         sf::Color colour, float x = 24.f) {
        const float lineHeight = static_cast<float>(type) * 1.4f;
        for (const auto& line : wrapText(text, font, type, inner - (x - 24.f))) {
            m_lines.push_back({line, &font, type, colour, x, y});
            y += lineHeight;
        }
    };
    // Who it is from and what it holds, then its warnings or errors.
    if (m_preview.program) {
        const auto& program = *m_preview.program;
        std::string who = message(tr("From: {}"), program.author);
        if (program.patient && !program.patient->empty()) {
            who += "  ·  " + message(tr("For: {}"), *program.patient);
        }
        paragraph(who, m_fonts.regular, typeSize::body, colour::text);
        std::string phases;
        for (const auto& phase : program.phases) {
            phases += (phases.empty() ? "" : ", ") + phase.nameIn(m_lang);
        }
        core::Dose frequency;
        frequency.perDay = program.phases.front().perDay;
        frequency.perWeek = program.phases.front().perWeek;
        paragraph(fmt::format(fmt::runtime(core::trn(
                                  "{} week · {} · phases: {}", "{} weeks · {} · phases: {}",
                                  static_cast<unsigned long>(program.totalWeeks()))),
                              program.totalWeeks(), core::describeFrequency(frequency), phases),
                  m_fonts.regular, typeSize::small, colour::mutedText);
    } else {
        paragraph(m_preview.file.string(), m_fonts.regular, typeSize::small, colour::mutedText);
    }
    y += 16.f;
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
        // A narrow panel gives the figure less room.
        const float figureWidth = std::clamp(inner * 0.25f, 90.f, kFigureWidth);
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
                const float textX = 24.f + figureWidth + 24.f;
                const float rowTop = y;
                // The name and the dose whole, on as many lines as they need.
                y += 14.f;
                const std::string name =
                    exercise != nullptr ? exercise->text(m_lang).name : item.exercise;
                paragraph(name, m_fonts.bold, typeSize::body, colour::text, textX);
                y += 4.f;
                paragraph(core::describeDose(item.dose), m_fonts.regular, typeSize::small,
                          colour::mutedText, textX);
                y = std::max(y + 14.f, rowTop + kRowHeight);
                if (exercise != nullptr && !exercise->poses.empty()) {
                    const sf::FloatRect frame{24.f, rowTop + 4.f, figureWidth, kRowHeight - 12.f};
                    Figure figure{{}, frame};
                    figure.stage.setExercise(exercise);
                    figure.stage.setFrame(frame);
                    m_figures.push_back(std::move(figure));
                }
            }
            y += 20.f;
        }
    }
    m_height = y;
    m_area.setContentHeight(y);
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
        resize(m_size);       // the reason where the sentence was
        return;
    }
    m_started();
}

std::vector<PreviewScreen::Control> PreviewScreen::focusOrder() const {
    std::vector<Control> order{Control::Back};
    if (canStart()) {
        order.push_back(Control::Start);
    }
    order.push_back(Control::Cancel);
    return order;
}

sf::FloatRect PreviewScreen::rectOf(Control control) const {
    switch (control) {
    case Control::Back:
        return kBackButton;
    case Control::Start:
        return m_startButton;
    case Control::Cancel:
        return m_cancelButton;
    }
    return {};
}

void PreviewScreen::activate(Control control) {
    if (control == Control::Start) {
        start();
    } else {
        m_cancel();
    }
}

void PreviewScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Escape || key == sf::Keyboard::BackSpace) {
            m_cancel();
        } else if (key == sf::Keyboard::Tab) {
            m_focus = stepFocus(focusOrder(), m_focus, event.key.shift ? -1 : 1);
        } else if (m_focus && (key == sf::Keyboard::Enter || key == sf::Keyboard::Space)) {
            activate(*m_focus);
        } else if (key == sf::Keyboard::Enter) {
            start();
        } else {
            (void)m_area.handleEvent(event);
        }
    } else if (event.type == sf::Event::MouseWheelScrolled) {
        (void)m_area.handleEvent(event);
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
    m_header.draw(target, m_fonts, m_focus == Control::Back);

    const sf::FloatRect area = m_area.area();
    drawRoundedRect(target, area, 14.f, colour::panel, colour::panelBorder, 1.f);
    const sf::View saved = m_area.begin(target);
    const float top = m_area.offset();
    for (const auto& figure : m_figures) {
        const sf::FloatRect& frame = figure.frame;
        if (frame.top + frame.height < top || frame.top > top + area.height) {
            continue;
        }
        drawRoundedRect(target, frame, 8.f, colour::background);
        figure.stage.drawFigureOnly(target);
    }
    for (const auto& line : m_lines) {
        if (line.y + 40.f < top || line.y > top + area.height) {
            continue;
        }
        drawText(target, line.text, *line.font, line.size, {line.x, line.y}, line.colour);
    }
    m_area.end(target, saved);

    // What starting it does, next to the buttons or above them.
    float y = m_sentenceTop;
    for (const auto& line : m_sentence) {
        drawText(target, line, m_failure.empty() ? m_fonts.regular : m_fonts.bold, typeSize::small,
                 {kPad, y}, colour::text);
        y += 26.f;
    }
    if (canStart()) {
        drawButton(target, m_fonts, m_startButton, startLabel(m_keys), true);
    }
    drawButton(target, m_fonts, m_cancelButton, cancelLabel(m_keys), false);
    if (m_focus && *m_focus != Control::Back) {
        drawFocusRing(target, rectOf(*m_focus));
    }
}

} // namespace motus::app
