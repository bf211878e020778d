// The settings file on disk: private, written atomically, read back equal; a broken or unreadable
// file gives warnings and the defaults, never an exception.
#include "storage/Support.hpp"

#include <service/SettingsFile.hpp>

#include "support/ScopedEnv.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace motus;
using namespace motus::storage::test;

TEST_CASE("settings are saved privately and read back equal", "[service][settings]") {
    TempDir dir;
    const auto file = dir / "config" / "motus" / "settings.ini";
    core::Settings s;
    s.sound.volume = 35;
    s.reminders = {true, 0b0010101, 8 * 60 + 30};
    service::saveSettings(file, s);
    CHECK(permissions(file) == 0600u);
    CHECK(permissions(file.parent_path()) == 0700u);
    CHECK(permissions(file.parent_path().parent_path()) == 0700u);
    const auto loaded = service::loadSettings(file);
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.settings == s);

    s.sound.volume = 0;
    service::saveSettings(file, s); // over the old one, no temporary file left
    CHECK(service::loadSettings(file).settings == s);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(file.parent_path())) {
        ++files;
    }
    CHECK(files == 1);
}

TEST_CASE("a missing settings file gives the defaults quietly", "[service][settings]") {
    TempDir dir;
    const auto loaded = service::loadSettings(dir / "none.ini");
    CHECK(loaded.diagnostics.empty());
    CHECK(loaded.settings == core::Settings{});
}

TEST_CASE("a settings file that is no file, or broken, gives warnings and defaults",
          "[service][settings]") {
    TempDir dir;
    const auto folder = dir / "settings.ini";
    fs::create_directory(folder);
    const auto asFolder = service::loadSettings(folder);
    REQUIRE(asFolder.diagnostics.size() == 1);
    CHECK(asFolder.diagnostics[0].str() ==
          folder.string() + ":0: warning: it is not a regular file; the default settings are used");
    CHECK(asFolder.settings == core::Settings{});

    const auto big = dir / "big.ini";
    writeBytes(big, std::string(100 * 1024, '#'));
    const auto tooBig = service::loadSettings(big);
    REQUIRE(tooBig.diagnostics.size() == 1);
    CHECK(tooBig.diagnostics[0].message ==
          "it is larger than 64 KiB, too large for a settings file; the default settings are used");

    const auto broken = dir / "broken.ini";
    writeBytes(broken, "volume=loud\ntones=off\n");
    const auto loaded = service::loadSettings(broken);
    REQUIRE(loaded.diagnostics.size() == 1);
    CHECK(loaded.diagnostics[0].str() ==
          broken.string() + ":1: warning: 'volume' takes a whole number from 0 to 100, not "
                            "'loud'; the line is ignored");
    CHECK(loaded.settings.sound.volume == 80);
    CHECK_FALSE(loaded.settings.sound.tones);
}

TEST_CASE("the settings path follows XDG_CONFIG_HOME", "[service][settings]") {
    const motus::test::ScopedEnv config("XDG_CONFIG_HOME", "/tmp/xdg-config");
    CHECK(service::settingsPath() == fs::path("/tmp/xdg-config/motus/settings.ini"));
    ::setenv("XDG_CONFIG_HOME", "relative", 1); // ignored, as the XDG specification says
    CHECK(service::settingsPath().string().find("relative") == std::string::npos);
}
