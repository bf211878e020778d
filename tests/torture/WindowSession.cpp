// A window session's writes, without the drawing: today's routine played set by set through
// service::PendingSets and Practice::recordSet (as app::App stores the player's SetFinished
// events), then pain and effort per exercise (as app::FeedbackScreen saves them). Each line is
// written in one write() after the call that stored it returned, so that a line on stdout
// means "acknowledged":
//   set EXERCISE       one set stored
//   feedback EXERCISE  that exercise's feedback stored
//   done               the session is over
// Used by motus_torture, which kills it at random moments.
//   motus_torture_window LIBRARY JOURNAL YYYY-MM-DD [EXERCISE...]
// The exercises named are left out (the torture logs them from the command line that day).
#include "core/LocalTime.hpp"
#include "service/PendingSets.hpp"
#include "service/Practice.hpp"

#include <cstdio>
#include <exception>
#include <set>
#include <string>

#include <unistd.h>

namespace {

bool say(const std::string& line) {
    const std::string text = line + "\n";
    return ::write(STDOUT_FILENO, text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr,
                     "usage: motus_torture_window LIBRARY JOURNAL YYYY-MM-DD [EXERCISE...]\n");
        return 2;
    }
    using namespace motus;
    try {
        const auto day = core::parseDate(argv[3]);
        if (!day) {
            std::fprintf(stderr, "not a date: %s\n", argv[3]);
            return 2;
        }
        const std::set<std::string> skipped(argv + 4, argv + argc);
        service::PracticeOptions options;
        options.library = argv[1];
        options.journal = argv[2];
        options.now = [d = *day] { return core::stampOn(d); };
        service::Practice practice(std::move(options));
        const auto view = practice.todayView();
        service::PendingSets pending;
        std::vector<std::string> played;
        for (const auto& item : view.items) {
            const std::string& id = item.prescription.exercise;
            if (skipped.count(id) > 0) {
                continue;
            }
            played.push_back(id);
            const auto& dose = item.prescription.dose;
            for (int set = item.doneSets; set < item.dueSets; ++set) {
                pending.add(
                    {core::stampOn(*day), id, dose.repsInSet(set % dose.sets), dose.holdSeconds});
                if (const std::string failure = pending.flush(practice); !failure.empty()) {
                    std::fprintf(stderr, "%s\n", failure.c_str());
                    return 1;
                }
                if (!say("set " + id)) {
                    return 1;
                }
            }
        }
        for (const auto& id : played) {
            (void)practice.feedback({*day, id, 1, 3, std::nullopt});
            if (!say("feedback " + id)) {
                return 1;
            }
        }
        return say("done") ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
