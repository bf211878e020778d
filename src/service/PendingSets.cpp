#include "PendingSets.hpp"

namespace motus::service {

std::string PendingSets::flush(Practice& practice) {
    while (!m_sets.empty()) {
        const auto& set = m_sets.front();
        try {
            (void)practice.recordSet(set.when, set.exercise, set.repsDone, set.holdSeconds);
        } catch (const Refused& e) {
            m_sets.pop_front(); // not a passing failure: trying again would not help
            return e.what();
        } catch (const std::exception& e) {
            return e.what(); // kept, in order, for the next try
        }
        m_sets.pop_front();
    }
    return {};
}

} // namespace motus::service
