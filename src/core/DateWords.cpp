#include "DateWords.hpp"

#include "I18n.hpp"

#include <array>
#include <vector>

namespace motus::core {
namespace {

std::string day(Date date) {
    return std::to_string(static_cast<unsigned>(date.day()));
}

std::string year(Date date) {
    return std::to_string(static_cast<int>(date.year()));
}

} // namespace

std::string weekdayName(Date date) {
    static constexpr std::array<const char*, 7> names = {
        N_("Sunday"),   N_("Monday"), N_("Tuesday"), N_("Wednesday"),
        N_("Thursday"), N_("Friday"), N_("Saturday")};
    return tr(names[std::chrono::weekday(std::chrono::sys_days(date)).c_encoding()]);
}

std::string monthName(Date date) {
    static constexpr std::array<const char*, 12> names = {
        N_("January"),   N_("February"), N_("March"),    N_("April"),
        N_("May"),       N_("June"),     N_("July"),     N_("August"),
        N_("September"), N_("October"),  N_("November"), N_("December")};
    const unsigned month = static_cast<unsigned>(date.month());
    return month >= 1 && month <= 12 ? tr(names[month - 1]) : std::string();
}

std::string dateInWords(Date date) {
    // TRANSLATORS: a date in words: %1 the weekday, %2 the day of the month, %3 the month's
    // name, %4 the year ("Tuesday, 10 November 2026").
    // xgettext:no-c-format
    return fill(tr("%1, %2 %3 %4"), {weekdayName(date), day(date), monthName(date), year(date)});
}

std::string dayMonthYear(Date date) {
    // TRANSLATORS: a date in words without the weekday: %1 the day of the month, %2 the month's
    // name, %3 the year ("10 November 2026").
    // xgettext:no-c-format
    return fill(tr("%1 %2 %3"), {day(date), monthName(date), year(date)});
}

std::string shortDate(Date date) {
    static constexpr std::array<const char*, 12> names = {
        // TRANSLATORS: short month names for chart labels.
        N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
        N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
    const unsigned month = static_cast<unsigned>(date.month());
    const std::string name = month >= 1 && month <= 12 ? tr(names[month - 1]) : std::string();
    // TRANSLATORS: a short date for chart labels: %1 the day of the month, %2 the short month
    // name ("10 Nov").
    // xgettext:no-c-format
    return fill(tr("%1 %2"), {day(date), name});
}

} // namespace motus::core
