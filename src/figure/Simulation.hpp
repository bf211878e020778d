#pragma once
// What the figure's simulations (the band's rope, the pendulum arm) share: points between the
// picture's metres and Box2D's, and stepping in fixed steps. Private to src/figure.
#include "core/Skeleton.hpp"

#include <box2d/box2d.h>

#include <algorithm>
#include <cmath>

namespace motus::figure::detail {

inline b2Vec2 toBox2D(core::Vec2 p) {
    return {static_cast<float>(p.x), static_cast<float>(p.y)};
}

// The point `t` of the way from `a` to `b` (an end moved along a straight line between frames).
inline core::Vec2 lerp(core::Vec2 a, core::Vec2 b, double t) {
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

// Runs whole fixed steps of `step` seconds over `seconds` of real time, the remainder kept in
// `accumulator` for the next call. The simulation lags real time by the accumulator: step k of
// the call ends k·step − accumulator after its start, and `substep(t)` is told how far through
// the call (0..1) that is, so that a driven end moves along a straight line between frames and
// the simulation runs alike at any frame rate.
template <class Substep>
void fixedSteps(double& accumulator, double seconds, double step, Substep&& substep) {
    const double lag = accumulator;
    const double total = accumulator + seconds;
    const auto count = static_cast<long>(std::floor(total / step + 1e-9));
    for (long k = 1; k <= count; ++k) {
        const double when = static_cast<double>(k) * step - lag;
        substep(seconds > 0.0 ? std::clamp(when / seconds, 0.0, 1.0) : 1.0);
    }
    accumulator = std::max(0.0, total - static_cast<double>(count) * step);
}

} // namespace motus::figure::detail
