#pragma once
#include "Practice.hpp"

#include <deque>
#include <string>

// Sets the window finished but could not store yet (a full disk, a journal locked by another
// program): kept in memory, in order, and stored when the journal takes them again. The window
// never closes over a failed write, and a set is never stored twice.
namespace motus::service {

class PendingSets {
public:
    struct Set {
        core::Stamp when;
        std::string exercise;
        int repsDone = 0;
        int holdSeconds = 0;
    };

    void add(Set set) { m_sets.push_back(std::move(set)); }
    // Stores the sets kept, oldest first, each in its own transaction, and stops at the first
    // failure. Returns the failure's message, or an empty string when every set is stored.
    std::string flush(Practice& practice);
    [[nodiscard]] bool empty() const { return m_sets.empty(); }
    [[nodiscard]] std::size_t size() const { return m_sets.size(); }

private:
    std::deque<Set> m_sets;
};

} // namespace motus::service
