#include "Journal.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace motus::core {
namespace {

constexpr std::array<std::string_view, 3> kStatus{"complete", "partial", "stopped"};

} // namespace

std::string_view toString(SessionStatus value) {
    return kStatus.at(static_cast<std::size_t>(value));
}

template <> std::optional<SessionStatus> parseEnum<SessionStatus>(std::string_view text) {
    for (std::size_t i = 0; i < kStatus.size(); ++i) {
        if (kStatus[i] == text) {
            return static_cast<SessionStatus>(i);
        }
    }
    return std::nullopt;
}

std::string formatDate(Date date) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

std::optional<Date> parseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    auto number = [&](std::string_view part, auto& out) {
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc() && ptr == part.data() + part.size();
    };
    if (!number(text.substr(0, 4), y) || !number(text.substr(5, 2), m) ||
        !number(text.substr(8, 2), d)) {
        return std::nullopt;
    }
    const Date date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
    if (!date.ok()) {
        return std::nullopt;
    }
    return date;
}

} // namespace motus::core
