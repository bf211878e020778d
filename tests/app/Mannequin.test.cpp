// The figure v2 drawn (app/MannequinDraw) through `render --camera`: the figure is drawn in its
// frame, and turning the camera changes the picture.
#include "app/Render.hpp"
#include "app/Theme.hpp"

#include <SFML/Graphics.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace motus;

namespace {

std::filesystem::path rendered(const std::string& id, std::optional<core::Camera> camera,
                               bool sheet, const std::string& name) {
    app::RenderRequest request;
    request.id = id;
    request.sheet = sheet;
    request.atSeconds = sheet ? -1.0 : 9.0;
    request.camera = camera;
    request.out = std::filesystem::temp_directory_path() / ("motus-mannequin-" + name + ".png");
    request.width = 600;
    request.height = 400;
    content::DataPaths paths;
    paths.assetsDir = std::filesystem::path(MOTUS_SOURCE_DIR) / "assets";
    std::ostringstream err;
    REQUIRE(app::runRender(request, paths, std::filesystem::path(MOTUS_SOURCE_DIR) / "exercises",
                           err) == 0);
    return request.out;
}

// Pixels of the figure's colours (dark blue-grey, far from the light ground and the frame).
std::size_t figurePixels(const sf::Image& image, unsigned top) {
    std::size_t n = 0;
    for (unsigned y = top; y < image.getSize().y; ++y) {
        for (unsigned x = 0; x < image.getSize().x; ++x) {
            const sf::Color c = image.getPixel(x, y);
            if (c.b > c.r + 25 && c.r < 140) {
                ++n;
            }
        }
    }
    return n;
}

} // namespace

TEST_CASE("figure v2: render --camera draws the mannequin; another camera, another picture",
          "[app][render][display][mannequin]") {
    sf::Image side;
    sf::Image front;
    sf::Image above;
    REQUIRE(side.loadFromFile(rendered("bird-dog", core::Camera{0, 0}, true, "side").string()));
    REQUIRE(front.loadFromFile(rendered("bird-dog", core::Camera{90, 0}, true, "front").string()));
    REQUIRE(above.loadFromFile(rendered("bird-dog", core::Camera{30, 60}, true, "above").string()));
    // A figure in each picture (below the title).
    CHECK(figurePixels(side, 64) > 3000);
    CHECK(figurePixels(front, 64) > 1500);
    auto differing = [](const sf::Image& a, const sf::Image& b) {
        std::size_t n = 0;
        for (unsigned y = 64; y < a.getSize().y; ++y) {
            for (unsigned x = 0; x < a.getSize().x; ++x) {
                n += a.getPixel(x, y) != b.getPixel(x, y) ? 1 : 0;
            }
        }
        return n;
    };
    CHECK(differing(side, front) > 2000);
    CHECK(differing(side, above) > 2000);
    // One moment of the player from a camera: drawn too.
    sf::Image moment;
    REQUIRE(
        moment.loadFromFile(rendered("glute-bridge", core::Camera{20, 15}, false, "at").string()));
    CHECK(figurePixels(moment, 40) > 3000);
}
