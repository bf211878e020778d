#pragma once
// What the app tests do to a screen as a user would (a key, a click) and how they look at it
// (drawn offscreen at the window's size).
#include "app/Screen.hpp"
#include "app/Theme.hpp"

#include <SFML/Graphics.hpp>
#include <catch2/catch.hpp>

namespace motus::test {

inline void press(app::Screen& screen, sf::Keyboard::Key key, bool shift = false) {
    sf::Event event;
    event.type = sf::Event::KeyPressed;
    event.key = {key, false, false, shift, false};
    screen.handleEvent(event);
}

inline void clickAt(app::Screen& screen, float x, float y) {
    sf::Event event;
    event.type = sf::Event::MouseButtonPressed;
    event.mouseButton = {sf::Mouse::Left, static_cast<int>(x), static_cast<int>(y)};
    screen.handleEvent(event);
}

// A click in the middle of `rect`.
inline void clickAt(app::Screen& screen, sf::FloatRect rect) {
    clickAt(screen, rect.left + rect.width / 2, rect.top + rect.height / 2);
}

// The screen drawn on the background at 1280×800.
inline sf::Image drawn(const app::Screen& screen) {
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 800));
    texture.clear(app::colour::background);
    screen.draw(texture);
    texture.display();
    return texture.getTexture().copyToImage();
}

} // namespace motus::test
