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
    m_area = {kPad, 170.f, width, size.y - 170.f - kPad - 80.f};
    m_labelWidth = std::min(150.f, width * 0.16f);
    // Pain and effort side by side when there is room, else one above the other.
    const bool sideBySide = width >= 1000.f;
    const float half = sideBySide ? (width - 24.f) / 2 : width;
    const float button = std::min(52.f, (half - m_labelWidth) / 11.f - 4.f);
    m_rows.clear();
    float y = 0.f;
    for (std::size_t e = 0; e < m_exercises.size(); ++e) {
        Row row;
        row.top = y;
        y += kName;
        for (int i = 0; i <= 10; ++i) {
            const float x = m_labelWidth + static_cast<float>(i) * (button + 4.f);
            row.pain.push_back(Hit{{x, y, button, kLine - 8.f}});
            const float ex = sideBySide ? x + half + 24.f : x;
            const float ey = sideBySide ? y : y + kLine;
            row.effort.push_back(Hit{{ex, ey, button, kLine - 8.f}});
        }
        y += sideBySide ? kLine : 2 * kLine;
        if (asksLegs(e)) {
            // Four answers in a row when there is room, else two rows of two.
            const std::size_t perRow = sideBySide ? 4 : 2;
            const float legWidth = (width - m_labelWidth) / static_cast<float>(perRow) - 6.f;
            for (std::size_t i = 0; i < kLegAnswers.size(); ++i) {
                const float x = m_labelWidth + static_cast<float>(i % perRow) * (legWidth + 6.f);
                const float top = y + static_cast<float>(i / perRow) * kLine;
                row.leg.push_back(Hit{{x, top, legWidth, kLine - 8.f}});
            }
            y += kLine * static_cast<float>(kLegAnswers.size() / perRow);
        }
        y += kGap;
        m_rows.push_back(std::move(row));
    }
    m_contentHeight = y;
    m_sameForAll = Hit{{kPad, size.y - kPad - 64.f, std::min(320.f, width / 2 - 12.f), 64.f}};
    m_save = Hit{{size.x - kPad - std::min(320.f, width / 2 - 12.f), size.y - kPad - 64.f,
                  std::min(320.f, width / 2 - 12.f), 64.f}};
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
        return;
    }
    m_done(outcome);
}

void FeedbackScreen::moveFocus(int step) {
    // Through every field of every exercise, in reading order.
    std::vector<std::pair<std::size_t, Field>> order;
    for (std::size_t e = 0; e < m_exercises.size(); ++e) {
        for (auto field : fieldsOf(e)) {
            order.emplace_back(e, field);
        }
    }
    auto at = std::find(order.begin(), order.end(), std::make_pair(m_focusExercise, m_focusField));
    const auto index = at == order.end() ? 0 : static_cast<long>(at - order.begin());
    const long next = std::clamp(index + step, 0L, static_cast<long>(order.size()) - 1);
    m_focusExercise = order[static_cast<std::size_t>(next)].first;
    m_focusField = order[static_cast<std::size_t>(next)].second;
    keepFocusVisible();
}

void FeedbackScreen::keepFocusVisible() {
    if (m_rows.empty()) {
        return;
    }
    const auto& row = m_rows[std::min(m_focusExercise, m_rows.size() - 1)];
    const float bottom =
        m_focusExercise + 1 < m_rows.size() ? m_rows[m_focusExercise + 1].top : m_contentHeight;
    if (row.top < m_scroll) {
        m_scroll = row.top;
    } else if (bottom - m_scroll > m_area.height) {
        m_scroll = bottom - m_area.height;
    }
    m_scroll = std::clamp(m_scroll, 0.f, std::max(0.f, m_contentHeight - m_area.height));
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
        if (key == sf::Keyboard::Enter) {
            save();
        } else if (key == sf::Keyboard::Up || (key == sf::Keyboard::Tab && event.key.shift)) {
            moveFocus(-1);
        } else if (key == sf::Keyboard::Down || key == sf::Keyboard::Tab) {
            moveFocus(1);
        } else if (key == sf::Keyboard::Left || key == sf::Keyboard::Right) {
            const int step = key == sf::Keyboard::Right ? 1 : -1;
            choose(m_focusExercise, m_focusField,
                   std::clamp(current < 0 ? (step > 0 ? 0 : top) : current + step, 0, top));
        } else if (key == sf::Keyboard::A) {
            sameForAll();
        } else if ((key >= sf::Keyboard::Num0 && key <= sf::Keyboard::Num9) ||
                   (key >= sf::Keyboard::Numpad0 && key <= sf::Keyboard::Numpad9)) {
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
        }
        return;
    }
    if (event.type == sf::Event::MouseWheelScrolled) {
        m_scroll = std::clamp(m_scroll - event.mouseWheelScroll.delta * 40.f, 0.f,
                              std::max(0.f, m_contentHeight - m_area.height));
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
    if (m_sameForAll.contains(at)) {
        sameForAll();
        return;
    }
    if (!m_area.contains(at)) {
        return;
    }
    const sf::Vector2f inside{at.x - m_area.left, at.y - m_area.top + m_scroll};
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
    for (const auto& line :
         wrapText(tr("For each exercise: pain during it (0 = none, 10 = the worst), how hard it "
                     "was (0 = nothing at all, 3 = moderate, 5 = hard, 10 = maximal), and for the "
                     "back and hips: did pain, numbness or tingling in your leg change?"),
                  m_fonts.regular, typeSize::small, m_size.x - 2 * kPad)) {
        drawText(target, line, m_fonts.regular, typeSize::small, {kPad, y}, colour::mutedText);
        y += 24.f;
    }
    const float top = m_area.top - m_scroll;
    const sf::Vector2f origin{m_area.left, top};
    auto shifted = [&](const Hit& hit) {
        return sf::FloatRect{hit.rect.left + origin.x, hit.rect.top + origin.y, hit.rect.width,
                             hit.rect.height};
    };
    auto visible = [&](const sf::FloatRect& r) {
        return r.top >= m_area.top - 1.f && r.top + r.height <= m_area.top + m_area.height + 1.f;
    };
    for (std::size_t e = 0; e < m_rows.size(); ++e) {
        const auto& row = m_rows[e];
        const auto& answer = m_answers[e];
        const sf::Vector2f namePos{origin.x, origin.y + row.top};
        if (namePos.y >= m_area.top - 1.f && namePos.y + kName <= m_area.top + m_area.height) {
            drawText(target,
                     ellipsize(utf8(m_exercises[e]->text(m_lang).name), m_fonts.bold,
                               typeSize::body, m_area.width),
                     m_fonts.bold, typeSize::body, namePos, colour::text);
        }
        auto drawScale = [&](const std::vector<Hit>& hits, Field field, std::optional<int> value,
                             const char* label) {
            if (hits.empty()) {
                return;
            }
            // The box around every button of the scale (two rows for the legs when narrow).
            sf::FloatRect box = shifted(hits.front());
            for (const auto& hit : hits) {
                const auto r = shifted(hit);
                const float right = std::max(box.left + box.width, r.left + r.width);
                const float bottom = std::max(box.top + box.height, r.top + r.height);
                box.left = std::min(box.left, r.left);
                box.top = std::min(box.top, r.top);
                box.width = right - box.left;
                box.height = bottom - box.top;
            }
            if (!visible(box)) {
                return;
            }
            const bool focused = m_focusExercise == e && m_focusField == field;
            const auto first = shifted(hits.front());
            drawText(
                target, utf8(label), focused ? m_fonts.bold : m_fonts.regular, typeSize::small,
                {first.left - m_labelWidth + (field == Field::Effort ? 0.f : 0.f), first.top + 8.f},
                focused ? colour::accent : colour::mutedText);
            for (std::size_t i = 0; i < hits.size(); ++i) {
                const std::string text =
                    field == Field::Leg ? legLabel(kLegAnswers[i]) : std::to_string(i);
                drawButton(target, m_fonts, shifted(hits[i]), text, false,
                           value && *value == static_cast<int>(i), typeSize::small);
            }
            if (focused) { // the focus ring around the whole scale
                drawRoundedRect(target,
                                {box.left - 6.f, box.top - 4.f, box.width + 12.f, box.height + 8.f},
                                12.f, sf::Color::Transparent, colour::accent, 3.f);
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
    if (m_contentHeight > m_area.height) {
        // A scroll bar: the rows continue below (or above).
        const float share = m_area.height / m_contentHeight;
        const float thumb = std::max(30.f, m_area.height * share);
        const float at =
            m_area.top +
            (m_area.height - thumb) * (m_scroll / std::max(1.f, m_contentHeight - m_area.height));
        drawRoundedRect(target, {m_size.x - 14.f, m_area.top, 6.f, m_area.height}, 3.f,
                        colour::panelBorder);
        drawRoundedRect(target, {m_size.x - 14.f, at, 6.f, thumb}, 3.f, colour::mutedText);
    }
    if (!m_error.empty()) {
        float ey = m_save.rect.top - 60.f;
        for (const auto& line :
             wrapText(m_error, m_fonts.bold, typeSize::small, m_size.x - 2 * kPad)) {
            drawText(target, line, m_fonts.bold, typeSize::small, {kPad, ey}, colour::text);
            ey += 24.f;
        }
    }
    if (m_exercises.size() > 1) {
        drawButton(target, m_fonts, m_sameForAll.rect, std::string(tr("Same for all")) + "  (A)",
                   false);
    }
    drawButton(target, m_fonts, m_save.rect, std::string(tr("Save")) + "  (Enter)", true);
}

} // namespace motus::app
