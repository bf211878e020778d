#include "Journal.hpp"

#include <array>
#include <charconv>
#include <cstdio>

namespace motus::core {
namespace {

constexpr std::array<std::string_view, 3> kStatus{"complete", "partial", "stopped"};
constexpr std::array<std::string_view, 3> kLeg{"worse", "same", "better"};
constexpr std::array<std::string_view, 5> kFlags{"saddle-numbness", "bladder-bowel", "leg-weakness",
                                                 "fever-weight-loss", "major-trauma"};
constexpr std::array<std::string_view, 5> kDecisions{"progress", "hold", "regress", "switch",
                                                     "stop"};

template <typename Enum, std::size_t N>
std::optional<Enum> find(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == text) {
            return static_cast<Enum>(i);
        }
    }
    return std::nullopt;
}

} // namespace

std::string_view toString(SessionStatus value) {
    return kStatus.at(static_cast<std::size_t>(value));
}
std::string_view toString(LegChange value) {
    return kLeg.at(static_cast<std::size_t>(value));
}
std::string_view toString(RedFlag value) {
    return kFlags.at(static_cast<std::size_t>(value));
}
std::string_view toString(Decision value) {
    return kDecisions.at(static_cast<std::size_t>(value));
}

template <> std::optional<SessionStatus> parseEnum<SessionStatus>(std::string_view text) {
    return find<SessionStatus>(kStatus, text);
}
template <> std::optional<LegChange> parseEnum<LegChange>(std::string_view text) {
    return find<LegChange>(kLeg, text);
}
template <> std::optional<RedFlag> parseEnum<RedFlag>(std::string_view text) {
    return find<RedFlag>(kFlags, text);
}
template <> std::optional<Decision> parseEnum<Decision>(std::string_view text) {
    return find<Decision>(kDecisions, text);
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
