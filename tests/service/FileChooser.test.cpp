// "Open a program file…" below the window: the usual folders (xdg-user-dirs), the scan for program
// files in them, and the desktop's chooser with stand-ins for finding and running it (no zenity
// or kdialog needed).
#include "storage/Support.hpp"

#include <service/FileChooser.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <utime.h>

#include <fstream>
#include <map>

using namespace motus;
using namespace motus::storage::test;
namespace fs = std::filesystem;

namespace {

const std::string kProgram = "<?xml version=\"1.0\"?>\n<!-- from my therapist -->\n"
                             "<program id=\"p\" format=\"1\"><title>P</title></program>\n";
const std::string kExercise = "<exercise id=\"e\" format=\"1\"></exercise>\n";

void write(const fs::path& file, const std::string& text, std::time_t modified) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    const struct utimbuf times { modified, modified };
    REQUIRE(::utime(file.c_str(), &times) == 0);
}

std::vector<std::string> names(const std::vector<service::ProgramFileEntry>& entries) {
    std::vector<std::string> out;
    for (const auto& entry : entries) {
        out.push_back(entry.file.filename().string());
    }
    return out;
}

} // namespace

TEST_CASE("user-dirs.dirs names the folders; missing or odd lines give nothing",
          "[service][chooser]") {
    const fs::path home = "/home/p";
    const std::string text = "# written by xdg-user-dirs-update\n"
                             "XDG_DESKTOP_DIR=\"$HOME/Schreibtisch\"\n"
                             "XDG_DOWNLOAD_DIR=\"$HOME/Downloads\"\n"
                             "XDG_DOCUMENTS_DIR=\"/data/docs\"\n"
                             "XDG_MUSIC_DIR=\"$HOME\"\n"
                             "XDG_VIDEOS_DIR=$HOME/Videos\n";
    CHECK(service::userDirectory(text, "XDG_DESKTOP_DIR", home) ==
          fs::path("/home/p/Schreibtisch"));
    CHECK(service::userDirectory(text, "XDG_DOCUMENTS_DIR", home) == fs::path("/data/docs"));
    CHECK_FALSE(service::userDirectory(text, "XDG_MUSIC_DIR", home));  // $HOME: disabled
    CHECK_FALSE(service::userDirectory(text, "XDG_VIDEOS_DIR", home)); // not quoted
    CHECK_FALSE(service::userDirectory(text, "XDG_PICTURES_DIR", home));
    CHECK_FALSE(service::userDirectory("XDG_DESKTOP_DIR=\"relative\"", "XDG_DESKTOP_DIR", home));

    TempDir dir;
    const fs::path config = dir / "config";
    fs::create_directories(config);
    std::ofstream(config / "user-dirs.dirs") << text;
    CHECK(service::programFolders(home, config, "/work/here") ==
          std::vector<fs::path>{"/home/p/Downloads", "/data/docs", "/home/p/Schreibtisch",
                                "/work/here"});
    // Without the file: the English names; a current folder that is one of them once.
    CHECK(service::programFolders(home, dir / "none", "/home/p/Downloads") ==
          std::vector<fs::path>{"/home/p/Downloads", "/home/p/Documents", "/home/p/Desktop"});
}

TEST_CASE("the scan lists program files only, newest first, past broken files and link loops",
          "[service][chooser]") {
    TempDir dir;
    const fs::path downloads = dir / "Downloads";
    const fs::path documents = dir / "Documents";
    write(downloads / "old-program.xml", kProgram, 1000000);
    write(downloads / "new-program.XML", kProgram, 3000000);
    write(downloads / "exercise.xml", kExercise, 4000000);         // another kind
    write(downloads / "broken.xml", "<program id=\"x\"", 5000000); // still <program>: listed
    write(downloads / "garbage.xml", "\x01\x02 not xml", 5000000);
    write(downloads / "notes.txt", kProgram, 5000000); // not .xml
    write(documents / "therapy" / "back.xml", kProgram, 2000000);
    write(documents / "a" / "b" / "c" / "too-deep.xml", kProgram, 2000000);
    write(documents / ".hidden" / "hidden.xml", kProgram, 2000000);
    // A loop of links to files, a broken link, a link to a folder above, a link to a program.
    fs::create_symlink("loop-b.xml", downloads / "loop-a.xml");
    fs::create_symlink("loop-a.xml", downloads / "loop-b.xml");
    fs::create_symlink("nowhere.xml", downloads / "dangling.xml");
    fs::create_symlink(dir.path(), downloads / "up");
    fs::create_directories(dir / "Desktop");
    fs::create_symlink(documents / "therapy" / "back.xml", dir / "Desktop" / "link.xml");

    const auto found =
        service::findProgramFiles({downloads, documents, dir / "Desktop", dir / "missing"});
    // back.xml is found once (the link to it in Desktop comes later).
    CHECK(names(found) ==
          std::vector<std::string>{"broken.xml", "new-program.XML", "back.xml", "old-program.xml"});
    REQUIRE(found.size() == 4);
    CHECK(found[0].folder == downloads);
    CHECK(found[1].modified == 3000000);
    CHECK(found[2].folder == documents);
    CHECK(found[2].file == documents / "therapy" / "back.xml");
}

TEST_CASE("a file behind a link is listed under the link", "[service][chooser]") {
    TempDir dir;
    write(dir / "elsewhere" / "program.xml", kProgram, 1000000);
    fs::create_directories(dir / "Desktop");
    fs::create_symlink(dir / "elsewhere" / "program.xml", dir / "Desktop" / "from-link.xml");
    const auto found = service::findProgramFiles({dir / "Desktop"});
    REQUIRE(found.size() == 1);
    CHECK(found[0].file == dir / "Desktop" / "from-link.xml");
    CHECK(found[0].modified == 1000000);
}

TEST_CASE("the chooser's command line: no shell, the start folder, an .xml filter",
          "[service][chooser]") {
    CHECK(service::chooserCommand(service::ChooserKind::Zenity, "/usr/bin/zenity", "/home/p",
                                  "Open a program file", "Program files") ==
          std::vector<std::string>{"/usr/bin/zenity", "--file-selection",
                                   "--title=Open a program file", "--filename=/home/p/",
                                   "--file-filter=Program files | *.xml *.XML"});
    CHECK(service::chooserCommand(service::ChooserKind::Kdialog, "/usr/bin/kdialog", "/home/p/",
                                  "Datei öffnen", "Programme") ==
          std::vector<std::string>{"/usr/bin/kdialog", "--title", "Datei öffnen",
                                   "--getopenfilename", "/home/p/", "Programme (*.xml *.XML)"});
}

TEST_CASE("the chooser found on PATH, run, and its answer read", "[service][chooser]") {
    std::map<std::string, fs::path> installed;
    std::vector<std::vector<std::string>> runs;
    service::ProcessResult answer{0, "/home/p/Downloads/my program.xml\n"};
    service::ChooserSetup setup;
    setup.startFolder = "/home/p/Downloads";
    setup.title = "Open";
    setup.filterName = "Programs";
    setup.find = [&](const std::string& name) -> std::optional<fs::path> {
        const auto it = installed.find(name);
        return it == installed.end() ? std::nullopt : std::optional(it->second);
    };
    setup.run = [&](const std::vector<std::string>& argv) {
        runs.push_back(argv);
        return answer;
    };

    SECTION("none installed: the list, nothing run") {
        CHECK(service::chooseProgramFile(setup).outcome == service::FileChoice::Outcome::NoChooser);
        CHECK(runs.empty());
    }
    SECTION("zenity: the path it prints is the choice") {
        installed = {{"zenity", "/usr/bin/zenity"}, {"kdialog", "/usr/bin/kdialog"}};
        const auto choice = service::chooseProgramFile(setup);
        CHECK(choice.outcome == service::FileChoice::Outcome::Chosen);
        CHECK(choice.file == fs::path("/home/p/Downloads/my program.xml"));
        REQUIRE(runs.size() == 1);
        CHECK(runs[0].front() == "/usr/bin/zenity");
        CHECK(runs[0].at(3) == "--filename=/home/p/Downloads/");
    }
    SECTION("on KDE kdialog comes first") {
        installed = {{"zenity", "/usr/bin/zenity"}, {"kdialog", "/usr/bin/kdialog"}};
        setup.desktop = "KDE";
        (void)service::chooseProgramFile(setup);
        REQUIRE(runs.size() == 1);
        CHECK(runs[0].front() == "/usr/bin/kdialog");
    }
    SECTION("MOTUS_FILE_CHOOSER=none forces the list") {
        installed = {{"zenity", "/usr/bin/zenity"}};
        setup.preference = "none";
        CHECK(service::chooseProgramFile(setup).outcome == service::FileChoice::Outcome::NoChooser);
        CHECK(runs.empty());
    }
    SECTION("a preference for one that is not installed: the list") {
        installed = {{"zenity", "/usr/bin/zenity"}};
        setup.preference = "kdialog";
        CHECK(service::chooseProgramFile(setup).outcome == service::FileChoice::Outcome::NoChooser);
    }
    SECTION("closed without a choice: cancelled") {
        installed = {{"zenity", "/usr/bin/zenity"}};
        answer = {1, ""};
        CHECK(service::chooseProgramFile(setup).outcome == service::FileChoice::Outcome::Cancelled);
    }
    SECTION("it failed (no display, crashed): the list") {
        installed = {{"zenity", "/usr/bin/zenity"}};
        answer = {-1, ""};
        CHECK(service::chooseProgramFile(setup).outcome == service::FileChoice::Outcome::NoChooser);
        answer = {5, ""};
        CHECK(service::chooseProgramFile(setup).outcome == service::FileChoice::Outcome::NoChooser);
    }
}

TEST_CASE("a chooser's answer: a path, nothing, or noise", "[service][chooser]") {
    using Outcome = service::FileChoice::Outcome;
    CHECK(service::readChooserResult({0, "/a/b.xml\r\n"}).file == fs::path("/a/b.xml"));
    CHECK(service::readChooserResult({0, "/a/b.xml"}).outcome == Outcome::Chosen);
    CHECK(service::readChooserResult({0, "\n"}).outcome == Outcome::Cancelled);
    CHECK(service::readChooserResult({0, "Gtk-WARNING\n"}).outcome == Outcome::NoChooser);
    CHECK(service::readChooserResult({1, "/a/b.xml\n"}).outcome == Outcome::Cancelled);
}

TEST_CASE("a real program's standard output is captured, without a shell", "[service][chooser]") {
    // printf's arguments are not interpreted by a shell: `$HOME` stays as it is.
    const auto result =
        service::runCapturingOutput({"/usr/bin/printf", "%s\\n", "/tmp/$HOME; x.xml"});
    CHECK(result.status == 0);
    CHECK(result.output == "/tmp/$HOME; x.xml\n");
    CHECK(service::runCapturingOutput({"/usr/bin/false"}).status == 1);
    CHECK(service::runCapturingOutput({"/nonexistent/zenity"}).status == -1);
}
