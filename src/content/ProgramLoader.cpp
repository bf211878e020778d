#include "ProgramLoader.hpp"

#include "ExerciseLoader.hpp"
#include "XmlReader.hpp"

#include <tinyxml2.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

namespace motus::content {
namespace {

using core::Diagnostic;
using tinyxml2::XMLElement;

std::string rangeText(core::IntRange range) {
    return std::to_string(range.min) + ".." + std::to_string(range.max);
}

// Which dose fields of an item hold a valid value (given or taken from the exercise), so that
// <bounds> only checks those.
struct DoseValid {
    bool sets = true, reps = true, hold = true, rest = true;
};

class ProgramParser {
public:
    ProgramParser(const std::string& path, std::vector<Diagnostic>& diagnostics,
                  const core::Library& library)
        : m_xml(path, diagnostics), m_library(library) {}

    std::optional<core::Program> parse(const XMLElement* root);

private:
    void readTranslated(const XMLElement* root, const char* element,
                        std::map<std::string, int>& lines, std::string& english,
                        std::map<std::string, std::string, std::less<>>& others);
    void readAdvice(const XMLElement* root, core::Program& program);
    void readTitles(const XMLElement* root, core::Program& program);
    void readOptions(const XMLElement* el, core::Program& program);
    void readPhase(const XMLElement* el, core::Program& program);
    void warnAboutVariants(const core::ProgramPhase& phase);
    void readItem(const XMLElement* el, core::ProgramPhase& phase,
                  std::map<std::string, int, std::less<>>& seen);
    void readItemBounds(const XMLElement* el, const core::Exercise* exercise,
                        core::ProgramItem& item, const DoseValid& valid);
    std::optional<std::string> textOf(const XMLElement* el);

    XmlReader m_xml;
    const core::Library& m_library;
    std::map<std::string, int> m_titleLines; // language ("en" for English) -> line
};

std::optional<std::string> ProgramParser::textOf(const XMLElement* el) {
    m_xml.checkAttributes(el, {});
    m_xml.checkChildren(el, {});
    return m_xml.requiredText(el);
}

void ProgramParser::readTranslated(const XMLElement* root, const char* element,
                                   std::map<std::string, int>& lines, std::string& english,
                                   std::map<std::string, std::string, std::less<>>& others) {
    const std::string tag(element);
    for (const XMLElement* el = root->FirstChildElement(element); el != nullptr;
         el = el->NextSiblingElement(element)) {
        m_xml.checkAttributes(el, {"xml:lang"});
        m_xml.checkChildren(el, {});
        std::string code = "en";
        if (auto lang = m_xml.optionalAttribute(el, "xml:lang")) {
            if (!isLanguageCode(*lang)) {
                m_xml.attributeError(el, "xml:lang",
                                     "'" + std::string(*lang) +
                                         "' is not a two-letter language code");
                continue;
            }
            code = *lang;
        }
        if (auto it = lines.find(code); it != lines.end()) {
            const std::string first =
                " is given twice (first at line " + std::to_string(it->second) + ")";
            if (code == "en") {
                m_xml.error(el->GetLineNum(), "<program>: element <" + tag + ">" + first);
            } else {
                m_xml.error(el->GetLineNum(), "<" + tag + " xml:lang=\"" + code + "\">" + first);
            }
            continue;
        }
        lines[code] = el->GetLineNum();
        auto text = m_xml.requiredText(el);
        if (!text) {
            continue;
        }
        if (code == "en") {
            english = *text;
        } else {
            others[code] = *text;
        }
    }
}

// Advice for the patient beside the exercises (Otago's walking plan): optional, English first,
// and in every language of the title.
void ProgramParser::readAdvice(const XMLElement* root, core::Program& program) {
    std::map<std::string, int> lines;
    readTranslated(root, "advice", lines, program.advice, program.advices);
    if (lines.empty()) {
        return;
    }
    if (lines.count("en") == 0) {
        m_xml.error(lines.begin()->second,
                    "<program>: <advice> needs one without xml:lang (English)");
        return;
    }
    for (const auto& [code, line] : m_titleLines) {
        if (lines.count(code) == 0) {
            m_xml.warning(lines.at("en"), "<program>: missing <advice xml:lang=\"" + code +
                                              "\"> (the title is translated into '" + code + "')");
        }
    }
    for (const auto& [code, line] : lines) {
        if (m_titleLines.count(code) == 0) {
            m_xml.warning(line, "<advice xml:lang=\"" + code +
                                    "\">: the program has no <title xml:lang=\"" + code + "\">");
        }
    }
}

void ProgramParser::readTitles(const XMLElement* root, core::Program& program) {
    readTranslated(root, "title", m_titleLines, program.title, program.titles);
    if (root->FirstChildElement("title") == nullptr) {
        m_xml.error(root->GetLineNum(), "<program>: missing required element <title>");
    } else if (m_titleLines.count("en") == 0) {
        m_xml.error(root->GetLineNum(),
                    "<program>: missing required element <title> without xml:lang");
    }
}

void ProgramParser::readOptions(const XMLElement* el, core::Program& program) {
    m_xml.checkAttributes(el, {"auto-progression", "quota-mode"});
    m_xml.checkChildren(el, {});
    if (auto value = m_xml.boolAttribute(el, "auto-progression")) {
        program.autoProgression = *value;
    }
    if (auto value = m_xml.boolAttribute(el, "quota-mode")) {
        program.quotaMode = *value;
    }
}

void ProgramParser::readItemBounds(const XMLElement* el, const core::Exercise* exercise,
                                   core::ProgramItem& item, const DoseValid& valid) {
    using L = core::DoseLimits;
    m_xml.checkAttributes(el, {"sets", "reps", "hold", "rest"});
    m_xml.checkChildren(el, {});
    const core::Dose& dose = item.dose;
    std::vector<int> reps{dose.reps};
    if (!dose.pyramid.empty()) {
        reps = dose.pyramid;
    }
    auto check = [&](const char* name, core::IntRange limit, std::vector<int> doseValues,
                     bool doseValid, core::IntRange exerciseBounds, core::IntRange& out) {
        auto range = m_xml.rangeAttribute(el, name, limit, false);
        if (!range) {
            return;
        }
        if (exercise != nullptr &&
            (!exerciseBounds.contains(range->min) || !exerciseBounds.contains(range->max))) {
            m_xml.attributeError(el, name,
                                 "'" + std::string(el->Attribute(name)) +
                                     "' is outside the bounds " + rangeText(exerciseBounds) +
                                     " of exercise '" + exercise->id + "'");
            return;
        }
        out = *range;
        if (!doseValid) {
            return;
        }
        for (int value : doseValues) {
            if (!range->contains(value)) {
                m_xml.attributeError(el, name,
                                     "the dose " + std::to_string(value) + " is outside " +
                                         rangeText(*range));
                return;
            }
        }
    };
    const core::DoseBounds exerciseBounds = item.bounds; // the exercise's, narrowed here
    check("sets", L::sets, {dose.sets}, valid.sets, exerciseBounds.sets, item.bounds.sets);
    check("reps", L::reps, reps, valid.reps, exerciseBounds.reps, item.bounds.reps);
    check("hold", L::hold, {dose.holdSeconds}, valid.hold, exerciseBounds.hold, item.bounds.hold);
    check("rest", L::rest, {dose.restSeconds}, valid.rest, exerciseBounds.rest, item.bounds.rest);
}

// An exercise and one of its variants in one phase: the rules would merge them when one is
// switched to the other (clinical-rules.md §5c), so the therapist is told.
void ProgramParser::warnAboutVariants(const core::ProgramPhase& phase) {
    std::vector<std::string> ids;
    for (const auto& item : phase.items) {
        ids.push_back(item.exercise);
    }
    for (const auto& [easier, harder] : m_library.variantPairs(ids)) {
        const core::ProgramItem& item = phase.items[easier];
        const core::ProgramItem& other = phase.items[harder];
        m_xml.warning(other.line, "<item exercise=\"" + other.exercise +
                                      "\">: a harder variant of '" + item.exercise + "' (line " +
                                      std::to_string(item.line) +
                                      ") in the same phase; a switch between them would "
                                      "merge them into one");
    }
}

void ProgramParser::readItem(const XMLElement* el, core::ProgramPhase& phase,
                             std::map<std::string, int, std::less<>>& seen) {
    using L = core::DoseLimits;
    m_xml.checkAttributes(
        el, {"exercise", "sets", "reps", "hold", "tempo", "rest", "side", "pyramid", "locked"});
    m_xml.checkChildren(el, {"bounds"});
    core::ProgramItem item;
    item.line = el->GetLineNum();
    const core::Exercise* exercise = nullptr;
    if (auto id = m_xml.requiredAttribute(el, "exercise")) {
        item.exercise = *id;
        exercise = m_library.find(*id);
        if (exercise == nullptr) {
            m_xml.attributeError(el, "exercise", "unknown exercise '" + item.exercise + "'");
        } else if (auto it = seen.find(item.exercise); it != seen.end()) {
            m_xml.attributeError(el, "exercise",
                                 "'" + item.exercise +
                                     "' is given twice in this phase (first at line " +
                                     std::to_string(it->second) + ")");
        } else {
            seen.emplace(item.exercise, item.line);
        }
    }
    // The exercise's default dose and bounds, then what the item gives.
    core::Dose dose = exercise != nullptr ? exercise->dose : core::Dose{};
    item.bounds = exercise != nullptr ? exercise->bounds : core::DoseBounds{};
    const bool setsGiven = el->Attribute("sets") != nullptr;
    const bool repsGiven = el->Attribute("reps") != nullptr;
    auto sets = m_xml.intAttribute(el, "sets", L::sets, false);
    auto reps = m_xml.intAttribute(el, "reps", L::reps, false);
    auto hold = m_xml.intAttribute(el, "hold", L::hold, false);
    auto tempo = m_xml.intAttribute(el, "tempo", L::tempo, false);
    auto rest = m_xml.intAttribute(el, "rest", L::rest, false);
    // A value left out is the exercise's, and valid; without the exercise there is none.
    const bool known = exercise != nullptr;
    DoseValid valid;
    valid.sets = setsGiven ? sets.has_value() : known;
    valid.reps = repsGiven ? reps.has_value() : known;
    valid.hold = el->Attribute("hold") != nullptr ? hold.has_value() : known;
    valid.rest = el->Attribute("rest") != nullptr ? rest.has_value() : known;
    dose.sets = sets.value_or(dose.sets);
    dose.reps = reps.value_or(dose.reps);
    dose.holdSeconds = hold.value_or(dose.holdSeconds);
    dose.tempoSeconds = tempo.value_or(dose.tempoSeconds);
    dose.restSeconds = rest.value_or(dose.restSeconds);
    if (auto side = m_xml.optionalAttribute(el, "side")) {
        if (auto parsed = m_xml.enumValue<core::Side>(el, "side", *side, core::sideNames())) {
            dose.side = *parsed;
        }
    }
    if (auto locked = m_xml.boolAttribute(el, "locked")) {
        item.locked = *locked;
    }
    // A pyramid given here replaces the exercise's; one inherited from the exercise is kept
    // only while the sets and reps are the exercise's too.
    if (setsGiven || repsGiven) {
        dose.pyramid.clear();
    }
    if (auto pyramid = m_xml.optionalAttribute(el, "pyramid")) {
        dose.pyramid.clear();
        bool ok = true;
        for (const auto& word : splitWords(*pyramid)) {
            auto value = parseWhole(word);
            if (!value) {
                m_xml.attributeError(el, "pyramid", "'" + word + "' is not a whole number");
                ok = false;
                break;
            }
            if (!L::reps.contains(*value)) {
                m_xml.attributeError(el, "pyramid",
                                     std::to_string(*value) + " is outside the range " +
                                         rangeText(L::reps));
                ok = false;
                break;
            }
            dose.pyramid.push_back(*value);
        }
        if (ok && dose.pyramid.empty()) {
            m_xml.attributeError(el, "pyramid", "is empty");
            ok = false;
        }
        if (ok && valid.sets && dose.pyramid.size() != static_cast<std::size_t>(dose.sets)) {
            m_xml.attributeError(el, "pyramid",
                                 std::to_string(dose.pyramid.size()) +
                                     (dose.pyramid.size() == 1 ? " value for " : " values for ") +
                                     std::to_string(dose.sets) + " sets");
            ok = false;
        }
        if (!ok) {
            dose.pyramid.clear();
            valid.reps = false;
        } else if (!repsGiven) {
            dose.reps = *std::max_element(dose.pyramid.begin(), dose.pyramid.end());
        }
    }
    // Every value given must also lie within the exercise's own bounds.
    if (exercise != nullptr) {
        auto within = [&](const char* name, bool given, bool ok, int value, core::IntRange bounds) {
            if (given && ok && !bounds.contains(value)) {
                m_xml.attributeError(el, name,
                                     std::to_string(value) + " is outside the bounds " +
                                         rangeText(bounds) + " of exercise '" + exercise->id + "'");
                return false;
            }
            return true;
        };
        const auto& b = exercise->bounds;
        valid.sets = within("sets", setsGiven, valid.sets, dose.sets, b.sets) && valid.sets;
        valid.reps = within("reps", repsGiven, valid.reps, dose.reps, b.reps) && valid.reps;
        if (el->Attribute("pyramid") != nullptr && valid.reps) {
            for (int value : dose.pyramid) {
                if (!within("pyramid", true, true, value, b.reps)) {
                    valid.reps = false;
                    break;
                }
            }
        }
        valid.hold = within("hold", el->Attribute("hold") != nullptr, valid.hold, dose.holdSeconds,
                            b.hold) &&
                     valid.hold;
        valid.rest = within("rest", el->Attribute("rest") != nullptr, valid.rest, dose.restSeconds,
                            b.rest) &&
                     valid.rest;
        const bool hasHoldPhase =
            std::any_of(exercise->phases.begin(), exercise->phases.end(),
                        [](const core::Phase& p) { return p.type == core::PhaseType::Hold; });
        if (valid.hold && dose.holdSeconds > 0 && !hasHoldPhase) {
            m_xml.attributeError(el, "hold",
                                 "exercise '" + exercise->id +
                                     "' has no hold phase, so its hold must be 0");
            valid.hold = false;
        }
    }
    // The frequency is the phase's.
    dose.perDay = phase.perDay;
    dose.perWeek = phase.perWeek;
    item.dose = dose;
    if (const XMLElement* bounds = m_xml.single(el, "bounds", false)) {
        readItemBounds(bounds, exercise, item, valid);
    }
    phase.items.push_back(std::move(item));
}

void ProgramParser::readPhase(const XMLElement* el, core::Program& program) {
    using L = core::DoseLimits;
    m_xml.checkAttributes(el, {"name", "weeks", "per-week", "per-day"});
    m_xml.checkChildren(el, {"name", "basis", "item"});
    core::ProgramPhase phase;
    if (const XMLElement* basis = m_xml.single(el, "basis", false)) {
        m_xml.checkAttributes(basis, {"dose-basis"});
        m_xml.checkChildren(basis, {});
        if (auto text = m_xml.requiredText(basis)) {
            phase.basis = *text;
        }
        phase.doseFromConvention = m_xml.doseFromConvention(basis);
    }
    if (auto name = m_xml.requiredAttribute(el, "name")) {
        phase.name = *name;
    }
    phase.weeks = m_xml.intAttribute(el, "weeks", kPhaseWeeks, true).value_or(phase.weeks);
    phase.perWeek = m_xml.intAttribute(el, "per-week", L::perWeek, true).value_or(phase.perWeek);
    phase.perDay = m_xml.intAttribute(el, "per-day", L::perDay, false).value_or(1);
    std::map<std::string, int> nameLines;
    for (const XMLElement* name = el->FirstChildElement("name"); name != nullptr;
         name = name->NextSiblingElement("name")) {
        m_xml.checkAttributes(name, {"xml:lang"});
        m_xml.checkChildren(name, {});
        const auto lang = m_xml.languageAttribute(name);
        if (!lang) {
            continue;
        }
        const std::string& code = *lang;
        if (code == "en") {
            m_xml.attributeError(name, "xml:lang",
                                 "the English name is the <phase> attribute 'name'");
            continue;
        }
        if (auto it = nameLines.find(code); it != nameLines.end()) {
            m_xml.error(name->GetLineNum(), "<name xml:lang=\"" + code +
                                                "\"> is given twice (first at line " +
                                                std::to_string(it->second) + ")");
            continue;
        }
        nameLines[code] = name->GetLineNum();
        if (auto text = m_xml.requiredText(name)) {
            phase.names[code] = *text;
        }
    }
    // Items read the phase's frequency into their dose.
    std::map<std::string, int, std::less<>> seen;
    for (const XMLElement* item = el->FirstChildElement("item"); item != nullptr;
         item = item->NextSiblingElement("item")) {
        readItem(item, phase, seen);
    }
    if (el->FirstChildElement("item") == nullptr) {
        m_xml.error(el->GetLineNum(), "<phase>: needs at least one <item>");
    }
    warnAboutVariants(phase);
    // Translations: every language of the title names each phase, and only those.
    for (const auto& [code, line] : m_titleLines) {
        if (code != "en" && nameLines.count(code) == 0) {
            m_xml.warning(el->GetLineNum(), "<phase>: missing <name xml:lang=\"" + code +
                                                "\"> (the title is translated into '" + code +
                                                "')");
        }
    }
    for (const auto& [code, line] : nameLines) {
        if (m_titleLines.count(code) == 0) {
            m_xml.warning(line, "<name xml:lang=\"" + code +
                                    "\">: the program has no <title xml:lang=\"" + code + "\">");
        }
    }
    program.phases.push_back(std::move(phase));
}

std::optional<core::Program> ProgramParser::parse(const XMLElement* root) {
    core::Program program;
    program.path = m_xml.path();
    m_xml.checkAttributes(root, {"id", "format"});
    m_xml.checkChildren(root,
                        {"title", "author", "source", "advice", "patient", "options", "phase"});
    if (auto id = m_xml.requiredAttribute(root, "id")) {
        if (!isValidId(*id)) {
            m_xml.attributeError(
                root, "id", "'" + std::string(*id) + "' is not lower-case words joined by hyphens");
        } else {
            program.id = *id;
        }
    }
    if (auto format = m_xml.intAttribute(
            root, "format", {std::numeric_limits<int>::min(), std::numeric_limits<int>::max()},
            true)) {
        if (*format != kProgramFormatVersion) {
            m_xml.attributeError(root, "format",
                                 "version " + std::to_string(*format) +
                                     " is not supported (this Motus reads version " +
                                     std::to_string(kProgramFormatVersion) + ")");
        }
        program.formatVersion = *format;
    }
    readTitles(root, program);
    readAdvice(root, program);
    if (const XMLElement* author = m_xml.single(root, "author", true)) {
        if (auto text = textOf(author)) {
            program.author = *text;
        }
    }
    for (const XMLElement* source = root->FirstChildElement("source"); source != nullptr;
         source = source->NextSiblingElement("source")) {
        m_xml.checkAttributes(source, {});
        m_xml.checkChildren(source, {});
        if (auto text = m_xml.requiredText(source)) {
            program.sources.emplace_back(*text);
        }
    }
    if (const XMLElement* patient = m_xml.single(root, "patient", false)) {
        if (auto text = textOf(patient)) {
            program.patient = *text;
        }
    }
    if (const XMLElement* options = m_xml.single(root, "options", false)) {
        readOptions(options, program);
    }
    for (const XMLElement* phase = root->FirstChildElement("phase"); phase != nullptr;
         phase = phase->NextSiblingElement("phase")) {
        readPhase(phase, program);
    }
    if (root->FirstChildElement("phase") == nullptr) {
        m_xml.error(root->GetLineNum(), "<program>: needs at least one <phase>");
    }
    if (m_xml.errorCount() > 0) {
        return std::nullopt;
    }
    return program;
}

// Text for an attribute value or element content: markup characters escaped, and the white
// space an attribute would otherwise lose written as character references.
std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\n':
            out += "&#10;";
            break;
        case '\t':
            out += "&#9;";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string boolText(bool value) {
    return value ? "true" : "false";
}

std::string rangeAttributeText(core::IntRange range) {
    return range.min == range.max ? std::to_string(range.min)
                                  : std::to_string(range.min) + "-" + std::to_string(range.max);
}

void writeItem(std::string& out, const core::ProgramItem& item) {
    const core::Dose& d = item.dose;
    out += "    <item exercise=\"" + escape(item.exercise) + "\" sets=\"" + std::to_string(d.sets) +
           "\" reps=\"" + std::to_string(d.reps) + "\" hold=\"" + std::to_string(d.holdSeconds) +
           "\" tempo=\"" + std::to_string(d.tempoSeconds) + "\" rest=\"" +
           std::to_string(d.restSeconds) + "\" side=\"" + std::string(core::toString(d.side)) +
           "\"";
    if (!d.pyramid.empty()) {
        out += " pyramid=\"";
        for (std::size_t i = 0; i < d.pyramid.size(); ++i) {
            out += (i > 0 ? " " : "") + std::to_string(d.pyramid[i]);
        }
        out += "\"";
    }
    if (item.locked) {
        out += " locked=\"true\"";
    }
    const core::DoseBounds& b = item.bounds;
    out += ">\n      <bounds sets=\"" + rangeAttributeText(b.sets) + "\" reps=\"" +
           rangeAttributeText(b.reps) + "\" hold=\"" + rangeAttributeText(b.hold) + "\" rest=\"" +
           rangeAttributeText(b.rest) + "\"/>\n    </item>\n";
}

} // namespace

bool isValidProgramId(std::string_view id) {
    return isValidId(id);
}

ParsedProgram parseProgram(std::string_view text, const std::string& path,
                           const core::Library& library) {
    ParsedProgram result;
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    const XMLElement* root = parseDocument(doc, text, path, kMaxProgramFileBytes, kMaxElementDepth,
                                           "program", result.diagnostics);
    if (root == nullptr) {
        return result;
    }
    ProgramParser parser(path, result.diagnostics, library);
    result.program = parser.parse(root);
    return result;
}

ParsedProgram loadProgramFile(const std::filesystem::path& file, const core::Library& library) {
    ParsedProgram result;
    const auto text = readFileCapped(file, kMaxProgramFileBytes, result.diagnostics);
    if (!text) {
        return result;
    }
    return parseProgram(*text, file.string(), library);
}

std::vector<std::filesystem::path> bundledPrograms(const std::filesystem::path& libraryDir) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    fs::directory_iterator it(libraryDir / "programs", ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code typeError;
        if (it->is_regular_file(typeError) && it->path().extension() == ".xml") {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string writeProgram(const core::Program& program,
                         const std::vector<core::Prescription>& current,
                         std::optional<std::size_t> phase) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<program id=\"" + escape(program.id) + "\" format=\"" +
           std::to_string(kProgramFormatVersion) + "\">\n";
    out += "  <title>" + escape(program.title) + "</title>\n";
    for (const auto& [lang, title] : program.titles) {
        out += "  <title xml:lang=\"" + escape(lang) + "\">" + escape(title) + "</title>\n";
    }
    out += "  <author>" + escape(program.author) + "</author>\n";
    for (const auto& source : program.sources) {
        out += "  <source>" + escape(source) + "</source>\n";
    }
    if (!program.advice.empty()) {
        out += "  <advice>" + escape(program.advice) + "</advice>\n";
        for (const auto& [lang, text] : program.advices) {
            out += "  <advice xml:lang=\"" + escape(lang) + "\">" + escape(text) + "</advice>\n";
        }
    }
    if (program.patient) {
        out += "  <patient>" + escape(*program.patient) + "</patient>\n";
    }
    out += "  <options auto-progression=\"" + boolText(program.autoProgression) +
           "\" quota-mode=\"" + boolText(program.quotaMode) + "\"/>\n";
    for (std::size_t p = 0; p < program.phases.size(); ++p) {
        const core::ProgramPhase& ph = program.phases[p];
        out += "  <phase name=\"" + escape(ph.name) + "\" weeks=\"" + std::to_string(ph.weeks) +
               "\" per-week=\"" + std::to_string(ph.perWeek) + "\" per-day=\"" +
               std::to_string(ph.perDay) + "\">\n";
        for (const auto& [lang, name] : ph.names) {
            out += "    <name xml:lang=\"" + escape(lang) + "\">" + escape(name) + "</name>\n";
        }
        if (!ph.basis.empty()) {
            out += std::string("    <basis") +
                   (ph.doseFromConvention ? " dose-basis=\"convention\"" : "") + ">" +
                   escape(ph.basis) + "</basis>\n";
        }
        for (core::ProgramItem item : ph.items) {
            const bool replace = !phase || *phase == p;
            auto found =
                std::find_if(current.begin(), current.end(), [&](const core::Prescription& rx) {
                    return rx.exercise == item.exercise;
                });
            if (replace && found != current.end()) {
                const int perDay = item.dose.perDay;
                const int perWeek = item.dose.perWeek;
                item.dose = found->dose;
                item.dose.perDay = perDay;
                item.dose.perWeek = perWeek;
                item.bounds = found->bounds;
                item.locked = found->locked;
            }
            writeItem(out, item);
        }
        out += "  </phase>\n";
    }
    out += "</program>\n";
    return out;
}

} // namespace motus::content
