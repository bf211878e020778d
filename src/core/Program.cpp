#include "Program.hpp"

#include <cassert>

namespace motus::core {

std::size_t Program::phaseIndexInWeek(int week) const {
    assert(!phases.empty());
    int start = 0;
    for (std::size_t i = 0; i < phases.size(); ++i) {
        start += phases[i].weeks;
        if (week < start) {
            return i;
        }
    }
    return phases.size() - 1;
}

const ProgramPhase& Program::phaseInWeek(int week) const {
    return phases[phaseIndexInWeek(week)];
}

const std::string& Program::titleIn(std::string_view lang) const {
    if (auto it = titles.find(lang); it != titles.end()) {
        return it->second;
    }
    return title;
}

} // namespace motus::core
