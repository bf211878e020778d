// WCAG 2.1 contrast of both palettes, computed from the theme's numbers: text 4.5:1 on every
// ground it is drawn on (1.4.3), the outlines and marks that carry meaning 3:1 (1.4.11).
#include "app/Theme.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace motus;

namespace {

double channel(sf::Uint8 value) {
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(sf::Color colour) {
    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b);
}

double contrast(sf::Color a, sf::Color b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

using app::Palette;

struct Pair {
    const char* what;
    sf::Color Palette::*fore;
    sf::Color Palette::*ground;
};

// Every text colour on every ground the screens draw it on.
const std::vector<Pair> kText{
    {"text on the window", &Palette::text, &Palette::background},
    {"text on a panel", &Palette::text, &Palette::panel},
    {"text on a selected row", &Palette::text, &Palette::selection},
    {"text on a warning", &Palette::text, &Palette::warningGround},
    {"muted text on the window", &Palette::mutedText, &Palette::background},
    {"muted text on a panel", &Palette::mutedText, &Palette::panel},
    {"muted text on a selected row", &Palette::mutedText, &Palette::selection},
    {"muted text on a warning", &Palette::mutedText, &Palette::warningGround},
    {"a primary button's label", &Palette::accentText, &Palette::accent},
};

// Outlines and marks that tell what something is.
const std::vector<Pair> kNonText{
    {"a button's border on a panel", &Palette::controlBorder, &Palette::panel},
    {"a button's border on the window", &Palette::controlBorder, &Palette::background},
    {"a button's border on a selected row", &Palette::controlBorder, &Palette::selection},
    {"a primary button on the window", &Palette::accent, &Palette::background},
    {"a primary button on a panel", &Palette::accent, &Palette::panel},
    {"the focus and selection outline on a selected row", &Palette::accent, &Palette::selection},
    {"a done day on a panel", &Palette::accent, &Palette::panel},
    {"the forgiven ring on a panel", &Palette::warning, &Palette::panel},
    {"a missed day's outline on its ground", &Palette::warning, &Palette::warningGround},
    {"a warning's outline on the window", &Palette::warning, &Palette::background},
    {"a chart bar on a panel", &Palette::chartBar, &Palette::panel},
    {"a high-pain chart bar on a panel", &Palette::warning, &Palette::panel},
    {"the progress made on its track", &Palette::accent, &Palette::track},
    {"the progress track's outline on the window", &Palette::controlBorder, &Palette::background},
    {"the figure's near limbs on its frame", &Palette::figureNear, &Palette::panel},
    {"the figure's trunk on its frame", &Palette::figureTrunk, &Palette::panel},
    {"the figure's far limbs on its frame", &Palette::figureFar, &Palette::panel},
};

void check(const Palette& palette, const std::vector<Pair>& pairs, double least) {
    for (const auto& pair : pairs) {
        const double ratio = contrast(palette.*pair.fore, palette.*pair.ground);
        INFO(pair.what << ": " << ratio << ":1, needs " << least << ":1");
        CHECK(ratio >= least);
    }
}

} // namespace

TEST_CASE("the contrast formula gives WCAG's known values", "[contrast]") {
    CHECK(contrast(sf::Color::Black, sf::Color::White) == Approx(21.0));
    CHECK(contrast(sf::Color::White, sf::Color::White) == Approx(1.0));
    // #767676 on white is the lightest grey that passes 4.5:1.
    CHECK(contrast({118, 118, 118}, sf::Color::White) == Approx(4.54).margin(0.01));
    // The orange of the first palette failed 3:1 on white, as issue 10 measured.
    CHECK(contrast({230, 159, 0}, sf::Color::White) < 3.0);
}

TEST_CASE("the calm palette: text 4.5:1, meaningful marks 3:1", "[contrast]") {
    check(app::kCalmPalette, kText, 4.5);
    check(app::kCalmPalette, kNonText, 3.0);
}

TEST_CASE("the high-contrast palette: text 7:1, meaningful marks 4.5:1", "[contrast]") {
    // WCAG's enhanced level (1.4.6) for text, and more than the minimum for the rest.
    check(app::kHighContrastPalette, kText, 7.0);
    check(app::kHighContrastPalette, kNonText, 4.5);
    CHECK(app::kHighContrastPalette.background == sf::Color::White);
    CHECK(app::kHighContrastPalette.text == sf::Color::Black);
}

TEST_CASE("the palette in use follows the high-contrast setting", "[contrast]") {
    app::useHighContrast(true);
    CHECK(app::colour::text == sf::Color::Black);
    CHECK(app::colour::panelBorder == sf::Color::Black);
    app::useHighContrast(false);
    CHECK(app::colour::text == app::kCalmPalette.text);
    CHECK(app::colour::background == app::kCalmPalette.background);
}
