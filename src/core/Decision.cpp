#include "Decision.hpp"

#include <array>

namespace motus::core {
namespace {

constexpr std::array<std::string_view, 4> kLeg{"worse", "same", "better", "numb-weak"};
constexpr std::array<std::string_view, 5> kFlags{"saddle-numbness", "bladder-bowel", "leg-weakness",
                                                 "fever-weight-loss", "major-trauma"};
constexpr std::array<std::string_view, 6> kDecisions{"progress", "hold", "regress",
                                                     "switch",   "stop", "resume"};
constexpr std::array<std::string_view, 12> kRows{"0", "1", "2",       "7",  "3",     "4b",
                                                 "4", "5", "default", "5f", "phase", "therapist"};
constexpr std::array<std::string_view, 36> kReasons{"legacy",
                                                    "program-stopped",
                                                    "legs-worse",
                                                    "legs-numb-weak",
                                                    "stays-stopped",
                                                    "already-acted",
                                                    "regress-last-green",
                                                    "regress-cut",
                                                    "switch-easier",
                                                    "switch-easier-merged",
                                                    "stop-no-easier",
                                                    "locked",
                                                    "auto-off",
                                                    "gap-short",
                                                    "gap-hold",
                                                    "gap-resume",
                                                    "gap-restore-half",
                                                    "gap-restore-rest",
                                                    "low-adherence-hold",
                                                    "low-adherence-cut",
                                                    "amber",
                                                    "progress",
                                                    "at-top-switch-harder",
                                                    "at-top-merged",
                                                    "at-top-stays",
                                                    "not-done",
                                                    "missing",
                                                    "quota-baseline",
                                                    "quota-raised",
                                                    "quota-held-pain",
                                                    "quota-two-red",
                                                    "phase-begins",
                                                    "phase-keeps-regressed",
                                                    "complete",
                                                    "flag-cleared",
                                                    "quota-weekly"};
static_assert(kReasons.size() == static_cast<std::size_t>(ReasonKey::QuotaWeekly) + 1);
static_assert(kRows.size() == static_cast<std::size_t>(Row::Therapist) + 1);

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

std::vector<FigureValue> numericFigures(const Figures& f) {
    std::vector<FigureValue> out;
    auto put = [&](std::string_view key, const auto& value, bool whole) {
        if (value) {
            out.push_back({key, static_cast<double>(*value), whole});
        }
    };
    put("A", f.adherence, false);
    put("Pd", f.painDuring, true);
    put("dPm", f.morningDelta, false);
    put("baseline", f.baseline, false);
    put("morning_pain", f.morningPain, false);
    put("trend", f.trend, false);
    put("trend_before", f.trendBefore, false);
    put("RPE", f.effort, true);
    put("C", f.completion, false);
    put("gap_days", f.gapDays, true);
    put("quota_baseline", f.quotaBaseline, false);
    put("quota", f.quota, true);
    return out;
}

std::optional<int> ruleNumber(Row row) {
    switch (row) {
    case Row::RedFlag:
        return 0;
    case Row::Legs:
        return 1;
    case Row::Pain:
        return 2;
    case Row::LowAdherence:
        return 3;
    case Row::CannotComplete:
    case Row::Amber:
        return 4;
    case Row::Progress:
    case Row::Quota:
        return 5;
    case Row::Gap:
        return 7;
    case Row::Default:
    case Row::Phase:
    case Row::Therapist:
        break;
    }
    return std::nullopt;
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
std::string_view toString(Row value) {
    return kRows.at(static_cast<std::size_t>(value));
}
std::string_view toString(ReasonKey value) {
    return kReasons.at(static_cast<std::size_t>(value));
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
template <> std::optional<Row> parseEnum<Row>(std::string_view text) {
    return find<Row>(kRows, text);
}
template <> std::optional<ReasonKey> parseEnum<ReasonKey>(std::string_view text) {
    return find<ReasonKey>(kReasons, text);
}

} // namespace motus::core
