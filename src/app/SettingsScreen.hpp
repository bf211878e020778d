#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/Settings.hpp"

#include <functional>
#include <string>
#include <vector>

namespace motus::app {

// The patient's preferences (docs/settings.md): language, text size, high contrast, reduced
// motion, the player's sound and pauses, and the reminders. Every change is handed at once to
// `apply`, which saves settings.ini and puts it into effect. One row per setting; ↑ ↓ choose a
// row, ← → change its value, Enter or Space switch, Esc goes back; Tab and Shift+Tab go over the
// Back button and the rows, as ↓ ↑ do; with the mouse, the − and + buttons, the switches and the
// day buttons.
class SettingsScreen final : public Screen {
public:
    enum class Row {
        Language,
        TextSize,
        HighContrast,
        ReducedMotion,
        Voice,
        VoiceSpeed,
        Tones,
        Volume,
        GetReady,
        SwitchSides,
        Reminders,
        ReminderDays,
        ReminderTime,
        Welcome, // only with a welcome action
    };
    struct Actions {
        // Saves and applies the settings; returns what to tell the patient (what a change did,
        // or why it could not be saved), or nothing.
        std::function<std::string(const core::Settings& before, const core::Settings& after)> apply;
        std::function<void()> back;
        std::function<void()> welcome; // "Show the welcome again"; no button without it
    };
    // `languages`: the language settings offered ("" the system's, then codes such as "en",
    // "de"); the setting's own value is added when it is not among them.
    SettingsScreen(core::Settings settings, std::vector<std::string> languages, const Fonts& fonts,
                   Actions actions, Row focus = Row::Language);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] const core::Settings& settings() const { return m_settings; }
    [[nodiscard]] Row focus() const { return m_rows.at(m_focus).row; }
    // Tab has moved the focus onto the Back button (Enter or Space goes back).
    [[nodiscard]] bool backFocused() const { return m_backFocused; }
    [[nodiscard]] const std::string& message() const { return m_message; }

    // Where the controls of a row are on screen now (for tests and the layout check): the
    // "−" (or "◀") button, the "+" (or "▶") button, and the switch or value.
    [[nodiscard]] sf::FloatRect lessButton(Row row) const;
    [[nodiscard]] sf::FloatRect moreButton(Row row) const;
    [[nodiscard]] sf::FloatRect switchButton(Row row) const;
    // The day buttons of the reminder days: [0] the program's days, [1..7] Monday..Sunday.
    [[nodiscard]] sf::FloatRect dayButton(std::size_t index) const;

    // The name of a language setting in its own language ("Deutsch"); "" is the system's.
    [[nodiscard]] static std::string languageName(const std::string& code);

private:
    enum class Kind { Choice, Number, Switch, Days, Button };
    struct Line {
        Row row = Row::Language;
        Kind kind = Kind::Choice;
        float top = 0.f; // in the content, before scrolling
        float height = 0.f;
        sf::FloatRect less, more, value; // value: the switch, the value text or the button
        std::vector<sf::FloatRect> days;
    };

    void change(Row row, int direction); // ← or −: -1, → or +: +1
    void toggle(Row row);
    void toggleDay(std::size_t index);
    void commit(const core::Settings& after);
    void scrollToFocus();
    [[nodiscard]] std::string label(Row row) const;
    [[nodiscard]] std::string valueText(Row row) const;
    [[nodiscard]] bool switchedOn(Row row) const;
    [[nodiscard]] sf::FloatRect onScreen(sf::FloatRect rect) const;
    [[nodiscard]] const Line* line(Row row) const;

    core::Settings m_settings;
    std::vector<std::string> m_languages;
    const Fonts& m_fonts;
    Actions m_actions;
    std::vector<Line> m_rows;
    std::size_t m_focus = 0;
    std::size_t m_dayCursor = 0; // on the reminder days: the day button ← → move to
    std::string m_message;
    sf::Vector2f m_size{1280.f, 800.f};
    sf::FloatRect m_area; // where the rows scroll
    float m_scroll = 0.f;
    float m_contentHeight = 0.f;
    float m_labelWidth = 0.f;
    bool m_stacked = false; // labels above their controls (a narrow window)
    bool m_backFocused = false;
    std::vector<PlacedText> m_keys; // the keys under the title, in rows
    std::vector<sf::String> m_messageLines;
};

} // namespace motus::app
