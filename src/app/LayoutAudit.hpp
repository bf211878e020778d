#pragma once
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <string>
#include <vector>

namespace motus::app {

// The layout check (`motus --check-layout`, docs/architecture.md): while one is active, every
// text and every panel, card or button a screen draws is kept as a box in window pixels, and
// the boxes must nest. A box stays inside the window; two boxes are apart, or one holds the
// other; a text holds nothing and meets no other text. A dialog drawn over a screen opens a
// layer of its own (beginOverlay): its boxes are checked among themselves.
struct DrawnBox {
    sf::FloatRect rect; // window pixels, cut to the view's viewport
    bool text = false;
    std::string label; // the text, or what the box is
    int layer = 0;
};

class LayoutAudit {
public:
    void add(const sf::RenderTarget& target, sf::FloatRect rect, bool text, std::string label);
    void beginOverlay() { ++m_layer; }
    [[nodiscard]] const std::vector<DrawnBox>& boxes() const { return m_boxes; }
    void clear() {
        m_boxes.clear();
        m_layer = 0;
    }

private:
    std::vector<DrawnBox> m_boxes;
    int m_layer = 0;
};

// The audit drawing records into; none outside a layout check.
inline LayoutAudit* activeAudit = nullptr;

// Whatever is drawn next is a dialog over the screen (a layer of its own for the check).
inline void beginOverlay() {
    if (activeAudit != nullptr) {
        activeAudit->beginOverlay();
    }
}

// What is wrong with the boxes in a window `size` pixels large, one sentence each; `tolerance`
// pixels of overlap are allowed (anti-aliased edges, outlines).
[[nodiscard]] std::vector<std::string> layoutProblems(const std::vector<DrawnBox>& boxes,
                                                      sf::Vector2f size, float tolerance = 1.f);

} // namespace motus::app
