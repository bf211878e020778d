#pragma once
#include <filesystem>

namespace motus::content {

// Where the bundled data lives. The build tree mirrors the installed layout, so both find
// their data relative to the executable: BINDIR/motus -> DATADIR/motus/{exercises,assets} and
// LOCALEDIR/LL/LC_MESSAGES/motus.mo. MOTUS_DATA_DIR overrides the data folder, MOTUS_LIBRARY
// the exercise library (so does --library).
struct DataPaths {
    std::filesystem::path dataDir;
    std::filesystem::path library;
    std::filesystem::path localeDir;
    std::filesystem::path assetsDir;

    [[nodiscard]] static DataPaths locate();
};

} // namespace motus::content
