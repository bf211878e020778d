#include "SessionPlayer.hpp"

#include "Kinematics.hpp"

#include <algorithm>

namespace motus::core {

Millis SteadyClock::now() const {
    return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now().time_since_epoch());
}

namespace {

bool isPause(StepKind kind) {
    return kind == StepKind::GetReady || kind == StepKind::Transition || kind == StepKind::Rest ||
           kind == StepKind::SwitchSide;
}

int sidesOf(Side side) {
    return side == Side::Alternate || side == Side::Each ? 2 : 1;
}

} // namespace

SessionPlayer::SessionPlayer(const Timeline& timeline, const Clock& clock)
    : m_timeline(timeline), m_clock(clock) {
    const auto& steps = timeline.steps();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        auto cue = [&](CueKind kind, Millis at, int a = 0, int b = 0) {
            m_cues.push_back({kind, at, a, b, step.side, step.exercise});
        };
        const int exercise = static_cast<int>(step.exercise);
        switch (step.kind) {
        case StepKind::GetReady:
            cue(CueKind::ExerciseName, step.start, exercise);
            cue(CueKind::GetReady, step.start);
            break;
        case StepKind::Transition:
            cue(CueKind::Next, step.start, exercise);
            break;
        case StepKind::Rest:
            cue(CueKind::Rest, step.start,
                static_cast<int>(
                    std::chrono::duration_cast<std::chrono::seconds>(step.duration).count()));
            break;
        case StepKind::SwitchSide:
            cue(CueKind::SwitchSides, step.start);
            break;
        case StepKind::Phase: {
            if (step.firstOfSet) {
                cue(CueKind::SetStart, step.start, step.set, step.setCount);
            }
            if (step.firstOfRep) {
                cue(CueKind::Rep, step.start, step.rep, step.repCount);
            }
            if (step.phase == PhaseType::Hold) {
                cue(CueKind::Hold, step.start,
                    static_cast<int>(
                        std::chrono::duration_cast<std::chrono::seconds>(step.duration).count()));
            }
            const bool lastOfRep = i + 1 == steps.size() || steps[i + 1].kind != StepKind::Phase ||
                                   steps[i + 1].firstOfRep;
            if (lastOfRep) {
                m_markers.push_back({Marker::Kind::RepEnd, step.end(), timeline.repStart(i),
                                     step.exercise, step.set});
            }
            if (step.lastOfSet) {
                m_markers.push_back({Marker::Kind::SetEnd, step.end(), timeline.setStart(i),
                                     step.exercise, step.set});
            }
            break;
        }
        }
        // The last three seconds of a pause or of a long hold are counted down.
        const bool longHold = step.kind == StepKind::Phase && step.phase == PhaseType::Hold &&
                              step.duration >= Millis(4500);
        if (isPause(step.kind) || longHold) {
            for (int n = 3; n >= 1; --n) {
                if (step.duration >= Millis(n * 1000 + 500)) {
                    cue(CueKind::Countdown, step.end() - Millis(n * 1000), n);
                }
            }
        }
        if (i + 1 == steps.size() || steps[i + 1].exercise != step.exercise) {
            cue(CueKind::ExerciseEnd, step.end(), exercise);
        }
    }
    m_cues.push_back({CueKind::Done, timeline.total(), 0, 0, RepSide::Both,
                      timeline.items().empty() ? 0 : timeline.items().size() - 1});
    std::stable_sort(m_cues.begin(), m_cues.end(),
                     [](const Cue& a, const Cue& b) { return a.at < b.at; });
}

PlayerStatus SessionPlayer::status() const {
    if (m_status == PlayerStatus::Running && m_clock.now() - m_origin >= m_timeline.total()) {
        return PlayerStatus::Finished;
    }
    return m_status;
}

Millis SessionPlayer::position() const {
    Millis t{0};
    switch (m_status) {
    case PlayerStatus::NotStarted:
        t = Millis(0);
        break;
    case PlayerStatus::Running:
        t = m_clock.now() - m_origin;
        break;
    case PlayerStatus::Paused:
    case PlayerStatus::Stopped:
        t = m_pausedAt - m_origin;
        break;
    case PlayerStatus::Finished:
        t = m_timeline.total();
        break;
    }
    return std::clamp(t, Millis(0), m_timeline.total());
}

void SessionPlayer::start() {
    if (m_status != PlayerStatus::NotStarted) {
        return;
    }
    m_origin = m_clock.now();
    m_status = PlayerStatus::Running;
    m_polled = Millis(-1);
    m_markersPassed = Millis(-1);
}

void SessionPlayer::pause() {
    if (status() != PlayerStatus::Running) {
        return;
    }
    m_pausedAt = m_clock.now();
    m_status = PlayerStatus::Paused;
}

void SessionPlayer::resume() {
    if (m_status != PlayerStatus::Paused) {
        return;
    }
    m_origin += m_clock.now() - m_pausedAt;
    m_status = PlayerStatus::Running;
}

void SessionPlayer::togglePause() {
    if (m_status == PlayerStatus::NotStarted) {
        start();
    } else if (m_status == PlayerStatus::Paused) {
        resume();
    } else {
        pause();
    }
}

void SessionPlayer::finishSet(std::size_t exercise, int set, std::vector<PlayerEvent>& out) {
    if (set <= 0 || !m_setsReported.insert({exercise, set}).second) {
        return;
    }
    const auto& steps = m_timeline.steps();
    int done = 0;
    for (std::size_t first : m_repsCompleted) {
        done += steps[first].exercise == exercise && steps[first].set == set ? 1 : 0;
    }
    const auto& item = m_timeline.items()[exercise];
    PlayerEvent event;
    event.type = PlayerEvent::Type::SetFinished;
    event.set.exercise = exercise;
    event.set.set = set;
    event.set.repsDone = done;
    event.set.repsPrescribed = item.dose.repsInSet(set - 1) * sidesOf(item.dose.side);
    event.set.holdSeconds = item.dose.holdSeconds;
    event.set.partial = done < event.set.repsPrescribed;
    out.push_back(event);
}

void SessionPlayer::finishStartedSet(const Step& current) {
    // Left part-way: reported when at least one rep of it was done.
    const auto& steps = m_timeline.steps();
    const bool anyDone =
        std::any_of(m_repsCompleted.begin(), m_repsCompleted.end(), [&](std::size_t first) {
            return steps[first].exercise == current.exercise && steps[first].set == current.set;
        });
    if (anyDone) {
        finishSet(current.exercise, current.set, m_pending);
    }
}

bool SessionPlayer::announced(std::size_t cue) {
    // Rep numbers, holds and the countdown come again when a rep is done again; what announces
    // a part of the routine (its name, "get ready", "set 2 of 3", a rest, what comes next) is
    // said once, also when the patient goes back to the first rep of a set.
    switch (m_cues[cue].kind) {
    case CueKind::Rep:
    case CueKind::Hold:
    case CueKind::Countdown:
        return false;
    default:
        return !m_announced.insert(cue).second;
    }
}

void SessionPlayer::advance(Millis to, std::vector<PlayerEvent>& out) {
    if (to <= m_polled && to <= m_markersPassed) {
        return;
    }
    // Markers (reps and sets ending) before cues at the same instant, so a set is reported
    // before the next one is announced.
    std::size_t m = 0;
    std::size_t c = 0;
    while (m < m_markers.size() || c < m_cues.size()) {
        const bool takeMarker =
            m < m_markers.size() && (c >= m_cues.size() || m_markers[m].at <= m_cues[c].at);
        const Millis at = takeMarker ? m_markers[m].at : m_cues[c].at;
        if (at > to) {
            break;
        }
        if (takeMarker ? at > m_markersPassed : at > m_polled) {
            if (takeMarker) {
                const Marker& marker = m_markers[m];
                if (marker.kind == Marker::Kind::RepEnd) {
                    m_repsCompleted.insert(marker.stepOfRep);
                } else {
                    finishSet(marker.exercise, marker.set, out);
                }
            } else if (!announced(c)) {
                PlayerEvent event;
                event.cue = m_cues[c];
                out.push_back(event);
            }
        }
        (takeMarker ? m : c) += 1;
    }
    m_polled = std::max(m_polled, to);
    m_markersPassed = std::max(m_markersPassed, to);
}

std::vector<PlayerEvent> SessionPlayer::poll() {
    std::vector<PlayerEvent> out = std::move(m_pending);
    m_pending.clear();
    if (m_status == PlayerStatus::NotStarted) {
        return out;
    }
    advance(position(), out);
    return out;
}

void SessionPlayer::jumpTo(Millis target) {
    if (m_status == PlayerStatus::Stopped || m_timeline.steps().empty()) {
        return;
    }
    if (m_status == PlayerStatus::NotStarted) {
        start();
    }
    const Millis now = position();
    advance(now, m_pending);
    target = std::clamp(target, Millis(0), m_timeline.total());
    const auto& steps = m_timeline.steps();
    const Step& current = steps[m_timeline.stepAt(now)];
    if (target > now && current.set > 0 && current.kind != StepKind::Rest) {
        // Leaving a set part-way: report what was done of it.
        const std::size_t after = m_timeline.nextSet(m_timeline.stepAt(now));
        const Millis setEnd = after < steps.size() ? steps[after].start : m_timeline.total();
        if (target >= setEnd) {
            finishStartedSet(current);
        }
    }
    const Millis clockNow = m_clock.now();
    if (m_status == PlayerStatus::Paused) {
        m_origin = m_pausedAt - target;
    } else {
        m_origin = clockNow - target;
        m_status = PlayerStatus::Running;
    }
    // Cues at the target fire (the rep or set starts again); the reps and sets that end
    // exactly there were not done by arriving.
    m_polled = target - Millis(1);
    m_markersPassed = target;
}

void SessionPlayer::skipRep() {
    const auto i = m_timeline.stepAt(position());
    const auto next = m_timeline.nextRep(i);
    jumpTo(next < m_timeline.steps().size() ? m_timeline.steps()[next].start : m_timeline.total());
}

void SessionPlayer::skipSet() {
    const auto i = m_timeline.stepAt(position());
    const auto next = m_timeline.nextSet(i);
    jumpTo(next < m_timeline.steps().size() ? m_timeline.steps()[next].start : m_timeline.total());
}

void SessionPlayer::skipExercise() {
    const auto i = m_timeline.stepAt(position());
    const auto next = m_timeline.nextExercise(i);
    jumpTo(next < m_timeline.steps().size() ? m_timeline.steps()[next].start : m_timeline.total());
}

void SessionPlayer::back() {
    if (m_timeline.steps().empty()) {
        return;
    }
    const Millis now = position();
    const auto i = m_timeline.stepAt(now);
    const auto& steps = m_timeline.steps();
    if (steps[i].kind != StepKind::Phase) {
        // In a rest or a pause between exercises: the rep just done, again.
        const auto previous = m_timeline.previousRep(i);
        if (steps[previous].kind == StepKind::Phase) {
            jumpTo(steps[previous].start);
        }
        return;
    }
    const auto start = m_timeline.repStart(i);
    jumpTo(now - steps[start].start < Millis(2000) ? steps[m_timeline.previousRep(start)].start
                                                   : steps[start].start);
}

void SessionPlayer::stop() {
    if (m_status == PlayerStatus::NotStarted || m_status == PlayerStatus::Stopped) {
        m_status = PlayerStatus::Stopped;
        return;
    }
    const Millis now = position();
    advance(now, m_pending);
    const auto& steps = m_timeline.steps();
    if (!steps.empty() && now < m_timeline.total()) {
        const Step& current = steps[m_timeline.stepAt(now)];
        if (current.set > 0 && current.kind != StepKind::Rest) {
            finishStartedSet(current);
        }
    }
    m_pausedAt = m_origin + now;
    m_status = PlayerStatus::Stopped;
}

Pose poseAt(const Exercise& ex, const PlayerSnapshot& snap) {
    Pose pose = ex.poses.front();
    if (snap.kind == StepKind::Phase) {
        pose = blendPoses(ex.poses[snap.poseFrom], ex.poses[snap.poseTo], easeInOut(snap.blend));
    }
    if (snap.side == RepSide::Right) {
        pose = mirrorPose(pose, ex.view);
    }
    return pose;
}

Scene sceneFor(const Exercise& ex, RepSide side) {
    return side == RepSide::Right ? mirror(ex.scene) : ex.scene;
}

Posture postureAt(const Scene& scene, const PlayerSnapshot& snap) {
    if (scene.poses.empty()) {
        return standingPosture();
    }
    if (snap.kind == StepKind::Phase && snap.poseFrom < scene.poses.size() &&
        snap.poseTo < scene.poses.size()) {
        if (snap.poseFrom == snap.poseTo || snap.blend >= 1.0) {
            return settledPose(scene, snap.poseTo);
        }
        return sceneBetween(scene, snap.poseFrom, snap.poseTo, snap.blend);
    }
    return settledPose(scene, 0);
}

Posture postureAt(const SceneMotion& motion, const PlayerSnapshot& snap) {
    if (motion.size() == 0) {
        return standingPosture();
    }
    if (snap.kind == StepKind::Phase && snap.poseFrom < motion.size() &&
        snap.poseTo < motion.size()) {
        if (snap.poseFrom == snap.poseTo || snap.blend >= 1.0) {
            return motion.key(snap.poseTo);
        }
        return motion.between(snap.poseFrom, snap.poseTo, snap.blend);
    }
    return motion.key(0);
}

std::vector<Part> focusAt(const Scene& scene, const PlayerSnapshot& snap) {
    if (snap.kind != StepKind::Phase || snap.poseTo >= scene.poses.size()) {
        return {};
    }
    return scene.poses[snap.poseTo].focus;
}

PlayerSnapshot SessionPlayer::snapshot() const {
    PlayerSnapshot snap;
    snap.status = status();
    snap.position = position();
    snap.total = m_timeline.total();
    const auto& steps = m_timeline.steps();
    if (steps.empty()) {
        return snap;
    }
    snap.step = m_timeline.stepAt(snap.position);
    const Step& step = steps[snap.step];
    snap.kind = step.kind;
    snap.phase = step.phase;
    const Millis into = std::clamp(snap.position - step.start, Millis(0), step.duration);
    snap.fraction = step.duration.count() > 0 ? static_cast<double>(into.count()) /
                                                    static_cast<double>(step.duration.count())
                                              : 1.0;
    snap.timeLeft = step.duration - into;
    snap.exercise = step.exercise;
    snap.set = step.set;
    snap.setCount = step.setCount;
    snap.rep = step.rep;
    snap.repCount = step.repCount;
    snap.side = step.side;
    if (step.kind == StepKind::Phase) {
        snap.poseFrom = step.poseFrom;
        snap.poseTo = step.poseTo;
        snap.blend = step.phase == PhaseType::Hold ? 1.0 : snap.fraction;
    }
    return snap;
}

} // namespace motus::core
