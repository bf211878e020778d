#pragma once
// Drawing the figure v2 (core/MannequinView's picture) with SFML: shaded, depth-sorted parts,
// a face, the line of the back, the moving parts highlighted, a faint ghost of another pose
// (docs/figure-v2.md).
#include "core/MannequinView.hpp"

#include <SFML/Graphics.hpp>

#include <vector>

namespace motus::app {

// Metres on the picture to pixels: x right, y up in metres; pixels y down.
struct PictureFit {
    float scale = 100.f;
    sf::Vector2f origin; // where (0, 0) of the picture lands
    [[nodiscard]] sf::Vector2f operator()(const core::Projected& p) const {
        return {origin.x + static_cast<float>(p.x) * scale,
                origin.y - static_cast<float>(p.y) * scale};
    }
};

// The fit that shows every given picture whole in `frame`, with a margin; the floor near the
// bottom.
[[nodiscard]] PictureFit fitPictures(const std::vector<core::Picture>& pictures,
                                     sf::FloatRect frame);

struct MannequinStyle {
    bool ghost = false; // drawn flat and faint (the start pose behind the movement)
    bool floor = true;  // the floor under the body
};

void drawMannequin(sf::RenderTarget& target, const core::Picture& picture, const PictureFit& fit,
                   const core::Camera& camera, MannequinStyle style = {});

// A fault picture's cross: two broad strokes corner to corner over `frame`.
void drawCross(sf::RenderTarget& target, sf::FloatRect frame);

} // namespace motus::app
