#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/Journal.hpp"
#include "core/Library.hpp"
#include "core/Program.hpp"

#include <functional>
#include <string>
#include <vector>

namespace motus::app {

// Every dose change, newest first, with the rule, the old and new dose and the reason a
// patient can read.
class HistoryScreen final : public Screen {
public:
    // `program` (may be null) names the phases in the UI language.
    HistoryScreen(std::vector<core::DoseChange> changes, const core::Library& library,
                  const core::Program* program, const Fonts& fonts, std::string lang,
                  std::function<void()> back);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] float scroll() const { return m_list.offset(); }
    [[nodiscard]] float contentHeight() const { return m_contentHeight; }
    [[nodiscard]] bool backFocused() const { return m_backFocused; }

private:
    struct Line {
        sf::String text;
        const sf::Font* font;
        unsigned size;
        sf::Color colour;
        float y;
    };

    std::vector<core::DoseChange> m_changes;
    const core::Library& m_library;
    const core::Program* m_program;
    const Fonts& m_fonts;
    std::string m_lang;
    std::function<void()> m_back;
    std::vector<Line> m_lines;
    sf::Vector2f m_size{1280.f, 800.f};
    ScreenHeader m_header;
    std::vector<sf::String> m_hint;
    ScrollArea m_list;
    float m_contentHeight = 0.f;
    bool m_backFocused = false;
};

} // namespace motus::app
