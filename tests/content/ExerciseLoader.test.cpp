#include "content/ExerciseLoader.hpp"

#include <catch2/catch.hpp>

#include <iostream>
#include <string>
#include <utility>
#include <vector>

namespace {

using Replacements = std::vector<std::pair<std::string, std::string>>;

const char* const kValid = R"(<?xml version="1.0" encoding="UTF-8"?>
<exercise id="x" format="1">
  <source licence="CC-BY-4.0">A source.</source>
  <text xml:lang="en">
    <name>X</name>
    <summary>One line.</summary>
    <steps><step>Do it.</step><step>Again.</step></steps>
  </text>
  <classification regions="low-back" goals="mobility" position="supine" equipment="mat" level="1"/>
  <dose sets="2" reps="5" tempo="2" rest="30" side="both" per-week="7"/>
  <bounds sets="1-3" reps="2-10" hold="0"/>
  <movement view="side">
    <pose id="start" orientation="-90" hip-l="50" knee-l="100" ankle-l="-35" contacts="head thorax pelvis foot-l thigh-r shank-r"/>
    <pose id="lifted" orientation="-90" thoracic="18" shoulder-l="18" shoulder-r="18" hip-l="50" knee-l="100" ankle-l="-35" contacts="pelvis abdomen foot-l thigh-r shank-r"/>
    <phase type="in" pose="lifted"/>
    <phase type="out" pose="start"/>
  </movement>
</exercise>
)";

std::string doc(const Replacements& replacements = {}) {
    std::string text = kValid;
    for (const auto& [from, to] : replacements) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    }
    return text;
}

void dump(const std::string& label, const std::string& text, const std::string& path = "x.xml") {
    auto r = motus::content::parseExercise(text, path);
    std::cout << "== " << label << " ok=" << r.exercise.has_value() << "\n";
    for (const auto& d : r.diagnostics) std::cout << "   " << d.str() << "\n";
}

} // namespace


motus::core::Exercise ex(const std::string& id, const std::string& variants, const std::string& path = "") {
    auto text = doc({{"id=\"x\"", "id=\"" + id + "\""}, {"  <movement", variants + "\n  <movement"}});
    auto r = motus::content::parseExercise(text, path.empty() ? id + ".xml" : path);
    for (const auto& d : r.diagnostics) std::cout << "   parse: " << d.str() << "\n";
    REQUIRE(r.exercise);
    return *r.exercise;
}
void cross(const std::string& label, std::vector<motus::core::Exercise> exs, std::vector<std::string> broken = {}) {
    std::vector<motus::core::Diagnostic> diags; std::vector<std::string> skipped;
    motus::content::checkAcrossFiles(exs, {}, broken, diags, skipped);
    std::cout << "== " << label << "\n";
    for (const auto& d : diags) std::cout << "   " << d.str() << "\n";
    for (const auto& s : skipped) std::cout << "   skipped " << s << "\n";
    for (const auto& e : exs) std::cout << "   kept " << e.id << " prog=" << e.progression.value_or("-") << " reg=" << e.regression.value_or("-") << "\n";
}
TEST_CASE("probe", "[probe]") {
    std::string deep;
    for (int i = 0; i < 120; ++i) deep += "<a>\n";
    dump("depth120", "<exercise>\n" + deep);
    std::string deep2;
    for (int i = 0; i < 120; ++i) deep2 += "<a" + std::to_string(i+2) + ">\n";
    dump("depth120b", "<exercise>\n" + deep2);
    std::string v = doc();
    std::string pad = "<!--" + std::string(motus::content::kMaxExerciseFileBytes - v.size() - 7, ' ') + "-->\n";
    dump("cap", v + pad);
    std::cout << (v+pad).size() << "\n";
    dump("decl only", "<?xml version=\"1.0\"?>\n");
    dump("comment only", "<!-- c -->\n");
    dump("text only", "hello\n");
    dump("two roots", doc() + "<exercise/>\n");
    dump("format0", doc({{"format=\"1\"", "format=\"0\""}}));
    dump("format2000", doc({{"format=\"1\"", "format=\"2000\""}}));
    dump("formatabc", doc({{"format=\"1\"", "format=\"one\""}}));
    dump("regions1", doc({{"regions=\"low-back\"", "regions=\"back\""}}));
    dump("goals1", doc({{"goals=\"mobility\"", "goals=\"flexibility\""}}));
    dump("orient", doc({{"orientation=\"-90\" hip", "orientation=\"200\" hip"}}));
    dump("wrist", doc({{"orientation=\"-90\" hip", "orientation=\"-90\" wrist-l=\"-80\" hip"}}));
    dump("elbow", doc({{"orientation=\"-90\" hip", "orientation=\"-90\" elbow-l=\"-10\" hip"}}));
    dump("real", doc({{"orientation=\"-90\" hip-l=\"50\"", "orientation=\"-90.0\" hip-l=\"50.5\""}}));
    dump("de no steps", doc({{"  </text>\n", "  </text>\n  <text xml:lang=\"de\"><name>X</name><summary>S</summary></text>\n"}}));
    dump("no phase", doc({{"    <phase type=\"in\" pose=\"lifted\"/>\n    <phase type=\"out\" pose=\"start\"/>\n", ""}}));
    dump("bounds rest", doc({{"hold=\"0\"", "hold=\"0\" rest=\"40-60\""}}));
    dump("bounds neg", doc({{"hold=\"0\"", "hold=\"-5\""}}));
    dump("bounds 100", doc({{"hold=\"0\"", "hold=\"0-100\""}}));
    dump("no contacts", doc({{" contacts=\"head thorax pelvis foot-l thigh-r shank-r\"", ""}}));
    dump("empty contacts", doc({{" contacts=\"head thorax pelvis foot-l thigh-r shank-r\"", " contacts=\"\""}}));
    dump("source empty", doc({{">A source.</source>", "></source>"}}));
    dump("progression self", doc({{"  <movement", "  <variants progression=\"x\"/>\n  <movement"}}));
    dump("progression bad", doc({{"  <movement", "  <variants progression=\"Y_z\"/>\n  <movement"}}));
    dump("hold-capped", doc({{"per-week=\"7\"", "per-week=\"7\" hold-capped=\"yes\""}}));
    cross("dup", {ex("a", "", "a.xml"), ex("b", ""), ex("a", "", "dir/a.xml")});
    cross("unknown", {ex("a", "  <variants progression=\"nope\" regression=\"nada\"/>")});
    cross("cycle", {ex("a", "  <variants progression=\"b\"/>"), ex("b", "  <variants progression=\"a\"/>"), ex("c", "  <variants progression=\"a\"/>")});
    cross("broken", {ex("a", "  <variants progression=\"b\"/>")}, {"b"});
    cross("dangling", {ex("a", "  <variants progression=\"b\"/>"), ex("b", "  <variants regression=\"nope\"/>")});
}
