#pragma once
#include "MannequinDraw.hpp"
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "service/Practice.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// A program file opened with `motus FILE`: who it is from, its phases and exercises (figure and
// dose), its warnings or errors and what starting it does to the program assigned now. Start
// this program (Enter) assigns it from today; Cancel (Esc, Back) changes nothing.
class PreviewScreen final : public Screen {
public:
    PreviewScreen(service::Practice& practice, const std::filesystem::path& file,
                  const Fonts& fonts, std::string lang, std::function<void()> started,
                  std::function<void()> cancel);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] const service::ProgramPreview& preview() const { return m_preview; }
    // Only a file without errors can be started.
    [[nodiscard]] bool canStart() const { return m_preview.program.has_value(); }
    // What starting it does: "It starts today." or which program it replaces.
    [[nodiscard]] const std::string& whatHappens() const { return m_whatHappens; }
    // Why Start did not assign it (a journal that cannot be written), empty otherwise.
    [[nodiscard]] const std::string& failure() const { return m_failure; }
    [[nodiscard]] sf::FloatRect startButton() const { return m_startButton; }
    [[nodiscard]] sf::FloatRect cancelButton() const { return m_cancelButton; }
    [[nodiscard]] float scroll() const { return m_area.offset(); }
    // The keyboard's focus: Tab and Shift+Tab go through Back, Start and Cancel; Enter and
    // Space press the focused one (Enter starts when none has the focus).
    enum class Control { Back, Start, Cancel };
    [[nodiscard]] std::optional<Control> focus() const { return m_focus; }
    [[nodiscard]] float contentHeight() const { return m_height; }

private:
    struct Line {
        sf::String text;
        const sf::Font* font;
        unsigned size;
        sf::Color colour;
        float x;
        float y;
    };
    struct Figure {
        FigureStage stage;   // the exercise's start pose
        sf::FloatRect frame; // in content coordinates
    };
    void start();
    [[nodiscard]] std::vector<Control> focusOrder() const;
    [[nodiscard]] sf::FloatRect rectOf(Control control) const;
    void activate(Control control);

    service::Practice& m_practice;
    service::ProgramPreview m_preview;
    const Fonts& m_fonts;
    std::string m_lang;
    std::function<void()> m_started;
    std::function<void()> m_cancel;
    std::string m_whatHappens;
    std::string m_failure;
    std::vector<Line> m_lines;
    std::vector<Figure> m_figures;
    sf::Vector2f m_size{1280.f, 800.f};
    ScreenHeader m_header;
    ScrollArea m_area;
    std::vector<sf::String> m_sentence; // what starting it does
    float m_sentenceTop = 0.f;
    bool m_keys = true; // the buttons' labels name their keys
    sf::FloatRect m_startButton;
    sf::FloatRect m_cancelButton;
    float m_height = 0.f;
    std::optional<Control> m_focus;
};

} // namespace motus::app
