#include "DataPaths.hpp"

#include <cstdlib>

#ifndef MOTUS_REL_DATADIR
#define MOTUS_REL_DATADIR "../share/motus"
#endif
#ifndef MOTUS_REL_LOCALEDIR
#define MOTUS_REL_LOCALEDIR "../share/locale"
#endif

namespace motus::content {

namespace fs = std::filesystem;

DataPaths DataPaths::locate() {
    std::error_code ec;
    fs::path exeDir = fs::read_symlink("/proc/self/exe", ec).parent_path();
    if (ec) {
        exeDir = fs::current_path(ec);
    }
    DataPaths paths;
    const char* dataEnv = std::getenv("MOTUS_DATA_DIR");
    paths.dataDir = dataEnv != nullptr && *dataEnv != '\0'
                        ? fs::path(dataEnv)
                        : (exeDir / MOTUS_REL_DATADIR).lexically_normal();
    paths.localeDir = (exeDir / MOTUS_REL_LOCALEDIR).lexically_normal();
    const char* libraryEnv = std::getenv("MOTUS_LIBRARY");
    paths.library = libraryEnv != nullptr && *libraryEnv != '\0' ? fs::path(libraryEnv)
                                                                 : paths.dataDir / "exercises";
    paths.assetsDir = paths.dataDir / "assets";
    return paths;
}

} // namespace motus::content
