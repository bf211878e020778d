#pragma once
#include "Decision.hpp"

#include <string>

// Dates in words in the interface language ("Tuesday, 10 November 2026"; in German "Dienstag,
// 10. November 2026"): the names and the order come from the message catalogue, so no locale
// database is needed (a minimal system has only C.UTF-8).
namespace motus::core {

[[nodiscard]] std::string weekdayName(Date date); // "Tuesday"
[[nodiscard]] std::string monthName(Date date);   // "November"
// The weekday and the date: "Tuesday, 10 November 2026".
[[nodiscard]] std::string dateInWords(Date date);
// The date without the weekday: "10 November 2026".
[[nodiscard]] std::string dayMonthYear(Date date);
// Day and month only, for short labels: "10 Nov".
[[nodiscard]] std::string shortDate(Date date);

} // namespace motus::core
