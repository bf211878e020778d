#include "Library.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

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

Library::Library(std::vector<Exercise> exercises) {
    // Sorted by id through an index, so that each (large) exercise is moved once.
    std::vector<std::size_t> order(exercises.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return exercises[a].id < exercises[b].id; });
    m_exercises.reserve(exercises.size());
    for (const std::size_t i : order) {
        m_exercises.push_back(std::move(exercises[i]));
    }
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

namespace {

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

} // namespace

std::vector<const Exercise*> Library::search(const LibraryFilter& filter, std::string_view words,
                                             std::string_view lang) const {
    std::vector<std::string> wanted;
    std::string current;
    for (char c : lowerAscii(words)) {
        if (c == ' ' || c == '\t') {
            if (!current.empty()) {
                wanted.push_back(current);
            }
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) {
        wanted.push_back(current);
    }
    std::vector<const Exercise*> out;
    for (const Exercise* exercise : this->filter(filter)) {
        const std::string name = lowerAscii(exercise->text(lang).name);
        const bool all = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& word) {
            return name.find(word) != std::string::npos ||
                   exercise->id.find(word) != std::string::npos;
        });
        if (all) {
            out.push_back(exercise);
        }
    }
    std::sort(out.begin(), out.end(), [lang](const Exercise* a, const Exercise* b) {
        const auto& na = a->text(lang).name;
        const auto& nb = b->text(lang).name;
        return na != nb ? na < nb : a->id < b->id;
    });
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>>
Library::variantPairs(const std::vector<std::string>& ids) const {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        // The chain of harder variants of ids[i], stopping at a loop.
        std::vector<std::string> harder;
        for (const Exercise* at = find(ids[i]); at != nullptr;) {
            const auto& next = at->progression;
            if (!next || *next == ids[i] ||
                std::find(harder.begin(), harder.end(), *next) != harder.end()) {
                break;
            }
            harder.push_back(*next);
            at = find(*next);
        }
        for (std::size_t j = 0; j < ids.size(); ++j) {
            if (std::find(harder.begin(), harder.end(), ids[j]) != harder.end()) {
                pairs.emplace_back(i, j);
            }
        }
    }
    return pairs;
}

} // namespace motus::core
