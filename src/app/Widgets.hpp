#pragma once
#include "core/Exercise.hpp"

#include <SFML/Graphics.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace motus::app {

struct Fonts;

[[nodiscard]] sf::String utf8(const std::string& text);

// Breaks text into lines no wider than `width` pixels, at spaces; a word wider than that (a
// file's path) is broken where it reaches the edge, after a "/" when it can be.
[[nodiscard]] std::vector<sf::String> wrapText(const std::string& text, const sf::Font& font,
                                               unsigned size, float width);

// A screen's keys in words ("↑ ↓ choose   Enter open   Esc back"): its parts (between runs of
// three spaces) in rows no wider than `width`, each part kept whole where it fits; `at` from the
// top-left of the first row, rows `lineHeight` apart.
struct PlacedText {
    sf::String text;
    sf::Vector2f at;
};
[[nodiscard]] std::vector<PlacedText> flowParts(const std::string& text, const sf::Font& font,
                                                unsigned size, float width, float lineHeight);

// Draws one line of text with its top-left corner at `position`.
void drawText(sf::RenderTarget& target, const sf::String& text, const sf::Font& font, unsigned size,
              sf::Vector2f position, sf::Color colour);
[[nodiscard]] float textWidth(const sf::String& text, const sf::Font& font, unsigned size);
// Shortens text with an ellipsis to fit `width` pixels.
[[nodiscard]] sf::String ellipsize(const sf::String& text, const sf::Font& font, unsigned size,
                                   float width);

void drawRoundedRect(sf::RenderTarget& target, sf::FloatRect rect, float radius, sf::Color fill,
                     sf::Color outline = sf::Color::Transparent, float outlineThickness = 0.f);

// The keyboard's focus on a control: a thick outline in the accent, 4 pixels outside `rect`
// (so it never hides the control's own border). One look on every screen.
void drawFocusRing(sf::RenderTarget& target, sf::FloatRect rect);

// A clickable chip or button: its rectangle and whether the pointer is on it.
struct Hit {
    sf::FloatRect rect;
    [[nodiscard]] bool contains(sf::Vector2f point) const { return rect.contains(point); }
};

// How far a key scrolls a scrolling panel `page` pixels high over `content` pixels: ↑ ↓ a line,
// PgUp PgDn and Space most of a page, Home End to either end; nothing for other keys.
[[nodiscard]] std::optional<float> scrollStep(sf::Keyboard::Key key, float page, float content);

// A panel whose content scrolls up and down when it is taller than the panel: ↑ ↓ PgUp PgDn
// Space Home End (scrollStep) and the mouse wheel over it; a scroll bar at its right edge shows
// that there is more and where one is. Content is drawn in content coordinates between begin()
// and end() (y from 0 at the top of the content, clipped to the panel).
class ScrollArea {
public:
    static constexpr float kBarWidth = 10.f; // keep this much free at the right for the bar
    void setArea(sf::FloatRect area);
    void setContentHeight(float height);
    [[nodiscard]] sf::FloatRect area() const { return m_area; }
    [[nodiscard]] float offset() const { return m_offset; }
    [[nodiscard]] bool scrolls() const { return m_content > m_area.height + 0.5f; }
    void scrollBy(float pixels);
    // Scrolls as little as shows the content from `top` to `bottom` (e.g. the focused row).
    void show(float top, float bottom);
    // A key or the wheel over the panel: true when it was for the panel (even at an end).
    bool handleEvent(const sf::Event& event);
    // A point in the window, in content coordinates (for clicks).
    [[nodiscard]] sf::Vector2f toContent(sf::Vector2f point) const {
        return {point.x - m_area.left, point.y - m_area.top + m_offset};
    }
    // Between these two the content is drawn: x and y from the panel's top-left, scrolled.
    [[nodiscard]] sf::View begin(sf::RenderTarget& target) const;
    void end(sf::RenderTarget& target, const sf::View& saved) const;

private:
    sf::FloatRect m_area;
    float m_content = 0.f;
    float m_offset = 0.f;
};

// Text that was shortened to fit, shown whole near `anchor` (the pointer is on it, or the
// keyboard's focus), inside the window `size`, over everything.
void drawTooltip(sf::RenderTarget& target, const sf::Font& font, const std::string& text,
                 sf::FloatRect anchor, sf::Vector2f size);

// The top of a sub-screen: "← Back" at the top left (kBackButton) and the title beside it,
// wrapped onto more lines (in smaller type when it needs more than two) rather than cut off.
// Under the title, the screen's keys in words ("↑ ↓ choose   Esc back") may follow, in rows.
struct ScreenHeader {
    std::vector<sf::String> lines;
    std::vector<PlacedText> keys; // under the title, from its left edge
    unsigned type = 34;           // typeSize::title, or heading when long
    float bottom = 80.f;          // where the screen's content may begin
    // Lays the title out for a window `width` logical pixels wide.
    void layout(const std::string& title, const sf::Font& bold, float width);
    // The same, with the keys under the title in small muted type.
    void layout(const std::string& title, const Fonts& fonts, float width,
                const std::string& keyHints);
    // The Back button (with the focus ring when `backFocused`), the title and the keys.
    void draw(sf::RenderTarget& target, const Fonts& fonts, bool backFocused = false) const;

private:
    float m_keysTop = 0.f;
};

// A one-line text field: typed text (TextEntered), ← → Home End to move, Backspace and Delete
// to erase. The text is UTF-8 outside, whole characters inside.
class TextField {
public:
    explicit TextField(const std::string& text = {}, std::size_t maxChars = 200);
    [[nodiscard]] std::string text() const;
    void setText(const std::string& text); // the cursor goes to the end
    [[nodiscard]] std::size_t cursor() const { return m_cursor; }
    // True when the event changed the text; `moved` is set when only the cursor moved.
    bool handleEvent(const sf::Event& event, bool* moved = nullptr);
    // The field in `rect`: the text (its end visible), a caret when focused, else the
    // placeholder in muted type when empty.
    void draw(sf::RenderTarget& target, const sf::Font& font, unsigned size, sf::FloatRect rect,
              bool focused, const std::string& placeholder = {}) const;

private:
    sf::String m_text;
    std::size_t m_cursor = 0;
    std::size_t m_max;
};

// Tab (step +1) and Shift+Tab (-1) through `order`, wrapping at both ends; from no focus (or one
// no longer in the order) to the first or the last. Nothing when there is nothing to focus.
template <class T>
[[nodiscard]] std::optional<T> stepFocus(const std::vector<T>& order, const std::optional<T>& focus,
                                         int step) {
    if (order.empty()) {
        return std::nullopt;
    }
    const auto at = focus ? std::find(order.begin(), order.end(), *focus) : order.end();
    if (at == order.end()) {
        return step > 0 ? order.front() : order.back();
    }
    const auto n = static_cast<long>(order.size());
    const long i = at - order.begin();
    return order[static_cast<std::size_t>(((i + step) % n + n) % n)];
}

// Where a mouse button was pressed.
[[nodiscard]] sf::Vector2f clickPosition(const sf::Event& event);

} // namespace motus::app
