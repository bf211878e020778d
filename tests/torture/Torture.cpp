// The torture run (scripts/torture; 50 kills in the test suite): one journal, a patient's days
// one after another, and on each day processes that write to it: `motus log` (sets and
// feedback in one transaction), `motus review` (the weekly reviews that are due) and a window
// session's writes (motus_torture_window). Each is killed with SIGKILL at a random moment or
// left to finish. Then the journal is checked:
//   - PRAGMA integrity_check is "ok";
//   - every set and every feedback a process acknowledged (printed after the call that stored
//     it returned) is there exactly once: none lost, none duplicated;
//   - nothing is half-written: a killed `log --sets K --pain P` left all K sets and its
//     feedback, or none of them; a window session left at most the one set in flight beyond
//     what it acknowledged; every session holds a set; every week an acknowledged review
//     covered is reviewed once, with its decisions.
// It prints the counts and exits 1 on any failure.
//
//   motus_torture --motus BIN --window BIN --library DIR --work DIR [--kills N] [--seed S]
#include "core/Journal.hpp"
#include "storage/SqliteJournal.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace fs = std::filesystem;
using namespace motus;
using Clock = std::chrono::steady_clock;

namespace {

core::Date addDays(core::Date d, long n) {
    return core::Date{std::chrono::sys_days{d} + std::chrono::days{n}};
}

struct Options {
    std::string motus;
    std::string window;
    std::string library;
    fs::path work;
    int kills = 1000;
    unsigned seed = std::random_device{}();
};

struct Outcome {
    bool killed = false;
    int exitCode = -1; // when not killed
    std::string out;
    std::string err;
    double seconds = 0.0;
};

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs `argv` with MOTUS_TODAY=day (stdout and stderr to files, so that it never blocks on a
// pipe), killing it with SIGKILL when it is still running after `lifetime`.
Outcome run(const Options& o, const std::vector<std::string>& argv, const std::string& day,
            std::chrono::microseconds lifetime) {
    const fs::path outFile = o.work / "out.txt";
    const fs::path errFile = o.work / "err.txt";
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outFile.c_str(),
                                       O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errFile.c_str(),
                                       O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        if (entry.rfind("MOTUS_", 0) != 0 && entry.rfind("LANGUAGE=", 0) != 0 &&
            entry.rfind("XDG_DATA_HOME=", 0) != 0) {
            env.push_back(entry);
        }
    }
    env.push_back("MOTUS_TODAY=" + day);
    env.push_back("LANGUAGE=");
    env.push_back("XDG_DATA_HOME=" + (o.work / "xdg").string());
    std::vector<char*> envp;
    for (auto& e : env) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> argp;
    for (auto& a : args) {
        argp.push_back(a.data());
    }
    argp.push_back(nullptr);

    Outcome outcome;
    const auto started = Clock::now();
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
    ::posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        std::fprintf(stderr, "motus_torture: cannot start %s\n", argp[0]);
        std::exit(2);
    }
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            break;
        }
        if (Clock::now() - started >= lifetime) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    outcome.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    outcome.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    outcome.out = readAll(outFile);
    outcome.err = readAll(errFile);
    return outcome;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    // Only whole lines: each was written in one write() after its call returned.
    for (std::string line; std::getline(in, line);) {
        if (in.eof()) {
            break; // no newline after it
        }
        out.push_back(line);
    }
    return out;
}

// One `motus log EXERCISE --sets K --pain P --rpe E` on a day.
struct LogRun {
    core::Date date;
    std::string exercise;
    int sets = 0;
    bool acknowledged = false;
};

// One window session's exercise on a day.
struct WindowItem {
    core::Date date;
    std::string exercise;
    int acknowledgedSets = 0;
    bool acknowledgedFeedback = false;
    bool finished = false; // the session printed "done"
};

// One `motus review` that finished: every week that ended before its day is reviewed.
struct ReviewRun {
    core::Date date;
};

struct Ledger {
    std::vector<LogRun> logs;
    std::vector<WindowItem> windowItems;
    std::vector<ReviewRun> reviews;
};

struct Counts {
    int runs = 0;
    int kills = 0;
    int refused = 0; // finished with an exit code other than 0
    int acknowledgedSets = 0;
    int storedSets = 0;
    int lost = 0;
    int duplicated = 0;
    int halfWritten = 0;
    int integrityFailures = 0;
    int reviewsStored = 0;
    std::vector<std::string> problems;
};

void problem(Counts& c, int& counter, const std::string& what) {
    ++counter;
    if (c.problems.size() < 20) {
        c.problems.push_back(what);
    }
}

// Checks the journal against the ledger (the journal closed by everyone else).
void verify(const fs::path& file, const Ledger& ledger, core::Date start, Counts& c) {
    storage::SqliteJournal journal(file);
    if (journal.integrityCheck() != "ok") {
        problem(c, c.integrityFailures, "integrity_check: " + journal.integrityCheck());
    }
    const core::Date from = start;
    const core::Date to = addDays(start, 5000);
    std::map<std::pair<core::Date, std::string>, int> sets;
    c.storedSets = 0;
    for (const auto& session : journal.sessions(from, to)) {
        if (session.sets.empty()) {
            problem(c, c.halfWritten,
                    "a session without sets on " + core::formatDate(session.started.date));
        }
        std::set<std::pair<std::string, int>> numbers;
        for (const auto& set : session.sets) {
            ++sets[{session.started.date, set.exercise}];
            ++c.storedSets;
            if (!numbers.insert({set.exercise, set.set}).second) {
                problem(c, c.duplicated,
                        "set number " + std::to_string(set.set) + " of " + set.exercise +
                            " twice in one session");
            }
        }
    }
    std::map<std::pair<core::Date, std::string>, int> feedback;
    for (const auto& f : journal.feedback(from, to)) {
        ++feedback[{f.date, f.exercise}];
    }
    auto count = [](const auto& map, core::Date d, const std::string& id) {
        const auto it = map.find({d, id});
        return it == map.end() ? 0 : it->second;
    };
    c.acknowledgedSets = 0;
    for (const auto& log : ledger.logs) {
        const int s = count(sets, log.date, log.exercise);
        const int f = count(feedback, log.date, log.exercise);
        const std::string what = "log " + log.exercise + " --sets " + std::to_string(log.sets) +
                                 " on " + core::formatDate(log.date) + ": " + std::to_string(s) +
                                 " sets and " + std::to_string(f) + " feedback stored";
        if (log.acknowledged) {
            c.acknowledgedSets += log.sets;
            if (s < log.sets || f < 1) {
                problem(c, c.lost, what + " (acknowledged)");
            } else if (s > log.sets || f > 1) {
                problem(c, c.duplicated, what + " (acknowledged)");
            }
        } else if (!((s == 0 && f == 0) || (s == log.sets && f == 1))) {
            problem(c, s > log.sets || f > 1 ? c.duplicated : c.halfWritten, what + " (killed)");
        }
    }
    for (const auto& item : ledger.windowItems) {
        const int s = count(sets, item.date, item.exercise);
        const int f = count(feedback, item.date, item.exercise);
        c.acknowledgedSets += item.acknowledgedSets;
        const std::string what = "window session " + item.exercise + " on " +
                                 core::formatDate(item.date) + ": " +
                                 std::to_string(item.acknowledgedSets) + " sets acknowledged, " +
                                 std::to_string(s) + " stored";
        if (s < item.acknowledgedSets || (item.acknowledgedFeedback && f < 1)) {
            problem(c, c.lost, what);
        } else if (s > item.acknowledgedSets + (item.finished ? 0 : 1) || f > 1) {
            problem(c, c.duplicated, what);
        }
    }
    const auto weeks = journal.reviewedWeeks();
    const std::set<core::Date> unique(weeks.begin(), weeks.end());
    if (unique.size() != weeks.size()) {
        problem(c, c.duplicated, "a week reviewed twice");
    }
    c.reviewsStored = static_cast<int>(weeks.size());
    for (const auto& review : journal.reviews()) {
        if (review.decisions.empty()) {
            problem(c, c.halfWritten,
                    "the review of " + core::formatDate(review.weekStart) + " has no decisions");
        }
    }
    for (const auto& r : ledger.reviews) {
        for (core::Date week = start; addDays(week, 6) < r.date; week = addDays(week, 7)) {
            if (unique.count(week) == 0) {
                problem(c, c.lost,
                        "the week of " + core::formatDate(week) +
                            " is not reviewed, but a review "
                            "on " +
                            core::formatDate(r.date) + " finished");
            }
        }
    }
}

double median(std::vector<double> values, double fallback) {
    if (values.empty()) {
        return fallback;
    }
    std::nth_element(values.begin(), values.begin() + static_cast<long>(values.size() / 2),
                     values.end());
    return values[values.size() / 2];
}

int usage() {
    std::fprintf(stderr, "usage: motus_torture --motus BIN --window BIN --library DIR --work DIR "
                         "[--kills N] [--seed S]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--motus") {
            o.motus = value;
        } else if (key == "--window") {
            o.window = value;
        } else if (key == "--library") {
            o.library = value;
        } else if (key == "--work") {
            o.work = value;
        } else if (key == "--kills") {
            o.kills = std::atoi(value.c_str());
        } else if (key == "--seed") {
            o.seed = static_cast<unsigned>(std::strtoul(value.c_str(), nullptr, 10));
        } else {
            return usage();
        }
    }
    if (argc % 2 == 0 || o.motus.empty() || o.window.empty() || o.library.empty() ||
        o.work.empty() || o.kills < 1) {
        return usage();
    }
    std::error_code ec;
    fs::remove_all(o.work, ec);
    fs::create_directories(o.work);
    const fs::path db = o.work / "torture.db";
    std::printf("motus_torture: seed %u, %d kills, journal %s\n", o.seed, o.kills, db.c_str());
    std::fflush(stdout);
    std::mt19937 random(o.seed);

    const core::Date start = *core::parseDate("2024-01-01"); // a Monday
    const auto never = std::chrono::hours(1);
    const std::vector<std::string> base = {o.motus, "--library", o.library, "--db", db.string()};
    auto motus = [&](std::vector<std::string> args) {
        std::vector<std::string> all = base;
        all.insert(all.end(), args.begin(), args.end());
        return all;
    };
    const auto started =
        run(o, motus({"program", "start", "low-back-motor-control"}), "2024-01-01", never);
    if (started.exitCode != 0) {
        std::fprintf(stderr, "motus_torture: cannot start the program: %s\n", started.err.c_str());
        return 1;
    }

    Ledger ledger;
    Counts counts;
    std::map<std::string, std::vector<double>> durations; // of the runs left to finish
    std::uniform_int_distribution<int> percent(1, 100);
    std::map<std::string, int> calls;
    auto lifetimeFor = [&](const std::string& kind) {
        // One run in six (and the first three of each kind) is left to finish: they measure
        // the typical length, unbiased by the kills. The others are killed at a moment uniform
        // up to 1.2 times that length: most of them, at every stage of the run.
        if (calls[kind]++ < 3 || percent(random) <= 16) {
            return std::chrono::duration_cast<std::chrono::microseconds>(never);
        }
        const double typical = median(durations[kind], 0.15);
        std::uniform_real_distribution<double> at(0.0, 1.2 * typical);
        return std::chrono::microseconds(static_cast<long>(at(random) * 1e6));
    };
    auto note = [&](const std::string& kind, const Outcome& outcome,
                    std::chrono::microseconds lifetime) {
        ++counts.runs;
        if (outcome.killed) {
            ++counts.kills;
        } else {
            if (lifetime >= never) {
                durations[kind].push_back(outcome.seconds);
            }
            if (outcome.exitCode != 0) {
                // Refused (an exercise a review just switched, say): nothing may be stored.
                ++counts.refused;
                if (counts.refused <= 3) {
                    std::printf("motus_torture: %s refused (exit %d): %s", kind.c_str(),
                                outcome.exitCode, outcome.err.c_str());
                }
            }
        }
    };

    std::uniform_int_distribution<int> setsOf(1, 3);
    std::uniform_int_distribution<int> painOf(0, 2);
    std::uniform_int_distribution<int> effortOf(2, 5);
    int nextCheck = 100;
    for (core::Date day = start; counts.kills < o.kills; day = addDays(day, 1)) {
        const std::string today = core::formatDate(day);
        // The routine as stored (the journal is closed by every writer now).
        std::vector<std::string> routine;
        {
            storage::SqliteJournal journal(db);
            for (const auto& p : journal.prescriptions()) {
                if (!p.stopped) {
                    routine.push_back(p.exercise);
                }
            }
        }
        std::shuffle(routine.begin(), routine.end(), random);
        std::set<std::string> logged;
        // Up to two exercises logged from the command line.
        for (int i = 0; i < 2 && i < static_cast<int>(routine.size()); ++i) {
            if (percent(random) > 60) {
                continue;
            }
            LogRun log{day, routine[static_cast<std::size_t>(i)], setsOf(random), false};
            const auto lifetime = lifetimeFor("log");
            const auto outcome = run(
                o,
                motus({"log", log.exercise, "--sets", std::to_string(log.sets), "--pain",
                       std::to_string(painOf(random)), "--rpe", std::to_string(effortOf(random))}),
                today, lifetime);
            note("log", outcome, lifetime);
            log.acknowledged = !outcome.killed && outcome.exitCode == 0 &&
                               outcome.out.find("Logged ") != std::string::npos;
            logged.insert(log.exercise);
            ledger.logs.push_back(log);
        }
        // The rest of the routine in a window session, most days.
        if (percent(random) <= 70) {
            std::vector<std::string> args = {o.window, o.library, db.string(), today};
            args.insert(args.end(), logged.begin(), logged.end());
            const auto lifetime = lifetimeFor("window");
            const auto outcome = run(o, args, today, lifetime);
            note("window", outcome, lifetime);
            std::map<std::string, WindowItem> items;
            bool done = false;
            for (const auto& line : lines(outcome.out)) {
                if (line == "done") {
                    done = true;
                } else if (line.rfind("set ", 0) == 0) {
                    auto& item = items[line.substr(4)];
                    ++item.acknowledgedSets;
                } else if (line.rfind("feedback ", 0) == 0) {
                    items[line.substr(9)].acknowledgedFeedback = true;
                }
            }
            // Exercises it did not get to count too: nothing of them may be stored beyond the
            // one set in flight.
            for (const auto& id : routine) {
                if (logged.count(id) == 0) {
                    (void)items[id];
                }
            }
            for (auto& [id, item] : items) {
                item.date = day;
                item.exercise = id;
                item.finished = done;
                ledger.windowItems.push_back(item);
            }
        }
        // The weekly review, now and then (otherwise the next writer runs it).
        if (percent(random) <= 25) {
            const auto lifetime = lifetimeFor("review");
            const auto outcome = run(o, motus({"review"}), today, lifetime);
            note("review", outcome, lifetime);
            if (!outcome.killed && outcome.exitCode == 0) {
                ledger.reviews.push_back({day});
            }
        }
        if (counts.kills >= nextCheck || counts.kills >= o.kills) {
            nextCheck += 100;
            verify(db, ledger, start, counts);
            std::printf("motus_torture: %d kills, %d runs, through %s: %d lost, %d duplicated, "
                        "%d half-written, %d integrity failures\n",
                        counts.kills, counts.runs, today.c_str(), counts.lost, counts.duplicated,
                        counts.halfWritten, counts.integrityFailures);
            std::fflush(stdout);
        }
    }
    verify(db, ledger, start, counts);
    int acknowledgedLogs = 0;
    for (const auto& log : ledger.logs) {
        acknowledgedLogs += log.acknowledged ? 1 : 0;
    }
    std::printf("motus_torture: %d runs, %d killed with SIGKILL, %d refused (seed %u)\n",
                counts.runs, counts.kills, counts.refused, o.seed);
    std::printf("motus_torture: %zu log commands (%d acknowledged), %zu window-session items, "
                "%zu reviews that finished\n",
                ledger.logs.size(), acknowledgedLogs, ledger.windowItems.size(),
                ledger.reviews.size());
    std::printf("motus_torture: %d sets acknowledged, %d stored; %d weeks reviewed\n",
                counts.acknowledgedSets, counts.storedSets, counts.reviewsStored);
    std::printf("motus_torture: %d lost, %d duplicated, %d half-written, %d integrity failures\n",
                counts.lost, counts.duplicated, counts.halfWritten, counts.integrityFailures);
    for (const auto& p : counts.problems) {
        std::printf("motus_torture: problem: %s\n", p.c_str());
    }
    const bool ok = counts.lost == 0 && counts.duplicated == 0 && counts.halfWritten == 0 &&
                    counts.integrityFailures == 0;
    return ok ? 0 : 1;
}
