#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "service/Practice.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motus::app {

// "How did it go?" after a session: for each exercise done, one row with pain during (0-10) and
// effort (Borg CR10, 0-10), and for the exercises that can provoke leg symptoms the leg question
// (better, same, spread further, new numbness or weakness; no answer chosen in advance). "Same
// for all" copies the first row to the others. Saving stores each exercise's feedback; rules 1
// and 2 act at once. A failed save says why and keeps every answer.
class FeedbackScreen final : public Screen {
public:
    enum class Field { Pain, Effort, Leg };
    struct Answer {
        std::optional<int> pain;
        std::optional<int> effort;
        std::optional<core::LegChange> leg;
    };

    FeedbackScreen(service::Practice& practice, const Fonts& fonts, std::string lang,
                   std::vector<const core::Exercise*> exercises, core::Date date,
                   std::function<void(const std::string&)> done);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    void choose(std::size_t exercise, Field field, int value);
    void sameForAll();
    void save();
    [[nodiscard]] const std::vector<Answer>& answers() const { return m_answers; }
    [[nodiscard]] bool asksLegs(std::size_t exercise) const;
    [[nodiscard]] const std::string& error() const { return m_error; }
    // The keyboard's focus: an exercise and a question (a Field), or a button. Tab and
    // Shift+Tab go through every question, Same for all and Save; ← → answer the focused
    // question, digits too; Enter saves (on Same for all: copies), Space presses a button.
    static constexpr int kSameForAll = 3, kSave = 4;
    using Focus = std::pair<std::size_t, int>;
    [[nodiscard]] Focus focus() const;
    [[nodiscard]] sf::FloatRect saveButton() const { return m_save.rect; }
    [[nodiscard]] sf::FloatRect sameForAllButton() const { return m_sameForAll.rect; }
    [[nodiscard]] float scroll() const { return m_list.offset(); }

private:
    struct Row {
        float top = 0.f;
        std::vector<sf::String> name; // the exercise's, wrapped
        std::vector<Hit> pain;
        std::vector<Hit> effort;
        std::vector<Hit> leg;
    };
    [[nodiscard]] std::vector<Field> fieldsOf(std::size_t exercise) const;
    void moveFocus(int step);
    [[nodiscard]] std::vector<Focus> focusOrder() const;
    void setFocus(Focus focus);
    void keepFocusVisible();

    service::Practice& m_practice;
    const Fonts& m_fonts;
    std::string m_lang;
    std::vector<const core::Exercise*> m_exercises;
    core::Date m_date;
    std::function<void(const std::string&)> m_done;
    std::vector<Answer> m_answers;
    std::vector<bool> m_saved; // stored already (a retry after a failure skips them)
    std::string m_error;

    std::size_t m_focusExercise = 0;
    Field m_focusField = Field::Pain;
    int m_focusButton = 0; // kSameForAll or kSave when a button has the focus
    float m_contentHeight = 0.f;
    sf::Vector2f m_size{1280.f, 800.f};
    std::vector<sf::String> m_intro;
    std::vector<sf::String> m_errorLines;
    ScrollArea m_list; // where the rows scroll
    float m_labelWidth = 110.f;
    bool m_labelAbove = false; // each question's name above its buttons (narrow)
    std::vector<Row> m_rows;
    Hit m_sameForAll;
    Hit m_save;
};

} // namespace motus::app
