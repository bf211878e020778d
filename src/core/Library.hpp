#pragma once
#include "Exercise.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motus::core {

struct LibraryFilter {
    std::optional<std::string> region;
    std::optional<Position> position;
    std::optional<Goal> goal;
    std::optional<std::string> equipment;
    std::optional<int> level;

    [[nodiscard]] bool matches(const Exercise& exercise) const;
};

// The loaded exercises, sorted by id.
class Library {
public:
    Library() = default;
    explicit Library(std::vector<Exercise> exercises);

    [[nodiscard]] const std::vector<Exercise>& all() const { return m_exercises; }
    [[nodiscard]] std::size_t size() const { return m_exercises.size(); }
    [[nodiscard]] const Exercise* find(std::string_view id) const;
    [[nodiscard]] std::vector<const Exercise*> filter(const LibraryFilter& filter) const;
    // Exercises whose progression or regression is `id`.
    [[nodiscard]] std::vector<const Exercise*> referencing(std::string_view id) const;
    // What the library screens list: the exercises that match `filter` and whose name in `lang`
    // or id contains `words` (each word, ignoring ASCII case; empty: all), sorted by that name.
    [[nodiscard]] std::vector<const Exercise*>
    search(const LibraryFilter& filter, std::string_view words, std::string_view lang) const;
    // Pairs (easier, harder) of indexes into `ids` where the second is a harder variant of the
    // first along its chain of progressions: exercises the rules would merge when one is
    // switched to the other (clinical-rules.md §5c). Each pair once, in the order of `ids`.
    [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>>
    variantPairs(const std::vector<std::string>& ids) const;

private:
    std::vector<Exercise> m_exercises;
};

} // namespace motus::core
