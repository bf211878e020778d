#pragma once
#include "core/Journal.hpp"
#include "core/Program.hpp"

#include <nlohmann/json.hpp>

#include <string>

// JSON output (docs/cli-json.md), written with nlohmann-json. Keys keep the order they are
// written in; text that is not valid UTF-8 is mended, never refused.
namespace motus::core {
class Library;
}

namespace motus::cli {

using Json = nlohmann::ordered_json;

// The JSON text of `value` on one line.
[[nodiscard]] std::string dump(const Json& value);

// A number as the command line always printed them: whole numbers without a fraction, others
// to 10 significant digits; not finite: null.
[[nodiscard]] Json number(double value);

// {"exercise", "sets", "reps", "hold"}: a dose in a decision.
[[nodiscard]] Json doseJson(const core::Prescription& prescription);
// [4,3,2] or null.
[[nodiscard]] Json pyramidJson(const core::Dose& dose);
// The figures a decision used, only the known ones.
[[nodiscard]] Json figuresJson(const core::Figures& figures);
// One decision as in `review --json` (`history --json` adds its date and "by").
[[nodiscard]] Json decisionJson(const core::DoseChange& change, const core::Library* library,
                                const core::Program* program);
// One flag for the therapist as in `flags --json`.
[[nodiscard]] Json flagJson(const core::TherapistFlag& flag, const core::Library* library,
                            const core::Program* program);

} // namespace motus::cli
