#include "Handout.hpp"

#include "Html.hpp"
#include "PoseSvg.hpp"
#include "Words.hpp"
#include "content/ProgramLoader.hpp"
#include "core/DateWords.hpp"
#include "core/I18n.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace motus::document {
namespace {

using core::tr;

std::string list(const std::vector<std::string>& items, const char* tag = "ul") {
    std::string out = fmt::format("<{}>", tag);
    for (const auto& item : items) {
        out += "<li>" + escape(item) + "</li>";
    }
    return out + fmt::format("</{}>", tag);
}

std::string humanise(std::string id) {
    std::replace(id.begin(), id.end(), '-', ' ');
    return id;
}

core::Date addDays(core::Date d, long n) {
    return core::Date(std::chrono::sys_days(d) + std::chrono::days(n));
}

// "Weeks 1–2" or "Week 3", with the dates when the program has a start.
std::string weeksText(int first, int count, const std::optional<core::Date>& start) {
    std::string text = count == 1
                           ? fmt::format(fmt::runtime(tr("Week {}")), first + 1)
                           : fmt::format(fmt::runtime(tr("Weeks {}–{}")), first + 1, first + count);
    if (start) {
        text += fmt::format(" ({} – {})", core::shortDate(addDays(*start, 7L * first)),
                            core::dayMonthYear(addDays(*start, 7L * (first + count) - 1)));
    }
    return text;
}

std::string schedule(const core::Program& program, const core::Library& library,
                     const HandoutOptions& options) {
    std::string out =
        "<section id=\"schedule\" class=\"keep\"><h2>" + escape(tr("Your schedule")) + "</h2>";
    out += "<table><thead><tr><th>" + escape(tr("Phase")) + "</th><th>" + escape(tr("When")) +
           "</th><th>" + escape(tr("How often")) + "</th><th>" + escape(tr("Exercises")) +
           "</th></tr></thead><tbody>";
    int week = 0;
    for (std::size_t i = 0; i < program.phases.size(); ++i) {
        const auto& phase = program.phases[i];
        const bool now = options.currentPhase && *options.currentPhase == i;
        out += now ? "<tr class=\"now\">" : "<tr>";
        out += "<td>" + escape(phase.nameIn(options.lang));
        if (now) {
            out += " <strong>(" + escape(tr("you are here")) + ")</strong>";
        }
        out += "</td><td>" + escape(weeksText(week, phase.weeks, options.start)) + "</td>";
        out += "<td>" + escape(frequencyOf(phase)) + "</td><td><ul class=\"plain\">";
        for (const auto& item : phase.items) {
            const auto* ex = library.find(item.exercise);
            const bool stopped = now && options.stopped.contains(item.exercise);
            out += "<li>" + escape(ex ? ex->text(options.lang).name : item.exercise) + ": " +
                   (stopped ? "<strong>" + escape(tr("stopped for now")) + "</strong>"
                            : escape(doseShort(item.dose))) +
                   "</li>";
        }
        out += "</ul></td></tr>";
        week += phase.weeks;
    }
    out += "</tbody></table></section>\n";
    return out;
}

std::string safety() {
    std::string out =
        "<section id=\"safety\" class=\"box alert\"><h2>" + escape(tr("When to stop")) + "</h2>";
    out += "<p>" +
           escape(tr("Some discomfort while you exercise is normal. Stop the exercise and tell "
                     "your therapist when the pain during it reaches 6 out of 10 or more, or is "
                     "still 2 points worse than usual the next morning, or when pain spreads "
                     "further down your leg or you notice new numbness or weakness.")) +
           "</p>";
    out += "<p><strong>" +
           escape(tr("Stop the whole program and seek medical care today if you notice:")) +
           "</strong></p><ul>";
    for (auto flag :
         {core::RedFlag::SaddleNumbness, core::RedFlag::BladderBowel, core::RedFlag::LegWeakness,
          core::RedFlag::FeverWeightLoss, core::RedFlag::MajorTrauma}) {
        out += "<li>" + escape(redFlagName(flag)) + "</li>";
    }
    out += "</ul></section>\n";
    return out;
}

struct Dosed {
    std::string phase;
    std::string weeks;
    core::Dose dose;
    int perDay = 1;
    int perWeek = 7;
};

std::string exerciseBlock(std::size_t number, const core::Exercise& ex,
                          const std::vector<Dosed>& doses, const HandoutOptions& options) {
    const auto& text = ex.text(options.lang);
    std::string out =
        fmt::format("<section class=\"exercise\" id=\"ex-{}\"><div class=\"top\">", escape(ex.id));
    out += fmt::format("<h3>{}. {}</h3>", number, escape(text.name));
    if (!text.summary.empty()) {
        out += "<p class=\"summary\">" + escape(text.summary) + "</p>";
    }
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < ex.poses.size(); ++i) {
        const std::string which = i == 0 ? std::string(tr("starting position"))
                                         : fmt::format(fmt::runtime(tr("position {}")), i + 1);
        labels.push_back(options.lang == "en" && i > 0
                             ? fmt::format("{} ({})", which, humanise(ex.poses[i].id))
                             : which);
    }
    if (ex.scene.fault) {
        // The common mistake, drawn crossed out after the poses: not a step, so not numbered.
        labels.emplace_back(text.fault.empty() ? std::string(tr("Not like this")) : text.fault);
    }
    // One row across the page when it fits: A4 leaves about 655 CSS pixels between the margins,
    // and each figure's border, padding and gap take about 17 more.
    const double figures = static_cast<double>(labels.size());
    const double width = std::clamp(std::floor(645.0 / figures - 17.0), 110.0, 200.0);
    const auto svgs = keyPoseSvgs(ex, labels, {width, 125});
    out += "<div class=\"poses\">";
    for (std::size_t i = 0; i < svgs.size() && i < labels.size(); ++i) {
        if (i >= ex.poses.size()) {
            out += "<figure class=\"fault\">" + svgs[i] + "<figcaption>" + escape(labels[i]) +
                   "</figcaption></figure>";
            continue;
        }
        out += "<figure>" + svgs[i] + "<figcaption>" +
               escape(fmt::format("{}. {}", i + 1, labels[i])) + "</figcaption></figure>";
    }
    out += "</div></div>"; // the poses, the top
    out += "<div class=\"cols\"><div class=\"col\">";
    if (options.stopped.contains(ex.id)) {
        out += "<p class=\"stopped\"><strong>" +
               escape(tr("Stopped for now: do not do this exercise until your therapist has "
                         "looked at it.")) +
               "</strong></p>";
    }
    out += "<div class=\"dose\"><h4>" + escape(tr("Dose")) + "</h4>";
    if (doses.size() == 1) {
        out += "<p>" + escape(doseInWords(doses.front().dose)) + ".</p>";
    } else {
        out += "<ul>";
        for (const auto& d : doses) {
            out += "<li><strong>" + escape(d.phase) + "</strong> (" + escape(d.weeks) +
                   "): " + escape(doseInWords(d.dose)) + ".</li>";
        }
        out += "</ul>";
    }
    out += "</div>";
    // Whether the dose is the source's or a convention (the citation is in "Sources" at the end).
    if (ex.doseFromConvention) {
        out += "<p class=\"source\">" + escape(core::doseConventionNote()) + "</p>";
    }
    if (!text.steps.empty()) {
        out += "<h4>" + escape(tr("How to do it")) + "</h4>" + list(text.steps, "ol");
    }
    out += "</div><div class=\"col\">";
    if (!text.cues.empty()) {
        out += "<h4>" + escape(tr("Tips")) + "</h4>" + list(text.cues);
    }
    if (!text.cautions.empty()) {
        out += "<h4>" + escape(tr("Take care")) + "</h4>" + list(text.cautions);
    }
    std::vector<std::string> stops{tr("the pain during the exercise reaches 6 out of 10 or more")};
    if (ex.canProvokeLegSymptoms()) {
        stops.emplace_back(
            tr("pain spreads further down your leg, or you notice new numbness or weakness"));
    }
    out += "<div class=\"stop\"><h4>" + escape(tr("Stop if")) + "</h4>" + list(stops) + "</div>";
    if (!text.contraindications.empty()) {
        out += "<h4>" + escape(tr("Do not do this exercise if")) + "</h4>" +
               list(text.contraindications);
    }
    out += "</div></div>";
    out += "</section>\n";
    return out;
}

constexpr std::string_view kHandoutStyle = R"(
.poses { display: flex; flex-wrap: wrap; gap: 2mm; margin: 1mm 0; }
.poses figure { border: 0.6pt solid #999; padding: 1mm; }
.poses figure { width: min-content; }
.poses figure.fault figcaption { font-weight: bold; }
.exercise { border-top: 1pt solid #000; padding-top: 2mm; margin-top: 3mm; }
.exercise .top { break-inside: avoid; page-break-inside: avoid; break-after: avoid;
  page-break-after: avoid; }
.source { font-size: 8pt; color: #444; }
.exercise li, .exercise p, .stop, .dose { break-inside: avoid; page-break-inside: avoid; }
.exercise h4 { break-after: avoid; page-break-after: avoid; }
.exercise h4 { font-size: 10pt; margin: 1.5mm 0 0.5mm 0; }
.exercise { font-size: 9pt; line-height: 1.3; }
.exercise ul, .exercise ol { margin: 0.5mm 0 1mm 0; }
.exercise li { margin: 0; }
.exercise p { margin: 0.5mm 0 1mm 0; }
.cols { display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; }
.stopped { border: 1.5pt solid #000; padding: 1mm 2mm; }
.stop { border-left: 3pt solid #000; padding-left: 2mm; }
.summary { font-style: italic; }
ul.plain { list-style: none; padding-left: 0; margin: 0; }
tr.now td { font-weight: bold; border-width: 1.5pt; }
)";

} // namespace

std::string handoutHtml(const core::Program& program, const core::Library& library,
                        const HandoutOptions& options) {
    const std::string title = program.titleIn(options.lang);
    std::string body = "<header><h1>" + escape(title) + "</h1><p class=\"meta\">";
    body += escape(fmt::format(fmt::runtime(tr("From: {}")), program.author));
    if (program.patient && !program.patient->empty()) {
        body += "<br/>" + escape(fmt::format(fmt::runtime(tr("Note: {}")), *program.patient));
    }
    if (options.start) {
        body += "<br/>" + escape(fmt::format(fmt::runtime(tr("Started on {}")),
                                             core::dayMonthYear(*options.start)));
    }
    body += "<br/>" + escape(fmt::format(fmt::runtime(tr("Printed on {}")),
                                         core::dayMonthYear(options.made)));
    if (options.dosesInForce) {
        body += "<br/>" + escape(tr("The doses are those in force today; the later phases show "
                                    "their planned doses."));
    }
    body += "</p></header>\n";
    if (!program.advice.empty()) {
        body += "<section id=\"advice\"><h2>" + escape(tr("Besides the exercises")) + "</h2><p>" +
                escape(program.adviceIn(options.lang)) + "</p></section>\n";
    }
    body += safety();
    body += schedule(program, library, options);
    body += "<section id=\"exercises\"><h2>" + escape(tr("Your exercises")) + "</h2>\n";
    // Each exercise once, in the order it first appears, with its dose in each phase.
    std::vector<std::string> order;
    std::map<std::string, std::vector<Dosed>> doses;
    int week = 0;
    for (const auto& phase : program.phases) {
        for (const auto& item : phase.items) {
            if (!doses.contains(item.exercise)) {
                order.push_back(item.exercise);
            }
            doses[item.exercise].push_back({phase.nameIn(options.lang),
                                            weeksText(week, phase.weeks, std::nullopt), item.dose,
                                            phase.perDay, phase.perWeek});
        }
        week += phase.weeks;
    }
    std::size_t number = 0;
    for (const auto& id : order) {
        if (const auto* ex = library.find(id)) {
            // Equal doses in consecutive phases are said once.
            auto ds = doses[id];
            if (std::all_of(ds.begin(), ds.end(),
                            [&](const Dosed& d) { return d.dose == ds.front().dose; })) {
                ds.resize(1);
            }
            body += exerciseBlock(++number, *ex, ds, options);
        }
    }
    body += "</section>\n";
    // The program's citations, then each exercise's, in small print for the therapist.
    std::vector<std::string> sources = program.sources;
    for (const auto& id : order) {
        if (const auto* ex = library.find(id)) {
            sources.push_back(ex->text(options.lang).name + ": " + ex->source);
        }
    }
    if (!sources.empty()) {
        body += "<section id=\"sources\" class=\"source\"><h2>" + escape(tr("Sources")) + "</h2>" +
                list(sources) + "</section>\n";
    }
    body += "<footer><p class=\"muted\">" +
            escape(tr("Made with Motus. Bring this sheet to your next appointment.")) +
            "</p></footer>\n";
    return page(options.lang, title, kHandoutStyle, body);
}

std::string handoutOfFile(const service::Practice& practice, const std::filesystem::path& file) {
    const auto preview = practice.preview(file);
    if (!preview.program) {
        std::string problems;
        for (const auto& d : preview.diagnostics) {
            problems += d.str() + "\n";
        }
        throw service::Refused(problems + tr("the program has errors; no handout was written"));
    }
    HandoutOptions options;
    options.lang = core::uiLanguage();
    options.made = practice.today();
    return handoutHtml(*preview.program, practice.library(), options);
}

std::string handoutOfCurrent(service::Practice& practice) {
    const std::string text = practice.currentProgramText(); // refuses without a program
    const auto parsed = content::parseProgram(text, "current.xml", practice.library());
    if (!parsed.program) {
        std::string problems;
        for (const auto& d : parsed.diagnostics) {
            problems += d.str() + "\n";
        }
        throw service::Refused(problems);
    }
    const auto view = practice.todayView();
    HandoutOptions options;
    options.lang = core::uiLanguage();
    options.made = practice.today();
    options.start = view.start;
    options.dosesInForce = true;
    for (const auto& p : practice.journal().prescriptions()) {
        if (p.stopped) {
            options.stopped.insert(p.exercise);
        }
    }
    if (view.state != service::ProgramState::NotStarted) {
        options.currentPhase = view.phase;
    }
    return handoutHtml(*parsed.program, practice.library(), options);
}

} // namespace motus::document
