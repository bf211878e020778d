#include "Json.hpp"

#include "core/Decision.hpp"
#include "core/Library.hpp"
#include "core/Reasons.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace motus::cli {

std::string dump(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json number(double value) {
    if (!std::isfinite(value)) {
        return nullptr;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    const double shown = std::strtod(buffer, nullptr);
    if (shown == std::floor(shown) && std::fabs(shown) < 1e15) {
        return static_cast<std::int64_t>(shown);
    }
    return shown;
}

Json doseJson(const core::Prescription& p) {
    Json j;
    j["exercise"] = p.exercise;
    j["sets"] = p.dose.sets;
    j["reps"] = p.dose.reps;
    j["hold"] = p.dose.holdSeconds;
    return j;
}

Json pyramidJson(const core::Dose& dose) {
    if (dose.pyramid.empty()) {
        return nullptr;
    }
    return dose.pyramid;
}

Json figuresJson(const core::Figures& f) {
    Json j = Json::object();
    for (const auto& figure : core::numericFigures(f)) {
        j[std::string(figure.key)] = number(figure.value);
    }
    if (f.leg) {
        j["leg"] = std::string(core::toString(*f.leg));
    }
    if (!f.redFlags.empty()) {
        Json flags = Json::array();
        for (auto flag : f.redFlags) {
            flags.push_back(std::string(core::toString(flag)));
        }
        j["red_flags"] = flags;
    }
    return j;
}

namespace {

Json ruleJson(core::Row row) {
    const auto rule = core::ruleNumber(row);
    return rule ? Json(*rule) : Json(nullptr);
}

} // namespace

Json decisionJson(const core::DoseChange& d, const core::Library* library,
                  const core::Program* program) {
    Json j;
    j["exercise"] = d.exercise.empty() ? d.from.exercise : d.exercise;
    j["decision"] = std::string(core::toString(d.decision));
    j["rule"] = ruleJson(d.row);
    j["reason"] = core::reasonText(d, library, program);
    j["figures"] = figuresJson(d.figures);
    j["from"] = doseJson(d.from);
    j["to"] = doseJson(d.to);
    j["row"] = std::string(core::toString(d.row));
    j["reason_key"] = std::string(core::toString(d.reason.key));
    j["reason_params"] = d.reason.params;
    return j;
}

Json flagJson(const core::TherapistFlag& flag, const core::Library* library,
              const core::Program* program) {
    Json j;
    j["id"] = flag.id;
    j["date"] = core::formatDate(flag.date);
    j["exercise"] = flag.exercise.empty() ? Json(nullptr) : Json(flag.exercise);
    j["rule"] = ruleJson(flag.row);
    j["row"] = std::string(core::toString(flag.row));
    j["reason"] = core::reasonText(flag.reason, library, program);
    j["reason_key"] = std::string(core::toString(flag.reason.key));
    j["reason_params"] = flag.reason.params;
    j["figures"] = figuresJson(flag.figures);
    j["stops"] = flag.stops;
    j["cleared"] = flag.cleared ? Json(core::formatDate(*flag.cleared)) : Json(nullptr);
    return j;
}

} // namespace motus::cli
