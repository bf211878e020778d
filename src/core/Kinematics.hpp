#pragma once
#include "Exercise.hpp"
#include "Skeleton.hpp"

#include <array>
#include <utility>
#include <vector>

// Forward kinematics of the documented skeleton: from a pose's joint angles to the position of
// every segment in the plane of the view, in metres, with the floor at y = 0 and y up. The
// figure faces +x in the side view and the viewer in the front and top views (its left at +x).
namespace motus::core {

struct SegmentPlacement {
    Vec2 start;          // proximal end (for the foot: the heel)
    Vec2 end;            // distal end (for the foot: the toes)
    double radius = 0.0; // half the segment's thickness, metres
};

struct BodyPlacement {
    std::array<SegmentPlacement, kSegmentCount> segments{};

    [[nodiscard]] const SegmentPlacement& operator[](Segment s) const {
        return segments.at(static_cast<std::size_t>(s));
    }
    // The lowest y of a segment's surface.
    [[nodiscard]] double lowest(Segment s) const;
    [[nodiscard]] double lowestOverall() const;
    // The leftmost and rightmost x of the segments' ends.
    [[nodiscard]] std::pair<double, double> horizontalExtent() const;
};

// +1 or -1: the sense (counter-clockwise positive) in which a positive angle of `joint`
// turns its distal segment on screen in `view`.
[[nodiscard]] int rotationSense(Joint joint, View view);

// Places the body with the hip centre at x = 0 and its lowest point on the floor (y = 0).
// The box every given body fits in, segment thickness included: x from minX to maxX, y from
// the floor (0) up to maxY (at least 0.5 m), in metres. For fitting figures into a frame.
struct Extent {
    double minX = 0;
    double maxX = 0;
    double maxY = 0.5;
};
[[nodiscard]] Extent extentOf(const std::vector<BodyPlacement>& bodies);

[[nodiscard]] BodyPlacement placeBody(const Pose& pose, View view, double heightMetres,
                                      const Proportions& proportions = {});

// Smooth start and stop between keyframes: 0 -> 0, 1 -> 1, zero speed at both ends.
[[nodiscard]] double easeInOut(double t);

// Blends two poses joint by joint (t in 0..1); contacts come from the nearer pose.
[[nodiscard]] Pose blendPoses(const Pose& from, const Pose& to, double t);

// Swaps the left and right sides of a pose (for the other side of one-sided work). In the
// front and top views the spine's lateral flexion and the orientation change sign as well.
[[nodiscard]] Pose mirrorPose(const Pose& pose, View view);

} // namespace motus::core
