#pragma once
#include "core/Diagnostic.hpp"
#include "core/Journal.hpp"
#include "core/Library.hpp"
#include "core/Program.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Program files (docs/program-format.md): read against the library they refer to, and written
// back with the doses in force.
namespace motus::content {

inline constexpr std::size_t kMaxProgramFileBytes = 256 * 1024;
inline constexpr int kProgramFormatVersion = 1;
inline constexpr core::IntRange kPhaseWeeks{1, 52};

// Whether `id` may be a program's id: lower-case words joined by hyphens.
[[nodiscard]] bool isValidProgramId(std::string_view id);

struct ParsedProgram {
    std::optional<core::Program> program; // empty when the file has any error
    std::vector<core::Diagnostic> diagnostics;
};

// Parses and validates one program file's text; every exercise it names must be in `library`,
// and every dose must lie within the limits of clinical-rules.md §1 and the exercise's bounds.
// A program with any error is refused whole. `path` names it in diagnostics.
[[nodiscard]] ParsedProgram parseProgram(std::string_view text, const std::string& path,
                                         const core::Library& library);

// Reads and parses one file, applying the size cap first.
[[nodiscard]] ParsedProgram loadProgramFile(const std::filesystem::path& file,
                                            const core::Library& library);

// The bundled programs: libraryDir/programs/*.xml, sorted; empty when there is no such folder.
[[nodiscard]] std::vector<std::filesystem::path>
bundledPrograms(const std::filesystem::path& libraryDir);

// The program file text of `program`, every item written out in full (dose, bounds, locked),
// with the dose, bounds and lock of each item whose exercise has a prescription in `current`
// replaced by that prescription's. Only items in the phase `phase` (0-based) are replaced when
// it is given, else items in every phase. Prescriptions for exercises that are not in the
// program are ignored (a switch to a variant must be applied to the program by the caller).
// Comments of the original file are not kept. The text parses back to an equal program.
[[nodiscard]] std::string writeProgram(const core::Program& program,
                                       const std::vector<core::Prescription>& current,
                                       std::optional<std::size_t> phase = std::nullopt);

} // namespace motus::content
