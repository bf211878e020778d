// Tests of the exercise loader: every diagnostic is asserted with its exact text and line, in
// the style of ninja's parser tests. Each test starts from one valid minimal exercise and breaks
// one thing in it.

#include "content/ExerciseLoader.hpp"
#include "content/XmlReader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using motus::content::ParsedExercise;
using motus::content::parseExercise;
namespace core = motus::core;
namespace fs = std::filesystem;

namespace {

using Replacements = std::vector<std::pair<std::string, std::string>>;

// The valid minimal exercise. Line numbers matter: the tests name them.
//  1 declaration, 2 <exercise>, 3 <source>, 4-8 <text en>, 9 <classification>, 10 <dose>,
//  11 <bounds>, 12 <movement>, 13 pose "start", 14 pose "bent", 15-16 <phase>s, 17 </movement>.
const std::string kMinimal = R"(<?xml version="1.0" encoding="UTF-8"?>
<exercise id="x" format="1">
  <source licence="CC-BY-4.0" author="Motus contributors">A source, with its dose.</source>
  <text xml:lang="en">
    <name>Standing bend</name>
    <summary>Bend forward a little.</summary>
    <steps><step>Stand tall.</step><step>Bend forward.</step></steps>
  </text>
  <classification regions="low-back" goals="mobility" position="standing" equipment="none" level="1"/>
  <dose sets="2" reps="5" tempo="2" rest="30" side="both" per-week="7"/>
  <bounds sets="1-3" reps="2-10" hold="0"/>
  <movement view="side">
    <pose id="start" contacts="foot-l foot-r"/>
    <pose id="bent" lumbar="30" thoracic="20" contacts="foot-l foot-r"/>
    <phase type="in" pose="bent"/>
    <phase type="out" pose="start"/>
  </movement>
</exercise>
)";

const std::string kBentPose =
    R"(<pose id="bent" lumbar="30" thoracic="20" contacts="foot-l foot-r"/>)";

// The minimal exercise with each `from` (which must occur) replaced, first occurrence only.
std::string doc(const Replacements& replacements = {}) {
    std::string text = kMinimal;
    for (const auto& [from, to] : replacements) {
        const auto at = text.find(from);
        INFO("replacing: " << from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    }
    return text;
}

// A replacement that adds `lines` (without their trailing newline) after the English <text>,
// as line 9 onwards.
std::pair<std::string, std::string> afterEnglishText(const std::string& lines) {
    return {"  </text>\n", "  </text>\n" + lines + "\n"};
}

// A replacement that adds `line` before <movement>, as line 12.
std::pair<std::string, std::string> beforeMovement(const std::string& line) {
    return {"  <movement", line + "\n  <movement"};
}

std::vector<std::string> messages(const std::vector<core::Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) {
        out.push_back(d.str());
    }
    return out;
}

std::vector<std::string> messages(const ParsedExercise& result) {
    return messages(result.diagnostics);
}

using Lines = std::vector<std::string>;

// Parses as "x.xml" and returns the diagnostics.
Lines parse(const std::string& text) {
    return messages(parseExercise(text, "x.xml"));
}

// A valid exercise with the given id, read from "<id>.xml" (or `path`), with `variants` as
// line 12 when given.
core::Exercise exercise(const std::string& id, const std::string& variants = "",
                        const std::string& path = "") {
    Replacements replacements{{"id=\"x\"", "id=\"" + id + "\""}};
    if (!variants.empty()) {
        replacements.push_back(beforeMovement("  " + variants));
    }
    auto result = parseExercise(doc(replacements), path.empty() ? id + ".xml" : path);
    INFO(messages(result).size() << " diagnostics");
    REQUIRE(result.exercise);
    return *result.exercise;
}

struct CrossCheck {
    std::vector<core::Exercise> kept;
    Lines diagnostics;
    std::vector<std::string> skipped;
};

CrossCheck checkAcross(std::vector<core::Exercise> exercises,
                       const std::vector<std::string>& brokenIds = {}) {
    std::vector<core::Diagnostic> diagnostics;
    CrossCheck out;
    motus::content::checkAcrossFiles(exercises, {}, brokenIds, diagnostics, out.skipped);
    out.kept = std::move(exercises);
    out.diagnostics = messages(diagnostics);
    return out;
}

// A fresh folder below the system's temporary folder, removed with everything in it.
class TempDir {
public:
    TempDir() {
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        m_path = fs::temp_directory_path() /
                 ("motus-loader-test-" + std::to_string(stamp) + "-" + std::to_string(++s_count));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const fs::path& path() const { return m_path; }

    fs::path write(const std::string& relative, const std::string& text) const {
        const fs::path file = m_path / relative;
        fs::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary);
        out << text;
        return file;
    }

private:
    fs::path m_path;
    static inline int s_count = 0;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// The valid document

TEST_CASE("the minimal exercise parses with no diagnostics", "[content][loader]") {
    const auto result = parseExercise(doc(), "x.xml");
    REQUIRE(messages(result).empty());
    REQUIRE(result.exercise);
    REQUIRE(result.id);
    CHECK(*result.id == "x");

    const core::Exercise& ex = *result.exercise;
    CHECK(ex.id == "x");
    CHECK(ex.formatVersion == 1);
    CHECK(ex.path == "x.xml");
    CHECK(ex.line == 2);
    CHECK(ex.licence == "CC-BY-4.0");
    CHECK(ex.author == "Motus contributors");
    CHECK(ex.source == "A source, with its dose.");

    REQUIRE(ex.texts.size() == 1);
    const core::ExerciseText& en = ex.text("en");
    CHECK(en.name == "Standing bend");
    CHECK(en.summary == "Bend forward a little.");
    CHECK(en.steps == std::vector<std::string>{"Stand tall.", "Bend forward."});
    CHECK(en.cues.empty());
    CHECK(ex.text("de").name == "Standing bend"); // falls back to English

    CHECK(ex.regions == std::vector<std::string>{"low-back"});
    CHECK(ex.goals == std::vector<core::Goal>{core::Goal::Mobility});
    CHECK(ex.position == core::Position::Standing);
    CHECK(ex.equipment == std::vector<std::string>{"none"});
    CHECK(ex.level == 1);

    CHECK(ex.dose.sets == 2);
    CHECK(ex.dose.reps == 5);
    CHECK(ex.dose.holdSeconds == 0);
    CHECK(ex.dose.tempoSeconds == 2);
    CHECK(ex.dose.restSeconds == 30);
    CHECK(ex.dose.side == core::Side::Both);
    CHECK(ex.dose.perDay == 1);
    CHECK(ex.dose.perWeek == 7);
    CHECK(ex.dose.pyramid.empty());
    CHECK_FALSE(ex.holdCapped);

    CHECK(ex.bounds.sets == core::IntRange{1, 3});
    CHECK(ex.bounds.reps == core::IntRange{2, 10});
    CHECK(ex.bounds.hold == core::IntRange{0, 0});
    CHECK(ex.bounds.rest == core::DoseLimits::rest); // not given: the hard limit

    CHECK_FALSE(ex.progression);
    CHECK_FALSE(ex.regression);

    CHECK(ex.view == core::View::Side);
    REQUIRE(ex.poses.size() == 2);
    CHECK(ex.poses[0].id == "start");
    CHECK(ex.poses[0].line == 13);
    CHECK(ex.poses[0].orientation == 0.0);
    CHECK(ex.poses[0].angle(core::Joint::Lumbar) == 0.0);
    CHECK(ex.poses[0].contacts ==
          std::vector<core::Segment>{core::Segment::FootL, core::Segment::FootR});
    CHECK(ex.poses[1].id == "bent");
    CHECK(ex.poses[1].line == 14);
    CHECK(ex.poses[1].angle(core::Joint::Lumbar) == 30.0);
    CHECK(ex.poses[1].angle(core::Joint::Thoracic) == 20.0);
    CHECK(ex.poses[1].angle(core::Joint::HipL) == 0.0);

    REQUIRE(ex.phases.size() == 2);
    CHECK(ex.phases[0].type == core::PhaseType::In);
    CHECK(ex.phases[0].pose == 1);
    CHECK(ex.phases[1].type == core::PhaseType::Out);
    CHECK(ex.phases[1].pose == 0);
}

TEST_CASE("every optional field of a valid exercise is read", "[content][loader]") {
    const auto result = parseExercise(
        doc({{R"(<steps><step>Stand tall.</step><step>Bend forward.</step></steps>)",
              R"(<steps><step>Stand tall.</step><step>Bend forward.</step></steps><cues><cue>Breathe.</cue></cues>)"},
             afterEnglishText(
                 R"(  <text xml:lang="de"><name>Vorbeuge</name><summary>Ein wenig vorbeugen.</summary><steps><step>Aufrecht stehen.</step><step>Vorbeugen.</step></steps><cues><cue>Atmen.</cue></cues></text>)"),
             {R"(sets="2" reps="5" tempo="2" rest="30" side="both" per-week="7")",
              R"(sets="2" reps="5" hold="10" tempo="3" rest="45" side="each" per-day="2" per-week="5" pyramid="6 4" hold-capped="true")"},
             {R"(<bounds sets="1-3" reps="2-10" hold="0"/>)",
              R"(<bounds sets="2" reps="2-10" hold="5-20" rest="30-60"/>)"},
             beforeMovement(R"(  <variants progression="x-harder" regression="x-easier"/>)"),
             {R"(<pose id="start" contacts)", R"(<pose id="start" orientation="-2.5" contacts)"},
             {R"(<phase type="out")", R"(<phase type="hold" pose="bent"/><phase type="out")"}}),
        "x.xml");
    REQUIRE(messages(result).empty());
    REQUIRE(result.exercise);
    const core::Exercise& ex = *result.exercise;

    REQUIRE(ex.texts.size() == 2);
    CHECK(ex.text("en").cues == std::vector<std::string>{"Breathe."});
    CHECK(ex.text("de").name == "Vorbeuge");
    CHECK(ex.text("de").steps == std::vector<std::string>{"Aufrecht stehen.", "Vorbeugen."});

    CHECK(ex.dose.holdSeconds == 10);
    CHECK(ex.dose.tempoSeconds == 3);
    CHECK(ex.dose.restSeconds == 45);
    CHECK(ex.dose.side == core::Side::Each);
    CHECK(ex.dose.perDay == 2);
    CHECK(ex.dose.perWeek == 5);
    CHECK(ex.dose.pyramid == std::vector<int>{6, 4});
    CHECK(ex.dose.repsInSet(1) == 4);
    CHECK(ex.holdCapped);

    CHECK(ex.bounds.sets == core::IntRange{2, 2}); // one number is a range of one
    CHECK(ex.bounds.hold == core::IntRange{5, 20});
    CHECK(ex.bounds.rest == core::IntRange{30, 60});

    REQUIRE(ex.progression);
    CHECK(*ex.progression == "x-harder");
    REQUIRE(ex.regression);
    CHECK(*ex.regression == "x-easier");
    CHECK(ex.variantsLine == 13);

    CHECK(ex.poses[0].orientation == -2.5); // read with a decimal point, whatever the locale
    REQUIRE(ex.phases.size() == 3);
    CHECK(ex.phases[1].type == core::PhaseType::Hold);
}

TEST_CASE("text spanning lines reads as one line", "[content][loader]") {
    const auto result =
        parseExercise(doc({{"<summary>Bend forward a little.</summary>",
                            "<summary>\n      Bend\tforward\n      a little.\n    </summary>"}}),
                      "x.xml");
    REQUIRE(messages(result).empty());
    REQUIRE(result.exercise);
    CHECK(result.exercise->text("en").summary == "Bend forward a little.");
    // Lines after it are counted as they are in the file.
    CHECK(result.exercise->poses[0].line == 16);
}

TEST_CASE("the top view needs no contacts", "[content][loader]") {
    CHECK(parse(doc({{R"(view="side")", R"(view="top")"},
                     {R"(<pose id="start" contacts="foot-l foot-r"/>)", R"(<pose id="start"/>)"},
                     {kBentPose, R"(<pose id="bent" lumbar="-20"/>)"}}))
              .empty());
}

// ---------------------------------------------------------------------------------------------
// What is refused before the document is read

TEST_CASE("malformed XML is reported at its line", "[content][loader]") {
    SECTION("a mismatched end tag") {
        REQUIRE(parse(doc({{"</summary>", "</summry>"}})) ==
                Lines{"x.xml:6: error: malformed XML: an end tag does not match its start tag"});
    }
    SECTION("an unquoted attribute value") {
        REQUIRE(parse(doc({{R"(sets="2")", "sets=2"}})) ==
                Lines{"x.xml:10: error: malformed XML: cannot read an attribute (is a value "
                      "unquoted?)"});
    }
    SECTION("an end tag that does not match, on another line than its start tag") {
        // tinyxml2 names the line of the start tag.
        REQUIRE(parse(doc({{"  </text>", "  </txt>"}})) ==
                Lines{"x.xml:4: error: malformed XML: an end tag does not match its start tag"});
    }
    SECTION("a stray '<' in text") {
        // tinyxml2's generic XML_ERROR_PARSING, not the "stray '<' or '&'" hint.
        REQUIRE(parse(doc({{"Stand tall.", "Stand < 1 m tall."}})) ==
                Lines{"x.xml:7: error: malformed XML: cannot parse the document"});
    }
    SECTION("an unterminated comment") {
        REQUIRE(parse(doc({{"  <movement", "  <!-- unfinished\n  <movement"}})) ==
                Lines{"x.xml:12: error: malformed XML: unterminated comment"});
    }
    SECTION("text outside any element") {
        REQUIRE(parse("hello\n") ==
                Lines{"x.xml:1: error: malformed XML: cannot read text (a stray '<' or '&'?)"});
    }
}

TEST_CASE("a file that is not valid UTF-8 is refused at the line of the first bad byte",
          "[content][loader][text]") {
    const std::string bad = "x.xml:5: error: invalid UTF-8: byte 0x";
    const std::string hint = " is not part of a UTF-8 character (save the file as UTF-8)";
    CHECK(parse(doc({{"Standing bend", "Standing\xFF bend"}})) == Lines{bad + "FF" + hint});
    CHECK(parse(doc({{"Standing bend", "Caf\xE9 bend"}})) == Lines{bad + "E9" + hint}); // Latin-1
    CHECK(parse(doc({{"Standing bend", "\xC0\xAF"}})) == Lines{bad + "C0" + hint});     // overlong
    CHECK(parse(doc({{"Standing bend", "\xED\xA0\x80"}})) == Lines{bad + "ED" + hint}); // surrogate
    CHECK(parse(doc({{"Standing bend", "\xF4\x90\x80\x80"}})) == Lines{bad + "F4" + hint});
    CHECK(parse(doc({{"Standing bend", "\xE2\x9C bend"}})) == Lines{bad + "E2" + hint}); // cut
    CHECK(parse(doc() + "\xE2\x9C") ==
          Lines{"x.xml:19: error: invalid UTF-8: byte 0xE2" + hint}); // cut at the end
    // Valid UTF-8 of every length, and a byte order mark, are read.
    CHECK(parse(doc({{"Standing bend", "Übung · ✓ 😀"}})).empty());
    CHECK(parse("\xEF\xBB\xBF" + doc()).empty());
}

TEST_CASE("control characters other than tab, line feed and carriage return are refused",
          "[content][loader][text]") {
    const std::string tail = " is not allowed (only tab, line feed and carriage return are)";
    CHECK(parse(doc({{"Standing bend", "Standing\x1b[2J bend"}})) ==
          Lines{"x.xml:5: error: control character U+001B" + tail});
    CHECK(parse(doc({{R"(id="x")", "id=\"x\x01\""}})) ==
          Lines{"x.xml:2: error: control character U+0001" + tail});
    CHECK(parse(doc({{"Stand tall.", "Stand\x7f tall."}})) ==
          Lines{"x.xml:7: error: control character U+007F" + tail});
    CHECK(parse(doc({{"Stand tall.", "Stand\xC2\x85 tall."}})) == // C1: NEXT LINE
          Lines{"x.xml:7: error: control character U+0085" + tail});
    CHECK(parse(doc({{"Stand tall.", "Stand\xC2\x9B tall."}})) == // C1: CSI
          Lines{"x.xml:7: error: control character U+009B" + tail});
    // A raw NUL, and the bytes after it, are not silently dropped.
    CHECK(parse(doc({{"Standing bend", std::string("Standing\0 bend", 14)}})) ==
          Lines{"x.xml:5: error: control character U+0000" + tail});
    // Tab, CR LF line ends and a no-break space are fine.
    std::string crlf;
    for (char c : doc({{"Standing bend", "Standing\tbend\xC2\xA0now"}})) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    const auto result = parseExercise(crlf, "x.xml");
    CHECK(messages(result).empty());
    REQUIRE(result.exercise);
    CHECK(result.exercise->texts.at("en").name == "Standing bend\xC2\xA0now");
}

TEST_CASE("a character reference to NUL, a control character or no character is refused",
          "[content][loader][text]") {
    // &#0; used to cut the name silently to "Standing ".
    CHECK(parse(doc({{"Standing bend", "Standing &#0;bend"}})) ==
          Lines{"x.xml:5: error: the character reference &#0; stands for NUL, which is not "
                "allowed"});
    CHECK(parse(doc({{"Standing bend", "Standing &#x0;bend"}})) ==
          Lines{"x.xml:5: error: the character reference &#x0; stands for NUL, which is not "
                "allowed"});
    CHECK(parse(doc({{R"(id="x")", R"(id="x&#x0000;")"}})) ==
          Lines{"x.xml:2: error: the character reference &#x0000; stands for NUL, which is not "
                "allowed"});
    CHECK(parse(doc({{"Standing bend", "&#27;[2J"}})) ==
          Lines{"x.xml:5: error: the character reference &#27; stands for the control "
                "character U+001B, which is not allowed"});
    CHECK(parse(doc({{"Standing bend", "&#x9b;"}})) ==
          Lines{"x.xml:5: error: the character reference &#x9b; stands for the control "
                "character U+009B, which is not allowed"});
    CHECK(parse(doc({{"Standing bend", "&#xD800;"}})) ==
          Lines{"x.xml:5: error: the character reference &#xD800; does not stand for a "
                "character"});
    CHECK(parse(doc({{"Standing bend", "&#x110000;"}})) ==
          Lines{"x.xml:5: error: the character reference &#x110000; does not stand for a "
                "character"});
    CHECK(parse(doc({{"Standing bend", "&#99999999999999999999;"}})) ==
          Lines{"x.xml:5: error: the character reference &#99999999999999999999; does not "
                "stand for a character"});
    // Tab, line feed and ordinary characters by reference are fine; so is "&#0;" as the text
    // of a comment or a CDATA section, where it is not a reference.
    const auto result = parseExercise(doc({{"Standing bend", "Standing&#9;&#x0A;b&#xE9;nd"},
                                           {"Bend forward.", "<![CDATA[&#0;]]>"},
                                           {"  <movement", "  <!-- &#0; -->\n  <movement"}}),
                                      "x.xml");
    CHECK(messages(result).empty());
    REQUIRE(result.exercise);
    CHECK(result.exercise->texts.at("en").name == "Standing bénd");
    CHECK(result.exercise->texts.at("en").steps.at(1) == "&#0;");
}

TEST_CASE("nothing but comments and white space may follow the root element",
          "[content][loader][text]") {
    CHECK(parse(doc() + "\n<!-- the end -->\n\n").empty());
    CHECK(parse(doc() + "\n<![CDATA[more]]>\n") ==
          Lines{"x.xml:20: error: malformed XML: text after the end of <exercise> "
                "(only comments may follow it)"});
    // A NUL after the root element used to end the document there: what followed was ignored.
    CHECK(parse(doc() + std::string("\0<exercise/>junk", 16)) ==
          Lines{"x.xml:19: error: control character U+0000 is not allowed (only tab, line feed "
                "and carriage return are)"});
    CHECK(parse(doc() + "\n  <!-- fine -->junk\n") ==
          Lines{"x.xml:20: error: malformed XML: text after the end of <exercise> (only comments "
                "may follow it)"});
    CHECK(parse(doc() + "<?pi here?>\n") ==
          Lines{"x.xml:19: error: malformed XML: markup after the end of <exercise> (only "
                "comments may follow it)"});
    // An unterminated comment there keeps tinyxml2's message.
    CHECK(parse("<exercise>x</exercise>\n<!-- open\n") ==
          Lines{"x.xml:2: error: malformed XML: unterminated comment"});
}

TEST_CASE("an empty file is refused", "[content][loader]") {
    const auto result = parseExercise("", "x.xml");
    REQUIRE(messages(result) == Lines{"x.xml:1: error: malformed XML: the file is empty"});
    CHECK_FALSE(result.exercise);
    CHECK_FALSE(result.id);
    CHECK(parse("  \n\n ") == Lines{"x.xml:1: error: malformed XML: the file is empty"});
    CHECK(parse("<?xml version=\"1.0\"?>\n<!-- nothing -->\n") ==
          Lines{"x.xml:1: error: malformed XML: no root element"});
}

TEST_CASE("a <!DOCTYPE is refused in any case", "[content][loader]") {
    CHECK(parse(doc({{"<exercise id", "<!DOCTYPE exercise>\n<exercise id"}})) ==
          Lines{"x.xml:2: error: a <!DOCTYPE> declaration is not allowed"});
    CHECK(parse(doc({{"<exercise id", "<!doctype exercise>\n<exercise id"}})) ==
          Lines{"x.xml:2: error: a <!DOCTYPE> declaration is not allowed"});
    CHECK(parse(doc(
              {{"<exercise id", "\n\n<!DocType exercise [<!ENTITY a \"b\">]>\n<exercise id"}})) ==
          Lines{"x.xml:4: error: a <!DOCTYPE> declaration is not allowed"});
}

TEST_CASE("a file over the size cap is refused", "[content][loader]") {
    using motus::content::kMaxExerciseFileBytes;
    const std::string valid = doc();
    // A comment pads the valid document to exactly the cap: still read.
    const std::string atCap =
        valid + "<!--" + std::string(kMaxExerciseFileBytes - valid.size() - 8, ' ') + "-->\n";
    REQUIRE(atCap.size() == kMaxExerciseFileBytes);
    CHECK(parse(atCap).empty());

    CHECK(parse(atCap + " ") == Lines{"x.xml:1: error: file is 262145 bytes, over the limit of "
                                      "262144"});

    SECTION("read from a file") {
        TempDir dir;
        const auto file = dir.write("x.xml", atCap + "\n\n");
        const auto result = motus::content::loadExerciseFile(file);
        REQUIRE(messages(result) ==
                Lines{file.string() + ":1: error: file is 262146 bytes, over the limit of 262144"});
        CHECK_FALSE(result.exercise);
        const auto fine = motus::content::loadExerciseFile(dir.write("x.xml", atCap));
        CHECK(messages(fine).empty());
        CHECK(fine.exercise);
    }
}

TEST_CASE("elements nested deeper than the limit are refused", "[content][loader]") {
    // <exercise> 1, <text> 2, <steps> 3, <step> 4, then <a>..<d> 5..8: at the limit.
    CHECK(
        parse(doc({{"<step>Stand tall.</step>", "<step><a><b><c><d>x</d></c></b></a></step>"}})) ==
        Lines{"x.xml:7: error: <step>: unknown element <a>",
              "x.xml:7: error: <step>: the text is empty"});
    // <e> at level 9. The line is checked by the  tests below.
    const auto deep = parseExercise(
        doc({{"<step>Stand tall.</step>", "<step><a><b><c><d><e>x</e></d></c></b></a></step>"}}),
        "x.xml");
    REQUIRE(deep.diagnostics.size() == 1);
    CHECK(deep.diagnostics[0].isError());
    CHECK(deep.diagnostics[0].message == "elements are nested deeper than 8 levels");
    CHECK_FALSE(deep.exercise);
    static_assert(motus::content::kMaxElementDepth == 8);
}

TEST_CASE("the root element must be <exercise>", "[content][loader]") {
    const auto result = parseExercise(
        doc({{"<exercise id", "<program id"}, {"</exercise>", "</program>"}}), "x.xml");
    REQUIRE(messages(result) ==
            Lines{"x.xml:2: error: root element is <program>, expected <exercise>"});
    CHECK_FALSE(result.exercise);
}

// ---------------------------------------------------------------------------------------------
// Elements and attributes

TEST_CASE("an unknown element is an error", "[content][loader]") {
    CHECK(parse(doc({{"<dose ", "<dosage "}})) ==
          Lines{"x.xml:10: error: <exercise>: unknown element <dosage>",
                "x.xml:2: error: <exercise>: missing required element <dose>"});
    CHECK(parse(doc({{"<steps>", "<note>Hi.</note><steps>"}})) ==
          Lines{"x.xml:7: error: <text>: unknown element <note>"});
    CHECK(parse(doc({{"<step>Stand tall.</step>", "<step>Stand <b>tall</b>.</step>"}})) ==
          Lines{"x.xml:7: error: <step>: unknown element <b>"});
}

TEST_CASE("an unknown attribute is an error", "[content][loader]") {
    CHECK(parse(doc({{R"(sets="2")", R"(sets="2" set="3")"}})) ==
          Lines{"x.xml:10: error: <dose>: unknown attribute 'set'"});
    // The typo for a required attribute: both problems are reported.
    CHECK(parse(doc({{R"(sets="2")", R"(set="2")"}})) ==
          Lines{"x.xml:10: error: <dose>: unknown attribute 'set'",
                "x.xml:10: error: <dose>: missing required attribute 'sets'"});
    CHECK(parse(doc({{R"(format="1")", R"(format="1" lang="en")"}})) ==
          Lines{"x.xml:2: error: <exercise>: unknown attribute 'lang'"});
    CHECK(parse(doc({{R"(<phase type="in")", R"(<phase type="in" seconds="3")"}})) ==
          Lines{"x.xml:15: error: <phase>: unknown attribute 'seconds'"});
}

TEST_CASE("a missing required element is an error", "[content][loader]") {
    CHECK(parse(doc({{"  <dose sets=\"2\" reps=\"5\" tempo=\"2\" rest=\"30\" side=\"both\" "
                      "per-week=\"7\"/>\n",
                      ""}})) ==
          Lines{"x.xml:2: error: <exercise>: missing required element <dose>"});
    CHECK(parse(doc({{"  <bounds sets=\"1-3\" reps=\"2-10\" hold=\"0\"/>\n", ""}})) ==
          Lines{"x.xml:2: error: <exercise>: missing required element <bounds>"});
    CHECK(parse(doc({{"    <summary>Bend forward a little.</summary>\n", ""}})) ==
          Lines{"x.xml:4: error: <text>: missing required element <summary>"});
    CHECK(parse(doc({{"<steps><step>Stand tall.</step><step>Bend forward.</step></steps>",
                      "<steps></steps>"}})) ==
          Lines{"x.xml:7: error: <steps>: needs at least one <step>"});
    CHECK(parse(doc({{"<step>Stand tall.</step>", "<step> </step>"}})) ==
          Lines{"x.xml:7: error: <step>: the text is empty"});
}

TEST_CASE("an element given twice is an error", "[content][loader]") {
    CHECK(parse(doc({beforeMovement(R"(  <bounds sets="1-3" reps="2-10" hold="0"/>)")})) ==
          Lines{"x.xml:12: error: <exercise>: element <bounds> is given twice (first at line 11)"});
}

TEST_CASE("a missing or empty required attribute is an error", "[content][loader]") {
    CHECK(parse(doc({{R"( tempo="2")", ""}})) ==
          Lines{"x.xml:10: error: <dose>: missing required attribute 'tempo'"});
    CHECK(parse(doc({{R"(tempo="2")", R"(tempo="")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'tempo': is empty"});
    CHECK(parse(doc({{R"( licence="CC-BY-4.0")", ""}})) ==
          Lines{"x.xml:3: error: <source>: missing required attribute 'licence'"});
    CHECK(parse(doc({{R"(<exercise id="x" format="1">)", R"(<exercise format="1">)"}})) ==
          Lines{"x.xml:2: error: <exercise>: missing required attribute 'id'"});
    CHECK(parse(doc({{R"(<phase type="in" pose="bent"/>)", R"(<phase type="in"/>)"}})) ==
          Lines{"x.xml:15: error: <phase>: missing required attribute 'pose'"});
}

TEST_CASE("an attribute's error is reported at the attribute's own line", "[content][loader]") {
    CHECK(parse(doc({{R"(side="both" per-week="7")", "side=\"both\"\n        per-week=\"9\""}})) ==
          Lines{"x.xml:11: error: <dose> attribute 'per-week': 9 is outside the range 3..7"});
}

// ---------------------------------------------------------------------------------------------
// Numbers

TEST_CASE("a number that is not a number is an error", "[content][loader]") {
    CHECK(parse(doc({{R"(sets="2")", R"(sets="three")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'sets': 'three' is not a whole number"});
    CHECK(parse(doc({{R"(sets="2")", R"(sets="2.0")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'sets': '2.0' is not a whole number"});
    CHECK(parse(doc({{R"(level="1")", R"(level=" 1")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'level': ' 1' is not a whole number"});
    CHECK(parse(doc({{R"(per-week="7")", R"(per-week="7" hold-capped="yes")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'hold-capped': 'yes' is not true or false"});
}

TEST_CASE("a number outside its range is an error", "[content][loader]") {
    CHECK(parse(doc({{R"(sets="2")", R"(sets="9")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'sets': 9 is outside the range 1..5"});
    CHECK(parse(doc({{R"(level="1")", R"(level="7")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'level': 7 is outside the range 1..5"});
    CHECK(parse(doc({{R"(level="1")", R"(level="0")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'level': 0 is outside the range 1..5"});
    CHECK(parse(doc({{R"(rest="30")", R"(rest="121")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'rest': 121 is outside the range 0..120"});
    CHECK(parse(doc({{R"(tempo="2")", R"(tempo="2" per-day="4")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'per-day': 4 is outside the range 1..3"});
}

TEST_CASE("a joint angle that is not a number is an error", "[content][loader]") {
    CHECK(parse(doc({{R"(lumbar="30")", R"(lumbar="abc")"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'lumbar': 'abc' is not a number"});
    // A decimal comma is not a number, whatever the locale.
    CHECK(parse(doc({{R"(lumbar="30")", R"(lumbar="30,5")"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'lumbar': '30,5' is not a number"});
    CHECK(parse(doc({{R"(lumbar="30")", R"(lumbar="nan")"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'lumbar': 'nan' is not a number"});
    CHECK(parse(doc({{R"(lumbar="30")", R"(lumbar="")"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'lumbar': '' is not a number"});
    CHECK(parse(doc({{R"(<pose id="start" contacts)",
                      R"(<pose id="start" orientation="200" contacts)"}})) ==
          Lines{"x.xml:13: error: <pose> attribute 'orientation': 200 is outside the range "
                "-180..180"});
}

// ---------------------------------------------------------------------------------------------
// Vocabularies and ids

TEST_CASE("a value outside its vocabulary is an error", "[content][loader]") {
    CHECK(parse(doc({{R"(position="standing")", R"(position="lying")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'position': 'lying' is not one of "
                "standing, sitting, supine, prone, side-lying, quadruped, kneeling"});
    CHECK(parse(doc({{R"(side="both")", R"(side="up")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'side': 'up' is not one of both, left, right, "
                "alternate, each"});
    CHECK(parse(doc({{R"(view="side")", R"(view="back")"}})) ==
          Lines{"x.xml:12: error: <movement> attribute 'view': 'back' is not one of side, front, "
                "top"});
    CHECK(parse(doc({{R"(goals="mobility")", R"(goals="mobility flexibility")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'goals': 'flexibility' is not one of "
                "mobility, motor-control, strength, endurance, nerve-mobility, relaxation"});
    CHECK(parse(doc({{R"(regions="low-back")", R"(regions="low-back lower-back")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'regions': 'lower-back' is not one "
                "of neck, upper-back, low-back, shoulder, elbow-wrist, hip, knee, ankle-foot, "
                "whole-body"});
    CHECK(parse(doc({{R"(equipment="none")", R"(equipment="mat bench")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'equipment': 'bench' is not one of "
                "none, mat, wall, chair, dowel, band, step, towel, pillow, ball, table, weight"});
    CHECK(parse(doc({{R"(<phase type="in")", R"(<phase type="move")"}})) ==
          Lines{"x.xml:15: error: <phase> attribute 'type': 'move' is not one of in, hold, out"});
}

TEST_CASE("a bad id is an error", "[content][loader]") {
    const auto upper = parseExercise(doc({{R"(id="x")", R"(id="Curl-Up")"}}), "Curl-Up.xml");
    CHECK(messages(upper) == Lines{"Curl-Up.xml:2: error: <exercise> attribute 'id': 'Curl-Up' "
                                   "is not lower-case words joined by hyphens"});
    CHECK_FALSE(upper.exercise);
    CHECK_FALSE(upper.id);
    CHECK(messages(parseExercise(doc({{R"(id="x")", R"(id="curl_up")"}}), "curl_up.xml")) ==
          Lines{"curl_up.xml:2: error: <exercise> attribute 'id': 'curl_up' is not lower-case "
                "words joined by hyphens"});
    CHECK(messages(parseExercise(doc({{R"(id="x")", R"(id="curl--up")"}}), "curl--up.xml")) ==
          Lines{"curl--up.xml:2: error: <exercise> attribute 'id': 'curl--up' is not lower-case "
                "words joined by hyphens"});
    CHECK(messages(parseExercise(doc({{R"(id="x")", R"(id="curl-up-")"}}), "curl-up-.xml")) ==
          Lines{"curl-up-.xml:2: error: <exercise> attribute 'id': 'curl-up-' is not lower-case "
                "words joined by hyphens"});
    // Followed by a spurious "needs at least two <pose> elements": see the  test.
    CHECK(parse(doc({{R"(<pose id="start")", R"(<pose id="Start")"},
                     {R"(pose="start")", R"(pose="Start")"}}))
              .at(0) == "x.xml:13: error: <pose> attribute 'id': 'Start' is not lower-case words "
                        "joined by hyphens");
}

TEST_CASE("a file name that does not match the id is a warning", "[content][loader]") {
    const auto result = parseExercise(doc(), "exercises/low-back/other.xml");
    REQUIRE(messages(result) ==
            Lines{"exercises/low-back/other.xml:2: warning: file name 'other.xml' does not match "
                  "the id 'x'"});
    CHECK(result.exercise); // a warning does not stop the exercise from loading
    CHECK(messages(parseExercise(doc(), "exercises/low-back/x.xml")).empty());
}

TEST_CASE("an unsupported format version is an error", "[content][loader]") {
    CHECK(parse(doc({{R"(format="1")", R"(format="3")"}})) ==
          Lines{"x.xml:2: error: <exercise> attribute 'format': version 3 is not supported (this "
                "Motus reads versions 1 to 2)"});
    CHECK(parse(doc({{R"(format="1")", R"(format="one")"}})) ==
          Lines{"x.xml:2: error: <exercise> attribute 'format': 'one' is not a whole number"});
}

TEST_CASE("variants must be other exercises' ids", "[content][loader]") {
    CHECK(parse(doc({beforeMovement(R"(  <variants progression="x"/>)")})) ==
          Lines{"x.xml:12: error: <variants> attribute 'progression': an exercise cannot be its "
                "own variant"});
    CHECK(parse(doc({beforeMovement(R"(  <variants regression="X_easy"/>)")})) ==
          Lines{"x.xml:12: error: <variants> attribute 'regression': 'X_easy' is not an exercise "
                "id (lower-case words joined by hyphens)"});
}

// ---------------------------------------------------------------------------------------------
// Dose and bounds

TEST_CASE("a pyramid needs one entry per set", "[content][loader]") {
    CHECK(parse(doc({{R"(rest="30")", R"(rest="30" pyramid="6 4 2")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'pyramid': 3 values for 2 sets"});
    CHECK(parse(doc({{R"(rest="30")", R"(rest="30" pyramid="6 40")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'pyramid': 40 is outside the range 1..30"});
    CHECK(parse(doc({{R"(rest="30")", R"(rest="30" pyramid="6 x")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'pyramid': 'x' is not a whole number"});
    // The bounds hold the largest set of the pyramid.
    CHECK(parse(doc({{R"(rest="30")", R"(rest="30" pyramid="12 8")"}})) ==
          Lines{"x.xml:11: error: <bounds> attribute 'reps': the default dose 12 is outside "
                "2..10"});
}

TEST_CASE("bounds must be ranges that hold the default dose", "[content][loader]") {
    CHECK(parse(doc({{R"(sets="1-3")", R"(sets="3-1")"}})) ==
          Lines{"x.xml:11: error: <bounds> attribute 'sets': '3-1' has its minimum above its "
                "maximum"});
    CHECK(parse(doc({{R"(sets="1-3")", R"(sets="one to three")"}})) ==
          Lines{"x.xml:11: error: <bounds> attribute 'sets': 'one to three' is not a range "
                "MIN-MAX of whole numbers"});
    CHECK(parse(doc({{R"(hold="0")", R"(hold="0-100")"}})) ==
          Lines{"x.xml:11: error: <bounds> attribute 'hold': '0-100' is outside the range 0..60"});
    CHECK(parse(doc({{R"(reps="2-10")", R"(reps="6-10")"}})) ==
          Lines{"x.xml:11: error: <bounds> attribute 'reps': the default dose 5 is outside 6..10"});
    CHECK(parse(doc({{R"(hold="0")", R"(hold="0" rest="40-60")"}})) ==
          Lines{"x.xml:11: error: <bounds> attribute 'rest': the default dose 30 is outside "
                "40..60"});
    CHECK(parse(doc({{R"( hold="0")", ""}})) ==
          Lines{"x.xml:11: error: <bounds>: missing required attribute 'hold'"});
}

// ---------------------------------------------------------------------------------------------
// Movement: poses and phases

TEST_CASE("a phase must name a pose", "[content][loader]") {
    CHECK(
        parse(doc({{R"(<phase type="in" pose="bent"/>)", R"(<phase type="in" pose="bend"/>)"}})) ==
        Lines{"x.xml:15: error: <phase> attribute 'pose': unknown pose 'bend'"});
}

TEST_CASE("the last phase must return to the first pose", "[content][loader]") {
    // Reported at <movement>; see the  test below for the line expected.
    CHECK(
        parse(doc({{R"(<phase type="out" pose="start"/>)", R"(<phase type="hold" pose="bent"/>)"}}))
            .at(0)
            .ends_with("error: <movement>: the last <phase> must return to the first pose "
                       "'start'"));
}

TEST_CASE("a movement needs poses and phases", "[content][loader]") {
    CHECK(parse(doc({{"    " + kBentPose + "\n", ""}, {R"(pose="bent")", R"(pose="start")"}})) ==
          Lines{"x.xml:12: error: <movement>: needs at least two <pose> elements"});
    CHECK(parse(doc({{"    <phase type=\"in\" pose=\"bent\"/>\n    <phase type=\"out\" "
                      "pose=\"start\"/>\n",
                      ""}})) == Lines{"x.xml:12: error: <movement>: needs at least one <phase>"});
}

TEST_CASE("a dose with a hold needs a hold phase", "[content][loader]") {
    CHECK(parse(doc(
              {{R"(tempo="2")", R"(hold="10" tempo="2")"}, {R"(hold="0")", R"(hold="5-10")"}})) ==
          Lines{"x.xml:12: error: <movement>: the dose holds 10 s but no <phase type=\"hold\"> "
                "is given"});
    CHECK(parse(doc({{R"(tempo="2")", R"(hold="10" tempo="2")"},
                     {R"(hold="0")", R"(hold="5-10")"},
                     {R"(<phase type="out")",
                      R"(<phase type="hold" pose="bent"/><phase type="out")"}}))
              .empty());
}

TEST_CASE("a pose attribute must be a joint of the skeleton", "[content][loader]") {
    CHECK(
        parse(doc({{R"(lumbar="30")", R"(lumbar="30" spine="10")"}})) ==
        Lines{"x.xml:14: error: <pose>: unknown attribute 'spine' (not a joint of the skeleton)"});
    CHECK(parse(doc({{R"(lumbar="30")", R"(lumbar="30" knee-left="10")"}})) ==
          Lines{"x.xml:14: error: <pose>: unknown attribute 'knee-left' (not a joint of the "
                "skeleton)"});
}

TEST_CASE("a joint angle beyond its anatomical range is an error", "[content][loader]") {
    // The left leg lifted, knee bent too far; only the right foot on the floor.
    CHECK(parse(doc(
              {{kBentPose, R"(<pose id="bent" hip-l="90" knee-l="150" contacts="foot-r"/>)"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'knee-l': 150 is beyond the anatomical range "
                "0..135 (side view)"});
    CHECK(
        parse(doc({{kBentPose, R"(<pose id="bent" hip-l="90" knee-l="135" contacts="foot-r"/>)"}}))
            .empty());
    CHECK(parse(doc({{kBentPose, R"(<pose id="bent" elbow-r="-5" contacts="foot-l foot-r"/>)"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'elbow-r': -5 is beyond the anatomical range "
                "0..150 (side view)"});
    // Hip abduction in the front view: 45 is the limit.
    CHECK(parse(doc({{R"(view="side")", R"(view="front")"},
                     {kBentPose, R"(<pose id="bent" hip-l="50" contacts="foot-r"/>)"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'hip-l': 50 is beyond the anatomical range "
                "-30..45 (front view)"});
    CHECK(parse(doc({{R"(view="side")", R"(view="front")"},
                     {kBentPose, R"(<pose id="bent" hip-l="45" contacts="foot-r"/>)"}}))
              .empty());
    // The same 50 degrees is hip flexion in the side view, well within its range.
    CHECK(parse(doc({{kBentPose, R"(<pose id="bent" hip-l="50" contacts="foot-r"/>)"}})).empty());
    CHECK(parse(doc({{R"(lumbar="30")", R"(lumbar="400")"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'lumbar': 400 is outside the range -360..360"});
}

TEST_CASE("a spinal chain beyond its range is an error", "[content][loader]") {
    // Each within -25..80, the sum 90 is not.
    CHECK(parse(doc({{R"(lumbar="30" thoracic="20")", R"(lumbar="60" thoracic="30")"}})) ==
          Lines{"x.xml:14: error: <pose id=\"bent\">: trunk lumbar + thoracic = 90 is beyond the "
                "anatomical range -25..80 (side view)"});
    CHECK(parse(doc({{R"(lumbar="30" thoracic="20")", R"(lumbar="50" thoracic="30")"}})).empty());
    CHECK(parse(doc({{R"(view="side")", R"(view="front")"},
                     {R"(lumbar="30" thoracic="20")", R"(lumbar="-20" thoracic="-20")"}})) ==
          Lines{"x.xml:14: error: <pose id=\"bent\">: trunk lumbar + thoracic = -40 is beyond the "
                "anatomical range -35..35 (front view)"});
    CHECK(
        parse(doc({{R"(lumbar="30" thoracic="20")", R"(neck="30" head="30")"}})) ==
        Lines{"x.xml:14: error: <pose id=\"bent\">: cervical spine neck + head = 60 is beyond the "
              "anatomical range -45..45 (side view)"});
}

TEST_CASE("a contact must rest on the floor", "[content][loader]") {
    CHECK(parse(doc({{kBentPose,
                      R"(<pose id="bent" hip-l="90" knee-l="90" contacts="foot-l foot-r"/>)"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'contacts': 'foot-l' is 0.429 m above the floor "
                "in pose 'bent' (at most 0.010 m allowed)"});
    // At the attribute's own line when the element spans lines.
    CHECK(parse(doc({{kBentPose, "<pose id=\"bent\" lumbar=\"30\" thoracic=\"20\"\n"
                                 "          contacts=\"foot-l foot-r hand-l\"/>"}})) ==
          Lines{"x.xml:15: error: <pose> attribute 'contacts': 'hand-l' is 0.807 m above the floor "
                "in pose 'bent' (at most 0.010 m allowed)"});
}

TEST_CASE("a contact must be a segment of the skeleton", "[content][loader]") {
    CHECK(parse(doc({{R"(contacts="foot-l foot-r"/>)", R"(contacts="foot-l foot-r heel-l"/>)"}})) ==
          Lines{"x.xml:13: error: <pose> attribute 'contacts': 'heel-l' is not a segment of the "
                "skeleton"});
    CHECK(
        parse(doc({{R"(<pose id="start" contacts="foot-l foot-r"/>)", R"(<pose id="start"/>)"}})) ==
        Lines{"x.xml:13: error: <pose>: missing required attribute 'contacts'"});
}

TEST_CASE("a pose id may be used once", "[content][loader]") {
    CHECK(parse(doc(
              {{R"(    <phase type="in")", "    <pose id=\"start\" contacts=\"foot-l foot-r\"/>\n"
                                           "    <phase type=\"in\""}})) ==
          Lines{"x.xml:15: error: <pose> attribute 'id': pose 'start' is defined twice (first at "
                "line 13)"});
}

// ---------------------------------------------------------------------------------------------
// Texts and translations

TEST_CASE("each language is given once, English always", "[content][loader]") {
    CHECK(
        parse(doc({afterEnglishText(
            R"(  <text xml:lang="en"><name>Y</name><summary>S.</summary><steps><step>A.</step><step>B.</step></steps></text>)")})) ==
        Lines{"x.xml:9: error: <text xml:lang=\"en\"> is given twice (first at line 4)"});
    CHECK(parse(doc({{R"(xml:lang="en")", R"(xml:lang="de")"}})) ==
          Lines{"x.xml:2: error: <exercise>: missing required element <text xml:lang=\"en\">"});
    CHECK(
        parse(doc({{"<text xml:lang=\"en\">", "<txt xml:lang=\"en\">"}, {"</text>", "</txt>"}})) ==
        Lines{"x.xml:4: error: <exercise>: unknown element <txt>",
              "x.xml:2: error: <exercise>: missing required element <text>"});
}

TEST_CASE("a language code has two lower-case letters", "[content][loader]") {
    CHECK(
        parse(doc({afterEnglishText(
            R"(  <text xml:lang="DE"><name>Y</name><summary>S.</summary><steps><step>A.</step><step>B.</step></steps></text>)")})) ==
        Lines{"x.xml:9: error: <text> attribute 'xml:lang': 'DE' is not a two-letter language "
              "code"});
    // The English block itself, misnamed: it is also missing.
    CHECK(parse(doc({{R"(xml:lang="en")", R"(xml:lang="english")"}})) ==
          Lines{"x.xml:4: error: <text> attribute 'xml:lang': 'english' is not a two-letter "
                "language code",
                "x.xml:2: error: <exercise>: missing required element <text xml:lang=\"en\">"});
    CHECK(parse(doc({{R"(<text xml:lang="en">)", R"(<text lang="en">)"}})) ==
          Lines{"x.xml:4: error: <text>: unknown attribute 'lang'",
                "x.xml:4: error: <text>: missing required attribute 'xml:lang'",
                "x.xml:2: error: <exercise>: missing required element <text xml:lang=\"en\">"});
}

TEST_CASE("an incomplete translation is a warning", "[content][loader]") {
    SECTION("fewer steps than English") {
        const auto result = parseExercise(
            doc({afterEnglishText(
                R"(  <text xml:lang="de"><name>Vorbeuge</name><summary>Vorbeugen.</summary><steps><step>Vorbeugen.</step></steps></text>)")}),
            "x.xml");
        REQUIRE(messages(result) ==
                Lines{"x.xml:9: warning: <text xml:lang=\"de\">: 1 <step> where English has 2"});
        REQUIRE(result.exercise); // the English text fills the gap
        CHECK(result.exercise->text("de").steps.size() == 1);
    }
    SECTION("no name or summary") {
        const auto result = parseExercise(
            doc({afterEnglishText(
                R"(  <text xml:lang="de"><steps><step>Aufrecht stehen.</step><step>Vorbeugen.</step></steps></text>)")}),
            "x.xml");
        REQUIRE(
            messages(result) ==
            Lines{"x.xml:9: warning: <text xml:lang=\"de\">: missing translation of <name>",
                  "x.xml:9: warning: <text xml:lang=\"de\">: missing translation of <summary>"});
        CHECK(result.exercise);
    }
    SECTION("a cue more than English") {
        CHECK(
            parse(doc({afterEnglishText(
                R"(  <text xml:lang="fr"><name>Flexion</name><summary>Se pencher.</summary><steps><step>Debout.</step><step>Se pencher.</step></steps><cues><cue>Respirer.</cue></cues></text>)")})) ==
            Lines{"x.xml:9: warning: <text xml:lang=\"fr\">: 1 <cue> where English has 0"});
    }
}

// ---------------------------------------------------------------------------------------------
// Across files

TEST_CASE("an id may be used by one file only", "[content][loader][library]") {
    const auto checked = checkAcross(
        {exercise("a", "", "low-back/a.xml"), exercise("b"), exercise("a", "", "hip/a.xml")});
    CHECK(checked.diagnostics == Lines{"hip/a.xml:2: error: <exercise> attribute 'id': 'a' is "
                                       "already defined at low-back/a.xml:2"});
    CHECK(checked.skipped == std::vector<std::string>{"hip/a.xml"});
    REQUIRE(checked.kept.size() == 2);
    CHECK(checked.kept[0].path == "low-back/a.xml");
    CHECK(checked.kept[1].id == "b");
}

TEST_CASE("a variant must name a known exercise", "[content][loader][library]") {
    const auto checked =
        checkAcross({exercise("a", R"(<variants progression="nope" regression="b"/>)"),
                     exercise("b", R"(<variants regression="gone"/>)")});
    CHECK(checked.diagnostics ==
          Lines{"a.xml:12: error: <variants> attribute 'progression': unknown exercise 'nope'",
                "b.xml:12: error: <variants> attribute 'regression': unknown exercise 'gone'"});
    CHECK(checked.skipped == std::vector<std::string>{"a.xml", "b.xml"});
    CHECK(checked.kept.empty());

    const auto fine = checkAcross({exercise("a", R"(<variants progression="b"/>)"),
                                   exercise("b", R"(<variants regression="a"/>)")});
    CHECK(fine.diagnostics.empty());
    CHECK(fine.kept.size() == 2);
}

TEST_CASE("a progression chain must not return to its start", "[content][loader][library]") {
    const auto checked = checkAcross({exercise("a", R"(<variants progression="b"/>)"),
                                      exercise("b", R"(<variants progression="c"/>)"),
                                      exercise("c", R"(<variants progression="a"/>)")});
    CHECK(checked.diagnostics ==
          Lines{"a.xml:12: error: <variants> attribute 'progression': the progression chain "
                "returns to 'a' (a -> b -> c -> a)",
                "b.xml:12: error: <variants> attribute 'progression': the progression chain "
                "returns to 'b' (b -> c -> a -> b)",
                "c.xml:12: error: <variants> attribute 'progression': the progression chain "
                "returns to 'c' (c -> a -> b -> c)"});
    CHECK(checked.skipped == std::vector<std::string>{"a.xml", "b.xml", "c.xml"});

    const auto two = checkAcross({exercise("a", R"(<variants progression="b"/>)"),
                                  exercise("b", R"(<variants progression="a"/>)")});
    CHECK(two.diagnostics ==
          Lines{"a.xml:12: error: <variants> attribute 'progression': the progression chain "
                "returns to 'a' (a -> b -> a)",
                "b.xml:12: error: <variants> attribute 'progression': the progression chain "
                "returns to 'b' (b -> a -> b)"});
    CHECK(two.kept.empty());

    // A chain that ends is fine, and regressions do not form chains.
    const auto chain = checkAcross({exercise("a", R"(<variants progression="b" regression="c"/>)"),
                                    exercise("b", R"(<variants progression="c" regression="a"/>)"),
                                    exercise("c", R"(<variants regression="b"/>)")});
    CHECK(chain.diagnostics.empty());
    CHECK(chain.kept.size() == 3);
}

TEST_CASE("a link to a broken file is dropped with a warning", "[content][loader][library]") {
    const auto checked = checkAcross(
        {exercise("a", R"(<variants progression="b" regression="c"/>)"), exercise("c")}, {"b"});
    CHECK(checked.diagnostics == Lines{"a.xml:12: warning: <variants> attribute 'progression': "
                                       "'b' was skipped because of its errors; the link is left "
                                       "out"});
    CHECK(checked.skipped.empty());
    REQUIRE(checked.kept.size() == 2);
    CHECK_FALSE(checked.kept[0].progression);
    REQUIRE(checked.kept[0].regression);
    CHECK(*checked.kept[0].regression == "c");
}

TEST_CASE("a library loads every file but the broken ones", "[content][loader][library]") {
    TempDir dir;
    const auto a = dir.write(
        "low-back/a.xml", doc({{R"(id="x")", R"(id="a")"},
                               beforeMovement(R"(  <variants progression="b" regression="c"/>)")}));
    const auto b = dir.write("low-back/b.xml", doc({{R"(id="x")", R"(id="b")"}}));
    const auto c =
        dir.write("hip/c.xml", doc({{R"(id="x")", R"(id="c")"}, {R"(sets="2")", R"(sets="9")"}}));
    dir.write("programs/morning.xml", "<program/>\n"); // not an exercise folder
    dir.write("low-back/notes.txt", "not xml");

    const auto load = motus::content::loadLibrary({dir.path()});
    CHECK(load.filesRead == 3);
    CHECK(messages(load.diagnostics) ==
          Lines{c.string() + ":10: error: <dose> attribute 'sets': 9 is outside the range 1..5",
                a.string() + ":12: warning: <variants> attribute 'regression': 'c' was skipped "
                             "because of its errors; the link is left out"});
    CHECK(load.skipped == std::vector<std::string>{c.string()});
    REQUIRE(load.library.size() == 2);
    REQUIRE(load.library.find("a") != nullptr);
    CHECK(load.library.find("a")->path == a.string());
    REQUIRE(load.library.find("a")->progression);
    CHECK(*load.library.find("a")->progression == "b");
    CHECK_FALSE(load.library.find("a")->regression);
    CHECK(load.library.find("b") != nullptr);
    CHECK(load.library.find("c") == nullptr);

    SECTION("a missing path is reported") {
        const auto none = motus::content::loadLibrary({dir.path() / "nowhere"});
        CHECK(messages(none.diagnostics) ==
              Lines{(dir.path() / "nowhere").string() + ":0: error: no such file or folder"});
        CHECK(none.library.size() == 0);
    }
}

namespace {

// Binds a UNIX socket at `file`; the socket file stays when the descriptor is closed.
void makeSocket(const fs::path& file) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string name = file.string();
    REQUIRE(name.size() < sizeof address.sun_path);
    std::copy(name.begin(), name.end(), address.sun_path);
    const int bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ::close(fd);
    REQUIRE(bound == 0);
}

Lines sorted(Lines lines) {
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace

TEST_CASE("the library walk skips odd files with a warning each and loads the rest",
          "[content][loader][library][files]") {
    TempDir dir;
    const auto a = dir.write("low-back/a.xml", doc({{R"(id="x")", R"(id="a")"}}));
    const fs::path odd = dir.path() / "low-back";
    fs::create_symlink("loop.xml", odd / "loop.xml");     // a link to itself
    fs::create_symlink("gone.xml", odd / "dangling.xml"); // a link to nothing
    fs::create_symlink("/dev/null", odd / "device.xml");  // a link to a device
    fs::create_directory_symlink("ring", odd / "ring");   // a loop without .xml
    REQUIRE(::mkfifo((odd / "fifo.xml").c_str(), 0600) == 0);
    makeSocket(odd / "socket.xml");

    const auto load = motus::content::loadLibrary({dir.path()});
    const std::string tail = ", not a regular file or folder";
    CHECK(sorted(messages(load.diagnostics)) ==
          Lines{(odd / "dangling.xml").string() +
                    ":0: warning: skipped: it is a symbolic link to something that does not "
                    "exist" +
                    tail,
                (odd / "device.xml").string() + ":0: warning: skipped: it is a device" + tail,
                (odd / "fifo.xml").string() + ":0: warning: skipped: it is a FIFO (named pipe)" +
                    tail,
                (odd / "loop.xml").string() +
                    ":0: warning: skipped: it is a symbolic link that loops" + tail,
                (odd / "ring").string() + ":0: warning: skipped: it is a symbolic link that loops" +
                    tail,
                (odd / "socket.xml").string() + ":0: warning: skipped: it is a socket" + tail});
    CHECK(load.filesRead == 1);
    CHECK(load.skipped.empty());
    REQUIRE(load.library.size() == 1);
    CHECK(load.library.find("a") != nullptr);

    SECTION("an odd file named on its own is an error that says what it is") {
        const auto fifo = motus::content::loadLibrary({odd / "fifo.xml"});
        CHECK(messages(fifo.diagnostics) ==
              Lines{(odd / "fifo.xml").string() +
                    ":0: error: cannot read it: it is a FIFO (named pipe), not a file or folder"});
        const auto loop = motus::content::loadLibrary({odd / "loop.xml"});
        CHECK(messages(loop.diagnostics) ==
              Lines{(odd / "loop.xml").string() +
                    ":0: error: cannot read it: it is a symbolic link that loops, not a file or "
                    "folder"});
        const auto none = motus::content::loadLibrary({odd / "nowhere.xml"});
        CHECK(messages(none.diagnostics) ==
              Lines{(odd / "nowhere.xml").string() + ":0: error: no such file or folder"});
    }
    SECTION("an exercise file that is a FIFO is refused without waiting for a writer") {
        const auto result = motus::content::loadExerciseFile(odd / "fifo.xml");
        CHECK(messages(result) ==
              Lines{(odd / "fifo.xml").string() +
                    ":0: error: cannot read the file: it is a FIFO (named pipe), not a regular "
                    "file"});
        CHECK(motus::content::readPosesForInspection(odd / "fifo.xml").empty());
    }
}

// =============================================================================================
// Found as suspected bugs and fixed: the line of the fault, no second error for one mistake.

TEST_CASE("nesting too deep is reported at the first element too deep", "[content][loader]") {
    // <e>, at level 9, is on line 8. depthOf() overwrites the line on the way back up and
    // reports the line of <text>, the root's child (4).
    CHECK(parse(doc({{"<step>Stand tall.</step>",
                      "<step><a><b><c><d>\n<e>x</e></d></c></b></a></step>"}})) ==
          Lines{"x.xml:8: error: elements are nested deeper than 8 levels"});
    // All on the line of <step> (7): also reported at line 4.
    CHECK(parse(doc({{"<step>Stand tall.</step>",
                      "<step><a><b><c><d><e>x</e></d></c></b></a></step>"}})) ==
          Lines{"x.xml:7: error: elements are nested deeper than 8 levels"});
}

TEST_CASE("very deep nesting is reported at the first element too deep", "[content][loader]") {
    // tinyxml2 stops at its own depth limit (100) and its error line (99 here) is used; the
    // first element deeper than 8 levels is on line 9.
    std::string deep = "<exercise>\n";
    for (int i = 0; i < 120; ++i) {
        deep += "<a>\n";
    }
    CHECK(parse(deep) == Lines{"x.xml:9: error: elements are nested deeper than 8 levels"});
}

TEST_CASE("a second root element is malformed XML", "[content][loader]") {
    // tinyxml2 accepts several top-level elements; XML allows one. Currently accepted silently.
    const auto result = parseExercise(doc() + "<exercise id=\"y\" format=\"1\"/>\n", "x.xml");
    CHECK_FALSE(result.exercise);
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].line == 19);
    CHECK(result.diagnostics[0].isError());
}

TEST_CASE("a bad dose value gives no second error at <bounds>", "[content][loader]") {
    // The unreadable reps fall back to 1, which <bounds reps="2-10"> then reports as "the
    // default dose 1", a value the file does not contain.
    CHECK(parse(doc({{R"( reps="5")", ""}})) ==
          Lines{"x.xml:10: error: <dose>: missing required attribute 'reps'"});
    CHECK(parse(doc({{R"(reps="5")", R"(reps="")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'reps': is empty"});
    CHECK(parse(doc({{R"(reps="5")", R"(reps="three")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'reps': 'three' is not a whole number"});
    CHECK(parse(doc({{R"(reps="5")", R"(reps="40")"}})) ==
          Lines{"x.xml:10: error: <dose> attribute 'reps': 40 is outside the range 1..30"});
}

TEST_CASE("an unknown region or goal is reported once", "[content][loader]") {
    // Currently followed by "needs at least one region" / "needs at least one goal".
    CHECK(parse(doc({{R"(regions="low-back")", R"(regions="lower-back")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'regions': 'lower-back' is not one "
                "of neck, upper-back, low-back, shoulder, elbow-wrist, hip, knee, ankle-foot, "
                "whole-body"});
    CHECK(parse(doc({{R"(goals="mobility")", R"(goals="flexibility")"}})) ==
          Lines{"x.xml:9: error: <classification> attribute 'goals': 'flexibility' is not one of "
                "mobility, motor-control, strength, endurance, nerve-mobility, relaxation"});
}

TEST_CASE("a duplicate pose id does not claim the poses are missing", "[content][loader]") {
    // Two <pose> elements, the second reusing "start": the movement does have two <pose>
    // elements, yet "<movement>: needs at least two <pose> elements" is reported too.
    CHECK(parse(doc({{R"(<pose id="bent")", R"(<pose id="start")"},
                     {R"(pose="bent")", R"(pose="start")"}})) ==
          Lines{"x.xml:14: error: <pose> attribute 'id': pose 'start' is defined twice (first at "
                "line 13)"});
    // The same after a pose id that is not an id.
    CHECK(parse(doc({{R"(<pose id="start")", R"(<pose id="Start")"},
                     {R"(pose="start")", R"(pose="Start")"}})) ==
          Lines{"x.xml:13: error: <pose> attribute 'id': 'Start' is not lower-case words joined "
                "by hyphens",
                "x.xml:16: error: <phase> attribute 'pose': unknown pose 'Start'"});
}

TEST_CASE("the last phase is reported at its own line", "[content][loader]") {
    // Reported at <movement> (line 12); the phase at fault is on line 16.
    CHECK(parse(doc(
              {{R"(<phase type="out" pose="start"/>)", R"(<phase type="hold" pose="bent"/>)"}})) ==
          Lines{"x.xml:16: error: <movement>: the last <phase> must return to the first pose "
                "'start'"});
}

TEST_CASE("an empty contacts list is an empty attribute", "[content][loader]") {
    // A missing contacts attribute is an error, contacts="" passes: the pose floats.
    CHECK(parse(doc({{R"(<pose id="start" contacts="foot-l foot-r"/>)",
                      R"(<pose id="start" contacts=""/>)"}})) ==
          Lines{"x.xml:13: error: <pose> attribute 'contacts': is empty"});
}

TEST_CASE("any format version but 1 and 2 is unsupported", "[content][loader]") {
    // Currently "2000 is outside the range 1..1000", a limit the format does not have.
    CHECK(parse(doc({{R"(format="1")", R"(format="2000")"}})) ==
          Lines{"x.xml:2: error: <exercise> attribute 'format': version 2000 is not supported "
                "(this Motus reads versions 1 to 2)"});
    CHECK(parse(doc({{R"(format="1")", R"(format="0")"}})) ==
          Lines{"x.xml:2: error: <exercise> attribute 'format': version 0 is not supported "
                "(this Motus reads versions 1 to 2)"});
}

TEST_CASE("a link to an exercise rejected across files is dropped", "[content][loader][library]") {
    // b is skipped for its unknown regression; a still names b as its progression, and the
    // library then holds a link to an exercise it does not have. Expected: the same warning as
    // for a file skipped for its own errors, and the link left out.
    const auto checked = checkAcross({exercise("a", R"(<variants progression="b"/>)"),
                                      exercise("b", R"(<variants regression="nope"/>)")});
    CHECK(checked.diagnostics ==
          Lines{"b.xml:12: error: <variants> attribute 'regression': unknown exercise 'nope'",
                "a.xml:12: warning: <variants> attribute 'progression': 'b' was skipped because "
                "of its errors; the link is left out"});
    CHECK(checked.skipped == std::vector<std::string>{"b.xml"});
    REQUIRE(checked.kept.size() == 1);
    CHECK_FALSE(checked.kept[0].progression);

    // The same after a cycle: c points into the rejected cycle a -> b -> a.
    const auto cycle = checkAcross({exercise("a", R"(<variants progression="b"/>)"),
                                    exercise("b", R"(<variants progression="a"/>)"),
                                    exercise("c", R"(<variants progression="a"/>)")});
    REQUIRE(cycle.kept.size() == 1);
    CHECK(cycle.kept[0].id == "c");
    CHECK_FALSE(cycle.kept[0].progression);
}

TEST_CASE("the text check finds a bad byte at any place in a run of plain text",
          "[content][encoding]") {
    // checkText steps over plain ASCII eight bytes at a time: a bad byte, a comment's end or a
    // reference must be seen wherever it falls in such a word.
    const std::string plain(40, 'a');
    for (std::size_t at = 0; at < 24; ++at) {
        INFO("at " << at);
        std::string text = plain + "\n" + plain;
        const std::size_t where = 41 + at;
        for (const auto& [bad, starts] : std::vector<std::pair<std::string, std::string>>{
                 {"\x1b", "control character U+001B"},
                 {"\x7f", "control character U+007F"},
                 {"\xff", "invalid UTF-8: byte 0xFF"},
                 {"&#0;", "the character reference"}}) {
            std::string t = text;
            t.replace(where, 1, bad);
            const auto problem = motus::content::checkText(t);
            REQUIRE(problem);
            CHECK(problem->line == 2);
            CHECK(problem->message.rfind(starts, 0) == 0);
        }
        // Inside a comment a reference is literal; the comment ends where it ends.
        std::string comment = text;
        comment.replace(where, 1, "<!-- &#0; -->");
        CHECK_FALSE(motus::content::checkText(comment));
        comment.replace(comment.find("-->") + 3, 1, "\x01");
        CHECK(motus::content::checkText(comment));
    }
    CHECK_FALSE(motus::content::checkText(plain + "\n" + plain));
}
