// Start-up as a patient feels it: from launch to the first frame of Today, measured as whole
// processes under X (Xvfb), side by side with a bare SFML window that draws one line of text
// (BareWindow.cpp). Both run with MOTUS_EXIT_AFTER_FIRST_FRAME set: each prints the moment its
// first frame was displayed (CLOCK_MONOTONIC) and exits. They run in turn, bare window and Motus
// alternating; the medians of the time to the first frame and of the peak memory (the child's
// max RSS, from wait4) are printed with their ratio and difference. Figures only: nothing here
// is a pass or fail.
//
// Usage: motus_bench_startup [--runs N] [--motus PATH] [--bare PATH]
// Without $DISPLAY it runs itself again under `xvfb-run -a`.
#include <X11/Xlib.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace {

long long monotonicNs() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec;
}

struct Run {
    bool ok = false;
    double firstFrameMs = 0; // launch to the first frame displayed
    double exitMs = 0;       // launch to the process's end
    double maxRssMiB = 0;
    double cpuMs = 0; // user + system time of the whole process, all its threads
    std::string output;
};

// Where the children's standard error goes; shown only when one fails.
std::filesystem::path errorFile;

std::string readErrors() {
    std::string text;
    if (FILE* file = std::fopen(errorFile.c_str(), "r"); file != nullptr) {
        char buffer[4096];
        std::size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
            text.append(buffer, n);
        }
        std::fclose(file);
    }
    return text;
}

// Runs `argv` as a child with MOTUS_EXIT_AFTER_FIRST_FRAME=1 (when `firstFrame`), its standard
// output read back; the time is taken just before fork.
Run runChild(const std::vector<std::string>& argv, bool firstFrame) {
    Run run;
    const int errFd = open(errorFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (errFd < 0) {
        std::perror("open");
        return run;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        std::perror("pipe");
        return run;
    }
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    const long long start = monotonicNs();
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("fork");
        return run;
    }
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDOUT_FILENO);
        close(fds[1]);
        dup2(errFd, STDERR_FILENO);
        if (firstFrame) {
            setenv("MOTUS_EXIT_AFTER_FIRST_FRAME", "1", 1);
        }
        execv(args[0], args.data());
        std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    close(errFd);
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n > 0) {
            run.output.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    close(fds[0]);
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    run.exitMs = static_cast<double>(monotonicNs() - start) / 1e6;
    run.maxRssMiB = static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB
    auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    run.cpuMs = ms(usage.ru_utime) + ms(usage.ru_stime);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "%s ended with status %d:\n%s", argv[0].c_str(), status,
                     readErrors().c_str());
        return run;
    }
    if (!firstFrame) {
        run.ok = true;
        return run;
    }
    const auto at = run.output.find("first frame: ");
    if (at == std::string::npos) {
        std::fprintf(stderr, "%s did not report its first frame:\n%s", argv[0].c_str(),
                     readErrors().c_str());
        return run;
    }
    const long long shown = std::atoll(run.output.c_str() + at + std::strlen("first frame: "));
    run.firstFrameMs = static_cast<double>(shown - start) / 1e6;
    run.ok = run.firstFrameMs > 0;
    return run;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct Series {
    std::vector<double> firstFrame, exit, cpu, rss;
    void add(const Run& run) {
        firstFrame.push_back(run.firstFrameMs);
        exit.push_back(run.exitMs);
        cpu.push_back(run.cpuMs);
        rss.push_back(run.maxRssMiB);
    }
};

void printRow(const char* name, const Series& s) {
    char range[64];
    std::snprintf(range, sizeof range, "(%.0f-%.0f)",
                  *std::min_element(s.firstFrame.begin(), s.firstFrame.end()),
                  *std::max_element(s.firstFrame.begin(), s.firstFrame.end()));
    std::printf("  %-24s %8.1f ms %-12s %8.1f ms %8.1f ms %8.1f MiB\n", name, median(s.firstFrame),
                range, median(s.exit), median(s.cpu), median(s.rss));
}

int usage() {
    std::fprintf(stderr, "usage: motus_bench_startup [--runs N] [--motus PATH] [--bare PATH]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    int runs = 10;
    std::string motus = MOTUS_BINARY;
    std::string bare = MOTUS_BARE_WINDOW;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) {
            return usage();
        }
        if (arg == "--runs") {
            runs = std::atoi(argv[++i]);
            if (runs < 1) {
                return usage();
            }
        } else if (arg == "--motus") {
            motus = argv[++i];
        } else if (arg == "--bare") {
            bare = argv[++i];
        } else {
            return usage();
        }
    }

    // A display: the one in $DISPLAY, else one of xvfb-run's.
    const char* display = std::getenv("DISPLAY");
    if (display == nullptr || *display == '\0') {
        if (std::getenv("MOTUS_BENCH_UNDER_XVFB") != nullptr) {
            std::fprintf(stderr, "motus_bench_startup: xvfb-run gave no display\n");
            return 1;
        }
        setenv("MOTUS_BENCH_UNDER_XVFB", "1", 1);
        std::error_code ec;
        const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
        std::vector<std::string> again{"xvfb-run", "-a", "-s", "-noreset -screen 0 1600x1000x24",
                                       ec ? std::string(argv[0]) : self.string()};
        again.insert(again.end(), argv + 1, argv + argc);
        std::vector<char*> args;
        for (auto& arg : again) {
            args.push_back(arg.data());
        }
        args.push_back(nullptr);
        execvp("xvfb-run", args.data());
        std::fprintf(stderr,
                     "motus_bench_startup: no $DISPLAY and cannot run xvfb-run (%s); install "
                     "the package xvfb or run it on a display\n",
                     std::strerror(errno));
        return 1;
    }

    // The driver holds a connection to the display for the whole run: an X server that resets
    // when its last client leaves (Xvfb without -noreset) would refuse the next child meanwhile.
    Display* connection = XOpenDisplay(nullptr);
    if (connection == nullptr) {
        std::fprintf(stderr, "motus_bench_startup: cannot open the display %s\n", display);
        return 1;
    }

    // A journal with a program assigned, in a folder of its own: Motus opens on Today.
    char dirTemplate[] = "/tmp/motus-startup-XXXXXX";
    if (mkdtemp(dirTemplate) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::filesystem::path dir(dirTemplate);
    errorFile = dir / "stderr.txt";
    setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
    setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
    setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
    setenv("ALSOFT_LOGLEVEL", "0", 0);
    int result = 0;
    const Run assign =
        runChild({motus, "program", "start", "low-back-motor-control"}, /*firstFrame=*/false);
    if (!assign.ok) {
        std::fprintf(stderr, "motus_bench_startup: cannot assign a program: %s\n",
                     assign.output.c_str());
        result = 1;
    }

    Series bareSeries;
    Series motusSeries;
    // One of each first, not counted: both start with the same files in the page cache.
    for (int i = -1; i < runs && result == 0; ++i) {
        const Run b = runChild({bare}, true);
        const Run m = runChild({motus}, true);
        if (!b.ok || !m.ok) {
            result = 1;
            break;
        }
        if (i >= 0) {
            bareSeries.add(b);
            motusSeries.add(m);
        }
    }
    XCloseDisplay(connection);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (result != 0) {
        return result;
    }

    double load[1] = {0};
    const bool haveLoad = getloadavg(load, 1) == 1;
    std::printf("start-up under X, %d runs each in turn, medians (load average: %s):\n", runs,
                haveLoad ? std::to_string(load[0]).substr(0, 5).c_str() : "unknown");
    std::printf("  %-24s %11s %-12s %11s %11s %12s\n", "", "first frame", "(min-max)", "exit",
                "CPU time", "max RSS");
    printRow("bare SFML window, text", bareSeries);
    printRow("motus, Today", motusSeries);
    const double ratio = median(motusSeries.firstFrame) / median(bareSeries.firstFrame);
    const double extra = median(motusSeries.rss) - median(bareSeries.rss);
    std::printf("  motus: %.2fx the bare window's time to the first frame (goal <= 1.3x), "
                "%+.1f MiB peak memory (goal <= +25 MiB)\n",
                ratio, extra);
    std::printf("  (first frame: launch to the first frame displayed; exit and CPU time (user + "
                "system, all threads) include what Motus makes after its first frame)\n");
    return 0;
}
