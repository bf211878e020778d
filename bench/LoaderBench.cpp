// Loads and validates 2,000 exercise files (renamed copies of the bundled ones) and compares
// the time with a bare tinyxml2 LoadFile of the same files, one after the other. Goal: ratio
// <= 1.2 (the loader shares the files out among the machine's cores; the ratio on one thread is
// printed too). Then the start-up load of the bundled library itself. Goal: <= 10 ms.
#include "content/ExerciseLoader.hpp"

#include <tinyxml2.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Copies of every bundled file with every id (its own and its variants') suffixed, so each
// round of copies is a consistent library of its own.
std::vector<fs::path> generate(const fs::path& dir, std::size_t count) {
    std::vector<motus::core::Diagnostic> ignored;
    const auto sources =
        motus::content::collectExerciseFiles({fs::path(MOTUS_SOURCE_DIR) / "exercises"}, ignored);
    std::vector<std::string> texts;
    for (const auto& source : sources) {
        texts.push_back(readFile(source));
    }
    const std::regex ids(R"re((<exercise id|progression|regression)="([a-z0-9-]+)")re");
    std::vector<fs::path> files;
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t round = i / texts.size();
        const auto& text = texts[i % texts.size()];
        const std::string renamed =
            std::regex_replace(text, ids, "$1=\"$2-copy" + std::to_string(round) + "\"");
        const std::string stem =
            sources[i % texts.size()].stem().string() + "-copy" + std::to_string(round);
        const fs::path file = dir / (stem + ".xml");
        std::ofstream(file, std::ios::binary) << renamed;
        files.push_back(file);
    }
    return files;
}

double seconds(Clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

} // namespace

namespace core = motus::core;

int main(int argc, char** argv) {
    const std::size_t count = argc > 1 ? std::stoul(argv[1]) : 2000;
    const fs::path dir = fs::temp_directory_path() / "motus-bench-library";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto files = generate(dir, count);

    double bestLoad = 1e9;
    double bestOneThread = 1e9;
    double bestBare = 1e9;
    std::size_t loaded = 0;
    std::size_t problems = 0;
    for (int round = 0; round < 5; ++round) {
        auto start = Clock::now();
        for (const auto& file : files) {
            tinyxml2::XMLDocument doc;
            if (doc.LoadFile(file.c_str()) != tinyxml2::XML_SUCCESS) {
                ++problems;
            }
        }
        bestBare = std::min(bestBare, seconds(Clock::now() - start));

        start = Clock::now();
        const auto load = motus::content::loadLibrary({dir});
        bestLoad = std::min(bestLoad, seconds(Clock::now() - start));
        loaded = load.library.size();
        problems += load.diagnostics.size();

        // The same files parsed one after the other on this thread (what each core does).
        start = Clock::now();
        for (const auto& file : files) {
            const auto parsed = motus::content::loadExerciseFile(file);
            problems += parsed.exercise ? 0 : 1;
        }
        bestOneThread = std::min(bestOneThread, seconds(Clock::now() - start));
    }
    // The bundled library, as the app and every command load it at start.
    const fs::path bundled = fs::path(MOTUS_SOURCE_DIR) / "exercises";
    double bestBundled = 1e9;
    std::size_t bundledCount = 0;
    for (int round = 0; round < 10; ++round) {
        const auto start = Clock::now();
        const auto load = motus::content::loadLibrary({bundled});
        bestBundled = std::min(bestBundled, seconds(Clock::now() - start));
        bundledCount = load.library.size();
    }
    fs::remove_all(dir);
    std::printf("files:                         %zu (%zu loaded, %zu problems)\n", files.size(),
                loaded, problems);
    std::printf("motus load + validate:         %.1f ms (%.1f us per file)\n", bestLoad * 1e3,
                bestLoad * 1e6 / static_cast<double>(files.size()));
    std::printf("bare tinyxml2 LoadFile:        %.1f ms (%.1f us per file)\n", bestBare * 1e3,
                bestBare * 1e6 / static_cast<double>(files.size()));
    std::printf("one thread, parse only:        %.1f ms (%.1f us per file)\n", bestOneThread * 1e3,
                bestOneThread * 1e6 / static_cast<double>(files.size()));
    std::printf("ratio load+validate / LoadFile: %.2f (goal <= 1.20; on one thread %.2f; %u "
                "cores)\n",
                bestLoad / bestBare, bestOneThread / bestBare,
                std::max(1U, std::thread::hardware_concurrency()));
    std::printf(
        "bundled library at start-up:   %.1f ms for %zu exercises (goal <= 10 ms for 100)\n",
        bestBundled * 1e3, bundledCount);
    return problems == 0 && loaded == files.size() ? 0 : 1;
}
