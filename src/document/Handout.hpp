#pragma once
#include "core/Library.hpp"
#include "core/Program.hpp"
#include "service/Practice.hpp"

#include <filesystem>
#include <optional>
#include <set>
#include <string>

// The handout a patient takes home (issue 9): one self-contained HTML page, printable on A4 and
// Letter: the program's name, who it is from and their note, the schedule by phase, when to
// stop, and for each exercise its key poses drawn by the figure (inline SVG), the dose in words,
// the steps, cues, cautions and "stop if". In the UI language (--lang, LANGUAGE).
namespace motus::document {

struct HandoutOptions {
    std::string lang = "en";                 // exercise texts, titles and phase names
    core::Date made;                         // printed on the page
    std::optional<core::Date> start;         // the program's first day, when assigned
    std::optional<std::size_t> currentPhase; // marked "now" in the schedule
    bool dosesInForce = false;               // the doses are today's, not the plan's
    // Exercises stopped now (§5e), marked in the current phase and in their blocks.
    std::set<std::string, std::less<>> stopped;
};

[[nodiscard]] std::string handoutHtml(const core::Program& program, const core::Library& library,
                                      const HandoutOptions& options);

// The handout of the program in `file` (read, not assigned): its planned doses. Throws
// service::Refused with the file's diagnostics when it has errors.
[[nodiscard]] std::string handoutOfFile(const service::Practice& practice,
                                        const std::filesystem::path& file);

// The handout of the assigned program with the doses in force, the phase the patient is in
// marked. Throws service::Refused when no program is assigned.
[[nodiscard]] std::string handoutOfCurrent(service::Practice& practice);

} // namespace motus::document
