#pragma once
#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <filesystem>
#include <string>

namespace motus::app {

// The colours of every screen, by the role they play. Two palettes: the calm one, safe for the
// common colour-vision deficiencies (Okabe & Ito's blue and a darkened orange for the two
// accents), with dark text on light ground; and a high-contrast one (black on white, strong
// borders). Every pair drawn on each other meets WCAG 2.1: text 4.5:1, everything else that
// carries meaning 3:1 (tests/app/Contrast.test.cpp checks both palettes).
struct Palette {
    sf::Color background;    // the window
    sf::Color panel;         // panels, cards and outlined buttons
    sf::Color panelBorder;   // the frame of a panel (decoration: the panel ground tells it)
    sf::Color controlBorder; // the outline of a button or another control, 3:1
    sf::Color text;
    sf::Color mutedText;
    sf::Color accent; // primary buttons, done days, the focus, the progress made
    sf::Color accentText;
    sf::Color warning; // outlines of warnings, the forgiven and missed days, high pain
    sf::Color warningGround;
    sf::Color selection; // the ground of a selected row
    sf::Color track;     // the empty part of a progress bar (outlined by controlBorder)
    sf::Color chartBar;
    sf::Color floor;
    sf::Color mat;
    sf::Color figureNear;
    sf::Color figureFar;
    sf::Color figureTrunk;
};

inline const Palette kCalmPalette{
    .background{246, 244, 239},
    .panel{255, 255, 255},
    .panelBorder{220, 216, 208},
    .controlBorder{128, 124, 118},
    .text{31, 41, 51},
    .mutedText{92, 102, 112},
    .accent{0, 114, 178}, // Okabe-Ito blue
    .accentText{255, 255, 255},
    .warning{184, 110, 0}, // Okabe-Ito orange, darkened to 3:1 on white
    .warningGround{253, 240, 214},
    .selection{222, 236, 247},
    .track{222, 236, 247},
    .chartBar{0, 114, 178},
    .floor{170, 162, 150},
    .mat{214, 226, 214},
    .figureNear{38, 70, 101},
    .figureFar{112, 140, 166},
    .figureTrunk{58, 92, 125},
};

inline const Palette kHighContrastPalette{
    .background{255, 255, 255},
    .panel{255, 255, 255},
    .panelBorder{0, 0, 0},
    .controlBorder{0, 0, 0},
    .text{0, 0, 0},
    .mutedText{50, 50, 50},
    .accent{0, 75, 140},
    .accentText{255, 255, 255},
    .warning{150, 75, 0},
    .warningGround{255, 244, 224},
    .selection{210, 230, 250},
    .track{230, 230, 230},
    .chartBar{0, 75, 140},
    .floor{60, 60, 60},
    .mat{200, 215, 200},
    .figureNear{0, 0, 0},
    .figureFar{90, 90, 90},
    .figureTrunk{30, 30, 30},
};

// The palette in use; every screen reads it through the names in `colour`.
inline Palette activePalette = kCalmPalette;
// Chooses the palette: at start-up and when the setting changes.
inline void useHighContrast(bool on) {
    activePalette = on ? kHighContrastPalette : kCalmPalette;
}

namespace colour {
inline const sf::Color& background = activePalette.background;
inline const sf::Color& panel = activePalette.panel;
inline const sf::Color& panelBorder = activePalette.panelBorder;
inline const sf::Color& controlBorder = activePalette.controlBorder;
inline const sf::Color& text = activePalette.text;
inline const sf::Color& mutedText = activePalette.mutedText;
inline const sf::Color& accent = activePalette.accent;
inline const sf::Color& accentText = activePalette.accentText;
inline const sf::Color& warning = activePalette.warning;
inline const sf::Color& warningGround = activePalette.warningGround;
inline const sf::Color& selection = activePalette.selection;
inline const sf::Color& track = activePalette.track;
inline const sf::Color& chartBar = activePalette.chartBar;
inline const sf::Color& floor = activePalette.floor;
inline const sf::Color& mat = activePalette.mat;
inline const sf::Color& figureNear = activePalette.figureNear;
inline const sf::Color& figureFar = activePalette.figureFar;
inline const sf::Color& figureTrunk = activePalette.figureTrunk;
} // namespace colour

// Type sizes in pixels, chosen to be readable from two metres on a laptop screen.
namespace typeSize {
inline constexpr unsigned title = 34;
inline constexpr unsigned heading = 26;
inline constexpr unsigned body = 22;
inline constexpr unsigned small = 18;
} // namespace typeSize

struct Fonts {
    sf::Font regular;
    sf::Font bold;

    // Loads DejaVu Sans from the app's assets, else from the system's fonts-dejavu-core.
    // Throws std::runtime_error naming the places it looked.
    [[nodiscard]] static Fonts load(const std::filesystem::path& assetsDir);
};

// A button: filled with the accent when primary or selected, outlined otherwise; the label
// centred in `size` type.
void drawButton(sf::RenderTarget& target, const Fonts& fonts, sf::FloatRect rect,
                const std::string& label, bool primary, bool selected = false,
                unsigned size = typeSize::body);

// Every sub-screen's way back for the mouse: a "← Back" button at the top left, before the
// title (which starts kBackButtonSpace further right). Esc does the same from the keyboard.
inline const sf::FloatRect kBackButton{28.f, 18.f, 150.f, 48.f};
inline constexpr float kBackButtonSpace = 170.f;
void drawBackButton(sf::RenderTarget& target, const Fonts& fonts);

} // namespace motus::app
