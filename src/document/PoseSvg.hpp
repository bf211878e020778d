#pragma once
#include "core/Exercise.hpp"

#include <string>
#include <vector>

// The key poses of an exercise as inline SVG: the figure the app draws (src/app/Render.cpp), made
// from the same kinematics (core::placeBody): rounded segments, the head a circle, the far limbs
// lighter, the floor, and a mat or a wall when the exercise uses one. Every pose of one exercise
// is drawn at one scale, so that the pictures compare.
namespace motus::document {

struct PoseSvgSize {
    double width = 210; // CSS pixels
    double height = 150;
};

// One <svg> element per key pose, in the order of the exercise's poses; `labels` (one per pose)
// are their accessible names (the captions are the caller's).
[[nodiscard]] std::vector<std::string> keyPoseSvgs(const core::Exercise& exercise,
                                                   const std::vector<std::string>& labels,
                                                   PoseSvgSize size = {});

} // namespace motus::document
