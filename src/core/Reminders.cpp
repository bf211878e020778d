#include "Reminders.hpp"

#include "Utf8.hpp"

#include <array>
#include <cstdio>

namespace motus::core {
namespace {

constexpr std::array<const char*, 7> kByDay{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::string dateText(Date date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

std::string timeText(int minute) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "T%02d%02d00", minute / 60, minute % 60);
    return buffer;
}

// "2026-12-01T14:08:23Z" -> "20261201T140823Z".
std::string basicUtc(const std::string& stamp) {
    std::string out;
    for (const char c : stamp) {
        if (c != '-' && c != ':') {
            out += c;
        }
    }
    return out;
}

} // namespace

int weekdayIndex(Date date) {
    const std::chrono::weekday day{std::chrono::sys_days(date)};
    return static_cast<int>(day.iso_encoding()) - 1;
}

WeekdaySet daysForFrequency(int perWeek) {
    switch (perWeek) {
    case 7:
        return kAllWeekdays;
    case 6:
        return 0b0111111;
    case 5:
        return 0b0011111;
    case 4:
        return 0b0011011;
    default:
        return 0b0010101;
    }
}

WeekdaySet reminderDays(const ReminderSettings& settings, int perWeek) {
    const auto chosen = static_cast<WeekdaySet>(settings.days & kAllWeekdays);
    return chosen != 0 ? chosen : daysForFrequency(perWeek);
}

ReminderVerdict shouldNotify(const LocalMoment& now, const ReminderSettings& settings,
                             const ReminderDay& today, std::optional<Date> lastReminded) {
    if (!settings.enabled) {
        return ReminderVerdict::Off;
    }
    if (!today.hasProgram || today.notStarted) {
        return ReminderVerdict::NoProgram;
    }
    if (today.stopped) {
        return ReminderVerdict::Stopped;
    }
    if ((reminderDays(settings, today.perWeek) & (1u << weekdayIndex(now.date))) == 0) {
        return ReminderVerdict::NotAReminderDay;
    }
    if (now.minute < settings.minute) {
        return ReminderVerdict::TooEarly;
    }
    if (!today.routineDue) {
        return ReminderVerdict::NothingDue;
    }
    if (today.dayComplete) {
        return ReminderVerdict::Done;
    }
    if (lastReminded && *lastReminded >= now.date) {
        return ReminderVerdict::AlreadyReminded;
    }
    return ReminderVerdict::Notify;
}

std::string escapeCalendarText(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue; // CRLF is one newline
        } else if (c == '\n' || c == '\r') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
            continue; // other controls are not allowed in a TEXT value
        } else {
            out += c;
        }
    }
    return out;
}

std::string foldCalendarLine(std::string_view line) {
    constexpr std::size_t kOctets = 75;
    std::string out;
    std::size_t lineLength = 0;
    for (std::size_t at = 0; at < line.size();) {
        auto [code, length] = decodeUtf8(line, at);
        if (length == 0) {
            length = 1; // not UTF-8: kept as a byte (callers hand in UTF-8)
        }
        // A continuation line starts with a space, which counts towards its 75 octets.
        if (lineLength + length > kOctets) {
            out += "\r\n ";
            lineLength = 1;
        }
        out.append(line.substr(at, length));
        lineLength += length;
        at += length;
    }
    return out;
}

std::string writeCalendar(const std::vector<CalendarEvent>& events, const std::string& stampUtc) {
    std::string out;
    auto line = [&](const std::string& text) {
        out += foldCalendarLine(text);
        out += "\r\n";
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Motus//Motus reminders//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    for (const auto& event : events) {
        std::string byDay;
        for (std::size_t i = 0; i < kByDay.size(); ++i) {
            if ((event.days & (1u << i)) != 0) {
                byDay += byDay.empty() ? "" : ",";
                byDay += kByDay[i];
            }
        }
        line("BEGIN:VEVENT");
        line("UID:" + event.uid);
        line("DTSTAMP:" + basicUtc(stampUtc));
        line("DTSTART:" + dateText(event.first) + timeText(event.minute));
        line("DURATION:PT" + std::to_string(event.durationMinutes) + "M");
        line("RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=" + byDay + ";UNTIL=" + dateText(event.until) +
             "T235959");
        line("SUMMARY:" + escapeCalendarText(event.summary));
        line("DESCRIPTION:" + escapeCalendarText(event.description));
        line("TRANSP:TRANSPARENT");
        line("BEGIN:VALARM");
        line("ACTION:DISPLAY");
        line("TRIGGER:PT0M");
        line("DESCRIPTION:" + escapeCalendarText(event.alarm));
        line("END:VALARM");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

} // namespace motus::core
