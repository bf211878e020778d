#include "LocalTime.hpp"

#include <cstdio>

namespace motus::core {

Stamp stampOf(std::time_t utc) {
    std::tm local{};
    std::tm universal{};
    localtime_r(&utc, &local);
    gmtime_r(&utc, &universal);
    Stamp stamp;
    stamp.date = Date{std::chrono::year(local.tm_year + 1900),
                      std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
                      std::chrono::day(static_cast<unsigned>(local.tm_mday))};
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", universal.tm_year + 1900,
                  universal.tm_mon + 1, universal.tm_mday, universal.tm_hour, universal.tm_min,
                  universal.tm_sec);
    stamp.utc = buffer;
    stamp.utcOffsetMinutes = static_cast<int>(local.tm_gmtoff / 60);
    return stamp;
}

Stamp stampNow() {
    return stampOf(std::time(nullptr));
}

Stamp stampOn(Date localDate) {
    std::tm noon{};
    noon.tm_year = static_cast<int>(localDate.year()) - 1900;
    noon.tm_mon = static_cast<int>(static_cast<unsigned>(localDate.month())) - 1;
    noon.tm_mday = static_cast<int>(static_cast<unsigned>(localDate.day()));
    noon.tm_hour = 12;
    noon.tm_isdst = -1;
    return stampOf(std::mktime(&noon));
}

Date today() {
    return stampNow().date;
}

} // namespace motus::core
