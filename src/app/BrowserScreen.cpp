#include "BrowserScreen.hpp"

#include "core/I18n.hpp"
#include "core/Names.hpp"

#include <fmt/format.h>

#include "LayoutAudit.hpp"

#include <algorithm>
#include <cmath>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kChipHeight = 44.f;
constexpr float kChipGap = 14.f;
constexpr float kMenuItemHeight = 42.f;
constexpr float kFigureHeight = 250.f;

std::string settingsLabel() {
    return std::string(tr("Settings")) + " (F2)";
}
std::string newProgramLabel() {
    return std::string(tr("New program")) + " (N)";
}
std::string programsLabel() {
    return std::string(tr("Start a program")) + "  ▸";
}
std::string playLabel() {
    return std::string(tr("Try it")) + "  ▶";
}

// A panel's scroll bar, as ScrollArea draws it, when its content is taller than the panel.
void drawScrollBar(sf::RenderTarget& target, sf::FloatRect area, float offset, float content) {
    if (content <= area.height + 0.5f) {
        return;
    }
    const sf::FloatRect track{area.left + area.width - ScrollArea::kBarWidth + 2.f, area.top + 4.f,
                              ScrollArea::kBarWidth - 4.f, area.height - 8.f};
    drawRoundedRect(target, track, 3.f, colour::track, colour::controlBorder, 1.f);
    const float thumb = std::max(30.f, track.height * area.height / content);
    const float at =
        track.top + (track.height - thumb) * std::clamp(offset / (content - area.height), 0.f, 1.f);
    drawRoundedRect(target, {track.left, at, track.width, thumb}, 3.f, colour::mutedText);
}

std::string regionAt(int index) {
    return std::string(core::regionNames()[static_cast<std::size_t>(index)]);
}

} // namespace

BrowserScreen::BrowserScreen(const core::Library& library, const Fonts& fonts, std::string lang,
                             std::size_t skippedFiles,
                             std::function<void(const core::Exercise&)> onPlay,
                             std::function<void()> onBack)
    : m_library(library), m_onPlay(std::move(onPlay)), m_onBack(std::move(onBack)), m_fonts(fonts),
      m_lang(std::move(lang)), m_skippedFiles(skippedFiles) {
    refilter();
}

int BrowserScreen::optionCount(FilterKind kind) const {
    switch (kind) {
    case FilterKind::Region:
        return static_cast<int>(core::regionNames().size());
    case FilterKind::Position:
        return static_cast<int>(core::positionNames().size());
    case FilterKind::Goal:
        return static_cast<int>(core::goalNames().size());
    }
    return 0;
}

int BrowserScreen::filterValue(FilterKind kind) const {
    switch (kind) {
    case FilterKind::Region:
        return m_region;
    case FilterKind::Position:
        return m_position;
    case FilterKind::Goal:
        return m_goal;
    }
    return -1;
}

void BrowserScreen::cycleFilter(FilterKind kind, int step) {
    int& value = kind == FilterKind::Region     ? m_region
                 : kind == FilterKind::Position ? m_position
                                                : m_goal;
    const int count = optionCount(kind);
    // Values run -1 (all), 0 .. count-1, and wrap.
    value = ((value + 1 + step) % (count + 1) + (count + 1)) % (count + 1) - 1;
    refilter();
}

void BrowserScreen::setFilter(FilterKind kind, int value) {
    int& current = kind == FilterKind::Region     ? m_region
                   : kind == FilterKind::Position ? m_position
                                                  : m_goal;
    current = std::clamp(value, -1, optionCount(kind) - 1);
    m_openMenu.reset();
    m_menuFocus.reset();
    refilter();
}

void BrowserScreen::clearFilters() {
    m_region = m_position = m_goal = -1;
    refilter();
}

void BrowserScreen::refilter() {
    const core::Exercise* previous = selected();
    core::LibraryFilter filter;
    if (m_region >= 0) {
        filter.region = regionAt(m_region);
    }
    if (m_position >= 0) {
        filter.position = static_cast<core::Position>(m_position);
    }
    if (m_goal >= 0) {
        filter.goal = static_cast<core::Goal>(m_goal);
    }
    m_visible = m_library.search(filter, {}, m_lang);
    m_selected = 0;
    for (std::size_t i = 0; i < m_visible.size(); ++i) {
        if (m_visible[i] == previous) {
            m_selected = static_cast<int>(i);
        }
    }
    m_listScroll = 0.f;
    layoutChips();
    layoutRows();
    layoutDetails();
    ensureSelectionVisible();
}

const core::Exercise* BrowserScreen::selected() const {
    if (m_visible.empty()) {
        return nullptr;
    }
    return m_visible[static_cast<std::size_t>(m_selected)];
}

bool BrowserScreen::select(const std::string& id) {
    const auto* exercise = m_library.find(id);
    if (exercise == nullptr) {
        return false;
    }
    if (std::find(m_visible.begin(), m_visible.end(), exercise) == m_visible.end()) {
        m_region = m_position = m_goal = -1;
        refilter();
    }
    for (std::size_t i = 0; i < m_visible.size(); ++i) {
        if (m_visible[i] == exercise) {
            m_selected = static_cast<int>(i);
        }
    }
    m_detailScroll = 0.f;
    layoutDetails();
    ensureSelectionVisible();
    return true;
}

void BrowserScreen::resize(sf::Vector2f size) {
    m_size = size;
    m_keysShown = true;
    layoutChips();
    if (size.y - m_chipsBottom - 16.f - kPad < 160.f) {
        m_keysShown = false;
        layoutChips();
    }
    const float top = m_chipsBottom + 16.f;
    // The list a third of the width; narrower in a small window, so that the details keep room.
    const float listWidth =
        std::clamp(size.x * 0.34f, std::min(340.f, (size.x - 3 * kPad) * 0.42f), 520.f);
    m_listRect = {kPad, top, listWidth, std::max(40.f, size.y - top - kPad)};
    m_detailRect = {kPad * 2 + listWidth, top, std::max(200.f, size.x - listWidth - kPad * 3),
                    std::max(40.f, size.y - top - kPad)};
    m_figureRect = {m_detailRect.left + 1, m_detailRect.top + 1, m_detailRect.width - 2,
                    kFigureHeight};
    layoutRows();
    layoutDetails();
    ensureSelectionVisible();
}

std::vector<std::string> BrowserScreen::optionNames(FilterKind kind) const {
    std::vector<std::string> names;
    switch (kind) {
    case FilterKind::Region:
        for (auto name : core::regionNames()) {
            names.push_back(core::regionDisplayName(name));
        }
        break;
    case FilterKind::Position:
        for (std::size_t i = 0; i < core::positionNames().size(); ++i) {
            names.push_back(core::displayName(static_cast<core::Position>(i)));
        }
        break;
    case FilterKind::Goal:
        for (std::size_t i = 0; i < core::goalNames().size(); ++i) {
            names.push_back(core::displayName(static_cast<core::Goal>(i)));
        }
        break;
    }
    return names;
}

sf::String BrowserScreen::filterLabel(FilterKind kind) const {
    const char* titles[] = {tr("Region"), tr("Position"), tr("Goal")};
    const int value = filterValue(kind);
    const std::string current =
        value < 0 ? std::string(tr("all")) : optionNames(kind)[static_cast<std::size_t>(value)];
    return utf8(std::string(titles[static_cast<int>(kind)]) + ": " + current + "  ▾");
}

void BrowserScreen::layoutChips() {
    m_chips.clear();
    m_menu.clear();
    const float right = m_size.x - kPad;
    // The title beside Back; New program and Settings at its right when there is room, else
    // in a row of their own below it (the title wrapped to the room beside Back).
    const float titleX = kPad + (m_onBack ? kBackButtonSpace : 0.f);
    const sf::String title = utf8(tr("Motus · Exercise library"));
    const float settingsWidth =
        m_onSettings ? textWidth(utf8(settingsLabel()), m_fonts.regular, typeSize::body) + 36.f
                     : 0.f;
    const float newWidth =
        m_onNewProgram ? textWidth(utf8(newProgramLabel()), m_fonts.bold, typeSize::body) + 28.f
                       : 0.f;
    const float buttonsWidth =
        settingsWidth + newWidth + (m_onSettings && m_onNewProgram ? kChipGap : 0.f);
    const bool oneRow =
        titleX + textWidth(title, m_fonts.bold, typeSize::title) + 24.f + buttonsWidth <= right;
    m_titleLines = oneRow ? std::vector<sf::String>{title}
                          : wrapText(tr("Motus · Exercise library"), m_fonts.bold, typeSize::title,
                                     std::max(120.f, right - titleX));
    float y = std::max(kBackButton.top + kBackButton.height,
                       20.f + 44.f * static_cast<float>(m_titleLines.size())) +
              10.f;
    if (buttonsWidth > 0.f) {
        const float buttonsY = oneRow ? 18.f : y;
        float x = oneRow ? right - buttonsWidth : kPad;
        if (m_onNewProgram) {
            m_newProgramButton = Hit{{x, buttonsY, std::min(newWidth, right - x), kChipHeight}};
            x += newWidth + kChipGap;
        }
        if (m_onSettings) {
            if (x + settingsWidth > right) { // not even the two side by side: one below
                x = kPad;
                y += kChipHeight + 10.f;
            }
            m_settingsButton =
                Hit{{x, oneRow ? buttonsY : y, std::min(settingsWidth, right - x), kChipHeight}};
        }
        if (!oneRow) {
            y += kChipHeight + 10.f;
        }
    }
    // The keys, in words under the title (left out when a small window needs the room for the
    // list: every button says what it does).
    m_keysTop = y;
    m_keysLines.clear();
    if (m_keysShown) {
        m_keysLines =
            flowParts(tr("↑ ↓ choose   Enter try it   R P G filter   0 clear   PgDn read on"),
                      m_fonts.regular, typeSize::small, right - kPad, 26.f);
        y += m_keysLines.back().at.y + 26.f + 10.f;
    }
    // Exercise files that could not be loaded: a warning, wrapped.
    m_warningLines.clear();
    if (m_skippedFiles > 0) {
        m_warningLines = wrapText(
            fmt::format(fmt::runtime(core::trn("{} exercise file could not be loaded; run 'motus "
                                               "validate' to see why.",
                                               "{} exercise files could not be loaded; run "
                                               "'motus validate' to see why.",
                                               m_skippedFiles)),
                        m_skippedFiles),
            m_fonts.regular, typeSize::small, right - kPad - 32.f);
        m_warningRect = {kPad, y, right - kPad,
                         20.f + 26.f * static_cast<float>(m_warningLines.size())};
        y += m_warningRect.height + 12.f;
    }
    // One drop-down button per filter, side by side, onto a next row when the window is narrow
    // (a label too long even for a row of its own is shortened, and shown whole under the
    // pointer or the focus); the open one lists its values below it.
    float x = kPad;
    for (auto kind : {FilterKind::Region, FilterKind::Position, FilterKind::Goal}) {
        const sf::String full = filterLabel(kind);
        const float width = std::min(
            right - kPad, std::max(200.f, textWidth(full, m_fonts.regular, typeSize::body) + 36.f));
        if (x > kPad && x + width > right) {
            x = kPad;
            y += kChipHeight + 10.f;
        }
        const sf::String label = ellipsize(full, m_fonts.regular, typeSize::body, width - 32.f);
        m_chips.push_back({kind, filterValue(kind), label, Hit{{x, y, width, kChipHeight}},
                           label != full ? full : sf::String()});
        x += width + kChipGap;
    }
    // "Start a program" at the right of the filters, or below them.
    const float programsWidth = std::min(
        right - kPad, textWidth(utf8(programsLabel()), m_fonts.bold, typeSize::body) + 36.f);
    if (m_onPrograms) {
        if (x + programsWidth > right) {
            x = kPad;
            y += kChipHeight + 10.f;
            m_programsButton = Hit{{kPad, y, programsWidth, kChipHeight}};
        } else {
            m_programsButton = Hit{{right - programsWidth, y, programsWidth, kChipHeight}};
        }
    }
    m_chipsBottom = y + kChipHeight;
    if (m_openMenu) {
        // The values below their filter, in as many columns as the window's height needs.
        const auto& chip = m_chips.at(static_cast<std::size_t>(*m_openMenu));
        const auto names = optionNames(*m_openMenu);
        float menuWidth = chip.hit.rect.width;
        for (const auto& name : names) {
            menuWidth =
                std::max(menuWidth, textWidth(utf8(name), m_fonts.regular, typeSize::body) + 40.f);
        }
        const float top = chip.hit.rect.top + kChipHeight + 6.f;
        const auto count = names.size() + 1;
        const auto perColumn = static_cast<std::size_t>(
            std::max(1.f, std::floor((m_size.y - top - 16.f) / kMenuItemHeight)));
        const auto columns = (count + perColumn - 1) / perColumn;
        const auto rows = (count + columns - 1) / columns;
        menuWidth = std::min(menuWidth, (right - kPad) / static_cast<float>(columns));
        const float left =
            std::clamp(chip.hit.rect.left, kPad,
                       std::max(kPad, right - menuWidth * static_cast<float>(columns)));
        for (std::size_t i = 0; i < count; ++i) {
            const std::string name = i == 0 ? std::string(tr("all")) : names[i - 1];
            const sf::String label =
                ellipsize(utf8(name), m_fonts.regular, typeSize::body, menuWidth - 36.f);
            m_menu.push_back({*m_openMenu, static_cast<int>(i) - 1, label,
                              Hit{{left + menuWidth * static_cast<float>(i / rows),
                                   top + kMenuItemHeight * static_cast<float>(i % rows), menuWidth,
                                   kMenuItemHeight}},
                              label != utf8(name) ? utf8(name) : sf::String()});
        }
    }
}

void BrowserScreen::layoutDetails() {
    m_detailLines.clear();
    m_figurePoses.clear();
    m_figureLabels.clear();
    m_detailHeight = 0.f;
    const core::Exercise* ex = selected();
    if (ex == nullptr || m_detailRect.width <= 0) {
        return;
    }
    const auto& text = ex->text(m_lang);
    const float left = 24.f;
    const float width = m_detailRect.width - 2 * left;
    float y = 18.f;
    auto paragraph = [&](const std::string& content, const sf::Font& font, unsigned size,
                         sf::Color colour, float indent = 0.f,
                         std::optional<std::string> link = std::nullopt) {
        for (auto& line : wrapText(content, font, size, width - indent)) {
            m_detailLines.push_back({line, &font, size, colour, left + indent, y, link});
            y += static_cast<float>(size) * 1.45f;
        }
    };
    auto gap = [&](float pixels) { y += pixels; };
    auto heading = [&](const char* title) {
        gap(14.f);
        paragraph(title, m_fonts.bold, typeSize::heading, colour::text);
        gap(4.f);
    };
    auto list = [&](const char* title, const std::vector<std::string>& items, bool numbered) {
        if (items.empty()) {
            return;
        }
        heading(title);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string marker = numbered ? std::to_string(i + 1) + "." : "•";
            m_detailLines.push_back(
                {utf8(marker), &m_fonts.bold, typeSize::body, colour::accent, left, y, {}});
            paragraph(items[i], m_fonts.regular, typeSize::body, colour::text, 36.f);
            gap(4.f);
        }
    };

    // Try it at the top right of the content, beside the name; above it when the panel is
    // narrow. It scrolls with the text (so that nothing passes under it).
    float nameWidth = width;
    if (m_onPlay) {
        const float playWidth = textWidth(utf8(playLabel()), m_fonts.bold, typeSize::body) + 40.f;
        if (m_detailRect.width < 520.f) {
            m_playLocal = {left, 16.f, std::min(playWidth, width), 52.f};
            y = 16.f + 52.f + 12.f;
        } else {
            m_playLocal = {left + width - playWidth, 16.f, playWidth, 52.f};
            nameWidth = width - playWidth - 20.f;
        }
    }
    for (auto& line : wrapText(text.name, m_fonts.bold, typeSize::title, nameWidth)) {
        m_detailLines.push_back({line, &m_fonts.bold, typeSize::title, colour::text, left, y, {}});
        y += static_cast<float>(typeSize::title) * 1.45f;
    }
    paragraph(text.summary, m_fonts.regular, typeSize::body, colour::mutedText);
    gap(8.f);
    m_figureY = y;
    gap(kFigureHeight + 12.f);

    std::vector<std::string> regions, goals, equipment;
    for (const auto& r : ex->regions) {
        regions.push_back(core::regionDisplayName(r));
    }
    for (auto g : ex->goals) {
        goals.push_back(core::displayName(g));
    }
    for (const auto& e : ex->equipment) {
        equipment.push_back(core::equipmentDisplayName(e));
    }
    auto join = [](const std::vector<std::string>& items) {
        std::string out;
        for (const auto& item : items) {
            out += (out.empty() ? "" : ", ") + item;
        }
        return out;
    };
    paragraph(fmt::format(fmt::runtime(tr("{} · {} · {} · level {} of 5")), join(regions),
                          core::displayName(ex->position), join(goals), ex->level),
              m_fonts.regular, typeSize::body, colour::text);
    paragraph(fmt::format(fmt::runtime(tr("You need: {}")), join(equipment)), m_fonts.regular,
              typeSize::body, colour::text);

    heading(tr("Dose"));
    paragraph(core::describeDose(ex->dose), m_fonts.regular, typeSize::body, colour::text);
    paragraph(core::describeFrequency(ex->dose), m_fonts.regular, typeSize::body, colour::text);

    list(tr("How to do it"), text.steps, true);
    list(tr("Cues"), text.cues, false);
    list(tr("Cautions"), text.cautions, false);
    list(tr("Do not do this exercise if"), text.contraindications, false);

    if (ex->regression || ex->progression) {
        heading(tr("Variants"));
        for (const auto& [label, id] : {std::pair{tr("Easier:"), ex->regression},
                                        std::pair{tr("Harder:"), ex->progression}}) {
            if (!id) {
                continue;
            }
            const auto* other = m_library.find(*id);
            const std::string name = other != nullptr ? other->text(m_lang).name : *id;
            paragraph(std::string(label) + " " + name + "  ›", m_fonts.bold, typeSize::body,
                      colour::accent, 0.f, *id);
        }
    }
    heading(tr("Source"));
    paragraph(ex->source + " (" + ex->licence + ")", m_fonts.regular, typeSize::small,
              colour::mutedText);
    if (ex->doseFromConvention) {
        paragraph(core::doseConventionNote(), m_fonts.regular, typeSize::small, colour::mutedText);
    }
    m_detailHeight = y + 24.f;

    // The figure: the starting pose and the working pose (the target of the first phase).
    auto addPose = [&](std::size_t pose) {
        FigureStage stage;
        stage.setExercise(ex);
        stage.setKeyPose(pose);
        if (!m_figurePoses.empty()) {
            stage.followView(m_figurePoses.front());
        }
        m_figurePoses.push_back(std::move(stage));
    };
    addPose(0);
    m_figureLabels.push_back(utf8(tr("Start")));
    std::size_t working = 0;
    for (const auto& phase : ex->phases) {
        if (phase.pose != 0) {
            working = phase.pose;
            break;
        }
    }
    if (working != 0) {
        addPose(working);
        m_figureLabels.push_back(utf8(tr("Working position")));
    }
    scrollDetails(0.f);
}

void BrowserScreen::layoutRows() {
    m_rowNames.clear();
    for (const auto* ex : m_visible) {
        m_rowNames.push_back(ellipsize(utf8(ex->text(m_lang).name), m_fonts.bold, typeSize::body,
                                       m_listRect.width - 32.f - ScrollArea::kBarWidth));
    }
}

void BrowserScreen::ensureSelectionVisible() {
    const float rowTop = static_cast<float>(m_selected) * m_rowHeight;
    if (rowTop < m_listScroll) {
        m_listScroll = rowTop;
    } else if (rowTop + m_rowHeight > m_listScroll + m_listRect.height) {
        m_listScroll = rowTop + m_rowHeight - m_listRect.height;
    }
    m_listScroll = std::max(0.f, m_listScroll);
}

void BrowserScreen::moveSelection(int delta) {
    if (m_visible.empty()) {
        return;
    }
    m_selected = std::clamp(m_selected + delta, 0, static_cast<int>(m_visible.size()) - 1);
    m_detailScroll = 0.f;
    layoutDetails();
    ensureSelectionVisible();
}

void BrowserScreen::scrollDetails(float pixels) {
    const float maxScroll = std::max(0.f, m_detailHeight - m_detailRect.height);
    m_detailScroll = std::clamp(m_detailScroll + pixels, 0.f, maxScroll);
}

std::vector<BrowserScreen::Focus> BrowserScreen::focusables() const {
    std::vector<Focus> all;
    if (m_onBack) {
        all.push_back({Control::Back});
    }
    if (m_onNewProgram) {
        all.push_back({Control::NewProgram});
    }
    if (m_onSettings) {
        all.push_back({Control::Settings});
    }
    for (std::size_t i = 0; i < m_chips.size(); ++i) {
        all.push_back({Control::Chip, i});
    }
    if (m_onPrograms) {
        all.push_back({Control::Programs});
    }
    if (!m_visible.empty()) {
        all.push_back({Control::List});
    }
    if (m_onPlay && selected() != nullptr) {
        all.push_back({Control::Play});
    }
    return all;
}

std::optional<BrowserScreen::Focus> BrowserScreen::currentFocus() const {
    if (m_focus) {
        const auto all = focusables();
        if (std::find(all.begin(), all.end(), *m_focus) != all.end()) {
            return m_focus;
        }
    }
    return std::nullopt;
}

sf::FloatRect BrowserScreen::rectOf(Focus focus) const {
    switch (focus.control) {
    case Control::Back:
        return kBackButton;
    case Control::NewProgram:
        return m_newProgramButton.rect;
    case Control::Settings:
        return m_settingsButton.rect;
    case Control::Chip:
        return m_chips.at(focus.index).hit.rect;
    case Control::Programs:
        return m_programsButton.rect;
    case Control::List:
        return m_listRect;
    case Control::Play:
        return playRect();
    }
    return {};
}

std::vector<sf::FloatRect> BrowserScreen::focusOrder() const {
    std::vector<sf::FloatRect> rects;
    for (const auto& f : focusables()) {
        rects.push_back(rectOf(f));
    }
    return rects;
}

std::optional<sf::FloatRect> BrowserScreen::focusedRect() const {
    if (m_openMenu && m_menuFocus && *m_menuFocus < m_menu.size()) {
        // Inside the menu's frame, clear of the values above and below.
        const sf::FloatRect item = m_menu[*m_menuFocus].hit.rect;
        return sf::FloatRect{item.left + 8.f, item.top + 6.f, item.width - 16.f,
                             item.height - 12.f};
    }
    if (const auto focus = currentFocus()) {
        return rectOf(*focus);
    }
    return std::nullopt;
}

void BrowserScreen::moveFocus(int step) {
    if (const auto next = stepFocus(focusables(), currentFocus(), step)) {
        m_focus = next;
        if (next->control == Control::Play) {
            scrollDetails(-m_detailScroll); // Try it scrolls with the details: into view
        }
    }
}

void BrowserScreen::openMenuByKey(FilterKind kind) {
    m_openMenu = kind;
    layoutChips();
    m_menuFocus = static_cast<std::size_t>(filterValue(kind) + 1); // "all" comes first
}

bool BrowserScreen::activate(Focus focus, sf::Keyboard::Key key) {
    switch (focus.control) {
    case Control::Back:
        m_onBack();
        return true;
    case Control::NewProgram:
        m_onNewProgram();
        return true;
    case Control::Settings:
        m_onSettings();
        return true;
    case Control::Chip:
        openMenuByKey(m_chips.at(focus.index).kind);
        return true;
    case Control::Programs:
        m_onPrograms();
        return true;
    case Control::List:
        // In the list Enter tries the chosen exercise and Space reads on, as without the focus.
        (void)key;
        return false;
    case Control::Play:
        m_onPlay(*selected());
        return true;
    }
    return false;
}

void BrowserScreen::handleEvent(const sf::Event& event) {
    // Turning the figure: a drag over a visible pose, or Ctrl + arrows; both poses turn.
    const bool pressOutside =
        event.type == sf::Event::MouseButtonPressed && !m_detailRect.contains(clickPosition(event));
    for (std::size_t i = 0; i < m_figurePoses.size() && !pressOutside && !m_openMenu; ++i) {
        if (m_figurePoses[i].handleEvent(event)) {
            for (auto& other : m_figurePoses) {
                if (&other != &m_figurePoses[i]) {
                    other.followView(m_figurePoses[i]);
                }
            }
            return;
        }
    }
    if (event.type == sf::Event::MouseMoved) {
        m_mouse = sf::Vector2f{static_cast<float>(event.mouseMove.x),
                               static_cast<float>(event.mouseMove.y)};
        return;
    }
    if (event.type == sf::Event::MouseLeft) {
        m_mouse.reset();
        return;
    }
    if (event.type == sf::Event::KeyPressed && m_openMenu &&
        event.key.code == sf::Keyboard::Escape) {
        m_openMenu.reset();
        m_menuFocus.reset();
        layoutChips();
        return;
    }
    if (event.type == sf::Event::KeyPressed && m_openMenu && !m_menu.empty()) {
        // An open menu keeps the keys: ↑ ↓ and Tab go through its values, Enter or Space
        // chooses one (the focus stays on its filter).
        const auto key = event.key.code;
        const long n = static_cast<long>(m_menu.size());
        const long at = m_menuFocus ? static_cast<long>(*m_menuFocus)
                                    : static_cast<long>(filterValue(*m_openMenu) + 1);
        if (key == sf::Keyboard::Down || key == sf::Keyboard::Up || key == sf::Keyboard::Tab) {
            const int step =
                key == sf::Keyboard::Up || (key == sf::Keyboard::Tab && event.key.shift) ? -1 : 1;
            m_menuFocus = static_cast<std::size_t>(((at + step) % n + n) % n);
            return;
        }
        if (key == sf::Keyboard::Enter || key == sf::Keyboard::Space) {
            const Chip item = m_menu.at(static_cast<std::size_t>(std::clamp(at, 0L, n - 1)));
            m_menuFocus.reset();
            setFilter(item.kind, item.value);
            return;
        }
    }
    if (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::Tab) {
        moveFocus(event.key.shift ? -1 : 1);
        return;
    }
    if (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::Escape &&
        currentFocus()) {
        m_focus.reset(); // Esc lets go of the focus first; the next one goes back
        return;
    }
    if (event.type == sf::Event::KeyPressed &&
        (event.key.code == sf::Keyboard::Enter || event.key.code == sf::Keyboard::Space)) {
        if (const auto focus = currentFocus(); focus && activate(*focus, event.key.code)) {
            return;
        }
    }
    if (event.type == sf::Event::KeyPressed && m_onSettings &&
        (event.key.code == sf::Keyboard::F2 || event.key.code == sf::Keyboard::Comma)) {
        m_onSettings();
        return;
    }
    if (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::Escape && m_onBack) {
        m_onBack();
        return;
    }
    if (event.type == sf::Event::KeyPressed) {
        const int step = event.key.shift ? -1 : 1;
        switch (event.key.code) {
        case sf::Keyboard::Down:
            moveSelection(1);
            break;
        case sf::Keyboard::Up:
            moveSelection(-1);
            break;
        case sf::Keyboard::Home:
            moveSelection(-static_cast<int>(m_visible.size()));
            break;
        case sf::Keyboard::End:
            moveSelection(static_cast<int>(m_visible.size()));
            break;
        case sf::Keyboard::PageDown:
        case sf::Keyboard::Space:
            scrollDetails(m_detailRect.height * 0.8f);
            break;
        case sf::Keyboard::PageUp:
            scrollDetails(-m_detailRect.height * 0.8f);
            break;
        case sf::Keyboard::R:
            cycleFilter(FilterKind::Region, step);
            break;
        case sf::Keyboard::P:
            cycleFilter(FilterKind::Position, step);
            break;
        case sf::Keyboard::G:
            cycleFilter(FilterKind::Goal, step);
            break;
        case sf::Keyboard::Num0:
        case sf::Keyboard::Numpad0:
        case sf::Keyboard::BackSpace:
            clearFilters();
            break;
        case sf::Keyboard::N:
            if (m_onNewProgram) {
                m_onNewProgram();
            }
            break;
        case sf::Keyboard::Enter:
            if (m_onPlay && selected() != nullptr) {
                m_onPlay(*selected());
            }
            break;
        default:
            break;
        }
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        const sf::Vector2f at{static_cast<float>(event.mouseWheelScroll.x),
                              static_cast<float>(event.mouseWheelScroll.y)};
        const float pixels = -event.mouseWheelScroll.delta * 60.f;
        if (m_listRect.contains(at)) {
            const float maxScroll = std::max(
                0.f, static_cast<float>(m_visible.size()) * m_rowHeight - m_listRect.height);
            m_listScroll = std::clamp(m_listScroll + pixels, 0.f, maxScroll);
        } else if (m_detailRect.contains(at)) {
            scrollDetails(pixels);
        }
        return;
    }
    if (event.type == sf::Event::MouseButtonPressed &&
        event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at = clickPosition(event);
        if (m_openMenu) {
            // While a menu is open, a click chooses from it or closes it, nothing else.
            for (const auto& item : m_menu) {
                if (item.hit.contains(at)) {
                    setFilter(item.kind, item.value);
                    return;
                }
            }
            const auto wasOpen = m_openMenu;
            m_openMenu.reset();
            m_menuFocus.reset();
            layoutChips();
            for (const auto& chip : m_chips) {
                if (chip.hit.contains(at) && chip.kind != *wasOpen) {
                    m_openMenu = chip.kind;
                    layoutChips();
                }
            }
            return;
        }
        if (m_onBack && kBackButton.contains(at)) {
            m_onBack();
            return;
        }
        for (const auto& chip : m_chips) {
            if (chip.hit.contains(at)) {
                m_openMenu = chip.kind;
                layoutChips();
                return;
            }
        }
        if (m_onSettings && m_settingsButton.contains(at)) {
            m_onSettings();
            return;
        }
        if (m_onNewProgram && m_newProgramButton.contains(at)) {
            m_onNewProgram();
            return;
        }
        if (m_onPrograms && m_programsButton.contains(at)) {
            m_onPrograms();
            return;
        }
        if (m_onPlay && selected() != nullptr && m_detailRect.contains(at) &&
            playRect().contains(at)) {
            m_onPlay(*selected());
            return;
        }
        if (m_listRect.contains(at)) {
            const int row = static_cast<int>((at.y - m_listRect.top + m_listScroll) / m_rowHeight);
            if (row >= 0 && row < static_cast<int>(m_visible.size())) {
                moveSelection(row - m_selected);
            }
            return;
        }
        if (m_detailRect.contains(at)) {
            const float contentY = at.y - m_detailRect.top + m_detailScroll;
            for (const auto& line : m_detailLines) {
                if (line.link && contentY >= line.y &&
                    contentY < line.y + static_cast<float>(line.size) * 1.45f) {
                    const std::string target = *line.link;
                    select(target);
                    return;
                }
            }
        }
    }
}

void BrowserScreen::update(sf::Time) {}

sf::FloatRect BrowserScreen::playRect() const {
    return {m_detailRect.left + m_playLocal.left,
            m_detailRect.top + m_playLocal.top - m_detailScroll, m_playLocal.width,
            m_playLocal.height};
}

void BrowserScreen::draw(sf::RenderTarget& target) const {
    // Header.
    if (m_onBack) {
        drawBackButton(target, m_fonts);
    }
    float titleY = 20.f;
    for (const auto& line : m_titleLines) {
        drawText(target, line, m_fonts.bold, typeSize::title,
                 {kPad + (m_onBack ? kBackButtonSpace : 0.f), titleY}, colour::text);
        titleY += 44.f;
    }
    for (const auto& part : m_keysLines) {
        drawText(target, part.text, m_fonts.regular, typeSize::small,
                 {kPad + part.at.x, m_keysTop + part.at.y}, colour::mutedText);
    }
    if (!m_warningLines.empty()) {
        drawRoundedRect(target, m_warningRect, 8.f, colour::warningGround, colour::warning, 2.f);
        float warningY = m_warningRect.top + 10.f;
        for (const auto& line : m_warningLines) {
            drawText(target, line, m_fonts.regular, typeSize::small,
                     {m_warningRect.left + 16.f, warningY}, colour::text);
            warningY += 26.f;
        }
    }

    if (m_onPrograms) {
        drawRoundedRect(target, m_programsButton.rect, 10.f, colour::panel, colour::accent, 2.f);
        drawText(target,
                 ellipsize(utf8(programsLabel()), m_fonts.bold, typeSize::body,
                           m_programsButton.rect.width - 28.f),
                 m_fonts.bold, typeSize::body,
                 {m_programsButton.rect.left + 18.f, m_programsButton.rect.top + 8.f},
                 colour::accent);
    }
    if (m_onSettings) {
        drawButton(target, m_fonts, m_settingsButton.rect, settingsLabel(), false);
    }
    if (m_onNewProgram) {
        drawRoundedRect(target, m_newProgramButton.rect, 10.f, colour::panel, colour::accent, 2.f);
        drawText(target,
                 ellipsize(utf8(newProgramLabel()), m_fonts.bold, typeSize::body,
                           m_newProgramButton.rect.width - 24.f),
                 m_fonts.bold, typeSize::body,
                 {m_newProgramButton.rect.left + 14.f,
                  m_newProgramButton.rect.top +
                      (kChipHeight - static_cast<float>(typeSize::body) * 1.35f) / 2},
                 colour::accent);
    }
    // The filter buttons; an active filter is filled with the accent colour.
    for (const auto& chip : m_chips) {
        const bool active = filterValue(chip.kind) >= 0;
        drawRoundedRect(target, chip.hit.rect, 10.f, active ? colour::accent : colour::panel,
                        colour::controlBorder, active ? 0.f : 1.5f);
        drawText(target, chip.label, m_fonts.regular, typeSize::body,
                 {chip.hit.rect.left + 16.f, chip.hit.rect.top + 8.f},
                 active ? colour::accentText : colour::text);
    }

    // The list.
    drawRoundedRect(target, m_listRect, 10.f, colour::panel, colour::panelBorder, 1.f);
    const sf::View saved = target.getView();
    auto clipTo = [&](sf::FloatRect rect) {
        sf::View clip(rect);
        const sf::Vector2f size = target.getView().getSize();
        clip.setViewport(
            {rect.left / size.x, rect.top / size.y, rect.width / size.x, rect.height / size.y});
        target.setView(clip);
    };
    if (m_visible.empty()) {
        float y = m_listRect.top + 24.f;
        for (const auto& line :
             wrapText(tr("No exercise matches these filters. Press 0 to clear them."),
                      m_fonts.regular, typeSize::body, m_listRect.width - 40.f)) {
            drawText(target, line, m_fonts.regular, typeSize::body, {m_listRect.left + 20.f, y},
                     colour::mutedText);
            y += 32.f;
        }
    } else {
        clipTo(m_listRect);
        for (std::size_t i = 0; i < m_visible.size(); ++i) {
            const float top = m_listRect.top + static_cast<float>(i) * m_rowHeight - m_listScroll;
            if (top + m_rowHeight < m_listRect.top || top > m_listRect.top + m_listRect.height) {
                continue;
            }
            const auto* ex = m_visible[i];
            const bool isSelected = static_cast<int>(i) == m_selected;
            if (isSelected) {
                sf::RectangleShape row({m_listRect.width, m_rowHeight});
                row.setPosition(m_listRect.left, top);
                row.setFillColor(colour::selection);
                target.draw(row);
                sf::RectangleShape bar({6.f, m_rowHeight});
                bar.setPosition(m_listRect.left, top);
                bar.setFillColor(colour::accent);
                target.draw(bar);
            }
            drawText(target, m_rowNames[i], m_fonts.bold, typeSize::body,
                     {m_listRect.left + 20.f, top + 8.f}, colour::text);
            drawText(target,
                     ellipsize(utf8(fmt::format(fmt::runtime(tr("level {} · {}")), ex->level,
                                                core::displayName(ex->position))),
                               m_fonts.regular, typeSize::small,
                               m_listRect.width - 32.f - ScrollArea::kBarWidth),
                     m_fonts.regular, typeSize::small, {m_listRect.left + 20.f, top + 36.f},
                     colour::mutedText);
        }
        target.setView(saved);
        drawScrollBar(target, m_listRect, m_listScroll,
                      static_cast<float>(m_visible.size()) * m_rowHeight);
    }

    // The details.
    drawRoundedRect(target, m_detailRect, 10.f, colour::panel, colour::panelBorder, 1.f);
    const core::Exercise* ex = selected();
    if (ex != nullptr) {
        clipTo(m_detailRect);
        const float top = m_detailRect.top - m_detailScroll;
        for (const auto& line : m_detailLines) {
            drawText(target, line.text, *line.font, line.size,
                     {m_detailRect.left + line.x, top + line.y}, line.colour);
        }
        if (m_onPlay) {
            const sf::FloatRect play = playRect();
            drawRoundedRect(target, play, 10.f, colour::accent);
            drawText(target, utf8(playLabel()), m_fonts.bold, typeSize::body,
                     {play.left + 20.f, play.top + 12.f}, colour::accentText);
        }
        const float figureTop = top + m_figureY;
        // The figure panel sits between the summary and the tags.
        const float each = m_figureRect.width / static_cast<float>(m_figurePoses.size());
        sf::RectangleShape ground({m_figureRect.width - 48.f, kFigureHeight});
        ground.setPosition(m_figureRect.left + 24.f, figureTop);
        ground.setFillColor(colour::background);
        target.draw(ground);
        for (std::size_t i = 0; i < m_figurePoses.size(); ++i) {
            const float dx = each * static_cast<float>(i);
            const sf::FloatRect frame{m_figureRect.left + dx + 24.f, figureTop, each - 48.f,
                                      kFigureHeight - 30.f};
            m_figurePoses[i].setFrame(frame);
            FigureStage::Style style;
            style.ghost = false;
            style.fault = false;
            style.controls = i == 0; // the view's buttons once
            m_figurePoses[i].draw(target, m_fonts, style);
            drawText(target, m_figureLabels[i], m_fonts.regular, typeSize::small,
                     {frame.left + 12.f, figureTop + kFigureHeight - 30.f}, colour::mutedText);
        }
        target.setView(saved);
        drawScrollBar(target, m_detailRect, m_detailScroll, m_detailHeight);
    }
    drawMenu(target);
    if (const auto focus = focusedRect()) {
        drawFocusRing(target, *focus);
    }
    // A name shortened to fit, whole: under the pointer, or where the focus is.
    std::optional<std::pair<std::string, sf::FloatRect>> whole;
    auto chipAt = [&](std::size_t i) {
        if (i < m_chips.size() && !m_chips[i].full.isEmpty()) {
            const auto text = m_chips[i].full.toUtf8();
            whole = {std::string(text.begin(), text.end()), m_chips[i].hit.rect};
        }
    };
    auto rowAt = [&](std::size_t i) {
        const auto* row = m_visible.at(i);
        const auto name = row->text(m_lang).name;
        const auto detail = fmt::format(fmt::runtime(tr("level {} · {}")), row->level,
                                        core::displayName(row->position));
        if (m_rowNames.at(i) != utf8(name) ||
            textWidth(utf8(detail), m_fonts.regular, typeSize::small) >
                m_listRect.width - 32.f - ScrollArea::kBarWidth) {
            const float top = m_listRect.top + static_cast<float>(i) * m_rowHeight - m_listScroll;
            whole = {name + "\n" + detail,
                     sf::FloatRect{m_listRect.left, top, m_listRect.width, m_rowHeight}};
        }
    };
    if (m_mouse && !m_openMenu) {
        for (std::size_t i = 0; i < m_chips.size(); ++i) {
            if (m_chips[i].hit.contains(*m_mouse)) {
                chipAt(i);
            }
        }
        if (m_listRect.contains(*m_mouse)) {
            const auto row = static_cast<std::size_t>(
                std::max(0.f, (m_mouse->y - m_listRect.top + m_listScroll) / m_rowHeight));
            if (row < m_visible.size()) {
                rowAt(row);
            }
        }
    }
    if (const auto focus = currentFocus(); !whole && focus && !m_openMenu) {
        if (focus->control == Control::Chip) {
            chipAt(focus->index);
        } else if (focus->control == Control::List && selected() != nullptr) {
            rowAt(static_cast<std::size_t>(m_selected));
        }
    }
    if (m_openMenu) {
        // A value of the open menu: under the pointer, else the one the keys are on.
        std::optional<std::size_t> item = m_menuFocus;
        for (std::size_t i = 0; m_mouse && i < m_menu.size(); ++i) {
            if (m_menu[i].hit.contains(*m_mouse)) {
                item = i;
            }
        }
        if (item && *item < m_menu.size() && !m_menu[*item].full.isEmpty()) {
            const auto text = m_menu[*item].full.toUtf8();
            whole = {std::string(text.begin(), text.end()), m_menu[*item].hit.rect};
        }
    }
    if (whole) {
        drawTooltip(target, m_fonts.regular, whole->first, whole->second, m_size);
    }
}

void BrowserScreen::drawMenu(sf::RenderTarget& target) const {
    if (m_menu.empty()) {
        return;
    }
    beginOverlay(); // over the list and the details: a layer of its own for the layout check
    sf::FloatRect area = m_menu.front().hit.rect;
    for (const auto& item : m_menu) {
        const float right =
            std::max(area.left + area.width, item.hit.rect.left + item.hit.rect.width);
        const float bottom =
            std::max(area.top + area.height, item.hit.rect.top + item.hit.rect.height);
        area.width = right - area.left;
        area.height = bottom - area.top;
    }
    // A soft shadow (decoration, not a box of the layout).
    sf::RectangleShape shadow({area.width - 8.f, area.height + 4.f});
    shadow.setPosition(area.left + 8.f, area.top + 8.f);
    shadow.setFillColor(sf::Color(0, 0, 0, 40));
    target.draw(shadow);
    drawRoundedRect(target, {area.left, area.top - 4.f, area.width, area.height + 8.f}, 10.f,
                    colour::panel, colour::controlBorder, 1.5f);
    for (const auto& item : m_menu) {
        const bool current = filterValue(item.kind) == item.value;
        if (current) {
            sf::RectangleShape mark({item.hit.rect.width - 8.f, kMenuItemHeight - 4.f});
            mark.setPosition(item.hit.rect.left + 4.f, item.hit.rect.top + 2.f);
            mark.setFillColor(colour::selection);
            target.draw(mark);
        }
        drawText(target, item.label, current ? m_fonts.bold : m_fonts.regular, typeSize::body,
                 {item.hit.rect.left + 18.f, item.hit.rect.top + 8.f}, colour::text);
    }
}

} // namespace motus::app
