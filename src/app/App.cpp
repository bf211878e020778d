#include "App.hpp"

#include "Audio.hpp"
#include "BrowserScreen.hpp"
#include "PlayerScreen.hpp"
#include "Screen.hpp"
#include "Theme.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/I18n.hpp"

#include <SFML/Graphics.hpp>
#include <X11/Xlib.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>

namespace motus::app {

void ScreenStack::push(std::unique_ptr<Screen> screen) {
    auto shared = std::make_shared<std::unique_ptr<Screen>>(std::move(screen));
    m_pending.emplace_back([this, shared](sf::Vector2f size) {
        (*shared)->resize(size);
        m_screens.push_back(std::move(*shared));
    });
}

void ScreenStack::pop() {
    m_pending.emplace_back([this](sf::Vector2f) {
        if (!m_screens.empty()) {
            m_screens.pop_back();
        }
    });
}

void ScreenStack::applyPending(sf::Vector2f size) {
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& change : pending) {
        change(size);
    }
}

bool displayAvailable() {
    Display* display = XOpenDisplay(nullptr);
    if (display == nullptr) {
        return false;
    }
    XCloseDisplay(display);
    return true;
}

namespace {

// A clock for screenshots: it moves by one frame each time it is told to.
class FrameClock final : public core::Clock {
public:
    [[nodiscard]] core::Millis now() const override { return m_now; }
    void tick(core::Millis frame) { m_now += frame; }

private:
    core::Millis m_now{0};
};

} // namespace

int runApp(const AppOptions& options) {
    const Fonts fonts = Fonts::load(options.paths.assetsDir);
    const auto load = content::loadLibrary({options.library});
    for (const auto& diagnostic : load.diagnostics) {
        std::cerr << diagnostic.str() << '\n';
    }
    const std::string lang = core::uiLanguage();

    sf::ContextSettings settings;
    settings.antialiasingLevel = 4; // llvmpipe gives at most 4x
    const sf::Vector2u initialSize{1280, 800};
    sf::RenderWindow window(sf::VideoMode(initialSize.x, initialSize.y),
                            sf::String::fromUtf8(std::string(core::tr("Motus")).begin(),
                                                 std::string(core::tr("Motus")).end()),
                            sf::Style::Default, settings);
    window.setVerticalSyncEnabled(true);
    sf::Image icon;
    const auto iconPath = options.paths.assetsDir / "icons" / "motus.png";
    if (!icon.loadFromFile(iconPath.string())) {
        throw std::runtime_error("cannot load the icon " + iconPath.string() +
                                 "; is Motus installed completely?");
    }
    window.setIcon(icon.getSize().x, icon.getSize().y, icon.getPixelsPtr());
    window.setKeyRepeatEnabled(true);

    Audio audio(lang, SoundSettings::load(SoundSettings::defaultPath()));
    const core::SteadyClock steadyClock;
    FrameClock frameClock;
    const bool scripted = !options.screenshot.empty();
    const core::Clock& clock = scripted ? static_cast<const core::Clock&>(frameClock)
                                        : static_cast<const core::Clock&>(steadyClock);

    ScreenStack screens;
    auto openPlayer = [&](const core::Exercise& exercise, const core::Dose& dose) {
        screens.push(std::make_unique<PlayerScreen>(
            std::vector<core::RoutineItem>{{&exercise, dose}}, fonts, audio, clock, lang,
            [&screens] { screens.pop(); }));
    };
    BrowserScreen* browserScreen = nullptr;
    if (options.play.empty()) {
        auto browser = std::make_unique<BrowserScreen>(
            load.library, fonts, lang, load.skipped.size(),
            [&](const core::Exercise& exercise) { openPlayer(exercise, exercise.dose); });
        browserScreen = browser.get();
        screens.push(std::move(browser));
    } else {
        const auto* exercise = load.library.find(options.play);
        if (exercise == nullptr) {
            std::cerr << "motus: no exercise '" << options.play << "' in the library\n";
            return 1;
        }
        openPlayer(*exercise, options.dose.applyTo(exercise->dose));
    }
    sf::Vector2f size{static_cast<float>(initialSize.x), static_cast<float>(initialSize.y)};
    screens.applyPending(size);
    if (browserScreen != nullptr && !options.select.empty() &&
        !browserScreen->select(options.select)) {
        std::cerr << "motus: no exercise '" << options.select << "' in the library\n";
    }

    // A fixed time step for updates; drawing happens once per frame.
    const sf::Time step = sf::seconds(1.f / 60.f);
    sf::Clock wallClock;
    sf::Time lag;
    core::Millis scriptedTime{0};
    while (window.isOpen() && !screens.empty()) {
        sf::Event event;
        while (window.pollEvent(event)) {
            if (event.type == sf::Event::Closed ||
                (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::Q &&
                 event.key.control)) {
                window.close();
                break;
            }
            if (event.type == sf::Event::Resized) {
                size = {static_cast<float>(std::max(event.size.width, 640u)),
                        static_cast<float>(std::max(event.size.height, 480u))};
                window.setView(sf::View(sf::FloatRect(0, 0, size.x, size.y)));
                screens.top()->resize(size);
                continue;
            }
            screens.top()->handleEvent(event);
            screens.applyPending(size);
            if (screens.empty()) {
                break;
            }
        }
        if (!window.isOpen() || screens.empty()) {
            break;
        }
        if (scripted) {
            frameClock.tick(core::Millis(16));
            scriptedTime += core::Millis(16);
            lag = step;
        } else {
            lag += wallClock.restart();
        }
        while (lag >= step && !screens.empty()) {
            screens.top()->update(step);
            screens.applyPending(size);
            lag -= step;
        }
        if (screens.empty()) {
            break;
        }
        window.clear(colour::background);
        screens.top()->draw(window);
        window.display();
        if (scripted && scriptedTime.count() >= static_cast<long>(options.screenshotAt * 1000.0)) {
            sf::Texture texture;
            if (!texture.create(window.getSize().x, window.getSize().y)) {
                throw std::runtime_error("cannot create a texture for the screenshot");
            }
            texture.update(window);
            if (!texture.copyToImage().saveToFile(options.screenshot.string())) {
                throw std::runtime_error("cannot write the screenshot " +
                                         options.screenshot.string());
            }
            window.close();
        }
    }
    return 0;
}

} // namespace motus::app
