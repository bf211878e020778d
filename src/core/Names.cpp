#include "Names.hpp"

#include "I18n.hpp"

#include <cstdio>
#include <string>

namespace motus::core {
namespace {

// printf-style formatting of one translated pattern with integers.
std::string format(const char* pattern, long a, long b = 0) {
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, pattern, a, b);
    return buffer;
}

} // namespace

std::string displayName(Goal goal) {
    switch (goal) {
    case Goal::Mobility:
        return tr("mobility");
    case Goal::MotorControl:
        return tr("motor control");
    case Goal::Strength:
        return tr("strength");
    case Goal::Endurance:
        return tr("endurance");
    case Goal::NerveMobility:
        return tr("nerve mobility");
    case Goal::Relaxation:
        return tr("relaxation");
    }
    return {};
}

std::string displayName(Position position) {
    switch (position) {
    case Position::Standing:
        return tr("standing");
    case Position::Sitting:
        return tr("sitting");
    case Position::Supine:
        return tr("lying on your back");
    case Position::Prone:
        return tr("lying on your front");
    case Position::SideLying:
        return tr("lying on your side");
    case Position::Quadruped:
        return tr("on hands and knees");
    case Position::Kneeling:
        return tr("kneeling");
    }
    return {};
}

std::string displayName(Side side) {
    switch (side) {
    case Side::Both:
        return tr("both sides together");
    case Side::Left:
        return tr("left side");
    case Side::Right:
        return tr("right side");
    case Side::Alternate:
        return tr("alternating sides");
    case Side::Each:
        return tr("each side in turn");
    }
    return {};
}

std::string displayName(Decision decision) {
    switch (decision) {
    case Decision::Progress:
        return tr("step up");
    case Decision::Hold:
        return tr("hold");
    case Decision::Regress:
        return tr("step back");
    case Decision::Switch:
        return tr("switch");
    case Decision::Stop:
        return tr("stop");
    case Decision::Resume:
        return tr("resume");
    }
    return {};
}

std::string regionDisplayName(std::string_view region) {
    if (region == "neck")
        return tr("neck");
    if (region == "upper-back")
        return tr("upper back");
    if (region == "low-back")
        return tr("low back");
    if (region == "shoulder")
        return tr("shoulder");
    if (region == "elbow-wrist")
        return tr("elbow and wrist");
    if (region == "hip")
        return tr("hip");
    if (region == "knee")
        return tr("knee");
    if (region == "ankle-foot")
        return tr("ankle and foot");
    if (region == "whole-body")
        return tr("whole body");
    return std::string(region);
}

std::string equipmentDisplayName(std::string_view equipment) {
    if (equipment == "none")
        return tr("no equipment");
    if (equipment == "mat")
        return tr("mat");
    if (equipment == "wall")
        return tr("wall");
    if (equipment == "chair")
        return tr("chair");
    if (equipment == "dowel")
        return tr("dowel or broomstick");
    if (equipment == "band")
        return tr("resistance band");
    if (equipment == "step")
        return tr("step");
    if (equipment == "towel")
        return tr("towel");
    if (equipment == "pillow")
        return tr("pillow");
    if (equipment == "ball")
        return tr("ball");
    if (equipment == "weight")
        return tr("small weight (dumbbell or ankle cuff)");
    if (equipment == "table")
        return tr("table");
    return std::string(equipment);
}

std::string describeFrequency(const Dose& dose) {
    std::string perDay = dose.perDay == 1 ? std::string(tr("once a day"))
                                          : format(trn("%ld time a day", "%ld times a day",
                                                       static_cast<unsigned long>(dose.perDay)),
                                                   dose.perDay);
    if (dose.isDaily()) {
        return perDay + ", " + tr("every day");
    }
    return perDay + ", " +
           format(
               trn("%ld day a week", "%ld days a week", static_cast<unsigned long>(dose.perWeek)),
               dose.perWeek);
}

std::string describeDose(const Dose& dose) {
    std::string out =
        format(trn("%ld set", "%ld sets", static_cast<unsigned long>(dose.sets)), dose.sets);
    out += " × ";
    if (dose.pyramid.empty()) {
        out += format(trn("%ld rep", "%ld reps", static_cast<unsigned long>(dose.reps)), dose.reps);
    } else {
        std::string list;
        for (std::size_t i = 0; i < dose.pyramid.size(); ++i) {
            if (i > 0) {
                list += '-';
            }
            list += std::to_string(dose.pyramid[i]);
        }
        out += list + " " + tr("reps (pyramid)");
    }
    if (dose.holdSeconds > 0) {
        out += " · " + format(tr("hold %ld s"), dose.holdSeconds);
    }
    out += " · " + format(tr("tempo %ld s"), dose.tempoSeconds);
    if (dose.restSeconds > 0) {
        out += " · " + format(tr("rest %ld s"), dose.restSeconds);
    } else {
        out += " · " + std::string(tr("no rest"));
    }
    out += " · " + displayName(dose.side);
    return out;
}

std::string doseConventionNote() {
    return tr("The dose is a clinical convention, not the source's own.");
}

} // namespace motus::core
