#include "Reasons.hpp"

#include "I18n.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace motus::core {
namespace {

std::string param(const Reason& r, std::size_t i) {
    return i < r.params.size() ? r.params[i] : std::string();
}

double toNumber(const std::string& text) {
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

std::string percentText(double fraction) {
    // xgettext:no-c-format
    return fill(tr("%1 %"), {std::to_string(static_cast<long>(std::lround(fraction * 100)))});
}

std::string exerciseName(const std::string& id, const Library* library) {
    if (library != nullptr) {
        if (const auto* ex = library->find(id)) {
            return ex->text(uiLanguage()).name;
        }
    }
    return id;
}

// The phase's name in the reader's language, looked up when the sentence is made. The reason
// stores the phase's index and English name; the index is trusted only while that phase still
// has the stored name (a program imported later may have other phases at that place), else the
// phase of that name is looked for, else the stored name is shown.
std::string phaseName(const Reason& r, const Program* program) {
    const std::string stored = param(r, 1);
    if (program != nullptr) {
        int index = -1;
        const auto& text = param(r, 0);
        std::from_chars(text.data(), text.data() + text.size(), index);
        if (index >= 0 && static_cast<std::size_t>(index) < program->phases.size()) {
            const auto& phase = program->phases[static_cast<std::size_t>(index)];
            if (stored.empty() || phase.name == stored) {
                return phase.nameIn(uiLanguage());
            }
        }
        for (const auto& phase : program->phases) {
            if (phase.name == stored) {
                return phase.nameIn(uiLanguage());
            }
        }
    }
    return stored;
}

// The causes from the first parameter on, joined as a list.
std::string causes(const Reason& r, std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < r.params.size(); ++i) {
        out += (out.empty() ? "" : ", ") + causeText(r.params[i]);
    }
    return out;
}

} // namespace

std::string numberText(double value) {
    char buffer[32];
    if (std::abs(value - std::round(value)) < 1e-9) {
        std::snprintf(buffer, sizeof buffer, "%ld", static_cast<long>(std::lround(value)));
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f", value);
    }
    return buffer;
}

std::string causeText(const std::string& code) {
    const auto colon = code.find(':');
    const std::string name = code.substr(0, colon);
    const std::string value = colon == std::string::npos ? "" : code.substr(colon + 1);
    if (name == "pd") {
        return fill(tr("pain %1/10 during the exercise"), {value});
    }
    if (name == "pd-amber") {
        return fill(tr("pain %1/10 during the exercise, settled by the next morning"), {value});
    }
    if (name == "dpm") {
        return fill(tr("your morning pain was %1 points above your usual"),
                    {numberText(toNumber(value))});
    }
    if (name == "trend") {
        return tr("your morning pain has risen two weeks running");
    }
    if (name == "rpe") {
        return fill(tr("effort %1/10"), {value});
    }
    if (name == "c") {
        return fill(tr("%1 of the last two sessions done"), {percentText(toNumber(value))});
    }
    if (name == "a") {
        return fill(tr("%1 of your sessions done"), {percentText(toNumber(value))});
    }
    if (name == "no-checkins") {
        return tr("no morning pain was recorded: please answer the morning question");
    }
    if (name == "no-pain-rating") {
        return tr("no pain rating after the sessions");
    }
    if (name == "not-done") {
        return tr("not done this week");
    }
    if (name == "trend-up") {
        return tr("your morning pain rose a little this week");
    }
    if (name == "fewer-sessions") {
        return tr("the last two sessions were not both complete");
    }
    return code;
}

std::string figuresText(const Figures& f) {
    std::vector<std::string> parts;
    auto add = [&](const char* pattern, const std::string& value) {
        parts.push_back(fill(pattern, {value}));
    };
    if (f.adherence) {
        add(tr("adherence %1"), percentText(*f.adherence));
    }
    if (f.painDuring) {
        add(tr("pain during %1/10"), std::to_string(*f.painDuring));
    }
    if (f.morningPain) {
        add(tr("morning pain %1/10"), numberText(*f.morningPain));
    }
    if (f.baseline) {
        add(tr("usual morning pain %1"), numberText(*f.baseline));
    }
    if (f.morningDelta) {
        add(tr("morning pain %1 above usual"), numberText(*f.morningDelta));
    }
    if (f.trend) {
        add(tr("morning pain trend %1"), (*f.trend > 0 ? "+" : "") + numberText(*f.trend));
    }
    if (f.effort) {
        add(tr("effort %1/10"), std::to_string(*f.effort));
    }
    if (f.completion) {
        add(tr("done %1"), percentText(*f.completion));
    }
    if (f.leg) {
        const char* legs[] = {N_("spread further"), N_("the same"), N_("better"),
                              N_("new numbness or weakness")};
        add(tr("legs: %1"), tr(legs[static_cast<std::size_t>(*f.leg)]));
    }
    if (f.gapDays) {
        add(tr("break of %1 days"), std::to_string(*f.gapDays));
    }
    if (f.quotaBaseline) {
        add(tr("first week %1 reps a set"), numberText(*f.quotaBaseline));
    }
    if (f.quota) {
        add(tr("quota %1 reps"), std::to_string(*f.quota));
    }
    if (!f.redFlags.empty()) {
        add(tr("warning signs: %1"), std::to_string(f.redFlags.size()));
    }
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : " · ") + part;
    }
    return out;
}

std::string rowText(Row row) {
    switch (row) {
    case Row::Phase:
        return tr("plan");
    case Row::Therapist:
        return tr("therapist");
    case Row::Default:
        return tr("no rule");
    case Row::Quota:
        return tr("quota");
    default:
        return fill(tr("rule %1"), {std::string(toString(row))});
    }
}

std::string reasonText(const DoseChange& change, const Library* library, const Program* program) {
    return reasonText(change.reason, library, program);
}

std::string reasonText(const Reason& r, const Library* library, const Program* program) {
    switch (r.key) {
    case ReasonKey::Legacy:
        return param(r, 0);
    case ReasonKey::ProgramStopped:
        return tr("You reported a warning sign. The program is stopped: please seek medical care "
                  "today, and tell your therapist.");
    case ReasonKey::LegsWorse:
        return tr("Your leg symptoms spread further with this exercise. It is stopped until your "
                  "therapist has looked at it.");
    case ReasonKey::LegsNumbWeak:
        return tr("You noticed new numbness or weakness in your leg with this exercise. It is "
                  "stopped until your therapist has looked at it; tell them soon.");
    case ReasonKey::StaysStopped:
        return tr("This exercise stays stopped until your therapist has looked at it.");
    case ReasonKey::AlreadyActed:
        return tr("The dose was already changed this week because of pain; it stays as it is "
                  "now.");
    case ReasonKey::RegressLastGreen:
        return fill(tr("The dose goes back to the last one that went well, because of %1."),
                    {causes(r, 0)});
    case ReasonKey::RegressCut:
        return fill(tr("The dose is made a little smaller, because of %1."), {causes(r, 0)});
    case ReasonKey::SwitchEasier:
        return fill(tr("This exercise was too much twice within two weeks (%1), so you switch "
                       "to its easier version."),
                    {causes(r, 0)});
    case ReasonKey::SwitchEasierMerged:
        return fill(tr("This exercise was too much twice within two weeks (%1). Its easier "
                       "version, %2, is already in your routine: you do that one instead, at "
                       "the smaller of the two doses."),
                    {causeText(param(r, 0)), exerciseName(param(r, 1), library)});
    case ReasonKey::StopNoEasier:
        return fill(tr("This exercise is at its easiest and still too much (%1). It is stopped "
                       "until your therapist has looked at it."),
                    {causes(r, 0)});
    case ReasonKey::Locked:
        return tr("Your therapist has fixed this dose; it stays as it is.");
    case ReasonKey::AutoOff:
        return tr("Automatic changes are switched off for this program.");
    case ReasonKey::GapShort:
        return fill(trn("You had a break of %1 day this week: the dose stays, no step up this "
                        "week.",
                        "You had a break of %1 days this week: the dose stays, no step up this "
                        "week.",
                        static_cast<unsigned long>(toNumber(param(r, 0)))),
                    {param(r, 0)});
    case ReasonKey::GapHold:
        return fill(tr("After a break of %1 days you continue at your last dose; no step up "
                       "this week."),
                    {param(r, 0)});
    case ReasonKey::GapResume:
        return fill(tr("After a break of %1 days you restart at three quarters of your last "
                       "dose, and build up again."),
                    {param(r, 0)});
    case ReasonKey::GapRestoreHalf:
        return tr("A good week after your break: half of the cut is given back.");
    case ReasonKey::GapRestoreRest:
        return tr("A second good week after your break: you are back at your dose from before "
                  "the break.");
    case ReasonKey::LowAdherenceHold:
        return fill(tr("You managed %1 of your sessions this week, so the dose stays the same. "
                       "What got in the way?"),
                    {percentText(toNumber(param(r, 0)))});
    case ReasonKey::LowAdherenceCut:
        return fill(tr("You managed %1 of your sessions two weeks running. The dose is cut to "
                       "three quarters so it fits your days better. What got in the way?"),
                    {percentText(toNumber(param(r, 0)))});
    case ReasonKey::Amber:
        return fill(tr("The dose stays the same this week (%1)."), {causes(r, 0)});
    case ReasonKey::Progress:
        if (!r.params.empty()) {
            return fill(tr("Everything went well this week (your sessions done, little pain, "
                           "manageable effort): one step up. Note: %1."),
                        {causes(r, 0)});
        }
        return tr("Everything went well this week (your sessions done, little pain, manageable "
                  "effort): one step up.");
    case ReasonKey::AtTopSwitchHarder:
        return tr("You have reached the top of this exercise: you move on to its harder "
                  "version, starting gently.");
    case ReasonKey::AtTopMerged:
        return fill(tr("You have reached the top of this exercise. Its harder version, %1, is "
                       "already in your routine: you carry on with that one."),
                    {exerciseName(param(r, 0), library)});
    case ReasonKey::AtTopStays:
        return tr("You are at the top of this exercise's range; it stays there. Your therapist "
                  "can give you the next step.");
    case ReasonKey::NotDone:
        return tr("This exercise was not done this week, so the dose stays the same.");
    case ReasonKey::Missing:
        return fill(tr("The dose stays the same this week: %1."), {causes(r, 0)});
    case ReasonKey::QuotaBaseline:
        return fill(tr("Your first week showed what you can do now (%1 reps a set on average); "
                       "you start at 70 % of it, %2 reps, and add a rep after every session "
                       "that reaches it, whatever the pain, as agreed with your therapist."),
                    {numberText(toNumber(param(r, 0))), param(r, 1)});
    case ReasonKey::QuotaRaised:
        return fill(tr("You reached your quota: next time it is %1 reps, as agreed with your "
                       "therapist."),
                    {param(r, 0)});
    case ReasonKey::QuotaHeldPain:
        return tr("It hurt a lot this time, so your quota stays where it is (it does not go "
                  "down).");
    case ReasonKey::QuotaTwoRed:
        return tr("It hurt a lot two sessions in a row. Your quota stays where it is and your "
                  "therapist is told.");
    case ReasonKey::PhaseBegins:
        return fill(tr("A new phase of your program begins: %1."), {phaseName(r, program)});
    case ReasonKey::PhaseKeepsRegressed:
        return fill(tr("A new phase of your program begins (%1), but this exercise was made "
                       "easier in the last week: it keeps the smaller dose until a good week."),
                    {phaseName(r, program)});
    case ReasonKey::Complete:
        return tr("Your program is complete: keep doing this routine as it is, and see your "
                  "therapist for the next one.");
    case ReasonKey::FlagCleared:
        return tr("Your therapist has looked at it: the stop is lifted.");
    case ReasonKey::QuotaWeekly:
        return tr("In quota mode the dose goes up after each session that reaches it, not at "
                  "the weekly review.");
    }
    return {};
}

} // namespace motus::core
