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
constexpr float kListRow = 54.f;
constexpr float kStepButton = 38.f;

// The buttons with small type.
bool smallButton(const std::string& key) {
    return key.rfind("filter.", 0) == 0 || key == "remove-phase" || key == "side" || key == "up" ||
           key == "down" || key == "remove";
}

// The distance between two lines of text of this size.
float lineHeight(unsigned size) {
    return std::ceil(static_cast<float>(size) * 1.35f);
}

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
    if (!m_controls.empty()) {
        relayout(focusedKey()); // the message's panel or bar grows with the message
    }
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

float BuilderScreen::addText(const std::string& text, bool bold, unsigned size, sf::Vector2f at,
                             float width, sf::Color colour) {
    const sf::Font& font = bold ? m_fonts.bold : m_fonts.regular;
    const float line = lineHeight(size);
    float y = at.y;
    for (const auto& l : wrapText(text, font, size, width)) {
        m_labels.push_back({l, &font, size, {at.x, y}, colour});
        y += line;
    }
    return y - at.y;
}

void BuilderScreen::layout() {
    m_controls.clear();
    m_labels.clear();
    const core::Program& program = m_draft.program();
    // A wide window: the summary in a panel at the bottom, as high as the message, the summary
    // and the warnings need, when that is at most a third of the window.
    const float half = (m_size.x - 2 * kPad) * 0.5f;
    auto linesOf = [&](const std::vector<std::string>& entries, const sf::Font& font, float width) {
        std::size_t n = 0;
        for (const auto& entry : entries) {
            n += wrapText(entry, font, typeSize::small, width).size();
        }
        return static_cast<float>(n);
    };
    const float status =
        m_status.empty()
            ? 0.f
            : linesOf({m_status}, m_fonts.bold, m_size.x - 2 * kPad - 52.f) * 24.f + 10.f;
    const float lists = std::max(linesOf(m_summary, m_fonts.regular, half - 32.f),
                                 linesOf(notes(), m_fonts.regular, half - 30.f));
    const float bottomHeight = std::max(110.f, status + 24.f + 22.f * std::max(1.f, lists) + 26.f);
    m_wide = m_size.x >= 1000.f && m_size.y >= 640.f && bottomHeight <= m_size.y / 3;
    const float right = m_size.x - kPad;

    // A low window: the tabs scroll with the page (only Back and Save stay in view).
    const bool tabsInPage = m_size.y < 560.f;
    auto addButton = [&](const std::string& key, sf::FloatRect rect, const std::string& label,
                         std::function<void()> press, bool primary = false, bool on = false,
                         bool inPage = false) {
        Control c;
        c.key = key;
        c.kind = Kind::Button;
        c.rect = rect;
        c.label = label;
        c.press = std::move(press);
        c.primary = primary;
        c.on = on;
        c.inPage = inPage;
        m_controls.push_back(std::move(c));
    };

    // The header: Back, the title, and Save as copy, Open… and Save at the right; on a narrow
    // window only Save, the other two at the end of the page.
    const std::string save = tr("Save");
    const std::string copy = tr("Save as copy");
    const std::string open = tr("Open…");
    const float saveWidth = buttonWidth(m_fonts, save) + 20.f;
    const float copyWidth = buttonWidth(m_fonts, copy);
    const float openWidth = m_onOpen ? buttonWidth(m_fonts, open) : 0.f;
    const float buttons = saveWidth + copyWidth + (m_onOpen ? openWidth + 12.f : 0.f) + 12.f;
    const float titleLeft = kPad + kBackButtonSpace;
    const bool oneRow = right - buttons >= kBackButton.left + kBackButton.width + 12.f;
    const float buttonsTop = 18.f;
    const float titleRoom = (oneRow ? right - buttons : right - saveWidth) - 20.f - titleLeft;
    const std::string full = std::string(tr("Program builder")) + " · " + m_draft.shownTitle();
    m_title.clear();
    for (const std::string& t : {full, std::string(tr("Program builder"))}) {
        if (textWidth(utf8(t), m_fonts.bold, typeSize::title) <= titleRoom) {
            m_title = utf8(t);
            break;
        }
    }
    float bx = right - buttons;
    std::vector<std::function<void()>> later; // the header's buttons come last in Tab order

    // The tabs: the program's details, one per phase, and a new phase; in rows that wrap.
    float x = kPad;
    const float headerBottom = buttonsTop + 48.f;
    float tabY = headerBottom + (tabsInPage ? 18.f : 12.f);
    auto place = [&](float width) {
        if (x > kPad && x + width > right) {
            x = kPad;
            tabY += kRow + 8.f;
        }
        const sf::FloatRect rect{x, tabY, std::min(width, right - kPad), kRow};
        x += rect.width + 10.f;
        return rect;
    };
    const std::string details = tr("Program");
    addButton(
        "tab.0", place(buttonWidth(m_fonts, details)), details,
        [this] {
            m_tab = 0;
            m_page.scrollBy(-1e9f);
            relayout("tab.0");
        },
        false, m_tab == 0, tabsInPage);
    for (std::size_t p = 0; p < program.phases.size(); ++p) {
        const std::string key = "tab." + std::to_string(p + 1);
        const std::string name = m_draft.phaseName(p).empty()
                                     ? fmt::format(fmt::runtime(tr("Phase {}")), p + 1)
                                     : m_draft.phaseName(p);
        addButton(
            key, place(std::clamp(buttonWidth(m_fonts, name), 140.f, 260.f)), name,
            [this, p, key] {
                m_tab = p + 1;
                m_item = m_draft.program().phases[p].items.empty() ? std::nullopt
                                                                   : std::optional<std::size_t>(0);
                m_routineScroll = 0.f;
                m_page.scrollBy(-1e9f);
                m_fields.at("phase-name").setText(m_draft.phaseName(p));
                relayout(key);
            },
            false, m_tab == p + 1, tabsInPage);
    }
    const std::string plus = std::string("+ ") + tr("Phase");
    addButton(
        "add-phase", place(buttonWidth(m_fonts, plus)), plus,
        [this] {
            const std::size_t p = m_draft.addPhase();
            m_tab = p + 1;
            m_item.reset();
            m_page.scrollBy(-1e9f);
            m_fields.at("phase-name").setText(m_draft.phaseName(p));
            say(fmt::format(fmt::runtime(tr("{} added: choose its exercises in the library.")),
                            m_draft.phaseName(p)));
            relayout("search");
        },
        false, false, tabsInPage);

    // Below: the page, which scrolls when it does not fit; under it the summary and the last
    // message (a wide window), or only the message (a small one: the summary ends the page).
    const float pageTop = tabsInPage ? headerBottom + 10.f : tabY + kRow + 10.f;
    const float bodyTop = tabsInPage ? tabY + kRow + 14.f : pageTop + 8.f;
    float pageBottom = m_size.y - 8.f;
    if (m_wide) {
        m_bottom = {kPad, m_size.y - kPad - bottomHeight, m_size.x - 2 * kPad, bottomHeight};
        pageBottom = m_bottom.top - 8.f;
    } else if (!m_status.empty()) {
        const auto lines =
            wrapText(m_status, m_fonts.bold, typeSize::small, m_size.x - 2 * kPad - 32.f);
        const float height = lineHeight(typeSize::small) * static_cast<float>(lines.size()) + 16.f;
        m_bottom = {kPad, m_size.y - 8.f - height, m_size.x - 2 * kPad, height};
        pageBottom = m_bottom.top - 8.f;
    } else {
        m_bottom = {};
    }
    m_page.setArea({0.f, pageTop, m_size.x - 8.f, std::max(60.f, pageBottom - pageTop)});
    float end = m_tab == 0 ? layoutProgramTab(bodyTop) : layoutPhaseTab(bodyTop);
    if (!m_wide) {
        end = layoutSummary(end + 16.f);
    }

    // Save as copy and Open…: in the header, or at the end of the page.
    sf::FloatRect copyRect{bx, buttonsTop, copyWidth, 48.f};
    sf::FloatRect openRect{bx + copyWidth + 12.f, buttonsTop, openWidth, 48.f};
    if (!oneRow) {
        copyRect = {kPad, end + 16.f, std::min(copyWidth, right - kPad), 48.f};
        openRect = {copyRect.left + copyRect.width + 12.f, copyRect.top, openWidth, 48.f};
        if (openRect.left + openWidth > right) {
            openRect = {kPad, copyRect.top + 48.f + 10.f, std::min(openWidth, right - kPad), 48.f};
        }
        end = (m_onOpen ? openRect.top : copyRect.top) + 48.f;
    }
    m_page.setContentHeight(end + 12.f - pageTop);
    addButton(
        "save-copy", copyRect, copy, [this] { (void)saveCopy(); }, false, false, !oneRow);
    if (m_onOpen) {
        addButton(
            "open", openRect, open, [this] { askToOpen(); }, false, false, !oneRow);
    }
    addButton(
        "save", {right - saveWidth, buttonsTop, saveWidth, 48.f}, save,
        [this] { (void)saveTo(targetFile()); }, true);
}

float BuilderScreen::layoutProgramTab(float top) {
    const float right = m_size.x - kPad;
    const bool twoColumns = m_size.x >= 1000.f;
    const float leftWidth = twoColumns ? std::min(820.f, (right - kPad) * 0.6f) : right - kPad;
    struct FieldRow {
        const char* key;
        const char* label;
    };
    const FieldRow rows[] = {{"title", tr("Title")},
                             {"author", tr("Author (you)")},
                             {"note", tr("Note for the patient")},
                             {"id", tr("Program id")},
                             {"file", tr("Save to")}};
    // The labels beside the fields when there is room, else above them.
    float labelWidth = 0.f;
    for (const auto& row : rows) {
        labelWidth = std::max(labelWidth,
                              textWidth(utf8(row.label), m_fonts.regular, typeSize::body) + 20.f);
    }
    const bool beside = leftWidth - labelWidth >= 360.f;
    const float fieldLeft = beside ? kPad + labelWidth : kPad;
    const float fieldWidth = kPad + leftWidth - fieldLeft;
    float y = top;
    for (const auto& row : rows) {
        if (beside) {
            m_labels.push_back(
                {utf8(row.label), &m_fonts.regular, typeSize::body, {kPad, y + 8.f}, colour::text});
        } else {
            y +=
                addText(row.label, false, typeSize::body, {kPad, y}, leftWidth, colour::text) + 2.f;
        }
        Control c;
        c.key = row.key;
        c.kind = Kind::Field;
        c.field = row.key;
        c.rect = {fieldLeft, y, fieldWidth, kRow};
        m_controls.push_back(std::move(c));
        y += kRow + 16.f;
    }
    y += addText(tr("The id names the program in the patient's journal; it follows the title "
                    "until you change it. Give the saved file to your patient: Motus opens it."),
                 false, typeSize::small, {fieldLeft, y - 6.f}, fieldWidth, colour::mutedText);
    const float leftEnd = y;

    // The options: on the right, or below.
    const float left = twoColumns ? kPad + leftWidth + 40.f : kPad;
    const float width = right - left;
    y = twoColumns ? top : y + 20.f;
    auto toggle = [&](const char* key, const char* label, const char* explanation, bool on,
                      std::function<void()> press) {
        Control c;
        c.key = key;
        c.kind = Kind::Toggle;
        const auto lines = wrapText(label, m_fonts.regular, typeSize::body, width - 56.f);
        c.rect = {
            left, y, width,
            std::max(kRow, lineHeight(typeSize::body) * static_cast<float>(lines.size()) + 14.f)};
        c.label = label;
        c.on = on;
        c.press = std::move(press);
        y += c.rect.height + 4.f;
        m_controls.push_back(std::move(c));
        y += addText(explanation, false, typeSize::small, {left, y}, width, colour::mutedText);
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
    y += addText(tr("Longest session, minutes"), false, typeSize::body, {left, y}, width,
                 colour::text) +
         6.f;
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
    y += kRow + 24.f;
    Control handout;
    handout.key = "handout";
    handout.kind = Kind::Button;
    handout.label = tr("Handout for the patient");
    handout.rect = {left, y, std::min(width, buttonWidth(m_fonts, handout.label)), kRow};
    handout.press = [this] { (void)writeHandout(); };
    m_controls.push_back(std::move(handout));
    return std::max(leftEnd, y + kRow);
}

float BuilderScreen::layoutPhaseTab(float top) {
    // Three columns on a wide window (the library, the phase, the exercise chosen); two and the
    // exercise below them; or one under the other.
    const float right = m_size.x - kPad;
    const float room = right - kPad;
    const bool three = room - 2 * kGap >= 1100.f;
    const bool two = !three && room - kGap >= 620.f;
    const float colC = three ? std::max(510.f, (room - 2 * kGap) * 0.40f) : room;
    const float colA = three ? (room - 2 * kGap - colC) / 2 : two ? (room - kGap) / 2 : room;
    const float colB = three ? room - 2 * kGap - colC - colA : colA;
    const float aLeft = kPad;
    const float bLeft = two || three ? aLeft + colA + kGap : kPad;
    // On a wide window the lists reach down to the bottom of the page.
    const float pageBottom = m_page.area().top + m_page.area().height - 8.f;
    const std::size_t phase = phaseIndex();
    const core::ProgramPhase& ph = m_draft.program().phases[phase];

    // The library: search, three filters (in rows that wrap), the list, Add.
    Control search;
    search.key = "search";
    search.kind = Kind::Field;
    search.field = "search";
    search.rect = {aLeft, top, colA, kRow};
    m_controls.push_back(std::move(search));
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
    float fy = top + kRow + 8.f;
    for (const auto& f : filters) {
        Control c;
        c.key = f.key;
        c.kind = Kind::Button;
        c.label = f.label + " ▸";
        const float width = std::min(
            colA,
            std::max(80.f, textWidth(utf8(c.label), m_fonts.regular, typeSize::small) + 26.f));
        if (fx > aLeft && fx + width > aLeft + colA) {
            fx = aLeft;
            fy += 38.f + 8.f;
        }
        c.rect = {fx, fy, width, 38.f};
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
        fx += width + 8.f;
    }
    const float listTop = fy + 38.f + 10.f;
    const float listHeight =
        three ? std::max(3 * kListRow, pageBottom - kRow - 10.f - listTop) : 5 * kListRow;
    Control library;
    library.key = "library";
    library.kind = Kind::List;
    library.rect = {aLeft, listTop, colA, listHeight};
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
    m_controls.push_back(std::move(library));
    // Keep the choice in view.
    const float choiceTop = static_cast<float>(m_choice) * kListRow;
    if (choiceTop < m_libraryScroll) {
        m_libraryScroll = choiceTop;
    } else if (choiceTop + kListRow > m_libraryScroll + listHeight) {
        m_libraryScroll = choiceTop + kListRow - listHeight;
    }
    m_libraryScroll =
        std::clamp(m_libraryScroll, 0.f,
                   std::max(0.f, static_cast<float>(m_found.size()) * kListRow - listHeight));
    m_libraryRows.clear();
    const float rowText = colA - 32.f - ScrollArea::kBarWidth;
    for (std::size_t i = 0; i < m_found.size(); ++i) {
        const auto* ex = m_found[i];
        const std::string name = ex->text(m_lang).name;
        const std::string detail = fmt::format(fmt::runtime(tr("level {} · {}")), ex->level,
                                               core::displayName(ex->position));
        Row row{ellipsize(utf8(name), m_fonts.bold, typeSize::small, rowText),
                ellipsize(utf8(detail), m_fonts.regular, typeSize::small, rowText),
                {},
                i == m_choice,
                false};
        if (row.text != utf8(name) || row.detail != utf8(detail)) {
            row.whole = name + " · " + detail; // for the tooltip
        }
        m_libraryRows.push_back(std::move(row));
    }
    Control add;
    add.key = "add";
    add.kind = Kind::Button;
    add.primary = true;
    add.rect = {aLeft, listTop + listHeight + 10.f, colA, kRow};
    add.label = std::string(tr("Add to this phase")) + "  ▸";
    add.press = [this] { addSelected(); };
    const float aEnd = add.rect.top + kRow;
    m_controls.push_back(std::move(add));

    // The phase: its name, length and frequency, its routine.
    float y = two || three ? top : aEnd + 24.f;
    const std::string removeLabel = tr("Remove phase");
    const float removeWidth = buttonWidth(m_fonts, removeLabel, typeSize::small);
    const bool removeBeside = colB - removeWidth - 10.f >= 130.f;
    Control name;
    name.key = "phase-name";
    name.kind = Kind::Field;
    name.field = "phase-name";
    name.rect = {bLeft, y, removeBeside ? colB - removeWidth - 10.f : colB, kRow};
    m_controls.push_back(std::move(name));
    if (!removeBeside) {
        y += kRow + 8.f;
    }
    Control remove;
    remove.key = "remove-phase";
    remove.kind = Kind::Button;
    remove.rect = {bLeft + colB - removeWidth, y, removeWidth, kRow};
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
    y += kRow + 10.f;
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
        const float height =
            std::max(kRow, addText(f.label, false, typeSize::body, {bLeft, y + 6.f},
                                   colB - 150.f - 12.f, colour::text) +
                               8.f);
        Control c;
        c.key = f.key;
        c.kind = Kind::Number;
        c.rect = {bLeft + colB - 150.f, y + (height - kRow) / 2, 150.f, kRow};
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
        y += height + 8.f;
    }
    y += addText(tr("Routine"), true, typeSize::body, {bLeft, y + 2.f}, colB, colour::text) + 6.f;
    // The buttons under the routine: in a row when they fit, else in rows that wrap.
    const std::pair<const char*, std::string> moves[] = {{"up", std::string("↑ ") + tr("Up")},
                                                         {"down", std::string("↓ ") + tr("Down")},
                                                         {"remove", tr("Remove")}};
    float needed = 20.f;
    for (const auto& move : moves) {
        needed += buttonWidth(m_fonts, move.second, typeSize::small);
    }
    const bool evenRow = needed <= colB;
    const float buttonsHeight = evenRow ? kRow : 2 * kRow + 8.f;
    const float routineHeight =
        three ? std::max(2 * kListRow, pageBottom - buttonsHeight - 10.f - y)
              : kListRow * static_cast<float>(std::clamp<std::size_t>(ph.items.size(), 2, 5));
    Control routine;
    routine.key = "routine";
    routine.kind = Kind::List;
    routine.rect = {bLeft, y, colB, routineHeight};
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
    m_controls.push_back(std::move(routine));
    m_routineRows.clear();
    const float routineText = colB - 32.f - ScrollArea::kBarWidth;
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
        const std::string text = std::to_string(i + 1) + ". " + itemName;
        Row row{ellipsize(utf8(text), m_fonts.bold, typeSize::small, routineText),
                ellipsize(utf8(dose), m_fonts.regular, typeSize::small, routineText),
                {},
                m_item == i,
                warned};
        if (row.text != utf8(text) || row.detail != utf8(dose)) {
            row.whole = text + " · " + dose; // for the tooltip
        }
        m_routineRows.push_back(std::move(row));
    }
    if (m_item) {
        const float itemTop = static_cast<float>(*m_item) * kListRow;
        if (itemTop < m_routineScroll) {
            m_routineScroll = itemTop;
        } else if (itemTop + kListRow > m_routineScroll + routineHeight) {
            m_routineScroll = itemTop + kListRow - routineHeight;
        }
    }
    m_routineScroll =
        std::clamp(m_routineScroll, 0.f,
                   std::max(0.f, static_cast<float>(ph.items.size()) * kListRow - routineHeight));
    y += routineHeight + 10.f;
    float bx = bLeft;
    for (const auto& [key, label] : moves) {
        Control c;
        c.key = key;
        c.kind = Kind::Button;
        const float width = evenRow ? (colB - 20.f) / 3.f
                                    : std::min(colB, buttonWidth(m_fonts, label, typeSize::small));
        if (bx > bLeft && bx + width > bLeft + colB + 0.5f) {
            bx = bLeft;
            y += kRow + 8.f;
        }
        c.rect = {bx, y, width, kRow};
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
        bx += width + 10.f;
    }
    const float bEnd = y + kRow;

    if (three) {
        // The figure smaller when the page is low, so that the dose fits beside the lists.
        const float figure = std::clamp(pageBottom - top - 340.f, 80.f, 118.f);
        return std::max({aEnd, bEnd, layoutItem({bLeft + colB + kGap, top}, colC, figure)});
    }
    return layoutItem({kPad, std::max(aEnd, bEnd) + 28.f}, room, 130.f);
}

float BuilderScreen::layoutItem(sf::Vector2f at, float width, float figure) {
    m_figurePoses.clear();
    m_figureExercise = nullptr;
    const std::size_t phase = phaseIndex();
    const auto& items = m_draft.program().phases[phase].items;
    if (!m_item || *m_item >= items.size()) {
        return at.y + 10.f +
               addText(items.empty() ? tr("Choose an exercise in the library and press Add.")
                                     : tr("Choose an exercise of the routine to set its dose."),
                       false, typeSize::body, {at.x + 10.f, at.y + 10.f}, width - 20.f,
                       colour::mutedText);
    }
    const std::size_t index = *m_item;
    const core::ProgramItem& item = items[index];
    const core::Exercise* ex = m_draft.library().find(item.exercise);
    if (ex == nullptr) {
        return at.y;
    }
    m_figureExercise = ex;
    float y =
        at.y + addText(ex->text(m_lang).name, true, typeSize::heading, at, width, colour::text);
    // The figure: the start and the working position side by side.
    m_figureRect = {at.x, y + 4.f, width, figure};
    auto addPose = [&](std::size_t pose) {
        FigureStage stage;
        stage.setExercise(ex);
        stage.setKeyPose(pose);
        m_figurePoses.push_back(std::move(stage));
    };
    addPose(0);
    for (const auto& phaseOf : ex->phases) {
        if (phaseOf.pose != 0) {
            addPose(phaseOf.pose);
            break;
        }
    }
    const float each = m_figureRect.width / static_cast<float>(m_figurePoses.size());
    for (std::size_t i = 0; i < m_figurePoses.size(); ++i) {
        const float dx = each * static_cast<float>(i);
        m_figurePoses[i].setFrame({m_figureRect.left + dx + 8.f, m_figureRect.top + 4.f,
                                   each - 16.f, m_figureRect.height - 8.f});
    }

    // The dose and its range: a row each, the label, the dose, the lowest and highest.
    y = m_figureRect.top + m_figureRect.height + 10.f;
    float labelWidth = 0.f;
    for (const auto& row : kDoseRows) {
        labelWidth = std::max(
            labelWidth, textWidth(utf8(doseLabel(row.field)), m_fonts.regular, typeSize::body));
    }
    labelWidth += 14.f;
    // Narrower fields and gaps when a language's labels are long (Spanish "Mantener, s").
    const float doseWidth = 112.f;
    const float rangeWidth =
        std::clamp((width - labelWidth - doseWidth - 32.f) / 2.f, 104.f, 130.f);
    const float doseLeft = at.x + labelWidth;
    const float rangeLeft = doseLeft + doseWidth + 14.f;
    const float headings = std::max(
        addText(tr("Dose"), true, typeSize::small, {doseLeft, y}, doseWidth, colour::mutedText),
        addText(tr("Automatic range"), true, typeSize::small, {rangeLeft, y},
                at.x + width - rangeLeft, colour::mutedText));
    y += headings + 4.f;
    for (const auto& row : kDoseRows) {
        m_labels.push_back({utf8(doseLabel(row.field)),
                            &m_fonts.regular,
                            typeSize::body,
                            {at.x, y + 6.f},
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
                c.rect = {rangeLeft + (upper ? rangeWidth + 18.f : 0.f), y, rangeWidth, kRow - 4.f};
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
                                {rangeLeft + rangeWidth + 7.f, y + 6.f},
                                colour::text});
        }
        y += kRow;
    }
    // Side, pyramid and lock: in a row that wraps.
    float x = at.x;
    y += 6.f;
    auto place = [&](float w) {
        w = std::min(w, width);
        if (x > at.x && x + w > at.x + width) {
            x = at.x;
            y += kRow + 8.f;
        }
        const sf::FloatRect rect{x, y, w, kRow};
        x += w + 10.f;
        return rect;
    };
    Control side;
    side.key = "side";
    side.kind = Kind::Button;
    side.label = core::displayName(item.dose.side) + " ▸";
    side.rect = place(std::max(160.f, buttonWidth(m_fonts, side.label, typeSize::small)));
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
    pyramid.label = tr("Pyramid");
    pyramid.rect = place(buttonWidth(m_fonts, pyramid.label) + 40.f);
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
    lock.label = tr("Locked");
    lock.rect = place(buttonWidth(m_fonts, lock.label) + 40.f);
    lock.on = item.locked;
    lock.press = [this, phase, index] {
        m_draft.setLocked(phase, index, !m_draft.program().phases[phase].items[index].locked);
        relayout("lock");
    };
    m_controls.push_back(std::move(lock));
    return y + kRow;
}

std::vector<std::string> BuilderScreen::notes() const {
    std::vector<std::string> notes = m_missing;
    // The warnings of the phase shown first.
    for (const bool here : {true, false}) {
        for (const auto& w : m_warnings) {
            if ((m_tab > 0 && w.phase == phaseIndex()) == here) {
                notes.push_back(w.text);
            }
        }
    }
    return notes;
}

float BuilderScreen::layoutSummary(float top) {
    // A small window: what the patient does and the warnings end the page, whole, in a panel.
    const float left = kPad + 16.f;
    const float width = m_size.x - 2 * kPad - 32.f;
    float y = top + 12.f;
    y +=
        addText(tr("What the patient does"), true, typeSize::small, {left, y}, width, colour::text);
    for (const auto& line : m_summary) {
        y += addText(line, false, typeSize::small, {left, y}, width, colour::text);
    }
    y += 12.f;
    const auto all = notes();
    y += addText(
        all.empty() ? std::string(tr("No warnings"))
                    : fmt::format(fmt::runtime(core::trn("{} warning", "{} warnings", all.size())),
                                  all.size()),
        true, typeSize::small, {left, y}, width, all.empty() ? colour::mutedText : colour::text);
    m_summaryMarks.clear();
    for (std::size_t i = 0; i < all.size(); ++i) {
        // A blue mark for a thing still to do, an orange one for a warning (as in the panel).
        const float height =
            addText(all[i], false, typeSize::small, {left + 14.f, y}, width - 14.f, colour::text);
        m_summaryMarks.push_back({{left, y + 3.f, 6.f, height - 6.f},
                                  i < m_missing.size() ? colour::accent : colour::warning});
        y += height;
    }
    m_summaryRect = {kPad, top, m_size.x - 2 * kPad, y + 12.f - top};
    return y + 12.f;
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
            showFocused();
            return;
        }
    }
    m_focus = std::min(m_focus, m_controls.empty() ? 0 : m_controls.size() - 1);
    showFocused();
}

void BuilderScreen::showFocused() {
    if (m_focus < m_controls.size() && m_controls[m_focus].inPage) {
        const sf::FloatRect rect = m_controls[m_focus].rect;
        const float top = m_page.area().top;
        m_page.show(rect.top - top - 10.f, rect.top + rect.height - top + 10.f);
    }
}

sf::FloatRect BuilderScreen::shown(const Control& control) const {
    sf::FloatRect rect = control.rect;
    if (control.inPage) {
        rect.top -= m_page.offset();
    }
    return rect;
}

sf::FloatRect BuilderScreen::controlRect(const std::string& key, int part) const {
    for (const auto& c : m_controls) {
        if (c.key != key) {
            continue;
        }
        const sf::FloatRect rect = shown(c);
        if (c.kind == Kind::Number && part != 0) {
            return part < 0 ? sf::FloatRect{rect.left, rect.top, kStepButton, rect.height}
                            : sf::FloatRect{rect.left + rect.width - kStepButton, rect.top,
                                            kStepButton, rect.height};
        }
        return rect;
    }
    return {};
}

const BuilderScreen::Control* BuilderScreen::controlAt(sf::Vector2f point) const {
    const bool inPage = m_page.area().contains(point);
    for (const auto& c : m_controls) {
        if ((!c.inPage || inPage) && shown(c).contains(point)) {
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
    showFocused();
}

void BuilderScreen::activate(const Control& control, sf::Vector2f at) {
    const std::string key = control.key;
    if (control.inPage) {
        at.y += m_page.offset(); // the page's coordinates
    }
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
    if (event.type == sf::Event::MouseMoved) {
        m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        const sf::Vector2f at{static_cast<float>(event.mouseWheelScroll.x),
                              static_cast<float>(event.mouseWheelScroll.y)};
        const float pixels = -event.mouseWheelScroll.delta * 60.f;
        // A list under the pointer scrolls when it has more; else the page.
        if (const Control* c = controlAt(at); c != nullptr && c->kind == Kind::List) {
            const bool isLibrary = c->key == "library";
            float& scroll = isLibrary ? m_libraryScroll : m_routineScroll;
            const float rows =
                static_cast<float>(isLibrary ? m_libraryRows.size() : m_routineRows.size());
            if (rows * kListRow > c->rect.height) {
                scroll = std::clamp(scroll + pixels, 0.f, rows * kListRow - c->rect.height);
                return;
            }
        }
        (void)m_page.handleEvent(event);
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
    // Page Up and Page Down scroll the page, but for a list (it pages itself).
    if (!event.key.control && c.kind != Kind::List &&
        (code == sf::Keyboard::PageUp || code == sf::Keyboard::PageDown)) {
        (void)m_page.handleEvent(event);
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
            m_page.scrollBy(-1e9f);
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

namespace {

// A view that shows the content from `corner` on in the part `shown` of the window (in the
// window's logical coordinates, as `window` maps them), and nothing outside it.
sf::View clipView(const sf::View& window, sf::FloatRect shown, sf::Vector2f corner) {
    const sf::Vector2f size = window.getSize();
    const sf::Vector2f origin = window.getCenter() - size / 2.f;
    const sf::FloatRect port = window.getViewport();
    sf::View view({corner.x, corner.y, shown.width, shown.height});
    view.setViewport({port.left + port.width * (shown.left - origin.x) / size.x,
                      port.top + port.height * (shown.top - origin.y) / size.y,
                      port.width * shown.width / size.x, port.height * shown.height / size.y});
    return view;
}

} // namespace

void BuilderScreen::drawList(sf::RenderTarget& target, const sf::View& window,
                             const Control& control, const std::vector<Row>& rows,
                             float scroll) const {
    // Drawn in the page's coordinates; the rows clipped to the list and to the page.
    const sf::FloatRect rect = control.rect;
    drawRoundedRect(target, rect, 10.f, colour::panel, colour::panelBorder, 1.f);
    if (rows.empty()) {
        float y = rect.top + 16.f;
        const char* empty = control.key == "library"
                                ? tr("No exercise matches. Clear the search or the filters.")
                                : tr("No exercises yet: add them from the library.");
        for (const auto& line :
             wrapText(empty, m_fonts.regular, typeSize::small, rect.width - 32.f)) {
            if (y + lineHeight(typeSize::small) > rect.top + rect.height - 4.f) {
                break;
            }
            drawText(target, line, m_fonts.regular, typeSize::small, {rect.left + 16.f, y},
                     colour::mutedText);
            y += lineHeight(typeSize::small);
        }
        return;
    }
    const float content = static_cast<float>(rows.size()) * kListRow;
    const bool bar = content > rect.height + 0.5f;
    const sf::FloatRect inner{rect.left + 1.f, rect.top + 1.f,
                              rect.width - 2.f - (bar ? ScrollArea::kBarWidth : 0.f),
                              rect.height - 2.f};
    sf::FloatRect visible{inner.left, inner.top - m_page.offset(), inner.width, inner.height};
    if (!visible.intersects(m_page.area(), visible)) {
        return;
    }
    const sf::View page = target.getView();
    target.setView(clipView(window, visible, {visible.left, visible.top + m_page.offset()}));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const float top = rect.top + static_cast<float>(i) * kListRow - scroll;
        if (top + kListRow < rect.top || top > rect.top + rect.height) {
            continue;
        }
        const Row& row = rows[i];
        if (row.selected) {
            sf::RectangleShape band({inner.width, kListRow});
            band.setPosition(inner.left, top);
            band.setFillColor(colour::selection);
            target.draw(band);
            sf::RectangleShape mark({6.f, kListRow});
            mark.setPosition(inner.left, top);
            mark.setFillColor(colour::accent);
            target.draw(mark);
        }
        if (row.warned) {
            sf::RectangleShape mark({6.f, kListRow});
            mark.setPosition(inner.left + inner.width - 6.f, top);
            mark.setFillColor(colour::warning);
            target.draw(mark);
        }
        drawText(target, row.text, m_fonts.bold, typeSize::small, {rect.left + 16.f, top + 3.f},
                 colour::text);
        drawText(target, row.detail, m_fonts.regular, typeSize::small,
                 {rect.left + 16.f, top + 27.f}, colour::mutedText);
    }
    target.setView(page);
    if (bar) {
        // Where one is in the list, as in a ScrollArea.
        const sf::FloatRect track{rect.left + rect.width - ScrollArea::kBarWidth, rect.top + 4.f,
                                  ScrollArea::kBarWidth - 4.f, rect.height - 8.f};
        drawRoundedRect(target, track, 3.f, colour::track, colour::controlBorder, 1.f);
        const float thumb = std::max(30.f, track.height * rect.height / content);
        const float at =
            track.top + (track.height - thumb) * scroll / std::max(1.f, content - rect.height);
        drawRoundedRect(target, {track.left, at, track.width, thumb}, 3.f, colour::mutedText);
    }
}

void BuilderScreen::drawControl(sf::RenderTarget& target, const Control& c, bool focused) const {
    switch (c.kind) {
    case Kind::Button: {
        drawButton(target, m_fonts, c.rect, c.label, c.primary, c.on,
                   smallButton(c.key) ? typeSize::small : typeSize::body);
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
        // The label wrapped (the layout made the toggle high enough).
        const auto lines = wrapText(c.label, m_fonts.regular, typeSize::body, c.rect.width - 56.f);
        const float line = lineHeight(typeSize::body);
        float y = c.rect.top + (c.rect.height - line * static_cast<float>(lines.size())) / 2;
        for (const auto& text : lines) {
            drawText(target, text, m_fonts.regular, typeSize::body, {box.left + 36.f, y},
                     colour::text);
            y += line;
        }
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
        break; // drawList
    }
    if (focused) {
        drawFocusRing(target, c.rect);
    }
}

void BuilderScreen::draw(sf::RenderTarget& target) const {
    drawBackButton(target, m_fonts);
    drawText(target, m_title, m_fonts.bold, typeSize::title, {kPad + kBackButtonSpace, 20.f},
             colour::text);
    for (std::size_t i = 0; i < m_controls.size(); ++i) {
        if (!m_controls[i].inPage) {
            drawControl(target, m_controls[i], i == m_focus);
        }
    }

    // The page, scrolled: its labels, the figure, its controls.
    const sf::View window = m_page.begin(target);
    {
        sf::View page = target.getView();
        page.move(m_page.area().left, m_page.area().top); // the window's coordinates, scrolled
        target.setView(page);
    }
    if (!m_wide) {
        // A small window: the summary ends the page, in a panel (its text is with the labels).
        drawRoundedRect(target, m_summaryRect, 10.f, colour::panel, colour::panelBorder, 1.f);
        for (const auto& [rect, fill] : m_summaryMarks) {
            sf::RectangleShape mark({rect.width, rect.height});
            mark.setPosition(rect.left, rect.top);
            mark.setFillColor(fill);
            target.draw(mark);
        }
    }
    for (const auto& label : m_labels) {
        drawText(target, label.text, *label.font, label.size, label.position, label.colour);
    }
    if (m_figureExercise != nullptr && !m_figurePoses.empty()) {
        drawRoundedRect(target, m_figureRect, 10.f, colour::background, colour::panelBorder, 1.f);
        for (const auto& pose : m_figurePoses) {
            pose.drawFigureOnly(target);
        }
    }
    for (std::size_t i = 0; i < m_controls.size(); ++i) {
        const Control& c = m_controls[i];
        if (!c.inPage) {
            continue;
        }
        if (c.kind == Kind::List) {
            drawList(target, window, c, c.key == "library" ? m_libraryRows : m_routineRows,
                     c.key == "library" ? m_libraryScroll : m_routineScroll);
        }
        drawControl(target, c, i == m_focus);
    }
    m_page.end(target, window);

    if (m_wide) {
        drawBottom(target);
    } else if (!m_status.empty()) {
        // A small window: the last message in a bar at the bottom.
        drawRoundedRect(target, m_bottom, 8.f,
                        m_statusProblem ? colour::warningGround : colour::selection,
                        m_statusProblem ? colour::warning : colour::accent, 1.5f);
        float y = m_bottom.top + 8.f;
        for (const auto& line :
             wrapText(m_status, m_fonts.bold, typeSize::small, m_bottom.width - 32.f)) {
            drawText(target, line, m_fonts.bold, typeSize::small, {m_bottom.left + 16.f, y},
                     colour::text);
            y += lineHeight(typeSize::small);
        }
    }

    // Text shortened to fit, whole, for the control focused or under the pointer.
    for (std::size_t i = 0; i < m_controls.size(); ++i) {
        const Control& c = m_controls[i];
        const sf::FloatRect rect = shown(c);
        const bool hovered = controlAt(m_mouse) == &c;
        if (i != m_focus && !hovered) {
            continue;
        }
        std::string whole;
        if (c.kind == Kind::Button) {
            const unsigned size = smallButton(c.key) ? typeSize::small : typeSize::body;
            if (textWidth(utf8(c.label), c.primary ? m_fonts.bold : m_fonts.regular, size) >
                c.rect.width - 12.f) {
                whole = c.label;
            }
        } else if (c.kind == Kind::List) {
            const auto& rows = c.key == "library" ? m_libraryRows : m_routineRows;
            for (const auto& row : rows) {
                if (row.selected) {
                    whole = row.whole;
                }
            }
        }
        if (!whole.empty()) {
            drawTooltip(target, m_fonts.regular, whole, rect, m_size);
            return;
        }
    }
}

void BuilderScreen::drawBottom(sf::RenderTarget& target) const {
    // Always in view: the last message, what the patient does, and the warnings.
    drawRoundedRect(target, m_bottom, 10.f, colour::panel, colour::panelBorder, 1.f);
    float y = m_bottom.top + 10.f;
    const float inner = m_bottom.width - 32.f;
    if (!m_status.empty()) {
        const auto lines = wrapText(m_status, m_fonts.bold, typeSize::small, inner - 20.f);
        const float height = 24.f * static_cast<float>(lines.size()) + 8.f;
        drawRoundedRect(target, {m_bottom.left + 8.f, y - 4.f, m_bottom.width - 16.f, height}, 8.f,
                        m_statusProblem ? colour::warningGround : colour::selection,
                        m_statusProblem ? colour::warning : colour::accent, 1.5f);
        for (const auto& line : lines) {
            drawText(target, line, m_fonts.bold, typeSize::small, {m_bottom.left + 20.f, y},
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
    const std::vector<std::string> notes = this->notes();
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
