#include "ProgramDraft.hpp"

#include "Practice.hpp"
#include "content/ProgramLoader.hpp"
#include "core/I18n.hpp"
#include "core/Timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

namespace motus::service {
namespace {

namespace fs = std::filesystem;
using core::tr;
using L = core::DoseLimits;

core::IntRange intersect(core::IntRange a, core::IntRange b) {
    core::IntRange r{std::max(a.min, b.min), std::min(a.max, b.max)};
    if (r.min > r.max) { // bounds that do not meet: the exercise's own win
        r = b;
    }
    return r;
}

const char* fieldName(DoseField field) {
    switch (field) {
    case DoseField::Sets:
        return tr("Number of sets");
    case DoseField::Reps:
        return tr("Repetitions");
    case DoseField::Hold:
        return tr("Hold (seconds)");
    case DoseField::Tempo:
        return tr("Tempo (seconds)");
    case DoseField::Rest:
        return tr("Rest (seconds)");
    }
    return "";
}

DoseField doseFieldOf(BoundField field) {
    switch (field) {
    case BoundField::Sets:
        return DoseField::Sets;
    case BoundField::Reps:
        return DoseField::Reps;
    case BoundField::Hold:
        return DoseField::Hold;
    case BoundField::Rest:
        return DoseField::Rest;
    }
    return DoseField::Sets;
}

core::IntRange exerciseBound(const core::Exercise& exercise, BoundField field) {
    return boundOf(exercise.bounds, field);
}

bool hasHoldPhase(const core::Exercise& exercise) {
    return std::any_of(exercise.phases.begin(), exercise.phases.end(),
                       [](const core::Phase& p) { return p.type == core::PhaseType::Hold; });
}

// The lowest and highest values of a dose field (a pyramid's entries for reps).
core::IntRange doseSpan(const core::Dose& dose, DoseField field) {
    switch (field) {
    case DoseField::Sets:
        return {dose.sets, dose.sets};
    case DoseField::Reps:
        if (!dose.pyramid.empty()) {
            const auto [lo, hi] = std::minmax_element(dose.pyramid.begin(), dose.pyramid.end());
            return {*lo, *hi};
        }
        return {dose.reps, dose.reps};
    case DoseField::Hold:
        return {dose.holdSeconds, dose.holdSeconds};
    case DoseField::Tempo:
        return {dose.tempoSeconds, dose.tempoSeconds};
    case DoseField::Rest:
        return {dose.restSeconds, dose.restSeconds};
    }
    return {};
}

std::string clampedText(DoseField field, core::IntRange range) {
    if (range.min == range.max) {
        return fmt::format(fmt::runtime(tr("{0}: only {1} is possible for this exercise.")),
                           fieldName(field), range.min);
    }
    return fmt::format(fmt::runtime(tr("{0}: {1} to {2} is allowed for this exercise.")),
                       fieldName(field), range.min, range.max);
}

// The folder a therapist keeps documents in: the desktop's Documents folder (user-dirs.dirs,
// e.g. ~/Dokumente), else ~/Documents, else the home folder.
fs::path documentsFolder() {
    const char* home = std::getenv("HOME");
    const fs::path homeDir = home != nullptr && *home != '\0' ? fs::path(home) : fs::current_path();
    std::error_code ec;
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const fs::path configDir =
        config != nullptr && *config == '/' ? fs::path(config) : homeDir / ".config";
    std::ifstream dirs(configDir / "user-dirs.dirs");
    for (std::string line; std::getline(dirs, line);) {
        const std::string key = "XDG_DOCUMENTS_DIR=\"";
        if (line.rfind(key, 0) != 0 || line.back() != '"') {
            continue;
        }
        std::string value = line.substr(key.size(), line.size() - key.size() - 1);
        if (value.rfind("$HOME", 0) == 0) {
            value = homeDir.string() + value.substr(5);
        }
        if (!value.empty() && value.front() == '/' && fs::path(value) != homeDir &&
            fs::is_directory(value, ec)) {
            return value;
        }
    }
    if (fs::is_directory(homeDir / "Documents", ec)) {
        return homeDir / "Documents";
    }
    return homeDir;
}

} // namespace

core::IntRange& boundOf(core::DoseBounds& bounds, BoundField field) {
    switch (field) {
    case BoundField::Sets:
        return bounds.sets;
    case BoundField::Reps:
        return bounds.reps;
    case BoundField::Hold:
        return bounds.hold;
    case BoundField::Rest:
        return bounds.rest;
    }
    return bounds.sets;
}

core::IntRange boundOf(const core::DoseBounds& bounds, BoundField field) {
    core::DoseBounds copy = bounds;
    return boundOf(copy, field);
}

int PhaseSummary::sessionMinutes() const {
    if (sessionSeconds <= 0) {
        return 0;
    }
    return std::max(1, static_cast<int>(std::lround(sessionSeconds / 60.0)));
}

std::string idFromTitle(const std::string& title) {
    std::string id;
    bool gap = false;
    auto add = [&](const char* letters) {
        if (gap && !id.empty()) {
            id += '-';
        }
        gap = false;
        id += letters;
    };
    for (std::size_t i = 0; i < title.size(); ++i) {
        const auto c = static_cast<unsigned char>(title[i]);
        if (c >= 'A' && c <= 'Z') {
            const char lower[] = {static_cast<char>(c - 'A' + 'a'), '\0'};
            add(lower);
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            const char same[] = {static_cast<char>(c), '\0'};
            add(same);
        } else if (c == 0xC3 && i + 1 < title.size()) {
            // The German letters (UTF-8 C3 xx) written out; other accented letters lose it.
            const auto next = static_cast<unsigned char>(title[++i]);
            switch (next) {
            case 0xA4: // ä
            case 0x84: // Ä
                add("ae");
                break;
            case 0xB6: // ö
            case 0x96: // Ö
                add("oe");
                break;
            case 0xBC: // ü
            case 0x9C: // Ü
                add("ue");
                break;
            case 0x9F: // ß
                add("ss");
                break;
            case 0xA9: // é
            case 0xA8: // è
            case 0x89: // É
                add("e");
                break;
            default:
                gap = true;
            }
        } else if (c >= 0x80) {
            // Another multi-byte letter: skipped (its continuation bytes too).
            continue;
        } else {
            gap = true;
        }
    }
    return id.empty() ? std::string("program") : id;
}

ProgramDraft::ProgramDraft(const core::Library& library, std::string lang)
    : m_library(&library), m_lang(std::move(lang)) {
    m_program.title = tr("New program");
    m_program.id = idFromTitle(m_program.title);
    core::ProgramPhase phase;
    phase.name = fmt::format(fmt::runtime(tr("Phase {}")), 1);
    phase.weeks = 2;
    m_program.phases.push_back(std::move(phase));
}

ProgramDraft ProgramDraft::open(const fs::path& file, const core::Library& library,
                                std::string lang) {
    auto parsed = content::loadProgramFile(file, library);
    if (!parsed.program) {
        std::string errors;
        int shown = 0;
        for (const auto& d : parsed.diagnostics) {
            if (d.severity == core::Diagnostic::Severity::Error && shown++ < 3) {
                errors += "\n" + d.str();
            }
        }
        throw Refused(fmt::format(fmt::runtime(tr("Cannot open {}: it is not a program Motus can "
                                                  "read.")),
                                  file.string()) +
                      errors);
    }
    ProgramDraft draft(library, std::move(lang));
    draft.m_program = std::move(*parsed.program);
    draft.m_file = file;
    draft.m_idByHand = true;
    return draft;
}

core::ProgramItem& ProgramDraft::itemAt(std::size_t phase, std::size_t item) {
    return m_program.phases.at(phase).items.at(item);
}

const core::ProgramItem& ProgramDraft::itemAt(std::size_t phase, std::size_t item) const {
    return m_program.phases.at(phase).items.at(item);
}

const core::Exercise& ProgramDraft::exerciseOf(const core::ProgramItem& item) const {
    const core::Exercise* exercise = m_library->find(item.exercise);
    if (exercise == nullptr) {
        throw Refused(fmt::format(fmt::runtime(tr("There is no exercise '{}' in the library.")),
                                  item.exercise));
    }
    return *exercise;
}

void ProgramDraft::setTitle(std::string title) {
    if (auto it = m_program.titles.find(m_lang); it != m_program.titles.end()) {
        it->second = std::move(title); // the translation shown is the one edited
    } else {
        m_program.title = std::move(title);
    }
    if (!m_idByHand) {
        m_program.id = idFromTitle(shownTitle());
    }
    m_modified = true;
}

void ProgramDraft::setId(std::string id) {
    if (!content::isValidProgramId(id)) {
        throw Refused(fmt::format(fmt::runtime(tr("'{}' cannot be a program id: use lower-case "
                                                  "letters and digits, words joined by hyphens "
                                                  "(for example low-back-week-1).")),
                                  id));
    }
    m_program.id = std::move(id);
    m_idByHand = true;
    m_modified = true;
}

void ProgramDraft::setAuthor(std::string author) {
    m_program.author = std::move(author);
    m_modified = true;
}

void ProgramDraft::setPatient(std::string note) {
    if (note.empty()) {
        m_program.patient.reset();
    } else {
        m_program.patient = std::move(note);
    }
    m_modified = true;
}

void ProgramDraft::setAutoProgression(bool on) {
    m_program.autoProgression = on;
    m_modified = true;
}

void ProgramDraft::setQuotaMode(bool on) {
    m_program.quotaMode = on;
    m_modified = true;
}

std::string ProgramDraft::setMaxSessionMinutes(int minutes) {
    m_maxMinutes = std::clamp(minutes, kSessionMinutes.min, kSessionMinutes.max);
    if (m_maxMinutes != minutes) {
        return fmt::format(fmt::runtime(tr("The longest session may be {0} to {1} minutes.")),
                           kSessionMinutes.min, kSessionMinutes.max);
    }
    return {};
}

std::size_t ProgramDraft::addPhase() {
    core::ProgramPhase phase;
    const core::ProgramPhase& last = m_program.phases.back();
    phase.perWeek = last.perWeek;
    phase.perDay = last.perDay;
    phase.weeks = last.weeks;
    phase.name = fmt::format(fmt::runtime(tr("Phase {}")), m_program.phases.size() + 1);
    m_program.phases.push_back(std::move(phase));
    m_modified = true;
    return m_program.phases.size() - 1;
}

void ProgramDraft::removePhase(std::size_t phase) {
    if (m_program.phases.size() <= 1) {
        throw Refused(tr("A program needs at least one phase."));
    }
    m_program.phases.erase(m_program.phases.begin() + static_cast<std::ptrdiff_t>(phase));
    m_modified = true;
}

void ProgramDraft::renamePhase(std::size_t phase, std::string name) {
    auto& shown = m_program.phases.at(phase);
    if (auto it = shown.names.find(m_lang); it != shown.names.end()) {
        it->second = std::move(name); // the translation shown is the one edited
    } else {
        shown.name = std::move(name);
    }
    m_modified = true;
}

std::string ProgramDraft::setWeeks(std::size_t phase, int weeks) {
    auto& p = m_program.phases.at(phase);
    p.weeks = std::clamp(weeks, content::kPhaseWeeks.min, content::kPhaseWeeks.max);
    m_modified = true;
    if (p.weeks != weeks) {
        return fmt::format(fmt::runtime(tr("A phase lasts {0} to {1} weeks.")),
                           content::kPhaseWeeks.min, content::kPhaseWeeks.max);
    }
    return {};
}

std::string ProgramDraft::setPerWeek(std::size_t phase, int days) {
    auto& p = m_program.phases.at(phase);
    p.perWeek = std::clamp(days, L::perWeek.min, L::perWeek.max);
    for (auto& item : p.items) {
        item.dose.perWeek = p.perWeek;
    }
    m_modified = true;
    if (p.perWeek != days) {
        return fmt::format(fmt::runtime(tr("Sessions can be on {0} to {1} days a week.")),
                           L::perWeek.min, L::perWeek.max);
    }
    return {};
}

std::string ProgramDraft::setPerDay(std::size_t phase, int sessions) {
    auto& p = m_program.phases.at(phase);
    p.perDay = std::clamp(sessions, L::perDay.min, L::perDay.max);
    for (auto& item : p.items) {
        item.dose.perDay = p.perDay;
    }
    m_modified = true;
    if (p.perDay != sessions) {
        return fmt::format(fmt::runtime(tr("A day may have {0} to {1} sessions.")), L::perDay.min,
                           L::perDay.max);
    }
    return {};
}

std::size_t ProgramDraft::addExercise(std::size_t phase, const std::string& id) {
    auto& p = m_program.phases.at(phase);
    const core::Exercise* exercise = m_library->find(id);
    if (exercise == nullptr) {
        throw Refused(
            fmt::format(fmt::runtime(tr("There is no exercise '{}' in the library.")), id));
    }
    if (std::any_of(p.items.begin(), p.items.end(),
                    [&](const core::ProgramItem& item) { return item.exercise == id; })) {
        throw Refused(fmt::format(fmt::runtime(tr("{0} is already in the phase {1}.")),
                                  exercise->text(m_lang).name, p.nameIn(m_lang)));
    }
    core::ProgramItem item;
    item.exercise = id;
    item.dose = exercise->dose;
    item.dose.perDay = p.perDay;
    item.dose.perWeek = p.perWeek;
    item.bounds = exercise->bounds;
    p.items.push_back(std::move(item));
    m_modified = true;
    return p.items.size() - 1;
}

void ProgramDraft::removeItem(std::size_t phase, std::size_t item) {
    auto& items = m_program.phases.at(phase).items;
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(item));
    m_modified = true;
}

std::size_t ProgramDraft::moveItem(std::size_t phase, std::size_t item, int delta) {
    auto& items = m_program.phases.at(phase).items;
    const auto last = static_cast<long>(items.size()) - 1;
    const auto target = static_cast<std::size_t>(
        std::clamp(static_cast<long>(item) + delta, 0L, std::max(0L, last)));
    if (target != item) {
        std::swap(items.at(item), items.at(target));
        m_modified = true;
    }
    return target;
}

core::IntRange ProgramDraft::allowed(std::size_t phase, std::size_t item, DoseField field) const {
    const core::Exercise& ex = exerciseOf(itemAt(phase, item));
    switch (field) {
    case DoseField::Sets:
        return intersect(L::sets, ex.bounds.sets);
    case DoseField::Reps:
        return intersect(L::reps, ex.bounds.reps);
    case DoseField::Hold:
        return hasHoldPhase(ex) ? intersect(L::hold, ex.bounds.hold) : core::IntRange{0, 0};
    case DoseField::Tempo:
        return L::tempo;
    case DoseField::Rest:
        return intersect(L::rest, ex.bounds.rest);
    }
    return {};
}

int ProgramDraft::value(std::size_t phase, std::size_t item, DoseField field) const {
    const core::Dose& d = itemAt(phase, item).dose;
    switch (field) {
    case DoseField::Sets:
        return d.sets;
    case DoseField::Reps:
        return d.reps;
    case DoseField::Hold:
        return d.holdSeconds;
    case DoseField::Tempo:
        return d.tempoSeconds;
    case DoseField::Rest:
        return d.restSeconds;
    }
    return 0;
}

void ProgramDraft::growBounds(core::ProgramItem& item) {
    for (auto field : {BoundField::Sets, BoundField::Reps, BoundField::Hold, BoundField::Rest}) {
        core::IntRange& range = boundOf(item.bounds, field);
        const core::IntRange span = doseSpan(item.dose, doseFieldOf(field));
        range.min = std::min(range.min, span.min);
        range.max = std::max(range.max, span.max);
    }
}

void ProgramDraft::remakePyramid(core::ProgramItem& item) {
    if (item.dose.pyramid.empty()) {
        return;
    }
    const int lowest = intersect(L::reps, exerciseOf(item).bounds.reps).min;
    item.dose.pyramid.clear();
    for (int set = 0; set < item.dose.sets; ++set) {
        item.dose.pyramid.push_back(std::max(lowest, item.dose.reps - 2 * set));
    }
}

std::string ProgramDraft::setDose(std::size_t phase, std::size_t item, DoseField field,
                                  int wanted) {
    core::ProgramItem& it = itemAt(phase, item);
    const core::IntRange range = allowed(phase, item, field);
    const int v = std::clamp(wanted, range.min, range.max);
    switch (field) {
    case DoseField::Sets:
        it.dose.sets = v;
        break;
    case DoseField::Reps:
        it.dose.reps = v;
        break;
    case DoseField::Hold:
        it.dose.holdSeconds = v;
        break;
    case DoseField::Tempo:
        it.dose.tempoSeconds = v;
        break;
    case DoseField::Rest:
        it.dose.restSeconds = v;
        break;
    }
    if (field == DoseField::Sets || field == DoseField::Reps) {
        remakePyramid(it);
    }
    growBounds(it);
    m_modified = true;
    if (v == wanted) {
        return {};
    }
    if (field == DoseField::Hold && range.max == 0) {
        return tr("This exercise has no hold: its hold stays 0.");
    }
    return clampedText(field, range);
}

void ProgramDraft::setSide(std::size_t phase, std::size_t item, core::Side side) {
    itemAt(phase, item).dose.side = side;
    m_modified = true;
}

std::string ProgramDraft::setPyramid(std::size_t phase, std::size_t item, bool on) {
    core::ProgramItem& it = itemAt(phase, item);
    if (!on) {
        it.dose.pyramid.clear();
        m_modified = true;
        return {};
    }
    if (it.dose.sets < 2) {
        return tr("A pyramid needs at least 2 sets.");
    }
    it.dose.pyramid = {it.dose.reps}; // remade below for every set
    remakePyramid(it);
    growBounds(it);
    m_modified = true;
    return {};
}

void ProgramDraft::setPyramid(std::size_t phase, std::size_t item, const std::vector<int>& reps) {
    core::ProgramItem& it = itemAt(phase, item);
    const core::IntRange range = allowed(phase, item, DoseField::Reps);
    if (reps.size() != static_cast<std::size_t>(it.dose.sets)) {
        throw Refused(fmt::format(fmt::runtime(tr("A pyramid needs one number of reps for each "
                                                  "set ({}).")),
                                  it.dose.sets));
    }
    for (int r : reps) {
        if (!range.contains(r)) {
            throw Refused(clampedText(DoseField::Reps, range));
        }
    }
    it.dose.pyramid = reps;
    it.dose.reps = *std::max_element(reps.begin(), reps.end());
    growBounds(it);
    m_modified = true;
}

std::string ProgramDraft::setBound(std::size_t phase, std::size_t item, BoundField field,
                                   bool upper, int wanted) {
    core::ProgramItem& it = itemAt(phase, item);
    const core::Exercise& ex = exerciseOf(it);
    core::IntRange outer = exerciseBound(ex, field);
    if (field == BoundField::Hold && !hasHoldPhase(ex)) {
        outer = {0, 0};
    }
    const core::IntRange span = doseSpan(it.dose, doseFieldOf(field));
    core::IntRange& range = boundOf(it.bounds, field);
    // The lower end lies between the exercise's minimum and the dose, the upper end between
    // the dose and the exercise's maximum.
    const core::IntRange possible = upper ? core::IntRange{span.max, std::max(span.max, outer.max)}
                                          : core::IntRange{std::min(span.min, outer.min), span.min};
    const int v = std::clamp(wanted, possible.min, possible.max);
    (upper ? range.max : range.min) = v;
    m_modified = true;
    if (v == wanted) {
        return {};
    }
    return fmt::format(
        fmt::runtime(upper ? tr("{0}: the highest automatic value may be {1} to {2} (from the dose "
                                "up to the exercise's limit).")
                           : tr("{0}: the lowest automatic value may be {1} to {2} (from the "
                                "exercise's limit up to the dose).")),
        fieldName(doseFieldOf(field)), possible.min, possible.max);
}

void ProgramDraft::setLocked(std::size_t phase, std::size_t item, bool locked) {
    itemAt(phase, item).locked = locked;
    m_modified = true;
}

std::vector<PhaseSummary> ProgramDraft::summary() const {
    std::vector<PhaseSummary> out;
    int week = 1;
    for (const auto& phase : m_program.phases) {
        PhaseSummary s;
        s.firstWeek = week;
        s.lastWeek = week + phase.weeks - 1;
        week += phase.weeks;
        s.perWeek = phase.perWeek;
        s.perDay = phase.perDay;
        s.exercises = phase.items.size();
        std::vector<core::RoutineItem> routine;
        for (const auto& item : phase.items) {
            if (const auto* exercise = m_library->find(item.exercise)) {
                routine.push_back({exercise, item.dose});
            }
        }
        if (!routine.empty()) {
            s.sessionSeconds = static_cast<int>(
                std::chrono::duration_cast<std::chrono::seconds>(core::Timeline(routine).total())
                    .count());
        }
        out.push_back(s);
    }
    return out;
}

std::string ProgramDraft::summaryLine(std::size_t phase) const {
    const PhaseSummary s = summary().at(phase);
    const std::string& name = m_program.phases.at(phase).nameIn(m_lang);
    const std::string weeks =
        s.firstWeek == s.lastWeek
            ? fmt::format(fmt::runtime(tr("Week {}")), s.firstWeek)
            : fmt::format(fmt::runtime(tr("Weeks {0}–{1}")), s.firstWeek, s.lastWeek);
    const std::string days =
        s.perWeek == 7 ? std::string(tr("daily"))
                       : fmt::format(fmt::runtime(core::trn("{} day a week", "{} days a week",
                                                            static_cast<unsigned long>(s.perWeek))),
                                     s.perWeek);
    std::string length;
    if (s.exercises == 0) {
        length = tr("no exercises yet");
    } else {
        const auto minutes = static_cast<unsigned long>(s.sessionMinutes());
        length = fmt::format(fmt::runtime(core::trn("about {} minute a session",
                                                    "about {} minutes a session", minutes)),
                             minutes);
    }
    std::string line =
        fmt::format(fmt::runtime(tr("{0} · {1}: {2}, {3}")), weeks, name, length, days);
    if (s.perDay > 1) {
        line += fmt::format(fmt::runtime(tr(", {0} sessions a day ({1} a week)")), s.perDay,
                            s.sessionsPerWeek());
    }
    return line;
}

std::vector<DraftWarning> ProgramDraft::warnings() const {
    std::vector<DraftWarning> out;
    const auto summaries = summary();
    for (std::size_t p = 0; p < m_program.phases.size(); ++p) {
        const auto& phase = m_program.phases[p];
        auto nameOf = [&](const core::ProgramItem& item) {
            const auto* exercise = m_library->find(item.exercise);
            return exercise != nullptr ? exercise->text(m_lang).name : item.exercise;
        };
        // The same check as the program loader's warning.
        std::vector<std::string> ids;
        for (const auto& item : phase.items) {
            ids.push_back(item.exercise);
        }
        for (const auto& [easier, harder] : m_library->variantPairs(ids)) {
            out.push_back(
                {DraftWarning::Kind::Variant, p, harder,
                 fmt::format(fmt::runtime(tr("{0}: {1} is a harder variant of {2}; when the "
                                             "program switches one to the other they become "
                                             "one exercise.")),
                             phase.nameIn(m_lang), nameOf(phase.items[harder]),
                             nameOf(phase.items[easier]))});
        }
        const int minutes = summaries[p].sessionMinutes();
        if (minutes > m_maxMinutes) {
            out.push_back(
                {DraftWarning::Kind::LongSession, p, std::nullopt,
                 fmt::format(fmt::runtime(tr("{0}: one session takes about {1} minutes, longer "
                                             "than your maximum of {2}.")),
                             phase.nameIn(m_lang), minutes, m_maxMinutes)});
        }
        if (!m_program.autoProgression) {
            continue;
        }
        // At an edge of every range automatic progression moves (clinical-rules.md §5a, §5b):
        // the next step switches the exercise to a variant, or cannot be taken, or stops it.
        for (std::size_t i = 0; i < phase.items.size(); ++i) {
            const auto& item = phase.items[i];
            const core::Exercise* ex = m_library->find(item.exercise);
            if (item.locked || ex == nullptr) {
                continue;
            }
            std::vector<BoundField> fields{BoundField::Sets, BoundField::Reps};
            if (hasHoldPhase(*ex) && !ex->holdCapped && item.dose.holdSeconds > 0) {
                fields.push_back(BoundField::Hold);
            }
            bool top = true;
            bool bottom = true;
            for (auto field : fields) {
                core::DoseBounds bounds = item.bounds;
                const core::IntRange range = boundOf(bounds, field);
                const core::IntRange span = doseSpan(item.dose, doseFieldOf(field));
                top = top && span.max >= range.max;
                bottom = bottom && span.min <= range.min;
            }
            auto variantName = [&](const std::optional<std::string>& id) {
                const core::Exercise* other = id ? m_library->find(*id) : nullptr;
                return other != nullptr ? std::optional(other->text(m_lang).name) : std::nullopt;
            };
            if (top) {
                const auto harder = variantName(ex->progression);
                out.push_back(
                    {DraftWarning::Kind::AtEdge, p, i,
                     harder ? fmt::format(fmt::runtime(tr("{0} is at the top of every range: the "
                                                          "first step up switches it to {1}.")),
                                          nameOf(item), *harder)
                            : fmt::format(fmt::runtime(tr("{0} is at the top of every range: it "
                                                          "cannot go up automatically.")),
                                          nameOf(item))});
            } else if (bottom && !variantName(ex->regression)) {
                out.push_back({DraftWarning::Kind::AtEdge, p, i,
                               fmt::format(fmt::runtime(tr("{0} is at the bottom of every range "
                                                           "and has no easier variant: a step "
                                                           "back would stop it.")),
                                           nameOf(item))});
            }
        }
    }
    return out;
}

std::vector<std::string> ProgramDraft::missing() const {
    auto blank = [](const std::string& text) {
        return text.find_first_not_of(" \t\r\n") == std::string::npos;
    };
    std::vector<std::string> out;
    if (blank(m_program.title)) {
        out.emplace_back(tr("The program needs a title."));
    }
    if (blank(m_program.author)) {
        out.emplace_back(tr("The program needs an author: your name or your practice."));
    }
    for (std::size_t p = 0; p < m_program.phases.size(); ++p) {
        const auto& phase = m_program.phases[p];
        if (blank(phase.name)) {
            out.push_back(fmt::format(fmt::runtime(tr("Phase {} needs a name.")), p + 1));
        }
        if (phase.items.empty()) {
            out.push_back(
                fmt::format(fmt::runtime(tr("Phase {} needs at least one exercise.")), p + 1));
        }
    }
    return out;
}

std::string ProgramDraft::text() const {
    return content::writeProgram(m_program, {});
}

fs::path ProgramDraft::defaultFile() const {
    return documentsFolder() / (m_program.id + ".motus.xml");
}

void ProgramDraft::save(const fs::path& target, bool replace) {
    if (const auto gaps = missing(); !gaps.empty()) {
        std::string message = tr("Not saved yet:");
        for (const auto& gap : gaps) {
            message += " " + gap;
        }
        throw Refused(message);
    }
    const std::string content = text();
    // The loader has the last word: what it refuses is never written.
    const auto parsed = content::parseProgram(content, target.string(), *m_library);
    if (!parsed.program) {
        std::string errors;
        for (const auto& d : parsed.diagnostics) {
            if (d.severity == core::Diagnostic::Severity::Error) {
                errors += "\n" + d.str();
            }
        }
        throw Refused(std::string(tr("Not saved: the program has errors.")) + errors);
    }
    std::error_code ec;
    const bool own = !m_file.empty() && fs::equivalent(target, m_file, ec);
    if (!replace && !own && fs::exists(fs::symlink_status(target, ec))) {
        throw Refused(fmt::format(fmt::runtime(tr("{} already exists. Save again to replace it.")),
                                  target.string()));
    }
    writeExport(target, content, {});
    m_file = target;
    m_modified = false;
}

void ProgramDraft::makeCopy() {
    const std::string base = m_program.id + "-copy";
    std::string id = base;
    std::error_code ec;
    for (int n = 2; fs::exists(documentsFolder() / (id + ".motus.xml"), ec) && n < 1000; ++n) {
        id = base + "-" + std::to_string(n);
    }
    m_program.id = id;
    m_idByHand = true;
    m_file.clear();
    m_modified = true;
}

} // namespace motus::service
