#include "Words.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

namespace motus::document {
namespace {

using core::tr;
using core::trn;

unsigned long u(int n) {
    return static_cast<unsigned long>(n);
}

// A translated pattern with one number in it.
std::string with(const char* pattern, int n) {
    return fmt::format(fmt::runtime(pattern), n);
}

} // namespace

std::string doseInWords(const core::Dose& dose) {
    std::string out;
    const std::string sets = with(trn("{} set", "{} sets", u(dose.sets)), dose.sets);
    if (dose.pyramid.empty()) {
        // TRANSLATORS: "3 sets" of "10 repetitions".
        out = fmt::format(fmt::runtime(tr("{0} of {1}")), sets,
                          with(trn("{} repetition", "{} repetitions", u(dose.reps)), dose.reps));
    } else {
        std::string list;
        for (std::size_t i = 0; i < dose.pyramid.size(); ++i) {
            if (i > 0) {
                list += i + 1 == dose.pyramid.size() ? std::string(tr(", then ")) : ", ";
            }
            list += std::to_string(dose.pyramid[i]);
        }
        // TRANSLATORS: "3 sets": "6, 4, then 2" repetitions.
        out = fmt::format(fmt::runtime(tr("{0}: {1} repetitions")), sets, list);
    }
    switch (dose.side) {
    case core::Side::Both:
        break;
    case core::Side::Left:
        out += ", " + std::string(tr("left side only"));
        break;
    case core::Side::Right:
        out += ", " + std::string(tr("right side only"));
        break;
    case core::Side::Alternate:
        out += ", " + std::string(tr("alternating sides (the repetitions are per side)"));
        break;
    case core::Side::Each:
        out += ", " + std::string(tr("each side (all repetitions on one side, then the other)"));
        break;
    }
    if (dose.holdSeconds > 0) {
        out += ", " + with(trn("hold {} second in each repetition",
                               "hold {} seconds in each repetition", u(dose.holdSeconds)),
                           dose.holdSeconds);
    }
    out += ", " + with(trn("{} second to move into the position and again to move back",
                           "{} seconds to move into the position and again to move back",
                           u(dose.tempoSeconds)),
                       dose.tempoSeconds);
    if (dose.sets > 1) {
        out += ", " + (dose.restSeconds > 0
                           ? with(trn("rest {} second between sets", "rest {} seconds between sets",
                                      u(dose.restSeconds)),
                                  dose.restSeconds)
                           : std::string(tr("no rest between sets")));
    }
    return out;
}

std::string doseShort(const core::Dose& dose) {
    std::string text;
    if (dose.pyramid.empty()) {
        text = fmt::format("{} × {}", dose.sets, dose.reps);
    } else {
        text = fmt::format("{}", fmt::join(dose.pyramid, "-"));
    }
    if (dose.holdSeconds > 0) {
        text += " · " + fmt::format(fmt::runtime(tr("hold {} s")), dose.holdSeconds);
    }
    return text;
}

std::string frequencyOf(const core::ProgramPhase& phase) {
    core::Dose dose;
    dose.perDay = phase.perDay;
    dose.perWeek = phase.perWeek;
    return core::describeFrequency(dose);
}

std::string redFlagName(core::RedFlag flag) {
    switch (flag) {
    case core::RedFlag::SaddleNumbness:
        return tr("numbness around the seat (saddle area)");
    case core::RedFlag::BladderBowel:
        return tr("a new problem controlling the bladder or bowel");
    case core::RedFlag::LegWeakness:
        return tr("leg weakness that gets worse");
    case core::RedFlag::FeverWeightLoss:
        return tr("fever or unexplained weight loss with back pain");
    case core::RedFlag::MajorTrauma:
        return tr("a recent major injury (a fall, an accident)");
    }
    return {};
}

} // namespace motus::document
