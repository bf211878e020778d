#pragma once
#include "core/Settings.hpp"

#include <filesystem>

// The settings file on disk (core::parseSettings and core::writeSettings make and read its text).
namespace motus::service {

// $XDG_CONFIG_HOME/motus/settings.ini (XDG_CONFIG_HOME only when absolute), else
// ~/.config/motus/settings.ini.
[[nodiscard]] std::filesystem::path settingsPath();
// The folder of Motus's configuration: $XDG_CONFIG_HOME, else ~/.config (without "motus").
[[nodiscard]] std::filesystem::path configHome();

// Makes `folder` and its missing parents, those it makes 0700; false when it cannot (errno says
// why).
[[nodiscard]] bool makePrivateFolders(const std::filesystem::path& folder);

// Reads the settings; a missing file gives the defaults without a word. A file that cannot be
// read, or lines that cannot be used, give warnings ("path:line: warning: ...") and defaults:
// settings never stop Motus.
[[nodiscard]] core::ParsedSettings loadSettings(const std::filesystem::path& file);
// Writes every setting atomically (a 0600 temporary file beside it, fsync, rename; the folder is
// made 0700 when missing). Throws service::Refused naming the file when it cannot; the file is
// then as it was.
void saveSettings(const std::filesystem::path& file, const core::Settings& settings);

} // namespace motus::service
