#include "PoseSvg.hpp"

#include "Html.hpp"
#include "core/Kinematics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace motus::document {
namespace {

using core::Segment;

constexpr double kHeight = 1.75; // metres: the figure's height, as in the app
constexpr const char* kNear = "#26466a";
constexpr const char* kFar = "#8aa3bb";
constexpr const char* kTrunk = "#3a5c7d";
constexpr const char* kFloor = "#777";

bool uses(const core::Exercise& exercise, std::string_view item) {
    return std::find(exercise.equipment.begin(), exercise.equipment.end(), item) !=
           exercise.equipment.end();
}

struct Fit {
    double scale = 100;
    double originX = 0; // where x = 0 m lands
    double floorY = 0;  // where y = 0 m lands
};

Fit fitAll(const std::vector<core::BodyPlacement>& bodies, PoseSvgSize size) {
    const auto [minX, maxX, maxY] = core::extentOf(bodies);
    const double margin = 0.08 * std::min(size.width, size.height);
    const double floorSpace = 0.10 * size.height;
    Fit fit;
    fit.scale = std::min((size.width - 2 * margin) / std::max(maxX - minX, 0.1),
                         (size.height - margin - floorSpace) / std::max(maxY, 0.1));
    fit.originX = size.width / 2 - (minX + maxX) / 2 * fit.scale;
    fit.floorY = size.height - floorSpace;
    return fit;
}

std::string drawBody(const core::BodyPlacement& body, const core::Exercise& exercise,
                     const Fit& fit, PoseSvgSize size) {
    auto x = [&](double metres) { return fit.originX + metres * fit.scale; };
    auto y = [&](double metres) { return fit.floorY - metres * fit.scale; };
    std::string out;
    if (uses(exercise, "mat")) {
        const auto [minX, maxX] = body.horizontalExtent();
        const double left = std::max(2.0, x(minX - 0.12));
        const double right = std::min(size.width - 2, x(maxX + 0.12));
        out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="4" fill="#cfd8cf" )"
                           R"(stroke="#6b7b6b" stroke-width="0.6"/>)",
                           num(left), num(fit.floorY - 4), num(right - left));
    }
    if (uses(exercise, "wall") && exercise.view == core::View::Side) {
        double back = body[Segment::Pelvis].start.x;
        for (auto s : {Segment::Pelvis, Segment::Abdomen, Segment::Thorax, Segment::Head}) {
            back =
                std::min({back, body[s].start.x - body[s].radius, body[s].end.x - body[s].radius});
        }
        out += fmt::format(R"(<rect x="{}" y="4" width="6" height="{}" fill="#bbb" )"
                           R"(stroke="{}" stroke-width="0.6"/>)",
                           num(x(back) - 6), num(fit.floorY - 4), kFloor);
    }
    out += fmt::format(R"(<line x1="2" y1="{0}" x2="{1}" y2="{0}" stroke="{2}" stroke-width="2"/>)",
                       num(fit.floorY), num(size.width - 2), kFloor);
    auto segment = [&](Segment s, const char* colour) {
        const auto& placed = body[s];
        const double drawn = placed.radius > 0 ? placed.radius : body[Segment::ShankL].radius * 0.6;
        const double width = std::max(2.5, drawn * fit.scale * 1.6);
        return fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" )"
                           R"(stroke-width="{}" stroke-linecap="round"/>)",
                           num(x(placed.start.x)), num(y(placed.start.y)), num(x(placed.end.x)),
                           num(y(placed.end.y)), colour, num(width));
    };
    const bool side = exercise.view == core::View::Side;
    // In the side view the right limbs are the far side: drawn first and lighter.
    const char* far = side ? kFar : kNear;
    for (auto s : {Segment::UpperArmR, Segment::ForearmR, Segment::HandR, Segment::ThighR,
                   Segment::ShankR, Segment::FootR}) {
        out += segment(s, far);
    }
    if (!side) {
        // Seen from the front the trunk is as wide as the shoulders and hips.
        const core::Vec2 corners[4] = {body[Segment::UpperArmL].start,
                                       body[Segment::UpperArmR].start, body[Segment::ThighR].start,
                                       body[Segment::ThighL].start};
        std::string points;
        for (const auto& c : corners) {
            points += fmt::format("{},{} ", num(x(c.x)), num(y(c.y)));
        }
        points.pop_back();
        const double edge = std::max(3.0, body[Segment::UpperArmL].radius * fit.scale * 2);
        out += fmt::format(R"(<polygon points="{}" fill="{}" stroke="{}" stroke-width="{}" )"
                           R"(stroke-linejoin="round"/>)",
                           points, kTrunk, kTrunk, num(edge));
    }
    for (auto s : {Segment::Pelvis, Segment::Abdomen, Segment::Thorax, Segment::Neck}) {
        out += segment(s, kTrunk);
    }
    const auto& head = body[Segment::Head];
    out += fmt::format(R"(<circle cx="{}" cy="{}" r="{}" fill="{}"/>)",
                       num(x((head.start.x + head.end.x) / 2)),
                       num(y((head.start.y + head.end.y) / 2)),
                       num(std::max(4.0, head.radius * fit.scale * 1.1)), kTrunk);
    for (auto s : {Segment::ThighL, Segment::ShankL, Segment::FootL, Segment::UpperArmL,
                   Segment::ForearmL, Segment::HandL}) {
        out += segment(s, kNear);
    }
    return out;
}

} // namespace

std::vector<std::string> keyPoseSvgs(const core::Exercise& exercise,
                                     const std::vector<std::string>& labels, PoseSvgSize size) {
    std::vector<core::BodyPlacement> bodies;
    for (const auto& pose : exercise.poses) {
        bodies.push_back(core::placeBody(pose, exercise.view, kHeight));
    }
    const Fit fit = fitAll(bodies, size);
    auto label = [&](std::size_t i) {
        return i < labels.size() ? labels[i] : exercise.poses[i].id;
    };
    std::vector<std::string> out;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        std::string svg = fmt::format(
            R"(<svg xmlns="http://www.w3.org/2000/svg" class="pose" width="{0}" height="{1}" )"
            R"(viewBox="0 0 {0} {1}" role="img" aria-label="{2}">)",
            num(size.width), num(size.height), escape(label(i)));
        svg += fmt::format("<title>{}</title>", escape(label(i)));
        svg += drawBody(bodies[i], exercise, fit, size);
        svg += "</svg>";
        out.push_back(std::move(svg));
    }
    return out;
}

} // namespace motus::document
