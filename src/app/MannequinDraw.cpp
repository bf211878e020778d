#include "MannequinDraw.hpp"

#include "LayoutAudit.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/I18n.hpp"

#include <fmt/format.h>

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
    case core::Tone::Weight:
        return sf::Color{70, 74, 82}; // dark iron grey
    }
    return colour::figureTrunk;
}

bool isBodyTone(core::Tone tone) {
    return tone == core::Tone::Near || tone == core::Tone::Far || tone == core::Tone::Trunk ||
           tone == core::Tone::Head;
}

// The foot's outline (and a box's) as the convex polygon around its points.
void addPolygon(TriangleBatch& batch, const std::vector<sf::Vector2f>& points, sf::Color fill,
                sf::Color outline, float thickness) {
    std::vector<core::Vec2> flat;
    flat.reserve(points.size());
    for (const auto p : points) {
        flat.push_back({p.x, p.y});
    }
    const auto hull = core::convexHull(std::move(flat));
    if (hull.size() < 3) {
        return;
    }
    std::vector<sf::Vector2f> corners;
    corners.reserve(hull.size());
    for (const auto& p : hull) {
        corners.emplace_back(static_cast<float>(p.x), static_cast<float>(p.y));
    }
    batch.convex(corners, fill, outline, thickness);
}

// Where a band runs on the picture, and its rest length as seen there (foreshortened as the line
// from its anchor to the hand is, so that its stretch on the picture is its stretch).
struct BandTarget {
    core::Vec2 anchor;
    core::Vec2 hand;
    double rest = 0.0;
};

std::vector<BandTarget> bandTargets(const core::Scene& scene, const core::Mannequin& body,
                                    const core::Camera& camera, double restLength) {
    std::vector<BandTarget> out;
    if (restLength <= 0.0) {
        return out;
    }
    for (const auto& prop : scene.props) {
        for (const auto& line : core::bandOf(prop, body, restLength)) {
            const core::Projected a = core::project(camera, line.anchor);
            const core::Projected h = core::project(camera, line.hand);
            const double full = core::length(line.hand - line.anchor);
            const double seen = std::hypot(h.x - a.x, h.y - a.y);
            out.push_back(
                {{a.x, a.y}, {h.x, h.y}, full > 1e-6 ? restLength * seen / full : restLength});
        }
    }
    return out;
}

// Gravity down the picture: all of it seen level, none seen from straight above.
figure::BandDef bandDef(const core::Camera& camera) {
    figure::BandDef def;
    def.gravity *= std::max(0.0, std::cos(camera.elevation * M_PI / 180.0));
    return def;
}

constexpr double kSettleSeconds = 1.0; // a new rope hangs this long before it is shown

double distance(core::Vec2 a, core::Vec2 b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

// The rope that runs along a band shape: the one whose ends are nearest its ends.
const BandPath* ropeOf(const std::vector<BandPath>& bands, const core::Shape& shape) {
    const BandPath* best = nullptr;
    double nearest = 0.05; // metres, both ends together
    for (const auto& band : bands) {
        if (band.points.size() < 2) {
            continue;
        }
        const double d = distance(band.points.front(), {shape.a.x, shape.a.y}) +
                         distance(band.points.back(), {shape.b.x, shape.b.y});
        if (d < nearest) {
            nearest = d;
            best = &band;
        }
    }
    return best;
}

} // namespace

void TriangleBatch::triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color colour) {
    m_vertices.emplace_back(a, colour);
    m_vertices.emplace_back(b, colour);
    m_vertices.emplace_back(c, colour);
}

void TriangleBatch::rect(sf::FloatRect r, sf::Color colour) {
    const sf::Vector2f a{r.left, r.top};
    const sf::Vector2f b{r.left + r.width, r.top};
    const sf::Vector2f c{r.left + r.width, r.top + r.height};
    const sf::Vector2f d{r.left, r.top + r.height};
    triangle(a, b, c, colour);
    triangle(a, c, d, colour);
}

std::size_t TriangleBatch::sidesFor(float radius) {
    // Pixels between the circle and its polygon's edges: about what the 24-sided circles drawn
    // before had at a limb's radius (40 px: 0.34), less for smaller ones.
    constexpr float kTolerance = 0.35f;
    constexpr std::size_t kFewest = 8;
    constexpr std::size_t kMost = 96;
    if (!(radius > 2.f * kTolerance)) {
        return kFewest;
    }
    const float step = 2.f * std::acos(1.f - kTolerance / radius);
    const auto sides = static_cast<std::size_t>(std::ceil(2.f * static_cast<float>(M_PI) / step));
    return std::clamp((sides + 1) / 2 * 2, kFewest, kMost); // even: a capsule's ends are halves
}

void TriangleBatch::ellipse(sf::Vector2f centre, float rx, float ry, float angle,
                            sf::Color colour) {
    const std::size_t sides = sidesFor(std::max(rx, ry));
    const sf::Vector2f u{std::cos(angle), std::sin(angle)};
    const sf::Vector2f v{-u.y, u.x};
    sf::Vector2f previous = centre + u * rx;
    for (std::size_t i = 1; i <= sides; ++i) {
        const float t =
            2.f * static_cast<float>(M_PI) * static_cast<float>(i) / static_cast<float>(sides);
        const sf::Vector2f next = centre + u * (rx * std::cos(t)) + v * (ry * std::sin(t));
        triangle(centre, previous, next, colour);
        previous = next;
    }
}

void TriangleBatch::disc(sf::Vector2f centre, float radius, sf::Color colour) {
    ellipse(centre, radius, radius, 0.f, colour);
}

void TriangleBatch::capsule(sf::Vector2f a, sf::Vector2f b, float radius, sf::Color colour) {
    const sf::Vector2f d = b - a;
    const float length = std::hypot(d.x, d.y);
    if (colour.a < 255) {
        // See-through: the rectangle and both discs, each blended over the others where they
        // overlap, as drawing them one by one does.
        if (length > 0.01f) {
            const sf::Vector2f across = sf::Vector2f{-d.y, d.x} * (radius / length);
            triangle(a - across, b - across, b + across, colour);
            triangle(a - across, b + across, a + across, colour);
        }
        disc(a, radius, colour);
        disc(b, radius, colour);
        return;
    }
    if (length <= 0.01f) {
        disc(a, radius, colour);
        return;
    }
    // Opaque: the rectangle as two triangles and half a disc round each end, each fanned from
    // its centre: large triangles, which a rasteriser fills fastest (a fan from the middle of a
    // long stroke would be all slivers), and no pixel drawn twice.
    const sf::Vector2f u = d / length;
    const sf::Vector2f across = sf::Vector2f{-u.y, u.x} * radius;
    triangle(a - across, b - across, b + across, colour);
    triangle(a - across, b + across, a + across, colour);
    const std::size_t half = sidesFor(radius) / 2;
    for (int end = 0; end < 2; ++end) {
        const sf::Vector2f c = end == 0 ? b : a;
        const float sign = end == 0 ? 1.f : -1.f;
        halfCircle(c, -sign * across, sign * u * radius, half);
        for (std::size_t k = 1; k <= half; ++k) {
            triangle(c, m_ring[k - 1], m_ring[k], colour);
        }
    }
}

void TriangleBatch::halfCircle(sf::Vector2f centre, sf::Vector2f from, sf::Vector2f middle,
                               std::size_t steps) {
    m_ring.clear();
    m_ring.push_back(centre + from);
    for (std::size_t k = 1; k < steps; ++k) {
        const float t =
            static_cast<float>(M_PI) * static_cast<float>(k) / static_cast<float>(steps);
        m_ring.push_back(centre + from * std::cos(t) + middle * std::sin(t));
    }
    m_ring.push_back(centre - from); // exactly opposite: the rectangle's corner
}

void TriangleBatch::outlinedCapsule(sf::Vector2f a, sf::Vector2f b, float radius, float width,
                                    sf::Color fill, sf::Color outline) {
    const sf::Vector2f d = b - a;
    const float length = std::hypot(d.x, d.y);
    if (fill.a < 255 || outline.a < 255 || length <= 0.01f || width <= 0.f) {
        capsule(a, b, radius + width, outline);
        capsule(a, b, radius, fill);
        return;
    }
    // The fill as capsule() draws it; the outline only where it shows, a band `width` wide
    // around it whose inner edge is the fill's edge, point for point (no pixel drawn twice,
    // no gap between them).
    const sf::Vector2f u = d / length;
    const sf::Vector2f v{-u.y, u.x};
    const sf::Vector2f in = v * radius;
    const sf::Vector2f out = v * (radius + width);
    triangle(a - in, b - in, b + in, fill);
    triangle(a - in, b + in, a + in, fill);
    triangle(a - out, b - out, b - in, outline);
    triangle(a - out, b - in, a - in, outline);
    triangle(a + in, b + in, b + out, outline);
    triangle(a + in, b + out, a + out, outline);
    const std::size_t half = sidesFor(radius + width) / 2;
    const float k = (radius + width) / radius;
    for (int end = 0; end < 2; ++end) {
        const sf::Vector2f c = end == 0 ? b : a;
        const float sign = end == 0 ? 1.f : -1.f;
        halfCircle(c, -sign * in, sign * u * radius, half);
        for (std::size_t i = 1; i <= half; ++i) {
            const sf::Vector2f p = m_ring[i - 1];
            const sf::Vector2f q = m_ring[i];
            triangle(c, p, q, fill);
            const sf::Vector2f pOut = c + (p - c) * k;
            const sf::Vector2f qOut = c + (q - c) * k;
            triangle(p, pOut, qOut, outline);
            triangle(p, qOut, q, outline);
        }
    }
}

void TriangleBatch::convex(const std::vector<sf::Vector2f>& points, sf::Color fill,
                           sf::Color outline, float thickness) {
    const std::size_t n = points.size();
    if (n < 3) {
        return;
    }
    for (std::size_t i = 1; i + 1 < n; ++i) {
        triangle(points[0], points[i], points[i + 1], fill);
    }
    if (thickness <= 0.f || outline.a == 0) {
        return;
    }
    // As sf::Shape makes its outline: each corner pushed out along the mean of its two edges'
    // outward normals, lengthened so that the edges move out by `thickness`.
    sf::Vector2f low = points[0];
    sf::Vector2f high = points[0];
    for (const auto p : points) {
        low = {std::min(low.x, p.x), std::min(low.y, p.y)};
        high = {std::max(high.x, p.x), std::max(high.y, p.y)};
    }
    const sf::Vector2f inside = (low + high) * 0.5f;
    auto normal = [](sf::Vector2f p, sf::Vector2f q) {
        const sf::Vector2f across{p.y - q.y, q.x - p.x};
        const float length = std::hypot(across.x, across.y);
        return length > 0.f ? across / length : across;
    };
    m_ring.clear();
    for (std::size_t i = 0; i < n; ++i) {
        const sf::Vector2f p0 = points[(i + n - 1) % n];
        const sf::Vector2f p1 = points[i];
        const sf::Vector2f p2 = points[(i + 1) % n];
        sf::Vector2f n1 = normal(p0, p1);
        sf::Vector2f n2 = normal(p1, p2);
        const sf::Vector2f toInside = inside - p1;
        if (n1.x * toInside.x + n1.y * toInside.y > 0.f) {
            n1 = -n1;
        }
        if (n2.x * toInside.x + n2.y * toInside.y > 0.f) {
            n2 = -n2;
        }
        const float factor = 1.f + (n1.x * n2.x + n1.y * n2.y);
        m_ring.push_back(p1 + (n1 + n2) / factor * thickness);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = (i + 1) % n;
        triangle(points[i], m_ring[i], points[j], outline);
        triangle(m_ring[i], points[j], m_ring[j], outline);
    }
}

void TriangleBatch::outlinedDisc(sf::Vector2f centre, float radius, sf::Color fill,
                                 sf::Color outline, float thickness) {
    const std::size_t sides = sidesFor(radius + thickness);
    std::vector<sf::Vector2f>& corners = m_corners;
    corners.clear();
    for (std::size_t i = 0; i < sides; ++i) {
        const float t =
            2.f * static_cast<float>(M_PI) * static_cast<float>(i) / static_cast<float>(sides);
        corners.push_back(centre + sf::Vector2f{std::cos(t), std::sin(t)} * radius);
    }
    convex(corners, fill, outline, thickness);
}

void TriangleBatch::roundedRect(sf::FloatRect r, float radius, sf::Color fill, sf::Color outline,
                                float thickness) {
    // Six points a corner, as drawRoundedRect (Widgets) makes its shape.
    constexpr int kCornerPoints = 6;
    radius = std::min({radius, r.width / 2, r.height / 2});
    const sf::Vector2f centres[4] = {{r.left + r.width - radius, r.top + radius},
                                     {r.left + r.width - radius, r.top + r.height - radius},
                                     {r.left + radius, r.top + r.height - radius},
                                     {r.left + radius, r.top + radius}};
    m_corners.clear();
    for (int corner = 0; corner < 4; ++corner) {
        for (int k = 0; k < kCornerPoints; ++k) {
            const float angle = static_cast<float>(-M_PI / 2 + M_PI / 2 * corner +
                                                   M_PI / 2 * k / (kCornerPoints - 1));
            m_corners.push_back({centres[corner].x + radius * std::cos(angle),
                                 centres[corner].y + radius * std::sin(angle)});
        }
    }
    convex(m_corners, fill, outline, thickness);
}

void TriangleBatch::draw(sf::RenderTarget& target, std::size_t from, std::size_t to) const {
    to = std::min(to, m_vertices.size());
    // Runs of opaque triangles replace what is under them (blending them would give the same
    // colours, at the cost of reading every pixel under them first); see-through ones blend.
    while (from < to) {
        const bool opaque = m_vertices[from].color.a == 255;
        std::size_t end = from + 3;
        while (end < to && (m_vertices[end].color.a == 255) == opaque) {
            end += 3;
        }
        target.draw(m_vertices.data() + from, end - from, sf::Triangles,
                    opaque ? sf::RenderStates(sf::BlendNone) : sf::RenderStates::Default);
        from = end;
    }
}

double bandRestLength(const core::Scene& scene, const core::Posture& first) {
    const auto body = core::place(first);
    for (const auto& prop : scene.props) {
        const auto lines = core::bandOf(prop, body, 1.0);
        if (!lines.empty()) {
            return lines.front().stretch;
        }
    }
    return 0.0;
}

std::vector<BandPath> settledBands(const core::Scene& scene, const core::Mannequin& body,
                                   const core::Camera& camera, double restLength) {
    std::vector<BandPath> out;
    for (const auto& target : bandTargets(scene, body, camera, restLength)) {
        figure::BandRope rope(target.anchor, target.hand, target.rest, bandDef(camera));
        rope.settle(kSettleSeconds);
        out.push_back({rope.points(), rope.stretch()});
    }
    return out;
}

PictureFit fitPictures(const std::vector<core::Picture>& pictures, sf::FloatRect frame) {
    const auto [minX, maxX, minY, maxY] = core::extentOf(pictures);
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
                   const core::Camera& camera, MannequinStyle style,
                   const std::vector<BandPath>& bands) {
    TriangleBatch batch;
    addMannequin(batch, target.getView(), picture, fit, camera, style, bands);
    batch.draw(target);
}

void addMannequin(TriangleBatch& batch, const sf::View& view, const core::Picture& picture,
                  const PictureFit& fit, const core::Camera& camera, MannequinStyle style,
                  const std::vector<BandPath>& bands) {
    const float px = fit.scale;
    if (style.floor && !style.ghost) {
        // The floor: a line seen level; seen from above, a plane from its far edge (2 m behind
        // the figure) down to the bottom of the picture.
        const float y = fit({0.0, 0.0, 0.0}).y;
        const float width = view.getSize().x;
        const float left = view.getCenter().x - width / 2;
        const float bottom = view.getCenter().y + view.getSize().y / 2;
        const double rise = std::sin(camera.elevation * M_PI / 180.0);
        if (rise > 0.05) {
            const float far = fit({0.0, 2.0 * rise, 0.0}).y;
            batch.rect({left, far, width, std::max(0.f, bottom - far)},
                       mixed(colour::background, colour::floor, 0.22f));
        } else {
            batch.rect({left, y, width, 3.f}, colour::floor);
        }
    }
    const sf::Color highlight{213, 94, 0}; // Okabe-Ito vermillion: the part that moves
    bool spineDrawn = false;
    auto drawSpine = [&] {
        if (spineDrawn || style.ghost || picture.spine.size() < 2) {
            return;
        }
        spineDrawn = true;
        for (std::size_t i = 1; i < picture.spine.size(); ++i) {
            batch.capsule(fit(picture.spine[i - 1]), fit(picture.spine[i]),
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
                addPolygon(batch, points, base, scaled(base, 0.75f),
                           shape.tone == core::Tone::Top ? 0.f : 1.5f);
            } else if (shape.tone == core::Tone::Band) {
                // Stretched, it thins and darkens: the tension shows; slack (its ends nearer than
                // its rest length), it is broad and light. As a rope it hangs as it does.
                const BandPath* rope = ropeOf(bands, shape);
                const double tension =
                    rope != nullptr ? std::min(rope->stretch, shape.stretch) : shape.stretch;
                const float k = static_cast<float>(std::clamp(tension, 0.8, 2.5));
                const float width = std::max(2.f, r * 2.2f / std::sqrt(k));
                const sf::Color colour = scaled(base, 1.15f - 0.25f * (k - 0.8f));
                if (rope != nullptr) {
                    const auto& p = rope->points;
                    for (std::size_t i = 1; i < p.size(); ++i) {
                        batch.capsule(fit({p[i - 1].x, p[i - 1].y, 0.0}),
                                      fit({p[i].x, p[i].y, 0.0}), width / 2, colour);
                    }
                } else {
                    batch.capsule(a, b, width / 2, colour);
                }
            } else {
                batch.outlinedCapsule(a, b, std::max(r, 1.5f), 1.f, base, scaled(base, 0.7f));
            }
            continue;
        }
        if (shape.highlighted && !style.ghost) {
            base = mixed(base, highlight, 0.62f);
        }
        if (style.ghost) {
            sf::Color faint = mixed(colour::background, colour::figureFar, 0.28f);
            if (!shape.outline.empty()) {
                std::vector<sf::Vector2f> points;
                for (const auto& p : shape.outline) {
                    points.push_back(fit(p));
                }
                addPolygon(batch, points, faint, sf::Color::Transparent, 0.f);
            } else {
                batch.capsule(a, b, r, faint);
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
            addPolygon(batch, points, fill, edge, 1.5f);
            continue;
        }
        // An outline, the fill, and a narrow highlight towards the light (up and left): a
        // rounded, mannequin-like segment rather than a stick.
        batch.outlinedCapsule(a, b, r, 1.5f, fill, edge);
        const sf::Vector2f offset{-0.3f * r, -0.3f * r};
        batch.capsule(a + offset, b + offset, 0.38f * r, shine);
        if (shape.part == core::Part::Head) {
            // The face: the nose shows where the head points; the eye and the mouth when the
            // face is towards the viewer.
            const auto& face = picture.face;
            const sf::Vector2f nose = fit(face.nose);
            // A lighter face on the side the head looks to, so that a turn or a nod shows
            // from any side: a disc pushed from the head's centre towards the nose.
            {
                const sf::Vector2f centre = fit(face.centre);
                const sf::Vector2f towards = (nose - centre) * 0.5f;
                const float length = std::hypot(towards.x, towards.y);
                // Seen edge-on it narrows: squeezed across the way it points.
                const float squeeze = std::clamp(1.f - length / (0.9f * r), 0.45f, 1.f);
                const float radius = 0.62f * r;
                const sf::Color light = mixed(fill, sf::Color::White, face.visible ? 0.35f : 0.15f);
                if (length > 0.01f) {
                    batch.ellipse(centre + towards, squeeze * radius, radius,
                                  std::atan2(towards.y, towards.x), light);
                } else {
                    batch.disc(centre + towards, radius, light);
                }
            }
            batch.outlinedDisc(nose, std::max(2.f, 0.18f * r), fill, edge, 1.5f);
            if (face.visible) {
                batch.disc(fit(face.eye), std::max(1.5f, 0.09f * r), colour::text);
                const sf::Vector2f chin = fit(face.chin);
                batch.capsule(chin + (nose - chin) * 0.35f, chin + (nose - chin) * 0.1f,
                              std::max(1.f, 0.05f * r), edge);
            }
        }
        if (shape.part == core::Part::Thorax) {
            drawSpine(); // on the back, before the limbs in front of it
        }
    }
}

void drawCross(sf::RenderTarget& target, sf::FloatRect frame) {
    TriangleBatch batch;
    addCross(batch, frame);
    batch.draw(target);
}

void addCross(TriangleBatch& batch, sf::FloatRect frame) {
    const sf::Color red{213, 94, 0, 150}; // Okabe-Ito vermillion, see-through
    const float inset = 0.12f * std::min(frame.width, frame.height);
    const float width = std::max(2.f, 0.012f * std::min(frame.width, frame.height));
    const sf::Vector2f a{frame.left + inset, frame.top + inset};
    const sf::Vector2f b{frame.left + frame.width - inset, frame.top + frame.height - inset};
    batch.capsule(a, b, width, red);
    batch.capsule({b.x, a.y}, {a.x, b.y}, width, red);
}

namespace {

constexpr double kTurnStep = 15.0; // degrees per Ctrl + arrow
constexpr double kMinElevation = -10.0;
constexpr double kMaxElevation = 90.0;

} // namespace

void FigureStage::setExercise(const core::Exercise* exercise, core::RepSide side) {
    if (exercise == m_exercise && side == m_side && m_motion.size() > 0) {
        return;
    }
    if (exercise != m_exercise) {
        m_view = 0;
        m_turnAzimuth = 0.0;
        m_turnElevation = 0.0;
    }
    m_exercise = exercise;
    m_side = side;
    m_motion = exercise != nullptr ? core::SceneMotion(core::sceneFor(*exercise, side))
                                   : core::SceneMotion();
    m_posture = m_motion.size() > 0 ? m_motion.key(0) : core::standingPosture();
    m_focus.clear();
    m_faultBody.reset();
    if (const auto& fault = m_motion.scene().fault) {
        m_faultBody = core::place(core::settle(m_motion.scene(), fault->posture, fault->contacts));
    }
    m_bandRest = m_motion.size() > 0 ? bandRestLength(m_motion.scene(), m_motion.key(0)) : 0.0;
    m_fitKey.clear();
    m_ropes = Ropes(); // made again for the new exercise or side
    m_arms = Arms();
}

void FigureStage::setFrame(sf::FloatRect frame) {
    m_frame = frame; // the fit follows on the next draw (its key holds the frame)
}

void FigureStage::setPosture(const core::Posture& posture, std::vector<core::Part> focus) {
    m_posture = posture;
    m_focus = std::move(focus);
}

void FigureStage::setKeyPose(std::size_t index) {
    if (m_motion.size() == 0) {
        return;
    }
    const std::size_t i = std::min(index, m_motion.size() - 1);
    setPosture(m_motion.key(i), m_motion.scene().poses[i].focus);
}

void FigureStage::update(float seconds, bool swing) {
    m_ropes.live = true;
    syncRopes(static_cast<double>(seconds));
    if (m_motion.scene().swings.empty()) {
        return;
    }
    if (!swing) {
        m_arms.live = false; // the arms hang still, as in a still picture
        return;
    }
    // A jump of the shoulder (a key pose shown without the movement, another rep's start) hangs
    // the arm still from where it is now; a movement swings it.
    constexpr double kJump = 0.25;
    if (m_arms.arms.empty() || m_arms.arms.distanceFrom(m_posture) > kJump) {
        m_arms.arms = figure::SwingingArms(m_motion.scene(), m_posture);
    } else {
        m_arms.arms.step(m_posture, static_cast<double>(seconds));
    }
    m_arms.live = true;
}

core::Posture FigureStage::shownPosture() const {
    return figure::swungPosture(m_motion.scene(), m_posture, m_arms.live ? &m_arms.arms : nullptr);
}

std::string FigureStage::ropeKey() const {
    const core::Camera cam = camera();
    return fmt::format("{}|{}|{:.3f},{:.3f}", fmt::ptr(m_exercise), static_cast<int>(m_side),
                       cam.azimuth, cam.elevation);
}

void FigureStage::syncRopes(double seconds) const {
    if (m_motion.size() == 0 || m_bandRest <= 0.0) {
        m_ropes.ropes.clear();
        return;
    }
    const core::Camera cam = camera();
    const auto targets = bandTargets(m_motion.scene(), core::place(m_posture), cam, m_bandRest);
    const std::string key = ropeKey();
    bool remake = key != m_ropes.key || m_ropes.ropes.size() != targets.size();
    // A hand somewhere else: in a still picture another posture; while playing, a jump (a new
    // rep of the other side, a key pose shown without the movement) rather than a movement.
    const double jump = m_ropes.live ? 0.25 : 0.001;
    for (std::size_t i = 0; !remake && i < targets.size(); ++i) {
        remake = distance(m_ropes.ropes[i].points().back(), targets[i].hand) > jump;
    }
    if (remake) {
        m_ropes.ropes.clear();
        for (const auto& target : targets) {
            m_ropes.ropes.emplace_back(target.anchor, target.hand, target.rest, bandDef(cam));
            m_ropes.ropes.back().settle(kSettleSeconds);
        }
        m_ropes.key = key;
        return;
    }
    if (seconds > 0.0) {
        for (std::size_t i = 0; i < targets.size(); ++i) {
            m_ropes.ropes[i].setRestLength(targets[i].rest);
            m_ropes.ropes[i].step(targets[i].anchor, targets[i].hand, seconds);
        }
    }
}

std::vector<BandPath> FigureStage::bandPaths() const {
    syncRopes(0.0);
    std::vector<BandPath> out;
    for (const auto& rope : m_ropes.ropes) {
        out.push_back({rope.points(), rope.stretch()});
    }
    return out;
}

core::Camera FigureStage::camera() const {
    const auto& cameras = m_motion.scene().cameras;
    core::Camera base =
        cameras.empty() ? core::Camera{0.0, 10.0} : cameras[std::min(m_view, cameras.size() - 1)];
    base.azimuth = std::fmod(std::fmod(base.azimuth + m_turnAzimuth, 360.0) + 360.0, 360.0);
    base.elevation = std::clamp(base.elevation + m_turnElevation, kMinElevation, kMaxElevation);
    return base;
}

bool FigureStage::turned() const {
    return std::abs(m_turnAzimuth) > 0.5 || std::abs(m_turnElevation) > 0.5;
}

bool FigureStage::hasOtherView() const {
    return m_motion.scene().cameras.size() > 1;
}

void FigureStage::resetView() {
    m_view = 0;
    m_turnAzimuth = 0.0;
    m_turnElevation = 0.0;
    m_fitKey.clear();
}

void FigureStage::followView(const FigureStage& other) {
    m_view = other.m_view;
    m_turnAzimuth = other.m_turnAzimuth;
    m_turnElevation = other.m_turnElevation;
    m_fitKey.clear();
}

void FigureStage::otherView() {
    if (!hasOtherView()) {
        return;
    }
    m_view = (m_view + 1) % m_motion.scene().cameras.size();
    m_turnAzimuth = 0.0;
    m_turnElevation = 0.0;
    m_fitKey.clear();
}

std::vector<std::pair<std::string, sf::FloatRect>> FigureStage::buttons() const {
    std::vector<std::pair<std::string, sf::FloatRect>> out;
    if (!hasRoomForButtons()) {
        return out;
    }
    std::vector<const char*> labels;
    if (hasOtherView()) {
        labels.push_back(core::tr("Other view"));
    }
    if (turned() || m_view != 0) {
        labels.push_back(core::tr("Reset view"));
    }
    // In a row at the frame's top left, or one under the other where the row does not fit
    // beside the fault picture.
    const float height = 40.f;
    const float room =
        (faultRect().width > 0.f ? faultRect().left - m_frame.left : m_frame.width) - 10.f;
    const float width = std::min(220.f, m_frame.width - 20.f);
    const bool row = 2.f * (width + 10.f) <= room;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto k = static_cast<float>(i);
        out.emplace_back(labels[i], row ? sf::FloatRect{m_frame.left + 10.f + k * (width + 10.f),
                                                        m_frame.top + 10.f, width, height}
                                        : sf::FloatRect{m_frame.left + 10.f,
                                                        m_frame.top + 10.f + k * (height + 6.f),
                                                        width, height});
    }
    return out;
}

bool FigureStage::handleEvent(const sf::Event& event) {
    if (m_motion.size() == 0) {
        return false;
    }
    if (event.type == sf::Event::KeyPressed && event.key.control) {
        switch (event.key.code) {
        case sf::Keyboard::Left:
            m_turnAzimuth -= kTurnStep;
            break;
        case sf::Keyboard::Right:
            m_turnAzimuth += kTurnStep;
            break;
        case sf::Keyboard::Up:
            m_turnElevation += kTurnStep;
            break;
        case sf::Keyboard::Down:
            m_turnElevation -= kTurnStep;
            break;
        case sf::Keyboard::Home:
            resetView();
            return true;
        case sf::Keyboard::End:
            otherView();
            return true;
        default:
            return false;
        }
        // The elevation stays where a view makes sense.
        const auto& cameras = m_motion.scene().cameras;
        const double base =
            cameras.empty() ? 0.0 : cameras[std::min(m_view, cameras.size() - 1)].elevation;
        m_turnElevation = std::clamp(m_turnElevation, kMinElevation - base, kMaxElevation - base);
        m_fitKey.clear();
        return true;
    }
    if (event.type == sf::Event::MouseButtonPressed &&
        event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        for (const auto& [label, rect] : buttons()) {
            if (rect.contains(at)) {
                if (hasOtherView() && label == core::tr("Other view")) {
                    otherView();
                } else {
                    resetView();
                }
                return true;
            }
        }
        if (m_frame.contains(at)) {
            m_dragging = true;
            m_dragFrom = at;
            return true;
        }
        return false;
    }
    if (event.type == sf::Event::MouseButtonReleased && m_dragging) {
        m_dragging = false;
        return true;
    }
    if (event.type == sf::Event::MouseMoved && m_dragging) {
        const sf::Vector2f at{static_cast<float>(event.mouseMove.x),
                              static_cast<float>(event.mouseMove.y)};
        m_turnAzimuth -= 0.5 * static_cast<double>(at.x - m_dragFrom.x);
        const auto& cameras = m_motion.scene().cameras;
        const double base =
            cameras.empty() ? 0.0 : cameras[std::min(m_view, cameras.size() - 1)].elevation;
        m_turnElevation =
            std::clamp(m_turnElevation + 0.4 * static_cast<double>(at.y - m_dragFrom.y),
                       kMinElevation - base, kMaxElevation - base);
        m_dragFrom = at;
        m_fitKey.clear();
        return true;
    }
    return false;
}

bool FigureStage::hasRoomForButtons() const {
    return m_frame.width >= 240.f && m_frame.height >= 200.f;
}

sf::FloatRect FigureStage::faultRect() const {
    // Beside the figure at the right, in its upper part, when the frame is wide enough.
    if (m_exercise == nullptr || !m_motion.scene().fault || m_frame.width < 480.f ||
        m_frame.height < 220.f) {
        return {};
    }
    const float width = m_frame.width * 0.28f;
    return {m_frame.left + m_frame.width - width - 10.f, m_frame.top + 10.f, width,
            std::min(m_frame.height * 0.55f, width * 1.1f)};
}

void FigureStage::refit() {
    const core::Camera cam = camera();
    const std::string key = fmt::format("{:.2f},{:.2f},{},{},{},{}", cam.azimuth, cam.elevation,
                                        m_frame.left, m_frame.top, m_frame.width, m_frame.height);
    if (key == m_fitKey) {
        return;
    }
    m_fitKey = key;
    std::vector<core::Picture> pictures;
    for (std::size_t i = 0; i < m_motion.size(); ++i) {
        auto picture = core::picture(core::place(m_motion.key(i)), cam);
        pictures.push_back(std::move(picture));
    }
    sf::FloatRect area = m_frame;
    const sf::FloatRect fault = faultRect();
    if (fault.width > 0.f) {
        area.width -= fault.width + 10.f;
    }
    if (hasRoomForButtons()) {
        area.top += 44.f; // below the view buttons
        area.height = std::max(40.f, area.height - 44.f);
    }
    m_fit = fitPictures(pictures, area);
}

namespace {

// A view that draws `frame` (in the target's current coordinates) where it is now, clipped to it
// and to what the current view shows (a scrolling panel's part of the window).
sf::View clipTo(const sf::RenderTarget& target, sf::FloatRect frame) {
    const sf::View& now = target.getView();
    const sf::Vector2i a = target.mapCoordsToPixel({frame.left, frame.top}, now);
    const sf::Vector2i b =
        target.mapCoordsToPixel({frame.left + frame.width, frame.top + frame.height}, now);
    const sf::IntRect shown = target.getViewport(now);
    const float left = static_cast<float>(std::max(a.x, shown.left));
    const float top = static_cast<float>(std::max(a.y, shown.top));
    const float right = static_cast<float>(std::min(b.x, shown.left + shown.width));
    const float bottom = static_cast<float>(std::min(b.y, shown.top + shown.height));
    const sf::Vector2f size(target.getSize());
    if (right <= left || bottom <= top || b.x == a.x || b.y == a.y) {
        sf::View none(frame);
        none.setViewport({0.f, 0.f, 0.f, 0.f});
        return none;
    }
    // The part of the frame that stays visible, in the frame's coordinates.
    const float kx = frame.width / static_cast<float>(b.x - a.x);
    const float ky = frame.height / static_cast<float>(b.y - a.y);
    sf::View clip({frame.left + (left - static_cast<float>(a.x)) * kx,
                   frame.top + (top - static_cast<float>(a.y)) * ky, (right - left) * kx,
                   (bottom - top) * ky});
    clip.setViewport(
        {left / size.x, top / size.y, (right - left) / size.x, (bottom - top) / size.y});
    return clip;
}

} // namespace

void FigureStage::drawFigureOnly(sf::RenderTarget& target) const {
    const_cast<FigureStage*>(this)->refit();
    const core::Camera cam = camera();
    const auto body = core::place(shownPosture());
    auto picture = core::picture(body, cam);
    core::addProps(picture, m_motion.scene(), body, cam, m_bandRest);
    const auto bands = bandPaths();
    const sf::View saved = target.getView();
    target.setView(clipTo(target, m_frame));
    m_batch.clear();
    addMannequin(m_batch, target.getView(), picture, m_fit, cam, {}, bands);
    m_batch.draw(target);
    target.setView(saved);
}

void FigureStage::draw(sf::RenderTarget& target, const Fonts& fonts, Style style) const {
    const_cast<FigureStage*>(this)->refit();
    const core::Camera cam = camera();
    // Clipped to the frame, so nothing spills out of it.
    const sf::View saved = target.getView();
    target.setView(clipTo(target, m_frame));
    // The figure's shapes (the ghost, the scene and the body, the fault picture's box, figure
    // and cross) go into one batch of triangles, drawn before the caption: a draw call for each
    // run of opaque or see-through triangles.
    m_batch.clear();
    if (m_motion.size() > 0) {
        const sf::View& view = target.getView();
        const auto body = core::place(shownPosture());
        const auto start = core::place(m_motion.key(0));
        auto picture = core::picture(body, cam, core::workingParts(start, body, m_focus));
        core::addProps(picture, m_motion.scene(), body, cam, m_bandRest);
        // The start pose faint behind, then the scene and the body.
        if (style.ghost && !core::movingParts(start, body).empty()) {
            addMannequin(m_batch, view, core::picture(start, cam), m_fit, cam, {true, false});
        }
        addMannequin(m_batch, view, picture, m_fit, cam, {false, true}, bandPaths());
        if (style.fade < 1.f) {
            sf::Color ground = colour::panel;
            ground.a = static_cast<sf::Uint8>(255.f * std::clamp(1.f - style.fade, 0.f, 1.f));
            m_batch.rect(m_frame, ground);
        }
        const sf::FloatRect inset = faultRect();
        const bool fault = style.fault && inset.width > 0.f && m_exercise != nullptr && m_faultBody;
        if (fault) {
            // Its box, as drawRoundedRect draws it, in the batch (opaque, with the figure).
            m_batch.roundedRect(inset, 10.f, colour::background, colour::panelBorder, 1.f);
            if (activeAudit != nullptr) {
                activeAudit->add(target, inset, false, "box");
            }
        }
        // The caption under the fault picture, drawn after the batch.
        std::vector<sf::String> lines;
        float captionTop = 0.f;
        if (fault) {
            const std::string caption = m_exercise->text(core::uiLanguage()).fault.empty()
                                            ? std::string(core::tr("Not like this"))
                                            : m_exercise->text(core::uiLanguage()).fault;
            lines = wrapText(caption, fonts.regular, typeSize::small, (inset.width - 16.f) * 0.97f);
            const float captionHeight = static_cast<float>(std::min<std::size_t>(lines.size(), 2)) *
                                            static_cast<float>(typeSize::small) * 1.3f +
                                        8.f;
            const sf::FloatRect figureArea{inset.left + 4.f, inset.top + 4.f, inset.width - 8.f,
                                           std::max(30.f, inset.height - captionHeight - 8.f)};
            const auto& faultBody = *m_faultBody;
            auto faultPicture = core::picture(faultBody, cam);
            core::addProps(faultPicture, m_motion.scene(), faultBody, cam, m_bandRest);
            if (m_ropes.faultKey != ropeKey()) {
                m_ropes.fault = settledBands(m_motion.scene(), faultBody, cam, m_bandRest);
                m_ropes.faultKey = ropeKey();
            }
            const auto faultFit = fitPictures({faultPicture}, figureArea);
            addMannequin(m_batch, view, faultPicture, faultFit, cam, {false, false}, m_ropes.fault);
            addCross(m_batch, figureArea);
            captionTop = figureArea.top + figureArea.height + 2.f;
        }
        m_batch.draw(target);
        float y = captionTop;
        for (std::size_t i = 0; i < lines.size() && i < 2; ++i) {
            drawText(target, lines[i], fonts.regular, typeSize::small, {inset.left + 8.f, y},
                     colour::text);
            y += static_cast<float>(typeSize::small) * 1.3f;
        }
    }
    target.setView(saved);
    if (style.controls) {
        for (const auto& [label, rect] : buttons()) {
            drawButton(target, fonts, rect, label, false, false, typeSize::small);
        }
    }
}

} // namespace motus::app
