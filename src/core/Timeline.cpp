#include "Timeline.hpp"

#include <algorithm>
#include <cassert>

namespace motus::core {
namespace {

Millis phaseDuration(PhaseType type, const Dose& dose) {
    return type == PhaseType::Hold ? Millis(dose.holdSeconds * 1000)
                                   : Millis(dose.tempoSeconds * 1000);
}

// The sides of one set, in order, with how many reps each block has; for "alternate" one
// block whose reps alternate.
int sidesPerRep(Side side) {
    return side == Side::Alternate ? 2 : 1;
}

} // namespace

Millis repDuration(const Exercise& exercise, const Dose& dose) {
    Millis total{0};
    for (const auto& phase : exercise.phases) {
        total += phaseDuration(phase.type, dose);
    }
    return total;
}

Volume prescribedVolume(const Exercise& exercise, const Dose& dose) {
    Volume volume;
    const int sides = dose.side == Side::Alternate || dose.side == Side::Each ? 2 : 1;
    int holdPhases = 0;
    for (const auto& phase : exercise.phases) {
        holdPhases += phase.type == PhaseType::Hold ? 1 : 0;
    }
    for (int set = 0; set < dose.sets; ++set) {
        const int reps = dose.repsInSet(set) * sides;
        volume.reps += reps;
        volume.holdSeconds += reps * holdPhases * dose.holdSeconds;
    }
    return volume;
}

Timeline::Timeline(std::vector<RoutineItem> items, const TimelineOptions& options)
    : m_items(std::move(items)), m_options(options) {
    Millis t{0};
    auto add = [&](Step step) {
        if (step.duration <= Millis(0)) {
            return;
        }
        step.start = t;
        t += step.duration;
        m_steps.push_back(step);
    };
    for (std::size_t e = 0; e < m_items.size(); ++e) {
        const Exercise& ex = *m_items[e].exercise;
        const Dose& dose = m_items[e].dose;
        Step lead;
        lead.exercise = e;
        lead.kind = e == 0 ? StepKind::GetReady : StepKind::Transition;
        lead.duration = e == 0 ? m_options.getReady : m_options.transition;
        add(lead);
        for (int set = 1; set <= dose.sets; ++set) {
            const int reps = dose.repsInSet(set - 1);
            std::vector<std::pair<RepSide, int>> blocks; // side and reps, in order
            switch (dose.side) {
            case Side::Both:
                blocks = {{RepSide::Both, reps}};
                break;
            case Side::Left:
                blocks = {{RepSide::Left, reps}};
                break;
            case Side::Right:
                blocks = {{RepSide::Right, reps}};
                break;
            case Side::Each:
                blocks = {{RepSide::Left, reps}, {RepSide::Right, reps}};
                break;
            case Side::Alternate:
                for (int r = 0; r < reps; ++r) {
                    blocks.push_back({RepSide::Left, 1});
                    blocks.push_back({RepSide::Right, 1});
                }
                break;
            }
            const std::size_t firstStepOfSet = m_steps.size();
            for (std::size_t b = 0; b < blocks.size(); ++b) {
                const auto [side, count] = blocks[b];
                if (dose.side == Side::Each && b > 0) {
                    Step pause;
                    pause.kind = StepKind::SwitchSide;
                    pause.exercise = e;
                    pause.set = set;
                    pause.setCount = dose.sets;
                    pause.repCount = reps;
                    pause.side = side;
                    pause.duration = m_options.switchSides;
                    add(pause);
                }
                for (int r = 1; r <= count; ++r) {
                    const int repNumber = dose.side == Side::Alternate
                                              ? static_cast<int>(b) / sidesPerRep(dose.side) + 1
                                              : r;
                    std::size_t from = 0;
                    bool first = true;
                    for (std::size_t p = 0; p < ex.phases.size(); ++p) {
                        const auto& phase = ex.phases[p];
                        Step step;
                        step.kind = StepKind::Phase;
                        step.exercise = e;
                        step.set = set;
                        step.setCount = dose.sets;
                        step.rep = repNumber;
                        step.repCount = reps;
                        step.side = side;
                        step.phase = phase.type;
                        step.phaseIndex = p;
                        step.poseFrom = from;
                        step.poseTo = phase.pose;
                        step.duration = phaseDuration(phase.type, dose);
                        step.firstOfRep = first;
                        from = phase.pose;
                        if (step.duration > Millis(0)) {
                            first = false;
                        }
                        add(step);
                    }
                }
            }
            if (m_steps.size() > firstStepOfSet) {
                for (std::size_t i = firstStepOfSet; i < m_steps.size(); ++i) {
                    if (m_steps[i].kind == StepKind::Phase) {
                        m_steps[i].firstOfSet = true;
                        break;
                    }
                }
                m_steps.back().lastOfSet = true;
            }
            if (set < dose.sets) {
                Step rest;
                rest.kind = StepKind::Rest;
                rest.exercise = e;
                rest.set = set;
                rest.setCount = dose.sets;
                rest.duration = Millis(dose.restSeconds * 1000);
                add(rest);
            }
        }
    }
    m_total = t;
}

std::size_t Timeline::stepAt(Millis t) const {
    assert(!m_steps.empty());
    auto it = std::upper_bound(m_steps.begin(), m_steps.end(), t,
                               [](Millis value, const Step& s) { return value < s.start; });
    if (it == m_steps.begin()) {
        return 0;
    }
    return static_cast<std::size_t>(std::distance(m_steps.begin(), it)) - 1;
}

std::size_t Timeline::repStart(std::size_t i) const {
    if (m_steps[i].kind != StepKind::Phase) {
        return i;
    }
    while (i > 0 && !m_steps[i].firstOfRep) {
        --i;
    }
    return i;
}

std::size_t Timeline::nextRep(std::size_t i) const {
    for (std::size_t j = i + 1; j < m_steps.size(); ++j) {
        if (m_steps[j].kind != StepKind::Phase || m_steps[j].firstOfRep) {
            return j;
        }
    }
    return m_steps.size();
}

std::size_t Timeline::previousRep(std::size_t i) const {
    // Back over rests, side switches and transitions to the last rep before step i's rep.
    std::size_t j = repStart(i);
    while (j > 0) {
        --j;
        if (m_steps[j].kind == StepKind::Phase) {
            return repStart(j);
        }
    }
    return repStart(i);
}

std::size_t Timeline::setStart(std::size_t i) const {
    const auto& step = m_steps[i];
    if (step.kind == StepKind::Phase || step.kind == StepKind::SwitchSide) {
        while (i > 0 && !m_steps[i].firstOfSet) {
            --i;
        }
    }
    return i;
}

std::size_t Timeline::nextSet(std::size_t i) const {
    // From a rest: the next set. From within a set: what follows its last rep (the rest, the
    // next exercise, or the end).
    if (m_steps[i].kind == StepKind::Rest) {
        return i + 1;
    }
    const auto exercise = m_steps[i].exercise;
    const int set = m_steps[i].set;
    for (std::size_t j = i + 1; j < m_steps.size(); ++j) {
        const auto& step = m_steps[j];
        if (step.exercise != exercise || step.set != set || step.kind == StepKind::Rest ||
            step.kind == StepKind::Transition) {
            return j;
        }
    }
    return m_steps.size();
}

std::size_t Timeline::nextExercise(std::size_t i) const {
    const auto exercise = m_steps[i].exercise;
    for (std::size_t j = i + 1; j < m_steps.size(); ++j) {
        if (m_steps[j].exercise != exercise) {
            return j;
        }
    }
    return m_steps.size();
}

} // namespace motus::core
