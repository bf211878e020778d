#include "App.hpp"

#include "Audio.hpp"
#include "BrowserScreen.hpp"
#include "BuilderScreen.hpp"
#include "Documents.hpp"
#include "ExerciseScreen.hpp"
#include "FeedbackScreen.hpp"
#include "Flows.hpp"
#include "HistoryScreen.hpp"
#include "LayoutAudit.hpp"
#include "PlayerScreen.hpp"
#include "PreviewScreen.hpp"
#include "ProgramsScreen.hpp"
#include "SafetyScreen.hpp"
#include "Screen.hpp"
#include "SettingsScreen.hpp"
#include "Theme.hpp"
#include "TodayScreen.hpp"
#include "content/ExerciseLoader.hpp"
#include "content/ProgramLoader.hpp"
#include "core/I18n.hpp"
#include "core/LocalTime.hpp"
#include "core/Reasons.hpp"
#include "service/FileChooser.hpp"
#include "service/PendingSets.hpp"
#include "service/Practice.hpp"
#include "service/ProgramDraft.hpp"
#include "service/Reminders.hpp"
#include "service/SettingsFile.hpp"

#include <SFML/Graphics.hpp>
#include <X11/Xlib.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <future>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>

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

void ScreenStack::resizeAll(sf::Vector2f size) {
    for (auto& screen : m_screens) {
        screen->resize(size);
    }
}

void ScreenStack::applyPending(sf::Vector2f size) {
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& change : pending) {
        change(size);
    }
}

namespace {

// A mouse event in the screens' logical pixels (the window's pixels under the text size's view).
sf::Event logicalEvent(const sf::RenderWindow& window, const sf::Event& event) {
    sf::Event mapped = event;
    auto map = [&](int& x, int& y) {
        const sf::Vector2f at = window.mapPixelToCoords({x, y});
        x = static_cast<int>(std::lround(at.x));
        y = static_cast<int>(std::lround(at.y));
    };
    switch (event.type) {
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased:
        map(mapped.mouseButton.x, mapped.mouseButton.y);
        break;
    case sf::Event::MouseMoved:
        map(mapped.mouseMove.x, mapped.mouseMove.y);
        break;
    case sf::Event::MouseWheelScrolled:
        map(mapped.mouseWheelScroll.x, mapped.mouseWheelScroll.y);
        break;
    default:
        break;
    }
    return mapped;
}

// The reminder days in words: the chosen ones, or the program's.
std::string reminderDaysText(core::WeekdaySet days) {
    if (days == 0) {
        return core::tr("the program's days");
    }
    static const char* const names[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
                                        N_("Fri"), N_("Sat"), N_("Sun")};
    std::string out;
    for (std::size_t i = 0; i < 7; ++i) {
        if ((days & (1u << i)) != 0) {
            out += (out.empty() ? "" : ", ") + std::string(core::tr(names[i]));
        }
    }
    return out;
}

// MOTUS_EXIT_AFTER_FIRST_FRAME (set, not "0"): the start-up benchmark's way to end the window
// (bench/StartupBench.cpp). The first frame displayed, "first frame: NS" (CLOCK_MONOTONIC in
// nanoseconds) goes to standard output and the window closes.
bool exitAfterFirstFrame() {
    const char* value = std::getenv("MOTUS_EXIT_AFTER_FIRST_FRAME");
    return value != nullptr && *value != '\0' && std::string_view(value) != "0";
}

void reportFirstFrame() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    std::cout << "first frame: " << static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec
              << std::endl;
}

} // namespace

float viewScale(float windowWidth, float windowHeight, int textSizePercent) {
    const float grown = std::max(1.f, std::min(windowWidth / 1280.f, windowHeight / 720.f));
    const float wanted = grown * static_cast<float>(textSizePercent) / 100.f;
    const float roomy = std::min(windowWidth / 640.f, windowHeight / 480.f);
    return std::min(wanted, roomy);
}

const std::vector<std::string>& screenNames() {
    static const std::vector<std::string> names{
        "today",  "history", "programs",  "library", "exercise", "player", "feedback",
        "safety", "preview", "open-file", "builder", "settings", "welcome"};
    return names;
}

namespace {

// A key named in a --screen spec (`today:Tab:Return`): a letter or digit, or one of the names
// below; "Shift+" before it holds Shift.
std::optional<sf::Event> keyNamed(std::string_view name) {
    sf::Event event{};
    event.type = sf::Event::KeyPressed;
    if (name.rfind("Shift+", 0) == 0) {
        event.key.shift = true;
        name.remove_prefix(6);
    }
    static const std::pair<std::string_view, sf::Keyboard::Key> named[] = {
        {"Return", sf::Keyboard::Enter},      {"Enter", sf::Keyboard::Enter},
        {"Escape", sf::Keyboard::Escape},     {"Tab", sf::Keyboard::Tab},
        {"Space", sf::Keyboard::Space},       {"Up", sf::Keyboard::Up},
        {"Down", sf::Keyboard::Down},         {"Left", sf::Keyboard::Left},
        {"Right", sf::Keyboard::Right},       {"PageUp", sf::Keyboard::PageUp},
        {"PageDown", sf::Keyboard::PageDown}, {"Home", sf::Keyboard::Home},
        {"End", sf::Keyboard::End},           {"Backspace", sf::Keyboard::Backspace}};
    for (const auto& [text, key] : named) {
        if (name == text) {
            event.key.code = key;
            return event;
        }
    }
    if (name.size() == 1 && name[0] >= 'A' && name[0] <= 'Z') {
        event.key.code = static_cast<sf::Keyboard::Key>(sf::Keyboard::A + (name[0] - 'A'));
        return event;
    }
    if (name.size() == 1 && name[0] >= '0' && name[0] <= '9') {
        event.key.code = static_cast<sf::Keyboard::Key>(sf::Keyboard::Num0 + (name[0] - '0'));
        return event;
    }
    return std::nullopt;
}

// "today:Tab:Return" as the screen's name and its keys.
std::pair<std::string, std::vector<std::string>> splitSpec(const std::string& spec) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    while (true) {
        const auto colon = spec.find(':', from);
        parts.push_back(spec.substr(from, colon - from));
        if (colon == std::string::npos) {
            break;
        }
        from = colon + 1;
    }
    std::string name = parts.front();
    parts.erase(parts.begin());
    return {name, parts};
}

} // namespace

bool checkScreenSpec(const std::string& spec, std::string& problem) {
    const auto [name, keys] = splitSpec(spec);
    if (std::find(screenNames().begin(), screenNames().end(), name) == screenNames().end()) {
        problem = "no screen '" + name + "'";
        return false;
    }
    for (const auto& key : keys) {
        if (!keyNamed(key)) {
            problem = "no key '" + key + "'";
            return false;
        }
    }
    return true;
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

// The languages offered in the settings: the system's, English, then every catalogue installed.
std::vector<std::string> installedLanguages(const std::filesystem::path& localeDir) {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(localeDir, ec)) {
        const auto catalogue =
            entry.path() / "LC_MESSAGES" / (std::string(core::kTextDomain) + ".mo");
        if (std::filesystem::exists(catalogue, ec) &&
            core::validLanguage(entry.path().filename().string())) {
            found.push_back(entry.path().filename().string());
        }
    }
    std::sort(found.begin(), found.end());
    found.insert(found.begin(), {"", "en"});
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

} // namespace

int runApp(const AppOptions& options) {
    // The settings first: their language (unless --lang chose one) is that of every word below.
    // A settings file with unusable lines is named on stderr; its defaults are used.
    const auto settingsFile = service::settingsPath();
    const auto preferences = service::loadSettings(settingsFile);
    for (const auto& diagnostic : preferences.diagnostics) {
        std::cerr << diagnostic.str() << '\n';
    }
    core::Settings current = preferences.settings;
    // "The system's language": what LANGUAGE was when Motus started.
    const char* startLanguage = std::getenv("LANGUAGE");
    const std::optional<std::string> systemLanguage =
        startLanguage != nullptr ? std::optional<std::string>(startLanguage) : std::nullopt;
    auto useLanguage = [&](const std::string& language) {
        if (language.empty()) {
            if (systemLanguage) {
                setenv("LANGUAGE", systemLanguage->c_str(), 1);
            } else {
                unsetenv("LANGUAGE");
            }
        }
        core::initI18n(options.paths.localeDir.string(), language);
    };
    if (options.language.empty() && !current.language.empty()) {
        useLanguage(current.language);
    }
    useHighContrast(current.highContrast);
    if (options.textSize > 0) {
        current.textSize = options.textSize; // a scripted run's: not saved
    }

    const Fonts fonts = Fonts::load(options.paths.assetsDir);
    std::string lang = core::uiLanguage();
    // The library and the application layer (the journal and the program; not for
    // `motus play`, which plays one exercise and records nothing) are read on a second thread
    // while the window is made, the longest part of start-up (docs/benchmarks.md). What it
    // throws comes out of get(), where the window used to make them.
    struct Loaded {
        content::LibraryLoad load;
        std::unique_ptr<service::Practice> practice;
    };
    auto loading = std::async(std::launch::async, [&options] {
        Loaded loaded;
        loaded.load = content::loadLibrary({options.library});
        if (options.play.empty()) {
            loaded.practice = std::make_unique<service::Practice>(
                service::PracticeOptions{options.library, options.db, nullptr, nullptr});
            loaded.practice->catchUp();
        }
        return loaded;
    });

    sf::ContextSettings settings;
    settings.antialiasingLevel = 4; // llvmpipe gives at most 4x
    const sf::Vector2u initialSize{options.width > 0 ? options.width : 1280u,
                                   options.height > 0 ? options.height : 800u};
    sf::RenderWindow window(sf::VideoMode(initialSize.x, initialSize.y), utf8(core::tr("Motus")),
                            sf::Style::Default, settings);
    window.setVerticalSyncEnabled(true);
    // The window's size in pixels (Resized events keep it); the screens' logical size follows
    // from it and the text size (viewScale).
    sf::Vector2f windowSize{static_cast<float>(initialSize.x), static_cast<float>(initialSize.y)};
    sf::Image icon;
    const auto iconPath = options.paths.assetsDir / "icons" / "motus.png";
    if (!icon.loadFromFile(iconPath.string())) {
        throw std::runtime_error("cannot load the icon " + iconPath.string() +
                                 "; is Motus installed completely?");
    }
    window.setIcon(icon.getSize().x, icon.getSize().y, icon.getPixelsPtr());
    window.setKeyRepeatEnabled(true);

    Loaded loaded = loading.get();
    const content::LibraryLoad& load = loaded.load;
    for (const auto& diagnostic : load.diagnostics) {
        std::cerr << diagnostic.str() << '\n';
    }
    // The voice speaks the language of the screens: it is made again when that changes.
    auto audio = std::make_unique<Audio>(lang, current.sound);
    // What the player takes from the settings.
    auto playerOptions = [&] {
        PlayerOptions player;
        player.timing.getReady = core::Millis(current.getReadySeconds * 1000);
        player.timing.switchSides = core::Millis(current.switchSidesSeconds * 1000);
        player.reducedMotion = current.reducedMotion;
        return player;
    };
    const core::SteadyClock steadyClock;
    core::ManualClock frameClock;
    const bool scripted = !options.screenshot.empty();
    const core::Clock& clock = scripted ? static_cast<const core::Clock&>(frameClock)
                                        : static_cast<const core::Clock&>(steadyClock);

    ScreenStack screens;
    auto openPlayer = [&](const core::Exercise& exercise, const core::Dose& dose) {
        screens.push(std::make_unique<PlayerScreen>(
            std::vector<core::RoutineItem>{{&exercise, dose}}, fonts, *audio, clock, lang,
            [&screens] { screens.pop(); }, nullptr, playerOptions()));
    };
    std::unique_ptr<service::Practice> practice = std::move(loaded.practice);
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
    // The settings screen: every change saved and applied at once; a new language (screens
    // made again) and a new text size (screens laid out again) take effect after the event.
    bool languageChanged = false;
    bool textSizeChanged = false;
    auto applySettings = [&](const core::Settings& before,
                             const core::Settings& after) -> std::string {
        std::vector<std::string> said;
        try {
            service::saveSettings(settingsFile, after);
        } catch (const std::exception& e) {
            said.emplace_back(e.what());
        }
        current = after;
        audio->setSettings(after.sound);
        useHighContrast(after.highContrast);
        languageChanged = languageChanged || after.language != before.language;
        textSizeChanged = textSizeChanged || after.textSize != before.textSize;
        if (after.textSize != before.textSize) {
            // A window too small for the size asked for draws the text as large as leaves the
            // screens room (viewScale): say so, rather than seem to ignore the setting.
            const float base = viewScale(windowSize.x, windowSize.y, 100);
            const auto shown = static_cast<int>(
                std::lround(viewScale(windowSize.x, windowSize.y, after.textSize) / base * 100.f));
            if (shown < after.textSize) {
                said.push_back(fmt::format(
                    fmt::runtime(core::tr("This window shows text at {0} %; a larger window "
                                          "shows it at {1} %.")),
                    shown, after.textSize));
            }
        }
        if (after.reminders != before.reminders &&
            (after.reminders.enabled || before.reminders.enabled)) {
            // As `motus reminders on/off/set` does: the systemd user timer follows.
            try {
                if (after.reminders.enabled) {
                    said.push_back(
                        fmt::format(fmt::runtime(core::tr("Reminders are on: {0} at {1}.")),
                                    reminderDaysText(after.reminders.days),
                                    core::clockText(after.reminders.minute)));
                    said.push_back(service::startReminderTimer(
                        after.reminders,
                        service::reminderCheckCommand(options.db, options.library)));
                    if (!service::findProgram("notify-send")) {
                        said.emplace_back(core::tr("notify-send was not found: install the package "
                                                   "libnotify-bin, or no reminder can be shown"));
                    }
                } else {
                    said.emplace_back(service::stopReminderTimer()
                                          ? core::tr("Reminders are off; the reminder timer "
                                                     "was removed.")
                                          : core::tr("Reminders are off."));
                }
            } catch (const std::exception& e) {
                said.emplace_back(e.what());
            }
        }
        std::string message;
        for (const auto& sentence : said) {
            message += (message.empty() ? "" : " ") + sentence;
        }
        std::replace(message.begin(), message.end(), '\n', ' '); // one paragraph on screen
        return message;
    };
    // "Show the welcome again" (Settings): the first run over the screen it was asked from.
    std::function<void()> showWelcomeAgain;
    auto pushSettings = [&] {
        // Read again: `motus reminders` may have changed the file while the window was open.
        core::Settings shown = service::loadSettings(settingsFile).settings;
        shown.sound = audio->settings(); // the player's V, T, + and − keep their own
        current = shown;
        screens.push(std::make_unique<SettingsScreen>(
            shown, installedLanguages(options.paths.localeDir), fonts,
            SettingsScreen::Actions{applySettings, [&screens] { screens.pop(); },
                                    [&] { showWelcomeAgain(); }}));
    };
    // Where program files are looked for and how one is chosen (docs/architecture.md).
    auto programFileFlow = [] {
        OpenFileFlow flow;
        flow.folders = [] { return service::programFolders(); };
        flow.choose = [] {
            auto setup = service::ChooserSetup::fromEnvironment();
            const auto folders = service::programFolders();
            setup.startFolder = folders.empty() ? std::filesystem::path() : folders.front();
            setup.title = core::tr("Open a program file");
            setup.filterName = core::tr("Program files");
            return service::chooseProgramFile(setup);
        };
        return flow;
    };
    // The program builder, over the screen it was opened from; its "Open…" edits a file chosen
    // as "Open a program file…" chooses one.
    auto pushBuilder = [&](service::ProgramDraft draft) {
        auto builder = std::make_unique<BuilderScreen>(std::move(draft), fonts, lang,
                                                       [&screens] { screens.pop(); });
        BuilderScreen* raw = builder.get();
        raw->setOpenAction([&, raw] {
            chooseProgramFile(screens, fonts, programFileFlow(),
                              [raw](const std::filesystem::path& file) { (void)raw->load(file); });
        });
        screens.push(std::move(builder));
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
        raw->setSettingsAction(pushSettings);
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
        auto screen = std::make_unique<PlayerScreen>(routine, fonts, *audio, clock, lang, onClose,
                                                     onSet, playerOptions());
        *player = screen.get();
        screens.push(std::move(screen));
    };
    std::function<void()> openFile; // "Open a program file…", below
    // One exercise of today's routine opened from Today; "Do just this one" plays it as the
    // routine would (its sets stored, then its feedback) and comes back to Today.
    auto openItem = [&](const service::ItemView& item) {
        const bool playable = practice->state() == service::ProgramState::Active ||
                              practice->state() == service::ProgramState::Complete;
        screens.push(std::make_unique<ExerciseScreen>(
            item, fonts, lang,
            playable ? std::function<void(const service::ItemView&)>(
                           [&](const service::ItemView& chosen) {
                               screens.pop();
                               startRoutine({chosen});
                           })
                     : std::function<void(const service::ItemView&)>(),
            [&screens] { screens.pop(); }));
    };
    auto pushHistory = [&] {
        screens.push(std::make_unique<HistoryScreen>(practice->history(), load.library,
                                                     practice->program(), fonts, lang,
                                                     [&screens] { screens.pop(); }));
    };
    auto pushSafety = [&] {
        auto safety = std::make_unique<SafetyScreen>(*practice, fonts, [&screens, &todayScreen] {
            screens.pop();
            if (todayScreen != nullptr) {
                todayScreen->refresh();
            }
        });
        // After a report, the report for the therapist can be saved from the advice itself.
        safety->setTherapistReport([&] { return saveDocument(*practice, true).message; });
        screens.push(std::move(safety));
    };
    auto pushToday = [&] {
        auto today = std::make_unique<TodayScreen>(
            *practice, fonts, lang,
            TodayScreen::Actions{startRoutine, [&] { (void)pushBrowser(true); }, pushHistory,
                                 pushSafety, pushSettings,
                                 [&](const service::ItemView& item) { openItem(item); }});
        today->setOpenFileAction([&] { openFile(); });
        todayScreen = today.get();
        screens.push(std::move(today));
    };
    // Starting a bundled program from the window: it is assigned from today, then Motus opens
    // on it.
    // "Open a program file…": the desktop's chooser, else the program files in the usual
    // folders; the file's preview; Start this program opens Today on it.
    openFile = [&] {
        OpenFileFlow flow = programFileFlow();
        flow.started = [&] {
            banner = readOnlyNotice;
            screens.clear();
            pushToday();
        };
        openProgramFile(screens, *practice, fonts, lang, flow);
    };
    auto pushProgramsOf = [&](std::vector<ProgramsScreen::Entry> entries) {
        auto programs = std::make_unique<ProgramsScreen>(
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
            [&screens] { screens.pop(); });
        programs->setOpenFileAction(openFile);
        screens.push(std::move(programs));
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
    // The usual first screen: Today with a program, else the library (which offers the
    // programs).
    auto pushFirstScreen = [&] {
        if (hasProgram() && options.select.empty()) {
            pushToday();
        } else {
            browserScreen = pushBrowser(false);
            if (!hasProgram()) {
                browserScreen->setProgramsAction(pushPrograms);
            }
        }
    };
    // `motus FILE` (a file manager opening a program file): its preview over the first screen
    // (Today with a program, else the library); Start assigns it, Cancel changes nothing. Its
    // diagnostics also go to stderr, as `motus validate` would print them.
    auto previewGivenFile = [&] {
        pushPreview(screens, *practice, fonts, lang, options.open, [&] {
            banner = readOnlyNotice;
            screens.clear();
            pushToday();
        });
    };
    // The first run (docs/architecture.md): the welcome, the safety questions, how to start.
    // Also what "Show the welcome again" runs (with `again`: whatever was shown stays below).
    auto showWelcome = [&](bool again) {
        FirstRunActions actions;
        actions.openFile = openFile;
        actions.starterPrograms = pushPrograms;
        actions.browse = [&] {
            screens.clear();
            pushFirstScreen();
        };
        actions.afterWarning = actions.browse;
        // "Not now": run again, back to where it was asked for; at the start, the usual
        // first screen (and the file given, if any).
        actions.later = again ? std::function<void()>([&screens] { screens.pop(); })
                              : std::function<void()>([&] {
                                    screens.clear();
                                    pushFirstScreen();
                                    if (!options.open.empty()) {
                                        previewGivenFile();
                                    }
                                });
        actions.seen = [] {
            const auto file = service::settingsPath();
            auto stored = service::loadSettings(file).settings;
            if (stored.welcomeSeen) {
                return;
            }
            stored.welcomeSeen = true;
            try {
                service::saveSettings(file, stored);
            } catch (const std::exception& e) {
                std::cerr << "motus: " << e.what() << '\n'; // it shows again next time
            }
        };
        if (!again && !options.open.empty()) {
            actions.fileGiven = previewGivenFile;
        }
        pushFirstRun(screens, *practice, fonts, std::move(actions));
    };
    showWelcomeAgain = [&] { showWelcome(true); };
    const bool firstRun = practice && !preferences.settings.welcomeSeen && !practice->active() &&
                          options.select.empty();
    if (!options.open.empty() && practice) {
        for (const auto& diagnostic : practice->preview(options.open).diagnostics) {
            std::cerr << diagnostic.str() << '\n';
        }
    }
    if (!options.play.empty()) {
        const auto* exercise = load.library.find(options.play);
        if (exercise == nullptr) {
            std::cerr << "motus: no exercise '" << options.play << "' in the library\n";
            return 1;
        }
        openPlayer(*exercise, options.dose.applyTo(exercise->dose));
    } else if (firstRun) {
        showWelcome(false);
    } else if (const auto item = [&]() -> std::optional<service::ItemView> {
                   // --select with a program: an exercise of today's routine opens over Today.
                   if (!hasProgram()) {
                       return std::nullopt;
                   }
                   for (const auto& each : practice->todayView().items) {
                       if (each.prescription.exercise == options.select) {
                           return each;
                       }
                   }
                   return std::nullopt;
               }()) {
        pushToday();
        openItem(*item);
    } else {
        pushFirstScreen();
        if (!options.open.empty()) {
            previewGivenFile();
        }
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
    // --screen: one screen as a patient reaches it, over what leads to it (Today, where there
    // is a program), then the keys of its spec pressed on it. False when it needs a program
    // and there is none.
    auto showScreen = [&](const std::string& name) -> bool {
        screens.clear();
        todayScreen = nullptr;
        browserScreen = nullptr;
        const bool needsProgram = name == "today" || name == "history" || name == "exercise" ||
                                  name == "player" || name == "feedback";
        if (needsProgram && !hasProgram()) {
            return false;
        }
        if (name == "library") {
            pushFirstScreen();
            if (hasProgram()) {
                (void)pushBrowser(true);
            }
            return true;
        }
        pushFirstScreen();
        const auto items =
            hasProgram() ? practice->todayView().items : std::vector<service::ItemView>{};
        if (name == "today") {
        } else if (name == "history") {
            pushHistory();
        } else if (name == "safety") {
            pushSafety();
        } else if (name == "programs") {
            pushPrograms();
        } else if (name == "exercise" || name == "player" || name == "feedback") {
            if (items.empty()) {
                return false;
            }
            if (name == "exercise") {
                openItem(items.front());
            } else if (name == "player") {
                startRoutine(items);
            } else {
                std::vector<const core::Exercise*> done;
                for (const auto& item : items) {
                    done.push_back(item.exercise);
                }
                screens.push(std::make_unique<FeedbackScreen>(
                    *practice, fonts, lang, done, practice->today(),
                    [&](const std::string&) { screens.pop(); }));
            }
        } else if (name == "preview") {
            const auto files = practice->bundledProgramFiles();
            if (files.empty()) {
                return false;
            }
            pushPreview(screens, *practice, fonts, lang, files.front(),
                        [&screens] { screens.pop(); });
        } else if (name == "open-file") {
            openFile();
        } else if (name == "builder") {
            pushBuilder(service::ProgramDraft(load.library, lang));
        } else if (name == "settings") {
            pushSettings();
        } else if (name == "welcome") {
            showWelcome(true);
        }
        return true;
    };
    // The screens are laid out in logical pixels: the window's divided by the text size, so
    // that at 200 % every screen is drawn twice as large (the view maps one onto the other).
    auto logicalSize = [&] {
        const float scale = viewScale(windowSize.x, windowSize.y, current.textSize);
        return sf::Vector2f{windowSize.x / scale, windowSize.y / scale};
    };
    sf::Vector2f size = logicalSize();
    window.setView(sf::View(sf::FloatRect(0, 0, size.x, size.y)));
    screens.applyPending(size);
    if (browserScreen != nullptr && !options.select.empty() &&
        !browserScreen->select(options.select)) {
        std::cerr << "motus: no exercise '" << options.select << "' in the library\n";
    }

    // --screen: each screen of the list in turn, drawn into a PNG file of its own when there
    // are several (FILE-NAME.png); --check-layout checks each drawing's boxes.
    std::size_t shot = 0;
    bool layoutFailed = false;
    auto setUpShot = [&]() -> bool {
        for (; shot < options.screens.size(); ++shot) {
            const auto [name, keys] = splitSpec(options.screens[shot]);
            if (!showScreen(name)) {
                std::cerr << "motus: the screen '" << name
                          << "' needs a program with exercises today\n";
                layoutFailed = true;
                continue;
            }
            screens.applyPending(size);
            for (const auto& key : keys) {
                if (const auto event = keyNamed(key); event && !screens.empty()) {
                    screens.top()->handleEvent(*event);
                    screens.applyPending(size);
                }
            }
            return true;
        }
        return false;
    };
    if (!options.screens.empty() && !setUpShot()) {
        return 1;
    }
    auto shotFile = [&]() -> std::filesystem::path {
        if (options.screens.size() <= 1) {
            return options.screenshot;
        }
        std::string tag = options.screens[shot];
        std::replace(tag.begin(), tag.end(), ':', '-');
        std::replace(tag.begin(), tag.end(), '+', '-');
        auto file = options.screenshot;
        return file.replace_filename(options.screenshot.stem().string() + "-" + tag +
                                     options.screenshot.extension().string());
    };
    LayoutAudit audit;

    // A fixed time step for updates; drawing happens once per frame.
    const sf::Time step = sf::seconds(1.f / 60.f);
    const bool firstFrameOnly = exitAfterFirstFrame();
    bool shown = false; // the first frame
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
                windowSize = {static_cast<float>(event.size.width),
                              static_cast<float>(event.size.height)};
                size = logicalSize();
                window.setView(sf::View(sf::FloatRect(0, 0, size.x, size.y)));
                screens.resizeAll(size);
                continue;
            }
            screens.top()->handleEvent(logicalEvent(window, event));
            screens.applyPending(size);
            if (languageChanged) {
                // Every screen made again in the new language, the settings on top.
                languageChanged = false;
                useLanguage(current.language);
                lang = core::uiLanguage();
                window.setTitle(utf8(core::tr("Motus")));
                screens.clear();
                screens.applyPending(size);
                audio = std::make_unique<Audio>(lang, current.sound);
                todayScreen = nullptr;
                browserScreen = nullptr;
                pushFirstScreen();
                pushSettings();
                screens.applyPending(size);
            }
            if (textSizeChanged) {
                textSizeChanged = false;
                size = logicalSize();
                window.setView(sf::View(sf::FloatRect(0, 0, size.x, size.y)));
                screens.resizeAll(size);
            }
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
        const bool capture =
            scripted && scriptedTime.count() >= static_cast<long>(options.screenshotAt * 1000.0);
        audit.clear();
        activeAudit = capture && options.checkLayout ? &audit : nullptr;
        window.clear(colour::background);
        screens.top()->draw(window);
        if (!banner.empty()) {
            beginOverlay();
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
        activeAudit = nullptr;
        window.display();
        if (capture) {
            sf::Texture texture;
            if (!texture.create(window.getSize().x, window.getSize().y)) {
                throw std::runtime_error("cannot create a texture for the screenshot");
            }
            texture.update(window);
            const auto file = shotFile();
            if (!texture.copyToImage().saveToFile(file.string())) {
                throw std::runtime_error("cannot write the screenshot " + file.string());
            }
            if (options.checkLayout) {
                const sf::Vector2u pixels = window.getSize();
                for (const auto& problem :
                     layoutProblems(audit.boxes(),
                                    {static_cast<float>(pixels.x), static_cast<float>(pixels.y)})) {
                    std::cerr << "motus: layout: " << file.filename().string() << ": " << problem
                              << '\n';
                    layoutFailed = true;
                }
            }
            ++shot;
            if (setUpShot()) {
                scriptedTime = core::Millis(0);
            } else {
                window.close();
            }
        }
        if (firstFrameOnly && !shown) {
            reportFirstFrame();
        }
        if (!shown) {
            // What the first screen does not need is made once it is shown.
            shown = true;
            audio->open();
            if (firstFrameOnly) {
                window.close();
            }
        }
    }
    return layoutFailed ? 1 : 0;
}

} // namespace motus::app
