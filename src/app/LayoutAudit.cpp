#include "LayoutAudit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace motus::app {

void LayoutAudit::add(const sf::RenderTarget& target, sf::FloatRect rect, bool text,
                      std::string label) {
    if (rect.width <= 0.f || rect.height <= 0.f) {
        return;
    }
    const sf::Vector2i a = target.mapCoordsToPixel({rect.left, rect.top});
    const sf::Vector2i b =
        target.mapCoordsToPixel({rect.left + rect.width, rect.top + rect.height});
    sf::FloatRect pixels(
        static_cast<float>(std::min(a.x, b.x)), static_cast<float>(std::min(a.y, b.y)),
        static_cast<float>(std::abs(b.x - a.x)), static_cast<float>(std::abs(b.y - a.y)));
    // What a scrolling panel's viewport cuts off is not drawn: only the part inside counts.
    const sf::IntRect port = target.getViewport(target.getView());
    const sf::FloatRect viewport(static_cast<float>(port.left), static_cast<float>(port.top),
                                 static_cast<float>(port.width), static_cast<float>(port.height));
    const auto size = target.getSize();
    const bool wholeWindow = port.left == 0 && port.top == 0 &&
                             port.width == static_cast<int>(size.x) &&
                             port.height == static_cast<int>(size.y);
    if (!wholeWindow) {
        sf::FloatRect inside;
        if (!pixels.intersects(viewport, inside)) {
            return;
        }
        pixels = inside;
    }
    m_boxes.push_back({pixels, text, std::move(label), m_layer});
}

namespace {

std::string describe(const DrawnBox& box) {
    const std::string what = box.text ? "text \"" + box.label + "\"" : box.label;
    return fmt::format("{} at {:.0f},{:.0f} {:.0f}x{:.0f}", what, box.rect.left, box.rect.top,
                       box.rect.width, box.rect.height);
}

bool holds(const sf::FloatRect& outer, const sf::FloatRect& inner, float tolerance) {
    return inner.left >= outer.left - tolerance && inner.top >= outer.top - tolerance &&
           inner.left + inner.width <= outer.left + outer.width + tolerance &&
           inner.top + inner.height <= outer.top + outer.height + tolerance;
}

bool overlap(const sf::FloatRect& a, const sf::FloatRect& b, float tolerance) {
    const float w = std::min(a.left + a.width, b.left + b.width) - std::max(a.left, b.left);
    const float h = std::min(a.top + a.height, b.top + b.height) - std::max(a.top, b.top);
    return w > tolerance && h > tolerance;
}

} // namespace

std::vector<std::string> layoutProblems(const std::vector<DrawnBox>& boxes, sf::Vector2f size,
                                        float tolerance) {
    std::vector<std::string> problems;
    const sf::FloatRect window(0.f, 0.f, size.x, size.y);
    for (const auto& box : boxes) {
        if (!holds(window, box.rect, tolerance)) {
            problems.push_back(describe(box) + " leaves the window");
        }
    }
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            const DrawnBox& a = boxes[i];
            const DrawnBox& b = boxes[j];
            if (a.layer != b.layer || !overlap(a.rect, b.rect, tolerance)) {
                continue;
            }
            if (a.text && b.text) {
                problems.push_back(describe(a) + " overlaps " + describe(b));
            } else if (!a.text && holds(a.rect, b.rect, tolerance)) {
                continue;
            } else if (!b.text && holds(b.rect, a.rect, tolerance)) {
                continue;
            } else {
                problems.push_back(describe(b) + " crosses the edge of " + describe(a));
            }
        }
    }
    return problems;
}

} // namespace motus::app
