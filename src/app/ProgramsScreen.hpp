#pragma once
#include "Screen.hpp"
#include "Theme.hpp"
#include "Widgets.hpp"
#include "core/Program.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace motus::app {

// The bundled programs, to start one from the window; "Open a program file…" (when set) opens a
// therapist's own program file through its preview.
class ProgramsScreen final : public Screen {
public:
    struct Entry {
        core::Program program;
        std::filesystem::path file;
    };

    ProgramsScreen(std::vector<Entry> programs, const Fonts& fonts, std::string lang,
                   std::function<void(const Entry&)> start, std::function<void()> back);

    void handleEvent(const sf::Event& event) override;
    void update(sf::Time) override {}
    void draw(sf::RenderTarget& target) const override;
    void resize(sf::Vector2f size) override;

    [[nodiscard]] std::size_t selected() const { return m_selected; }
    // "Open a program file…" (O): a therapist's own program, through its preview.
    void setOpenFileAction(std::function<void()> action) {
        m_openFile = std::move(action);
        resize(m_size);
    }
    [[nodiscard]] sf::FloatRect openFileButton() const { return m_openFileButton.rect; }

private:
    std::vector<Entry> m_programs;
    const Fonts& m_fonts;
    std::string m_lang;
    std::function<void(const Entry&)> m_start;
    std::function<void()> m_back;
    std::size_t m_selected = 0;
    sf::Vector2f m_size{1280.f, 800.f};
    std::vector<Hit> m_rows;
    Hit m_startButton;
    std::function<void()> m_openFile;
    Hit m_openFileButton;
    unsigned m_buttonType = typeSize::body;
};

} // namespace motus::app
