#pragma once
#include "core/Exercise.hpp"

#include <string>
#include <vector>

// The key poses of an exercise as inline SVG: the 3-D mannequin the app draws
// (core/MannequinView's picture, as src/app/MannequinDraw.cpp draws it), seen from the scene's
// default camera: shaded rounded parts with an outline and a highlight, the face, the line of the
// back, the floor, the props (walls and mats behind), the parts that move in the exercise
// highlighted and the starting pose faint behind the later ones. Every pose of one exercise is
// drawn at one scale, so that the pictures compare.
namespace motus::document {

struct PoseSvgSize {
    double width = 210; // CSS pixels
    double height = 150;
};

// One <svg class="pose"> element per key pose, in the order of the exercise's poses, then, when
// its scene has a fault pose, one <svg class="pose fault"> of it crossed out. `labels` (one per
// pose, then one for the fault) are their accessible names (the captions are the caller's); a
// missing fault label is "Not like this", translated.
[[nodiscard]] std::vector<std::string> keyPoseSvgs(const core::Exercise& exercise,
                                                   const std::vector<std::string>& labels,
                                                   PoseSvgSize size = {});

} // namespace motus::document
