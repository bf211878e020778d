#include "App.hpp"

#include "Audio.hpp"
#include "BrowserScreen.hpp"
#include "BuilderScreen.hpp"
#include "FeedbackScreen.hpp"
#include "HistoryScreen.hpp"
#include "PlayerScreen.hpp"
#include "PreviewScreen.hpp"
#include "ProgramsScreen.hpp"
#include "SafetyScreen.hpp"
#include "Screen.hpp"
#include "Theme.hpp"
#include "TodayScreen.hpp"
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/Reasons.hpp"
#include "service/PendingSets.hpp"
#include "service/Practice.hpp"
#include "service/ProgramDraft.hpp"
#include "service/SettingsFile.hpp"

#include <SFML/Graphics.hpp>
#include <X11/Xlib.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
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

void ScreenStack::clear() {
    m_pending.emplace_back([this](sf::Vector2f) { m_screens.clear(); });
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
    sf::RenderWindow window(sf::VideoMode(initialSize.x, initialSize.y), utf8(core::tr("Motus")),
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

    // A settings file with unusable lines is named on stderr; its defaults are used.
    const auto preferences = service::loadSettings(service::settingsPath());
    for (const auto& diagnostic : preferences.diagnostics) {
        std::cerr << diagnostic.str() << '\n';
    }
    Audio audio(lang, preferences.settings.sound);
    const core::SteadyClock steadyClock;
    core::ManualClock frameClock;
    const bool scripted = !options.screenshot.empty();
    const core::Clock& clock = scripted ? static_cast<const core::Clock&>(frameClock)
                                        : static_cast<const core::Clock&>(steadyClock);

    ScreenStack screens;
    auto openPlayer = [&](const core::Exercise& exercise, const core::Dose& dose) {
        screens.push(
            std::make_unique<PlayerScreen>(std::vector<core::RoutineItem>{{&exercise, dose}}, fonts,
                                           audio, clock, lang, [&screens] { screens.pop(); }));
    };
    // The application layer: the library, the journal and the program (not for `motus play`,
    // which plays one exercise and records nothing).
    std::unique_ptr<service::Practice> practice;
    if (options.play.empty()) {
        practice = std::make_unique<service::Practice>(
            service::PracticeOptions{options.library, options.db, nullptr, nullptr});
        practice->catchUp();
    }
    auto hasProgram = [&] { return practice && practice->program() != nullptr; };
    TodayScreen* todayScreen = nullptr;
    // Sets that could not be stored yet (see PendingSets): the window says so and tries again.
    service::PendingSets pending;
    // A journal Motus may only read (README, Files): said at once and for as long as it lasts.
    const std::string readOnlyNotice =
        practice && !practice->readOnlyReason().empty()
            ? fmt::format(fmt::runtime(core::tr("Your journal cannot be written ({}). Motus shows "
                                                "what it holds, but records nothing you do now.")),
                          practice->readOnlyReason())
            : std::string();
    std::string banner = readOnlyNotice;
    sf::Clock sinceRetry;
    auto storePending = [&] {
        const std::string problem = pending.flush(*practice);
        banner = problem.empty() || !readOnlyNotice.empty()
                     ? readOnlyNotice
                     : fmt::format(fmt::runtime(core::tr("Your last sets could not be saved yet "
                                                         "({}). They are kept and saved as soon "
                                                         "as possible; you can carry on.")),
                                   problem);
        sinceRetry.restart();
    };
    // The program builder, over the screen it was opened from.
    auto pushBuilder = [&](service::ProgramDraft draft) {
        screens.push(std::make_unique<BuilderScreen>(std::move(draft), fonts, lang,
                                                     [&screens] { screens.pop(); }));
    };
    auto pushBrowser = [&](bool canGoBack) {
        auto browser = std::make_unique<BrowserScreen>(
            load.library, fonts, lang, load.skipped.size(),
            [&](const core::Exercise& exercise) { openPlayer(exercise, exercise.dose); },
            canGoBack ? std::function<void()>([&screens] { screens.pop(); })
                      : std::function<void()>());
        browser->setNewProgramAction(
            [&] { pushBuilder(service::ProgramDraft(load.library, lang)); });
        BrowserScreen* raw = browser.get();
        screens.push(std::move(browser));
        return raw;
    };
    // Today's routine: the player stores each set at once; afterwards pain, effort and legs for
    // each exercise done.
    auto startRoutine = [&](const std::vector<service::ItemView>& items) {
        std::vector<core::RoutineItem> routine;
        for (const auto& item : items) {
            routine.push_back({item.exercise, item.prescription.dose});
        }
        auto done = std::make_shared<std::vector<const core::Exercise*>>();
        auto onSet = [&, routine, done](const core::SetFinished& set) {
            const core::Exercise* exercise = routine.at(set.exercise).exercise;
            pending.add({core::stampNow(), exercise->id, set.repsDone, set.holdSeconds});
            storePending();
            if (std::find(done->begin(), done->end(), exercise) == done->end()) {
                done->push_back(exercise);
            }
        };
        // Filled in below: the player screen, to know at closing whether it was stopped early.
        auto player = std::make_shared<PlayerScreen*>(nullptr);
        auto onClose = [&, done, player] {
            storePending();
            if (*player != nullptr && (*player)->player().status() == core::PlayerStatus::Stopped &&
                !done->empty()) {
                try {
                    practice->stopSession(practice->today());
                } catch (const std::exception& e) {
                    banner = e.what();
                }
            }
            screens.pop();
            if (done->empty()) {
                todayScreen->refresh();
                return;
            }
            screens.push(std::make_unique<FeedbackScreen>(
                *practice, fonts, lang, *done, practice->today(), [&](const std::string& outcome) {
                    screens.pop();
                    todayScreen->refresh();
                    todayScreen->showMessage(outcome);
                }));
        };
        auto screen =
            std::make_unique<PlayerScreen>(routine, fonts, audio, clock, lang, onClose, onSet);
        *player = screen.get();
        screens.push(std::move(screen));
    };
    auto pushToday = [&] {
        auto today = std::make_unique<TodayScreen>(
            *practice, fonts, lang,
            TodayScreen::Actions{startRoutine, [&] { (void)pushBrowser(true); },
                                 [&] {
                                     screens.push(std::make_unique<HistoryScreen>(
                                         practice->history(), load.library, practice->program(),
                                         fonts, lang, [&screens] { screens.pop(); }));
                                 },
                                 [&] {
                                     screens.push(std::make_unique<SafetyScreen>(
                                         *practice, fonts, [&screens, &todayScreen] {
                                             screens.pop();
                                             if (todayScreen != nullptr) {
                                                 todayScreen->refresh();
                                             }
                                         }));
                                 }});
        todayScreen = today.get();
        screens.push(std::move(today));
    };
    // Starting a bundled program from the window: it is assigned from today, then Motus opens
    // on it.
    auto pushProgramsOf = [&](std::vector<ProgramsScreen::Entry> entries) {
        screens.push(std::make_unique<ProgramsScreen>(
            std::move(entries), fonts, lang,
            [&](const ProgramsScreen::Entry& entry) {
                try {
                    (void)practice->assign(entry.file, std::nullopt, false);
                } catch (const std::exception& e) {
                    banner = e.what(); // nothing changed; the window stays
                    return;
                }
                banner = readOnlyNotice;
                screens.clear();
                pushToday();
            },
            [&screens] { screens.pop(); }));
    };
    auto pushPrograms = [&] {
        std::vector<ProgramsScreen::Entry> entries;
        for (const auto& file : practice->bundledProgramFiles()) {
            if (auto preview = practice->preview(file); preview.program) {
                entries.push_back({std::move(*preview.program), file});
            }
        }
        pushProgramsOf(std::move(entries));
    };
    BrowserScreen* browserScreen = nullptr;
    if (!options.play.empty()) {
        const auto* exercise = load.library.find(options.play);
        if (exercise == nullptr) {
            std::cerr << "motus: no exercise '" << options.play << "' in the library\n";
            return 1;
        }
        openPlayer(*exercise, options.dose.applyTo(exercise->dose));
    } else if (hasProgram() && options.select.empty()) {
        pushToday();
    } else {
        browserScreen = pushBrowser(false);
        if (!hasProgram()) {
            browserScreen->setProgramsAction(pushPrograms);
        }
    }
    // `motus FILE` (a file manager opening a program file): its preview over the first screen
    // (Today with a program, else the library); Start assigns it, Cancel changes nothing. Its
    // diagnostics also go to stderr, as `motus validate` would print them.
    if (!options.open.empty() && practice) {
        for (const auto& diagnostic : practice->preview(options.open).diagnostics) {
            std::cerr << diagnostic.str() << '\n';
        }
        screens.push(std::make_unique<PreviewScreen>(
            *practice, options.open, fonts, lang,
            [&] {
                screens.clear();
                pushToday();
            },
            [&screens] { screens.pop(); }));
    }
    // `--new-program`, `--edit-program FILE`: the builder over the first screen, so that Back
    // leads into Motus.
    if (options.newProgram) {
        pushBuilder(service::ProgramDraft(load.library, lang));
    } else if (!options.editProgram.empty()) {
        try {
            pushBuilder(service::ProgramDraft::open(options.editProgram, load.library, lang));
        } catch (const service::Refused& e) {
            std::cerr << "motus: " << e.what() << '\n';
            return 1;
        }
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
            frameClock.advance(core::Millis(16));
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
        if (!pending.empty() && sinceRetry.getElapsedTime() > sf::seconds(3)) {
            storePending();
        }
        window.clear(colour::background);
        screens.top()->draw(window);
        if (!banner.empty()) {
            // A write failed: say so over whatever screen is shown; never close.
            const auto lines = wrapText(banner, fonts.bold, typeSize::small, size.x - 80.f);
            const float height = 24.f * static_cast<float>(lines.size()) + 24.f;
            drawRoundedRect(window, {20.f, size.y - height - 20.f, size.x - 40.f, height}, 10.f,
                            colour::warningGround, colour::warning, 2.f);
            float y = size.y - height - 8.f;
            for (const auto& line : lines) {
                drawText(window, line, fonts.bold, typeSize::small, {40.f, y}, colour::text);
                y += 24.f;
            }
        }
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
