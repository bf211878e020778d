// Tests of checking content without using it (`motus validate`): exercise and program files are
// told apart by their root element, and programs are read against the exercises checked with
// them and the rest of the library.

#include "content/ContentCheck.hpp"
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace content = motus::content;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines(const content::ContentCheck& check) {
    std::vector<std::string> out;
    for (const auto& d : check.diagnostics) {
        out.push_back(d.str());
    }
    return out;
}

const fs::path kSource(MOTUS_SOURCE_DIR);

} // namespace

TEST_CASE("the root element tells the kind of a file", "[content][check]") {
    CHECK(content::rootElementName("<program id=\"a\">") == "program");
    CHECK(content::rootElementName("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- <exercise> -->\n"
                                   "<!DOCTYPE program [<!ENTITY x \"y\">]>\n  <exercise/>") ==
          "exercise");
    CHECK(content::rootElementName("<?xml version=\"1.0\"?><program>") == "program");
    CHECK(content::rootElementName("<program\n  id=\"a\">") == "program");
    CHECK(content::rootElementName("").empty());
    CHECK(content::rootElementName("text <program>").empty());
    CHECK(content::rootElementName("<!-- never closed <program>").empty());
    CHECK(content::rootElementName("<?xml version=\"1.0\"").empty());
}

TEST_CASE("a folder of exercises and programs is checked as the library and an import would",
          "[content][check]") {
    const fs::path dir = fs::path(MOTUS_BINARY_DIR) / "content-check-test";
    fs::remove_all(dir);
    // An exercise of the folder's own, and a program that uses it and one of the library.
    std::string bridge = readAll(kSource / "exercises/low-back/glute-bridge.xml");
    bridge.replace(bridge.find("id=\"glute-bridge\""), 17, "id=\"my-bridge\"");
    bridge.replace(bridge.find("progression=\"bridge-march\""), 26, "");
    write(dir / "my-bridge.xml", bridge);
    const std::string opening = "<?xml version=\"1.0\"?>\n<program id=\"p\" format=\"1\">\n"
                                "  <title>P</title>\n  <author>A</author>\n"
                                "  <phase name=\"One\" weeks=\"1\" per-week=\"7\">\n";
    write(dir / "programs/own.xml", opening + "    <item exercise=\"my-bridge\"/>\n"
                                              "    <item exercise=\"cat-camel\"/>\n  </phase>\n"
                                              "</program>\n");
    write(dir / "bad.xml", opening + "    <item exercise=\"my-bridge\" reps=\"99\"/>\n"
                                     "  </phase>\n</program>\n");

    const auto context = content::loadLibrary({kSource / "exercises"});
    const auto check = content::checkContent({dir}, &context.library);
    CHECK(check.filesRead == 3);
    CHECK(check.exercisesValid == 1);
    CHECK(check.programsValid == 1);
    CHECK(lines(check) ==
          std::vector<std::string>{(dir / "bad.xml").string() +
                                   ":6: error: <item> attribute 'reps': 99 is outside the range "
                                   "1..30"});

    // Without the folder's exercise the program refers to nothing.
    const auto alone = content::checkContent({dir / "programs"}, &context.library);
    CHECK(alone.programsValid == 0);
    CHECK(lines(alone) == std::vector<std::string>{(dir / "programs/own.xml").string() +
                                                   ":6: error: <item> attribute 'exercise': "
                                                   "unknown exercise 'my-bridge'"});

    // The bundled library with its programs checks clean.
    const auto bundled = content::checkContent({kSource / "exercises"});
    CHECK(bundled.diagnostics.empty());
    CHECK(bundled.programsValid == content::bundledPrograms(kSource / "exercises").size());
    CHECK(bundled.exercisesValid == context.library.size());
    fs::remove_all(dir);
}
