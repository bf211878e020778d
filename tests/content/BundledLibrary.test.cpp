#include "content/ExerciseLoader.hpp"

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
    CHECK(german >= 10);
    for (const char* region : {"neck", "shoulder", "hip", "knee", "low-back"}) {
        INFO(region);
        CHECK(regions.count(region) == 1);
    }
}
