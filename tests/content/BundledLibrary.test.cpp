#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"

#include <catch2/catch.hpp>

#include <regex>
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
    CHECK(load.library.size() >= 100);
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
    chain("glute-bridge", "bridge-march");
    chain("bridge-march", "single-leg-bridge");
    chain("prone-lying", "prone-on-elbows");
    chain("seated-calf-raise", "calf-raise-supported");
    chain("calf-raise-supported", "calf-raise");
    chain("calf-raise", "single-leg-calf-raise");
    chain("sit-to-stand-hands", "sit-to-stand"); // sitting down and up before the wall squat
    chain("sit-to-stand", "split-squat");
    chain("isometric-external-rotation", "band-external-rotation");
    chain("chin-tuck-supine", "chin-tuck");
    chain("wrist-extension-isometric", "wrist-extension-eccentric");
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
    for (const char* region : {"neck", "upper-back", "shoulder", "elbow-wrist", "hip", "knee",
                               "ankle-foot", "low-back", "whole-body"}) {
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

TEST_CASE("every bundled exercise has all of its texts in German and Spanish",
          "[content][bundled][translation]") {
    const auto load = content::loadLibrary({std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises"});
    REQUIRE(load.library.size() >= 100);
    const std::string lang = GENERATE("de", "es");
    INFO(lang);
    for (const auto& ex : load.library.all()) {
        INFO(ex.id);
        REQUIRE(ex.texts.count(lang) == 1);
        const auto& en = ex.texts.at("en");
        const auto& other = ex.texts.at(lang);
        CHECK_FALSE(other.name.empty());
        CHECK_FALSE(other.summary.empty());
        CHECK(other.summary != en.summary);
        CHECK(other.fault.empty() == en.fault.empty());
        checkTranslated(en.steps, other.steps, "step");
        checkTranslated(en.cues, other.cues, "cue");
        checkTranslated(en.cautions, other.cautions, "caution");
        checkTranslated(en.contraindications, other.contraindications, "contraindication");
    }
}

TEST_CASE("every bundled program has its title, phase names and advice in German and Spanish",
          "[content][bundled][translation]") {
    const std::filesystem::path dir = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    const auto load = content::loadLibrary({dir});
    const auto files = content::bundledPrograms(dir);
    REQUIRE(files.size() >= 8);
    const std::string lang = GENERATE("de", "es");
    INFO(lang);
    for (const auto& file : files) {
        INFO(file.string());
        const auto parsed = content::loadProgramFile(file, load.library);
        for (const auto& d : parsed.diagnostics) {
            UNSCOPED_INFO(d.str());
        }
        CHECK(parsed.diagnostics.empty());
        REQUIRE(parsed.program);
        const auto& program = *parsed.program;
        REQUIRE(program.titles.count(lang) == 1);
        CHECK(program.titleIn(lang) != program.title);
        CHECK(program.advices.count(lang) == (program.advice.empty() ? 0U : 1U));
        for (const auto& phase : program.phases) {
            INFO(phase.name);
            REQUIRE(phase.names.count(lang) == 1);
            CHECK_FALSE(phase.nameIn(lang).empty());
        }
    }
}

namespace {

// A citation one can look up: a DOI, a PMID, a chapter or a page.
bool hasLocator(const std::string& citation) {
    static const std::regex locator(
        R"((doi:|doi\.org/|10\.\d{4,}/|PMID:? ?\d|\bch(apter|\.)\s*\d|\bpp?\.\s*\d))",
        std::regex::icase);
    return std::regex_search(citation, locator);
}

} // namespace

TEST_CASE("every bundled exercise and program names its source with a locator",
          "[content][bundled][sources]") {
    CHECK(hasLocator("Smith J. Title. J Foo 2001;3:4-5. doi:10.1000/xyz"));
    CHECK(hasLocator("Kisner C, Colby LA. Therapeutic Exercise, 7th ed., ch. 16"));
    CHECK(hasLocator("Book, pp. 812-815"));
    CHECK_FALSE(hasLocator("Kisner C, Colby LA. Therapeutic Exercise, spine chapters"));
    CHECK_FALSE(hasLocator("Campbell 1997 (knee chapter)"));

    const std::filesystem::path dir = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    const auto load = content::loadLibrary({dir});
    for (const auto& ex : load.library.all()) {
        INFO(ex.id << ": " << ex.source);
        CHECK(hasLocator(ex.source));
        CHECK(ex.source.find("spine chapters") == std::string::npos);
        CHECK(ex.source.find("knee chapter") == std::string::npos);
    }
    for (const auto& file : content::bundledPrograms(dir)) {
        INFO(file.string());
        const auto parsed = content::loadProgramFile(file, load.library);
        REQUIRE(parsed.program);
        REQUIRE_FALSE(parsed.program->sources.empty());
        for (const auto& source : parsed.program->sources) {
            INFO(source);
            CHECK(hasLocator(source));
        }
        for (const auto& phase : parsed.program->phases) {
            INFO(phase.name);
            CHECK_FALSE(phase.basis.empty()); // each phase's doses justified
        }
    }
}
