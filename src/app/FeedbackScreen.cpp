#include "FeedbackScreen.hpp"

#include "core/I18n.hpp"
#include "core/Reasons.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace motus::app {
namespace {

using core::tr;

constexpr float kPad = 28.f;
constexpr float kLine = 48.f; // one line of buttons
constexpr float kName = 34.f; // the exercise's name above its buttons
constexpr float kGap = 18.f;  // between two exercises
constexpr std::array<core::LegChange, 4> kLegAnswers{core::LegChange::Better, core::LegChange::Same,
                                                     core::LegChange::Worse,
                                                     core::LegChange::NumbWeak};

const char* legLabel(core::LegChange leg) {
    switch (leg) {
    case core::LegChange::Better:
        return tr("Better");
    case core::LegChange::Same:
        return tr("The same");
    case core::LegChange::Worse:
        return tr("Spread further down");
    case core::LegChange::NumbWeak:
        return tr("New numbness or weakness");
    }
    return "";
}

} // namespace

FeedbackScreen::FeedbackScreen(service::Practice& practice, const Fonts& fonts, std::string lang,
                               std::vector<const core::Exercise*> exercises, core::Date date,
                               std::function<void(const std::string&)> done)
    : m_practice(practice), m_fonts(fonts), m_lang(std::move(lang)),
      m_exercises(std::move(exercises)), m_date(date), m_done(std::move(done)),
      m_answers(m_exercises.size()), m_saved(m_exercises.size(), false) {}

bool FeedbackScreen::asksLegs(std::size_t exercise) const {
    return m_exercises.at(exercise)->canProvokeLegSymptoms();
}

std::vector<FeedbackScreen::Field> FeedbackScreen::fieldsOf(std::size_t exercise) const {
    std::vector<Field> fields{Field::Pain, Field::Effort};
    if (asksLegs(exercise)) {
        fields.push_back(Field::Leg);
    }
    return fields;
}

void FeedbackScreen::resize(sf::Vector2f size) {
    m_size = size;
    const float width = size.x - 2 * kPad;
    m_intro = wrapText(tr("For each exercise: pain during it (0 = none, 10 = the worst), how hard "
                          "it was (0 = nothing at all, 3 = moderate, 5 = hard, 10 = maximal), and "
                          "for the back and hips: did pain, numbness or tingling in your leg "
                          "change?"),
                       m_fonts.regular, typeSize::small, width * 0.97f);
    // The buttons at the bottom, and a failed save's reason above them.
    const float buttonWidth = std::min(320.f, width / 2 - 12.f);
    m_sameForAll = Hit{{kPad, size.y - kPad - 64.f, buttonWidth, 64.f}};
    m_save = Hit{{size.x - kPad - buttonWidth, size.y - kPad - 64.f, buttonWidth, 64.f}};
    m_errorLines = wrapText(m_error, m_fonts.bold, typeSize::small, width * 0.97f);
    const float errorHeight =
        m_errorLines.empty() ? 0.f : 24.f * static_cast<float>(m_errorLines.size()) + 8.f;
    const float top = 74.f + 24.f * static_cast<float>(m_intro.size()) + 16.f;
    m_list.setArea({kPad, top, width, std::max(100.f, m_save.rect.top - 16.f - errorHeight - top)});
    const float inner = width - ScrollArea::kBarWidth - 8.f;
    // The question's name beside its buttons, or above them when that leaves them too small.
    float label = 0.f;
    for (const char* name : {tr("Pain"), tr("Effort"), tr("Leg?")}) {
        label = std::max(label, textWidth(utf8(name), m_fonts.bold, typeSize::small) + 16.f);
    }
    // Pain and effort side by side when there is room, else one above the other.
    const bool sideBySide = inner >= 1000.f;
    const float half = sideBySide ? (inner - 24.f) / 2 : inner;
    m_labelAbove = (half - label) / 11.f - 4.f < 36.f;
    m_labelWidth = m_labelAbove ? 0.f : label;
    const float labelLine = m_labelAbove ? 26.f : 0.f;
    const float line = kLine + labelLine;
    const float button = std::min(52.f, (half - m_labelWidth) / 11.f - 4.f);
    m_rows.clear();
    float y = 6.f;
    for (std::size_t e = 0; e < m_exercises.size(); ++e) {
        Row row;
        row.top = y;
        row.name = wrapText(m_exercises[e]->text(m_lang).name, m_fonts.bold, typeSize::body,
                            (inner - 16.f) * 0.97f);
        y += kName * static_cast<float>(row.name.size());
        for (int i = 0; i <= 10; ++i) {
            const float x = 8.f + m_labelWidth + static_cast<float>(i) * (button + 4.f);
            row.pain.push_back(Hit{{x, y + labelLine, button, kLine - 8.f}});
            const float ex = sideBySide ? x + half + 24.f : x;
            const float ey = sideBySide ? y : y + line;
            row.effort.push_back(Hit{{ex, ey + labelLine, button, kLine - 8.f}});
        }
        y += sideBySide ? line : 2 * line;
        if (asksLegs(e)) {
            // Four answers in a row when there is room, else two rows of two, else one a row.
            float widest = 0.f;
            for (const auto answer : kLegAnswers) {
                widest = std::max(
                    widest, textWidth(utf8(legLabel(answer)), m_fonts.regular, typeSize::small));
            }
            std::size_t perRow = sideBySide ? 4 : 2;
            while (perRow > 1 && (inner - 8.f - m_labelWidth) / static_cast<float>(perRow) - 6.f <
                                     widest + 24.f) {
                perRow /= 2;
            }
            const float legWidth = (inner - 8.f - m_labelWidth) / static_cast<float>(perRow) - 6.f;
            for (std::size_t i = 0; i < kLegAnswers.size(); ++i) {
                const float x =
                    8.f + m_labelWidth + static_cast<float>(i % perRow) * (legWidth + 6.f);
                const float rowTop = y + labelLine + static_cast<float>(i / perRow) * kLine;
                row.leg.push_back(Hit{{x, rowTop, legWidth, kLine - 8.f}});
            }
            y += labelLine + kLine * static_cast<float>(kLegAnswers.size() / perRow);
        }
        y += kGap;
        m_rows.push_back(std::move(row));
    }
    m_contentHeight = y;
    m_list.setContentHeight(y);
    keepFocusVisible();
}

void FeedbackScreen::choose(std::size_t exercise, Field field, int value) {
    auto& answer = m_answers.at(exercise);
    switch (field) {
    case Field::Pain:
        answer.pain = std::clamp(value, 0, 10);
        break;
    case Field::Effort:
        answer.effort = std::clamp(value, 0, 10);
        break;
    case Field::Leg:
        if (asksLegs(exercise)) {
            answer.leg = kLegAnswers.at(static_cast<std::size_t>(std::clamp(value, 0, 3)));
        }
        break;
    }
    m_focusExercise = exercise;
    m_focusField = field;
    m_focusButton = 0;
}

void FeedbackScreen::sameForAll() {
    if (m_answers.empty()) {
        return;
    }
    const Answer first = m_answers.front();
    for (std::size_t e = 1; e < m_answers.size(); ++e) {
        m_answers[e].pain = first.pain;
        m_answers[e].effort = first.effort;
        if (asksLegs(e) && asksLegs(0)) {
            m_answers[e].leg = first.leg;
        }
    }
}

void FeedbackScreen::save() {
    std::string outcome = tr("Thank you. Your session is recorded.");
    try {
        for (std::size_t e = 0; e < m_exercises.size(); ++e) {
            if (m_saved[e]) {
                continue; // stored before a later one failed: not twice
            }
            const auto& answer = m_answers[e];
            const core::Feedback f{m_date, m_exercises[e]->id, answer.pain, answer.effort,
                                   answer.leg};
            for (const auto& change : m_practice.feedback(f)) {
                outcome = core::reasonText(change, &m_practice.library(), m_practice.program());
            }
            m_saved[e] = true;
        }
    } catch (const std::exception& e) {
        m_error = fmt::format(fmt::runtime(tr("Your answers could not be saved ({}). They are "
                                              "kept here: press Save again in a moment.")),
                              e.what());
        resize(m_size); // room for the reason
        return;
    }
    m_done(outcome);
}

void FeedbackScreen::moveFocus(int step) {
    // Up and down through every question of every exercise, in reading order.
    const auto order = focusOrder();
    auto at = std::find(order.begin(), order.end(), focus());
    const auto index = at == order.end() ? 0 : static_cast<long>(at - order.begin());
    const long questions = static_cast<long>(order.size()) - (m_exercises.size() > 1 ? 2 : 1);
    const long next = std::clamp(index + step, 0L, questions - 1);
    setFocus(order[static_cast<std::size_t>(next)]);
}

std::vector<FeedbackScreen::Focus> FeedbackScreen::focusOrder() const {
    std::vector<Focus> order;
    for (std::size_t e = 0; e < m_exercises.size(); ++e) {
        for (auto field : fieldsOf(e)) {
            order.push_back({e, static_cast<int>(field)});
        }
    }
    if (m_exercises.size() > 1) {
        order.push_back({0, kSameForAll});
    }
    order.push_back({0, kSave});
    return order;
}

FeedbackScreen::Focus FeedbackScreen::focus() const {
    if (m_focusButton != 0) {
        return {0, m_focusButton};
    }
    return {m_focusExercise, static_cast<int>(m_focusField)};
}

void FeedbackScreen::setFocus(Focus focus) {
    if (focus.second >= kSameForAll) {
        m_focusButton = focus.second;
        return;
    }
    m_focusButton = 0;
    m_focusExercise = focus.first;
    m_focusField = static_cast<Field>(focus.second);
    keepFocusVisible();
}

void FeedbackScreen::keepFocusVisible() {
    if (m_rows.empty() || m_focusButton != 0) {
        return;
    }
    const auto& row = m_rows[std::min(m_focusExercise, m_rows.size() - 1)];
    const float bottom =
        m_focusExercise + 1 < m_rows.size() ? m_rows[m_focusExercise + 1].top : m_contentHeight;
    m_list.show(row.top, bottom);
}

void FeedbackScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        auto& answer = m_answers.at(m_focusExercise);
        const int current =
            m_focusField == Field::Pain     ? answer.pain.value_or(-1)
            : m_focusField == Field::Effort ? answer.effort.value_or(-1)
            : answer.leg
                ? static_cast<int>(std::find(kLegAnswers.begin(), kLegAnswers.end(), *answer.leg) -
                                   kLegAnswers.begin())
                : -1;
        const int top = m_focusField == Field::Leg ? 3 : 10;
        const bool onQuestion = m_focusButton == 0;
        if (key == sf::Keyboard::Tab) {
            if (const auto next = stepFocus(focusOrder(), std::optional<Focus>(focus()),
                                            event.key.shift ? -1 : 1)) {
                setFocus(*next);
            }
        } else if ((key == sf::Keyboard::Enter || key == sf::Keyboard::Space) &&
                   m_focusButton == kSameForAll) {
            sameForAll();
        } else if (key == sf::Keyboard::Enter ||
                   (key == sf::Keyboard::Space && m_focusButton == kSave)) {
            save();
        } else if (key == sf::Keyboard::Space) {
            // On a question Space chooses nothing; it does not page the list away from it.
        } else if (key == sf::Keyboard::Up) {
            moveFocus(onQuestion ? -1 : 0);
        } else if (key == sf::Keyboard::Down) {
            moveFocus(onQuestion ? 1 : 0);
        } else if (onQuestion && (key == sf::Keyboard::Left || key == sf::Keyboard::Right)) {
            const int step = key == sf::Keyboard::Right ? 1 : -1;
            choose(m_focusExercise, m_focusField,
                   std::clamp(current < 0 ? (step > 0 ? 0 : top) : current + step, 0, top));
        } else if (key == sf::Keyboard::A) {
            sameForAll();
        } else if (onQuestion && ((key >= sf::Keyboard::Num0 && key <= sf::Keyboard::Num9) ||
                                  (key >= sf::Keyboard::Numpad0 && key <= sf::Keyboard::Numpad9))) {
            const int digit = key >= sf::Keyboard::Numpad0
                                  ? static_cast<int>(key - sf::Keyboard::Numpad0)
                                  : static_cast<int>(key - sf::Keyboard::Num0);
            if (m_focusField == Field::Leg) {
                if (digit >= 1 && digit <= 4) {
                    choose(m_focusExercise, Field::Leg, digit - 1);
                    moveFocus(1);
                }
            } else {
                // "1" then "0" within the same field gives 10.
                const int value = current == 1 && digit == 0 ? 10 : digit;
                choose(m_focusExercise, m_focusField, value);
                if (value != 1) {
                    moveFocus(1);
                }
            }
        } else {
            (void)m_list.handleEvent(event);
        }
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        (void)m_list.handleEvent(event);
        return;
    }
    if (event.type != sf::Event::MouseButtonPressed ||
        event.mouseButton.button != sf::Mouse::Left) {
        return;
    }
    const sf::Vector2f at = clickPosition(event);
    if (m_save.contains(at)) {
        save();
        return;
    }
    if (m_exercises.size() > 1 && m_sameForAll.contains(at)) {
        sameForAll();
        return;
    }
    if (!m_list.area().contains(at)) {
        return;
    }
    const sf::Vector2f inside = m_list.toContent(at);
    for (std::size_t e = 0; e < m_rows.size(); ++e) {
        const auto& row = m_rows[e];
        for (std::size_t i = 0; i < row.pain.size(); ++i) {
            if (row.pain[i].contains(inside)) {
                choose(e, Field::Pain, static_cast<int>(i));
                return;
            }
            if (row.effort[i].contains(inside)) {
                choose(e, Field::Effort, static_cast<int>(i));
                return;
            }
        }
        for (std::size_t i = 0; i < row.leg.size(); ++i) {
            if (row.leg[i].contains(inside)) {
                choose(e, Field::Leg, static_cast<int>(i));
                return;
            }
        }
    }
}

void FeedbackScreen::draw(sf::RenderTarget& target) const {
    drawText(target, utf8(tr("How did it go?")), m_fonts.bold, typeSize::title, {kPad, 24.f},
             colour::text);
    float y = 74.f;
    for (const auto& line : m_intro) {
        drawText(target, line, m_fonts.regular, typeSize::small, {kPad, y}, colour::mutedText);
        y += 24.f;
    }
    const sf::FloatRect area = m_list.area();
    const sf::View saved = m_list.begin(target);
    for (std::size_t e = 0; e < m_rows.size(); ++e) {
        const auto& row = m_rows[e];
        const auto& answer = m_answers[e];
        float nameY = row.top;
        for (const auto& line : row.name) {
            drawText(target, line, m_fonts.bold, typeSize::body, {8.f, nameY}, colour::text);
            nameY += kName;
        }
        auto drawScale = [&](const std::vector<Hit>& hits, Field field, std::optional<int> value,
                             const char* label) {
            if (hits.empty()) {
                return;
            }
            // The box around every button of the scale (two rows for the legs when narrow).
            sf::FloatRect box = hits.front().rect;
            for (const auto& hit : hits) {
                const auto& r = hit.rect;
                const float right = std::max(box.left + box.width, r.left + r.width);
                const float bottom = std::max(box.top + box.height, r.top + r.height);
                box.left = std::min(box.left, r.left);
                box.top = std::min(box.top, r.top);
                box.width = right - box.left;
                box.height = bottom - box.top;
            }
            const bool focused =
                m_focusButton == 0 && m_focusExercise == e && m_focusField == field;
            const sf::Vector2f labelAt = m_labelAbove
                                             ? sf::Vector2f{box.left, box.top - 26.f}
                                             : sf::Vector2f{box.left - m_labelWidth, box.top + 8.f};
            drawText(target, utf8(label), focused ? m_fonts.bold : m_fonts.regular, typeSize::small,
                     labelAt, focused ? colour::accent : colour::mutedText);
            for (std::size_t i = 0; i < hits.size(); ++i) {
                const std::string text =
                    field == Field::Leg ? legLabel(kLegAnswers[i]) : std::to_string(i);
                drawButton(target, m_fonts, hits[i].rect, text, false,
                           value && *value == static_cast<int>(i), typeSize::small);
            }
            if (focused) { // the focus ring around the whole scale
                drawFocusRing(target, box);
            }
        };
        drawScale(row.pain, Field::Pain, answer.pain, tr("Pain"));
        drawScale(row.effort, Field::Effort, answer.effort, tr("Effort"));
        std::optional<int> leg;
        if (answer.leg) {
            leg = static_cast<int>(std::find(kLegAnswers.begin(), kLegAnswers.end(), *answer.leg) -
                                   kLegAnswers.begin());
        }
        drawScale(row.leg, Field::Leg, leg, tr("Leg?"));
    }
    m_list.end(target, saved);
    float ey = area.top + area.height + 8.f;
    for (const auto& line : m_errorLines) {
        drawText(target, line, m_fonts.bold, typeSize::small, {kPad, ey}, colour::text);
        ey += 24.f;
    }
    if (m_exercises.size() > 1) {
        drawButton(target, m_fonts, m_sameForAll.rect, std::string(tr("Same for all")) + "  (A)",
                   false);
        if (m_focusButton == kSameForAll) {
            drawFocusRing(target, m_sameForAll.rect);
        }
    }
    drawButton(target, m_fonts, m_save.rect, std::string(tr("Save")) + "  (Enter)", true);
    if (m_focusButton == kSave) {
        drawFocusRing(target, m_save.rect);
    }
}

} // namespace motus::app
