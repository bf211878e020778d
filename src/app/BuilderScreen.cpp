#include "BuilderScreen.hpp"

#include "core/LocalTime.hpp"
#include "document/Handout.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"
#include "service/Practice.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace motus::app {
namespace {

using core::tr;
using service::BoundField;
using service::DoseField;

constexpr float kPad = 28.f;
constexpr float kGap = 20.f;
constexpr float kRow = 44.f;
constexpr float kListRow = 50.f;
constexpr float kStepButton = 38.f;

std::string fmtText(const char* pattern, const std::string& value) {
    return fmt::format(fmt::runtime(pattern), value);
}

float buttonWidth(const Fonts& fonts, const std::string& label, unsigned size = typeSize::body) {
    return textWidth(utf8(label), fonts.bold, size) + 36.f;
}

struct DoseRow {
    const char* key;
    DoseField field;
    std::optional<BoundField> bound;
};

const DoseRow kDoseRows[] = {
    {"sets", DoseField::Sets, BoundField::Sets}, {"reps", DoseField::Reps, BoundField::Reps},
    {"hold", DoseField::Hold, BoundField::Hold}, {"tempo", DoseField::Tempo, std::nullopt},
    {"rest", DoseField::Rest, BoundField::Rest},
};

const char* doseLabel(DoseField field) {
    switch (field) {
    case DoseField::Sets:
        return tr("Sets");
    case DoseField::Reps:
        return tr("Reps");
    case DoseField::Hold:
        return tr("Hold, s");
    case DoseField::Tempo:
        return tr("Tempo, s");
    case DoseField::Rest:
        return tr("Rest, s");
    }
    return "";
}

} // namespace

BuilderScreen::BuilderScreen(service::ProgramDraft draft, const Fonts& fonts, std::string lang,
                             std::function<void()> onBack)
    : m_draft(std::move(draft)), m_fonts(fonts), m_lang(std::move(lang)),
      m_onBack(std::move(onBack)) {
    for (const char* key : {"title", "id", "author", "note", "file", "search", "phase-name"}) {
        m_fields.emplace(key, TextField({}, std::string_view(key) == "note" ? 400 : 200));
    }
    // A file being edited opens on its first phase; a new program on its details.
    m_tab = m_draft.file().empty() ? 0 : 1;
    if (m_tab == 1 && !m_draft.program().phases.front().items.empty()) {
        m_item = 0;
    }
    m_fileByHand = !m_draft.file().empty();
    if (m_fileByHand) {
        m_fields.at("file").setText(m_draft.file().string());
    }
    syncFields();
    refresh();
    layout();
    focus(m_tab == 0 ? "title" : "search");
}

std::filesystem::path BuilderScreen::targetFile() const {
    return std::filesystem::path(m_fields.at("file").text());
}

const core::Exercise* BuilderScreen::libraryChoice() const {
    return m_choice < m_found.size() ? m_found[m_choice] : nullptr;
}

void BuilderScreen::say(const std::string& message, bool problem) {
    m_status = message;
    m_statusProblem = problem;
}

void BuilderScreen::syncFields() {
    const core::Program& p = m_draft.program();
    const std::string focused = focusedKey();
    auto set = [&](const char* key, const std::string& text) {
        if (focused != key && m_fields.at(key).text() != text) {
            m_fields.at(key).setText(text);
        }
    };
    set("title", m_draft.shownTitle());
    set("id", p.id);
    set("author", p.author);
    set("note", p.patient.value_or(""));
    if (!m_fileByHand) {
        set("file", m_draft.defaultFile().string());
    }
    if (m_tab > 0 && phaseIndex() < p.phases.size()) {
        set("phase-name", m_draft.phaseName(phaseIndex()));
    }
}

void BuilderScreen::refresh() {
    m_warnings = m_draft.warnings();
    m_missing = m_draft.missing();
    m_summary.clear();
    for (std::size_t p = 0; p < m_draft.program().phases.size(); ++p) {
        m_summary.push_back(m_draft.summaryLine(p));
    }
    core::LibraryFilter filter;
    if (m_region >= 0) {
        filter.region = std::string(core::regionNames()[static_cast<std::size_t>(m_region)]);
    }
    if (m_position >= 0) {
        filter.position = static_cast<core::Position>(m_position);
    }
    if (m_goal >= 0) {
        filter.goal = static_cast<core::Goal>(m_goal);
    }
    const core::Exercise* before = libraryChoice();
    m_found = m_draft.library().search(filter, m_fields.at("search").text(), m_lang);
    m_choice = 0;
    for (std::size_t i = 0; i < m_found.size(); ++i) {
        if (m_found[i] == before) {
            m_choice = i;
        }
    }
    if (m_tab > m_draft.program().phases.size()) {
        m_tab = m_draft.program().phases.size();
    }
    if (m_tab > 0) {
        const auto& items = m_draft.program().phases[phaseIndex()].items;
        if (items.empty()) {
            m_item.reset();
        } else if (m_item && *m_item >= items.size()) {
            m_item = items.size() - 1;
        }
    } else {
        m_item.reset();
    }
}

void BuilderScreen::relayout(const std::string& keepFocus) {
    syncFields();
    refresh();
    layout();
    focus(keepFocus);
}

void BuilderScreen::resize(sf::Vector2f size) {
    m_size = size;
    relayout(focusedKey());
}

void BuilderScreen::layout() {
    m_controls.clear();
    m_labels.clear();
    const core::Program& program = m_draft.program();

    // The tabs: the program's details, one per phase, and a new phase.
    float x = kPad;
    const float tabY = 80.f;
    auto addButton = [&](const std::string& key, sf::FloatRect rect, const std::string& label,
                         std::function<void()> press, bool primary = false, bool on = false) {
        Control c;
        c.key = key;
        c.kind = Kind::Button;
        c.rect = rect;
        c.label = label;
        c.press = std::move(press);
        c.primary = primary;
        c.on = on;
        m_controls.push_back(std::move(c));
    };
    const std::string details = tr("Program");
    const float detailsWidth = buttonWidth(m_fonts, details);
    addButton(
        "tab.0", {x, tabY, detailsWidth, kRow}, details,
        [this] {
            m_tab = 0;
            relayout("tab.0");
        },
        false, m_tab == 0);
    x += detailsWidth + 10.f;
    const std::string plus = std::string("+ ") + tr("Phase");
    const float plusWidth = buttonWidth(m_fonts, plus);
    const float phaseRoom = m_size.x - kPad - plusWidth - 10.f - x;
    const float each =
        std::min(240.f, phaseRoom / static_cast<float>(program.phases.size()) - 10.f);
    for (std::size_t p = 0; p < program.phases.size(); ++p) {
        const std::string key = "tab." + std::to_string(p + 1);
        const std::string name = m_draft.phaseName(p).empty()
                                     ? fmt::format(fmt::runtime(tr("Phase {}")), p + 1)
                                     : m_draft.phaseName(p);
        addButton(
            key, {x, tabY, each, kRow}, name,
            [this, p, key] {
                m_tab = p + 1;
                m_item = m_draft.program().phases[p].items.empty() ? std::nullopt
                                                                   : std::optional<std::size_t>(0);
                m_routineScroll = 0.f;
                m_fields.at("phase-name").setText(m_draft.phaseName(p));
                relayout(key);
            },
            false, m_tab == p + 1);
        x += each + 10.f;
    }
    addButton("add-phase", {x, tabY, plusWidth, kRow}, plus, [this] {
        const std::size_t p = m_draft.addPhase();
        m_tab = p + 1;
        m_item.reset();
        m_fields.at("phase-name").setText(m_draft.phaseName(p));
        say(fmt::format(fmt::runtime(tr("{} added: choose its exercises on the left.")),
                        m_draft.phaseName(p)));
        relayout("search");
    });

    m_bottom = {kPad, m_size.y - kPad - 160.f, m_size.x - 2 * kPad, 160.f};
    const float top = tabY + kRow + 14.f;
    const float bottom = m_bottom.top - 14.f;
    if (m_tab == 0) {
        layoutProgramTab(top, bottom);
    } else {
        layoutPhaseTab(top, bottom);
    }

    // Save and Save as copy, at the top right.
    const std::string save = tr("Save");
    const std::string copy = tr("Save as copy");
    const float saveWidth = buttonWidth(m_fonts, save) + 20.f;
    const float copyWidth = buttonWidth(m_fonts, copy);
    addButton("save-copy", {m_size.x - kPad - saveWidth - 12.f - copyWidth, 18.f, copyWidth, 48.f},
              copy, [this] { (void)saveCopy(); });
    if (m_onOpen) {
        const std::string open = tr("Open…");
        const float openWidth = buttonWidth(m_fonts, open);
        addButton(
            "open",
            {m_size.x - kPad - saveWidth - 24.f - copyWidth - openWidth, 18.f, openWidth, 48.f},
            open, [this] { askToOpen(); });
    }
    addButton(
        "save", {m_size.x - kPad - saveWidth, 18.f, saveWidth, 48.f}, save,
        [this] { (void)saveTo(targetFile()); }, true);
}

void BuilderScreen::layoutProgramTab(float top, float /*bottom*/) {
    const float labelWidth = 250.f;
    const float fieldLeft = kPad + labelWidth;
    const float fieldWidth = std::min(560.f, m_size.x * 0.62f - fieldLeft);
    struct FieldRow {
        const char* key;
        const char* label;
    };
    const FieldRow rows[] = {{"title", tr("Title")},
                             {"author", tr("Author (you)")},
                             {"note", tr("Note for the patient")},
                             {"id", tr("Program id")},
                             {"file", tr("Save to")}};
    float y = top;
    for (const auto& row : rows) {
        m_labels.push_back(
            {utf8(row.label), &m_fonts.regular, typeSize::body, {kPad, y + 8.f}, colour::text});
        Control c;
        c.key = row.key;
        c.kind = Kind::Field;
        c.field = row.key;
        c.rect = {fieldLeft, y, fieldWidth, kRow};
        m_controls.push_back(std::move(c));
        y += kRow + 18.f;
    }
    for (const auto& line :
         wrapText(tr("The id names the program in the patient's journal; it follows the title "
                     "until you change it. Give the saved file to your patient: Motus opens it."),
                  m_fonts.regular, typeSize::small, fieldWidth)) {
        m_labels.push_back(
            {line, &m_fonts.regular, typeSize::small, {fieldLeft, y - 6.f}, colour::mutedText});
        y += 24.f;
    }

    // The options, on the right.
    const float left = fieldLeft + fieldWidth + 40.f;
    const float width = m_size.x - kPad - left;
    y = top;
    auto toggle = [&](const char* key, const char* label, const char* explanation, bool on,
                      std::function<void()> press) {
        Control c;
        c.key = key;
        c.kind = Kind::Toggle;
        c.rect = {left, y, width, kRow};
        c.label = label;
        c.on = on;
        c.press = std::move(press);
        m_controls.push_back(std::move(c));
        y += kRow + 2.f;
        for (const auto& line : wrapText(explanation, m_fonts.regular, typeSize::small, width)) {
            m_labels.push_back(
                {line, &m_fonts.regular, typeSize::small, {left, y}, colour::mutedText});
            y += 24.f;
        }
        y += 14.f;
    };
    toggle("auto", tr("Automatic progression"),
           tr("Each week the dose goes up or down within its range, by the rules."),
           m_draft.program().autoProgression, [this] {
               m_draft.setAutoProgression(!m_draft.program().autoProgression);
               relayout("auto");
           });
    toggle("quota", tr("Count sessions a week"),
           tr("Quota mode: the patient may choose the days; missed days do not count as "
              "misses while the week's sessions are done."),
           m_draft.program().quotaMode, [this] {
               m_draft.setQuotaMode(!m_draft.program().quotaMode);
               relayout("quota");
           });
    m_labels.push_back({utf8(tr("Longest session, minutes")),
                        &m_fonts.regular,
                        typeSize::body,
                        {left, y},
                        colour::text});
    y += 36.f;
    Control minutes;
    minutes.key = "max-minutes";
    minutes.kind = Kind::Number;
    minutes.rect = {left, y, 150.f, kRow};
    minutes.value = [this] { return m_draft.maxSessionMinutes(); };
    minutes.set = [this](int v) {
        const std::string message = m_draft.setMaxSessionMinutes(v);
        say(message, !message.empty());
    };
    minutes.step = [this](int d) {
        (void)m_draft.setMaxSessionMinutes(m_draft.maxSessionMinutes() + d);
    };
    m_controls.push_back(std::move(minutes));
    // The patient's handout of the program as built.
    y += kRow + 28.f;
    Control handout;
    handout.key = "handout";
    handout.kind = Kind::Button;
    handout.label = tr("Handout for the patient");
    handout.rect = {left, y, buttonWidth(m_fonts, handout.label), kRow};
    handout.press = [this] { (void)writeHandout(); };
    m_controls.push_back(std::move(handout));
}

void BuilderScreen::layoutPhaseTab(float top, float bottom) {
    const float colA = std::clamp(m_size.x * 0.26f, 280.f, 420.f);
    const float colB = std::clamp(m_size.x * 0.28f, 300.f, 460.f);
    const float aLeft = kPad;
    const float bLeft = aLeft + colA + kGap;
    const float cLeft = bLeft + colB + kGap;
    const float colC = m_size.x - kPad - cLeft;
    const std::size_t phase = phaseIndex();
    const core::ProgramPhase& ph = m_draft.program().phases[phase];

    // The library: search, three filters, the list, Add.
    Control search;
    search.key = "search";
    search.kind = Kind::Field;
    search.field = "search";
    search.rect = {aLeft, top, colA, kRow};
    m_controls.push_back(std::move(search));
    const float filterWidth = (colA - 16.f) / 3.f;
    struct Filter {
        const char* key;
        int* value;
        int count;
        std::string label;
    };
    const Filter filters[] = {
        {"filter.region", &m_region, static_cast<int>(core::regionNames().size()),
         m_region < 0
             ? tr("Region")
             : core::regionDisplayName(core::regionNames()[static_cast<std::size_t>(m_region)])},
        {"filter.position", &m_position, static_cast<int>(core::positionNames().size()),
         m_position < 0 ? tr("Position")
                        : core::displayName(static_cast<core::Position>(m_position))},
        {"filter.goal", &m_goal, static_cast<int>(core::goalNames().size()),
         m_goal < 0 ? tr("Goal") : core::displayName(static_cast<core::Goal>(m_goal))},
    };
    float fx = aLeft;
    for (const auto& f : filters) {
        Control c;
        c.key = f.key;
        c.kind = Kind::Button;
        c.rect = {fx, top + kRow + 8.f, filterWidth, 38.f};
        c.label = f.label + " ▸";
        c.on = *f.value >= 0;
        int* value = f.value;
        const int count = f.count;
        const std::string key = f.key;
        // Each press shows the next value; after the last, any again.
        c.press = [this, value, count, key] {
            *value = *value + 1 >= count ? -1 : *value + 1;
            m_libraryScroll = 0.f;
            relayout(key);
        };
        c.step = [this, value, count, key](int d) {
            *value = ((*value + 1 + d) % (count + 1) + (count + 1)) % (count + 1) - 1;
            m_libraryScroll = 0.f;
            relayout(key);
        };
        m_controls.push_back(std::move(c));
        fx += filterWidth + 8.f;
    }
    const float listTop = top + kRow + 8.f + 38.f + 10.f;
    const float addTop = bottom - kRow;
    Control library;
    library.key = "library";
    library.kind = Kind::List;
    library.rect = {aLeft, listTop, colA, addTop - 10.f - listTop};
    library.listMove = [this](int d) {
        if (m_found.empty()) {
            return;
        }
        m_choice = static_cast<std::size_t>(
            std::clamp(static_cast<long>(m_choice) + d, 0L, static_cast<long>(m_found.size()) - 1));
        relayout("library");
    };
    library.listClick = [this](float y) {
        const auto row = static_cast<std::size_t>(std::max(0.f, y) / kListRow);
        if (row < m_found.size()) {
            m_choice = row;
        }
        relayout("library");
    };
    library.press = [this] { addSelected(); };
    const float libraryHeight = library.rect.height;
    m_controls.push_back(std::move(library));
    // Keep the choice in view.
    const float choiceTop = static_cast<float>(m_choice) * kListRow;
    if (choiceTop < m_libraryScroll) {
        m_libraryScroll = choiceTop;
    } else if (choiceTop + kListRow > m_libraryScroll + libraryHeight) {
        m_libraryScroll = choiceTop + kListRow - libraryHeight;
    }
    m_libraryRows.clear();
    for (std::size_t i = 0; i < m_found.size(); ++i) {
        const auto* ex = m_found[i];
        m_libraryRows.push_back(
            {ellipsize(utf8(ex->text(m_lang).name), m_fonts.bold, typeSize::small, colA - 28.f),
             ellipsize(utf8(fmt::format(fmt::runtime(tr("level {} · {}")), ex->level,
                                        core::displayName(ex->position))),
                       m_fonts.regular, 16, colA - 28.f),
             i == m_choice, false});
    }
    Control add;
    add.key = "add";
    add.kind = Kind::Button;
    add.primary = true;
    add.rect = {aLeft, addTop, colA, kRow};
    add.label = std::string(tr("Add to this phase")) + "  ▸";
    add.press = [this] { addSelected(); };
    m_controls.push_back(std::move(add));

    // The phase: its name, length and frequency, its routine.
    const std::string removeLabel = tr("Remove phase");
    const float removeWidth = buttonWidth(m_fonts, removeLabel, typeSize::small);
    Control name;
    name.key = "phase-name";
    name.kind = Kind::Field;
    name.field = "phase-name";
    name.rect = {bLeft, top, colB - removeWidth - 10.f, kRow};
    m_controls.push_back(std::move(name));
    Control remove;
    remove.key = "remove-phase";
    remove.kind = Kind::Button;
    remove.rect = {bLeft + colB - removeWidth, top, removeWidth, kRow};
    remove.label = removeLabel;
    remove.press = [this, phase] {
        try {
            const std::string gone = m_draft.phaseName(phase);
            m_draft.removePhase(phase);
            m_tab = std::max<std::size_t>(1, phase);
            m_item.reset();
            say(fmt::format(fmt::runtime(tr("{} removed.")), gone));
        } catch (const service::Refused& e) {
            say(e.what(), true);
        }
        relayout("tab." + std::to_string(m_tab));
    };
    m_controls.push_back(std::move(remove));
    float y = top + kRow + 10.f;
    struct Frequency {
        const char* key;
        const char* label;
        std::function<int()> value;
        std::function<std::string(int)> set;
    };
    const Frequency frequencies[] = {
        {"weeks", tr("Weeks"), [this, phase] { return m_draft.program().phases[phase].weeks; },
         [this, phase](int v) { return m_draft.setWeeks(phase, v); }},
        {"per-week", tr("Days a week"),
         [this, phase] { return m_draft.program().phases[phase].perWeek; },
         [this, phase](int v) { return m_draft.setPerWeek(phase, v); }},
        {"per-day", tr("Sessions a day"),
         [this, phase] { return m_draft.program().phases[phase].perDay; },
         [this, phase](int v) { return m_draft.setPerDay(phase, v); }},
    };
    for (const auto& f : frequencies) {
        m_labels.push_back(
            {utf8(f.label), &m_fonts.regular, typeSize::body, {bLeft, y + 8.f}, colour::text});
        Control c;
        c.key = f.key;
        c.kind = Kind::Number;
        c.rect = {bLeft + colB - 150.f, y, 150.f, kRow};
        c.value = f.value;
        auto set = f.set;
        auto value = f.value;
        c.set = [this, set](int v) {
            const std::string message = set(v);
            say(message, !message.empty());
        };
        c.step = [this, set, value](int d) {
            const std::string message = set(value() + d);
            say(message, !message.empty());
        };
        m_controls.push_back(std::move(c));
        y += kRow + 8.f;
    }
    m_labels.push_back(
        {utf8(tr("Routine")), &m_fonts.bold, typeSize::body, {bLeft, y + 2.f}, colour::text});
    y += 34.f;
    const float buttonsTop = bottom - kRow;
    Control routine;
    routine.key = "routine";
    routine.kind = Kind::List;
    routine.rect = {bLeft, y, colB, buttonsTop - 10.f - y};
    routine.listMove = [this, phase](int d) {
        const auto& items = m_draft.program().phases[phase].items;
        if (items.empty()) {
            return;
        }
        m_item = static_cast<std::size_t>(std::clamp(static_cast<long>(m_item.value_or(0)) + d, 0L,
                                                     static_cast<long>(items.size()) - 1));
        relayout("routine");
    };
    routine.listClick = [this, phase](float at) {
        const auto row = static_cast<std::size_t>(std::max(0.f, at) / kListRow);
        if (row < m_draft.program().phases[phase].items.size()) {
            m_item = row;
        }
        relayout("routine");
    };
    const float routineHeight = routine.rect.height;
    m_controls.push_back(std::move(routine));
    m_routineRows.clear();
    for (std::size_t i = 0; i < ph.items.size(); ++i) {
        const auto& item = ph.items[i];
        const auto* ex = m_draft.library().find(item.exercise);
        const std::string itemName = ex != nullptr ? ex->text(m_lang).name : item.exercise;
        const bool warned = std::any_of(m_warnings.begin(), m_warnings.end(), [&](const auto& w) {
            return w.phase == phase && w.item == i;
        });
        std::string dose = core::describeDose(item.dose);
        if (item.locked) {
            dose = std::string(tr("locked")) + " · " + dose;
        }
        m_routineRows.push_back({ellipsize(utf8(std::to_string(i + 1) + ". " + itemName),
                                           m_fonts.bold, typeSize::small, colB - 28.f),
                                 ellipsize(utf8(dose), m_fonts.regular, 16, colB - 28.f),
                                 m_item == i, warned});
    }
    if (m_item) {
        const float itemTop = static_cast<float>(*m_item) * kListRow;
        if (itemTop < m_routineScroll) {
            m_routineScroll = itemTop;
        } else if (itemTop + kListRow > m_routineScroll + routineHeight) {
            m_routineScroll = itemTop + kListRow - routineHeight;
        }
    }
    const float third = (colB - 20.f) / 3.f;
    const std::pair<const char*, std::string> moves[] = {{"up", std::string("↑ ") + tr("Up")},
                                                         {"down", std::string("↓ ") + tr("Down")},
                                                         {"remove", tr("Remove")}};
    float bx = bLeft;
    for (const auto& [key, label] : moves) {
        Control c;
        c.key = key;
        c.kind = Kind::Button;
        c.rect = {bx, buttonsTop, third, kRow};
        c.label = label;
        const std::string k = key;
        c.press = [this, phase, k] {
            if (!m_item) {
                say(tr("Choose an exercise of the routine first."), true);
                return;
            }
            if (k == "remove") {
                m_draft.removeItem(phase, *m_item);
                if (*m_item > 0) {
                    --*m_item;
                }
            } else {
                m_item = m_draft.moveItem(phase, *m_item, k == "up" ? -1 : 1);
            }
            relayout(k);
        };
        m_controls.push_back(std::move(c));
        bx += third + 10.f;
    }

    layoutItem({cLeft, top, colC, bottom - top});
}

void BuilderScreen::layoutItem(sf::FloatRect area) {
    m_figurePoses.clear();
    m_figureExercise = nullptr;
    const std::size_t phase = phaseIndex();
    const auto& items = m_draft.program().phases[phase].items;
    if (!m_item || *m_item >= items.size()) {
        float y = area.top + 20.f;
        for (const auto& line :
             wrapText(items.empty() ? tr("Choose an exercise in the library on the left and "
                                         "press Add.")
                                    : tr("Choose an exercise of the routine to set its dose."),
                      m_fonts.regular, typeSize::body, area.width - 20.f)) {
            m_labels.push_back(
                {line, &m_fonts.regular, typeSize::body, {area.left + 10.f, y}, colour::mutedText});
            y += 32.f;
        }
        return;
    }
    const std::size_t index = *m_item;
    const core::ProgramItem& item = items[index];
    const core::Exercise* ex = m_draft.library().find(item.exercise);
    if (ex == nullptr) {
        return;
    }
    m_figureExercise = ex;
    m_labels.push_back(
        {ellipsize(utf8(ex->text(m_lang).name), m_fonts.bold, typeSize::heading, area.width),
         &m_fonts.bold,
         typeSize::heading,
         {area.left, area.top},
         colour::text});
    // The figure: the start and the working position side by side.
    m_figureRect = {area.left, area.top + 38.f, area.width, 118.f};
    m_figurePoses.push_back(core::placeBody(ex->poses.front(), ex->view, 1.75));
    for (const auto& phaseOf : ex->phases) {
        if (phaseOf.pose != 0) {
            m_figurePoses.push_back(core::placeBody(ex->poses[phaseOf.pose], ex->view, 1.75));
            break;
        }
    }
    const float each = m_figureRect.width / static_cast<float>(m_figurePoses.size());
    m_figureFit = fitFigures(m_figurePoses, {m_figureRect.left + 8.f, m_figureRect.top + 4.f,
                                             each - 16.f, m_figureRect.height - 8.f});

    float y = m_figureRect.top + m_figureRect.height + 8.f;
    const float labelWidth = 104.f;
    const float doseWidth = 140.f;
    const float rangeWidth = std::min(116.f, (area.width - labelWidth - doseWidth - 44.f) / 2.f);
    const float doseLeft = area.left + labelWidth;
    const float rangeLeft = doseLeft + doseWidth + 20.f;
    m_labels.push_back(
        {utf8(tr("Dose")), &m_fonts.bold, typeSize::small, {doseLeft, y}, colour::mutedText});
    m_labels.push_back({ellipsize(utf8(tr("Automatic range")), m_fonts.bold, typeSize::small,
                                  area.left + area.width - rangeLeft),
                        &m_fonts.bold,
                        typeSize::small,
                        {rangeLeft, y},
                        colour::mutedText});
    y += 26.f;
    for (const auto& row : kDoseRows) {
        m_labels.push_back({utf8(doseLabel(row.field)),
                            &m_fonts.regular,
                            typeSize::body,
                            {area.left, y + 7.f},
                            colour::text});
        Control dose;
        dose.key = std::string("dose.") + row.key;
        dose.kind = Kind::Number;
        dose.rect = {doseLeft, y, doseWidth, kRow - 4.f};
        const DoseField field = row.field;
        dose.value = [this, phase, index, field] { return m_draft.value(phase, index, field); };
        dose.set = [this, phase, index, field](int v) {
            const std::string message = m_draft.setDose(phase, index, field, v);
            say(message, !message.empty());
        };
        dose.step = [this, phase, index, field](int d) {
            const std::string message =
                m_draft.setDose(phase, index, field, m_draft.value(phase, index, field) + d);
            say(message, !message.empty());
        };
        m_controls.push_back(std::move(dose));
        if (row.bound) {
            const BoundField bound = *row.bound;
            for (const bool upper : {false, true}) {
                Control c;
                c.key = std::string("range.") + row.key + (upper ? ".max" : ".min");
                c.kind = Kind::Number;
                c.rect = {rangeLeft + (upper ? rangeWidth + 24.f : 0.f), y, rangeWidth, kRow - 4.f};
                auto current = [this, phase, index, bound, upper] {
                    const auto range = service::boundOf(
                        m_draft.program().phases[phase].items[index].bounds, bound);
                    return upper ? range.max : range.min;
                };
                c.value = current;
                c.set = [this, phase, index, bound, upper](int v) {
                    const std::string message = m_draft.setBound(phase, index, bound, upper, v);
                    say(message, !message.empty());
                };
                c.step = [this, phase, index, bound, upper, current](int d) {
                    const std::string message =
                        m_draft.setBound(phase, index, bound, upper, current() + d);
                    say(message, !message.empty());
                };
                m_controls.push_back(std::move(c));
            }
            m_labels.push_back({utf8("–"),
                                &m_fonts.regular,
                                typeSize::body,
                                {rangeLeft + rangeWidth + 6.f, y + 6.f},
                                colour::text});
        }
        y += kRow;
    }
    // Side, pyramid and lock.
    const float third = (area.width - 20.f) * 0.3f;
    const float sideWidth = area.width - 20.f - 2 * third;
    Control side;
    side.key = "side";
    side.kind = Kind::Button;
    side.rect = {area.left, y + 4.f, sideWidth, kRow};
    side.label = core::displayName(item.dose.side) + " ▸";
    side.press = [this, phase, index] {
        const auto count = static_cast<int>(core::sideNames().size());
        const int next =
            (static_cast<int>(m_draft.program().phases[phase].items[index].dose.side) + 1) % count;
        m_draft.setSide(phase, index, static_cast<core::Side>(next));
        relayout("side");
    };
    side.step = [this, phase, index](int d) {
        const auto count = static_cast<int>(core::sideNames().size());
        const int next =
            ((static_cast<int>(m_draft.program().phases[phase].items[index].dose.side) + d) %
                 count +
             count) %
            count;
        m_draft.setSide(phase, index, static_cast<core::Side>(next));
        relayout("side");
    };
    m_controls.push_back(std::move(side));
    Control pyramid;
    pyramid.key = "pyramid";
    pyramid.kind = Kind::Toggle;
    pyramid.rect = {area.left + sideWidth + 10.f, y + 4.f, third, kRow};
    pyramid.label = tr("Pyramid");
    pyramid.on = !item.dose.pyramid.empty();
    pyramid.press = [this, phase, index] {
        const bool on = m_draft.program().phases[phase].items[index].dose.pyramid.empty();
        const std::string message = m_draft.setPyramid(phase, index, on);
        say(message, !message.empty());
        relayout("pyramid");
    };
    m_controls.push_back(std::move(pyramid));
    Control lock;
    lock.key = "lock";
    lock.kind = Kind::Toggle;
    lock.rect = {area.left + sideWidth + third + 20.f, y + 4.f, third, kRow};
    lock.label = tr("Locked");
    lock.on = item.locked;
    lock.press = [this, phase, index] {
        m_draft.setLocked(phase, index, !m_draft.program().phases[phase].items[index].locked);
        relayout("lock");
    };
    m_controls.push_back(std::move(lock));
}

void BuilderScreen::addSelected() {
    const core::Exercise* ex = libraryChoice();
    if (m_tab == 0 || ex == nullptr) {
        return;
    }
    try {
        m_item = m_draft.addExercise(phaseIndex(), ex->id);
        say(fmt::format(
            fmt::runtime(tr("{0} added with its usual dose: {1}.")), ex->text(m_lang).name,
            core::describeDose(m_draft.program().phases[phaseIndex()].items[*m_item].dose)));
    } catch (const service::Refused& e) {
        say(e.what(), true);
    }
    relayout(focusedKey());
}

bool BuilderScreen::saveTo(const std::filesystem::path& file) {
    if (file.empty()) {
        say(tr("Type the name of the file to save to (on the Program tab)."), true);
        return false;
    }
    const bool replace = m_confirmReplace && *m_confirmReplace == file;
    try {
        m_draft.save(file, replace);
    } catch (const service::Refused& e) {
        std::error_code ec;
        const bool exists = std::filesystem::exists(std::filesystem::symlink_status(file, ec));
        m_confirmReplace = exists ? std::optional<std::filesystem::path>(file) : std::nullopt;
        say(e.what(), true);
        relayout(focusedKey());
        return false;
    }
    m_confirmReplace.reset();
    m_confirmLeave = false;
    m_fileByHand = true;
    m_fields.at("file").setText(file.string());
    say(fmtText(tr("Saved to {}. Give this file to your patient: Motus opens it and shows what "
                   "it holds before it starts."),
                file.string()));
    relayout(focusedKey());
    return true;
}

bool BuilderScreen::saveCopy() {
    m_draft.makeCopy();
    m_fileByHand = false;
    syncFields();
    return saveTo(m_draft.defaultFile());
}

bool BuilderScreen::load(const std::filesystem::path& file) {
    try {
        m_draft = service::ProgramDraft::open(file, m_draft.library(), m_lang);
    } catch (const service::Refused& e) {
        say(e.what(), true);
        return false;
    }
    m_tab = 1;
    m_item = m_draft.program().phases.front().items.empty() ? std::nullopt
                                                            : std::optional<std::size_t>(0);
    m_fileByHand = true;
    m_fields.at("file").setText(file.string());
    m_fields.at("phase-name").setText(m_draft.phaseName(0));
    say(fmtText(tr("Opened {}."), file.string()));
    relayout("search");
    return true;
}

std::optional<std::filesystem::path> BuilderScreen::writeHandout() {
    if (const auto missing = m_draft.missing(); !missing.empty()) {
        say(fmtText(tr("The handout needs a complete program: {}"), missing.front()), true);
        return std::nullopt;
    }
    const auto target = targetFile();
    const auto folder = target.empty() ? m_draft.defaultFile().parent_path() : target.parent_path();
    const auto file = folder / (m_draft.program().id + "-handout.html");
    try {
        document::HandoutOptions options;
        options.lang = m_lang;
        options.made = core::today();
        service::writeExport(
            file, document::handoutHtml(m_draft.program(), m_draft.library(), options), {});
    } catch (const std::exception& e) {
        say(fmtText(tr("The file could not be written: {}"), e.what()), true);
        return std::nullopt;
    }
    say(fmtText(tr("Handout saved as {}: open it in a browser to print it."), file.string()));
    return file;
}

void BuilderScreen::setOpenAction(std::function<void()> action) {
    m_onOpen = std::move(action);
    relayout(focusedKey());
}

void BuilderScreen::askToOpen() {
    if (!m_onOpen) {
        return;
    }
    if (m_draft.modified() && !m_confirmOpen) {
        m_confirmOpen = true;
        say(tr("This program has changes that are not saved. Press Open again to open another "
               "file without saving them, or Save."),
            true);
        return;
    }
    m_confirmOpen = false;
    m_onOpen();
}

void BuilderScreen::goBack() {
    if (m_draft.modified() && !m_confirmLeave) {
        m_confirmLeave = true;
        say(tr("This program has changes that are not saved. Press Back again to leave without "
               "saving, or Save."),
            true);
        return;
    }
    if (m_onBack) {
        m_onBack();
    }
}

void BuilderScreen::fieldChanged(const std::string& key) { // a copy: controls are rebuilt
    const std::string text = m_fields.at(key).text();
    if (key == "title") {
        m_draft.setTitle(text);
    } else if (key == "id") {
        try {
            m_draft.setId(text);
            say({});
        } catch (const service::Refused& e) {
            say(e.what(), true);
        }
    } else if (key == "author") {
        m_draft.setAuthor(text);
    } else if (key == "note") {
        m_draft.setPatient(text);
    } else if (key == "file") {
        m_fileByHand = true;
    } else if (key == "search") {
        m_libraryScroll = 0.f;
    } else if (key == "phase-name" && m_tab > 0) {
        m_draft.renamePhase(phaseIndex(), text);
    }
    relayout(key);
}

std::string BuilderScreen::focusedKey() const {
    return m_focus < m_controls.size() ? m_controls[m_focus].key : std::string();
}

void BuilderScreen::focus(const std::string& key) {
    for (std::size_t i = 0; i < m_controls.size(); ++i) {
        if (m_controls[i].key == key) {
            if (i != m_focus) {
                m_typed.clear();
            }
            m_focus = i;
            return;
        }
    }
    m_focus = std::min(m_focus, m_controls.empty() ? 0 : m_controls.size() - 1);
}

sf::FloatRect BuilderScreen::controlRect(const std::string& key, int part) const {
    for (const auto& c : m_controls) {
        if (c.key != key) {
            continue;
        }
        if (c.kind == Kind::Number && part != 0) {
            return part < 0 ? sf::FloatRect{c.rect.left, c.rect.top, kStepButton, c.rect.height}
                            : sf::FloatRect{c.rect.left + c.rect.width - kStepButton, c.rect.top,
                                            kStepButton, c.rect.height};
        }
        return c.rect;
    }
    return {};
}

const BuilderScreen::Control* BuilderScreen::controlAt(sf::Vector2f point) const {
    for (const auto& c : m_controls) {
        if (c.rect.contains(point)) {
            return &c;
        }
    }
    return nullptr;
}

void BuilderScreen::moveFocus(int delta) {
    if (m_controls.empty()) {
        return;
    }
    const auto n = static_cast<long>(m_controls.size());
    m_focus = static_cast<std::size_t>(((static_cast<long>(m_focus) + delta) % n + n) % n);
    m_typed.clear();
}

void BuilderScreen::activate(const Control& control, sf::Vector2f at) {
    const std::string key = control.key;
    switch (control.kind) {
    case Kind::Button:
    case Kind::Toggle:
        focus(key);
        if (control.press) {
            auto press = control.press; // the control may be rebuilt while it runs
            press();
        }
        break;
    case Kind::Number: {
        focus(key);
        int d = 0;
        if (at.x < control.rect.left + kStepButton) {
            d = -1;
        } else if (at.x > control.rect.left + control.rect.width - kStepButton) {
            d = 1;
        }
        if (d != 0) {
            auto step = control.step;
            step(d);
            relayout(key);
        }
        break;
    }
    case Kind::Field:
        focus(key);
        break;
    case Kind::List: {
        focus(key);
        const float scroll = key == "library" ? m_libraryScroll : m_routineScroll;
        auto click = control.listClick;
        click(at.y - control.rect.top + scroll);
        break;
    }
    }
}

void BuilderScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseButtonPressed &&
        event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        if (kBackButton.contains(at)) {
            goBack();
            return;
        }
        if (const Control* c = controlAt(at)) {
            activate(*c, at);
        }
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        const sf::Vector2f at{static_cast<float>(event.mouseWheelScroll.x),
                              static_cast<float>(event.mouseWheelScroll.y)};
        const float pixels = -event.mouseWheelScroll.delta * 60.f;
        for (const auto& c : m_controls) {
            if (c.kind == Kind::List && c.rect.contains(at)) {
                const bool isLibrary = c.key == "library";
                float& scroll = isLibrary ? m_libraryScroll : m_routineScroll;
                const float rows =
                    static_cast<float>(isLibrary ? m_libraryRows.size() : m_routineRows.size());
                scroll = std::clamp(scroll + pixels, 0.f,
                                    std::max(0.f, rows * kListRow - c.rect.height));
            }
        }
        return;
    }
    if (m_focus >= m_controls.size()) {
        return;
    }
    const Control& c = m_controls[m_focus];
    const std::string key = c.key;
    if (event.type == sf::Event::TextEntered) {
        if (c.kind == Kind::Field) {
            const std::string field = c.field;
            if (m_fields.at(field).handleEvent(event)) {
                fieldChanged(field);
            }
        } else if (c.kind == Kind::Number) {
            const sf::Uint32 ch = event.text.unicode;
            if (ch >= '0' && ch <= '9') {
                m_typed = m_typed.size() >= 3 ? std::string() : m_typed;
                m_typed += static_cast<char>(ch);
                const std::string typed = m_typed;
                auto set = c.set;
                set(std::stoi(typed));
                relayout(key);
                m_typed = typed;
            } else if (ch == '+' || ch == '-') {
                auto step = c.step;
                step(ch == '+' ? 1 : -1);
                relayout(key);
            }
        }
        return;
    }
    if (event.type != sf::Event::KeyPressed) {
        return;
    }
    const auto code = event.key.code;
    if (code == sf::Keyboard::Escape) {
        goBack();
        return;
    }
    if (code == sf::Keyboard::Tab) {
        moveFocus(event.key.shift ? -1 : 1);
        return;
    }
    if (event.key.control) {
        if (code == sf::Keyboard::S) {
            (void)saveTo(targetFile());
        } else if (code == sf::Keyboard::O) {
            askToOpen();
        } else if (code == sf::Keyboard::PageDown || code == sf::Keyboard::PageUp) {
            const auto tabs = m_draft.program().phases.size() + 1;
            m_tab = (m_tab + (code == sf::Keyboard::PageDown ? 1 : tabs - 1)) % tabs;
            m_item.reset();
            if (m_tab > 0 && !m_draft.program().phases[phaseIndex()].items.empty()) {
                m_item = 0;
                m_fields.at("phase-name").setText(m_draft.phaseName(phaseIndex()));
            }
            relayout("tab." + std::to_string(m_tab));
        }
        return;
    }
    switch (c.kind) {
    case Kind::Field: {
        if (code == sf::Keyboard::Enter) {
            if (key == "search") {
                focus("library");
            } else if (key == "file") {
                (void)saveTo(targetFile());
            } else {
                moveFocus(1);
            }
            return;
        }
        if (code == sf::Keyboard::Down && key == "search") {
            focus("library");
            return;
        }
        const std::string field = c.field;
        if (m_fields.at(field).handleEvent(event)) {
            fieldChanged(field);
        }
        return;
    }
    case Kind::Button:
    case Kind::Toggle:
        if (code == sf::Keyboard::Enter || code == sf::Keyboard::Space) {
            auto press = c.press;
            press();
        } else if (c.step && (code == sf::Keyboard::Left || code == sf::Keyboard::Right)) {
            auto step = c.step;
            step(code == sf::Keyboard::Left ? -1 : 1);
        }
        return;
    case Kind::Number: {
        int d = 0;
        if (code == sf::Keyboard::Up || code == sf::Keyboard::Right || code == sf::Keyboard::Add ||
            code == sf::Keyboard::Equal) {
            d = 1;
        } else if (code == sf::Keyboard::Down || code == sf::Keyboard::Left ||
                   code == sf::Keyboard::Subtract || code == sf::Keyboard::Hyphen) {
            d = -1;
        } else if (code == sf::Keyboard::BackSpace && !m_typed.empty()) {
            m_typed.pop_back();
            if (!m_typed.empty()) {
                const std::string typed = m_typed;
                auto set = c.set;
                set(std::stoi(typed));
                relayout(key);
                m_typed = typed;
            }
            return;
        } else if (code == sf::Keyboard::Enter) {
            m_typed.clear();
            moveFocus(1);
            return;
        }
        if (d != 0) {
            m_typed.clear();
            auto step = c.step;
            step(d);
            relayout(key);
        }
        return;
    }
    case Kind::List: {
        const long page = std::max(1L, static_cast<long>(c.rect.height / kListRow) - 1);
        auto move = c.listMove;
        switch (code) {
        case sf::Keyboard::Down:
            move(1);
            break;
        case sf::Keyboard::Up:
            move(-1);
            break;
        case sf::Keyboard::PageDown:
            move(static_cast<int>(page));
            break;
        case sf::Keyboard::PageUp:
            move(-static_cast<int>(page));
            break;
        case sf::Keyboard::Home:
            move(-100000);
            break;
        case sf::Keyboard::End:
            move(100000);
            break;
        case sf::Keyboard::Enter:
        case sf::Keyboard::Space:
            if (key == "library") {
                addSelected();
            } else {
                focus("dose.sets");
            }
            break;
        case sf::Keyboard::Delete:
            if (key == "routine" && m_item) {
                m_draft.removeItem(phaseIndex(), *m_item);
                if (*m_item > 0) {
                    --*m_item;
                }
                relayout("routine");
            }
            break;
        default:
            break;
        }
        return;
    }
    }
}

void BuilderScreen::drawList(sf::RenderTarget& target, const Control& control,
                             const std::vector<Row>& rows, float scroll) const {
    const sf::FloatRect rect = control.rect;
    drawRoundedRect(target, rect, 10.f, colour::panel, colour::panelBorder, 1.f);
    if (rows.empty()) {
        float y = rect.top + 16.f;
        const char* empty = control.key == "library"
                                ? tr("No exercise matches. Clear the search or the filters.")
                                : tr("No exercises yet: add them from the library.");
        for (const auto& line :
             wrapText(empty, m_fonts.regular, typeSize::small, rect.width - 32.f)) {
            drawText(target, line, m_fonts.regular, typeSize::small, {rect.left + 16.f, y},
                     colour::mutedText);
            y += 26.f;
        }
        return;
    }
    const sf::View saved = target.getView();
    sf::View clip(rect);
    const sf::Vector2f size = saved.getSize();
    clip.setViewport(
        {rect.left / size.x, rect.top / size.y, rect.width / size.x, rect.height / size.y});
    target.setView(clip);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const float top = rect.top + static_cast<float>(i) * kListRow - scroll;
        if (top + kListRow < rect.top || top > rect.top + rect.height) {
            continue;
        }
        const Row& row = rows[i];
        if (row.selected) {
            sf::RectangleShape band({rect.width, kListRow});
            band.setPosition(rect.left, top);
            band.setFillColor(colour::selection);
            target.draw(band);
            sf::RectangleShape bar({6.f, kListRow});
            bar.setPosition(rect.left, top);
            bar.setFillColor(colour::accent);
            target.draw(bar);
        }
        if (row.warned) {
            sf::RectangleShape bar({6.f, kListRow});
            bar.setPosition(rect.left + rect.width - 6.f, top);
            bar.setFillColor(colour::warning);
            target.draw(bar);
        }
        drawText(target, row.text, m_fonts.bold, typeSize::small, {rect.left + 16.f, top + 3.f},
                 colour::text);
        drawText(target, row.detail, m_fonts.regular, 16, {rect.left + 16.f, top + 26.f},
                 colour::mutedText);
    }
    target.setView(saved);
}

void BuilderScreen::drawControl(sf::RenderTarget& target, const Control& c, bool focused) const {
    switch (c.kind) {
    case Kind::Button: {
        const bool small = c.key.rfind("filter.", 0) == 0 || c.key == "remove-phase" ||
                           c.key == "side" || c.key == "up" || c.key == "down" || c.key == "remove";
        drawButton(target, m_fonts, c.rect, c.label, c.primary, c.on,
                   small ? typeSize::small : typeSize::body);
        break;
    }
    case Kind::Toggle: {
        drawRoundedRect(target, c.rect, 10.f, colour::panel, colour::panelBorder, 1.5f);
        const sf::FloatRect box{c.rect.left + 10.f, c.rect.top + (c.rect.height - 26.f) / 2, 26.f,
                                26.f};
        drawRoundedRect(target, box, 5.f, c.on ? colour::accent : colour::panel, colour::accent,
                        2.f);
        if (c.on) {
            drawText(target, utf8("✓"), m_fonts.bold, typeSize::body,
                     {box.left + 4.f, box.top - 3.f}, colour::accentText);
        }
        const unsigned size = c.rect.width < 200.f ? typeSize::small : typeSize::body;
        drawText(
            target, ellipsize(utf8(c.label), m_fonts.regular, size, c.rect.width - 50.f),
            m_fonts.regular, size,
            {box.left + 36.f, c.rect.top + (c.rect.height - static_cast<float>(size) * 1.35f) / 2},
            colour::text);
        break;
    }
    case Kind::Number: {
        drawRoundedRect(target, c.rect, 10.f, colour::panel, colour::panelBorder, 1.5f);
        const sf::FloatRect minus{c.rect.left, c.rect.top, kStepButton, c.rect.height};
        const sf::FloatRect plus{c.rect.left + c.rect.width - kStepButton, c.rect.top, kStepButton,
                                 c.rect.height};
        drawButton(target, m_fonts, minus, "−", false);
        drawButton(target, m_fonts, plus, "+", false);
        const sf::String value = utf8(std::to_string(c.value()));
        const float width = textWidth(value, m_fonts.bold, typeSize::body);
        drawText(
            target, value, m_fonts.bold, typeSize::body,
            {c.rect.left + (c.rect.width - width) / 2, c.rect.top + (c.rect.height - 30.f) / 2},
            colour::text);
        break;
    }
    case Kind::Field: {
        const char* placeholder = c.key == "search"       ? tr("Search the library")
                                  : c.key == "note"       ? tr("Optional: a name or a note")
                                  : c.key == "phase-name" ? tr("Name of the phase")
                                                          : "";
        m_fields.at(c.field).draw(target, m_fonts.regular, typeSize::body, c.rect, focused,
                                  placeholder);
        return; // a field shows its focus itself
    }
    case Kind::List:
        if (c.key == "library") {
            drawList(target, c, m_libraryRows, m_libraryScroll);
        } else {
            drawList(target, c, m_routineRows, m_routineScroll);
        }
        break;
    }
    if (focused) {
        drawFocusRing(target, c.rect);
    }
}

void BuilderScreen::draw(sf::RenderTarget& target) const {
    drawBackButton(target, m_fonts);
    const float saveLeft = m_onOpen ? controlRect("open").left : controlRect("save-copy").left;
    drawText(target,
             ellipsize(utf8(std::string(tr("Program builder")) + " · " + m_draft.shownTitle()),
                       m_fonts.bold, typeSize::title, saveLeft - kPad - kBackButtonSpace - 20.f),
             m_fonts.bold, typeSize::title, {kPad + kBackButtonSpace, 20.f}, colour::text);
    for (const auto& label : m_labels) {
        drawText(target, label.text, *label.font, label.size, label.position, label.colour);
    }
    // The figure of the chosen exercise.
    if (m_figureExercise != nullptr && !m_figurePoses.empty()) {
        drawRoundedRect(target, m_figureRect, 10.f, colour::background, colour::panelBorder, 1.f);
        const float each = m_figureRect.width / static_cast<float>(m_figurePoses.size());
        for (std::size_t i = 0; i < m_figurePoses.size(); ++i) {
            const float dx = each * static_cast<float>(i);
            const sf::FloatRect frame{m_figureRect.left + dx + 8.f, m_figureRect.top + 4.f,
                                      each - 16.f, m_figureRect.height - 8.f};
            drawPose(target, m_figurePoses[i], m_figureExercise->view, frame,
                     Props::of(*m_figureExercise), m_figureFit.scale,
                     {m_figureFit.origin.x + dx, m_figureFit.origin.y});
        }
    }
    for (std::size_t i = 0; i < m_controls.size(); ++i) {
        drawControl(target, m_controls[i], i == m_focus);
    }

    // Always in view: the last message, what the patient does, and the warnings.
    drawRoundedRect(target, m_bottom, 10.f, colour::panel, colour::panelBorder, 1.f);
    float y = m_bottom.top + 10.f;
    const float inner = m_bottom.width - 32.f;
    if (!m_status.empty()) {
        const auto lines = wrapText(m_status, m_fonts.bold, typeSize::small, inner - 20.f);
        const float height =
            24.f * static_cast<float>(std::min<std::size_t>(lines.size(), 2)) + 8.f;
        drawRoundedRect(target, {m_bottom.left + 8.f, y - 4.f, m_bottom.width - 16.f, height}, 8.f,
                        m_statusProblem ? colour::warningGround : colour::selection,
                        m_statusProblem ? colour::warning : colour::accent, 1.5f);
        for (std::size_t i = 0; i < lines.size() && i < 2; ++i) {
            drawText(target, lines[i], m_fonts.bold, typeSize::small, {m_bottom.left + 20.f, y},
                     colour::text);
            y += 24.f;
        }
        y += 10.f;
    }
    const float half = m_bottom.width * 0.5f;
    const float limit = m_bottom.top + m_bottom.height - 6.f;
    drawText(target, utf8(tr("What the patient does")), m_fonts.bold, typeSize::small,
             {m_bottom.left + 16.f, y}, colour::text);
    drawColumn(target, m_summary, 0, {m_bottom.left + 16.f, y + 24.f}, half - 32.f, limit);
    const float right = m_bottom.left + half;
    std::vector<std::string> notes = m_missing;
    // The warnings of the phase shown first.
    for (const bool here : {true, false}) {
        for (const auto& w : m_warnings) {
            if ((m_tab > 0 && w.phase == phaseIndex()) == here) {
                notes.push_back(w.text);
            }
        }
    }
    drawText(target,
             utf8(notes.empty() ? std::string(tr("No warnings"))
                                : fmt::format(fmt::runtime(core::trn("{} warning", "{} warnings",
                                                                     notes.size())),
                                              notes.size())),
             m_fonts.bold, typeSize::small, {right, y},
             notes.empty() ? colour::mutedText : colour::text);
    drawColumn(target, notes, m_missing.size(), {right, y + 24.f}, half - 16.f, limit);
}

void BuilderScreen::drawColumn(sf::RenderTarget& target, const std::vector<std::string>& entries,
                               std::size_t marked, sf::Vector2f at, float width,
                               float limit) const {
    // Each entry wrapped; a warning gets an orange mark, a thing still to do a blue one. What
    // does not fit is counted.
    constexpr float line = 22.f;
    const bool marks = &entries != &m_summary;
    const float indent = marks ? 14.f : 0.f;
    float y = at.y;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto lines = wrapText(entries[i], m_fonts.regular, typeSize::small, width - indent);
        const bool more = i + 1 < entries.size();
        const float needed = line * static_cast<float>(lines.size()) + (more ? line : 0.f);
        if (y + needed > limit) {
            drawText(target,
                     utf8(fmt::format(fmt::runtime(tr("… and {} more")), entries.size() - i)),
                     m_fonts.regular, typeSize::small, {at.x + indent, y}, colour::mutedText);
            return;
        }
        if (marks) {
            sf::RectangleShape mark({6.f, line * static_cast<float>(lines.size()) - 4.f});
            mark.setPosition(at.x, y + 3.f);
            mark.setFillColor(i < marked ? colour::accent : colour::warning);
            target.draw(mark);
        }
        for (const auto& text : lines) {
            drawText(target, text, m_fonts.regular, typeSize::small, {at.x + indent, y},
                     colour::text);
            y += line;
        }
    }
}

} // namespace motus::app
