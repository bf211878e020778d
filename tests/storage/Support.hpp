#pragma once
#include <core/Journal.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace motus::storage::test {

namespace fs = std::filesystem;

// A fresh folder under $TMPDIR (or /tmp), removed with everything in it at the end.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "motus-storage-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const fs::path& path() const { return m_path; }
    [[nodiscard]] fs::path operator/(const std::string& name) const { return m_path / name; }

private:
    fs::path m_path;
};

inline std::string readBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeBytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Writes a big-endian 32-bit number into the 100-byte SQLite header (user_version at 60,
// application_id at 68).
inline void patchHeader(const fs::path& file, std::size_t offset, std::uint32_t value) {
    std::string bytes = readBytes(file);
    for (std::size_t i = 0; i < 4; ++i) {
        bytes[offset + i] = static_cast<char>((value >> (8 * (3 - i))) & 0xFFu);
    }
    writeBytes(file, bytes);
}

inline std::uint32_t headerNumber(const std::string& bytes, std::size_t offset) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value = (value << 8) | static_cast<unsigned char>(bytes.at(offset + i));
    }
    return value;
}

inline unsigned permissions(const fs::path& file) {
    return static_cast<unsigned>(fs::status(file).permissions()) & 0777u;
}

inline core::Date date(int y, unsigned m, unsigned d) {
    return core::Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// Begins the next session of its day as a caller must: the slot after the day's last one,
// computed in the same transaction that takes it.
inline std::int64_t beginNextSession(core::Journal& journal, const core::Stamp& started) {
    std::int64_t id = 0;
    journal.transaction([&] {
        int slot = 1;
        for (const auto& session : journal.sessions(started.date, started.date)) {
            slot = std::max(slot, session.slot + 1);
        }
        id = journal.beginSession(started, slot);
    });
    return id;
}

// A prescription with the tempo and rest the storage tests use.
inline core::Prescription prescription(const std::string& exercise, int sets, int reps, int hold) {
    core::Prescription p;
    p.exercise = exercise;
    p.dose.sets = sets;
    p.dose.reps = reps;
    p.dose.holdSeconds = hold;
    p.dose.tempoSeconds = 2;
    p.dose.restSeconds = 30;
    return p;
}

} // namespace motus::storage::test
