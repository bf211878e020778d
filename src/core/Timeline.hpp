#pragma once
#include "Dose.hpp"
#include "Exercise.hpp"

#include <chrono>
#include <string>
#include <vector>

// The exact sequence of a routine: every span of time from the first get-ready to the end,
// derived from the prescriptions alone, so the player and the tracker's "prescribed volume"
// can never disagree.
namespace motus::core {

using Millis = std::chrono::milliseconds;

// Box2D-style definition struct: the pauses the prescription does not set.
struct TimelineOptions {
    Millis getReady{5000};    // before the first exercise
    Millis switchSides{5000}; // between the sides of an "each" set
    Millis transition{15000}; // between exercises; names the next one
};

enum class StepKind { GetReady, Phase, SwitchSide, Rest, Transition };

// The side a rep is done on. Both = two-sided work, drawn as written.
enum class RepSide { Both, Left, Right };

// One span of the timeline. Phases carry the pose they move from and to.
struct Step {
    StepKind kind = StepKind::Phase;
    Millis start{0};
    Millis duration{0};
    std::size_t exercise = 0; // index in the routine
    int set = 0;              // 1-based; 0 outside sets
    int setCount = 0;
    int rep = 0;      // 1-based, counted per side; 0 outside reps
    int repCount = 0; // reps in this set, per side
    RepSide side = RepSide::Both;
    PhaseType phase = PhaseType::In;
    std::size_t phaseIndex = 0; // index into the exercise's phases
    std::size_t poseFrom = 0;
    std::size_t poseTo = 0;
    bool firstOfRep = false;
    bool firstOfSet = false;
    bool lastOfSet = false;

    [[nodiscard]] Millis end() const { return start + duration; }
};

// One exercise of a routine with the dose to play.
struct RoutineItem {
    const Exercise* exercise = nullptr;
    Dose dose;
};

class Timeline {
public:
    Timeline() = default;
    Timeline(std::vector<RoutineItem> items, const TimelineOptions& options = {});

    [[nodiscard]] const std::vector<Step>& steps() const { return m_steps; }
    [[nodiscard]] const std::vector<RoutineItem>& items() const { return m_items; }
    [[nodiscard]] Millis total() const { return m_total; }
    [[nodiscard]] const TimelineOptions& options() const { return m_options; }

    // The step that runs at `t` (the last one at or after the end).
    [[nodiscard]] std::size_t stepAt(Millis t) const;
    // First step of the rep, set or exercise that contains step `i`, and the next ones.
    [[nodiscard]] std::size_t repStart(std::size_t i) const;
    [[nodiscard]] std::size_t nextRep(std::size_t i) const;
    // The rep before the one that contains step `i`, over rests, side switches and transitions
    // (from a rest: the last rep of the set just done); `i`'s own start when there is none.
    [[nodiscard]] std::size_t previousRep(std::size_t i) const;
    [[nodiscard]] std::size_t setStart(std::size_t i) const;
    [[nodiscard]] std::size_t nextSet(std::size_t i) const;
    [[nodiscard]] std::size_t nextExercise(std::size_t i) const;

private:
    std::vector<RoutineItem> m_items;
    TimelineOptions m_options;
    std::vector<Step> m_steps;
    Millis m_total{0};
};

// The volume a dose prescribes: reps over all sets and sides, and seconds held.
struct Volume {
    int reps = 0;
    int holdSeconds = 0;
};
[[nodiscard]] Volume prescribedVolume(const Exercise& exercise, const Dose& dose);

// Duration of one rep of the exercise at this dose.
[[nodiscard]] Millis repDuration(const Exercise& exercise, const Dose& dose);

} // namespace motus::core
