#include "MannequinDraw.hpp"

#include "Theme.hpp"
#include "Widgets.hpp"

#include <algorithm>
#include <cmath>

namespace motus::app {

namespace {

sf::Color scaled(sf::Color c, float k) {
    auto channel = [k](sf::Uint8 v) {
        return static_cast<sf::Uint8>(std::clamp(static_cast<float>(v) * k, 0.f, 255.f));
    };
    return {channel(c.r), channel(c.g), channel(c.b), c.a};
}

sf::Color mixed(sf::Color a, sf::Color b, float t) {
    auto m = [t](sf::Uint8 x, sf::Uint8 y) {
        return static_cast<sf::Uint8>(static_cast<float>(x) + (static_cast<float>(y) - x) * t);
    };
    return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b), m(a.a, b.a)};
}

sf::Color toneColour(core::Tone tone) {
    switch (tone) {
    case core::Tone::Near:
        return colour::figureNear;
    case core::Tone::Far:
        return colour::figureFar;
    case core::Tone::Head:
    case core::Tone::Trunk:
        return colour::figureTrunk;
    case core::Tone::Prop:
        return mixed(colour::floor, colour::background, 0.35f);
    case core::Tone::Top:
        return mixed(colour::floor, colour::background, 0.65f);
    case core::Tone::Mat:
        return mixed(colour::background, colour::figureFar, 0.45f);
    case core::Tone::Wall:
        return mixed(colour::background, colour::floor, 0.3f);
    case core::Tone::Band:
        return {0, 158, 115}; // Okabe-Ito bluish green
    case core::Tone::Dowel:
        return mixed(sf::Color{150, 108, 58}, colour::floor, 0.2f);
    }
    return colour::figureTrunk;
}

bool isBodyTone(core::Tone tone) {
    return tone == core::Tone::Near || tone == core::Tone::Far || tone == core::Tone::Trunk ||
           tone == core::Tone::Head;
}

void drawPolygon(sf::RenderTarget& target, const std::vector<sf::Vector2f>& points, sf::Color fill,
                 sf::Color outline, float thickness) {
    // The foot's outline as a convex polygon, as SFML's convex shape needs.
    std::vector<core::Vec2> flat;
    for (const auto p : points) {
        flat.push_back({p.x, p.y});
    }
    const auto hull = core::convexHull(flat);
    if (hull.size() < 3) {
        return;
    }
    sf::ConvexShape shape(hull.size());
    for (std::size_t i = 0; i < hull.size(); ++i) {
        shape.setPoint(i, {static_cast<float>(hull[i].x), static_cast<float>(hull[i].y)});
    }
    shape.setFillColor(fill);
    shape.setOutlineColor(outline);
    shape.setOutlineThickness(thickness);
    target.draw(shape);
}

} // namespace

PictureFit fitPictures(const std::vector<core::Picture>& pictures, sf::FloatRect frame) {
    double minX = 1e9;
    double maxX = -1e9;
    double minY = 0.0; // the floor at least
    double maxY = 0.5;
    for (const auto& picture : pictures) {
        for (const auto& shape : picture.shapes) {
            if (shape.tone == core::Tone::Wall || shape.tone == core::Tone::Mat) {
                continue; // they run off the picture
            }
            for (const auto& p : {shape.a, shape.b}) {
                minX = std::min(minX, p.x - shape.radius);
                maxX = std::max(maxX, p.x + shape.radius);
                minY = std::min(minY, p.y - shape.radius);
                maxY = std::max(maxY, p.y + shape.radius);
            }
            for (const auto& p : shape.outline) {
                minX = std::min(minX, p.x);
                maxX = std::max(maxX, p.x);
                minY = std::min(minY, p.y);
            }
        }
    }
    if (minX > maxX) {
        minX = -0.5;
        maxX = 0.5;
    }
    const float margin = 0.08f * std::min(frame.width, frame.height);
    PictureFit fit;
    fit.scale = std::min((frame.width - 2 * margin) / static_cast<float>(maxX - minX),
                         (frame.height - 2 * margin) / static_cast<float>(maxY - minY));
    const float centreX = static_cast<float>(minX + maxX) / 2;
    fit.origin = {frame.left + frame.width / 2 - centreX * fit.scale,
                  frame.top + frame.height - margin + static_cast<float>(minY) * fit.scale};
    return fit;
}

void drawMannequin(sf::RenderTarget& target, const core::Picture& picture, const PictureFit& fit,
                   const core::Camera& camera, MannequinStyle style) {
    const float px = fit.scale;
    if (style.floor && !style.ghost) {
        // The floor: a line seen level, a band seen from above (its depth foreshortened).
        const float y = fit({0.0, 0.0, 0.0}).y;
        const sf::View& view = target.getView();
        const float width = view.getSize().x;
        const float left = view.getCenter().x - width / 2;
        const float depth = static_cast<float>(std::sin(camera.elevation * M_PI / 180.0));
        if (depth > 0.05f) {
            sf::RectangleShape band({width, 0.9f * px * depth});
            band.setPosition(left, y - 0.45f * px * depth);
            band.setFillColor(mixed(colour::background, colour::floor, 0.25f));
            target.draw(band);
        }
        sf::RectangleShape line({width, 3.f});
        line.setPosition(left, y);
        line.setFillColor(colour::floor);
        target.draw(line);
    }
    const sf::Color highlight{213, 94, 0}; // Okabe-Ito vermillion: the part that moves
    bool spineDrawn = false;
    auto drawSpine = [&] {
        if (spineDrawn || style.ghost || picture.spine.size() < 2) {
            return;
        }
        spineDrawn = true;
        for (std::size_t i = 1; i < picture.spine.size(); ++i) {
            drawCapsule(target, fit(picture.spine[i - 1]), fit(picture.spine[i]),
                        std::max(1.5f, 0.006f * px),
                        mixed(colour::figureTrunk, colour::panel, 0.55f));
        }
    };
    for (const auto& shape : picture.shapes) {
        const sf::Vector2f a = fit(shape.a);
        const sf::Vector2f b = fit(shape.b);
        const float r = static_cast<float>(shape.radius) * px;
        sf::Color base = toneColour(shape.tone);
        if (!isBodyTone(shape.tone)) {
            if (style.ghost) {
                continue; // the ghost is the body alone
            }
            if (!shape.outline.empty()) {
                std::vector<sf::Vector2f> points;
                for (const auto& p : shape.outline) {
                    points.push_back(fit(p));
                }
                drawPolygon(target, points, base, scaled(base, 0.75f),
                            shape.tone == core::Tone::Top ? 0.f : 1.5f);
            } else if (shape.tone == core::Tone::Band) {
                // Stretched, it thins and darkens: the tension shows.
                const float k = static_cast<float>(std::clamp(shape.stretch, 0.8, 2.5));
                const float width = std::max(2.f, r * 2.2f / std::sqrt(k));
                drawCapsule(target, a, b, width / 2, scaled(base, 1.15f - 0.25f * (k - 0.8f)));
            } else {
                drawCapsule(target, a, b, std::max(r, 1.5f) + 1.f, scaled(base, 0.7f));
                drawCapsule(target, a, b, std::max(r, 1.5f), base);
            }
            continue;
        }
        if (shape.highlighted && !style.ghost) {
            base = mixed(base, highlight, 0.4f);
        }
        if (style.ghost) {
            sf::Color faint = mixed(colour::background, colour::figureFar, 0.28f);
            if (!shape.outline.empty()) {
                std::vector<sf::Vector2f> points;
                for (const auto& p : shape.outline) {
                    points.push_back(fit(p));
                }
                drawPolygon(target, points, faint, sf::Color::Transparent, 0.f);
            } else {
                drawCapsule(target, a, b, r, faint);
            }
            continue;
        }
        const sf::Color edge = scaled(base, 0.6f);
        const sf::Color fill = scaled(base, 0.78f + 0.32f * static_cast<float>(shape.light));
        const sf::Color shine = mixed(fill, sf::Color::White, 0.28f);
        if (!shape.outline.empty()) {
            std::vector<sf::Vector2f> points;
            for (const auto& p : shape.outline) {
                points.push_back(fit(p));
            }
            drawPolygon(target, points, fill, edge, 1.5f);
            continue;
        }
        // An outline, the fill, and a narrow highlight towards the light (up and left): a
        // rounded, mannequin-like segment rather than a stick.
        drawCapsule(target, a, b, r + 1.5f, edge);
        drawCapsule(target, a, b, r, fill);
        const sf::Vector2f offset{-0.3f * r, -0.3f * r};
        drawCapsule(target, a + offset, b + offset, 0.38f * r, shine);
        if (shape.part == core::Part::Head) {
            // The face: the nose shows where the head points; the eye and the mouth when the
            // face is towards the viewer.
            const auto& face = picture.face;
            const sf::Vector2f nose = fit(face.nose);
            sf::CircleShape tip(std::max(2.f, 0.18f * r), 16);
            tip.setOrigin(tip.getRadius(), tip.getRadius());
            tip.setPosition(nose);
            tip.setFillColor(fill);
            tip.setOutlineColor(edge);
            tip.setOutlineThickness(1.5f);
            target.draw(tip);
            if (face.visible) {
                sf::CircleShape eye(std::max(1.5f, 0.09f * r), 12);
                eye.setOrigin(eye.getRadius(), eye.getRadius());
                eye.setPosition(fit(face.eye));
                eye.setFillColor(colour::text);
                target.draw(eye);
                const sf::Vector2f chin = fit(face.chin);
                drawCapsule(target, chin + (nose - chin) * 0.35f, chin + (nose - chin) * 0.1f,
                            std::max(1.f, 0.05f * r), edge);
            }
        }
        if (shape.part == core::Part::Thorax) {
            drawSpine(); // on the back, before the limbs in front of it
        }
    }
}

void drawCross(sf::RenderTarget& target, sf::FloatRect frame) {
    const sf::Color red{213, 94, 0, 200}; // Okabe-Ito vermillion, see-through
    const float inset = 0.12f * std::min(frame.width, frame.height);
    const float width = std::max(3.f, 0.025f * std::min(frame.width, frame.height));
    const sf::Vector2f a{frame.left + inset, frame.top + inset};
    const sf::Vector2f b{frame.left + frame.width - inset, frame.top + frame.height - inset};
    drawCapsule(target, a, b, width, red);
    drawCapsule(target, {b.x, a.y}, {a.x, b.y}, width, red);
}

} // namespace motus::app
