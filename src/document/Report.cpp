#include "Report.hpp"

#include "Chart.hpp"
#include "Html.hpp"
#include "Words.hpp"
#include "core/I18n.hpp"
#include "core/Names.hpp"
#include "core/Reasons.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

namespace motus::document {
namespace {

using core::Date;
using core::tr;
using core::trn;

// Okabe & Ito: distinguishable with every common colour-vision deficiency.
constexpr const char* kBlue = "#0072B2";
constexpr const char* kVermillion = "#D55E00";
constexpr const char* kGreen = "#009E73";
constexpr const char* kGrey = "#444";

std::string cell(const std::string& text) {
    return "<td>" + escape(text) + "</td>";
}

std::string head(std::initializer_list<const char*> names) {
    std::string out = "<thead><tr>";
    for (const char* n : names) {
        out += "<th>" + escape(tr(n)) + "</th>";
    }
    return out + "</tr></thead>";
}

std::string percent(core::Fraction f) {
    return fmt::format("{} %", static_cast<int>(std::lround(f.toDouble() * 100)));
}

struct Data {
    service::Practice& practice;
    const core::Library& library;
    const core::Program& program;
    std::string lang;
    Date from;
    Date to;
    Date today;
    std::vector<core::DoseChange> phaseDecisions;  // the reviews' decisions of a new phase
    std::set<std::string, std::less<>> routineNow; // the exercises of today's routine

    [[nodiscard]] std::string name(const std::string& id) const {
        if (id.empty()) {
            return tr("the whole program");
        }
        const auto* ex = library.find(id);
        return ex ? ex->text(lang).name : id;
    }
};

std::string redFlags(const Data& d, const std::vector<core::CheckIn>& checkIns,
                     const std::vector<core::TherapistFlag>& open) {
    std::vector<std::string> items;
    for (const auto& c : checkIns) {
        if (c.redFlags.empty()) {
            continue;
        }
        std::string names;
        for (auto f : c.redFlags) {
            names += (names.empty() ? "" : "; ") + redFlagName(f);
        }
        items.push_back(
            fmt::format(fmt::runtime(tr("{}: reported {}")), core::formatDate(c.at.date), names));
    }
    for (const auto& f : open) {
        if (f.row == core::Row::RedFlag) {
            items.push_back(fmt::format(fmt::runtime(tr("{}: open flag #{}: {}")),
                                        core::formatDate(f.date), f.id,
                                        core::reasonText(f.reason, &d.library, &d.program)));
        }
    }
    if (items.empty()) {
        return {};
    }
    std::string out = "<section id=\"red-flags\" class=\"box alert\"><h2>" +
                      escape(tr("Warning signs (red flags)")) + "</h2><p><strong>" +
                      escape(tr("The patient reported a warning sign: the program was stopped "
                                "and the patient was told to seek medical care the same day.")) +
                      "</strong></p><ul>";
    for (const auto& item : items) {
        out += "<li>" + escape(item) + "</li>";
    }
    return out + "</ul></section>\n";
}

std::string openFlags(const Data& d, std::vector<core::TherapistFlag> open) {
    std::stable_partition(open.begin(), open.end(),
                          [](const auto& f) { return f.row == core::Row::RedFlag; });
    std::string out = "<section id=\"open-flags\"><h2>" + escape(tr("Open flags")) + "</h2>";
    if (open.empty()) {
        return out + "<p>" + escape(tr("No open flags.")) + "</p></section>\n";
    }
    out += "<table class=\"flags\">" +
           head({N_("Flag"), N_("Date"), N_("Exercise"), N_("Rule"), N_("What happened")}) +
           "<tbody>";
    for (const auto& f : open) {
        std::string what = core::reasonText(f.reason, &d.library, &d.program);
        if (f.stops) {
            what += " (" + std::string(tr("stopped until cleared")) + ")";
        }
        if (const auto figures = core::figuresText(f.figures); !figures.empty()) {
            what += " · " + figures;
        }
        out += "<tr>" + cell("#" + std::to_string(f.id)) + cell(core::formatDate(f.date)) +
               cell(d.name(f.exercise)) + cell(core::rowText(f.row)) + cell(what) + "</tr>";
    }
    out += "</tbody></table><p class=\"muted\">" +
           escape(tr("A flag stays until the therapist clears it (motus flags clear ID).")) +
           "</p></section>\n";
    return out;
}

std::string summary(const Data& d, const service::TodayView& view,
                    const std::vector<core::SessionRecord>& sessions) {
    const bool weeks = view.streakUnit == core::StreakUnit::Weeks;
    auto streak = [&](int n) {
        return weeks
                   ? fmt::format(
                         fmt::runtime(trn("{} week", "{} weeks", static_cast<unsigned long>(n))), n)
                   : fmt::format(
                         fmt::runtime(trn("{} day", "{} days", static_cast<unsigned long>(n))), n);
    };
    int complete = 0;
    for (const auto& s : sessions) {
        complete += s.status == core::SessionStatus::Complete ? 1 : 0;
    }
    std::string out = "<section id=\"streaks\"><h2>" + escape(tr("Streaks and sessions")) +
                      "</h2><table class=\"summary\"><tbody>";
    auto row = [&](const char* label, const std::string& value) {
        out += "<tr><th>" + escape(tr(label)) + "</th>" + cell(value) + "</tr>";
    };
    row(N_("Current streak"), streak(view.streak.current));
    row(N_("Longest streak"), streak(view.streak.longest));
    row(N_("Sessions in the period"),
        fmt::format(fmt::runtime(tr("{} complete of {} started")), complete, sessions.size()));
    if (view.adherence7) {
        row(N_("Adherence, last 7 days"), percent(*view.adherence7));
    }
    (void)d;
    return out + "</tbody></table></section>\n";
}

std::string adherence(const std::vector<service::WeekView>& weeks, Date today) {
    BarChart chart;
    chart.title = tr("Weekly adherence");
    // xgettext:no-c-format
    chart.axis = tr("% of prescribed sessions");
    chart.reference = 80;
    chart.referenceLabel = tr("80 %: the usual goal");
    for (const auto& w : weeks) {
        Bar bar;
        bar.label = fmt::format(fmt::runtime(tr("Week {}")), w.week + 1);
        bar.sublabel = fmt::format("{:02}-{:02}{}", static_cast<unsigned>(w.start.month()),
                                   static_cast<unsigned>(w.start.day()), w.end > today ? " *" : "");
        if (w.adherence) {
            bar.value = w.adherence->toDouble() * 100;
            bar.text = percent(*w.adherence);
        }
        chart.bars.push_back(bar);
    }
    std::string out =
        "<section id=\"adherence\" class=\"keep\"><h2>" + escape(tr("Weekly adherence")) + "</h2>";
    if (weeks.empty()) {
        return out + "<p>" + escape(tr("No program week lies in this period.")) +
               "</p></section>\n";
    }
    out += barChartSvg(chart);
    out += "<p class=\"muted\">" +
           escape(tr("Credit earned ÷ sessions prescribed in each program week (clinical rules "
                     "§2); * the week in progress, so far; – nothing was due.")) +
           "</p></section>\n";
    return out;
}

std::string painAndEffort(const Data& d, const std::vector<core::Feedback>& feedback,
                          const std::vector<core::CheckIn>& checkIns,
                          const std::vector<service::WeekView>& weeks) {
    std::map<Date, int> during, effort, morning;
    for (const auto& f : feedback) {
        if (f.pain) {
            during[f.date] = std::max(during.contains(f.date) ? during[f.date] : 0, *f.pain);
        }
        if (f.effort) {
            effort[f.date] = std::max(effort.contains(f.date) ? effort[f.date] : 0, *f.effort);
        }
    }
    for (const auto& c : checkIns) {
        if (c.morningPain) {
            morning[c.at.date] = *c.morningPain;
        }
    }
    LineChart pain;
    pain.title = tr("Pain during the exercises and next-morning pain, 0–10");
    pain.axis = tr("Pain (0–10)");
    pain.from = d.from;
    pain.to = d.to;
    Series s1{
        tr("pain during (highest of the day)"), {}, Marker::Circle, true, kBlue, "", false, false};
    for (const auto& [date, v] : during) {
        s1.points.push_back({date, static_cast<double>(v), std::to_string(v)});
    }
    Series s2{tr("morning pain"), {}, Marker::Square, false, kVermillion, "5 3", false, true};
    for (const auto& [date, v] : morning) {
        s2.points.push_back({date, static_cast<double>(v), std::to_string(v)});
    }
    Series s3{tr("baseline"), {}, Marker::None, false, kGrey, "1.5 2.5", true, true};
    std::optional<core::Fraction> last;
    for (const auto& w : weeks) {
        if (w.baseline && (!last || *last != *w.baseline)) {
            s3.points.push_back({std::max(w.start, d.from), w.baseline->toDouble(),
                                 fmt::format(fmt::runtime(tr("baseline {}")),
                                             core::numberText(w.baseline->toDouble()))});
        }
        last = w.baseline;
    }
    pain.series = {s3, s1, s2};
    if (during.empty() && morning.empty()) {
        pain.note = tr("No pain ratings in this period.");
    }
    LineChart rpe;
    rpe.title = tr("Effort (Borg CR10, 0–10)");
    rpe.axis = tr("Effort (0–10)");
    rpe.from = d.from;
    rpe.to = d.to;
    rpe.height = 190;
    Series s4{
        tr("effort (highest of the day)"), {}, Marker::Triangle, true, kGreen, "", false, false};
    for (const auto& [date, v] : effort) {
        s4.points.push_back({date, static_cast<double>(v), std::to_string(v)});
    }
    rpe.series = {s4};
    if (effort.empty()) {
        rpe.note = tr("No effort ratings in this period.");
    }
    std::string out = "<section id=\"pain\" class=\"keep\"><h2>" + escape(tr("Pain")) + "</h2>" +
                      lineChartSvg(pain) + "<p class=\"muted\">" +
                      escape(tr("Pain during: the highest rating of the day over the exercises. "
                                "Morning pain: the next-morning check-in. The baseline is the "
                                "median of the morning check-ins before each week (rules §4); a "
                                "rise of 2 or more over it counts as not settled.")) +
                      "</p></section>\n";
    out += "<section id=\"effort\" class=\"keep\"><h2>" + escape(tr("Effort")) + "</h2>" +
           lineChartSvg(rpe) + "</section>\n";
    return out;
}

int repsPerSession(const core::Dose& dose) {
    int total = 0;
    for (int i = 0; i < dose.sets; ++i) {
        total += dose.repsInSet(i);
    }
    return total;
}

// One change of an exercise's line: a dose from that day on, or the end of the line (switched
// away, or not in the routine of a new phase).
struct Step {
    Date date;
    std::optional<core::Prescription> to; // empty: the line ends here
    std::string label;                    // for an end: why
};

Date addDays(Date d, long n) {
    return Date(std::chrono::sys_days(d) + std::chrono::days(n));
}

std::string doses(const Data& d, const std::vector<core::DoseChange>& history,
                  const std::vector<core::Prescription>& current, Date start) {
    // Every change in the period, numbered for the table and the charts.
    std::vector<const core::DoseChange*> numbered;
    for (const auto& c : history) {
        if (c.date >= d.from && c.date <= d.to) {
            numbered.push_back(&c);
        }
    }
    auto numberOf = [&](const core::DoseChange* c) {
        return static_cast<int>(std::find(numbered.begin(), numbered.end(), c) - numbered.begin()) +
               1;
    };
    std::vector<std::string> ids;
    auto add = [&](const std::string& id) {
        if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.push_back(id);
        }
    };
    // The exercises: those of the phases begun by the period's end, those any change touched and
    // those prescribed now, in order of appearance.
    int weeks = 0;
    for (const auto& phase : d.program.phases) {
        if (addDays(start, 7L * weeks) > d.to) {
            break;
        }
        for (const auto& item : phase.items) {
            add(item.exercise);
        }
        weeks += phase.weeks;
    }
    for (const auto& c : history) {
        add(c.from.exercise);
        add(c.to.exercise);
    }
    for (const auto& p : current) {
        if (d.routineNow.contains(p.exercise)) {
            add(p.exercise);
        }
    }
    std::string out = "<section id=\"doses\"><h2>" + escape(tr("Dose of each exercise")) +
                      "</h2><p class=\"muted\">" +
                      escape(tr("Repetitions per session (per side for one-sided work), with the "
                                "whole dose written at each step. Each change carries its "
                                "number from the table below: a circle for a rule of the app, a "
                                "square for the plan or the therapist.")) +
                      "</p>";
    int charts = 0;
    for (const auto& id : ids) {
        // The plan: the phases whose routine has it, from their first day (and an end where a
        // phase without it begins); then every change the journal recorded. A phase begins with
        // the dose its review decided (a regressed dose may be kept, §5e); the phase in force
        // today with what is prescribed now, unless a change came after its start.
        // Prescribed now: in today's routine (stopped ones too); the journal keeps the
        // prescriptions of earlier phases.
        const auto now = d.routineNow.contains(id)
                             ? std::find_if(current.begin(), current.end(),
                                            [&](const auto& p) { return p.exercise == id; })
                             : current.end();
        std::vector<Step> steps;
        int week = 0;
        bool planned = false;
        bool inPhase = false;
        for (std::size_t i = 0; i < d.program.phases.size(); ++i) {
            const auto& phase = d.program.phases[i];
            const Date begins = addDays(start, 7L * week);
            const Date ends = addDays(begins, 7L * phase.weeks - 1);
            week += phase.weeks;
            const bool inForce =
                begins <= d.today && (d.today <= ends || i + 1 == d.program.phases.size());
            if (begins > d.today) {
                break;
            }
            const auto item = std::find_if(phase.items.begin(), phase.items.end(),
                                           [&](const auto& it) { return it.exercise == id; });
            const bool changedSince =
                std::any_of(history.begin(), history.end(), [&](const auto& c) {
                    return c.date >= begins && (c.to.exercise == id || c.from.exercise == id);
                });
            if (inForce && !changedSince) {
                // What is prescribed now holds since the phase began (or since the start).
                if (now != current.end()) {
                    steps.push_back({begins, *now, {}});
                    planned = inPhase = true;
                } else if (inPhase) {
                    steps.push_back({begins, std::nullopt, tr("not in this phase")});
                    inPhase = false;
                }
                continue;
            }
            if (item != phase.items.end()) {
                core::Prescription p;
                p.exercise = id;
                p.dose = item->dose;
                for (const auto& c : d.phaseDecisions) {
                    if (c.date == begins && c.to.exercise == id) {
                        p = c.to;
                    }
                }
                steps.push_back({begins, p, {}});
                planned = inPhase = true;
            } else if (inPhase) {
                steps.push_back({begins, std::nullopt, tr("not in this phase")});
                inPhase = false;
            }
        }
        if (!planned) {
            // Only reached by a switch, or the plan lost it: from the first change, else as
            // prescribed now from the start.
            const auto it = now;
            const bool changed = std::any_of(history.begin(), history.end(),
                                             [&](const auto& c) { return c.to.exercise == id; });
            if (!changed && it != current.end()) {
                steps.push_back({start, *it, {}});
            }
        }
        std::vector<Event> events;
        for (const auto& c : history) {
            if (c.to.exercise.empty() && c.date >= d.from && c.date <= d.to) {
                events.push_back({c.date, numberOf(&c), c.byTherapist()}); // the whole program
            }
            const bool into = c.to.exercise == id;
            const bool away = c.from.exercise == id && !into;
            if (!into && !away) {
                continue;
            }
            if (into) {
                steps.push_back({c.date, c.to, {}});
            } else {
                steps.push_back(
                    {c.date, std::nullopt,
                     fmt::format(fmt::runtime(tr("switched to {}")), d.name(c.to.exercise))});
            }
            if (c.date >= d.from && c.date <= d.to) {
                events.push_back({c.date, numberOf(&c), c.byTherapist()});
            }
        }
        // The plan's steps first, then the journal's, each in date order.
        std::stable_sort(steps.begin(), steps.end(),
                         [](const Step& a, const Step& b) { return a.date < b.date; });
        // What shows in the period: the step in force at its start, then those within it.
        std::vector<Point> points;
        double top = 1;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const auto& s = steps[i];
            const bool later = i + 1 < steps.size() && steps[i + 1].date <= d.from;
            if (later || s.date > d.to) {
                continue;
            }
            Point p;
            p.date = std::max(s.date, d.from);
            if (s.to && !s.to->stopped) {
                p.value = repsPerSession(s.to->dose);
                p.label = doseShort(s.to->dose);
            } else if (s.to) {
                p.value = 0;
                p.label = tr("stopped");
            } else {
                if (points.empty()) {
                    continue; // ended before the period
                }
                p.value = points.back().value;
                p.label = s.label;
                p.end = true;
            }
            if (!points.empty() && points.back().date == p.date) {
                points.back() = p;
            } else {
                points.push_back(p);
            }
            top = std::max(top, p.value);
        }
        if (points.empty()) {
            continue;
        }
        LineChart chart;
        chart.title = fmt::format(fmt::runtime(tr("Dose of {} over time")), d.name(id));
        chart.axis = fmt::format(fmt::runtime(tr("{}: repetitions per session")), d.name(id));
        chart.from = d.from;
        chart.to = d.to;
        chart.height = 170;
        const double step = top <= 10 ? 2 : top <= 25 ? 5 : top <= 60 ? 10 : 20;
        chart.yStep = step;
        chart.yMax = std::ceil(top * 1.3 / step) * step;
        chart.series = {Series{"", points, Marker::Circle, true, kBlue, "", true, false}};
        chart.events = events;
        std::vector<Shortened> cut;
        out += "<div class=\"dose-chart keep\">" + lineChartSvg(chart, &cut);
        if (!cut.empty()) {
            // Labels the chart had no room for in full, in full.
            std::string full;
            for (const auto& c : cut) {
                full += (full.empty() ? "" : "; ") + core::formatDate(c.date) + ": " + c.text;
            }
            out += "<p class=\"muted\">" +
                   escape(fmt::format(fmt::runtime(tr("Shortened in the chart: {}")), full)) +
                   "</p>";
        }
        out += "</div>";
        ++charts;
    }
    if (charts == 0) {
        out += "<p>" + escape(tr("No exercise was prescribed in this period.")) + "</p>";
    }
    out += "</section>\n<section id=\"changes\"><h2>" + escape(tr("Every dose change and why")) +
           "</h2>";
    if (numbered.empty()) {
        return out + "<p>" + escape(tr("No dose changed in this period.")) + "</p></section>\n";
    }
    out += "<table class=\"changes\">" +
           head({N_("No."), N_("Date"), N_("Exercise"), N_("Change"), N_("From → to"), N_("By"),
                 N_("Why")}) +
           "<tbody>";
    for (const auto* c : numbered) {
        const std::string who = core::rowText(c->row);
        std::string why = core::reasonText(*c, &d.library, &d.program);
        if (const auto figures = core::figuresText(c->figures); !figures.empty()) {
            why += " (" + figures + ")";
        }
        const std::string exercise = c->exercise.empty() ? c->from.exercise : c->exercise;
        std::string fromTo =
            c->to.exercise.empty()
                ? std::string("–")
                : doseShort(c->from.dose) + " → " +
                      (c->to.stopped ? std::string(tr("stopped")) : doseShort(c->to.dose));
        if (!c->to.exercise.empty() && c->to.exercise != c->from.exercise) {
            fromTo += " (" + d.name(c->to.exercise) + ")";
        }
        out += "<tr>" + cell(std::to_string(numberOf(c))) + cell(core::formatDate(c->date)) +
               cell(d.name(exercise)) + cell(core::displayName(c->decision)) + cell(fromTo) +
               cell(who) + cell(why) + "</tr>";
    }
    return out + "</tbody></table></section>\n";
}

constexpr std::string_view kReportStyle = R"(
.chart { margin: 1mm 0; max-width: 100%; height: auto; }
.dose-chart { margin-bottom: 2mm; }
table.changes, table.flags { font-size: 8.5pt; }
table.summary { width: auto; }
table.summary th { font-weight: normal; }
)";

} // namespace

std::string reportHtml(service::Practice& practice, const ReportPeriod& period) {
    const auto* program = practice.program();
    if (program == nullptr) {
        throw service::Refused(tr("no program yet: there is nothing to report"));
    }
    const Date today = practice.today();
    const auto active = practice.active();
    const Date to = period.to.value_or(today);
    const Date from = period.from.value_or(active->start);
    if (to > today) {
        throw service::Refused(
            fmt::format(fmt::runtime(tr("the report ends at the latest today ({}), not on {}")),
                        core::formatDate(today), core::formatDate(to)),
            true);
    }
    if (from > to) {
        throw service::Refused(fmt::format(fmt::runtime(tr("the report cannot begin ({}) after "
                                                           "it ends ({})")),
                                           core::formatDate(from), core::formatDate(to)),
                               true);
    }
    const std::string lang = core::uiLanguage();
    const auto history = practice.history();
    Data d{practice, practice.library(), *program, lang, from, to, today, {}, {}};
    {
        const auto now = practice.todayView();
        for (const auto& item : now.items) {
            d.routineNow.insert(item.prescription.exercise);
        }
        for (const auto& stopped : now.stopped) {
            d.routineNow.insert(stopped.id);
        }
        if (now.state == service::ProgramState::Stopped && now.program != nullptr) {
            // A stopped program has no routine today: the phase's, as prescribed.
            for (const auto& item : now.program->phases[now.phase].items) {
                d.routineNow.insert(item.exercise);
            }
            for (const auto& c : history) {
                if (!c.to.exercise.empty() && c.to.exercise != c.from.exercise &&
                    d.routineNow.contains(c.from.exercise)) {
                    d.routineNow.insert(c.to.exercise);
                }
            }
        }
    }
    for (const auto& review : practice.reviews()) {
        for (const auto& c : review.decisions) {
            if (c.row == core::Row::Phase) {
                d.phaseDecisions.push_back(c);
            }
        }
    }
    const auto view = practice.todayView(to);
    const auto weeks = practice.weeks(from, to);
    const auto open = practice.flags();
    auto& journal = practice.journal();
    const auto feedback = journal.feedback(from, to);
    const auto checkIns = journal.checkIns(from, to);
    const auto sessions = journal.sessions(from, to);
    const auto current = journal.prescriptions();

    const std::string title = tr("Progress report");
    std::string body = "<header><h1>" + escape(title) + "</h1><p class=\"meta\">";
    body += escape(fmt::format(fmt::runtime(tr("Program: {} (from {})")), program->titleIn(lang),
                               program->author));
    if (program->patient && !program->patient->empty()) {
        body += "<br/>" + escape(fmt::format(fmt::runtime(tr("Note: {}")), *program->patient));
    }
    body += "<br/>" + escape(fmt::format(fmt::runtime(tr("Started on {}; this report covers {} to "
                                                         "{}; made on {}.")),
                                         core::formatDate(active->start), core::formatDate(from),
                                         core::formatDate(to), core::formatDate(today)));
    if (active->stopped) {
        body += "<br/><strong>" +
                escape(tr("The program is stopped until the therapist clears its flag.")) +
                "</strong>";
    }
    body += "</p></header>\n";
    body += redFlags(d, checkIns, open);
    body += openFlags(d, open);
    body += summary(d, view, sessions);
    body += adherence(weeks, today);
    body += painAndEffort(d, feedback, checkIns, weeks);
    body += doses(d, history, current, active->start);
    body += "<footer><p class=\"muted\">" +
            escape(tr("Made by Motus from the journal on the patient's computer. The CSV export "
                      "(motus export) has every session, set and rating.")) +
            "</p></footer>\n";
    return page(lang, title, kReportStyle, body);
}

} // namespace motus::document
