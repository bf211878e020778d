#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>

namespace motus::storage {

// An infrastructure failure of the journal: a file that cannot be opened, is not Motus's, is
// damaged or newer than this build, a migration or a write that failed. The message names the
// file and says what to do; main shows it once.
class StorageError : public std::runtime_error {
public:
    StorageError(std::filesystem::path file, const std::string& message)
        : std::runtime_error(message), m_file(std::move(file)) {}

    [[nodiscard]] const std::filesystem::path& file() const noexcept { return m_file; }

private:
    std::filesystem::path m_file;
};

} // namespace motus::storage
