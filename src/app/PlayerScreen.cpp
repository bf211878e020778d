#include "PlayerScreen.hpp"

#include "LayoutAudit.hpp"
#include "core/I18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kButtonHeight = 60.f;
constexpr unsigned kCountdownSize = 150;
constexpr unsigned kStatusSize = 30;
constexpr unsigned kInstructionSize = 28;
constexpr float kButtonGap = 14.f;

std::string clockText(core::Millis t) {
    const long seconds = static_cast<long>(t.count() / 1000);
    return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

} // namespace

PlayerScreen::PlayerScreen(std::vector<core::RoutineItem> routine, const Fonts& fonts, Audio& audio,
                           const core::Clock& clock, std::string lang, std::function<void()> close,
                           std::function<void(const core::SetFinished&)> onSet,
                           PlayerOptions options)
    : m_timeline(std::move(routine), options.timing), m_fonts(fonts), m_audio(audio),
      m_player(m_timeline, clock), m_lang(std::move(lang)), m_close(std::move(close)),
      m_onSet(std::move(onSet)), m_reducedMotion(options.reducedMotion) {
    m_snapshot = m_player.snapshot();
    m_player.start();
}

const core::Exercise& PlayerScreen::exercise(std::size_t index) const {
    return *m_timeline.items().at(index).exercise;
}

void PlayerScreen::resize(sf::Vector2f size) {
    m_size = size;
    layoutButtons(); // from the bottom up: the buttons, the progress, then the rest
    layoutFrames();
}

void PlayerScreen::layoutFrames() {
    const sf::Vector2f size = m_size;
    // The exercise's name at the top left (wrapped, in smaller type when long), where it is in
    // the routine at the top right.
    const float countWidth =
        m_timeline.items().size() > 1
            ? textWidth(utf8(countText()), m_fonts.regular, typeSize::body) + 24.f
            : 0.f;
    const float nameWidth = (size.x - 2 * kPad - countWidth) * 0.97f;
    const std::string& name = exercise(m_snapshot.exercise).text(m_lang).name;
    m_titleType = typeSize::title;
    m_titleLines = wrapText(name, m_fonts.bold, m_titleType, nameWidth);
    if (m_titleLines.size() > 1) {
        m_titleType = typeSize::heading;
        m_titleLines = wrapText(name, m_fonts.bold, m_titleType, nameWidth);
    }
    const float top = std::max(
        size.y < 600.f ? 70.f : 96.f,
        20.f + static_cast<float>(m_titleType) * 1.3f * static_cast<float>(m_titleLines.size()) +
            16.f);
    const float bottom = m_buttonsTop - 50.f; // the progress bar between
    const float panelWidth = std::clamp(size.x * 0.32f, 240.f, 460.f);
    const float left = size.x - panelWidth - 3 * kPad;
    m_instructionSize = left >= 600.f ? kInstructionSize : typeSize::body;
    m_instructionLines = size.y < 600.f ? 2 : 3; // in a low window the figure needs the room
    const float instructionHeight =
        static_cast<float>(m_instructionLines) * static_cast<float>(m_instructionSize) * 1.3f +
        16.f;
    m_figureRect = {kPad, top, left, std::max(60.f, bottom - top - instructionHeight - 12.f)};
    m_instructionRect = {kPad, m_figureRect.top + m_figureRect.height + 12.f, left,
                         instructionHeight};
    m_panelRect = {size.x - panelWidth - kPad, top, panelWidth,
                   m_instructionRect.top + instructionHeight - top};
    m_stage.setFrame(m_figureRect);
    m_thumbnail.setFrame({m_panelRect.left + 20.f, m_panelRect.top + m_panelRect.height - 170.f,
                          m_panelRect.width - 40.f, 150.f});
}

std::string PlayerScreen::countText() const {
    return fmt::format(fmt::runtime(tr("Exercise {} of {}")), m_snapshot.exercise + 1,
                       m_timeline.items().size());
}

void PlayerScreen::layoutButtons() {
    const bool paused = m_player.status() == core::PlayerStatus::Paused;
    const std::string space = std::string(" (") + tr("Space") + ")";
    struct Item {
        Action action;
        std::string label;
        std::string hint; // dropped when the row is too wide for the window
    };
    const Item items[] = {
        {Action::PreviousRep, std::string("◀  ") + tr("Previous rep"), " (←)"},
        {Action::PauseResume,
         paused ? std::string("▶  ") + tr("Continue") : std::string("❚❚  ") + tr("Pause"), space},
        {Action::NextRep, std::string(tr("Next rep")) + "  ▶", " (→)"},
        {Action::Stop, std::string("■  ") + tr("Stop"), " (Esc)"},
        {Action::Voice, m_audio.settings().voice ? tr("Voice on") : tr("Voice off"), " (V)"},
        {Action::Tones, m_audio.settings().tones ? tr("Tones on") : tr("Tones off"), " (T)"},
    };
    const float available = m_size.x - 2 * kPad;
    const bool low = m_size.y < 600.f;
    m_buttonSize = typeSize::body;
    m_buttons.clear();
    // One row with the keys named, else without them.
    for (const bool hints : {true, false}) {
        m_buttons.clear();
        float x = kPad;
        for (const auto& item : items) {
            const sf::String label = utf8(hints ? item.label + item.hint : item.label);
            const float width = textWidth(label, m_fonts.regular, m_buttonSize) * 1.03f + 40.f;
            m_buttons.push_back({item.action, label, {label}, Hit{{x, 0.f, width, 0.f}}});
            x += width + kButtonGap;
        }
        if (x - kButtonGap <= kPad + available) {
            break;
        }
    }
    float rowHeight = low ? 52.f : kButtonHeight;
    std::size_t columns = m_buttons.size();
    if (m_buttons.back().hit.rect.left + m_buttons.back().hit.rect.width > kPad + available) {
        // Too narrow: a grid of three (or two) columns, each label on as many lines as it
        // needs.
        columns = available >= 540.f ? 3 : 2;
        const float width = (available - static_cast<float>(columns - 1) * kButtonGap) /
                            static_cast<float>(columns);
        // In body type when every label takes two lines at most, else in the smaller type.
        for (const unsigned type : {typeSize::body, typeSize::small}) {
            m_buttonSize = type;
            rowHeight = low ? 52.f : kButtonHeight;
            std::size_t most = 0;
            for (std::size_t i = 0; i < m_buttons.size(); ++i) {
                auto& button = m_buttons[i];
                const auto bytes = button.label.toUtf8();
                button.lines = wrapText(std::string(bytes.begin(), bytes.end()), m_fonts.regular,
                                        type, (width - 24.f) * 0.97f);
                most = std::max(most, button.lines.size());
                rowHeight = std::max(rowHeight, static_cast<float>(type) * 1.3f *
                                                        static_cast<float>(button.lines.size()) +
                                                    16.f);
                button.hit.rect.left =
                    kPad + static_cast<float>(i % columns) * (width + kButtonGap);
                button.hit.rect.width = width;
            }
            if (most <= 2) {
                break;
            }
        }
    }
    const std::size_t rows = (m_buttons.size() + columns - 1) / columns;
    m_buttonsTop = m_size.y - (low ? 16.f : 24.f) - static_cast<float>(rows) * rowHeight -
                   static_cast<float>(rows - 1) * kButtonGap;
    for (std::size_t i = 0; i < m_buttons.size(); ++i) {
        m_buttons[i].hit.rect.top =
            m_buttonsTop + static_cast<float>(i / columns) * (rowHeight + kButtonGap);
        m_buttons[i].hit.rect.height = rowHeight;
    }
    layoutDialog();
}

std::vector<std::string> PlayerScreen::dialogLines() const {
    const auto status = m_player.status();
    if (m_confirmStop) {
        return {tr("What you have done so far is kept."),
                tr("You can start the exercise again at any time.")};
    }
    if (status != core::PlayerStatus::Finished && status != core::PlayerStatus::Stopped) {
        return {};
    }
    std::vector<std::string> lines;
    for (const auto& set : m_setsDone) {
        lines.push_back(fmt::format(fmt::runtime(tr("{}: set {}, {} of {} reps")),
                                    exercise(set.exercise).text(m_lang).name, set.set, set.repsDone,
                                    set.repsPrescribed));
    }
    if (lines.size() > 6) {
        const auto more = lines.size() - 5;
        lines.resize(5);
        lines.push_back(fmt::format(fmt::runtime(tr("and {} more sets")), more));
    }
    if (lines.empty()) {
        lines.push_back(tr("No set was finished this time."));
    }
    return lines;
}

void PlayerScreen::layoutDialog() {
    m_dialogButtons.clear();
    m_dialog = {};
    const auto status = m_player.status();
    const bool over =
        status == core::PlayerStatus::Finished || status == core::PlayerStatus::Stopped;
    if (!m_confirmStop && !over) {
        return;
    }
    // The dialog's default has the focus: keep going, or close.
    const bool inDialog =
        m_focus == Action::KeepGoing || m_focus == Action::ConfirmStop || m_focus == Action::Close;
    if (m_confirmStop && !(inDialog && m_focus != Action::Close)) {
        m_focus = Action::KeepGoing;
    } else if (over) {
        m_focus = Action::Close;
    }
    const std::string title = m_confirmStop                            ? tr("Stop here?")
                              : status == core::PlayerStatus::Finished ? tr("Well done!")
                                                                       : tr("Stopped");
    const float width = std::min(760.f, m_size.x - 48.f);
    const float inner = (width - 64.f) * 0.97f;
    m_dialog.title = wrapText(title, m_fonts.bold, typeSize::title, inner);
    // The sets done in smaller type when the list would not fit the window.
    for (const unsigned type : {typeSize::body, typeSize::small}) {
        m_dialog.type = type;
        m_dialog.lines.clear();
        for (const auto& line : dialogLines()) {
            for (auto& part : wrapText(line, m_fonts.regular, type, inner)) {
                m_dialog.lines.push_back(std::move(part));
            }
        }
        if (static_cast<float>(type) * 1.6f * static_cast<float>(m_dialog.lines.size()) <
            m_size.y - 300.f) {
            break;
        }
    }
    std::vector<std::pair<Action, std::string>> labels;
    if (m_confirmStop) {
        // The safe choice is the default: Enter (and Esc) keep going; stopping takes S.
        labels = {{Action::KeepGoing, std::string(tr("Keep going")) + " (Enter)"},
                  {Action::ConfirmStop, std::string(tr("Stop")) + " (S)"}};
    } else {
        labels = {{Action::Close, std::string(tr("Close")) + " (Enter)"}};
    }
    float widest = 0.f;
    for (const auto& [action, label] : labels) {
        widest = std::max(widest, textWidth(utf8(label), m_fonts.bold, typeSize::body) + 48.f);
    }
    const auto n = static_cast<float>(labels.size());
    const bool stacked = n * widest + (n - 1.f) * 20.f > width - 64.f;
    const float buttonWidth = stacked ? width - 64.f : std::max(widest, 270.f);
    const float rowWidth = stacked ? buttonWidth : n * buttonWidth + (n - 1.f) * 20.f;
    const float lineHeight = static_cast<float>(m_dialog.type) * 1.6f;
    const float buttonsHeight = stacked ? n * kButtonHeight + (n - 1.f) * 14.f : kButtonHeight;
    const float height = 24.f + 44.f * static_cast<float>(m_dialog.title.size()) + 16.f +
                         lineHeight * static_cast<float>(m_dialog.lines.size()) + 20.f +
                         buttonsHeight + 28.f;
    m_dialog.box = {(m_size.x - width) / 2, std::max(8.f, (m_size.y - height) / 2), width, height};
    float x = m_dialog.box.left + (width - rowWidth) / 2;
    float y = m_dialog.box.top + height - 28.f - buttonsHeight;
    for (const auto& [action, label] : labels) {
        m_dialogButtons.push_back(
            {action, utf8(label), {utf8(label)}, Hit{{x, y, buttonWidth, kButtonHeight}}});
        if (stacked) {
            y += kButtonHeight + 14.f;
        } else {
            x += buttonWidth + 20.f;
        }
    }
}

std::vector<PlayerScreen::Action> PlayerScreen::focusOrder() const {
    std::vector<Action> order;
    for (const auto& button : m_dialogButtons.empty() ? m_buttons : m_dialogButtons) {
        order.push_back(button.action);
    }
    return order;
}

std::optional<sf::FloatRect> PlayerScreen::focusedRect() const {
    if (!m_focus) {
        return std::nullopt;
    }
    for (const auto& button : m_dialogButtons.empty() ? m_buttons : m_dialogButtons) {
        if (button.action == *m_focus) {
            return button.hit.rect;
        }
    }
    return std::nullopt;
}

void PlayerScreen::perform(Action action) {
    switch (action) {
    case Action::PreviousRep:
        m_player.back();
        break;
    case Action::PauseResume:
        m_player.togglePause();
        break;
    case Action::NextRep:
        m_player.skipRep();
        break;
    case Action::Stop:
        if (m_player.status() == core::PlayerStatus::Finished ||
            m_player.status() == core::PlayerStatus::Stopped) {
            m_close();
            return;
        }
        m_focusBeforeDialog = m_focus;
        m_confirmStop = true;
        m_player.pause();
        break;
    case Action::ConfirmStop:
        m_confirmStop = false;
        m_player.stop();
        break;
    case Action::KeepGoing:
        m_confirmStop = false;
        m_focus = m_focusBeforeDialog;
        m_player.resume();
        break;
    case Action::Close:
        m_close();
        return;
    case Action::Voice: {
        auto settings = m_audio.settings();
        settings.voice = !settings.voice;
        m_audio.setSettings(settings);
        (void)saveSoundSettings(settings);
        break;
    }
    case Action::Tones: {
        auto settings = m_audio.settings();
        settings.tones = !settings.tones;
        m_audio.setSettings(settings);
        (void)saveSoundSettings(settings);
        break;
    }
    }
    layoutButtons();
}

void PlayerScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) {
        m_pointer = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
    }
    const auto status = m_player.status();
    const bool over =
        status == core::PlayerStatus::Finished || status == core::PlayerStatus::Stopped;
    if (!m_confirmStop && !over && m_stage.handleEvent(event)) {
        return; // the figure turned, or its view buttons
    }
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == sf::Keyboard::Tab) {
            m_focus = stepFocus(focusOrder(), m_focus, event.key.shift ? -1 : 1);
            return;
        }
        // Enter and Space press the focused button (in the Stop dialog: Keep going unless the
        // focus was moved to Stop).
        const bool press = key == sf::Keyboard::Enter || key == sf::Keyboard::Space;
        if (m_confirmStop) {
            if (key == sf::Keyboard::S) {
                perform(Action::ConfirmStop);
            } else if (press && m_focus == Action::ConfirmStop) {
                perform(Action::ConfirmStop);
            } else if (press || key == sf::Keyboard::Escape) {
                perform(Action::KeepGoing);
            }
            return;
        }
        if (over) {
            if (press || key == sf::Keyboard::Escape) {
                perform(Action::Close);
            }
            return;
        }
        if (press && focusedRect()) {
            perform(*m_focus);
            return;
        }
        switch (key) {
        case sf::Keyboard::Space:
            perform(Action::PauseResume);
            break;
        case sf::Keyboard::Right:
            if (event.key.shift) {
                m_player.skipSet();
            } else {
                perform(Action::NextRep);
            }
            break;
        case sf::Keyboard::Left:
            perform(Action::PreviousRep);
            break;
        case sf::Keyboard::Escape:
            perform(Action::Stop);
            break;
        case sf::Keyboard::V:
            perform(Action::Voice);
            break;
        case sf::Keyboard::T:
            perform(Action::Tones);
            break;
        case sf::Keyboard::Add:
        case sf::Keyboard::Equal:
        case sf::Keyboard::Subtract:
        case sf::Keyboard::Hyphen: {
            auto settings = m_audio.settings();
            const bool up = key == sf::Keyboard::Add || key == sf::Keyboard::Equal;
            settings.volume = std::clamp(settings.volume + (up ? 10 : -10), 0, 100);
            m_audio.setSettings(settings);
            (void)saveSoundSettings(settings);
            m_cue = fmt::format(fmt::runtime(tr("Volume {}%")), settings.volume);
            break;
        }
        default:
            break;
        }
        return;
    }
    if (event.type == sf::Event::MouseButtonPressed &&
        event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        for (const auto& button : m_dialogButtons) {
            if (button.hit.contains(at)) {
                perform(button.action);
                return;
            }
        }
        if (m_confirmStop || over) {
            return;
        }
        for (const auto& button : m_buttons) {
            if (button.hit.contains(at)) {
                perform(button.action);
                return;
            }
        }
    }
}

std::string PlayerScreen::nextSetText(std::size_t step) const {
    const auto& steps = m_timeline.steps();
    if (step + 1 >= steps.size()) {
        return {};
    }
    const core::Step& next = steps[step + 1];
    return fmt::format(fmt::runtime(tr("{}, set {} of {}")),
                       exercise(next.exercise).text(m_lang).name, next.set, next.setCount);
}

std::string PlayerScreen::instructionFor(const core::PlayerSnapshot& snapshot) const {
    const auto& steps = m_timeline.steps();
    if (steps.empty()) {
        return {};
    }
    const core::ExerciseText& text = exercise(snapshot.exercise).text(m_lang);
    switch (snapshot.kind) {
    case core::StepKind::GetReady:
    case core::StepKind::Transition:
        // Getting into the starting position: the exercise's first step.
        return text.steps.empty() ? text.summary : text.steps.front();
    case core::StepKind::Rest:
        return fmt::format(fmt::runtime(tr("Next: {}")), nextSetText(snapshot.step));
    case core::StepKind::SwitchSide:
        return snapshot.side == core::RepSide::Right ? tr("Next: the same on the right side")
                                                     : tr("Next: the same on the left side");
    case core::StepKind::Phase: {
        // One cue a rep, the next one each rep (the steps when the exercise has no cues).
        const auto& lines = text.cues.empty() ? text.steps : text.cues;
        if (lines.empty()) {
            return text.summary;
        }
        // Both sides of a rep (alternating, or each side in turn) share its cue.
        const auto rep = static_cast<std::size_t>(
            std::max(0, (snapshot.set - 1) * snapshot.repCount + snapshot.rep - 1));
        return lines[rep % lines.size()];
    }
    }
    return {};
}

std::vector<std::pair<std::string, sf::FloatRect>> PlayerScreen::buttons() const {
    std::vector<std::pair<std::string, sf::FloatRect>> out;
    for (const auto& button : m_buttons) {
        const auto bytes = button.label.toUtf8();
        out.emplace_back(std::string(bytes.begin(), bytes.end()), button.hit.rect);
    }
    return out;
}

std::vector<std::pair<std::string, sf::FloatRect>> PlayerScreen::dialogButtons() const {
    std::vector<std::pair<std::string, sf::FloatRect>> out;
    for (const auto& button : m_dialogButtons) {
        const auto bytes = button.label.toUtf8();
        out.emplace_back(std::string(bytes.begin(), bytes.end()), button.hit.rect);
    }
    return out;
}

std::string PlayerScreen::cueText(const core::Cue& cue) const {
    switch (cue.kind) {
    case core::CueKind::ExerciseName:
        return exercise(static_cast<std::size_t>(cue.a)).text(m_lang).name;
    case core::CueKind::GetReady:
        return tr("Get ready");
    case core::CueKind::SetStart:
        return fmt::format(fmt::runtime(tr("Set {} of {}")), cue.a, cue.b);
    case core::CueKind::Hold:
        return tr("Hold");
    case core::CueKind::Rest:
        return fmt::format(fmt::runtime(tr("Rest {} seconds")), cue.a);
    case core::CueKind::SwitchSides:
        return cue.side == core::RepSide::Right  ? tr("Switch sides: now the right side")
               : cue.side == core::RepSide::Left ? tr("Switch sides: now the left side")
                                                 : tr("Switch sides");
    case core::CueKind::Next:
        return fmt::format(fmt::runtime(tr("Next: {}")),
                           exercise(static_cast<std::size_t>(cue.a)).text(m_lang).name);
    case core::CueKind::Done:
        return tr("Done. Well done!");
    case core::CueKind::Rep:
        return std::to_string(cue.a);
    case core::CueKind::Countdown:
    case core::CueKind::ExerciseEnd:
        return {};
    }
    return {};
}

void PlayerScreen::onEvents(const std::vector<core::PlayerEvent>& events) {
    std::string spoken;
    bool newRep = false;
    bool newWords = false;
    for (const auto& event : events) {
        if (event.type == core::PlayerEvent::Type::SetFinished) {
            m_setsDone.push_back(event.set);
            if (m_onSet) {
                m_onSet(event.set);
            }
            continue;
        }
        const auto& cue = event.cue;
        switch (cue.kind) {
        case core::CueKind::Countdown:
            m_audio.play(Tone::Tick);
            break;
        case core::CueKind::Rep:
            m_audio.play(Tone::Start);
            newRep = true;
            break;
        case core::CueKind::Done:
            m_audio.play(Tone::Done);
            break;
        default:
            break;
        }
        std::string text = cueText(cue);
        if (text.empty()) {
            continue;
        }
        if (cue.kind != core::CueKind::Rep) {
            m_cue = text;
            newWords = true;
        }
        if (cue.kind == core::CueKind::Rest) {
            // Said at once, shown under the figure for the whole rest.
            text += ". " + fmt::format(fmt::runtime(tr("Next: {}")),
                                       nextSetText(m_timeline.stepAt(cue.at)));
        }
        spoken += (spoken.empty() ? "" : ". ") + text;
    }
    if (newRep && !newWords) {
        m_cue.clear(); // a new rep: the last rep's words no longer apply
    }
    // The exercise's own words, as a therapist says them: the first step while getting into
    // position, then each rep's cue; each said once (they are shown under the figure all along).
    if (!events.empty()) {
        const auto now = m_player.snapshot();
        const bool words = now.kind == core::StepKind::GetReady ||
                           now.kind == core::StepKind::Transition ||
                           (now.kind == core::StepKind::Phase && newRep);
        if (words) {
            const std::string line = instructionFor(now);
            if (!line.empty() && m_saidWords.insert({now.exercise, line}).second) {
                spoken += (spoken.empty() ? "" : ". ") + line;
            }
        }
    }
    if (!spoken.empty()) {
        m_spoken.push_back(spoken);
        m_audio.say(spoken);
    }
}

void PlayerScreen::update(sf::Time elapsed) {
    // The status as last seen: the player's own is worked out from the clock, which has already
    // moved on, so a routine that ended since would never be noticed (and its dialog never
    // laid out).
    const auto before = m_snapshot.status;
    onEvents(m_player.poll());
    m_audio.update();
    m_snapshot = m_player.snapshot();
    if (m_snapshot.status != before) {
        layoutButtons();
    }
    // The end of a hold is marked by a tone.
    const bool holding =
        m_snapshot.kind == core::StepKind::Phase && m_snapshot.phase == core::PhaseType::Hold;
    if (m_wasHolding && !holding && m_snapshot.status == core::PlayerStatus::Running) {
        m_audio.play(Tone::HoldEnd);
    }
    m_wasHolding = holding;

    const core::Exercise& ex = exercise(m_snapshot.exercise);
    if (!m_figureReady || m_figureExercise != m_snapshot.exercise) {
        layoutFrames(); // the name at the top may take another line
        m_figureExercise = m_snapshot.exercise;
        m_figureReady = true;
    }
    m_stage.setExercise(&ex, m_snapshot.side);
    if (m_reducedMotion) {
        // The key pose the phase moves to, shown from its start; a fade of 0.8 s between two
        // key poses instead of the motion.
        core::PlayerSnapshot key = m_snapshot;
        key.blend = key.blend > 0.0 ? 1.0 : 0.0;
        const std::tuple<std::size_t, std::size_t, core::RepSide> shown{
            m_snapshot.exercise, key.blend > 0.0 ? key.poseTo : key.poseFrom, key.side};
        const core::Posture posture = core::postureAt(m_stage.motion(), key);
        if (m_keyShown != shown) {
            if (m_keyShown && std::get<0>(*m_keyShown) == m_snapshot.exercise) {
                m_keyBefore = m_posture;
                m_fade = 0.f;
            }
            m_keyShown = shown;
        }
        m_fade = std::min(1.f, m_fade + elapsed.asSeconds() / 0.8f);
        m_posture = posture;
        m_stage.setPosture(m_fade < 0.5f ? m_keyBefore : m_posture,
                           core::focusAt(m_stage.motion().scene(), key));
    } else {
        m_posture = core::postureAt(m_stage.motion(), m_snapshot);
        m_stage.setPosture(m_posture, core::focusAt(m_stage.motion().scene(), m_snapshot));
    }
    // The band's rope follows the hand; a free arm swings, except with reduced motion, where
    // the key poses are shown still and a jump between them would set it swinging.
    m_stage.update(elapsed.asSeconds(), !m_reducedMotion);

    // During a transition the next exercise is shown small beside its name.
    if (m_snapshot.kind == core::StepKind::Transition) {
        m_thumbnail.setExercise(&exercise(m_snapshot.exercise));
    }
}

void PlayerScreen::drawFigure(sf::RenderTarget& target) const {
    drawRoundedRect(target, m_figureRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    FigureStage::Style style;
    if (m_reducedMotion && m_fade < 1.f) {
        // The old key pose fades to the frame's ground, then the new one appears from it.
        style.fade = m_fade < 0.5f ? 1.f - 2.f * m_fade : 2.f * m_fade - 1.f;
    }
    m_stage.draw(target, m_fonts, style);
}

void PlayerScreen::drawSidePanel(sf::RenderTarget& target) const {
    drawRoundedRect(target, m_panelRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    const float left = m_panelRect.left + 28.f;
    const char* phase = "";
    switch (m_snapshot.kind) {
    case core::StepKind::GetReady:
        phase = tr("Get ready");
        break;
    case core::StepKind::Transition:
        phase = tr("Next exercise");
        break;
    case core::StepKind::Rest:
        phase = tr("Rest");
        break;
    case core::StepKind::SwitchSide:
        phase = tr("Switch sides");
        break;
    case core::StepKind::Phase:
        phase = m_snapshot.phase == core::PhaseType::Hold ? tr("Hold")
                : m_snapshot.phase == core::PhaseType::In ? tr("Move into position")
                                                          : tr("Move back");
        break;
    }
    const bool holding =
        m_snapshot.kind == core::StepKind::Phase && m_snapshot.phase == core::PhaseType::Hold;
    std::vector<std::string> status;
    if (m_snapshot.kind == core::StepKind::Rest) {
        status.push_back(fmt::format(fmt::runtime(tr("Set {} of {} done")), m_snapshot.set,
                                     m_snapshot.setCount));
    } else if (m_snapshot.set > 0) {
        status.push_back(
            fmt::format(fmt::runtime(tr("Set {} of {}")), m_snapshot.set, m_snapshot.setCount));
    }
    if (m_snapshot.rep > 0) {
        status.push_back(
            fmt::format(fmt::runtime(tr("Rep {} of {}")), m_snapshot.rep, m_snapshot.repCount));
    }
    if (m_snapshot.side == core::RepSide::Left) {
        status.push_back(tr("Left side"));
    } else if (m_snapshot.side == core::RepSide::Right) {
        status.push_back(tr("Right side"));
    }
    // The cue, unless the heading or a status line says it already ("Set 1 of 3" once).
    const bool said =
        m_cue == phase || std::find(status.begin(), status.end(), m_cue) != status.end();
    const std::string cue = said ? std::string() : m_cue;
    const float width = (m_panelRect.width - 56.f) * 0.97f;
    const float thumbnail = m_snapshot.kind == core::StepKind::Transition ? 170.f : 0.f;
    // As large as the panel holds: the countdown and the status shrink in a small window.
    auto render = [&](unsigned countdown, unsigned type, bool paint) {
        float y = m_panelRect.top + 18.f;
        for (const auto& line : wrapText(phase, m_fonts.bold, typeSize::heading, width)) {
            if (paint) {
                drawText(target, line, m_fonts.bold, typeSize::heading, {left, y},
                         holding ? colour::accent : colour::text);
            }
            y += 34.f;
        }
        const long seconds = static_cast<long>((m_snapshot.timeLeft.count() + 999) / 1000);
        if (paint) {
            drawText(target, utf8(std::to_string(seconds)), m_fonts.bold, countdown,
                     {left - 6.f, y}, holding ? colour::accent : colour::text);
        }
        y += static_cast<float>(countdown) * 1.27f;
        const float lineHeight = static_cast<float>(type) * 1.4f;
        // In the smallest type the status lines run on ("Set 1 of 3 · Rep 2 of 10").
        std::vector<std::string> shown = status;
        if (type == typeSize::small && !status.empty()) {
            shown.assign(1, status.front());
            for (std::size_t i = 1; i < status.size(); ++i) {
                shown.front() += " · " + status[i];
            }
        }
        for (const auto& text : shown) {
            for (const auto& line : wrapText(text, m_fonts.regular, type, width)) {
                if (paint) {
                    drawText(target, line, m_fonts.regular, type, {left, y}, colour::text);
                }
                y += lineHeight;
            }
        }
        y += 10.f;
        for (const auto& line : wrapText(cue, m_fonts.bold, type, width)) {
            if (paint) {
                drawText(target, line, m_fonts.bold, type, {left, y}, colour::accent);
            }
            y += lineHeight;
        }
        return y;
    };
    const float room = m_panelRect.top + m_panelRect.height - 8.f - thumbnail;
    unsigned countdown = kCountdownSize;
    unsigned type = kStatusSize;
    for (const auto& [c, t] : {std::pair{kCountdownSize, kStatusSize}, std::pair{120u, kStatusSize},
                               std::pair{96u, 26u}, std::pair{72u, typeSize::body},
                               std::pair{56u, typeSize::small}, std::pair{44u, typeSize::small}}) {
        countdown = c;
        type = t;
        const float fits = static_cast<float>(c) * 0.62f * 2.f; // two digits
        if (fits <= m_panelRect.width - 48.f && render(c, t, false) <= room) {
            break;
        }
    }
    (void)render(countdown, type, true);
    if (m_snapshot.kind == core::StepKind::Transition) {
        drawRoundedRect(target, m_thumbnail.frame(), 8.f, colour::background);
        m_thumbnail.drawFigureOnly(target);
    }
}

void PlayerScreen::drawInstruction(sf::RenderTarget& target) const {
    drawRoundedRect(target, m_instructionRect, 14.f, colour::panel, colour::panelBorder, 1.f);
    const float width = (m_instructionRect.width - 48.f) * 0.97f;
    const float lineHeight = static_cast<float>(m_instructionSize) * 1.3f;
    auto lines = wrapText(instructionText(), m_fonts.bold, m_instructionSize, width);
    const bool shortened = lines.size() > m_instructionLines;
    if (shortened) {
        // The whole text is said aloud, and shown whole while the pointer is on it.
        lines.resize(m_instructionLines);
        lines.back() = ellipsize(lines.back() + utf8(" …"), m_fonts.bold, m_instructionSize, width);
    }
    // Centred in the band, whatever the number of lines.
    float y = m_instructionRect.top +
              (m_instructionRect.height - lineHeight * static_cast<float>(lines.size())) / 2 + 2.f;
    for (const auto& line : lines) {
        drawText(target, line, m_fonts.bold, m_instructionSize, {m_instructionRect.left + 24.f, y},
                 colour::text);
        y += lineHeight;
    }
}

void PlayerScreen::drawOverlay(sf::RenderTarget& target) const {
    sf::RectangleShape dim(m_size);
    dim.setFillColor(sf::Color(31, 41, 51, 140));
    target.draw(dim);
    beginOverlay(); // a dialog: checked apart from the screen under it
    const sf::FloatRect& box = m_dialog.box;
    drawRoundedRect(target, box, 16.f, colour::panel, colour::panelBorder, 1.f);
    float y = box.top + 24.f;
    for (const auto& line : m_dialog.title) {
        drawText(target, line, m_fonts.bold, typeSize::title, {box.left + 32.f, y}, colour::text);
        y += 44.f;
    }
    y += 16.f;
    for (const auto& line : m_dialog.lines) {
        drawText(target, line, m_fonts.regular, m_dialog.type, {box.left + 32.f, y}, colour::text);
        y += static_cast<float>(m_dialog.type) * 1.6f;
    }
    for (const auto& button : m_dialogButtons) {
        const bool primary = button.action == Action::KeepGoing || button.action == Action::Close;
        const auto bytes = button.label.toUtf8();
        drawButton(target, m_fonts, button.hit.rect, std::string(bytes.begin(), bytes.end()),
                   primary);
    }
    if (const auto rect = focusedRect()) {
        drawFocusRing(target, *rect);
    }
}

void PlayerScreen::draw(sf::RenderTarget& target) const {
    float titleY = m_titleLines.size() > 1 ? 14.f : 20.f;
    for (const auto& line : m_titleLines) {
        drawText(target, line, m_fonts.bold, m_titleType, {kPad, titleY}, colour::text);
        titleY += static_cast<float>(m_titleType) * 1.3f;
    }
    if (m_timeline.items().size() > 1) {
        const sf::String count = utf8(countText());
        drawText(target, count, m_fonts.regular, typeSize::body,
                 {m_size.x - kPad - textWidth(count, m_fonts.regular, typeSize::body), 30.f},
                 colour::mutedText);
    }
    drawFigure(target);
    drawInstruction(target);
    drawSidePanel(target);

    // Progress of the whole routine, and its time.
    const sf::String time =
        utf8(clockText(m_snapshot.position) + " / " + clockText(m_snapshot.total));
    const float timeWidth = textWidth(time, m_fonts.regular, typeSize::small);
    const float barY = m_buttonsTop - 30.f;
    const sf::FloatRect bar{kPad, barY, m_size.x - 2 * kPad - timeWidth * 1.05f - 20.f, 14.f};
    drawRoundedRect(target, bar, 7.f, colour::track, colour::controlBorder, 1.f);
    const double done = m_snapshot.total.count() > 0
                            ? static_cast<double>(m_snapshot.position.count()) /
                                  static_cast<double>(m_snapshot.total.count())
                            : 0.0;
    drawRoundedRect(
        target,
        {bar.left, bar.top, std::max(14.f, bar.width * static_cast<float>(done)), bar.height}, 7.f,
        colour::accent);
    drawText(target, time, m_fonts.regular, typeSize::small,
             {bar.left + bar.width + 16.f, barY - 6.f}, colour::mutedText);

    const float lineHeight = static_cast<float>(m_buttonSize) * 1.3f;
    for (const auto& button : m_buttons) {
        const sf::FloatRect& rect = button.hit.rect;
        drawRoundedRect(target, rect, 10.f, colour::panel, colour::controlBorder, 1.5f);
        float y =
            rect.top + (rect.height - lineHeight * static_cast<float>(button.lines.size())) / 2;
        for (const auto& line : button.lines) {
            const float width = textWidth(line, m_fonts.regular, m_buttonSize);
            drawText(target, line, m_fonts.regular, m_buttonSize,
                     {rect.left + (rect.width - width) / 2, y}, colour::text);
            y += lineHeight;
        }
    }

    const auto status = m_snapshot.status;
    if (!m_dialogButtons.empty()) {
        drawOverlay(target);
        return;
    }
    if (const auto rect = focusedRect()) {
        drawFocusRing(target, *rect);
    }
    if (status == core::PlayerStatus::Paused) {
        // Over the figure, on as many lines as its width needs.
        const auto lines = wrapText(tr("Paused · press Space to continue"), m_fonts.bold,
                                    typeSize::heading, (m_figureRect.width - 72.f) * 0.97f);
        float width = 0.f;
        for (const auto& line : lines) {
            width = std::max(width, textWidth(line, m_fonts.bold, typeSize::heading));
        }
        width += 48.f;
        const sf::FloatRect box{m_figureRect.left + (m_figureRect.width - width) / 2,
                                m_figureRect.top + 16.f, width,
                                34.f * static_cast<float>(lines.size()) + 22.f};
        drawRoundedRect(target, box, 12.f, colour::warningGround, colour::warning, 2.f);
        float y = box.top + 10.f;
        for (const auto& line : lines) {
            drawText(target, line, m_fonts.bold, typeSize::heading, {box.left + 24.f, y},
                     colour::text);
            y += 34.f;
        }
    }
    // The instruction shortened to fit is shown whole while the pointer is on it.
    if (m_instructionRect.contains(m_pointer) &&
        wrapText(instructionText(), m_fonts.bold, m_instructionSize,
                 (m_instructionRect.width - 48.f) * 0.97f)
                .size() > m_instructionLines) {
        drawTooltip(target, m_fonts.regular, instructionText(), m_instructionRect, m_size);
    }
}

} // namespace motus::app
