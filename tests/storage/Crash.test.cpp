#include "Support.hpp"

#include <storage/SqliteJournal.hpp>

#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace motus;
using motus::storage::SqliteJournal;
using namespace motus::storage::test;

namespace {

struct Run {
    std::vector<int> acknowledged; // set numbers printed after logSet returned
    std::string stderrText;
};

std::string drain(int fd) {
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            text.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    return text;
}

// Starts the logger, kills it with SIGKILL after `lifetime`, returns what it acknowledged.
Run runAndKill(const fs::path& file, const std::string& exercise,
               std::chrono::milliseconds lifetime) {
    int out[2];
    int err[2];
    REQUIRE(::pipe(out) == 0);
    REQUIRE(::pipe(err) == 0);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    ::posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    for (int fd : {out[0], out[1], err[0], err[1]}) {
        ::posix_spawn_file_actions_addclose(&actions, fd);
    }
    std::string program = MOTUS_CRASH_LOGGER;
    std::string path = file.string();
    std::string name = exercise;
    char* argv[] = {program.data(), path.data(), name.data(), nullptr};
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
    ::posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    REQUIRE(spawned == 0);

    std::this_thread::sleep_for(lifetime);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);

    Run run;
    const std::string text = drain(out[0]);
    run.stderrText = drain(err[0]);
    ::close(out[0]);
    ::close(err[0]);
    // Only whole lines count: a line is written in one write() after logSet returned.
    std::size_t start = 0;
    for (std::size_t end = text.find('\n'); end != std::string::npos;
         start = end + 1, end = text.find('\n', start)) {
        run.acknowledged.push_back(std::stoi(text.substr(start, end - start)));
    }
    // Killed, or it stopped by itself on an error (reported in its stderr).
    INFO(run.stderrText);
    CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    return run;
}

} // namespace

TEST_CASE("a logger killed at random loses no acknowledged set and leaves the file intact",
          "[storage][crash]") {
    TempDir dir;
    const fs::path file = dir / "crash.db";
    const auto seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> lifetime(20, 200);
    const auto day = date(2026, 3, 1);

    constexpr int kRuns = 25;
    std::size_t total = 0;
    for (int r = 0; r < kRuns; ++r) {
        const std::string exercise = "run-" + std::to_string(r);
        const Run run = runAndKill(file, exercise, std::chrono::milliseconds(lifetime(random)));
        total += run.acknowledged.size();

        SqliteJournal journal(file); // checks the file (quick_check) before anything else
        REQUIRE(journal.integrityCheck() == "ok");
        std::set<int> stored;
        for (const auto& session : journal.sessions(day, day)) {
            for (const auto& set : session.sets) {
                if (set.exercise == exercise) {
                    stored.insert(set.set);
                }
            }
        }
        INFO("run " << r << ": " << run.acknowledged.size() << " acknowledged, " << stored.size()
                    << " stored");
        for (int n : run.acknowledged) {
            REQUIRE(stored.count(n) == 1);
        }
        // At most the one set in flight when it was killed goes beyond what was acknowledged.
        CHECK(stored.size() <= run.acknowledged.size() + 1);
    }
    CHECK(total > 0);
}
