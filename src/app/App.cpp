#include "App.hpp"

#include "Audio.hpp"
#include "BrowserScreen.hpp"
#include "HistoryScreen.hpp"
#include "PlayerScreen.hpp"
#include "ProgramsScreen.hpp"
#include "Screen.hpp"
#include "Theme.hpp"
#include "TodayScreen.hpp"
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "storage/SqliteJournal.hpp"

#include <SFML/Graphics.hpp>
#include <X11/Xlib.h>

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

namespace {

// The journal and its program, when one is assigned; the reviews that are due run now.
std::optional<TrackerSession> openSession(const AppOptions& options, const core::Library& library) {
    const auto path = options.db.empty() ? storage::SqliteJournal::defaultPath() : options.db;
    auto journal = std::make_unique<storage::SqliteJournal>(path);
    auto active = journal->activeProgram();
    if (!active) {
        return std::nullopt;
    }
    auto parsed = content::parseProgram(active->programXml, active->programId + ".xml", library);
    if (!parsed.program) {
        for (const auto& d : parsed.diagnostics) {
            std::cerr << d.str() << '\n';
        }
        throw std::runtime_error("the assigned program no longer matches the exercise library; "
                                 "import it again with 'motus program import FILE'");
    }
    TrackerSession session;
    session.journal = std::move(journal);
    session.library = &library;
    session.program = std::move(*parsed.program);
    session.active = *active;
    return session;
}

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
    std::optional<TrackerSession> session;
    auto openTracker = [&] {
        session = openSession(options, load.library);
        if (session) {
            session->tracker = std::make_unique<core::Tracker>(
                *session->journal, load.library, session->program, session->active.start);
        }
    };
    if (options.play.empty()) {
        openTracker();
    }
    auto todayDate = [] { return core::today(); };
    TodayScreen* todayScreen = nullptr;
    auto pushBrowser = [&](bool canGoBack) {
        auto browser = std::make_unique<BrowserScreen>(
            load.library, fonts, lang, load.skipped.size(),
            [&](const core::Exercise& exercise) { openPlayer(exercise, exercise.dose); },
            canGoBack ? std::function<void()>([&screens] { screens.pop(); })
                      : std::function<void()>());
        BrowserScreen* raw = browser.get();
        screens.push(std::move(browser));
        return raw;
    };
    // Today's routine: the player logs each set at once; afterwards pain, effort and legs.
    auto startRoutine = [&](const std::vector<core::TodayItem>& items) {
        std::vector<core::RoutineItem> routine;
        for (const auto& item : items) {
            routine.push_back({item.exercise, item.prescription.dose});
        }
        auto done = std::make_shared<std::vector<std::string>>();
        auto onSet = [&, routine, done](const core::SetFinished& set) {
            const std::string& id = routine.at(set.exercise).exercise->id;
            core::Stamp when = core::stampNow();
            when.date = todayDate();
            core::SetRecord record{id, set.set, set.repsDone, set.repsPrescribed, set.holdSeconds};
            (void)session->tracker->logExercise(when, id, {record}, std::nullopt);
            if (std::find(done->begin(), done->end(), id) == done->end()) {
                done->push_back(id);
            }
        };
        // Filled in below: the player screen, to know at closing whether it was stopped early.
        auto player = std::make_shared<PlayerScreen*>(nullptr);
        auto onClose = [&, done, player] {
            if (*player != nullptr && (*player)->player().status() == core::PlayerStatus::Stopped &&
                !done->empty()) {
                session->tracker->markSessionStopped(todayDate());
            }
            screens.pop();
            if (done->empty()) {
                todayScreen->refresh();
                return;
            }
            screens.push(std::make_unique<FeedbackScreen>(*session, fonts, *done, todayDate(),
                                                          [&](const std::string& outcome) {
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
            *session, fonts, lang,
            TodayScreen::Actions{startRoutine, [&] { (void)pushBrowser(true); },
                                 [&] {
                                     screens.push(std::make_unique<HistoryScreen>(
                                         session->journal->doseChanges(), load.library, fonts, lang,
                                         [&screens] { screens.pop(); }));
                                 }},
            todayDate);
        todayScreen = today.get();
        screens.push(std::move(today));
    };
    // Starting a bundled program from the window: it is assigned from today, then Motus opens
    // on it.
    auto pushPrograms = [&] {
        std::vector<ProgramsScreen::Entry> entries;
        for (const auto& file : content::bundledPrograms(options.library)) {
            if (auto parsed = content::loadProgramFile(file, load.library); parsed.program) {
                entries.push_back({std::move(*parsed.program), file});
            }
        }
        screens.push(std::make_unique<ProgramsScreen>(
            std::move(entries), fonts, lang,
            [&](const ProgramsScreen::Entry& entry) {
                std::ifstream in(entry.file, std::ios::binary);
                std::stringstream text;
                text << in.rdbuf();
                {
                    storage::SqliteJournal journal(
                        options.db.empty() ? storage::SqliteJournal::defaultPath() : options.db);
                    journal.startProgram(entry.program.id, text.str(), todayDate(),
                                         core::planFor(entry.program.phases.front()));
                }
                openTracker();
                screens.clear();
                pushToday();
            },
            [&screens] { screens.pop(); }));
    };
    BrowserScreen* browserScreen = nullptr;
    if (!options.play.empty()) {
        const auto* exercise = load.library.find(options.play);
        if (exercise == nullptr) {
            std::cerr << "motus: no exercise '" << options.play << "' in the library\n";
            return 1;
        }
        openPlayer(*exercise, options.dose.applyTo(exercise->dose));
    } else if (session && options.select.empty()) {
        pushToday();
    } else {
        browserScreen = pushBrowser(false);
        if (!session) {
            browserScreen->setProgramsAction(pushPrograms);
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
