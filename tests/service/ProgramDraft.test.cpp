// The program builder's operations (service::ProgramDraft): a program built through them saves
// to a file the program loader reads back equal, an opened file's edits round-trip, the limits
// of clinical-rules.md §1 and of each exercise hold, and the warnings appear.
#include "service/ProgramDraft.hpp"
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"
#include "service/Practice.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace motus;
using service::BoundField;
using service::DoseField;
using service::DraftWarning;
using service::ProgramDraft;
using service::Refused;
namespace fs = std::filesystem;

namespace {

const core::Library& library() {
    static const auto load = content::loadLibrary({fs::path(MOTUS_SOURCE_DIR) / "exercises"});
    return load.library;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("motus-draft-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

std::string readAll(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t count(const std::vector<DraftWarning>& warnings, DraftWarning::Kind kind) {
    return static_cast<std::size_t>(
        std::count_if(warnings.begin(), warnings.end(),
                      [kind](const DraftWarning& w) { return w.kind == kind; }));
}

ProgramDraft built() {
    ProgramDraft draft(library(), "en");
    draft.setTitle("Low back: first steps");
    draft.setAuthor("Physio Example");
    draft.setPatient("For M. M., after the visit on 1 December");
    draft.setQuotaMode(true);
    draft.renamePhase(0, "Activation");
    CHECK(draft.setWeeks(0, 3).empty());
    CHECK(draft.setPerWeek(0, 5).empty());
    CHECK(draft.addExercise(0, "abdominal-drawing-in") == 0);
    CHECK(draft.addExercise(0, "glute-bridge") == 1);
    CHECK(draft.setDose(0, 0, DoseField::Reps, 8).empty());
    CHECK(draft.setBound(0, 0, BoundField::Reps, false, 6).empty());
    draft.setSide(0, 1, core::Side::Both);
    draft.setLocked(0, 1, true);
    const auto second = draft.addPhase();
    draft.renamePhase(second, "Load");
    CHECK(draft.setPerDay(second, 2).empty());
    CHECK(draft.addExercise(second, "cat-camel") == 0);
    CHECK(draft.addExercise(second, "bird-dog-arm") == 1);
    CHECK(draft.setDose(second, 1, DoseField::Sets, 2).empty());
    CHECK(draft.setPyramid(second, 1, true).empty());
    return draft;
}

} // namespace

TEST_CASE("a program built through the draft saves to a file that loads back equal",
          "[service][builder]") {
    TempDir dir;
    ProgramDraft draft = built();
    CHECK(draft.program().id == "low-back-first-steps");
    CHECK(draft.missing().empty());
    const fs::path file = dir.path / "low-back-first-steps.motus.xml";
    draft.save(file, false);
    CHECK_FALSE(draft.modified());
    CHECK(draft.file() == file);
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    const auto loaded = content::loadProgramFile(file, library());
    REQUIRE(loaded.program);
    const core::Program& p = *loaded.program;
    CHECK(p.title == "Low back: first steps");
    CHECK(p.author == "Physio Example");
    CHECK(p.patient == "For M. M., after the visit on 1 December");
    CHECK(p.quotaMode);
    CHECK(p.autoProgression);
    REQUIRE(p.phases.size() == 2);
    CHECK(p.phases[0].name == "Activation");
    CHECK(p.phases[0].weeks == 3);
    CHECK(p.phases[0].perWeek == 5);
    REQUIRE(p.phases[0].items.size() == 2);
    CHECK(p.phases[0].items[0].dose.reps == 8);
    CHECK(p.phases[0].items[0].bounds.reps == core::IntRange{6, 10});
    CHECK(p.phases[0].items[1].locked);
    CHECK(p.phases[1].perDay == 2);
    CHECK(p.phases[1].items[1].dose.pyramid == std::vector<int>{6, 4});
    // Equal: the file written from what was loaded is the file written from the draft.
    CHECK(content::writeProgram(p, {}) == draft.text());
    CHECK(readAll(file) == draft.text());
}

TEST_CASE("an opened program file is edited and round-trips; a copy gets a new id and file",
          "[service][builder]") {
    TempDir dir;
    const fs::path bundled = fs::path(MOTUS_SOURCE_DIR) / "exercises" / "programs" / "hip-knee.xml";
    const fs::path file = dir.path / "hip-knee.xml";
    fs::copy_file(bundled, file);
    ProgramDraft draft = ProgramDraft::open(file, library(), "en");
    CHECK_FALSE(draft.modified());
    CHECK(draft.program().id == "hip-knee");
    const std::string germanTitle = draft.program().titles.at("de");
    draft.setTitle("Hip and knee, adapted");
    CHECK(draft.program().id == "hip-knee"); // an opened file keeps its id
    CHECK(draft.setDose(0, 0, DoseField::Rest, 45).empty());
    draft.removeItem(0, 1);
    CHECK(draft.moveItem(0, 0, 1) == 1);
    CHECK(draft.modified());
    draft.save(file, false); // its own file: no question
    const auto loaded = content::loadProgramFile(file, library());
    REQUIRE(loaded.program);
    CHECK(loaded.program->title == "Hip and knee, adapted");
    CHECK(loaded.program->titles.at("de") == germanTitle); // translations kept
    CHECK(loaded.program->phases[0].items[1].exercise == "straight-leg-raise");
    CHECK(loaded.program->phases[0].items[1].dose.restSeconds == 45);
    CHECK(content::writeProgram(*loaded.program, {}) == draft.text());
    // Opened again, nothing changes.
    ProgramDraft again = ProgramDraft::open(file, library(), "en");
    CHECK(again.text() == draft.text());

    // Save as a copy: a new id, and the original file stays as it was.
    const std::string before = readAll(file);
    draft.makeCopy();
    CHECK(draft.program().id == "hip-knee-copy");
    CHECK(draft.file().empty());
    CHECK(draft.defaultFile().filename() == "hip-knee-copy.motus.xml");
    const fs::path copy = dir.path / "hip-knee-copy.motus.xml";
    draft.save(copy, false);
    CHECK(readAll(file) == before);
    const auto copied = content::loadProgramFile(copy, library());
    REQUIRE(copied.program);
    CHECK(copied.program->id == "hip-knee-copy");

    // A file that is not a program Motus reads is refused with its errors.
    const fs::path broken = dir.path / "broken.xml";
    std::ofstream(broken) << "<program id=\"x\" format=\"1\"><title>T</title></program>\n";
    CHECK_THROWS_WITH(ProgramDraft::open(broken, library(), "en"),
                      Catch::Contains("broken.xml") && Catch::Contains("error:"));
}

TEST_CASE("the draft keeps every dose within §1 and the exercise's bounds", "[service][builder]") {
    ProgramDraft draft(library(), "en");
    draft.addExercise(0, "abdominal-drawing-in"); // sets 1-2, reps 5-10, hold 5-10, rest 0-60
    draft.addExercise(0, "cat-camel");            // no hold phase; sets 1
    CHECK(draft.allowed(0, 0, DoseField::Reps) == core::IntRange{5, 10});
    CHECK(draft.setDose(0, 0, DoseField::Reps, 25) ==
          "Repetitions: 5 to 10 is allowed for this exercise.");
    CHECK(draft.value(0, 0, DoseField::Reps) == 10);
    CHECK_FALSE(draft.setDose(0, 0, DoseField::Reps, 2).empty());
    CHECK(draft.value(0, 0, DoseField::Reps) == 5);
    CHECK_FALSE(draft.setDose(0, 0, DoseField::Tempo, 9).empty());
    CHECK(draft.value(0, 0, DoseField::Tempo) == 4); // §1: tempo 1-4
    CHECK_FALSE(draft.setDose(0, 0, DoseField::Rest, 200).empty());
    CHECK(draft.value(0, 0, DoseField::Rest) == 60);
    CHECK(draft.setDose(0, 1, DoseField::Hold, 5) ==
          "This exercise has no hold: its hold stays 0.");
    CHECK(draft.value(0, 1, DoseField::Hold) == 0);
    CHECK(draft.setDose(0, 1, DoseField::Sets, 3) ==
          "Number of sets: only 1 is possible for this exercise.");
    CHECK(draft.setPyramid(0, 1, true) == "A pyramid needs at least 2 sets.");
    CHECK_THROWS_AS(draft.setPyramid(0, 0, std::vector<int>{8, 3}), Refused);

    // The range of automatic change lies within the exercise's bounds and contains the dose.
    CHECK(draft.setDose(0, 0, DoseField::Reps, 8).empty());
    CHECK_FALSE(draft.setBound(0, 0, BoundField::Reps, false, 9).empty());
    CHECK(draft.program().phases[0].items[0].bounds.reps.min == 8);
    CHECK_FALSE(draft.setBound(0, 0, BoundField::Reps, true, 20).empty());
    CHECK(draft.program().phases[0].items[0].bounds.reps.max == 10);
    CHECK(draft.setBound(0, 0, BoundField::Reps, true, 9).empty());
    // A dose beyond the range takes the range with it.
    CHECK(draft.setDose(0, 0, DoseField::Reps, 10).empty());
    CHECK(draft.program().phases[0].items[0].bounds.reps == core::IntRange{8, 10});

    // Phases: weeks 1-52, 3-7 days a week, 1-3 sessions a day; never none.
    CHECK_FALSE(draft.setWeeks(0, 60).empty());
    CHECK(draft.program().phases[0].weeks == 52);
    CHECK_FALSE(draft.setPerWeek(0, 2).empty());
    CHECK(draft.program().phases[0].perWeek == 3);
    CHECK_FALSE(draft.setPerDay(0, 4).empty());
    CHECK(draft.program().phases[0].perDay == 3);
    CHECK(draft.program().phases[0].items[0].dose.perDay == 3);
    CHECK_THROWS_AS(draft.removePhase(0), Refused);
    CHECK_THROWS_AS(draft.addExercise(0, "cat-camel"), Refused);
    CHECK_THROWS_AS(draft.addExercise(0, "no-such-exercise"), Refused);
    CHECK_FALSE(draft.setMaxSessionMinutes(500).empty());
    CHECK(draft.maxSessionMinutes() == 120);

    // Ids: made from the title, or set by hand when valid.
    CHECK(service::idFromTitle("Rücken: Woche 1 – Übungen") == "ruecken-woche-1-uebungen");
    CHECK(service::idFromTitle("***") == "program");
    CHECK_THROWS_AS(draft.setId("Not An Id"), Refused);
    draft.setId("my-program");
    draft.setTitle("Another title");
    CHECK(draft.program().id == "my-program");

    // Nothing is written while something is missing.
    TempDir dir;
    ProgramDraft empty(library(), "en");
    CHECK(empty.missing().size() == 2); // an author, an exercise
    CHECK_THROWS_WITH(empty.save(dir.path / "x.motus.xml", false),
                      Catch::Contains("needs an author"));
    CHECK_FALSE(fs::exists(dir.path / "x.motus.xml"));
    // An existing file is replaced only when asked to.
    ProgramDraft full = built();
    std::ofstream(dir.path / "taken.motus.xml") << "mine\n";
    CHECK_THROWS_WITH(full.save(dir.path / "taken.motus.xml", false),
                      Catch::Contains("already exists"));
    CHECK(readAll(dir.path / "taken.motus.xml") == "mine\n");
    full.save(dir.path / "taken.motus.xml", true);
    CHECK(content::loadProgramFile(dir.path / "taken.motus.xml", library()).program);
}

TEST_CASE("the draft warns about variants, long sessions and doses at the top of their range",
          "[service][builder]") {
    ProgramDraft draft(library(), "en");
    draft.addExercise(0, "cat-camel");
    CHECK(draft.warnings().empty());
    draft.addExercise(0, "bird-dog"); // the harder variant of bird-dog-leg
    draft.addExercise(0, "bird-dog-arm");
    auto warnings = draft.warnings();
    // bird-dog-arm -> bird-dog-leg -> bird-dog: the loader's check finds the pair.
    REQUIRE(count(warnings, DraftWarning::Kind::Variant) == 1);
    const auto variant = *std::find_if(warnings.begin(), warnings.end(), [](const auto& w) {
        return w.kind == DraftWarning::Kind::Variant;
    });
    CHECK(variant.item == 1u);
    CHECK_THAT(variant.text, Catch::Contains("harder variant"));
    // The loader warns about the same pair in the saved text.
    const auto parsed = content::parseProgram(draft.text(), "draft.xml", library());
    CHECK(std::count_if(parsed.diagnostics.begin(), parsed.diagnostics.end(), [](const auto& d) {
              return d.message.find("harder variant") != std::string::npos;
          }) == 1);

    // A session longer than the chosen maximum.
    const auto summary = draft.summary();
    REQUIRE(summary.size() == 1);
    CHECK(summary[0].sessionSeconds > 0);
    CHECK(count(warnings, DraftWarning::Kind::LongSession) == 0);
    draft.setMaxSessionMinutes(5);
    if (summary[0].sessionMinutes() > 5) {
        CHECK(count(draft.warnings(), DraftWarning::Kind::LongSession) == 1);
    }
    draft.setDose(0, 1, DoseField::Sets, 5);
    draft.setDose(0, 1, DoseField::Reps, 30);
    warnings = draft.warnings();
    CHECK(count(warnings, DraftWarning::Kind::LongSession) == 1);
    CHECK(draft.summary()[0].sessionMinutes() > 5);
    CHECK_THAT(draft.summaryLine(0), Catch::Contains("Weeks 1–2") && Catch::Contains("daily") &&
                                         Catch::Contains("minutes a session"));

    // A dose at the top of its range; none when locked or without automatic progression.
    ProgramDraft edge(library(), "en");
    edge.addExercise(0, "cat-camel"); // reps 6 in 5-8
    CHECK(count(edge.warnings(), DraftWarning::Kind::AtEdge) == 0);
    edge.setDose(0, 0, DoseField::Reps, 8);
    CHECK(count(edge.warnings(), DraftWarning::Kind::AtEdge) == 1);
    CHECK_THAT(edge.warnings().front().text, Catch::Contains("top of every range"));
    edge.setLocked(0, 0, true);
    CHECK(count(edge.warnings(), DraftWarning::Kind::AtEdge) == 0);
    edge.setLocked(0, 0, false);
    edge.setAutoProgression(false);
    CHECK(count(edge.warnings(), DraftWarning::Kind::AtEdge) == 0);
}

TEST_CASE("the default file lies in the Documents folder, else in the home folder",
          "[service][builder]") {
    TempDir home;
    const char* oldHome = std::getenv("HOME");
    const std::string saved = oldHome != nullptr ? oldHome : "";
    const char* oldConfig = std::getenv("XDG_CONFIG_HOME");
    const std::string savedConfig = oldConfig != nullptr ? oldConfig : "";
    ::setenv("HOME", home.path.c_str(), 1);
    ::unsetenv("XDG_CONFIG_HOME");
    ProgramDraft draft(library(), "en");
    CHECK(draft.defaultFile() == home.path / "new-program.motus.xml");
    fs::create_directories(home.path / "Documents");
    CHECK(draft.defaultFile() == home.path / "Documents" / "new-program.motus.xml");
    fs::create_directories(home.path / "Dokumente");
    fs::create_directories(home.path / ".config");
    std::ofstream(home.path / ".config" / "user-dirs.dirs")
        << "XDG_DOCUMENTS_DIR=\"$HOME/Dokumente\"\n";
    CHECK(draft.defaultFile() == home.path / "Dokumente" / "new-program.motus.xml");
    ::setenv("HOME", saved.c_str(), 1);
    if (!savedConfig.empty()) {
        ::setenv("XDG_CONFIG_HOME", savedConfig.c_str(), 1);
    }
}

TEST_CASE("a therapist working in German sees and edits the German title and phase names; the "
          "English ones stay",
          "[service][builder]") {
    TempDir dir;
    const fs::path file = dir.path / "hip-knee.xml";
    fs::copy_file(fs::path(MOTUS_SOURCE_DIR) / "exercises" / "programs" / "hip-knee.xml", file);
    ProgramDraft draft = ProgramDraft::open(file, library(), "de");
    const std::string englishTitle = draft.program().title;
    const std::string englishPhase = draft.program().phases[0].name;
    REQUIRE(draft.shownTitle() == draft.program().titles.at("de"));
    REQUIRE(draft.phaseName(0) == draft.program().phases[0].names.at("de"));
    CHECK(draft.phaseName(0) != englishPhase);
    draft.setTitle("Hüfte und Knie, angepasst");
    draft.renamePhase(0, "Einstieg");
    CHECK(draft.shownTitle() == "Hüfte und Knie, angepasst");
    CHECK(draft.phaseName(0) == "Einstieg");
    CHECK(draft.program().title == englishTitle);
    CHECK(draft.program().phases[0].name == englishPhase);
    // The warnings name the phase as it is shown.
    REQUIRE(draft.setMaxSessionMinutes(5).empty());
    const auto warnings = draft.warnings();
    CHECK(std::any_of(warnings.begin(), warnings.end(),
                      [](const DraftWarning& w) { return w.text.rfind("Einstieg", 0) == 0; }));
    draft.save(file, false);
    const auto back = content::loadProgramFile(file, library());
    REQUIRE(back.program);
    CHECK(back.program->title == englishTitle);
    CHECK(back.program->titles.at("de") == "Hüfte und Knie, angepasst");
    CHECK(back.program->phases[0].name == englishPhase);
    CHECK(back.program->phases[0].names.at("de") == "Einstieg");
    // A program without a German title: the English one is edited.
    ProgramDraft fresh(library(), "de");
    fresh.setTitle("Knie");
    CHECK(fresh.program().title == "Knie");
    CHECK(fresh.program().id == "knie");
}
