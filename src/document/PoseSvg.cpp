#include "PoseSvg.hpp"

#include "Html.hpp"
#include "core/I18n.hpp"
#include "core/MannequinView.hpp"
#include "core/Scene.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace motus::document {
namespace {

using core::Projected;
using core::Shape;
using core::Tone;

struct Rgb {
    double r = 0;
    double g = 0;
    double b = 0;
};

// The calm palette of the app (src/app/Theme.hpp, kCalmPalette), copied: document/ does not
// include app/ headers. Keep them in step.
constexpr Rgb kBackground{246, 244, 239};
constexpr Rgb kPanel{255, 255, 255};
constexpr Rgb kText{31, 41, 51};
constexpr Rgb kFloor{170, 162, 150};
constexpr Rgb kFigureNear{38, 70, 101};
constexpr Rgb kFigureFar{112, 140, 166};
constexpr Rgb kFigureTrunk{58, 92, 125};
// As src/app/MannequinDraw.cpp: Okabe-Ito vermillion for what moves and the fault's cross,
// Okabe-Ito bluish green for a band, wood for a dowel.
constexpr Rgb kVermillion{213, 94, 0};
constexpr Rgb kBandGreen{0, 158, 115};
constexpr Rgb kWood{150, 108, 58};
constexpr Rgb kIron{70, 74, 82};
constexpr Rgb kWhite{255, 255, 255};

Rgb scaled(Rgb c, double k) {
    auto channel = [k](double v) { return std::clamp(v * k, 0.0, 255.0); };
    return {channel(c.r), channel(c.g), channel(c.b)};
}

Rgb mixed(Rgb a, Rgb b, double t) {
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

std::string hex(Rgb c) {
    auto channel = [](double v) {
        return static_cast<int>(std::lround(std::clamp(v, 0.0, 255.0)));
    };
    return fmt::format("#{:02x}{:02x}{:02x}", channel(c.r), channel(c.g), channel(c.b));
}

Rgb toneColour(Tone tone) {
    switch (tone) {
    case Tone::Near:
        return kFigureNear;
    case Tone::Far:
        return kFigureFar;
    case Tone::Head:
    case Tone::Trunk:
        return kFigureTrunk;
    case Tone::Prop:
        return mixed(kFloor, kBackground, 0.35);
    case Tone::Top:
        return mixed(kFloor, kBackground, 0.65);
    case Tone::Mat:
        return mixed(kBackground, kFigureFar, 0.45);
    case Tone::Wall:
        return mixed(kBackground, kFloor, 0.3);
    case Tone::Band:
        return kBandGreen;
    case Tone::Dowel:
        return mixed(kWood, kFloor, 0.2);
    case Tone::Weight:
        return kIron;
    }
    return kFigureTrunk;
}

bool isBodyTone(Tone tone) {
    return tone == Tone::Near || tone == Tone::Far || tone == Tone::Trunk || tone == Tone::Head;
}

bool isBackTone(Tone tone) {
    return tone == Tone::Wall || tone == Tone::Mat;
}

// A coordinate with one decimal: the pictures are small, and so is their text.
std::string d1(double value) {
    if (!std::isfinite(value)) {
        return "0";
    }
    double rounded = std::round(value * 10.0) / 10.0;
    if (rounded == 0.0) {
        rounded = 0.0; // no "-0"
    }
    std::string text = fmt::format("{:.1f}", rounded);
    if (text.ends_with(".0")) {
        text.resize(text.size() - 2);
    }
    return text;
}

struct Point {
    double x = 0;
    double y = 0;
};

// Metres on the picture to the SVG's pixels (y down), as app::fitPictures: every picture whole
// with a margin, the floor near the bottom; walls and mats run off the picture.
struct Fit {
    double scale = 100;
    Point origin; // where (0, 0) of the picture lands
    [[nodiscard]] Point operator()(const Projected& p) const {
        return {origin.x + p.x * scale, origin.y - p.y * scale};
    }
};

Fit fitAll(const std::vector<core::Picture>& pictures, PoseSvgSize size) {
    const auto [minX, maxX, minY, maxY] = core::extentOf(pictures);
    const double margin = 0.08 * std::min(size.width, size.height);
    Fit fit;
    fit.scale = std::min((size.width - 2 * margin) / std::max(maxX - minX, 0.1),
                         (size.height - 2 * margin) / std::max(maxY - minY, 0.1));
    fit.origin = {size.width / 2 - (minX + maxX) / 2 * fit.scale,
                  size.height - margin + minY * fit.scale};
    return fit;
}

std::string line(Point a, Point b, Rgb colour, double width) {
    return fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>)",
                       d1(a.x), d1(a.y), d1(b.x), d1(b.y), hex(colour), d1(width));
}

// What a prop's shapes are, for a reader of the SVG (and its tests).
std::string_view propClass(Tone tone) {
    switch (tone) {
    case Tone::Mat:
        return "mat";
    case Tone::Wall:
        return "wall";
    case Tone::Top:
        return "prop top";
    case Tone::Band:
        return "band";
    case Tone::Dowel:
        return "dowel";
    case Tone::Weight:
        return "weight";
    default:
        return "prop";
    }
}

std::string circle(Point c, double r, Rgb fill) {
    return fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}"/>)", d1(c.x), d1(c.y), d1(r),
                       hex(fill));
}

// The convex hull of the outline's points (a foot's sole, a prop's box), as a polygon's points.
std::string hullPoints(const std::vector<Projected>& outline, const Fit& fit) {
    std::vector<core::Vec2> flat;
    for (const auto& p : outline) {
        const Point q = fit(p);
        flat.push_back({q.x, q.y});
    }
    const auto hull = core::convexHull(flat);
    if (hull.size() < 3) {
        return {};
    }
    std::string points;
    for (const auto& p : hull) {
        points += d1(p.x) + ',' + d1(p.y) + ' ';
    }
    points.pop_back();
    return points;
}

std::string polygon(const std::vector<Projected>& outline, const Fit& fit, Rgb fill,
                    const Rgb* edge, double edgeWidth) {
    const std::string points = hullPoints(outline, fit);
    if (points.empty()) {
        return {};
    }
    if (edge == nullptr) {
        return fmt::format(R"(<polygon points="{}" fill="{}"/>)", points, hex(fill));
    }
    return fmt::format(R"(<polygon points="{}" fill="{}" stroke="{}" stroke-width="{}" )"
                       R"(stroke-linejoin="round"/>)",
                       points, hex(fill), hex(*edge), d1(edgeWidth));
}

bool isDot(const Shape& shape) {
    return std::abs(shape.a.x - shape.b.x) < 1e-9 && std::abs(shape.a.y - shape.b.y) < 1e-9;
}

// The floor: a line seen level, a band seen from above (its depth foreshortened).
std::string drawFloor(const Fit& fit, const core::Camera& camera, PoseSvgSize size) {
    const double y = fit({0.0, 0.0, 0.0}).y;
    std::string out;
    const double depth = std::sin(camera.elevation * std::numbers::pi / 180.0);
    if (depth > 0.05) {
        out += fmt::format(R"(<rect x="0" y="{}" width="{}" height="{}" fill="{}"/>)",
                           d1(y - 0.45 * fit.scale * depth), d1(size.width),
                           d1(0.9 * fit.scale * depth), hex(mixed(kBackground, kFloor, 0.25)));
    }
    out += fmt::format(R"(<line class="floor" x1="0" y1="{0}" x2="{1}" y2="{0}" stroke="{2}" )"
                       R"(stroke-width="1.5"/>)",
                       d1(y + 0.75), d1(size.width), hex(kFloor));
    return out;
}

// A prop's shape (not the body's): its box's outline, the band thinning as it stretches, a
// dowel or a ball as an outlined capsule.
std::string propShape(const Shape& shape, const Fit& fit, double edge) {
    const Rgb base = toneColour(shape.tone);
    if (!shape.outline.empty()) {
        const Rgb outline = scaled(base, 0.75);
        return polygon(shape.outline, fit, base, shape.tone == Tone::Top ? nullptr : &outline,
                       edge);
    }
    const Point a = fit(shape.a);
    const Point b = fit(shape.b);
    const double r = std::max(shape.radius * fit.scale, 1.0);
    if (shape.tone == Tone::Band) {
        const double k = std::clamp(shape.stretch, 0.8, 2.5);
        const double width = std::max(1.5, r * 2.2 / std::sqrt(k));
        return line(a, b, scaled(base, 1.15 - 0.25 * (k - 0.8)), width);
    }
    if (isDot(shape)) {
        return fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" )"
                           R"(stroke-width="{}"/>)",
                           d1(a.x), d1(a.y), d1(r + edge / 2), hex(base), hex(scaled(base, 0.7)),
                           d1(edge));
    }
    return line(a, b, scaled(base, 0.7), 2 * (r + edge)) + line(a, b, base, 2 * r);
}

std::string drawProp(const Shape& shape, const Fit& fit, double edge) {
    std::string drawn = propShape(shape, fit, edge);
    return drawn.empty() ? drawn
                         : fmt::format(R"(<g class="{}">{}</g>)", propClass(shape.tone), drawn);
}

// The face: the nose shows where the head points; the eye and the mouth when the face is towards
// the viewer.
std::string drawFace(const core::FaceMarks& face, const Fit& fit, double r, Rgb fill, Rgb edge,
                     double edgeWidth) {
    const Point nose = fit(face.nose);
    std::string out = fmt::format(
        R"(<circle class="nose" cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="{}"/>)",
        d1(nose.x), d1(nose.y), d1(std::max(1.0, 0.18 * r)), hex(fill), hex(edge), d1(edgeWidth));
    if (face.visible) {
        const Point eye = fit(face.eye);
        out += fmt::format(R"(<circle class="eye" cx="{}" cy="{}" r="{}" fill="{}"/>)", d1(eye.x),
                           d1(eye.y), d1(std::max(0.7, 0.09 * r)), hex(kText));
        const Point chin = fit(face.chin);
        auto towardsNose = [&](double t) {
            return Point{chin.x + (nose.x - chin.x) * t, chin.y + (nose.y - chin.y) * t};
        };
        out += line(towardsNose(0.35), towardsNose(0.1), edge, std::max(0.6, 0.1 * r));
    }
    return out;
}

struct Style {
    double edge = 1.0; // the outline's width, pixels
    bool ghost = false;
};

// The body's shapes (and the props standing among them) in their order, far to near; the walls
// and mats are the caller's.
std::string drawFigure(const core::Picture& picture, const Fit& fit, Style style) {
    std::string out;
    const Rgb faint = mixed(kBackground, kFigureFar, 0.28);
    bool spineDrawn = false;
    for (const auto& shape : picture.shapes) {
        if (isBackTone(shape.tone)) {
            continue;
        }
        if (!isBodyTone(shape.tone)) {
            if (!style.ghost) {
                out += drawProp(shape, fit, style.edge);
            }
            continue;
        }
        const Point a = fit(shape.a);
        const Point b = fit(shape.b);
        const double r = shape.radius * fit.scale;
        if (style.ghost) {
            if (!shape.outline.empty()) {
                out += polygon(shape.outline, fit, faint, nullptr, 0);
            } else if (isDot(shape)) {
                out += circle(a, r, faint);
            } else {
                out += line(a, b, faint, 2 * r);
            }
            continue;
        }
        Rgb base = toneColour(shape.tone);
        if (shape.highlighted) {
            base = mixed(base, kVermillion, 0.4);
        }
        const Rgb edge = scaled(base, 0.6);
        const Rgb fill = scaled(base, 0.78 + 0.32 * shape.light);
        const Rgb shine = mixed(fill, kWhite, 0.28);
        const std::string mark = shape.highlighted ? R"( class="moving")" : "";
        if (!shape.outline.empty()) {
            const std::string drawn = polygon(shape.outline, fit, fill, &edge, style.edge);
            out += mark.empty() || drawn.empty() ? drawn : "<g" + mark + ">" + drawn + "</g>";
            continue;
        }
        // An outline, the fill, and a narrow highlight towards the light (up and left): a rounded,
        // mannequin-like part rather than a stick.
        const Point offset{-0.3 * r, -0.3 * r};
        const Point a2{a.x + offset.x, a.y + offset.y};
        const Point b2{b.x + offset.x, b.y + offset.y};
        out += mark.empty() ? "" : "<g" + mark + ">";
        if (isDot(shape)) {
            out += fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" )"
                               R"(stroke-width="{}"/>)",
                               d1(a.x), d1(a.y), d1(r + style.edge / 2), hex(fill), hex(edge),
                               d1(style.edge));
            out += circle(a2, 0.38 * r, shine);
        } else {
            out += line(a, b, edge, 2 * (r + style.edge));
            out += line(a, b, fill, 2 * r);
            out += line(a2, b2, shine, 0.76 * r);
        }
        out += mark.empty() ? "" : "</g>";
        if (shape.part == core::Part::Head) {
            out += drawFace(picture.face, fit, r, fill, edge, style.edge);
        }
        if (shape.part == core::Part::Thorax && !spineDrawn && picture.spine.size() >= 2) {
            // The line of the back, on the back, before the limbs in front of it.
            spineDrawn = true;
            std::string points;
            for (const auto& p : picture.spine) {
                const Point q = fit(p);
                points += d1(q.x) + ',' + d1(q.y) + ' ';
            }
            points.pop_back();
            out += fmt::format(R"(<polyline class="spine" points="{}" fill="none" stroke="{}" )"
                               R"(stroke-width="{}" stroke-linejoin="round"/>)",
                               points, hex(mixed(kFigureTrunk, kPanel, 0.55)),
                               d1(std::max(0.8, 0.012 * fit.scale)));
        }
    }
    return out;
}

// Walls and mats: behind everything, the body and its props stand on them.
std::string drawBack(const core::Picture& picture, const Fit& fit, double edge) {
    std::string out;
    for (const auto& shape : picture.shapes) {
        if (isBackTone(shape.tone)) {
            out += drawProp(shape, fit, edge);
        }
    }
    return out;
}

// Two broad vermillion strokes corner to corner: the fault, crossed out.
std::string drawCross(PoseSvgSize size) {
    const double small = std::min(size.width, size.height);
    const double inset = 0.12 * small;
    const double width = 2 * std::max(1.5, 0.025 * small);
    const Point a{inset, inset};
    const Point b{size.width - inset, size.height - inset};
    return fmt::format(R"(<g class="cross" stroke="{}" stroke-opacity="0.78" stroke-width="{}">)",
                       hex(kVermillion), d1(width)) +
           fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}"/>)", d1(a.x), d1(a.y), d1(b.x),
                       d1(b.y)) +
           fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}"/>)", d1(b.x), d1(a.y), d1(a.x),
                       d1(b.y)) +
           "</g>";
}

// The exercise's scene; a scene without poses (an exercise built in code) takes them from the
// version-1 poses, as the loader does.
core::Scene sceneOf(const core::Exercise& exercise) {
    core::Scene scene = exercise.scene;
    if (scene.cameras.empty()) {
        scene.cameras = {core::cameraFor(exercise.view)};
    }
    if (scene.poses.size() < exercise.poses.size()) {
        scene.poses.clear();
        for (const auto& pose : exercise.poses) {
            core::KeyPose key;
            key.id = pose.id;
            key.posture = core::fromVersion1(pose, exercise.view);
            scene.poses.push_back(std::move(key));
        }
    }
    return scene;
}

} // namespace

std::vector<std::string> keyPoseSvgs(const core::Exercise& exercise,
                                     const std::vector<std::string>& labels, PoseSvgSize size) {
    const core::Scene scene = sceneOf(exercise);
    const core::Camera camera = scene.cameras.front();
    const std::size_t count = exercise.poses.size();
    std::vector<core::Mannequin> bodies;
    for (std::size_t i = 0; i < count; ++i) {
        bodies.push_back(core::place(core::settledPose(scene, i)));
    }
    const bool fault = scene.fault.has_value();
    if (fault) {
        bodies.push_back(
            core::place(core::settle(scene, scene.fault->posture, scene.fault->contacts)));
    }
    if (bodies.empty()) {
        return {};
    }
    std::vector<core::Picture> pictures;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        const bool isFault = i >= count;
        auto picture = core::picture(
            bodies[i], camera,
            isFault ? std::vector<core::Part>{}
                    : core::workingParts(bodies.front(), bodies[i], scene.poses[i].focus));
        core::addProps(picture, scene, bodies[i], camera);
        pictures.push_back(std::move(picture));
    }
    const Fit fit = fitAll(pictures, size);
    const core::Picture ghost = core::picture(bodies.front(), camera);
    const Style style{std::max(0.6, 0.008 * std::min(size.width, size.height)), false};
    auto label = [&](std::size_t i) -> std::string {
        if (i < labels.size()) {
            return labels[i];
        }
        return i < count ? exercise.poses[i].id : std::string(core::tr("Not like this"));
    };
    std::vector<std::string> out;
    for (std::size_t i = 0; i < pictures.size(); ++i) {
        const bool isFault = i >= count;
        std::string svg = fmt::format(
            R"(<svg xmlns="http://www.w3.org/2000/svg" class="{0}" width="{1}" height="{2}" )"
            R"(viewBox="0 0 {1} {2}" role="img" aria-label="{3}">)",
            isFault ? "pose fault" : "pose", d1(size.width), d1(size.height), escape(label(i)));
        svg += fmt::format("<title>{}</title>", escape(label(i)));
        svg += drawFloor(fit, camera, size);
        svg += R"(<g stroke-linecap="round">)";
        svg += drawBack(pictures[i], fit, style.edge);
        if (i > 0 && !isFault) {
            svg += R"(<g class="ghost">)" + drawFigure(ghost, fit, {style.edge, true}) + "</g>";
        }
        svg += drawFigure(pictures[i], fit, style);
        if (isFault) {
            svg += drawCross(size);
        }
        svg += "</g></svg>";
        out.push_back(std::move(svg));
    }
    return out;
}

} // namespace motus::document
