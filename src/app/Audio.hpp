#pragma once
#include "core/Settings.hpp"

#include <SFML/Audio.hpp>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace motus::app {

// The player's sound preferences are the sound part of the settings file (core::Settings).
using core::SoundSettings;

// Keeps the sound preferences in the settings file (service::settingsPath), leaving the other
// settings as they are; false when the file cannot be written.
bool saveSoundSettings(const SoundSettings& sound);

enum class Tone { Start, HoldEnd, Tick, Done };

// Tones made in code and spoken cues from espeak-ng. Speech is synthesised on a worker thread
// and cached; the frame loop only starts sounds. Without a sound device or a voice it stays
// silent, without error messages.
// Making an Audio costs nothing: the sound device, the tones and the worker are made by open(),
// which the window calls once its first frame is shown, or else by the first use.
class Audio {
public:
    Audio(std::string language, SoundSettings settings);
    ~Audio();
    Audio(const Audio&) = delete;
    Audio& operator=(const Audio&) = delete;

    // Opens the sound device (OpenAL), makes the tones and starts the speech worker; again
    // does nothing.
    void open();

    void play(Tone tone);
    void say(const std::string& text);
    // Starts the speech that the worker has finished; call once a frame.
    void update();

    [[nodiscard]] const SoundSettings& settings() const { return m_settings; }
    void setSettings(const SoundSettings& settings);
    // Both known once the device is open (open(), or any use above); false before.
    [[nodiscard]] bool deviceAvailable() const { return m_device; }
    [[nodiscard]] bool voiceAvailable() const;

    // Synthesises speech synchronously, for tests and for checking the voice: 16-bit mono
    // samples at `sampleRate`, empty when there is no voice.
    // `speedPercent`: of the normal speaking rate (SoundSettings::voiceSpeed).
    [[nodiscard]] static std::vector<sf::Int16> synthesise(const std::string& language,
                                                           const std::string& text,
                                                           unsigned& sampleRate,
                                                           int speedPercent = 100);

private:
    void worker();
    void applyVolume();

    std::string m_language;
    SoundSettings m_settings;
    // Made by open().
    bool m_opened = false;
    bool m_device = false;
    std::map<Tone, sf::SoundBuffer> m_toneBuffers;
    std::vector<sf::Sound> m_toneSounds;
    std::size_t m_nextTone = 0;
    std::map<std::string, sf::SoundBuffer> m_speech; // cache, by text at the current speed
    std::unique_ptr<sf::Sound> m_voice;              // made only once a device is known to exist
    std::string m_waitingFor; // the text to speak as soon as it is synthesised

    struct Job {
        std::string text;
        int speed = 100;
        std::vector<sf::Int16> samples;
        unsigned rate = 0;
    };
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<std::string, int>> m_todo; // text, speed
    std::deque<Job> m_done;
    bool m_quit = false;
    bool m_voiceWorks = true;
    std::thread m_thread;
};

} // namespace motus::app
