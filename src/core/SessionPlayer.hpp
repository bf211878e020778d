#pragma once
#include "Timeline.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

// Walks a routine's timeline on an injected monotonic clock. Every position is computed from
// absolute times (the clock reading when playing began, minus the time spent paused, plus the
// jumps the user made), so there is no drift however long the routine runs.
namespace motus::core {

class Clock {
public:
    virtual ~Clock() = default;
    // Monotonic time since an arbitrary origin.
    [[nodiscard]] virtual Millis now() const = 0;
};

class SteadyClock final : public Clock {
public:
    [[nodiscard]] Millis now() const override;
};

// A clock moved by hand: for tests, for scripted screenshots (one frame at a time) and for
// looking at one instant of a timeline.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Millis start = Millis(0)) : m_now(start) {}
    [[nodiscard]] Millis now() const override { return m_now; }
    void set(Millis at) { m_now = at; }
    void advance(Millis by) { m_now += by; }

private:
    Millis m_now;
};

enum class PlayerStatus { NotStarted, Running, Paused, Finished, Stopped };

enum class CueKind {
    ExerciseName, // a = exercise index
    GetReady,
    Countdown, // a = 3, 2, 1
    SetStart,  // a = set, b = sets
    Rep,       // a = rep, b = reps (per side)
    Hold,      // a = seconds
    SwitchSides,
    Rest,        // a = seconds
    Next,        // a = index of the next exercise
    ExerciseEnd, // a = exercise index
    Done,
};

struct Cue {
    CueKind kind = CueKind::GetReady;
    Millis at{0}; // timeline time
    int a = 0;
    int b = 0;
    RepSide side = RepSide::Both;
    std::size_t exercise = 0;
};

// What was done of one set, sent when the set ends, is skipped past, or the session stops.
struct SetFinished {
    std::size_t exercise = 0;
    int set = 0;
    int repsDone = 0;       // completed reps, over both sides
    int repsPrescribed = 0; // over both sides
    int holdSeconds = 0;    // the dose's hold per rep
    bool partial = false;
};

struct PlayerEvent {
    enum class Type { Cue, SetFinished };
    Type type = Type::Cue;
    Cue cue;
    SetFinished set;
};

// Everything the screen needs to draw one instant.
struct PlayerSnapshot {
    PlayerStatus status = PlayerStatus::NotStarted;
    Millis position{0}; // timeline time
    Millis total{0};
    std::size_t step = 0;
    StepKind kind = StepKind::GetReady;
    PhaseType phase = PhaseType::In;
    double fraction = 0.0; // of the current step, 0..1
    Millis timeLeft{0};    // in the current step
    std::size_t exercise = 0;
    int set = 0;
    int setCount = 0;
    int rep = 0;
    int repCount = 0;
    RepSide side = RepSide::Both;
    std::size_t poseFrom = 0;
    std::size_t poseTo = 0;
    double blend = 0.0; // from poseFrom to poseTo; 1 when holding
};

// The figure's target pose at one instant: the blend of the phase's two poses, eased, mirrored
// for the right side; the starting pose outside the reps.
[[nodiscard]] Pose poseAt(const Exercise& exercise, const PlayerSnapshot& snapshot);
// The exercise's scene for the side being worked: as written for the left and both sides,
// mirrored for the right (core::mirror(Scene)).
[[nodiscard]] Scene sceneFor(const Exercise& exercise, RepSide side);
// The 3-D figure's posture at the snapshot's moment in `scene` (sceneFor its side):
// settled on its contacts, minimum-jerk between key poses.
[[nodiscard]] Posture postureAt(const Scene& scene, const PlayerSnapshot& snapshot);
[[nodiscard]] Posture postureAt(const SceneMotion& motion, const PlayerSnapshot& snapshot);
// The parts the pose being moved to or held shows as working (KeyPose::focus); none outside the
// reps.
[[nodiscard]] std::vector<Part> focusAt(const Scene& scene, const PlayerSnapshot& snapshot);

class SessionPlayer {
public:
    SessionPlayer(const Timeline& timeline, const Clock& clock);

    void start();
    void pause();
    void resume();
    void togglePause();
    void skipRep();
    void skipSet();
    void skipExercise();
    // "Previous rep": to the start of the current rep; within its first two seconds, or from a
    // rest, to the rep before (Timeline::previousRep).
    void back();
    // Stops early; what was done is kept (a partial set is reported).
    void stop();

    [[nodiscard]] PlayerStatus status() const;
    [[nodiscard]] Millis position() const;
    [[nodiscard]] PlayerSnapshot snapshot() const;
    // The cues and finished sets passed since the last poll, in timeline order.
    [[nodiscard]] std::vector<PlayerEvent> poll();

    [[nodiscard]] const Timeline& timeline() const { return m_timeline; }
    [[nodiscard]] const std::vector<Cue>& cues() const { return m_cues; }

private:
    struct Marker {
        enum class Kind { RepEnd, SetEnd } kind;
        Millis at;
        std::size_t stepOfRep; // first step of the rep (RepEnd) or of the set (SetEnd)
        std::size_t exercise;
        int set;
    };
    void jumpTo(Millis target);
    void advance(Millis to, std::vector<PlayerEvent>& out);
    void finishSet(std::size_t exercise, int set, std::vector<PlayerEvent>& out);
    void finishStartedSet(const Step& current);
    // Whether cue `cue` (an index into m_cues) is an announcement already made; marks it made.
    [[nodiscard]] bool announced(std::size_t cue);

    const Timeline& m_timeline;
    const Clock& m_clock;
    std::vector<Cue> m_cues;
    std::vector<Marker> m_markers;

    PlayerStatus m_status = PlayerStatus::NotStarted;
    Millis m_origin{0};                    // clock time at which the timeline was at 0
    Millis m_pausedAt{0};                  // clock time of the pause
    Millis m_polled{-1};                   // timeline time up to which cues were sent
    Millis m_markersPassed{-1};            // and up to which rep and set ends were counted
    std::set<std::size_t> m_repsCompleted; // first steps of completed reps
    std::set<std::pair<std::size_t, int>> m_setsReported; // (exercise, set)
    std::set<std::size_t> m_announced;                    // announcement cues made
    std::vector<PlayerEvent> m_pending;
};

} // namespace motus::core
