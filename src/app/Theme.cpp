#include "Theme.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace motus::app {

Fonts Fonts::load(const std::filesystem::path& assetsDir) {
    const std::vector<std::filesystem::path> folders{assetsDir / "fonts",
                                                     "/usr/share/fonts/truetype/dejavu"};
    Fonts fonts;
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!std::filesystem::exists(folder / "DejaVuSans.ttf", ec)) {
            continue;
        }
        if (fonts.regular.loadFromFile((folder / "DejaVuSans.ttf").string()) &&
            fonts.bold.loadFromFile((folder / "DejaVuSans-Bold.ttf").string())) {
            return fonts;
        }
    }
    std::string where;
    for (const auto& folder : folders) {
        where += " " + folder.string();
    }
    throw std::runtime_error("cannot load the DejaVu Sans fonts (looked in" + where +
                             "); install the package fonts-dejavu-core");
}

} // namespace motus::app
