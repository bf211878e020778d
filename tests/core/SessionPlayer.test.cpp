#include "core/SessionPlayer.hpp"

#include <catch2/catch.hpp>

using namespace motus::core;
using namespace std::chrono_literals;

namespace {

Exercise holdExercise(std::string id) {
    Exercise ex;
    ex.id = std::move(id);
    ex.texts["en"].name = ex.id;
    ex.poses.resize(2);
    ex.poses[0].id = "start";
    ex.poses[1].id = "top";
    ex.phases = {{PhaseType::In, 1}, {PhaseType::Hold, 1}, {PhaseType::Out, 0}};
    return ex;
}

Dose dose(int sets, int reps, int hold, int tempo, int rest, Side side = Side::Both) {
    Dose d;
    d.sets = sets;
    d.reps = reps;
    d.holdSeconds = hold;
    d.tempoSeconds = tempo;
    d.restSeconds = rest;
    d.side = side;
    return d;
}

std::vector<SetFinished> setsOf(const std::vector<PlayerEvent>& events) {
    std::vector<SetFinished> sets;
    for (const auto& e : events) {
        if (e.type == PlayerEvent::Type::SetFinished) {
            sets.push_back(e.set);
        }
    }
    return sets;
}

std::vector<CueKind> cueKinds(const std::vector<PlayerEvent>& events) {
    std::vector<CueKind> kinds;
    for (const auto& e : events) {
        if (e.type == PlayerEvent::Type::Cue) {
            kinds.push_back(e.cue.kind);
        }
    }
    return kinds;
}

} // namespace

TEST_CASE("a whole exercise plays to the end with its cues and finished sets", "[core][player]") {
    const Exercise ex = holdExercise("a");
    const Timeline t({{&ex, dose(2, 2, 3, 1, 10)}});
    ManualClock clock{Millis(123456)}; // an arbitrary origin
    SessionPlayer player(t, clock);
    CHECK(player.status() == PlayerStatus::NotStarted);
    player.start();
    std::vector<PlayerEvent> events;
    for (int i = 0; i < 100; ++i) {
        clock.advance(500ms);
        auto polled = player.poll();
        events.insert(events.end(), polled.begin(), polled.end());
    }
    CHECK(player.status() == PlayerStatus::Finished);
    const auto kinds = cueKinds(events);
    REQUIRE(kinds.size() >= 10);
    CHECK(kinds[0] == CueKind::ExerciseName);
    CHECK(kinds[1] == CueKind::GetReady);
    CHECK(kinds[2] == CueKind::Countdown);
    CHECK(kinds[5] == CueKind::SetStart);
    CHECK(kinds[6] == CueKind::Rep);
    CHECK(kinds[7] == CueKind::Hold);
    CHECK(std::count(kinds.begin(), kinds.end(), CueKind::Rest) == 1);
    CHECK(std::count(kinds.begin(), kinds.end(), CueKind::Rep) == 4);
    CHECK(kinds.back() == CueKind::Done);
    const auto sets = setsOf(events);
    REQUIRE(sets.size() == 2);
    CHECK(sets[0].set == 1);
    CHECK(sets[0].repsDone == 2);
    CHECK(sets[0].repsPrescribed == 2);
    CHECK_FALSE(sets[0].partial);
    CHECK(sets[1].set == 2);
    CHECK(sets[1].holdSeconds == 3);
}

TEST_CASE("pause and resume: paused time does not count", "[core][player]") {
    const Exercise ex = holdExercise("a");
    const Timeline t({{&ex, dose(3, 10, 10, 2, 30)}});
    ManualClock clock{Millis(123456)}; // an arbitrary origin
    SessionPlayer player(t, clock);
    player.start();
    clock.advance(7000ms);
    player.pause();
    clock.advance(100000ms);
    CHECK(player.position() == 7000ms);
    CHECK(player.status() == PlayerStatus::Paused);
    player.resume();
    clock.advance(3001ms);
    CHECK(player.position() == 10001ms);
    player.togglePause();
    clock.advance(5000ms);
    player.togglePause();
    CHECK(player.position() == 10001ms);
}

TEST_CASE("no drift over 60 simulated minutes with pauses", "[core][player]") {
    std::vector<Exercise> exercises;
    for (int i = 0; i < 8; ++i) {
        exercises.push_back(holdExercise("e" + std::to_string(i)));
    }
    std::vector<RoutineItem> items;
    for (const auto& ex : exercises) {
        items.push_back({&ex, dose(3, 10, 10, 2, 30, Side::Each)});
    }
    const Timeline t(items);
    REQUIRE(t.total() > 60min);
    ManualClock clock{Millis(123456)}; // an arbitrary origin
    SessionPlayer player(t, clock);
    player.start();
    Millis played{0};
    int frame = 0;
    std::size_t setsReported = 0;
    while (played < 60min) {
        // Frames of 16 or 17 ms, like a 60 Hz loop, and a pause every ~5 minutes.
        const Millis step = (frame++ % 3 == 0) ? 17ms : 16ms;
        clock.advance(step);
        played += step;
        if (frame % 18000 == 0) {
            player.pause();
            clock.advance(90s);
            player.resume();
        }
        setsReported += setsOf(player.poll()).size();
    }
    CHECK(player.position() == played);
    const auto snap = player.snapshot();
    const auto& step = t.steps()[snap.step];
    CHECK(snap.position - step.start + snap.timeLeft == step.duration);
    // Every set that ended in those 60 minutes was reported once.
    std::size_t setsEnded = 0;
    for (const auto& s : t.steps()) {
        setsEnded += s.lastOfSet && s.end() <= played ? 1 : 0;
    }
    CHECK(setsReported == setsEnded);
}

TEST_CASE("skip rep, skip set, skip exercise and back move to the right places", "[core][player]") {
    const Exercise a = holdExercise("a");
    const Exercise b = holdExercise("b");
    // a: get ready 5 s, then reps of 2 + 4 + 2 = 8 s, 3 per set, rest 20 s.
    const Timeline t({{&a, dose(2, 3, 4, 2, 20)}, {&b, dose(1, 2, 0, 1, 0)}});
    ManualClock clock{Millis(123456)}; // an arbitrary origin
    SessionPlayer player(t, clock);
    player.start();
    clock.advance(6s); // in rep 1 of set 1
    CHECK(player.snapshot().rep == 1);
    player.skipRep();
    CHECK(player.position() == 13s); // rep 2 starts at 5 + 8
    CHECK(player.snapshot().rep == 2);
    clock.advance(3s);
    player.back(); // 3 s into rep 2: back to its start
    CHECK(player.position() == 13s);
    clock.advance(1s);
    player.back(); // 1 s into rep 2: to rep 1
    CHECK(player.position() == 5s);
    clock.advance(8s); // rep 1 completes
    (void)player.poll();
    player.skipSet(); // from rep 2: to the rest after set 1, reporting 1 of 3 reps
    CHECK(player.position() == 5s + 24s);
    CHECK(player.snapshot().kind == StepKind::Rest);
    auto sets = setsOf(player.poll());
    REQUIRE(sets.size() == 1);
    CHECK(sets[0].repsDone == 1);
    CHECK(sets[0].partial);
    player.skipSet(); // from the rest: to set 2
    CHECK(player.snapshot().set == 2);
    CHECK(player.snapshot().kind == StepKind::Phase);
    player.skipExercise(); // to the transition to b
    CHECK(player.snapshot().kind == StepKind::Transition);
    CHECK(player.snapshot().exercise == 1);
    CHECK(setsOf(player.poll()).empty()); // nothing of set 2 was done
}

TEST_CASE("stopping early keeps what was done as a partial set", "[core][player]") {
    const Exercise ex = holdExercise("a");
    const Timeline t({{&ex, dose(2, 5, 0, 1, 10)}});
    ManualClock clock{Millis(123456)}; // an arbitrary origin
    SessionPlayer player(t, clock);
    player.start();
    clock.advance(5s + 2s * 3 + 1s); // three reps of 2 s done, the fourth begun
    (void)player.poll();
    player.stop();
    CHECK(player.status() == PlayerStatus::Stopped);
    const auto frozen = player.position();
    clock.advance(60s);
    CHECK(player.position() == frozen);
    const auto sets = setsOf(player.poll());
    REQUIRE(sets.size() == 1);
    CHECK(sets[0].repsDone == 3);
    CHECK(sets[0].repsPrescribed == 5);
    CHECK(sets[0].partial);
}

TEST_CASE("the snapshot gives the pose pair and blend for the figure", "[core][player]") {
    const Exercise ex = holdExercise("a");
    const Timeline t({{&ex, dose(1, 1, 4, 2, 0, Side::Right)}});
    ManualClock clock{Millis(123456)}; // an arbitrary origin
    SessionPlayer player(t, clock);
    player.start();
    clock.advance(5s + 500ms); // a quarter into the move in
    auto snap = player.snapshot();
    CHECK(snap.kind == StepKind::Phase);
    CHECK(snap.phase == PhaseType::In);
    CHECK(snap.poseFrom == 0);
    CHECK(snap.poseTo == 1);
    CHECK(snap.blend == Approx(0.25));
    CHECK(snap.timeLeft == 1500ms);
    CHECK(snap.side == RepSide::Right);
    clock.advance(3s); // in the hold
    snap = player.snapshot();
    CHECK(snap.phase == PhaseType::Hold);
    CHECK(snap.poseTo == 1);
    CHECK(snap.blend == 1.0);
    clock.advance(3500ms); // half-way out
    snap = player.snapshot();
    CHECK(snap.phase == PhaseType::Out);
    CHECK(snap.poseFrom == 1);
    CHECK(snap.poseTo == 0);
    CHECK(snap.blend == Approx(0.5));
}

TEST_CASE("each announcement is made once, also after going back to the first rep of a set",
          "[core][player]") {
    const Exercise ex = holdExercise("a");
    // get ready 5 s, reps of 1 + 3 + 1 = 5 s, 2 per set, 3 sets, rest 10 s.
    const Timeline t({{&ex, dose(3, 2, 3, 1, 10)}});
    ManualClock clock{Millis(5000)};
    SessionPlayer player(t, clock);
    player.start();
    std::vector<PlayerEvent> events;
    auto run = [&](Millis duration) {
        for (Millis at{0}; at < duration; at += 100ms) {
            clock.advance(100ms);
            auto polled = player.poll();
            events.insert(events.end(), polled.begin(), polled.end());
        }
    };
    run(8s);       // 3 s into rep 1 of set 1
    player.back(); // "Previous rep": rep 1 again
    CHECK(player.position() == 5s);
    run(40s);      // to 45 s: the first instant of set 3 (set 2 25..35 s, its rest 35..45 s)
    player.back(); // at once: over the rest to rep 2 of set 2, then the rest and set 3 again
    CHECK(player.position() == 30s);
    run(t.total());
    CHECK(player.status() == PlayerStatus::Finished);
    std::vector<std::pair<int, int>> setStarts;
    int getReady = 0;
    int rests = 0;
    int firstReps = 0;
    for (const auto& e : events) {
        if (e.type != PlayerEvent::Type::Cue) {
            continue;
        }
        switch (e.cue.kind) {
        case CueKind::SetStart:
            setStarts.emplace_back(e.cue.a, e.cue.b);
            break;
        case CueKind::GetReady:
            ++getReady;
            break;
        case CueKind::Rest:
            ++rests;
            break;
        case CueKind::Rep:
            firstReps += e.cue.a == 1 ? 1 : 0;
            break;
        default:
            break;
        }
    }
    CHECK(setStarts == std::vector<std::pair<int, int>>{{1, 3}, {2, 3}, {3, 3}});
    CHECK(getReady == 1);
    CHECK(rests == 2);
    CHECK(firstReps >= 4); // rep 1 of each set, and of set 1 once more after going back
}

TEST_CASE("previous rep skips rests: from a rest or the first rep of a set to the last rep done",
          "[core][player]") {
    const Exercise ex = holdExercise("a");
    // get ready 5 s, reps of 1 + 3 + 1 = 5 s, 2 per set, rest 10 s: set 1 5..15, rest 15..25,
    // set 2 from 25.
    const Timeline t({{&ex, dose(2, 2, 3, 1, 10)}});
    ManualClock clock;
    SessionPlayer player(t, clock);
    player.start();
    clock.advance(18s); // in the rest
    REQUIRE(player.snapshot().kind == StepKind::Rest);
    player.back();
    CHECK(player.position() == 10s); // rep 2 of set 1
    CHECK(player.snapshot().rep == 2);
    CHECK(player.snapshot().set == 1);
    player.skipSet(); // to the rest
    player.skipSet(); // to set 2
    CHECK(player.position() == 25s);
    clock.advance(1s);
    player.back(); // 1 s into set 2: over the rest to rep 2 of set 1
    CHECK(player.position() == 10s);
    player.skipRep();
    player.skipRep();
    player.back(); // at the start of the rest (0 s in): rep 2 of set 1 again
    CHECK(player.position() == 10s);
    clock.set(Millis(0));
    SessionPlayer fresh(t, clock);
    fresh.start();
    clock.advance(6s); // 1 s into the very first rep: no rep before it, so it starts again
    fresh.back();
    CHECK(fresh.position() == 5s);
}
