#include "Theme.hpp"

#include "Widgets.hpp"
#include "core/I18n.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace motus::app {

Fonts Fonts::load(const std::filesystem::path& assetsDir) {
    const std::vector<std::filesystem::path> folders{assetsDir / "fonts",
                                                     "/usr/share/fonts/truetype/dejavu"};
    Fonts fonts;
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!std::filesystem::exists(folder / "DejaVuSans.ttf", ec)) {
            continue;
        }
        if (fonts.regular.loadFromFile((folder / "DejaVuSans.ttf").string()) &&
            fonts.bold.loadFromFile((folder / "DejaVuSans-Bold.ttf").string())) {
            return fonts;
        }
    }
    std::string where;
    for (const auto& folder : folders) {
        where += " " + folder.string();
    }
    throw std::runtime_error("cannot load the DejaVu Sans fonts (looked in" + where +
                             "); install the package fonts-dejavu-core");
}

void drawButton(sf::RenderTarget& target, const Fonts& fonts, sf::FloatRect rect,
                const std::string& label, bool primary, bool selected, unsigned size) {
    const bool filled = primary || selected;
    drawRoundedRect(target, rect, 10.f, filled ? colour::accent : colour::panel,
                    colour::controlBorder, filled ? 0.f : 1.5f);
    const sf::Font& font = primary ? fonts.bold : fonts.regular;
    const sf::String text = ellipsize(utf8(label), font, size, rect.width - 12.f);
    const float width = textWidth(text, font, size);
    const float lineHeight = static_cast<float>(size) * 1.35f;
    drawText(target, text, font, size,
             {rect.left + (rect.width - width) / 2, rect.top + (rect.height - lineHeight) / 2},
             filled ? colour::accentText : colour::text);
}

void drawBackButton(sf::RenderTarget& target, const Fonts& fonts) {
    drawButton(target, fonts, kBackButton, std::string("← ") + core::tr("Back"), false);
}

} // namespace motus::app
