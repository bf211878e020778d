#include "core/Library.hpp"

#include <catch2/catch.hpp>

using namespace motus::core;

namespace {
Exercise make(std::string id, std::vector<std::string> regions, Position position, Goal goal,
              int level) {
    Exercise e;
    e.id = std::move(id);
    e.regions = std::move(regions);
    e.position = position;
    e.goals = {goal};
    e.level = level;
    e.equipment = {"mat"};
    e.texts["en"].name = e.id;
    return e;
}
} // namespace

TEST_CASE("the library sorts by id and finds exercises", "[core][library]") {
    Library library({make("b", {"hip"}, Position::Supine, Goal::Strength, 2),
                     make("a", {"low-back"}, Position::Prone, Goal::Mobility, 1)});
    REQUIRE(library.size() == 2);
    CHECK(library.all()[0].id == "a");
    REQUIRE(library.find("b") != nullptr);
    CHECK(library.find("b")->level == 2);
    CHECK(library.find("c") == nullptr);
}

TEST_CASE("filters combine region, position, goal, equipment and level", "[core][library]") {
    Library library({make("bridge", {"low-back", "hip"}, Position::Supine, Goal::Strength, 2),
                     make("press-up", {"low-back"}, Position::Prone, Goal::Mobility, 1),
                     make("clam", {"hip"}, Position::SideLying, Goal::Strength, 1)});
    LibraryFilter filter;
    filter.region = "hip";
    CHECK(library.filter(filter).size() == 2);
    filter.position = Position::Supine;
    REQUIRE(library.filter(filter).size() == 1);
    CHECK(library.filter(filter)[0]->id == "bridge");
    filter = {};
    filter.goal = Goal::Mobility;
    REQUIRE(library.filter(filter).size() == 1);
    CHECK(library.filter(filter)[0]->id == "press-up");
    filter = {};
    filter.level = 1;
    CHECK(library.filter(filter).size() == 2);
    filter.equipment = "wall";
    CHECK(library.filter(filter).empty());
}

TEST_CASE("text falls back to English", "[core][library]") {
    auto e = make("x", {"hip"}, Position::Supine, Goal::Strength, 1);
    e.texts["de"].name = "X auf Deutsch";
    CHECK(e.text("de").name == "X auf Deutsch");
    CHECK(e.text("fr").name == "x");
}

TEST_CASE("referencing finds the variants that point at an exercise", "[core][library]") {
    auto easy = make("easy", {"hip"}, Position::Supine, Goal::Strength, 1);
    auto hard = make("hard", {"hip"}, Position::Supine, Goal::Strength, 2);
    easy.progression = "hard";
    hard.regression = "easy";
    Library library({easy, hard});
    CHECK(library.referencing("hard").size() == 1);
    CHECK(library.referencing("easy").size() == 1);
    CHECK(library.referencing("other").empty());
}
