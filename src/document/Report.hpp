#pragma once
#include "service/Practice.hpp"

#include <optional>
#include <string>

// The progress report a patient brings to their therapist (issue 9): one self-contained HTML
// page with inline SVG charts, readable without a script and in greyscale. Red flags first, then
// the open flags, the streaks, the weekly adherence, pain during and next-morning pain with the
// baseline, effort, and the dose of each exercise over time with every change numbered and
// explained (core::reasonText) in a table.
namespace motus::document {

struct ReportPeriod {
    std::optional<core::Date> from; // default: the program's start
    std::optional<core::Date> to;   // default: today; never after today
};

// Throws service::Refused without a program, for a period that ends after today (usage), or one
// that ends before it begins (usage).
[[nodiscard]] std::string reportHtml(service::Practice& practice, const ReportPeriod& period);

} // namespace motus::document
