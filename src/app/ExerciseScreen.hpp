#pragma once
#include "MannequinDraw.hpp"
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "service/Practice.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// One exercise of today's routine, opened from Today: its key poses, today's dose and what is
// done of it, how to do it, the cues, the cautions; "Do just this one" plays it alone with
// today's dose (stored like the routine). Back (or Esc) returns to Today.
class ExerciseScreen final : public Screen {
public:
    // `doIt` is empty when the exercise cannot be played now (a stopped or not started program).
    ExerciseScreen(service::ItemView item, const Fonts& fonts, std::string lang,
                   std::function<void(const service::ItemView&)> doIt, std::function<void()> back);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] sf::FloatRect doButton() const { return m_doButton.rect; }
    [[nodiscard]] float scroll() const { return m_text.offset(); }
    // The keyboard's focus: Tab and Shift+Tab go through Back and Do just this one; Enter and
    // Space press the focused one.
    enum class Control { Back, Do };
    [[nodiscard]] std::optional<Control> focus() const { return m_focus; }
    // "Today: 3 sets × 10 reps …", and what is done of it ("1 of 3 sets done today").
    [[nodiscard]] std::string doseText() const;
    [[nodiscard]] std::string progressText() const;

private:
    struct Line {
        sf::String text;
        const sf::Font* font;
        unsigned size;
        sf::Color colour;
        float x;
        float y;
    };
    void layoutText();
    [[nodiscard]] std::string doLabel() const;
    [[nodiscard]] std::vector<Control> focusOrder() const;
    void activate(Control control);
    // Where key pose `i` is drawn in the figure panel.
    [[nodiscard]] sf::FloatRect poseFrame(std::size_t i) const;

    service::ItemView m_item;
    const Fonts& m_fonts;
    std::string m_lang;
    std::function<void(const service::ItemView&)> m_do;
    std::function<void()> m_back;

    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_figureRect;
    ScreenHeader m_header;
    std::vector<sf::String> m_doseLines;
    std::vector<sf::String> m_progressLines;
    float m_progressHeight = 52.f;
    std::vector<sf::String> m_doLines;
    ScrollArea m_text;
    Hit m_doButton;
    std::vector<FigureStage> m_poses; // the start and the working position, turned together
    std::vector<sf::String> m_poseLabels;
    std::vector<Line> m_lines;
    std::optional<Control> m_focus;
};

} // namespace motus::app
