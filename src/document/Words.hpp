#pragma once
#include "core/Decision.hpp"
#include "core/Dose.hpp"
#include "core/Program.hpp"

#include <string>

// Doses and dates in the words a patient reads on paper, in the UI language.
namespace motus::document {

// "3 sets of 10 repetitions, each side in turn, hold 5 seconds in each repetition, 2 seconds to
// move in and 2 to move back, rest 30 seconds between sets" (a pyramid: "3 sets: 6, 4, then 2
// repetitions").
[[nodiscard]] std::string doseInWords(const core::Dose& dose);
// "3 × 10 · hold 5 s", a pyramid "6-4-2 · hold 10 s": for charts and tables.
[[nodiscard]] std::string doseShort(const core::Dose& dose);
// "every day, once a day", "5 days a week, twice a day" from a phase.
[[nodiscard]] std::string frequencyOf(const core::ProgramPhase& phase);
// The name of a warning sign ("numbness around the seat (saddle area)").
[[nodiscard]] std::string redFlagName(core::RedFlag flag);

} // namespace motus::document
