#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace motus;

TEST_CASE("the bundled library validates with no error and no warning", "[content][bundled]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    for (const auto& d : load.diagnostics) {
        UNSCOPED_INFO(d.str());
    }
    CHECK(load.diagnostics.empty());
    CHECK(load.skipped.empty());
    CHECK(load.library.size() == load.filesRead);
    CHECK(load.library.size() >= 30);
}

TEST_CASE("the bundled library has the required exercises and chains", "[content][bundled]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    const auto& library = load.library;
    for (const char* id : {"mcgill-curl-up",
                           "side-plank-knees",
                           "side-plank",
                           "bird-dog-arm",
                           "bird-dog-leg",
                           "bird-dog",
                           "cat-camel",
                           "dead-bug-heel-slide",
                           "dead-bug-bent-knee-tap",
                           "dead-bug",
                           "glute-bridge",
                           "single-leg-bridge",
                           "clamshell",
                           "hip-hinge-dowel",
                           "prone-press-up",
                           "prone-on-elbows",
                           "posterior-pelvic-tilt",
                           "abdominal-drawing-in",
                           "wall-squat",
                           "open-book",
                           "childs-pose",
                           "sciatic-nerve-slider-supine",
                           "sciatic-nerve-slider-seated",
                           "chin-tuck",
                           "scapular-setting",
                           "wall-slide",
                           "sit-to-stand",
                           "calf-raise"}) {
        INFO(id);
        CHECK(library.find(id) != nullptr);
    }
    auto chain = [&](const char* from, const char* to) {
        const auto* ex = library.find(from);
        REQUIRE(ex != nullptr);
        CHECK(ex->progression == std::optional<std::string>(to));
        const auto* next = library.find(to);
        REQUIRE(next != nullptr);
        CHECK(next->regression == std::optional<std::string>(from));
    };
    chain("side-plank-knees", "side-plank");
    chain("bird-dog-arm", "bird-dog-leg");
    chain("bird-dog-leg", "bird-dog");
    chain("dead-bug-heel-slide", "dead-bug-bent-knee-tap");
    chain("dead-bug-bent-knee-tap", "dead-bug");
    chain("glute-bridge", "single-leg-bridge");
    chain("prone-on-elbows", "prone-press-up");

    std::size_t german = 0;
    std::set<std::string> regions;
    for (const auto& ex : library.all()) {
        german += ex.texts.count("de");
        regions.insert(ex.regions.begin(), ex.regions.end());
        INFO(ex.id);
        CHECK_FALSE(ex.source.empty());
        CHECK_FALSE(ex.licence.empty());
        CHECK(ex.text("en").steps.size() >= 2);
    }
    CHECK(german == library.size());
    for (const char* region : {"neck", "shoulder", "hip", "knee", "low-back"}) {
        INFO(region);
        CHECK(regions.count(region) == 1);
    }
}

namespace {

// Every English text of one list has a German one at the same place, not empty and not the
// English words copied over.
void checkTranslated(const std::vector<std::string>& english,
                     const std::vector<std::string>& german, const char* element) {
    INFO(element);
    REQUIRE(german.size() == english.size());
    for (std::size_t i = 0; i < english.size(); ++i) {
        INFO(i + 1);
        CHECK_FALSE(german[i].empty());
        CHECK(german[i] != english[i]);
    }
}

} // namespace

TEST_CASE("every bundled exercise has all of its texts in German", "[content][bundled]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    REQUIRE(load.library.size() >= 40);
    for (const auto& ex : load.library.all()) {
        INFO(ex.id);
        REQUIRE(ex.texts.count("de") == 1);
        const auto& en = ex.texts.at("en");
        const auto& de = ex.texts.at("de");
        CHECK_FALSE(de.name.empty());
        CHECK_FALSE(de.summary.empty());
        CHECK(de.summary != en.summary);
        checkTranslated(en.steps, de.steps, "step");
        checkTranslated(en.cues, de.cues, "cue");
        checkTranslated(en.cautions, de.cautions, "caution");
        checkTranslated(en.contraindications, de.contraindications, "contraindication");
    }
}

TEST_CASE("every bundled program has its title and phase names in German", "[content][bundled]") {
    const std::filesystem::path dir = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    const auto load = content::loadLibrary({dir});
    const auto files = content::bundledPrograms(dir);
    REQUIRE(files.size() >= 3);
    for (const auto& file : files) {
        INFO(file.string());
        const auto parsed = content::loadProgramFile(file, load.library);
        for (const auto& d : parsed.diagnostics) {
            UNSCOPED_INFO(d.str());
        }
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.program);
        const auto& program = *parsed.program;
        REQUIRE(program.titles.count("de") == 1);
        CHECK(program.titleIn("de") != program.title);
        for (const auto& phase : program.phases) {
            INFO(phase.name);
            REQUIRE(phase.names.count("de") == 1);
            CHECK_FALSE(phase.nameIn("de").empty());
        }
    }
}
