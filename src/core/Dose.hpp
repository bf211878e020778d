#pragma once
#include "Vocabulary.hpp"

#include <optional>
#include <vector>

namespace motus::core {

// A prescription's dose for one exercise (clinical-rules.md §1). Durations in whole seconds.
struct Dose {
    int sets = 1;
    int reps = 1;         // per set, per side for one-sided work
    int holdSeconds = 0;  // at the working position in each rep; 0 = no hold
    int tempoSeconds = 2; // to move into, and again out of, the working position
    int restSeconds = 30; // between sets
    Side side = Side::Both;
    int perDay = 1;           // sessions a day
    int perWeek = 7;          // days a week; 7 = daily
    std::vector<int> pyramid; // optional reps per set; when given, one entry per set

    [[nodiscard]] int repsInSet(int setIndex) const {
        return pyramid.empty() ? reps : pyramid.at(static_cast<std::size_t>(setIndex));
    }
    [[nodiscard]] bool isDaily() const { return perWeek == 7; }
    bool operator==(const Dose&) const = default;
};

struct IntRange {
    int min = 0;
    int max = 0;
    [[nodiscard]] bool contains(int value) const { return value >= min && value <= max; }
    bool operator==(const IntRange&) const = default;
};

// The hard limits of each dose field (clinical-rules.md §1, "typical range").
struct DoseLimits {
    static constexpr IntRange sets{1, 5};
    static constexpr IntRange reps{1, 30};
    static constexpr IntRange hold{0, 60};
    static constexpr IntRange tempo{1, 4};
    static constexpr IntRange rest{0, 120};
    static constexpr IntRange perDay{1, 3};
    static constexpr IntRange perWeek{3, 7};
};

// How far automatic progression may move each field.
struct DoseBounds {
    IntRange sets = DoseLimits::sets;
    IntRange reps = DoseLimits::reps;
    IntRange hold = DoseLimits::hold;
    IntRange rest = DoseLimits::rest;
    bool operator==(const DoseBounds&) const = default;
};

// Changes to a dose given on the command line or by a therapist; unset fields keep the dose's.
struct DoseOverride {
    std::optional<int> sets;
    std::optional<int> reps;
    std::optional<int> holdSeconds;
    std::optional<int> tempoSeconds;
    std::optional<int> restSeconds;
    std::optional<Side> side;

    // The dose with these changes; a pyramid is dropped when sets or reps change.
    [[nodiscard]] Dose applyTo(Dose dose) const {
        if (sets || reps) {
            dose.pyramid.clear();
        }
        dose.sets = sets.value_or(dose.sets);
        dose.reps = reps.value_or(dose.reps);
        dose.holdSeconds = holdSeconds.value_or(dose.holdSeconds);
        dose.tempoSeconds = tempoSeconds.value_or(dose.tempoSeconds);
        dose.restSeconds = restSeconds.value_or(dose.restSeconds);
        dose.side = side.value_or(dose.side);
        return dose;
    }
};

} // namespace motus::core
