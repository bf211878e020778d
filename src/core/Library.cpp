#include "Library.hpp"

#include <algorithm>

namespace motus::core {

bool LibraryFilter::matches(const Exercise& exercise) const {
    if (region && !exercise.hasRegion(*region)) {
        return false;
    }
    if (position && exercise.position != *position) {
        return false;
    }
    if (goal && !exercise.hasGoal(*goal)) {
        return false;
    }
    if (equipment && std::find(exercise.equipment.begin(), exercise.equipment.end(), *equipment) ==
                         exercise.equipment.end()) {
        return false;
    }
    return !level || exercise.level == *level;
}

Library::Library(std::vector<Exercise> exercises) : m_exercises(std::move(exercises)) {
    std::sort(m_exercises.begin(), m_exercises.end(),
              [](const Exercise& a, const Exercise& b) { return a.id < b.id; });
}

const Exercise* Library::find(std::string_view id) const {
    auto it = std::lower_bound(m_exercises.begin(), m_exercises.end(), id,
                               [](const Exercise& e, std::string_view key) { return e.id < key; });
    return it != m_exercises.end() && it->id == id ? &*it : nullptr;
}

std::vector<const Exercise*> Library::filter(const LibraryFilter& filter) const {
    std::vector<const Exercise*> out;
    for (const auto& exercise : m_exercises) {
        if (filter.matches(exercise)) {
            out.push_back(&exercise);
        }
    }
    return out;
}

std::vector<const Exercise*> Library::referencing(std::string_view id) const {
    std::vector<const Exercise*> out;
    for (const auto& exercise : m_exercises) {
        if (exercise.progression == id || exercise.regression == id) {
            out.push_back(&exercise);
        }
    }
    return out;
}

} // namespace motus::core
