#pragma once
#include "core/Diagnostic.hpp"
#include "core/Exercise.hpp"
#include "core/Library.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motus::content {

inline constexpr std::size_t kMaxExerciseFileBytes = 256 * 1024;
inline constexpr int kMaxElementDepth = 8;
inline constexpr int kFormatVersion = 2;       // the newest this Motus reads and writes
inline constexpr int kOldestFormatVersion = 1; // version 1 keeps loading (docs/exercise-format.md)
// Height of the figure the contact check places, and how far above the floor a contact may be.
inline constexpr double kCheckHeightMetres = 1.75;
inline constexpr double kContactToleranceMetres = 0.01;

struct ParsedExercise {
    std::optional<core::Exercise> exercise; // empty when the file has any error
    std::optional<std::string> id;          // the id, when it could be read even from a broken file
    std::vector<core::Diagnostic> diagnostics;
};

// Parses and validates one exercise file's text. `path` names it in diagnostics.
[[nodiscard]] ParsedExercise parseExercise(std::string_view text, const std::string& path);

// Reads and parses one file, applying the size cap first.
[[nodiscard]] ParsedExercise loadExerciseFile(const std::filesystem::path& file);
// loadExerciseFile for each file, in the files' order, on up to as many threads as the machine
// has cores (at most 8, and one for every 16 files).
[[nodiscard]] std::vector<ParsedExercise>
loadExerciseFiles(const std::vector<std::filesystem::path>& files);

struct LibraryLoad {
    core::Library library;
    std::vector<core::Diagnostic> diagnostics;
    std::vector<std::string> skipped; // paths of files that were not loaded
    std::size_t filesRead = 0;
};

// Every *.xml below the given files and folders (sorted; a folder named "programs" is not an
// exercise folder), each parsed, then checked across files: duplicate ids, unknown variants,
// cycles in progression chains. A file with any error is skipped; the rest load.
// `context`, when given, holds exercises that are known but not checked (the rest of the
// library when single files are validated): references to them resolve, and an id they use
// counts as taken. Its exercises from the same files as `paths` are ignored.
[[nodiscard]] LibraryLoad loadLibrary(const std::vector<std::filesystem::path>& paths,
                                      const core::Library* context = nullptr);

// The same cross-file checks on exercises already parsed; erroneous ones are removed.
void checkAcrossFiles(std::vector<core::Exercise>& exercises,
                      const std::vector<const core::Exercise*>& context,
                      const std::vector<std::string>& idsOfBrokenFiles,
                      std::vector<core::Diagnostic>& diagnostics,
                      std::vector<std::string>& skipped);

// The poses of a file, read leniently (for authors inspecting a file that does not validate).
[[nodiscard]] std::vector<std::pair<core::View, core::Pose>>
readPosesForInspection(const std::filesystem::path& file);

// The *.xml exercise files below the given paths, in a stable order. Folders named "programs"
// are not entered unless `enterProgramFolders` (to check every content file, as `motus validate`
// does).
[[nodiscard]] std::vector<std::filesystem::path>
collectExerciseFiles(const std::vector<std::filesystem::path>& paths,
                     std::vector<core::Diagnostic>& diagnostics, bool enterProgramFolders = false);

} // namespace motus::content
