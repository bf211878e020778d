#include "Render.hpp"

#include "MannequinDraw.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/I18n.hpp"
#include "core/SessionPlayer.hpp"
#include "figure/Swing.hpp"

#include <SFML/Graphics.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ostream>

namespace motus::app {
namespace {

bool saveTexture(const sf::RenderTexture& texture, const std::filesystem::path& out,
                 std::ostream& err) {
    if (!texture.getTexture().copyToImage().saveToFile(out.string())) {
        err << "motus: cannot write " << out.string() << '\n';
        return false;
    }
    return true;
}

// An offscreen surface with as much anti-aliasing as the driver allows (llvmpipe: 4x; asking
// for more fails).
bool createSurface(sf::RenderTexture& texture, unsigned width, unsigned height, std::ostream& err) {
    sf::ContextSettings settings;
    settings.antialiasingLevel = std::min(4u, sf::RenderTexture::getMaximumAntialiasingLevel());
    if (!texture.create(width, height, settings)) {
        err << "motus: cannot create a " << width << "x" << height << " drawing surface\n";
        return false;
    }
    return true;
}

std::string humanise(std::string id) {
    std::replace(id.begin(), id.end(), '-', ' ');
    return id;
}

// A contact sheet: the exercise's title above one cell per key pose.
struct SheetLayout {
    unsigned count = 1;
    unsigned width = 0;
    unsigned height = 0;
    float cell = 0.f; // each cell's width
    float top = 64.f;
    float figureHeight = 0.f;
};

SheetLayout sheetLayout(const core::Exercise& ex, const RenderRequest& request) {
    SheetLayout sheet;
    sheet.count = static_cast<unsigned>(ex.poses.size() + (ex.scene.fault ? 1 : 0));
    sheet.width = request.width > 0 ? request.width : 420 * sheet.count;
    sheet.height = request.height > 0 ? request.height : 460;
    sheet.cell = static_cast<float>(sheet.width) / static_cast<float>(sheet.count);
    sheet.figureHeight = static_cast<float>(sheet.height) - sheet.top - 48.f;
    return sheet;
}

bool beginSheet(sf::RenderTexture& texture, const SheetLayout& sheet, const std::string& title,
                const Fonts& fonts, std::ostream& err) {
    if (!createSurface(texture, sheet.width, sheet.height, err)) {
        return false;
    }
    texture.clear(colour::panel);
    drawText(texture, utf8(title), fonts.bold, typeSize::heading, {24.f, 16.f}, colour::text);
    return true;
}

} // namespace

std::string describeMoment(const core::Exercise& ex, const core::PlayerSnapshot& snap) {
    const std::string lang = core::uiLanguage();
    std::string text = ex.text(lang).name;
    const auto seconds = static_cast<long>((snap.timeLeft.count() + 999) / 1000);
    switch (snap.kind) {
    case core::StepKind::GetReady:
        return text + " · " + fmt::format(fmt::runtime(core::tr("get ready: {}")), seconds);
    case core::StepKind::Transition:
        return fmt::format(fmt::runtime(core::tr("next: {}")), text);
    case core::StepKind::Rest:
        return text + " · " + fmt::format(fmt::runtime(core::tr("rest {} s")), seconds);
    case core::StepKind::SwitchSide:
        return text + " · " + core::tr("switch sides");
    case core::StepKind::Phase:
        break;
    }
    text += " · " + fmt::format(fmt::runtime(core::tr("set {} of {}")), snap.set, snap.setCount);
    text += " · " + fmt::format(fmt::runtime(core::tr("rep {} of {}")), snap.rep, snap.repCount);
    if (snap.side == core::RepSide::Left) {
        text += " · " + std::string(core::tr("left side"));
    } else if (snap.side == core::RepSide::Right) {
        text += " · " + std::string(core::tr("right side"));
    }
    return text;
}

// The key poses on the 3-D figure (docs/figure-v2.md) with the scene's props, from the
// exercise's camera or the request's: each with the start pose as a ghost behind it and the parts
// that moved since highlighted; a fault pose last, crossed out.
int renderMannequinSheet(const core::Exercise& ex, const RenderRequest& request, const Fonts& fonts,
                         std::ostream& err) {
    const core::Scene& scene = ex.scene;
    const core::Camera camera = request.camera          ? *request.camera
                                : scene.cameras.empty() ? core::cameraFor(ex.view)
                                                        : scene.cameras.front();
    const SheetLayout sheet = sheetLayout(ex, request);
    sf::RenderTexture texture;
    if (!beginSheet(texture, sheet,
                    fmt::format("{} · {:.0f}°, {:.0f}°", ex.text(core::uiLanguage()).name,
                                camera.azimuth, camera.elevation),
                    fonts, err)) {
        return 1;
    }
    const unsigned count = sheet.count;
    const unsigned width = sheet.width;
    const unsigned height = sheet.height;
    std::vector<core::Mannequin> bodies;
    std::vector<core::Picture> pictures;
    std::vector<std::vector<BandPath>> bands; // each picture's bands, hanging as ropes
    const double bandRest =
        scene.poses.empty() ? 0.0 : bandRestLength(scene, core::settledPose(scene, 0));
    for (std::size_t i = 0; i < scene.poses.size() && i < count; ++i) {
        bodies.push_back(core::place(core::settledPose(scene, i)));
    }
    const bool fault = scene.fault.has_value() && bodies.size() < count;
    if (fault) {
        bodies.push_back(
            core::place(core::settle(scene, scene.fault->posture, scene.fault->contacts)));
    }
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        const auto& body = bodies[i];
        const bool isFault = fault && i + 1 == bodies.size();
        auto picture =
            core::picture(body, camera,
                          isFault ? std::vector<core::Part>{}
                                  : core::workingParts(bodies.front(), body, scene.poses[i].focus));
        core::addProps(picture, scene, body, camera, bandRest);
        pictures.push_back(std::move(picture));
        bands.push_back(settledBands(scene, body, camera, bandRest));
    }
    const float cell = sheet.cell;
    const float top = sheet.top;
    const float figureHeight = sheet.figureHeight;
    const auto fit = fitPictures(pictures, {0.f, top, cell, figureHeight});
    const auto ghost = core::picture(bodies.front(), camera);
    for (unsigned i = 0; i < pictures.size(); ++i) {
        const float left = cell * static_cast<float>(i);
        const sf::FloatRect frame{left + 12.f, top, cell - 24.f, figureHeight};
        drawRoundedRect(texture, frame, 8.f, colour::background);
        PictureFit cellFit = fit;
        cellFit.origin.x += left;
        const sf::View saved = texture.getView();
        sf::View clip(frame);
        clip.setViewport(
            {frame.left / static_cast<float>(width), frame.top / static_cast<float>(height),
             frame.width / static_cast<float>(width), frame.height / static_cast<float>(height)});
        texture.setView(clip);
        const bool isFault = fault && i + 1 == pictures.size();
        if (i > 0 && !isFault) {
            drawMannequin(texture, ghost, cellFit, camera, {true, false});
        }
        drawMannequin(texture, pictures[i], cellFit, camera, {}, bands[i]);
        if (isFault) {
            drawCross(texture, frame);
        }
        texture.setView(saved);
        const std::string label = isFault ? fmt::format("{}. {}", i + 1,
                                                        ex.text(core::uiLanguage()).fault.empty()
                                                            ? std::string(core::tr("Not like this"))
                                                            : ex.text(core::uiLanguage()).fault)
                                          : fmt::format("{}. {}", i + 1, humanise(ex.poses[i].id));
        // On two lines when it is long (a fault's caption).
        float y = top + figureHeight + 4.f;
        const auto lines = wrapText(label, fonts.regular, typeSize::small, cell - 40.f);
        for (std::size_t k = 0; k < lines.size() && k < 2; ++k) {
            drawText(texture, lines[k], fonts.regular, typeSize::small, {left + 20.f, y},
                     colour::text);
            y += static_cast<float>(typeSize::small) * 1.2f;
        }
    }
    texture.display();
    return saveTexture(texture, request.out, err) ? 0 : 1;
}

int renderMoment(const core::Exercise& ex, const RenderRequest& request, const Fonts& fonts,
                 std::ostream& err) {
    const unsigned width = request.width > 0 ? request.width : 800;
    const unsigned height = request.height > 0 ? request.height : 600;
    // The player's timeline played to that moment from its start, in fixed frames, so that an
    // arm that swings (figure::SwingingArms) is where the body's motion has swung it.
    const figure::PlayedMoment moment = figure::playTo(ex, request.atSeconds);
    const auto& snap = moment.snapshot;

    sf::RenderTexture texture;
    if (!createSurface(texture, width, height, err)) {
        return 1;
    }
    texture.clear(colour::background);
    {
        // The 3-D figure at that moment with its props, the start pose as a ghost behind it.
        const core::Scene scene = core::sceneFor(ex, snap.side);
        const core::Camera camera = request.camera          ? *request.camera
                                    : scene.cameras.empty() ? core::cameraFor(ex.view)
                                                            : scene.cameras.front();
        const auto start = core::place(core::settledPose(scene, 0));
        const auto body = core::place(moment.posture);
        std::vector<core::Picture> all;
        for (std::size_t i = 0; i < scene.poses.size(); ++i) {
            all.push_back(core::picture(core::place(core::settledPose(scene, i)), camera));
        }
        const auto fit = fitPictures(
            all, {0.f, 40.f, static_cast<float>(width), static_cast<float>(height) - 40.f});
        auto picture = core::picture(body, camera,
                                     core::workingParts(start, body, core::focusAt(scene, snap)));
        const double bandRest =
            scene.poses.empty() ? 0.0 : bandRestLength(scene, core::settledPose(scene, 0));
        core::addProps(picture, scene, body, camera, bandRest);
        drawMannequin(texture, core::picture(start, camera), fit, camera, {true, false});
        drawMannequin(texture, picture, fit, camera, {false, true},
                      settledBands(scene, body, camera, bandRest));
        drawText(texture, utf8(describeMoment(ex, snap)), fonts.regular, typeSize::small,
                 {16.f, 12.f}, colour::text);
        texture.display();
        return saveTexture(texture, request.out, err) ? 0 : 1;
    }
}

int runRender(const RenderRequest& request, const content::DataPaths& paths,
              const std::filesystem::path& library, std::ostream& err) {
    const auto load = content::loadLibrary({library});
    const auto* ex = load.library.find(request.id);
    if (ex == nullptr) {
        err << "motus: no exercise '" << request.id << "' in the library\n";
        return 1;
    }
    const Fonts fonts = Fonts::load(paths.assetsDir);
    if (request.sheet) {
        return renderMannequinSheet(*ex, request, fonts, err);
    }
    return renderMoment(*ex, request, fonts, err);
}

} // namespace motus::app
