#pragma once
#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <filesystem>
#include <string>

namespace motus::app {

// A calm palette, safe for the common colour-vision deficiencies (Okabe & Ito's blue and
// orange for the two accents), with dark text on light ground.
namespace colour {
inline const sf::Color background{246, 244, 239};
inline const sf::Color panel{255, 255, 255};
inline const sf::Color panelBorder{220, 216, 208};
inline const sf::Color text{31, 41, 51};
inline const sf::Color mutedText{92, 102, 112};
inline const sf::Color accent{0, 114, 178}; // blue
inline const sf::Color accentText{255, 255, 255};
inline const sf::Color warning{230, 159, 0}; // orange
inline const sf::Color warningGround{253, 240, 214};
inline const sf::Color selection{222, 236, 247};
inline const sf::Color floor{170, 162, 150};
inline const sf::Color mat{214, 226, 214};
inline const sf::Color figureNear{38, 70, 101};
inline const sf::Color figureFar{126, 153, 178};
inline const sf::Color figureTrunk{58, 92, 125};
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
