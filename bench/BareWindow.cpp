// The yardstick for Motus's start-up (StartupBench.cpp): a bare SFML window, made as Motus makes
// its own (1280x800, 4x antialiasing, vertical sync), that draws one line of text in DejaVu Sans.
// With MOTUS_EXIT_AFTER_FIRST_FRAME set it prints "first frame: NS" (CLOCK_MONOTONIC in
// nanoseconds) on standard output once its first frame is displayed, and exits, as Motus does.
#include <SFML/Graphics.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

int main(int argc, char** argv) {
    const std::string fontPath =
        argc > 1 ? argv[1] : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    sf::Font font;
    if (!font.loadFromFile(fontPath)) {
        std::fprintf(stderr, "bare window: cannot load the font %s\n", fontPath.c_str());
        return 1;
    }
    const char* exitAfter = std::getenv("MOTUS_EXIT_AFTER_FIRST_FRAME");
    const bool exitAfterFirstFrame =
        exitAfter != nullptr && *exitAfter != '\0' && std::string(exitAfter) != "0";

    sf::ContextSettings settings;
    settings.antialiasingLevel = 4;
    sf::RenderWindow window(sf::VideoMode(1280, 800), "Bare window", sf::Style::Default, settings);
    window.setVerticalSyncEnabled(true);
    sf::Text text("Good morning. Today: 6 exercises, about 20 minutes.", font, 34);
    text.setPosition(60.f, 60.f);
    text.setFillColor(sf::Color(34, 40, 49));
    while (window.isOpen()) {
        sf::Event event;
        while (window.pollEvent(event)) {
            if (event.type == sf::Event::Closed) {
                window.close();
            }
        }
        if (!window.isOpen()) {
            break;
        }
        window.clear(sf::Color(247, 245, 240));
        window.draw(text);
        window.display();
        if (exitAfterFirstFrame) {
            timespec now{};
            clock_gettime(CLOCK_MONOTONIC, &now);
            std::printf("first frame: %lld\n",
                        static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec);
            std::fflush(stdout);
            window.close();
        }
    }
    return 0;
}
