// Reasons name a program's phase in the language of whoever reads them, not the one in force
// when the decision was made (decisions store the phase's index and English name).
#include "core/Reasons.hpp"
#include "core/I18n.hpp"

#include <catch2/catch.hpp>

using namespace motus;

namespace {

core::Program twoPhases() {
    core::Program p;
    p.id = "low-back";
    p.title = "Low back";
    p.titles["de"] = "Rücken";
    core::ProgramPhase activation;
    activation.name = "Activation";
    activation.names["de"] = "Aktivierung";
    core::ProgramPhase load;
    load.name = "Load";
    load.names["de"] = "Belastung";
    p.phases = {activation, load};
    return p;
}

} // namespace

TEST_CASE("reasons: a new phase is named in the reader's language", "[core][reasons]") {
    const auto program = twoPhases();
    const core::Reason begins{core::ReasonKey::PhaseBegins, {"1", "Load"}};
    const core::Reason kept{core::ReasonKey::PhaseKeepsRegressed, {"1", "Load"}};

    core::initI18n(MOTUS_BUILD_LOCALEDIR, "de");
    CHECK(core::reasonText(begins, nullptr, &program) ==
          "Eine neue Phase Ihres Programms beginnt: Belastung.");
    const auto keptText = core::reasonText(kept, nullptr, &program);
    CHECK(keptText.find("(Belastung)") != std::string::npos);
    CHECK(keptText.find("Load") == std::string::npos);
    // Without the program only the stored English name is known.
    CHECK(core::reasonText(begins) == "Eine neue Phase Ihres Programms beginnt: Load.");

    // The same stored reason, read later in English.
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
    CHECK(core::reasonText(begins, nullptr, &program) ==
          "A new phase of your program begins: Load.");
}

TEST_CASE("reasons: a phase is found by its stored name when the program has changed",
          "[core][reasons]") {
    auto program = twoPhases();
    // A program imported later, with a new first phase: the stored index 1 is now another phase.
    core::ProgramPhase mobility;
    mobility.name = "Mobility";
    mobility.names["de"] = "Beweglichkeit";
    program.phases.insert(program.phases.begin(), mobility);
    const core::Reason begins{core::ReasonKey::PhaseBegins, {"1", "Load"}};

    core::initI18n(MOTUS_BUILD_LOCALEDIR, "de");
    CHECK(core::reasonText(begins, nullptr, &program) ==
          "Eine neue Phase Ihres Programms beginnt: Belastung.");
    // A phase the program no longer has keeps its stored name.
    const core::Reason gone{core::ReasonKey::PhaseBegins, {"0", "Strength"}};
    CHECK(core::reasonText(gone, nullptr, &program) ==
          "Eine neue Phase Ihres Programms beginnt: Strength.");
    core::initI18n(MOTUS_BUILD_LOCALEDIR, "en");
}
