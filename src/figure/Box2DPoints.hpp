#pragma once
// Points between the picture's metres and Box2D's, for the figure's simulations (the band's
// rope, the pendulum arm). Private to src/figure.
#include "core/Skeleton.hpp"

#include <box2d/box2d.h>

namespace motus::figure::detail {

inline b2Vec2 toBox2D(core::Vec2 p) {
    return {static_cast<float>(p.x), static_cast<float>(p.y)};
}

// The point `t` of the way from `a` to `b` (an end moved along a straight line between frames).
inline core::Vec2 lerp(core::Vec2 a, core::Vec2 b, double t) {
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

} // namespace motus::figure::detail
