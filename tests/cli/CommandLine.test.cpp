// The command table and its parser, in process: what each command line means, which ones are
// usage errors and what the message names; the help the table prints; valid UTF-8 output
// with control characters escaped, in text and in JSON; the question before a program is
// replaced, on a terminal and elsewhere.
#include "cli/Cli.hpp"
#include "cli/Json.hpp"
#include "cli/Table.hpp"
#include "cli/Text.hpp"
#include "core/Dose.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace motus;
using namespace motus::cli;

namespace {

Invocation parse(std::vector<std::string> words) {
    words.insert(words.begin(), "motus");
    const CommandLine line(words);
    return line.check();
}

std::string errorOf(std::vector<std::string> words) {
    const auto invocation = parse(std::move(words));
    return invocation.error.value_or("");
}

} // namespace

TEST_CASE("a command line is read into the command and its values", "[cli][table]") {
    auto log = parse({"--db", "j.db", "log", "bird-dog", "--sets=2", "--pain", "3", "--leg",
                      "numb-weak", "--date", "2026-11-02"});
    REQUIRE_FALSE(log.error);
    REQUIRE(log.command->path == "log");
    CHECK(log.values.positionals() == std::vector<std::string>{"bird-dog"});
    CHECK(log.values.integer("--sets") == 2);
    CHECK(log.values.integer("--pain") == 3);
    CHECK_FALSE(log.values.has("--reps"));
    CHECK(log.values.text("--leg") == "numb-weak");
    CHECK(log.values.text("--db") == "j.db");
    CHECK(log.values.date("--date") ==
          core::Date(std::chrono::year(2026), std::chrono::November, std::chrono::day(2)));

    // Global options go before or after the command.
    auto today = parse({"today", "--json", "--lang", "de"});
    REQUIRE_FALSE(today.error);
    CHECK(today.command->path == "today");
    CHECK(today.values.flag("--json"));
    CHECK(today.values.text("--lang") == "de");

    auto nested = parse({"program", "start", "hip-knee", "--replace", "--start", "2026-12-01"});
    REQUIRE_FALSE(nested.error);
    CHECK(nested.command->path == "program start");
    CHECK(nested.values.flag("--replace"));

    auto window =
        parse({"--select", "bird-dog", "--screenshot", "a.png", "--screenshot-at", "2.5"});
    REQUIRE_FALSE(window.error);
    CHECK(window.command->path.empty());
    CHECK(window.values.seconds("--screenshot-at") == 2.5);

    // play opens the player window: the window's screenshot options go with it, before or after.
    auto shot = parse({"--screenshot", "a.png", "play", "bird-dog", "--screenshot-at", "3"});
    REQUIRE_FALSE(shot.error);
    CHECK(shot.command->path == "play");
    CHECK(shot.values.text("--screenshot") == "a.png");
    CHECK(shot.values.seconds("--screenshot-at") == 3.0);

    auto paths = parse({"validate", "a.xml", "b", "--quiet"});
    REQUIRE_FALSE(paths.error);
    CHECK(paths.values.positionals() == std::vector<std::string>{"a.xml", "b"});

    auto red = parse({"checkin", "--red-flag", "bladder-bowel", "--red-flag", "major-trauma"});
    REQUIRE_FALSE(red.error);
    CHECK(red.values.texts("--red-flag").size() == 2);

    auto render =
        parse({"render", "glute-bridge", "--at", "3", "--out", "x.png", "--size", "640x480"});
    REQUIRE_FALSE(render.error);
    CHECK(render.values.size("--size") == std::pair{640u, 480u});
}

TEST_CASE("help and version win over everything else", "[cli][table]") {
    CHECK(parse({"log", "--sets", "0", "--help"}).help);
    CHECK(parse({"-h"}).help);
    CHECK(parse({"frobnicate", "--help"}).help);
    CHECK(parse({"--version"}).version);
}

TEST_CASE("anything not understood is a usage error that names it", "[cli][table]") {
    struct Case {
        std::vector<std::string> words;
        std::string message; // a part of the message
    };
    const std::vector<Case> cases{
        {{"log", "x", "--pain", "1", "--pain", "9"}, "option --pain may be given only once"},
        {{"today", "--json", "--json"}, "option --json may be given only once"},
        {{"log", "x", "--json"}, "'log' does not take the option --json"},
        {{"today", "--sets", "9"}, "'today' does not take the option --sets"},
        {{"flags", "clear", "1", "--json"}, "'flags clear' does not take the option --json"},
        {{"today", "--screenshot", "a.png"}, "--screenshot is for the window"},
        {{"today", "junk"}, "unexpected argument 'junk'"},
        {{"frobnicate"}, "unknown command 'frobnicate'"},
        {{"program", "junk"}, "unknown command 'program junk'"},
        {{"program"}, "'program' needs one of: list, start, import, show, export"},
        {{"library", "--colour"}, "unknown option --colour"},
        {{"--json", "library"}, "option --json goes after the command: 'motus library --json'"},
        {{"play", "x", "--simulate", "--screenshot", "a.png"},
         "--simulate and --screenshot exclude each other"},
        {{"--screenshot", "a", "play", "x", "--screenshot", "b"},
         "option --screenshot may be given only once"},
        {{"--db=", "today"}, "option --db needs a value"},
        {{"--db", "", "today"}, "option --db needs a value"},
        {{"log", "x", "--pain"}, "option --pain needs a value"},
        {{"log", "x", "--pain="}, "option --pain needs a value"},
        {{"today", "--json=false"}, "option --json takes no value"},
        {{"--lang", "deu", "today"}, "unknown value 'deu' for --lang"},
        {{"log", "x", "--sets", "0"}, "--sets takes a whole number from 1 to 5, not '0'"},
        {{"log", "x", "--reps", "0"}, "--reps takes a whole number from 1 to 30"},
        {{"log", "x", "--hold", "61"}, "--hold takes a whole number from 0 to 60"},
        {{"log", "x", "--pain", "11"}, "--pain takes a whole number from 0 to 10"},
        {{"log", "x", "--rpe", "-1"}, "--rpe takes a whole number from 0 to 10"},
        {{"log", "x", "--sets", "2.5"}, "--sets takes a whole number"},
        {{"log", "x", "--leg", "up"}, "unknown value 'up' for --leg"},
        {{"log", "x", "--date", "2026-02-29"}, "--date takes a date YYYY-MM-DD"},
        {{"log"}, "'log' needs an exercise id"},
        {{"checkin", "--morning-pain", "11"}, "--morning-pain takes a whole number from 0 to 10"},
        {{"checkin", "--red-flag", "x"}, "unknown value 'x' for --red-flag"},
        {{"play", "x", "--simulate", "--tempo", "0"}, "--tempo takes a whole number from 1 to 4"},
        {{"play", "x", "--simulate", "--rest", "121"}, "--rest takes a whole number from 0 to 120"},
        {{"play", "x", "--json"}, "option --json needs --simulate"},
        {{"show", "x", "--json", "--poses"}, "--json and --poses exclude each other"},
        {{"render", "x", "--out", "a.png"}, "'render' needs --sheet or --at SECONDS"},
        {{"render", "x", "--sheet"}, "'render' needs --out FILE.png"},
        {{"render", "x", "--at", "nan", "--out", "a.png"}, "--at takes a number of seconds"},
        {{"render", "x", "--at", "-0.5", "--out", "a.png"}, "--at takes a number of seconds"},
        {{"render", "x", "--sheet", "--out", "a.png", "--size", "63x100"}, "--size takes"},
        {{"--screenshot", "a.png", "--screenshot-at", "inf"}, "--screenshot-at takes a number"},
        {{"--screenshot", "a.png", "--screenshot-at", "86400.5"}, "--screenshot-at takes"},
        {{"--screenshot-at", "1"}, "option --screenshot-at needs --screenshot"},
        {{"--screen", "today"}, "option --screen needs --screenshot"},
        {{"--check-layout"}, "option --check-layout needs --screenshot"},
        {{"--screenshot", "a.png", "--text-size", "250"}, "--text-size takes a whole number"},
        {{"--screenshot", "a.png", "--size", "200x100"}, "--size takes"},
        {{"flags", "clear", "one"}, "'flags clear' takes a flag id"},
        {{"flags", "clear", "0"}, "'flags clear' takes a flag id"},
        {{"export", "--format", "pdf", "--out", "x"}, "unknown value 'pdf' for --format"},
        {{"export"}, "'export' needs --out FILE"},
        {{"library", "--level", "0"}, "--level takes a whole number from 1 to 5"},
    };
    for (const auto& c : cases) {
        INFO(c.message);
        const auto error = errorOf(c.words);
        CHECK_THAT(error, Catch::Matchers::Contains(c.message));
    }
    // The limits are core's, and what they allow is accepted.
    using L = core::DoseLimits;
    for (int sets = L::sets.min; sets <= L::sets.max; ++sets) {
        CHECK_FALSE(parse({"log", "x", "--sets", std::to_string(sets)}).error);
    }
    CHECK_FALSE(parse({"log", "x", "--reps", std::to_string(L::reps.max)}).error);
    CHECK(parse({"log", "x", "--reps", std::to_string(L::reps.max + 1)}).error);
    CHECK_FALSE(parse({"log", "x", "--hold", std::to_string(L::hold.min)}).error);
    CHECK_FALSE(parse({"--screenshot", "a.png", "--screenshot-at", "86400"}).error);
    CHECK_FALSE(parse({"--screenshot", "a.png", "--screenshot-at", "0"}).error);
}

TEST_CASE("the languages of --lang are English and those of locale/LINGUAS", "[cli][table]") {
    const auto& known = languages();
    REQUIRE(known.front() == "en");
    CHECK(std::find(known.begin(), known.end(), "de") != known.end());
    const CommandLine german({"motus", "--lang", "de", "today"});
    CHECK(german.language() == "de");
    const CommandLine unknown({"motus", "--lang", "deu", "today"});
    CHECK(unknown.language().empty());
}

TEST_CASE("the help comes from the table", "[cli][table]") {
    const std::string global = helpText(nullptr);
    for (const auto& command : commands()) {
        const std::string text = helpText(&command);
        INFO(command.path);
        if (command.handler != nullptr && !command.path.empty()) {
            CHECK_THAT(global, Catch::Matchers::Contains("  " + std::string(command.path)));
        }
        for (const auto& option : command.options) {
            CHECK_THAT(text, Catch::Matchers::Contains(std::string(option.name)));
            if (command.handler != nullptr) {
                CHECK_THAT(global, Catch::Matchers::Contains(std::string(option.name)));
            }
        }
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            CHECK(utf8Length(line) <= 100);
        }
    }
    std::istringstream lines(global);
    for (std::string line; std::getline(lines, line);) {
        CHECK(utf8Length(line) <= 100);
    }
    const auto* log = findCommand("log");
    REQUIRE(log != nullptr);
    CHECK_THAT(helpText(log),
               Catch::Matchers::Contains("--sets N") && Catch::Matchers::Contains("from 1 to 5"));
    CHECK_THAT(usageHint(log), Catch::Matchers::StartsWith("Usage: motus log ID"));
}

TEST_CASE("output is mended into valid UTF-8", "[cli][text]") {
    const std::string replacement = "\xEF\xBF\xBD";
    CHECK(validUtf8("Übung · ✓ 😀") == "Übung · ✓ 😀");
    CHECK(validUtf8("a\xFF"
                    "b") == "a" + replacement + "b");
    CHECK(validUtf8("caf\xE9") == "caf" + replacement);                          // Latin-1
    CHECK(validUtf8("\xC0\xAF") == replacement + replacement);                   // overlong
    CHECK(validUtf8("\xED\xA0\x80") == replacement + replacement + replacement); // surrogate
    CHECK(validUtf8("\xF4\x90\x80\x80").find(replacement) == 0);                 // above U+10FFFF
    CHECK(validUtf8("\xE2\x9C") == replacement + replacement);                   // cut short

    std::ostringstream sink;
    {
        Utf8Lines lines(sink);
        std::ostream out(&lines);
        out << "ok \xFF\n"
            << "half ";
        out << "line\n";
    }
    CHECK(sink.str() == "ok " + replacement + "\nhalf line\n");
    CHECK(padRight("Übung", 7) == "Übung  ");
}

TEST_CASE("control characters in output are escaped as \\u00XX", "[cli][text]") {
    // An ESC in a file name reaches a diagnostic: it must not reach the terminal.
    CHECK(printable("/tmp/\x1b[2Jx.xml:0: error: no such file or folder") ==
          "/tmp/\\u001b[2Jx.xml:0: error: no such file or folder");
    CHECK(printable("tab\tand line\n") == "tab\tand line\n");
    CHECK(printable(std::string("a\0b\rc\x7f", 6)) == "a\\u0000b\\u000dc\\u007f");
    CHECK(printable("\xC2\x9B"
                    "1m \xC2\x85 \xC2\xA0") == "\\u009b1m \\u0085 \xC2\xA0"); // C1, not NBSP
    CHECK(printable("\x1b\xFF") == "\\u001b\xEF\xBF\xBD");
    CHECK(printable("Übung · ✓ 😀") == "Übung · ✓ 😀");

    std::ostringstream sink;
    {
        Utf8Lines lines(sink);
        std::ostream out(&lines);
        out << "bad \x1b]0;title\x07 file\n"
            << "cr\r";
    }
    CHECK(sink.str() == "bad \\u001b]0;title\\u0007 file\ncr\\u000d");
}

TEST_CASE("JSON output is valid UTF-8 with control characters escaped", "[cli][text][json]") {
    const std::string replacement = "\xEF\xBF\xBD";
    const Json value = {{"path", "caf\xE9\x1b\x7f\xC2\x85.xml"}};
    std::string text;
    REQUIRE_NOTHROW(text = dump(value));
    CHECK(text == "{\"path\":\"caf" + replacement + "\\u001b\x7f\xC2\x85.xml\"}");
    // Through the output stream DEL and the C1 control become JSON escapes of themselves.
    std::ostringstream sink;
    {
        Utf8Lines lines(sink);
        std::ostream out(&lines);
        out << text << '\n';
    }
    CHECK(sink.str() == "{\"path\":\"caf" + replacement + "\\u001b\\u007f\\u0085.xml\"}\n");
    CHECK(validUtf8(sink.str()) == sink.str());
}

TEST_CASE("a word that is no command opens the window on a file when it looks like one",
          "[cli][table]") {
    CHECK(looksLikeFile("program.xml"));
    CHECK(looksLikeFile("./program"));
    CHECK(looksLikeFile("/home/me/Downloads/back.motus.xml"));
    CHECK_FALSE(looksLikeFile("program"));
    CHECK_FALSE(looksLikeFile(".xml"));
    CHECK_FALSE(looksLikeFile("validate"));

    auto file = parse({"program.xml"});
    REQUIRE_FALSE(file.error);
    CHECK(file.command->path.empty());
    CHECK(file.values.positionals() == std::vector<std::string>{"program.xml"});
    auto path = parse({"--select", "bird-dog", "downloads/p"});
    REQUIRE_FALSE(path.error);
    CHECK(path.command->path.empty());
    CHECK(path.values.positionals() == std::vector<std::string>{"downloads/p"});
    CHECK(path.values.text("--select") == "bird-dog");
    // A command's name wins (even when a file of that name exists).
    auto command = parse({"validate"});
    REQUIRE_FALSE(command.error);
    CHECK(command.command->path == "validate");
    CHECK(parse({"validate", "a.xml"}).values.positionals() == std::vector<std::string>{"a.xml"});

    const std::vector<std::pair<std::vector<std::string>, std::string>> refused{
        {{"program-file"}, "unknown command 'program-file'"},
        {{"frobnicate", "junk"}, "unknown command 'frobnicate'"},
        {{"a.xml", "b.xml"}, "unexpected argument 'b.xml'"},
        {{"today", "a.xml"}, "unexpected argument 'a.xml'"},
        {{"a.xml", "today"}, "unexpected argument 'a.xml'"},
        {{"program", "a.xml"}, "unknown command 'program a.xml'"},
        {{"program", "list", "a.xml"}, "unexpected argument 'a.xml'"},
    };
    for (const auto& [words, message] : refused) {
        INFO(message);
        CHECK(errorOf(words) == message);
    }
}

namespace {

struct Ran {
    int code = 0;
    std::string out;
    std::string err;
};

// The command line in process, on the bundled library and a journal in `dir`, with `answer`
// on standard input, a terminal or not.
Ran runMotus(const std::filesystem::path& dir, std::vector<std::string> words,
             const std::string& answer, bool terminal) {
    content::DataPaths paths;
    paths.library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    paths.localeDir = std::filesystem::path(MOTUS_BINARY_DIR) / "share" / "locale";
    paths.dataDir = std::filesystem::path(MOTUS_BINARY_DIR) / "share" / "motus";
    paths.assetsDir = paths.dataDir / "assets";
    words.insert(words.begin(), {"motus", "--db", (dir / "motus.db").string()});
    std::istringstream in(answer);
    std::ostringstream out;
    std::ostringstream err;
    Ran ran;
    ran.code = run(words, paths, FrontEnd{}, out, err, Input{&in, terminal});
    ran.out = out.str();
    ran.err = err.str();
    return ran;
}

} // namespace

TEST_CASE("replacing the program assigned asks first on a terminal, and refuses elsewhere",
          "[cli][prompt]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(MOTUS_BINARY_DIR) / "prompt-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string lowBack =
        (fs::path(MOTUS_SOURCE_DIR) / "exercises" / "programs" / "low-back-motor-control.xml")
            .string();
    const std::vector<std::string> import{"--lang", "en", "program", "import", lowBack};
    auto assigned = [&] {
        return runMotus(dir, {"--lang", "en", "program", "show", "--json"}, "", false).out;
    };
    REQUIRE(runMotus(dir, {"--lang", "en", "program", "start", "hip-knee"}, "", false).code == 0);
    const std::string question = "'Hip and knee strength' is assigned now. Replace it with 'Low "
                                 "back motor control'? It stays in the history. [y/N] ";

    // Not a terminal (a script, a pipe): nothing is asked, nothing read, nothing changed.
    auto script = runMotus(dir, import, "y\n", false);
    CHECK(script.code == 1);
    CHECK_THAT(script.err,
               Catch::Matchers::Contains("--replace") && !Catch::Matchers::Contains("[y/N]"));
    CHECK_THAT(assigned(), Catch::Matchers::Contains("\"id\":\"hip-knee\""));

    // On a terminal: no, an empty line (the default) and the end of input keep the program.
    for (const std::string answer : {"n\n", "\n", "", "maybe\n"}) {
        INFO(answer);
        auto declined = runMotus(dir, import, answer, true);
        CHECK(declined.code == 1);
        // (A terminal shows the answer's line break; at the end of input motus adds one.)
        CHECK(declined.err ==
              question + (answer.empty() ? "\n" : "") + "motus: not replaced; nothing changed\n");
        CHECK(declined.out.empty());
        CHECK_THAT(assigned(), Catch::Matchers::Contains("\"id\":\"hip-knee\""));
    }
    // Yes replaces it, as --replace would.
    auto confirmed = runMotus(dir, import, " Yes \n", true);
    CHECK(confirmed.code == 0);
    CHECK(confirmed.err == question);
    CHECK_THAT(confirmed.out, Catch::Matchers::Contains("Started 'Low back motor control'") &&
                                  Catch::Matchers::Contains("It replaces 'Hip and knee strength'"));
    CHECK_THAT(assigned(), Catch::Matchers::Contains("\"id\":\"low-back-motor-control\""));
    // In German the question and the answer are German; program start asks too.
    auto german = runMotus(dir, {"--lang", "de", "program", "start", "hip-knee"}, "j\n", true);
    CHECK(german.code == 0);
    CHECK_THAT(german.err, Catch::Matchers::StartsWith("'Motorische Kontrolle für den unteren "
                                                       "Rücken' ist jetzt zugewiesen.") &&
                               Catch::Matchers::EndsWith("[j/N] "));
    CHECK_THAT(assigned(), Catch::Matchers::Contains("\"id\":\"hip-knee\""));
    // With --replace nothing is asked.
    auto replaced =
        runMotus(dir, {"--lang", "en", "program", "import", lowBack, "--replace"}, "", true);
    CHECK(replaced.code == 0);
    CHECK(replaced.err.empty());
    fs::remove_all(dir);
}

TEST_CASE("the window opens on the program builder with --new-program or --edit-program",
          "[cli][table]") {
    content::DataPaths paths;
    paths.library = std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises";
    paths.localeDir = std::filesystem::path(MOTUS_BINARY_DIR) / "share" / "locale";
    WindowRequest seen;
    int calls = 0;
    FrontEnd frontEnd;
    frontEnd.window = [&](const WindowRequest& request) {
        seen = request;
        ++calls;
        return 0;
    };
    auto go = [&](std::vector<std::string> words) {
        words.insert(words.begin(), "motus");
        std::ostringstream out;
        std::ostringstream err;
        const int code = run(words, paths, frontEnd, out, err);
        return std::pair{code, err.str()};
    };
    CHECK(go({"--new-program"}).first == 0);
    CHECK(seen.newProgram);
    CHECK(seen.editProgram.empty());
    const std::string file = (paths.library / "programs" / "hip-knee.xml").string();
    CHECK(go({"--edit-program", file}).first == 0);
    CHECK_FALSE(seen.newProgram);
    CHECK(seen.editProgram == file);
    CHECK(calls == 2);
    const auto missing = go({"--edit-program", "/nonexistent/program.xml"});
    CHECK(missing.first == 1);
    CHECK_THAT(missing.second, Catch::Contains("no such file"));
    CHECK(go({"--new-program", "--edit-program", file}).first == 2);
    const auto withFile = go({"--new-program", file});
    CHECK(withFile.first == 2);
    CHECK_THAT(withFile.second, Catch::Contains("--new-program"));
    CHECK(calls == 2);
}
