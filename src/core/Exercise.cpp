#include "Exercise.hpp"

#include <algorithm>
#include <cassert>

namespace motus::core {

const ExerciseText& Exercise::text(std::string_view lang) const {
    if (auto it = texts.find(lang); it != texts.end()) {
        return it->second;
    }
    auto english = texts.find(std::string_view{"en"});
    assert(english != texts.end());
    return english->second;
}

bool Exercise::hasGoal(Goal goal) const {
    return std::find(goals.begin(), goals.end(), goal) != goals.end();
}

bool Exercise::canProvokeLegSymptoms() const {
    return hasRegion("low-back") || hasRegion("hip") || hasGoal(Goal::NerveMobility);
}

bool Exercise::hasRegion(std::string_view region) const {
    return std::find(regions.begin(), regions.end(), region) != regions.end();
}

std::optional<std::size_t> Exercise::poseIndex(std::string_view poseId) const {
    for (std::size_t i = 0; i < poses.size(); ++i) {
        if (poses[i].id == poseId) {
            return i;
        }
    }
    return std::nullopt;
}

} // namespace motus::core
