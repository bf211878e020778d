#include "Widgets.hpp"

#include "LayoutAudit.hpp"
#include "Theme.hpp"

#include <algorithm>
#include <cmath>

namespace motus::app {

sf::String utf8(const std::string& text) {
    return sf::String::fromUtf8(text.begin(), text.end());
}

sf::String ellipsize(const sf::String& text, const sf::Font& font, unsigned size, float width) {
    if (textWidth(text, font, size) <= width) {
        return text;
    }
    sf::String cut = text;
    while (!cut.isEmpty() && textWidth(cut + sf::String(L"…"), font, size) > width) {
        cut.erase(cut.getSize() - 1);
    }
    return cut + sf::String(L"…");
}

float textWidth(const sf::String& text, const sf::Font& font, unsigned size) {
    sf::Text measure(text, font, size);
    return measure.getLocalBounds().width;
}

std::vector<sf::String> wrapText(const std::string& text, const sf::Font& font, unsigned size,
                                 float width) {
    std::vector<sf::String> lines;
    const sf::String all = utf8(text);
    sf::String line;
    sf::String word;
    auto flushWord = [&]() {
        if (word.isEmpty()) {
            return;
        }
        sf::String candidate = line.isEmpty() ? word : line + sf::String(" ") + word;
        if (!line.isEmpty() && textWidth(candidate, font, size) > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        word.clear();
    };
    for (std::size_t i = 0; i < all.getSize(); ++i) {
        const sf::Uint32 c = all[i];
        if (c == ' ' || c == '\n') {
            flushWord();
            if (c == '\n') {
                lines.push_back(line);
                line.clear();
            }
        } else {
            word += c;
        }
    }
    flushWord();
    if (!line.isEmpty()) {
        lines.push_back(line);
    }
    // A word longer than a line (a file's path) is broken where it reaches the edge, after a
    // "/" when there is one in its second half.
    std::vector<sf::String> fitted;
    for (sf::String rest : lines) {
        while (textWidth(rest, font, size) > width && rest.getSize() > 1) {
            std::size_t fits = 1;
            while (fits < rest.getSize() &&
                   textWidth(rest.substring(0, fits + 1), font, size) <= width) {
                ++fits;
            }
            std::size_t cut = fits;
            for (std::size_t i = fits; i > fits / 2; --i) {
                if (rest[i - 1] == '/') {
                    cut = i;
                    break;
                }
            }
            fitted.push_back(rest.substring(0, cut));
            rest = rest.substring(cut);
        }
        fitted.push_back(rest);
    }
    return fitted;
}

std::vector<PlacedText> flowParts(const std::string& text, const sf::Font& font, unsigned size,
                                  float width, float lineHeight) {
    std::vector<PlacedText> placed;
    const float gap = static_cast<float>(size) * 1.5f;
    float x = 0.f;
    float y = 0.f;
    std::size_t from = 0;
    while (from < text.size()) {
        const std::size_t end = std::min(text.find("   ", from), text.size());
        const std::string part = text.substr(from, end - from);
        from = text.find_first_not_of(' ', end);
        from = from == std::string::npos ? text.size() : from;
        if (part.empty()) {
            continue;
        }
        const float partWidth = textWidth(utf8(part), font, size);
        if (x > 0.f && x + partWidth > width) {
            x = 0.f;
            y += lineHeight;
        }
        if (partWidth > width) { // longer than a row: wrapped at its spaces
            for (auto& line : wrapText(part, font, size, width)) {
                placed.push_back({std::move(line), {0.f, y}});
                y += lineHeight;
            }
            y -= lineHeight;
            x = width; // the next part on a row of its own
            continue;
        }
        placed.push_back({utf8(part), {x, y}});
        x += partWidth + gap;
    }
    return placed;
}

void drawText(sf::RenderTarget& target, const sf::String& text, const sf::Font& font, unsigned size,
              sf::Vector2f position, sf::Color colour) {
    // Under a view that enlarges (the text-size setting), the glyphs are made at the size they
    // appear on screen and drawn back down, so that large text stays sharp.
    const sf::View& view = target.getView();
    const float ratio = static_cast<float>(target.getSize().x) * view.getViewport().width /
                        std::max(1.f, view.getSize().x);
    if (ratio > 1.01f) {
        sf::Text drawable(text, font,
                          static_cast<unsigned>(std::lround(static_cast<float>(size) * ratio)));
        drawable.setFillColor(colour);
        drawable.setScale(1.f / ratio, 1.f / ratio);
        drawable.setPosition(std::round(position.x * ratio) / ratio,
                             std::round(position.y * ratio) / ratio);
        target.draw(drawable);
        if (activeAudit != nullptr) {
            const auto utf8Text = text.toUtf8();
            activeAudit->add(target, drawable.getGlobalBounds(), true,
                             std::string(utf8Text.begin(), utf8Text.end()));
        }
        return;
    }
    sf::Text drawable(text, font, size);
    drawable.setFillColor(colour);
    drawable.setPosition(std::round(position.x), std::round(position.y));
    target.draw(drawable);
    if (activeAudit != nullptr) {
        const auto utf8Text = text.toUtf8();
        activeAudit->add(target, drawable.getGlobalBounds(), true,
                         std::string(utf8Text.begin(), utf8Text.end()));
    }
}

namespace {
// The focus ring lies around its control on purpose: the layout check passes over it.
bool g_drawingFocusRing = false;
} // namespace

void drawRoundedRect(sf::RenderTarget& target, sf::FloatRect rect, float radius, sf::Color fill,
                     sf::Color outline, float outlineThickness) {
    constexpr int kCornerPoints = 6;
    sf::ConvexShape shape(4 * kCornerPoints);
    radius = std::min({radius, rect.width / 2, rect.height / 2});
    const sf::Vector2f centres[4] = {
        {rect.left + rect.width - radius, rect.top + radius},
        {rect.left + rect.width - radius, rect.top + rect.height - radius},
        {rect.left + radius, rect.top + rect.height - radius},
        {rect.left + radius, rect.top + radius}};
    std::size_t index = 0;
    for (int corner = 0; corner < 4; ++corner) {
        for (int k = 0; k < kCornerPoints; ++k) {
            const float angle = static_cast<float>(-M_PI / 2 + M_PI / 2 * corner +
                                                   M_PI / 2 * k / (kCornerPoints - 1));
            shape.setPoint(index++, {centres[corner].x + radius * std::cos(angle),
                                     centres[corner].y + radius * std::sin(angle)});
        }
    }
    shape.setFillColor(fill);
    shape.setOutlineColor(outline);
    shape.setOutlineThickness(outlineThickness);
    target.draw(shape);
    if (activeAudit != nullptr && !g_drawingFocusRing &&
        (fill.a > 0 || (outline.a > 0 && outlineThickness > 0.f))) {
        activeAudit->add(target, rect, false, "box");
    }
}

void drawFocusRing(sf::RenderTarget& target, sf::FloatRect rect) {
    g_drawingFocusRing = true;
    drawRoundedRect(target, {rect.left - 4.f, rect.top - 4.f, rect.width + 8.f, rect.height + 8.f},
                    12.f, sf::Color::Transparent, colour::accent, 3.f);
    g_drawingFocusRing = false;
}

std::optional<float> scrollStep(sf::Keyboard::Key key, float page, float content) {
    switch (key) {
    case sf::Keyboard::Down:
        return 40.f;
    case sf::Keyboard::Up:
        return -40.f;
    case sf::Keyboard::PageDown:
    case sf::Keyboard::Space:
        return page * 0.8f;
    case sf::Keyboard::PageUp:
        return -page * 0.8f;
    case sf::Keyboard::Home:
        return -content;
    case sf::Keyboard::End:
        return content;
    default:
        return std::nullopt;
    }
}

void ScrollArea::setArea(sf::FloatRect area) {
    m_area = area;
    scrollBy(0.f);
}

void ScrollArea::setContentHeight(float height) {
    m_content = height;
    scrollBy(0.f);
}

void ScrollArea::scrollBy(float pixels) {
    m_offset = std::clamp(m_offset + pixels, 0.f, std::max(0.f, m_content - m_area.height));
}

void ScrollArea::show(float top, float bottom) {
    if (bottom - m_offset > m_area.height) {
        scrollBy(bottom - m_offset - m_area.height);
    }
    if (top < m_offset) {
        scrollBy(top - m_offset);
    }
}

bool ScrollArea::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::KeyPressed) {
        if (const auto step = scrollStep(event.key.code, m_area.height, m_content)) {
            scrollBy(*step);
            return true;
        }
    } else if (event.type == sf::Event::MouseWheelScrolled &&
               m_area.contains(static_cast<float>(event.mouseWheelScroll.x),
                               static_cast<float>(event.mouseWheelScroll.y))) {
        scrollBy(-event.mouseWheelScroll.delta * 60.f);
        return true;
    }
    return false;
}

sf::View ScrollArea::begin(sf::RenderTarget& target) const {
    const sf::View saved = target.getView();
    // The panel's part of the window, as a viewport of the view in use (which may be scaled by
    // the text size).
    const sf::Vector2f size = saved.getSize();
    const sf::Vector2f corner = saved.getCenter() - size / 2.f;
    const sf::FloatRect port = saved.getViewport();
    sf::View clip({0.f, m_offset, m_area.width, m_area.height});
    clip.setViewport({port.left + port.width * (m_area.left - corner.x) / size.x,
                      port.top + port.height * (m_area.top - corner.y) / size.y,
                      port.width * m_area.width / size.x, port.height * m_area.height / size.y});
    target.setView(clip);
    return saved;
}

void ScrollArea::end(sf::RenderTarget& target, const sf::View& saved) const {
    target.setView(saved);
    if (!scrolls()) {
        return;
    }
    const sf::FloatRect track{m_area.left + m_area.width - kBarWidth + 2.f, m_area.top,
                              kBarWidth - 4.f, m_area.height};
    drawRoundedRect(target, track, 3.f, colour::track, colour::controlBorder, 1.f);
    const float thumb = std::max(30.f, m_area.height * m_area.height / m_content);
    const float at =
        m_area.top + (m_area.height - thumb) * m_offset / std::max(1.f, m_content - m_area.height);
    drawRoundedRect(target, {track.left, at, track.width, thumb}, 3.f, colour::mutedText);
}

void drawTooltip(sf::RenderTarget& target, const sf::Font& font, const std::string& text,
                 sf::FloatRect anchor, sf::Vector2f size) {
    beginOverlay();
    const float maxWidth = std::min(size.x - 24.f, 560.f);
    const auto lines = wrapText(text, font, typeSize::small, maxWidth - 24.f);
    float width = 0.f;
    for (const auto& line : lines) {
        width = std::max(width, textWidth(line, font, typeSize::small));
    }
    const float lineHeight = static_cast<float>(typeSize::small) * 1.35f;
    const sf::Vector2f box{width + 24.f, lineHeight * static_cast<float>(lines.size()) + 16.f};
    float x = std::clamp(anchor.left, 12.f, std::max(12.f, size.x - box.x - 12.f));
    float y = anchor.top + anchor.height + 6.f;
    if (y + box.y > size.y - 6.f) {
        y = std::max(6.f, anchor.top - box.y - 6.f);
    }
    drawRoundedRect(target, {x, y, box.x, box.y}, 6.f, colour::text);
    y += 8.f;
    for (const auto& line : lines) {
        drawText(target, line, font, typeSize::small, {x + 12.f, y}, colour::panel);
        y += lineHeight;
    }
}

void ScreenHeader::layout(const std::string& title, const sf::Font& bold, float width) {
    // (Enlarged type comes out up to 3 % wider than measured.)
    const float room =
        std::max(160.f, (width - kBackButton.left - kBackButtonSpace - 28.f) * 0.97f);
    type = typeSize::title;
    lines = wrapText(title, bold, type, room);
    if (lines.size() > 2 || (lines.size() > 1 && width < 900.f)) { // room for the content
        type = typeSize::heading;
        lines = wrapText(title, bold, type, room);
    }
    const float lineHeight = static_cast<float>(type) * 1.3f;
    bottom = std::max(kBackButton.top + kBackButton.height,
                      22.f + lineHeight * static_cast<float>(lines.size())) +
             14.f;
}

void ScreenHeader::layout(const std::string& title, const Fonts& fonts, float width,
                          const std::string& keyHints) {
    layout(title, fonts.bold, width);
    const float lineHeight = static_cast<float>(type) * 1.3f;
    const float titleTop = lines.size() > 1 ? 16.f : 22.f;
    m_keysTop = titleTop + lineHeight * static_cast<float>(lines.size()) + 2.f;
    const float smallLine = static_cast<float>(typeSize::small) * 1.45f;
    const float room =
        std::max(160.f, (width - kBackButton.left - kBackButtonSpace - 28.f) * 0.97f);
    keys = keyHints.empty() ? std::vector<PlacedText>{}
                            : flowParts(keyHints, fonts.regular, typeSize::small, room, smallLine);
    if (!keys.empty()) {
        bottom = std::max(bottom, m_keysTop + keys.back().at.y + smallLine + 14.f);
    }
}

void ScreenHeader::draw(sf::RenderTarget& target, const Fonts& fonts, bool backFocused) const {
    drawBackButton(target, fonts);
    if (backFocused) {
        drawFocusRing(target, kBackButton);
    }
    const float lineHeight = static_cast<float>(type) * 1.3f;
    // One line sits level with the Back button; more start a little higher.
    float y = lines.size() > 1 ? 16.f : 22.f;
    for (const auto& line : lines) {
        drawText(target, line, fonts.bold, type, {kBackButton.left + kBackButtonSpace, y},
                 colour::text);
        y += lineHeight;
    }
    for (const auto& part : keys) {
        drawText(target, part.text, fonts.regular, typeSize::small,
                 {kBackButton.left + kBackButtonSpace + part.at.x, m_keysTop + part.at.y},
                 colour::mutedText);
    }
}

sf::Vector2f clickPosition(const sf::Event& event) {
    return {static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
}

TextField::TextField(const std::string& text, std::size_t maxChars) : m_max(maxChars) {
    setText(text);
}

std::string TextField::text() const {
    const auto bytes = m_text.toUtf8();
    return std::string(bytes.begin(), bytes.end());
}

void TextField::setText(const std::string& text) {
    m_text = utf8(text);
    if (m_text.getSize() > m_max) {
        m_text = m_text.substring(0, m_max);
    }
    m_cursor = m_text.getSize();
}

bool TextField::handleEvent(const sf::Event& event, bool* moved) {
    if (event.type == sf::Event::TextEntered) {
        const sf::Uint32 c = event.text.unicode;
        // Control characters (Tab, Enter, Backspace, Esc, Delete) are keys, not text.
        if (c < 32 || c == 127 || (c >= 0x80 && c < 0xA0) || m_text.getSize() >= m_max) {
            return false;
        }
        m_text.insert(m_cursor, sf::String(c));
        ++m_cursor;
        return true;
    }
    if (event.type != sf::Event::KeyPressed) {
        return false;
    }
    const std::size_t before = m_cursor;
    switch (event.key.code) {
    case sf::Keyboard::BackSpace:
        if (m_cursor > 0) {
            m_text.erase(--m_cursor);
            return true;
        }
        return false;
    case sf::Keyboard::Delete:
        if (m_cursor < m_text.getSize()) {
            m_text.erase(m_cursor);
            return true;
        }
        return false;
    case sf::Keyboard::Left:
        m_cursor = m_cursor > 0 ? m_cursor - 1 : 0;
        break;
    case sf::Keyboard::Right:
        m_cursor = std::min(m_text.getSize(), m_cursor + 1);
        break;
    case sf::Keyboard::Home:
        m_cursor = 0;
        break;
    case sf::Keyboard::End:
        m_cursor = m_text.getSize();
        break;
    default:
        break;
    }
    if (moved != nullptr) {
        *moved = m_cursor != before;
    }
    return false;
}

void TextField::draw(sf::RenderTarget& target, const sf::Font& font, unsigned size,
                     sf::FloatRect rect, bool focused, const std::string& placeholder) const {
    drawRoundedRect(target, rect, 8.f, colour::panel,
                    focused ? colour::accent : colour::panelBorder, focused ? 3.f : 1.5f);
    const float pad = 12.f;
    const float inner = rect.width - 2 * pad;
    const float lineHeight = static_cast<float>(size) * 1.35f;
    const float y = rect.top + (rect.height - lineHeight) / 2;
    if (m_text.isEmpty()) {
        drawText(target, ellipsize(utf8(placeholder), font, size, inner), font, size,
                 {rect.left + pad + (focused ? 6.f : 0.f), y}, colour::mutedText);
        if (focused) {
            sf::RectangleShape caret({2.f, lineHeight});
            caret.setPosition(rect.left + pad, y);
            caret.setFillColor(colour::text);
            target.draw(caret);
        }
        return;
    }
    // Shows the end of a long text, or the part around the cursor.
    std::size_t first = 0;
    while (first < m_cursor &&
           textWidth(m_text.substring(first, m_cursor - first), font, size) > inner - 4.f) {
        ++first;
    }
    sf::String shown = m_text.substring(first);
    while (!shown.isEmpty() && textWidth(shown, font, size) > inner) {
        shown.erase(shown.getSize() - 1);
    }
    drawText(target, shown, font, size, {rect.left + pad, y}, colour::text);
    if (focused) {
        const float x =
            rect.left + pad + textWidth(m_text.substring(first, m_cursor - first), font, size);
        sf::RectangleShape caret({2.f, lineHeight});
        caret.setPosition(x, y);
        caret.setFillColor(colour::text);
        target.draw(caret);
    }
}

} // namespace motus::app
