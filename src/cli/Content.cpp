// The commands that read the exercise library (validate, library, show, play --simulate), the
// ones handed to the front end (the window, play, render) and help.
#include "Commands.hpp"
#include "Json.hpp"
#include "Text.hpp"
#include "content/ContentCheck.hpp"
#include "content/ExerciseLoader.hpp"
#include "core/I18n.hpp"
#include "core/Kinematics.hpp"
#include "core/Names.hpp"
#include "core/Timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>
#include <system_error>

namespace motus::cli {
namespace {

using core::tr;

std::string join(const std::vector<std::string>& items, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i > 0 ? separator : std::string()) + items[i];
    }
    return out;
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

int noExercise(const std::string& id, std::ostream& err) {
    err << "motus: "
        << fmt::format(fmt::runtime(tr("no exercise '{}' in the library (try 'motus library')")),
                       id)
        << '\n';
    return kExitFailure;
}

std::vector<std::string> regionNames(const core::Exercise& ex) {
    std::vector<std::string> names;
    for (const auto& region : ex.regions) {
        names.push_back(core::regionDisplayName(region));
    }
    return names;
}

Json summaryJson(const core::Exercise& ex, const std::string& lang) {
    const auto& text = ex.text(lang);
    Json j;
    j["id"] = ex.id;
    j["name"] = text.name;
    j["summary"] = text.summary;
    j["regions"] = ex.regions;
    Json goals = Json::array();
    for (auto goal : ex.goals) {
        goals.push_back(std::string(core::toString(goal)));
    }
    j["goals"] = goals;
    j["position"] = std::string(core::toString(ex.position));
    j["equipment"] = ex.equipment;
    j["level"] = ex.level;
    return j;
}

Json exerciseDoseJson(const core::Dose& dose) {
    Json j;
    j["sets"] = dose.sets;
    j["reps"] = dose.reps;
    j["hold"] = dose.holdSeconds;
    j["tempo"] = dose.tempoSeconds;
    j["rest"] = dose.restSeconds;
    j["side"] = std::string(core::toString(dose.side));
    j["per_day"] = dose.perDay;
    j["per_week"] = dose.perWeek;
    j["pyramid"] = dose.pyramid; // an array, empty without a pyramid (as it always was)
    return j;
}

Json rangeJson(core::IntRange range) {
    return Json::array({range.min, range.max});
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
        if (parsed.exercise && parsed.exercise->formatVersion >= 2) {
            // The 3-D figure: each key pose settled on its contacts, each part's ends.
            const auto& scene = parsed.exercise->scene;
            for (std::size_t k = 0; k < scene.poses.size(); ++k) {
                const auto& key = scene.poses[k];
                const auto posture = core::settledPose(scene, k);
                const auto body = core::place(posture);
                const auto com = core::centreOfMass(body);
                out << fmt::format("pose '{}': pelvis at ({:.3f}, {:.3f}, {:.3f}), centre of mass "
                                   "({:.3f}, {:.3f}, {:.3f}); each part's lowest point above the "
                                   "floor, its ends (x forward, y up, z right), metres; * = "
                                   "declared contact\n",
                                   key.id, posture.pelvis.position.x, posture.pelvis.position.y,
                                   posture.pelvis.position.z, com.x, com.y, com.z);
                const auto points = core::surfacePoints(body);
                for (std::size_t i = 0; i < core::kPartCount; ++i) {
                    const auto part = static_cast<core::Part>(i);
                    double low = 1e9;
                    for (const auto& p : points) {
                        if (p.part == part) {
                            low = std::min(low, p.at.y);
                        }
                    }
                    std::string on;
                    for (const auto& c : key.contacts) {
                        if (c.part == part) {
                            on = c.prop.empty() ? " *" : " *@" + c.prop;
                        }
                    }
                    const auto& placed = body[part];
                    out << fmt::format("  {:<12} {:6.3f}{:<10} ({:6.3f},{:6.3f},{:6.3f}) -> "
                                       "({:6.3f},{:6.3f},{:6.3f})\n",
                                       core::toString(part), low, on, placed.origin.x,
                                       placed.origin.y, placed.origin.z, placed.end.x, placed.end.y,
                                       placed.end.z);
                }
            }
            return kExitOk;
        }
        for (const auto& [view, pose] : content::readPosesForInspection(file)) {
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
    err << "motus: "
        << fmt::format(fmt::runtime(tr("no file {}.xml below {}")), id, library.string()) << '\n';
    return kExitFailure;
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
Json timelineJson(const core::Timeline& timeline) {
    Json events = Json::array();
    auto event = [](const char* type, core::Millis at) {
        Json e;
        e["t"] = number(seconds(at));
        e["type"] = type;
        return e;
    };
    const auto& steps = timeline.steps();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& step = steps[i];
        const auto& ex = *timeline.items()[step.exercise].exercise;
        if (step.firstOfSet) {
            Json e = event("set-start", step.start);
            e["set"] = step.set;
            e["sets"] = step.setCount;
            e["reps"] = step.repCount;
            events.push_back(e);
        }
        if (step.kind == core::StepKind::Phase && step.firstOfRep) {
            Json e = event("rep-start", step.start);
            e["set"] = step.set;
            e["rep"] = step.rep;
            e["side"] = sideName(step.side);
            events.push_back(e);
        }
        Json e = event(stepType(step.kind), step.start);
        e["duration"] = number(seconds(step.duration));
        if (step.set > 0) {
            e["set"] = step.set;
        }
        if (step.kind == core::StepKind::Phase) {
            e["rep"] = step.rep;
            e["side"] = sideName(step.side);
            e["phase"] = std::string(core::toString(step.phase));
            e["pose"] = ex.poses[step.poseTo].id;
        }
        if (step.kind == core::StepKind::SwitchSide) {
            e["side"] = sideName(step.side);
        }
        if (step.kind == core::StepKind::Transition || step.kind == core::StepKind::GetReady) {
            e["exercise"] = ex.id;
        }
        events.push_back(e);
        if (i + 1 == steps.size() || steps[i + 1].exercise != step.exercise) {
            Json end = event("exercise-end", step.end());
            end["exercise"] = ex.id;
            events.push_back(end);
        }
    }
    Json j;
    j["get_ready"] = number(seconds(timeline.options().getReady));
    j["total_seconds"] = number(seconds(timeline.total()));
    j["events"] = events;
    return j;
}

core::DoseOverride doseOverride(const Values& v) {
    core::DoseOverride dose;
    dose.sets = v.integer("--sets");
    dose.reps = v.integer("--reps");
    dose.holdSeconds = v.integer("--hold");
    dose.tempoSeconds = v.integer("--tempo");
    dose.restSeconds = v.integer("--rest");
    if (auto side = v.text("--side")) {
        dose.side = core::parseEnum<core::Side>(*side);
    }
    return dose;
}

} // namespace

int cmdWindow(Context& c) {
    WindowRequest request;
    request.library = c.library();
    request.db = c.journal();
    request.select = c.values.text("--select").value_or("");
    request.screenshot = c.values.text("--screenshot").value_or("");
    request.screenshotAt = c.values.seconds("--screenshot-at").value_or(0.0);
    request.language = c.values.text("--lang").value_or("");
    if (!c.values.positionals().empty()) {
        request.open = c.values.positionals().front();
        std::error_code ec;
        if (!std::filesystem::is_regular_file(request.open, ec)) {
            const bool missing = !std::filesystem::exists(request.open, ec);
            c.err << "motus: "
                  << fmt::format(fmt::runtime(missing ? tr("cannot open {}: no such file")
                                                      : tr("cannot open {}: not a regular file")),
                                 request.open.string())
                  << '\n';
            return kExitFailure;
        }
    }
    if (auto size = c.values.size("--size")) {
        request.width = size->first;
        request.height = size->second;
    }
    request.textSize = static_cast<int>(c.values.integer("--text-size").value_or(0));
    if (const auto screens = c.values.text("--screen")) {
        std::size_t from = 0;
        while (from <= screens->size()) {
            const auto comma = std::min(screens->find(',', from), screens->size());
            if (comma > from) {
                request.screens.push_back(screens->substr(from, comma - from));
            }
            from = comma + 1;
        }
    }
    request.checkLayout = c.values.flag("--check-layout");
    request.newProgram = c.values.flag("--new-program");
    request.editProgram = c.values.text("--edit-program").value_or("");
    if ((request.newProgram || !request.editProgram.empty()) && !request.open.empty()) {
        c.err << "motus: "
              << tr("a program file to open cannot be given with --new-program or --edit-program")
              << '\n';
        return kExitUsage;
    }
    if (!request.editProgram.empty()) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(request.editProgram, ec)) {
            const bool missing = !std::filesystem::exists(request.editProgram, ec);
            c.err << "motus: "
                  << fmt::format(fmt::runtime(missing ? tr("cannot open {}: no such file")
                                                      : tr("cannot open {}: not a regular file")),
                                 request.editProgram.string())
                  << '\n';
            return kExitFailure;
        }
    }
    c.out.flush();
    return c.frontEnd.window(request);
}

int cmdValidate(Context& c) {
    const auto library = c.library();
    std::vector<std::filesystem::path> targets(c.values.positionals().begin(),
                                               c.values.positionals().end());
    // Files and folders given are checked against the rest of the library; the library alone
    // (with its programs) against itself.
    content::LibraryLoad context;
    if (targets.empty()) {
        targets.push_back(library);
    } else {
        context = content::loadLibrary({library});
    }
    const auto check = content::checkContent(
        targets, targets.front() == library && targets.size() == 1 ? nullptr : &context.library);
    printDiagnostics(check.diagnostics, c.err);
    const auto errors = core::countErrors(check.diagnostics);
    const auto warnings = check.diagnostics.size() - errors;
    if (!c.values.flag("--quiet")) {
        c.out << fmt::format(fmt::runtime(tr("{} file(s) checked, {} exercise(s) valid, {} "
                                             "program(s) valid, {} error(s), {} warning(s)")),
                             check.filesRead, check.exercisesValid, check.programsValid, errors,
                             warnings)
              << '\n';
        if (!check.withoutVariants.empty()) {
            c.out << fmt::format(fmt::runtime(tr("{} exercise(s) have no easier or harder "
                                                 "variant:")),
                                 check.withoutVariants.size())
                  << '\n';
            for (const auto& ex : check.withoutVariants) {
                c.out << "  " << ex.id << ": "
                      << (ex.reason.empty() ? std::string(tr("no reason given")) : ex.reason)
                      << '\n';
            }
        }
    }
    return errors > 0 ? kExitFailure : kExitOk;
}

int cmdLibrary(Context& c) {
    const Values& v = c.values;
    core::LibraryFilter filter;
    filter.region = v.text("--region");
    if (auto position = v.text("--position")) {
        filter.position = core::parseEnum<core::Position>(*position);
    }
    if (auto goal = v.text("--goal")) {
        filter.goal = core::parseEnum<core::Goal>(*goal);
    }
    filter.equipment = v.text("--equipment");
    filter.level = v.integer("--level");
    const auto load = loadForUse(c.library(), c.err);
    const auto lang = core::uiLanguage();
    const auto found = load.library.filter(filter);
    if (v.flag("--json")) {
        Json list = Json::array();
        for (const auto* ex : found) {
            list.push_back(summaryJson(*ex, lang));
        }
        c.out << dump(list) << '\n';
        return kExitOk;
    }
    std::size_t idWidth = 2;
    std::size_t nameWidth = 4;
    for (const auto* ex : found) {
        idWidth = std::max(idWidth, utf8Length(ex->id));
        nameWidth = std::max(nameWidth, utf8Length(ex->text(lang).name));
    }
    c.out << padRight(tr("ID"), idWidth) << "  " << padRight(tr("NAME"), nameWidth) << "  "
          << padRight(tr("LEVEL"), 5) << "  " << tr("POSITION") << " · " << tr("REGIONS") << '\n';
    for (const auto* ex : found) {
        c.out << padRight(ex->id, idWidth) << "  " << padRight(ex->text(lang).name, nameWidth)
              << "  " << padRight(std::to_string(ex->level), 5) << "  "
              << core::displayName(ex->position) << " · " << join(regionNames(*ex), ", ") << '\n';
    }
    c.out << fmt::format(fmt::runtime(tr("{} of {} exercise(s)")), found.size(),
                         load.library.size())
          << '\n';
    return kExitOk;
}

int cmdShow(Context& c) {
    const std::string& id = c.values.positionals().front();
    const auto library = c.library();
    if (c.values.flag("--poses")) {
        return showPoses(library, id, c.out, c.err);
    }
    const auto load = loadForUse(library, c.err);
    const auto* ex = load.library.find(id);
    if (ex == nullptr) {
        return noExercise(id, c.err);
    }
    const auto lang = core::uiLanguage();
    const auto& text = ex->text(lang);
    auto nameOf = [&](const std::optional<std::string>& other) -> std::string {
        if (!other) {
            return {};
        }
        const auto* found = load.library.find(*other);
        return found != nullptr ? found->text(lang).name : *other;
    };
    auto optional = [](const std::optional<std::string>& value) {
        return value ? Json(*value) : Json(nullptr);
    };
    if (c.values.flag("--json")) {
        Json j = summaryJson(*ex, lang);
        j["language"] = ex->texts.count(lang) > 0 ? lang : std::string("en");
        j["steps"] = text.steps;
        j["cues"] = text.cues;
        j["cautions"] = text.cautions;
        j["contraindications"] = text.contraindications;
        j["dose"] = exerciseDoseJson(ex->dose);
        j["bounds"] = {{"sets", rangeJson(ex->bounds.sets)},
                       {"reps", rangeJson(ex->bounds.reps)},
                       {"hold", rangeJson(ex->bounds.hold)},
                       {"rest", rangeJson(ex->bounds.rest)}};
        j["hold_capped"] = ex->holdCapped;
        j["variants"] = {{"progression", optional(ex->progression)},
                         {"regression", optional(ex->regression)}};
        if (!ex->noVariantReason.empty()) {
            j["variants"]["none"] = ex->noVariantReason;
        }
        j["view"] = std::string(core::toString(ex->view));
        Json poses = Json::array();
        for (const auto& pose : ex->poses) {
            poses.push_back(pose.id);
        }
        j["poses"] = poses;
        Json phases = Json::array();
        for (const auto& phase : ex->phases) {
            phases.push_back({{"type", std::string(core::toString(phase.type))},
                              {"pose", ex->poses[phase.pose].id}});
        }
        j["phases"] = phases;
        Json languages = Json::array();
        for (const auto& [code, unused] : ex->texts) {
            languages.push_back(code);
        }
        j["languages"] = languages;
        j["source"] = ex->source;
        j["dose_basis"] = ex->doseFromConvention ? "convention" : "source";
        j["licence"] = ex->licence;
        j["file"] = ex->path;
        c.out << dump(j) << '\n';
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
    auto& out = c.out;
    out << text.name << "  (" << ex->id << ")\n" << text.summary << "\n\n";
    out << tr("Regions:") << ' ' << join(regionNames(*ex), ", ") << '\n';
    out << tr("Goal:") << ' ' << join(goals, ", ") << '\n';
    out << tr("Position:") << ' ' << core::displayName(ex->position) << '\n';
    out << tr("Equipment:") << ' ' << join(equipment, ", ") << '\n';
    out << tr("Level:") << ' ' << ex->level << " / 5\n";
    out << tr("Dose:") << ' ' << core::describeDose(ex->dose);
    if (ex->doseFromConvention) {
        out << " (" << tr("clinical convention") << ')';
    }
    out << '\n';
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
    if (ex->doseFromConvention) {
        out << core::doseConventionNote() << '\n';
    }
    if (!ex->progression && !ex->regression && !ex->noVariantReason.empty()) {
        out << tr("No easier or harder variant:") << ' ' << ex->noVariantReason << '\n';
    }
    return kExitOk;
}

int cmdPlay(Context& c) {
    const std::string& id = c.values.positionals().front();
    const auto dose = doseOverride(c.values);
    if (!c.values.flag("--simulate")) {
        WindowRequest request;
        request.library = c.library();
        request.db = c.journal();
        request.play = id;
        request.dose = dose;
        request.language = c.values.text("--lang").value_or("");
        request.screenshot = c.values.text("--screenshot").value_or("");
        request.screenshotAt = c.values.seconds("--screenshot-at").value_or(0.0);
        c.out.flush();
        return c.frontEnd.window(request);
    }
    const auto load = loadForUse(c.library(), c.err);
    const auto* ex = load.library.find(id);
    if (ex == nullptr) {
        return noExercise(id, c.err);
    }
    const core::Timeline timeline({{ex, dose.applyTo(ex->dose)}});
    if (c.values.flag("--json")) {
        c.out << dump(timelineJson(timeline)) << '\n';
        return kExitOk;
    }
    for (const auto& step : timeline.steps()) {
        c.out << fmt::format("{:8.1f}  {:<11} {:5.1f} s", seconds(step.start), stepType(step.kind),
                             seconds(step.duration));
        if (step.kind == core::StepKind::Phase) {
            c.out << fmt::format("  set {}/{} rep {}/{} {} {}", step.set, step.setCount, step.rep,
                                 step.repCount, sideName(step.side), core::toString(step.phase));
        }
        c.out << '\n';
    }
    c.out << fmt::format(fmt::runtime(tr("total {:.0f} s")), seconds(timeline.total())) << '\n';
    return kExitOk;
}

int cmdRender(Context& c) {
    RenderRequest request;
    request.library = c.library();
    request.id = c.values.positionals().front();
    request.sheet = c.values.flag("--sheet");
    request.atSeconds = c.values.seconds("--at");
    request.out = *c.values.text("--out");
    if (auto size = c.values.size("--size")) {
        request.width = size->first;
        request.height = size->second;
    }
    if (const auto camera = c.values.text("--camera")) {
        // Two numbers: any azimuth (turned into 0..360), an elevation from -90 to 90.
        const auto comma = camera->find(',');
        double azimuth = 0.0;
        double elevation = 0.0;
        const char* end = camera->data() + camera->size();
        const bool read = comma != std::string::npos &&
                          std::from_chars(camera->data(), camera->data() + comma, azimuth).ptr ==
                              camera->data() + comma &&
                          std::from_chars(camera->data() + comma + 1, end, elevation).ptr == end &&
                          std::isfinite(azimuth) && std::isfinite(elevation) &&
                          elevation >= -90.0 && elevation <= 90.0;
        if (!read) {
            return c.usage(tr("--camera takes AZIMUTH,ELEVATION in degrees, the elevation "
                              "from -90 to 90 (e.g. 30,20)"));
        }
        request.camera = std::pair{std::fmod(std::fmod(azimuth, 360.0) + 360.0, 360.0), elevation};
    }
    c.out.flush();
    return c.frontEnd.render(request);
}

int cmdHelp(Context& c) {
    std::string path;
    for (const auto& word : c.values.positionals()) {
        path += (path.empty() ? "" : " ") + word;
    }
    const Command* command = findCommand(path);
    if (command == nullptr) {
        return c.usage(fmt::format(fmt::runtime(tr("unknown command '{}'")), path));
    }
    c.out << helpText(command);
    return kExitOk;
}

} // namespace motus::cli
