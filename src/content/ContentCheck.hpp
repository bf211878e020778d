#pragma once
#include "core/Diagnostic.hpp"
#include "core/Library.hpp"

#include <utility>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

// Checking content files without using them (`motus validate`): exercise files and program
// files, told apart by their root element, in any mix of files and folders.
namespace motus::content {

// The name of the root element of an XML text, read leniently (after a byte order mark, the
// XML declaration, comments, processing instructions and a DOCTYPE); empty when no element
// starts there. Only to tell kinds of files apart: the loaders check the document.
[[nodiscard]] std::string rootElementName(std::string_view text);

// The moves of an exercise's movement in the order played: (from, to) key-pose indices, from
// the first pose through each phase's pose.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>>
movementPath(const core::Exercise& exercise);

struct ContentCheck {
    std::vector<core::Diagnostic> diagnostics; // errors and warnings, as the loaders give them
    std::size_t filesRead = 0;
    std::size_t exercisesValid = 0;
    std::size_t programsValid = 0;
    // Exercises checked that are in no easier/harder chain: no variant of their own and named
    // by none. Not a fault (some movements have no clinical variant), so reported apart from
    // the warnings, each with the file's stated reason (<variants none="...">) or none.
    struct Unchained {
        std::string id;
        std::string path;
        std::string reason;
    };
    std::vector<Unchained> withoutVariants;
};

// Checks every *.xml below the given files and folders, folders named "programs" included. A
// file whose root element is <program> is read as a program (ProgramLoader: against the
// library, with its warnings), any other as an exercise (loadLibrary: each file, then across
// files). The library the programs are read against is the exercises found valid here plus
// those of `context` (the rest of the library) that are not from the files checked, as for
// loadLibrary.
[[nodiscard]] ContentCheck checkContent(const std::vector<std::filesystem::path>& paths,
                                        const core::Library* context = nullptr);

} // namespace motus::content
