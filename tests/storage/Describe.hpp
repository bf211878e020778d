#pragma once
#include <core/Journal.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

// Everything a journal shows through its queries, as text: two journals (or one journal before
// and after something) hold the same when their descriptions are equal. Numbers are written
// exactly (%.17g), every field of every record is named.
namespace motus::storage::test {

inline std::string exact(double value) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

template <typename T> std::string optionalText(const std::optional<T>& value) {
    if (!value) {
        return "-";
    }
    if constexpr (std::is_same_v<T, double>) {
        return exact(*value);
    } else if constexpr (std::is_same_v<T, core::Date>) {
        return core::formatDate(*value);
    } else if constexpr (std::is_enum_v<T>) {
        return std::string(core::toString(*value));
    } else {
        return std::to_string(*value);
    }
}

inline std::string describe(const core::Prescription& p) {
    std::ostringstream out;
    out << p.exercise << " " << p.dose.sets << "x" << p.dose.reps << " hold " << p.dose.holdSeconds
        << " tempo " << p.dose.tempoSeconds << " rest " << p.dose.restSeconds << " side "
        << core::toString(p.dose.side) << " per day " << p.dose.perDay << " per week "
        << p.dose.perWeek << " pyramid";
    for (int reps : p.dose.pyramid) {
        out << " " << reps;
    }
    out << " bounds " << p.bounds.sets.min << "-" << p.bounds.sets.max << "/" << p.bounds.reps.min
        << "-" << p.bounds.reps.max << "/" << p.bounds.hold.min << "-" << p.bounds.hold.max << "/"
        << p.bounds.rest.min << "-" << p.bounds.rest.max << (p.locked ? " locked" : "")
        << (p.stopped ? " stopped" : "") << " regressions " << p.regressionsInARow
        << " low-adherence " << p.lowAdherenceWeeks;
    return out.str();
}

inline std::string describe(const core::Figures& f) {
    std::ostringstream out;
    out << "A=" << optionalText(f.adherence) << " Pd=" << optionalText(f.painDuring)
        << " Pm=" << optionalText(f.morningPain) << " baseline=" << optionalText(f.baseline)
        << " dPm=" << optionalText(f.morningDelta) << " trend=" << optionalText(f.trend)
        << " trendBefore=" << optionalText(f.trendBefore) << " RPE=" << optionalText(f.effort)
        << " C=" << optionalText(f.completion) << " leg=" << optionalText(f.leg)
        << " gap=" << optionalText(f.gapDays) << " flags=[";
    for (core::RedFlag flag : f.redFlags) {
        out << core::toString(flag) << ";";
    }
    out << "] quotaBaseline=" << optionalText(f.quotaBaseline)
        << " quota=" << optionalText(f.quota);
    return out.str();
}

inline std::string describe(const core::Reason& r) {
    std::ostringstream out;
    out << core::toString(r.key) << "(";
    for (const auto& param : r.params) {
        out << "[" << param << "]";
    }
    out << ")";
    return out.str();
}

inline std::string describe(const core::DoseChange& c) {
    std::ostringstream out;
    out << core::formatDate(c.date) << " '" << c.exercise << "' " << core::toString(c.decision)
        << " row " << core::toString(c.row) << (c.byTherapist() ? " by therapist" : "") << " "
        << describe(c.reason) << " {" << describe(c.figures) << "} from {" << describe(c.from)
        << "} to {" << describe(c.to) << "}";
    if (c.checkIn != 0) {
        out << " check-in " << c.checkIn;
    }
    return out.str();
}

inline std::string describe(const core::TherapistFlag& f) {
    std::ostringstream out;
    out << "#" << f.id << " " << core::formatDate(f.date) << " '" << f.exercise << "' row "
        << core::toString(f.row) << " " << describe(f.reason) << " {" << describe(f.figures) << "}"
        << (f.stops ? " stops" : "") << " cleared " << optionalText(f.cleared);
    if (f.checkIn != 0) {
        out << " check-in " << f.checkIn;
    }
    return out.str();
}

inline std::string describe(const core::Stamp& s) {
    return core::formatDate(s.date) + " " + s.utc + " " + std::to_string(s.utcOffsetMinutes);
}

// Every query of the journal over all dates.
inline std::string describe(const core::Journal& journal) {
    const core::Date first{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}};
    const core::Date last{std::chrono::year{2200}, std::chrono::December, std::chrono::day{31}};
    std::ostringstream out;
    if (const auto program = journal.activeProgram()) {
        out << "program " << program->programId << " " << core::formatDate(program->start)
            << (program->stopped ? " stopped" : "") << " xml " << program->programXml << "\n";
    } else {
        out << "no program\n";
    }
    for (const auto& p : journal.prescriptions()) {
        out << "prescription " << describe(p) << "\n";
    }
    for (const auto& s : journal.sessions(first, last)) {
        out << "session #" << s.id << " " << describe(s.started) << " slot " << s.slot << " "
            << core::toString(s.status) << "\n";
        for (const auto& set : s.sets) {
            out << "  set " << set.exercise << " " << set.set << " " << set.repsDone << "/"
                << set.repsPrescribed << " hold " << set.holdSeconds << "\n";
        }
    }
    for (const auto& [day, status] : journal.sessionDays(first, last)) {
        out << "day " << core::formatDate(day) << " " << core::toString(status) << "\n";
    }
    for (const auto& f : journal.feedback(first, last)) {
        out << "feedback " << core::formatDate(f.date) << " " << f.exercise << " pain "
            << optionalText(f.pain) << " effort " << optionalText(f.effort) << " leg "
            << optionalText(f.leg) << "\n";
    }
    for (const auto& c : journal.checkIns(first, last)) {
        out << "check-in " << describe(c.at) << " pain " << optionalText(c.morningPain) << " flags";
        for (core::RedFlag flag : c.redFlags) {
            out << " " << core::toString(flag);
        }
        out << "\n";
    }
    for (const auto& c : journal.doseChanges()) {
        out << "change " << describe(c) << "\n";
    }
    for (const auto& r : journal.reviews()) {
        out << "review " << core::formatDate(r.weekStart) << ".." << core::formatDate(r.weekEnd)
            << (journal.reviewed(r.weekStart) ? "" : " NOT REVIEWED") << "\n";
        for (const auto& c : r.decisions) {
            out << "  decision " << describe(c) << "\n";
        }
    }
    for (const auto& week : journal.reviewedWeeks()) {
        out << "reviewed week " << core::formatDate(week) << "\n";
    }
    for (const auto& f : journal.flags()) {
        out << "flag " << describe(f) << "\n";
    }
    return out.str();
}

} // namespace motus::storage::test
