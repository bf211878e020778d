#pragma once
#include "Audio.hpp"
#include "MannequinDraw.hpp"
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/SessionPlayer.hpp"
#include "core/Timeline.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace motus::app {

// What the settings change in the player: the pauses the prescription does not set, and
// reduced motion (the figure shows the key poses with a gentle fade between them, and the
// camera stays still).
struct PlayerOptions {
    core::TimelineOptions timing;
    bool reducedMotion = false;
};

// Guides the patient through a routine: the figure large in the middle, a big countdown, the
// set, rep and side, the cue in words and aloud, the progress of the whole routine.
class PlayerScreen final : public Screen {
public:
    // `onSet` receives each set as it finishes (to be stored at once); `close` is called when
    // the patient leaves the screen.
    PlayerScreen(std::vector<core::RoutineItem> routine, const Fonts& fonts, Audio& audio,
                 const core::Clock& clock, std::string lang, std::function<void()> close,
                 std::function<void(const core::SetFinished&)> onSet = {},
                 PlayerOptions options = {});

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time elapsed) override;
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] const core::SessionPlayer& player() const { return m_player; }
    [[nodiscard]] const std::vector<core::SetFinished>& setsDone() const { return m_setsDone; }
    [[nodiscard]] bool confirmingStop() const { return m_confirmStop; }
    [[nodiscard]] const core::Timeline& timeline() const { return m_timeline; }
    // The figure as drawn now (with reduced motion: the key pose shown).
    [[nodiscard]] const core::Posture& figurePosture() const { return m_posture; }
    // The figure's frame: its camera, its view buttons.
    [[nodiscard]] const FigureStage& figure() const { return m_stage; }
    // What the screen has said aloud (asked of the voice, whether or not it is on), in order.
    [[nodiscard]] const std::vector<std::string>& spoken() const { return m_spoken; }
    // The words under the figure: the starting position while getting ready, a cue of the
    // exercise during each rep (the next one each rep), what comes next during a rest.
    [[nodiscard]] std::string instructionText() const { return instructionFor(m_snapshot); }
    // What is shown under the figure at the moment of `snapshot`: the exercise's first step while
    // getting into position, the rep's cue while moving, what comes next in a rest.
    [[nodiscard]] std::string instructionFor(const core::PlayerSnapshot& snapshot) const;
    // The buttons along the bottom, with what they do ("Previous rep", "Pause" ...).
    [[nodiscard]] std::vector<std::pair<std::string, sf::FloatRect>> buttons() const;
    // The buttons of the Stop dialog or of the end ("Keep going", "Stop"; "Close").
    [[nodiscard]] std::vector<std::pair<std::string, sf::FloatRect>> dialogButtons() const;
    // The keyboard's focus (Tab, Shift+Tab): the rectangle of the focused button, if any.
    [[nodiscard]] std::optional<sf::FloatRect> focusedRect() const;

private:
    enum class Action {
        PreviousRep,
        PauseResume,
        NextRep,
        Stop,
        ConfirmStop,
        KeepGoing,
        Close,
        Voice,
        Tones
    };
    struct Button {
        Action action;
        sf::String label;
        std::vector<sf::String> lines; // the label, wrapped when the buttons stand in a grid
        Hit hit;
    };

    void perform(Action action);
    void onEvents(const std::vector<core::PlayerEvent>& events);
    void layoutButtons();
    void layoutFrames();
    void layoutDialog();
    [[nodiscard]] std::vector<std::string> dialogLines() const;
    [[nodiscard]] std::string countText() const;
    [[nodiscard]] std::vector<Action> focusOrder() const;
    [[nodiscard]] std::string cueText(const core::Cue& cue) const;
    // "Glute bridge, set 2 of 3": the set that follows the rest at `step`.
    [[nodiscard]] std::string nextSetText(std::size_t step) const;
    [[nodiscard]] const core::Exercise& exercise(std::size_t index) const;
    void drawFigure(sf::RenderTarget& target) const;
    void drawSidePanel(sf::RenderTarget& target) const;
    void drawInstruction(sf::RenderTarget& target) const;
    void drawOverlay(sf::RenderTarget& target) const;

    core::Timeline m_timeline;
    const Fonts& m_fonts;
    Audio& m_audio;
    core::SessionPlayer m_player;
    std::string m_lang;
    std::function<void()> m_close;
    std::function<void(const core::SetFinished&)> m_onSet;

    FigureStage m_stage;
    FigureStage m_thumbnail; // the next exercise, during a transition
    bool m_figureReady = false;
    std::size_t m_figureExercise = 0;
    core::PlayerSnapshot m_snapshot;
    std::string m_cue;
    std::vector<std::string> m_spoken;
    // The exercise's own words already said (its first step, each cue), by exercise: each is
    // said once a session, however often the reps come round or are gone back to.
    std::set<std::pair<std::size_t, std::string>> m_saidWords;
    sf::Vector2f m_pointer{-1.f, -1.f}; // where the mouse is, for the instruction's tooltip
    std::vector<core::SetFinished> m_setsDone;
    bool m_confirmStop = false;
    bool m_wasHolding = false;

    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_figureRect;
    sf::FloatRect m_instructionRect; // under the figure
    sf::FloatRect m_panelRect;
    std::vector<Button> m_buttons;
    unsigned m_buttonSize = typeSize::body;
    std::vector<Button> m_dialogButtons;
    float m_buttonsTop = 700.f;
    std::vector<sf::String> m_titleLines;
    unsigned m_titleType = typeSize::title;
    unsigned m_instructionSize = 28;
    std::size_t m_instructionLines = 3;
    struct Dialog {
        sf::FloatRect box;
        std::vector<sf::String> title;
        std::vector<sf::String> lines;
        unsigned type = typeSize::body;
    };
    Dialog m_dialog;
    std::optional<Action> m_focus;
    std::optional<Action> m_focusBeforeDialog;
    core::Posture m_posture; // the figure's posture now (reduced motion: the key pose)
    // Reduced motion: the key pose shown, the one before it and how far the fade between them
    // has come (1: done).
    bool m_reducedMotion = false;
    std::optional<std::tuple<std::size_t, std::size_t, core::RepSide>> m_keyShown;
    core::Posture m_keyBefore;
    float m_fade = 1.f;
};

} // namespace motus::app
