#pragma once
#include "core/Skeleton.hpp"

#include <memory>
#include <vector>

// A resistance band as a Box2D rope in the picture's plane (docs/figure-v2.md): a chain of small
// light bodies linked by springs, from its anchor to the hand that holds it. Slack, it hangs in
// a curve under gravity; pulled beyond its rest length, its tension holds it straight. Metres and
// seconds; no Box2D and no renderer here.
namespace motus::figure {

using Point = core::Vec2;

struct BandDef {
    int links = 12;          // springs from the anchor to the hand
    double stiffness = 25.0; // N for the band stretched to twice its rest length
    // Each link's spring frequency times the step: the links' mass follows from it (about 2 g a
    // link for a metre of band at 1/480 s, more for a shorter one), as heavy as a stable chain
    // needs, so that a short band stretched hard does not shake. Stretched by a tenth, any band
    // then sags about a centimetre; by a third, a few millimetres.
    double linkOmegaStep = 0.8;
    double dampingRatio = 0.7;     // of each link's spring
    double drag = 12.0;            // damping of the links moving across, 1/s (the band settles)
    double gravity = 9.81;         // m/s², down the picture (less when seen from above)
    double timeStep = 1.0 / 480.0; // fixed physics step, seconds (stiff links need it short)
    double maxStep = 1.0;          // longest time one step() simulates (a long pause settles)
};

class BandRope {
public:
    // A band whose ends are at `anchor` and `hand`, at rest in a straight line between them.
    BandRope(Point anchor, Point hand, double restLength, const BandDef& def = {});
    ~BandRope();
    BandRope(BandRope&&) noexcept;
    BandRope& operator=(BandRope&&) noexcept;
    BandRope(const BandRope&) = delete;
    BandRope& operator=(const BandRope&) = delete;

    // Moves the ends to `anchor` and `hand` over `seconds` (along a straight line from where they
    // were) in fixed physics steps: the same path whatever the frame rate. The remainder of a
    // step is kept for the next call.
    void step(Point anchor, Point hand, double seconds);
    // Lets the band hang `seconds` with its ends where they are.
    void settle(double seconds);
    // Another rest length (the band seen more or less foreshortened).
    void setRestLength(double metres);
    [[nodiscard]] double restLength() const;
    // The band from its anchor to the hand.
    [[nodiscard]] std::vector<Point> points() const;
    // The length of the band over its rest length: 1 or about when slack, above 1 when stretched.
    [[nodiscard]] double stretch() const;
    [[nodiscard]] std::size_t stepsTaken() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace motus::figure
