#pragma once
#include "Journal.hpp"

#include <ctime>

// Local calendar dates from the C library's time zone rules (TZ, /etc/localtime): the date a
// patient sees on their clock, with the UTC offset in force then. g++ 12 has no time-zone
// database in <chrono>; localtime_r has the system's.
namespace motus::core {

// The stamp of a UTC instant: its local date, ISO UTC text and offset.
[[nodiscard]] Stamp stampOf(std::time_t utc);
[[nodiscard]] Stamp stampNow();
// A stamp on a given local date (for logging after the fact): local noon of that date.
[[nodiscard]] Stamp stampOn(Date localDate);
[[nodiscard]] Date today();

} // namespace motus::core
