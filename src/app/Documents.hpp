#pragma once
// The printable documents a patient saves from the window: the handout of the current program
// and the report for the therapist (src/document), written into the documents folder.
#include "service/Practice.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace motus::app {

// Where printable documents go: $XDG_DOCUMENTS_DIR, else ~/Documents, else the home folder.
[[nodiscard]] std::filesystem::path documentsFolder();

struct SavedDocument {
    std::optional<std::filesystem::path> file; // none: it could not be written
    std::string message;                       // what to tell the patient, either way
};

// Writes motus-handout-DATE.html or motus-report-DATE.html (atomically, 0600).
[[nodiscard]] SavedDocument saveDocument(service::Practice& practice, bool report);

} // namespace motus::app
