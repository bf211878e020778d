#pragma once
#include "Exercise.hpp"

#include <optional>
#include <string>
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

private:
    std::vector<Exercise> m_exercises;
};

} // namespace motus::core
