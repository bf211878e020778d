#pragma once
#include "Dose.hpp"
#include "Journal.hpp"
#include "Vocabulary.hpp"

#include <string>
#include <string_view>

// Display names of the format's vocabulary, in the UI language.
namespace motus::core {

[[nodiscard]] std::string displayName(Goal goal);
[[nodiscard]] std::string displayName(Position position);
[[nodiscard]] std::string displayName(Side side);
// "step up", "hold", ... (JSON keeps the English words of toString).
[[nodiscard]] std::string displayName(Decision decision);
[[nodiscard]] std::string regionDisplayName(std::string_view region);
[[nodiscard]] std::string equipmentDisplayName(std::string_view equipment);

// "3 sets × 10 reps · hold 10 s · tempo 2 s · rest 30 s · both sides · daily"
[[nodiscard]] std::string describeDose(const Dose& dose);
[[nodiscard]] std::string describeFrequency(const Dose& dose);
// Said beside a source whose dose is a clinical convention (<source dose-basis="convention">).
[[nodiscard]] std::string doseConventionNote();

} // namespace motus::core
