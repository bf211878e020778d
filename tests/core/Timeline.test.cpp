#include "core/Timeline.hpp"

#include <catch2/catch.hpp>

using namespace motus::core;
using namespace std::chrono_literals;

namespace {

// An exercise whose rep is: in -> top, hold, out -> start.
Exercise holdExercise() {
    Exercise ex;
    ex.id = "hold";
    ex.texts["en"].name = "Hold";
    ex.poses.resize(2);
    ex.poses[0].id = "start";
    ex.poses[1].id = "top";
    ex.phases = {{PhaseType::In, 1}, {PhaseType::Hold, 1}, {PhaseType::Out, 0}};
    return ex;
}

Dose dose(int sets, int reps, int hold, int tempo, int rest, Side side,
          std::vector<int> pyramid = {}) {
    Dose d;
    d.sets = sets;
    d.reps = reps;
    d.holdSeconds = hold;
    d.tempoSeconds = tempo;
    d.restSeconds = rest;
    d.side = side;
    d.pyramid = std::move(pyramid);
    return d;
}

// The formula of clinical-rules.md §1: a rep is tempo + hold + tempo; sides double the reps of
// one-sided work; "each" adds a switch between the sides of every set; rest between sets.
Millis expectedTotal(const Dose& d, const TimelineOptions& o) {
    const int sides = d.side == Side::Alternate || d.side == Side::Each ? 2 : 1;
    Millis total = o.getReady;
    for (int s = 0; s < d.sets; ++s) {
        total += Millis((2 * d.tempoSeconds + d.holdSeconds) * 1000) * d.repsInSet(s) * sides;
        if (d.side == Side::Each) {
            total += o.switchSides;
        }
        if (s + 1 < d.sets) {
            total += Millis(d.restSeconds * 1000);
        }
    }
    return total;
}

std::size_t count(const Timeline& t, StepKind kind) {
    return static_cast<std::size_t>(std::count_if(t.steps().begin(), t.steps().end(),
                                                  [&](const Step& s) { return s.kind == kind; }));
}

} // namespace

TEST_CASE("durations and step counts match the formula for many doses", "[core][timeline]") {
    const Exercise ex = holdExercise();
    const TimelineOptions options;
    const std::vector<Dose> doses{
        dose(3, 10, 10, 2, 30, Side::Both),
        dose(1, 1, 0, 1, 0, Side::Both),              // hold 0: no hold step
        dose(3, 6, 10, 2, 30, Side::Both, {6, 4, 2}), // pyramid
        dose(2, 5, 5, 2, 0, Side::Each),              // zero rest, each side
        dose(4, 8, 0, 3, 60, Side::Alternate),
        dose(5, 30, 60, 4, 120, Side::Left),
        dose(2, 3, 10, 1, 15, Side::Right),
    };
    for (const auto& d : doses) {
        INFO("sets " << d.sets << " reps " << d.reps << " hold " << d.holdSeconds << " side "
                     << toString(d.side));
        const Timeline t({{&ex, d}}, options);
        CHECK(t.total() == expectedTotal(d, options));
        const int sides = d.side == Side::Alternate || d.side == Side::Each ? 2 : 1;
        int reps = 0;
        for (int s = 0; s < d.sets; ++s) {
            reps += d.repsInSet(s) * sides;
        }
        const std::size_t phasesPerRep = d.holdSeconds > 0 ? 3 : 2;
        CHECK(count(t, StepKind::Phase) == static_cast<std::size_t>(reps) * phasesPerRep);
        CHECK(count(t, StepKind::Rest) ==
              (d.restSeconds > 0 ? static_cast<std::size_t>(d.sets - 1) : 0));
        CHECK(count(t, StepKind::SwitchSide) ==
              (d.side == Side::Each ? static_cast<std::size_t>(d.sets) : 0));
        CHECK(count(t, StepKind::GetReady) == 1);
        // Steps are contiguous and never empty.
        Millis at{0};
        for (const auto& step : t.steps()) {
            CHECK(step.start == at);
            CHECK(step.duration > 0ms);
            at = step.end();
        }
        CHECK(at == t.total());
        // The tracker's volume comes from the same dose.
        CHECK(prescribedVolume(ex, d).reps == reps);
        CHECK(prescribedVolume(ex, d).holdSeconds == reps * d.holdSeconds);
    }
}

TEST_CASE("sides: alternate goes L, R, L, R; each does all left, a switch, all right",
          "[core][timeline]") {
    const Exercise ex = holdExercise();
    const Timeline alternate({{&ex, dose(1, 2, 0, 1, 0, Side::Alternate)}});
    std::vector<std::pair<RepSide, int>> order;
    for (const auto& s : alternate.steps()) {
        if (s.firstOfRep) {
            order.push_back({s.side, s.rep});
        }
    }
    CHECK(order ==
          std::vector<std::pair<RepSide, int>>{
              {RepSide::Left, 1}, {RepSide::Right, 1}, {RepSide::Left, 2}, {RepSide::Right, 2}});

    const Timeline each({{&ex, dose(1, 2, 0, 1, 0, Side::Each)}});
    std::vector<StepKind> kinds;
    std::vector<RepSide> sides;
    for (const auto& s : each.steps()) {
        if (s.kind != StepKind::Phase || s.firstOfRep) {
            kinds.push_back(s.kind);
            sides.push_back(s.side);
        }
    }
    CHECK(kinds == std::vector<StepKind>{StepKind::GetReady, StepKind::Phase, StepKind::Phase,
                                         StepKind::SwitchSide, StepKind::Phase, StepKind::Phase});
    CHECK(sides[1] == RepSide::Left);
    CHECK(sides[4] == RepSide::Right);
}

TEST_CASE("rest comes between sets, never after the last; pyramids set the reps per set",
          "[core][timeline]") {
    const Exercise ex = holdExercise();
    const Timeline t({{&ex, dose(3, 6, 10, 2, 30, Side::Both, {6, 4, 2})}});
    const auto& steps = t.steps();
    CHECK(steps.back().kind == StepKind::Phase);
    CHECK(steps.back().lastOfSet);
    std::vector<int> repsPerSet;
    for (const auto& s : steps) {
        if (s.firstOfSet) {
            repsPerSet.push_back(s.repCount);
        }
    }
    CHECK(repsPerSet == std::vector<int>{6, 4, 2});
}

TEST_CASE("a routine joins exercises with transitions that name the next", "[core][timeline]") {
    const Exercise a = holdExercise();
    Exercise b = holdExercise();
    b.id = "b";
    TimelineOptions options;
    options.transition = 12s;
    const Timeline t({{&a, dose(1, 2, 0, 1, 0, Side::Both)}, {&b, dose(1, 1, 0, 1, 0, Side::Both)}},
                     options);
    std::size_t transitions = 0;
    for (const auto& s : t.steps()) {
        if (s.kind == StepKind::Transition) {
            ++transitions;
            CHECK(s.exercise == 1);
            CHECK(s.duration == 12s);
        }
    }
    CHECK(transitions == 1);
    CHECK(t.total() == 5s + 4s + 12s + 2s);
}
