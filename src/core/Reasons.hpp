#pragma once
#include "Journal.hpp"
#include "Library.hpp"
#include "Program.hpp"

#include <string>

// The sentence of a decision, made when it is shown, in the UI language of whoever looks
// (decisions are stored as a reason key with parameters, never as text).
namespace motus::core {

// The reason a patient reads. `library` names exercises (ids otherwise); `program` names phases
// in the UI language (the stored English name otherwise).
[[nodiscard]] std::string reasonText(const DoseChange& change, const Library* library = nullptr,
                                     const Program* program = nullptr);
[[nodiscard]] std::string reasonText(const Reason& reason, const Library* library = nullptr,
                                     const Program* program = nullptr);

// One cause code of a reason ("pd:6", "dpm:2.5", "trend", "rpe:9", "c:0.75", "a:0.6",
// "no-checkins", "no-pain-rating", "not-done") as words.
[[nodiscard]] std::string causeText(const std::string& code);

// The figures a decision used, for people: "adherence 86 % · pain during 2/10 · effort 5/10 ·
// done 100 %" (only the known ones); empty when none is known.
[[nodiscard]] std::string figuresText(const Figures& figures);

// "0", "1", ..., "4b", "default", "plan", "therapist": the row as a person reads it.
[[nodiscard]] std::string rowText(Row row);

// A number for people: whole numbers without decimals, else one decimal ("1.5").
[[nodiscard]] std::string numberText(double value);

} // namespace motus::core
