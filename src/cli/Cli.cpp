#include "Cli.hpp"

#include "Json.hpp"
#include "Tracking.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/I18n.hpp"
#include "core/Kinematics.hpp"
#include "core/Names.hpp"
#include "core/Timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ostream>

#ifndef MOTUS_VERSION
#define MOTUS_VERSION "0.0.0"
#endif

namespace motus::cli {
namespace {

using core::tr;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

std::size_t utf8Length(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += separator;
        }
        out += items[i];
    }
    return out;
}

int usageError(std::ostream& err, const std::string& message) {
    err << "motus: " << message << "\n\n" << usage();
    return kExitUsage;
}

// The options of one subcommand: flags and options with a value.
struct Options {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> values;
    std::vector<std::string> flags;
    std::optional<std::string> error;

    [[nodiscard]] bool flag(std::string_view name) const {
        return std::find(flags.begin(), flags.end(), name) != flags.end();
    }
    [[nodiscard]] std::optional<std::string> get(std::string_view name) const {
        for (const auto& [key, value] : values) {
            if (key == name) {
                return value;
            }
        }
        return std::nullopt;
    }
};

Options parseOptions(const std::vector<std::string>& args,
                     std::initializer_list<std::string_view> withValue,
                     std::initializer_list<std::string_view> flags) {
    Options options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.size() < 2 || arg.rfind("--", 0) != 0) {
            options.positional.push_back(arg);
            continue;
        }
        std::string name = arg;
        std::optional<std::string> inlineValue;
        if (auto eq = arg.find('='); eq != std::string::npos) {
            name = arg.substr(0, eq);
            inlineValue = arg.substr(eq + 1);
        }
        if (std::find(flags.begin(), flags.end(), name) != flags.end() && !inlineValue) {
            options.flags.push_back(name);
        } else if (std::find(withValue.begin(), withValue.end(), name) != withValue.end()) {
            if (inlineValue) {
                options.values.emplace_back(name, *inlineValue);
            } else if (i + 1 < args.size()) {
                options.values.emplace_back(name, args[++i]);
            } else {
                options.error = fmt::format(fmt::runtime(tr("option {} needs a value")), name);
                return options;
            }
        } else {
            options.error = fmt::format(fmt::runtime(tr("unknown option {}")), arg);
            return options;
        }
    }
    return options;
}

void printDiagnostics(const std::vector<core::Diagnostic>& diagnostics, std::ostream& err) {
    for (const auto& d : diagnostics) {
        err << d.str() << '\n';
    }
}

// Loads the library for listing: problems go to stderr, the rest is shown.
content::LibraryLoad loadForUse(const std::filesystem::path& library, std::ostream& err) {
    auto load = content::loadLibrary({library});
    if (core::hasErrors(load.diagnostics)) {
        printDiagnostics(load.diagnostics, err);
        err << fmt::format(fmt::runtime(tr("motus: {} file(s) skipped; run 'motus validate' for "
                                           "details")),
                           load.skipped.size())
            << '\n';
    }
    return load;
}

std::vector<std::string> regionNames(const core::Exercise& ex) {
    std::vector<std::string> names;
    for (const auto& region : ex.regions) {
        names.push_back(core::regionDisplayName(region));
    }
    return names;
}

void writeDoseJson(JsonWriter& json, const core::Dose& dose) {
    json.beginObject();
    json.key("sets").value(dose.sets);
    json.key("reps").value(dose.reps);
    json.key("hold").value(dose.holdSeconds);
    json.key("tempo").value(dose.tempoSeconds);
    json.key("rest").value(dose.restSeconds);
    json.key("side").value(core::toString(dose.side));
    json.key("per_day").value(dose.perDay);
    json.key("per_week").value(dose.perWeek);
    json.key("pyramid").beginArray();
    for (int reps : dose.pyramid) {
        json.value(reps);
    }
    json.endArray();
    json.endObject();
}

void writeRange(JsonWriter& json, std::string_view name, core::IntRange range) {
    json.key(name).beginArray().value(range.min).value(range.max).endArray();
}

void writeSummaryJson(JsonWriter& json, const core::Exercise& ex, const std::string& lang) {
    const auto& text = ex.text(lang);
    json.key("id").value(ex.id);
    json.key("name").value(text.name);
    json.key("summary").value(text.summary);
    json.key("regions").stringArray(ex.regions);
    json.key("goals").beginArray();
    for (auto goal : ex.goals) {
        json.value(core::toString(goal));
    }
    json.endArray();
    json.key("position").value(core::toString(ex.position));
    json.key("equipment").stringArray(ex.equipment);
    json.key("level").value(ex.level);
}

int cmdValidate(const CommandLine& cl, const content::DataPaths& paths, std::ostream& out,
                std::ostream& err) {
    auto options = parseOptions(cl.args, {}, {"--quiet"});
    if (options.error) {
        return usageError(err, *options.error);
    }
    const auto library = cl.library.value_or(paths.library);
    std::vector<std::filesystem::path> targets;
    for (const auto& p : options.positional) {
        targets.emplace_back(p);
    }
    content::LibraryLoad context;
    if (targets.empty()) {
        targets.push_back(library);
    } else {
        context = content::loadLibrary({library});
    }
    const auto load = content::loadLibrary(
        targets, targets.front() == library && targets.size() == 1 ? nullptr : &context.library);
    printDiagnostics(load.diagnostics, err);
    const auto errors = core::countErrors(load.diagnostics);
    const auto warnings = load.diagnostics.size() - errors;
    if (!options.flag("--quiet")) {
        out << fmt::format(fmt::runtime(tr("{} file(s) checked, {} exercise(s) valid, {} error(s), "
                                           "{} warning(s)")),
                           load.filesRead, load.library.size(), errors, warnings)
            << '\n';
    }
    return errors > 0 ? kExitFailure : kExitOk;
}

int cmdLibrary(const CommandLine& cl, const content::DataPaths& paths, std::ostream& out,
               std::ostream& err) {
    auto options = parseOptions(
        cl.args, {"--region", "--position", "--goal", "--equipment", "--level"}, {"--json"});
    if (options.error) {
        return usageError(err, *options.error);
    }
    if (!options.positional.empty()) {
        return usageError(err, fmt::format(fmt::runtime(tr("unexpected argument {}")),
                                           options.positional.front()));
    }
    core::LibraryFilter filter;
    if (auto region = options.get("--region")) {
        if (!core::isRegion(*region)) {
            return usageError(err, fmt::format(fmt::runtime(tr("unknown region '{}'; one of: {}")),
                                               *region, fmt::join(core::regionNames(), ", ")));
        }
        filter.region = *region;
    }
    if (auto position = options.get("--position")) {
        filter.position = core::parseEnum<core::Position>(*position);
        if (!filter.position) {
            return usageError(err,
                              fmt::format(fmt::runtime(tr("unknown position '{}'; one of: {}")),
                                          *position, fmt::join(core::positionNames(), ", ")));
        }
    }
    if (auto goal = options.get("--goal")) {
        filter.goal = core::parseEnum<core::Goal>(*goal);
        if (!filter.goal) {
            return usageError(err, fmt::format(fmt::runtime(tr("unknown goal '{}'; one of: {}")),
                                               *goal, fmt::join(core::goalNames(), ", ")));
        }
    }
    if (auto equipment = options.get("--equipment")) {
        if (!core::isEquipment(*equipment)) {
            return usageError(err,
                              fmt::format(fmt::runtime(tr("unknown equipment '{}'; one of: {}")),
                                          *equipment, fmt::join(core::equipmentNames(), ", ")));
        }
        filter.equipment = *equipment;
    }
    if (auto level = options.get("--level")) {
        if (*level < "1" || *level > "5" || level->size() != 1) {
            return usageError(err, tr("--level takes a number from 1 to 5"));
        }
        filter.level = (*level)[0] - '0';
    }
    const auto load = loadForUse(cl.library.value_or(paths.library), err);
    const auto lang = core::uiLanguage();
    const auto found = load.library.filter(filter);
    if (options.flag("--json")) {
        JsonWriter json;
        json.beginArray();
        for (const auto* ex : found) {
            json.beginObject();
            writeSummaryJson(json, *ex, lang);
            json.endObject();
        }
        json.endArray();
        out << json.str() << '\n';
        return kExitOk;
    }
    std::size_t idWidth = 2;
    std::size_t nameWidth = 4;
    for (const auto* ex : found) {
        idWidth = std::max(idWidth, utf8Length(ex->id));
        nameWidth = std::max(nameWidth, utf8Length(ex->text(lang).name));
    }
    out << padRight(tr("ID"), idWidth) << "  " << padRight(tr("NAME"), nameWidth) << "  "
        << padRight(tr("LEVEL"), 5) << "  " << tr("POSITION") << " · " << tr("REGIONS") << '\n';
    for (const auto* ex : found) {
        out << padRight(ex->id, idWidth) << "  " << padRight(ex->text(lang).name, nameWidth) << "  "
            << padRight(std::to_string(ex->level), 5) << "  " << core::displayName(ex->position)
            << " · " << join(regionNames(*ex), ", ") << '\n';
    }
    out << fmt::format(fmt::runtime(tr("{} of {} exercise(s)")), found.size(), load.library.size())
        << '\n';
    return kExitOk;
}

void printList(std::ostream& out, const char* heading, const std::vector<std::string>& items,
               bool numbered) {
    if (items.empty()) {
        return;
    }
    out << '\n' << heading << '\n';
    for (std::size_t i = 0; i < items.size(); ++i) {
        out << "  " << (numbered ? std::to_string(i + 1) + ". " : std::string("- ")) << items[i]
            << '\n';
    }
}

// For content authors: where each segment of each pose lies, so that contacts can be checked.
// Works on an exercise whose file has errors too, as far as its poses could be read.
int showPoses(const std::filesystem::path& library, const std::string& id, std::ostream& out,
              std::ostream& err) {
    std::vector<core::Diagnostic> diagnostics;
    for (const auto& file : content::collectExerciseFiles({library}, diagnostics)) {
        if (file.stem() != id) {
            continue;
        }
        auto parsed = content::loadExerciseFile(file);
        printDiagnostics(parsed.diagnostics, err);
        auto poses = content::readPosesForInspection(file);
        for (const auto& [view, pose] : poses) {
            const auto body = core::placeBody(pose, view, content::kCheckHeightMetres);
            out << fmt::format("pose '{}' ({} view): lowest point of each segment, metres above "
                               "the floor; * = declared contact\n",
                               pose.id, core::toString(view));
            for (std::size_t i = 0; i < core::kSegmentCount; ++i) {
                const auto segment = static_cast<core::Segment>(i);
                const bool contact = std::find(pose.contacts.begin(), pose.contacts.end(),
                                               segment) != pose.contacts.end();
                const auto& placed = body[segment];
                out << fmt::format("  {:<12} {:6.3f}{}   ({:6.3f},{:6.3f}) -> ({:6.3f},{:6.3f})\n",
                                   core::toString(segment), body.lowest(segment),
                                   contact ? " *" : "  ", placed.start.x, placed.start.y,
                                   placed.end.x, placed.end.y);
            }
        }
        return parsed.exercise ? kExitOk : kExitFailure;
    }
    err << "motus: no file " << id << ".xml below " << library.string() << '\n';
    return kExitFailure;
}

int cmdShow(const CommandLine& cl, const content::DataPaths& paths, std::ostream& out,
            std::ostream& err) {
    auto options = parseOptions(cl.args, {}, {"--json", "--poses"});
    if (options.error) {
        return usageError(err, *options.error);
    }
    if (options.positional.size() != 1) {
        return usageError(err, tr("show needs exactly one exercise id"));
    }
    const auto library = cl.library.value_or(paths.library);
    if (options.flag("--poses")) {
        return showPoses(library, options.positional.front(), out, err);
    }
    const auto load = loadForUse(library, err);
    const auto* ex = load.library.find(options.positional.front());
    if (ex == nullptr) {
        err << "motus: "
            << fmt::format(fmt::runtime(tr("no exercise '{}' in the library (try 'motus "
                                           "library')")),
                           options.positional.front())
            << '\n';
        return kExitFailure;
    }
    const auto lang = core::uiLanguage();
    const auto& text = ex->text(lang);
    auto nameOf = [&](const std::optional<std::string>& id) -> std::string {
        if (!id) {
            return {};
        }
        const auto* other = load.library.find(*id);
        return other != nullptr ? other->text(lang).name : *id;
    };
    if (options.flag("--json")) {
        JsonWriter json;
        json.beginObject();
        writeSummaryJson(json, *ex, lang);
        json.key("language").value(ex->texts.count(lang) > 0 ? lang : std::string("en"));
        json.key("steps").stringArray(text.steps);
        json.key("cues").stringArray(text.cues);
        json.key("cautions").stringArray(text.cautions);
        json.key("contraindications").stringArray(text.contraindications);
        json.key("dose");
        writeDoseJson(json, ex->dose);
        json.key("bounds").beginObject();
        writeRange(json, "sets", ex->bounds.sets);
        writeRange(json, "reps", ex->bounds.reps);
        writeRange(json, "hold", ex->bounds.hold);
        writeRange(json, "rest", ex->bounds.rest);
        json.endObject();
        json.key("hold_capped").value(ex->holdCapped);
        json.key("variants").beginObject();
        json.key("progression");
        ex->progression ? json.value(*ex->progression) : json.null();
        json.key("regression");
        ex->regression ? json.value(*ex->regression) : json.null();
        json.endObject();
        json.key("view").value(core::toString(ex->view));
        json.key("poses").beginArray();
        for (const auto& pose : ex->poses) {
            json.value(pose.id);
        }
        json.endArray();
        json.key("phases").beginArray();
        for (const auto& phase : ex->phases) {
            json.beginObject();
            json.key("type").value(core::toString(phase.type));
            json.key("pose").value(ex->poses[phase.pose].id);
            json.endObject();
        }
        json.endArray();
        json.key("languages").beginArray();
        for (const auto& [code, unused] : ex->texts) {
            json.value(code);
        }
        json.endArray();
        json.key("source").value(ex->source);
        json.key("licence").value(ex->licence);
        json.key("file").value(ex->path);
        json.endObject();
        out << json.str() << '\n';
        return kExitOk;
    }
    std::vector<std::string> goals;
    for (auto goal : ex->goals) {
        goals.push_back(core::displayName(goal));
    }
    std::vector<std::string> equipment;
    for (const auto& item : ex->equipment) {
        equipment.push_back(core::equipmentDisplayName(item));
    }
    out << text.name << "  (" << ex->id << ")\n" << text.summary << "\n\n";
    out << tr("Regions:") << ' ' << join(regionNames(*ex), ", ") << '\n';
    out << tr("Goal:") << ' ' << join(goals, ", ") << '\n';
    out << tr("Position:") << ' ' << core::displayName(ex->position) << '\n';
    out << tr("Equipment:") << ' ' << join(equipment, ", ") << '\n';
    out << tr("Level:") << ' ' << ex->level << " / 5\n";
    out << tr("Dose:") << ' ' << core::describeDose(ex->dose) << '\n';
    out << tr("How often:") << ' ' << core::describeFrequency(ex->dose) << '\n';
    out << tr("Limits for automatic change:") << ' '
        << fmt::format(fmt::runtime(tr("sets {}–{}, reps {}–{}, hold {}–{} s, rest {}–{} s")),
                       ex->bounds.sets.min, ex->bounds.sets.max, ex->bounds.reps.min,
                       ex->bounds.reps.max, ex->bounds.hold.min, ex->bounds.hold.max,
                       ex->bounds.rest.min, ex->bounds.rest.max);
    if (ex->holdCapped) {
        out << " · " << tr("the hold stays short; progress adds reps");
    }
    out << '\n';
    if (ex->regression) {
        out << tr("Easier:") << ' ' << nameOf(ex->regression) << " (" << *ex->regression << ")\n";
    }
    if (ex->progression) {
        out << tr("Harder:") << ' ' << nameOf(ex->progression) << " (" << *ex->progression << ")\n";
    }
    printList(out, tr("How to do it:"), text.steps, true);
    printList(out, tr("Cues:"), text.cues, false);
    printList(out, tr("Cautions:"), text.cautions, false);
    printList(out, tr("Do not do this exercise if:"), text.contraindications, false);
    out << '\n' << tr("Source:") << ' ' << ex->source << " (" << ex->licence << ")\n";
    return kExitOk;
}

const char* stepType(core::StepKind kind) {
    switch (kind) {
    case core::StepKind::GetReady:
        return "get-ready";
    case core::StepKind::Phase:
        return "phase";
    case core::StepKind::SwitchSide:
        return "switch-side";
    case core::StepKind::Rest:
        return "rest";
    case core::StepKind::Transition:
        return "transition";
    }
    return "";
}

const char* sideName(core::RepSide side) {
    switch (side) {
    case core::RepSide::Both:
        return "both";
    case core::RepSide::Left:
        return "left";
    case core::RepSide::Right:
        return "right";
    }
    return "";
}

double seconds(core::Millis t) {
    return static_cast<double>(t.count()) / 1000.0;
}

// The timeline as events: each step, with set-start and rep-start events where sets and reps
// begin and an exercise-end event at the end.
void writeTimelineJson(JsonWriter& json, const core::Timeline& timeline) {
    json.beginObject();
    json.key("get_ready").value(seconds(timeline.options().getReady));
    json.key("total_seconds").value(seconds(timeline.total()));
    json.key("events").beginArray();
    auto event = [&](const char* type, core::Millis at) {
        json.beginObject();
        json.key("t").value(seconds(at));
        json.key("type").value(type);
    };
    const auto& steps = timeline.steps();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& step = steps[i];
        if (step.firstOfSet) {
            event("set-start", step.start);
            json.key("set").value(step.set);
            json.key("sets").value(step.setCount);
            json.key("reps").value(step.repCount);
            json.endObject();
        }
        if (step.kind == core::StepKind::Phase && step.firstOfRep) {
            event("rep-start", step.start);
            json.key("set").value(step.set);
            json.key("rep").value(step.rep);
            json.key("side").value(sideName(step.side));
            json.endObject();
        }
        event(stepType(step.kind), step.start);
        json.key("duration").value(seconds(step.duration));
        if (step.set > 0) {
            json.key("set").value(step.set);
        }
        if (step.kind == core::StepKind::Phase) {
            json.key("rep").value(step.rep);
            json.key("side").value(sideName(step.side));
            json.key("phase").value(core::toString(step.phase));
            const auto& ex = *timeline.items()[step.exercise].exercise;
            json.key("pose").value(ex.poses[step.poseTo].id);
        }
        if (step.kind == core::StepKind::SwitchSide) {
            json.key("side").value(sideName(step.side));
        }
        if (step.kind == core::StepKind::Transition || step.kind == core::StepKind::GetReady) {
            json.key("exercise").value(timeline.items()[step.exercise].exercise->id);
        }
        json.endObject();
        if (i + 1 == steps.size() || steps[i + 1].exercise != step.exercise) {
            event("exercise-end", step.end());
            json.key("exercise").value(timeline.items()[step.exercise].exercise->id);
            json.endObject();
        }
    }
    json.endArray();
    json.endObject();
}

int cmdPlay(const CommandLine& cl, const content::DataPaths& paths, std::ostream& out,
            std::ostream& err) {
    PlayRequest request;
    if (auto problem = parsePlayArgs(cl.args, request); !problem.empty()) {
        return usageError(err, problem);
    }
    if (!request.simulate) {
        return usageError(err, tr("play opens a window; use --simulate for the timeline"));
    }
    const auto load = loadForUse(cl.library.value_or(paths.library), err);
    const auto* ex = load.library.find(request.id);
    if (ex == nullptr) {
        err << "motus: "
            << fmt::format(fmt::runtime(tr("no exercise '{}' in the library (try 'motus "
                                           "library')")),
                           request.id)
            << '\n';
        return kExitFailure;
    }
    const core::Timeline timeline({{ex, request.dose.applyTo(ex->dose)}});
    if (request.json) {
        JsonWriter json;
        writeTimelineJson(json, timeline);
        out << json.str() << '\n';
        return kExitOk;
    }
    for (const auto& step : timeline.steps()) {
        out << fmt::format("{:8.1f}  {:<11} {:5.1f} s", seconds(step.start), stepType(step.kind),
                           seconds(step.duration));
        if (step.kind == core::StepKind::Phase) {
            out << fmt::format("  set {}/{} rep {}/{} {} {}", step.set, step.setCount, step.rep,
                               step.repCount, sideName(step.side), core::toString(step.phase));
        }
        out << '\n';
    }
    out << fmt::format(fmt::runtime(tr("total {:.0f} s")), seconds(timeline.total())) << '\n';
    return kExitOk;
}

} // namespace

std::string parsePlayArgs(const std::vector<std::string>& args, PlayRequest& request) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--simulate") {
            request.simulate = true;
            continue;
        }
        if (arg == "--json") {
            request.json = true;
            continue;
        }
        if (arg.rfind("--", 0) != 0) {
            if (!request.id.empty()) {
                return fmt::format(fmt::runtime(tr("unexpected argument {}")), arg);
            }
            request.id = arg;
            continue;
        }
        if (i + 1 >= args.size()) {
            return fmt::format(fmt::runtime(tr("option {} needs a value")), arg);
        }
        const std::string& value = args[++i];
        if (arg == "--side") {
            request.dose.side = core::parseEnum<core::Side>(value);
            if (!request.dose.side) {
                return fmt::format(fmt::runtime(tr("unknown side '{}'; one of: {}")), value,
                                   fmt::join(core::sideNames(), ", "));
            }
            continue;
        }
        struct Field {
            const char* name;
            std::optional<int> core::DoseOverride::*member;
            core::IntRange range;
        };
        using L = core::DoseLimits;
        const Field fields[] = {{"--sets", &core::DoseOverride::sets, L::sets},
                                {"--reps", &core::DoseOverride::reps, L::reps},
                                {"--hold", &core::DoseOverride::holdSeconds, L::hold},
                                {"--tempo", &core::DoseOverride::tempoSeconds, L::tempo},
                                {"--rest", &core::DoseOverride::restSeconds, L::rest}};
        const Field* field = nullptr;
        for (const auto& f : fields) {
            field = arg == f.name ? &f : field;
        }
        if (field == nullptr) {
            return fmt::format(fmt::runtime(tr("unknown option {}")), arg);
        }
        int number = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (ec != std::errc() || ptr != value.data() + value.size() ||
            !field->range.contains(number)) {
            return fmt::format(fmt::runtime(tr("{} takes a whole number from {} to {}")), arg,
                               field->range.min, field->range.max);
        }
        request.dose.*(field->member) = number;
    }
    if (request.id.empty()) {
        return tr("play needs an exercise id");
    }
    return {};
}

std::string padRight(const std::string& text, std::size_t width) {
    const auto length = utf8Length(text);
    return length >= width ? text : text + std::string(width - length, ' ');
}

std::string versionText() {
    return std::string("motus ") + MOTUS_VERSION + "\n";
}

std::string usage() {
    std::string text = tr("Usage: motus [--library DIR] [--lang LL] [COMMAND [OPTIONS]]");
    text += "\n\n";
    text += tr("Without a command, opens the window with the exercise library.");
    text += "\n\n";
    text += tr("Commands:");
    text += "\n";
    text +=
        tr("  validate [PATH...]        check exercise files or folders (default: the library)");
    text += "\n";
    text += tr("  library [--region R] [--position P] [--goal G] [--equipment E] [--level N] "
               "[--json]");
    text += "\n";
    text += tr("                            list the exercises, optionally filtered");
    text += "\n";
    text += tr("  show ID [--json]          everything about one exercise");
    text += "\n";
    text += tr("  play ID [--sets N] [--reps N] [--hold S] [--tempo S] [--rest S] [--side SIDE]");
    text += "\n";
    text += tr("                            play one exercise in the window; with --simulate "
               "[--json], print its timeline");
    text += "\n";
    text += tr("  render ID --sheet --out FILE.png | --at SECONDS --out FILE.png [--size WxH]");
    text += "\n";
    text += tr("                            draw the key poses, or the figure at one moment");
    text += "\n";
    text += tr("  program list|start ID|import FILE|show|export FILE  [--start DATE] [--json]");
    text += "\n";
    text += tr("                            the bundled programs; start or import one; the "
               "current plan");
    text += "\n";
    text += tr("  today [--date D] [--json]  the routine due that day");
    text += "\n";
    text += tr("  log ID [--date D] [--sets N] [--reps N] [--hold S] [--pain N] [--rpe N] "
               "[--leg worse|same|better]");
    text += "\n";
    text += tr("                            record one exercise done that day");
    text += "\n";
    text += tr("  checkin [--date D] [--morning-pain N] [--red-flag NAME]...");
    text += "\n";
    text += tr("  review [--date D] [--json]  the weekly reviews and every decision");
    text += "\n";
    text += tr("  streak [--date D] [--json]  current and longest streak, adherence, calendar");
    text += "\n";
    text += tr("  history [--json]          every dose change with its rule and reason");
    text += "\n";
    text += tr("  export --format csv --out FILE   sessions, sets, feedback and check-ins");
    text += "\n\n";
    text += tr("Options:");
    text += "\n";
    text += tr("  --library DIR   use the exercises in DIR instead of the bundled library");
    text += "\n";
    text += tr("  --lang LL       language of the interface and the exercises (e.g. de)");
    text += "\n";
    text += tr("  --db FILE       the journal (default: $XDG_DATA_HOME/motus/motus.db)");
    text += "\n";
    text += tr("  --select ID     open the window on this exercise");
    text += "\n";
    text += tr("  --screenshot F  draw the window once into the PNG file F and quit");
    text += "\n";
    text += tr("  --screenshot-at S  with --screenshot: after S seconds of the routine");
    text += "\n";
    text += tr("  --help          show this help");
    text += "\n";
    text += tr("  --version       show the version");
    text += "\n";
    return text;
}

CommandLine parseCommandLine(const std::vector<std::string>& argv) {
    CommandLine cl;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        auto takeValue = [&](std::string_view name) -> std::optional<std::string> {
            if (arg.size() > name.size() && arg.compare(0, name.size(), name) == 0 &&
                arg[name.size()] == '=') {
                return arg.substr(name.size() + 1);
            }
            if (arg == name) {
                if (i + 1 >= argv.size()) {
                    cl.error = "option " + std::string(name) + " needs a value";
                    return std::nullopt;
                }
                return argv[++i];
            }
            return std::nullopt;
        };
        if (arg == "--help" || arg == "-h") {
            cl.help = true;
        } else if (arg == "--version") {
            cl.version = true;
        } else if (auto library = takeValue("--library")) {
            cl.library = *library;
        } else if (auto lang = takeValue("--lang")) {
            cl.lang = *lang;
        } else if (auto db = takeValue("--db")) {
            cl.db = *db;
        } else if (auto screenshot = takeValue("--screenshot")) {
            cl.screenshot = *screenshot;
        } else if (auto select = takeValue("--select")) {
            cl.select = *select;
        } else if (auto at = takeValue("--screenshot-at")) {
            double seconds = -1;
            auto [ptr, ec] = std::from_chars(at->data(), at->data() + at->size(), seconds);
            if (ec != std::errc() || ptr != at->data() + at->size() || seconds < 0) {
                cl.error = "--screenshot-at takes a number of seconds";
                return cl;
            }
            cl.screenshotAt = seconds;
        } else if (cl.error) {
            return cl;
        } else if (cl.command.empty()) {
            if (arg.rfind("-", 0) == 0) {
                cl.error = "unknown option " + arg;
                return cl;
            }
            cl.command = arg;
        } else {
            cl.args.push_back(arg);
        }
    }
    if (cl.command == "help") {
        cl.help = true;
        cl.command.clear();
    }
    return cl;
}

int runCommand(const CommandLine& cl, const content::DataPaths& paths, std::ostream& out,
               std::ostream& err) {
    if (cl.command == "validate") {
        return cmdValidate(cl, paths, out, err);
    }
    if (cl.command == "library") {
        return cmdLibrary(cl, paths, out, err);
    }
    if (cl.command == "show") {
        return cmdShow(cl, paths, out, err);
    }
    if (cl.command == "play") {
        return cmdPlay(cl, paths, out, err);
    }
    if (isTrackingCommand(cl.command)) {
        return runTrackingCommand(cl, paths, out, err);
    }
    return usageError(err, fmt::format(fmt::runtime(tr("unknown command '{}'")), cl.command));
}

} // namespace motus::cli
