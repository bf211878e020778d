// Used by the crash test: opens the journal FILE, begins the next session of 2026-03-01 (the
// runs before left theirs), then logs sets forever, printing each set's number on its own line
// (one write, after logSet returned) until killed.
//   motus_crash_logger FILE EXERCISE
#include "Support.hpp"

#include <storage/SqliteJournal.hpp>

#include <cstdio>
#include <exception>
#include <string>

#include <unistd.h>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: motus_crash_logger FILE EXERCISE\n");
        return 2;
    }
    try {
        using namespace std::chrono;
        motus::storage::SqliteJournal journal(argv[1]);
        const auto session = motus::storage::test::beginNextSession(
            journal, {year{2026} / March / 1, "2026-03-01T07:00:00Z", 60});
        for (int n = 1;; ++n) {
            journal.logSet(session, {argv[2], n, 8, 8, 10});
            const std::string line = std::to_string(n) + "\n";
            if (::write(STDOUT_FILENO, line.data(), line.size()) !=
                static_cast<ssize_t>(line.size())) {
                return 1;
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
