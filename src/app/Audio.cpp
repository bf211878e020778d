#include "Audio.hpp"

#include "service/Practice.hpp"
#include "service/SettingsFile.hpp"

#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <sstream>

namespace motus::app {
namespace {

constexpr unsigned kToneRate = 44100;

std::vector<sf::Int16> toneSamples(std::initializer_list<std::pair<double, double>> notes) {
    // Each note: frequency in Hz and length in seconds; soft attack and release, no clicks.
    std::vector<sf::Int16> samples;
    for (auto [frequency, seconds] : notes) {
        const auto count = static_cast<std::size_t>(seconds * kToneRate);
        for (std::size_t i = 0; i < count; ++i) {
            const double t = static_cast<double>(i) / kToneRate;
            const double edge = std::min({1.0, t / 0.01, (seconds - t) / 0.03});
            const double value = 0.45 * edge * std::sin(2 * std::numbers::pi * frequency * t);
            samples.push_back(static_cast<sf::Int16>(value * 32767));
        }
        samples.insert(samples.end(), kToneRate / 20, 0); // a short gap
    }
    return samples;
}

// espeak-ng, opened the first time a cue is spoken (see src/CMakeLists.txt); null when it
// cannot be opened, and Motus stays silent as without a voice.
struct Espeak {
    decltype(&espeak_Initialize) initialize = nullptr;
    decltype(&espeak_SetSynthCallback) setSynthCallback = nullptr;
    decltype(&espeak_SetParameter) setParameter = nullptr;
    decltype(&espeak_SetVoiceByName) setVoiceByName = nullptr;
    decltype(&espeak_Synth) synth = nullptr;
    decltype(&espeak_Synchronize) synchronize = nullptr;
};

template <typename Function> void lookUp(void* library, const char* name, Function& function) {
    function = reinterpret_cast<Function>(dlsym(library, name));
}

const Espeak* espeak() {
    static const Espeak* const opened = []() -> const Espeak* {
        void* library = dlopen(MOTUS_ESPEAK_LIBRARY, RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) {
            return nullptr;
        }
        static Espeak functions;
        lookUp(library, "espeak_Initialize", functions.initialize);
        lookUp(library, "espeak_SetSynthCallback", functions.setSynthCallback);
        lookUp(library, "espeak_SetParameter", functions.setParameter);
        lookUp(library, "espeak_SetVoiceByName", functions.setVoiceByName);
        lookUp(library, "espeak_Synth", functions.synth);
        lookUp(library, "espeak_Synchronize", functions.synchronize);
        const bool complete =
            functions.initialize != nullptr && functions.setSynthCallback != nullptr &&
            functions.setParameter != nullptr && functions.setVoiceByName != nullptr &&
            functions.synth != nullptr && functions.synchronize != nullptr;
        return complete ? &functions : nullptr;
    }();
    return opened;
}

// espeak-ng hands over samples in pieces; they are gathered into the job's vector.
int gather(short* samples, int count, espeak_EVENT* events) {
    if (samples != nullptr && count > 0 && events != nullptr && events->user_data != nullptr) {
        auto* out = static_cast<std::vector<sf::Int16>*>(events->user_data);
        out->insert(out->end(), samples, samples + count);
    }
    return 0;
}

// espeak-ng is one global engine: every use goes through here, on one thread at a time.
std::mutex& engineMutex() {
    static std::mutex mutex;
    return mutex;
}

int engineRate(const std::string& language) {
    static int rate = 0;
    static bool tried = false;
    static std::string voice;
    const Espeak* engine = espeak();
    if (!tried) {
        tried = true;
        rate = engine != nullptr ? engine->initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0) : 0;
        if (rate > 0) {
            engine->setSynthCallback(gather);
            engine->setParameter(espeakRATE, 150, 0);
        }
    }
    if (rate > 0 && voice != language) {
        if (engine->setVoiceByName(language.c_str()) != EE_OK &&
            engine->setVoiceByName("en") != EE_OK) {
            return 0;
        }
        voice = language;
    }
    return rate;
}

// A sound card (ALSA) or a sound server (PulseAudio, PipeWire) to play through.
bool soundOutputLikely() {
    std::error_code ec;
    if (std::filesystem::exists("/dev/snd", ec)) {
        return true;
    }
    if (std::getenv("PULSE_SERVER") != nullptr) {
        return true;
    }
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime != nullptr) {
        const std::filesystem::path dir(runtime);
        return std::filesystem::exists(dir / "pulse" / "native", ec) ||
               std::filesystem::exists(dir / "pipewire-0", ec);
    }
    return false;
}

} // namespace

bool saveSoundSettings(const SoundSettings& sound) {
    const auto path = service::settingsPath();
    auto settings = service::loadSettings(path).settings;
    settings.sound = sound;
    try {
        service::saveSettings(path, settings);
    } catch (const service::Refused&) {
        return false;
    }
    return true;
}

std::vector<sf::Int16> Audio::synthesise(const std::string& language, const std::string& text,
                                         unsigned& sampleRate, int speedPercent) {
    std::vector<sf::Int16> samples;
    std::lock_guard lock(engineMutex());
    const int rate = engineRate(language);
    sampleRate = static_cast<unsigned>(std::max(rate, 0));
    if (rate <= 0) {
        return samples;
    }
    const Espeak* engine = espeak(); // opened by engineRate
    engine->setParameter(espeakRATE, 150 * std::clamp(speedPercent, 50, 200) / 100, 0);
    engine->synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                  &samples);
    engine->synchronize();
    return samples;
}

Audio::Audio(std::string language, SoundSettings settings)
    : m_language(std::move(language)), m_settings(settings) {}

void Audio::open() {
    if (m_opened) {
        return;
    }
    m_opened = true;
    // Open the device quietly: without one, SFML, OpenAL and ALSA would report every call. With
    // no sound card and no sound server, OpenAL's silent null output is chosen up front (a
    // setting the user made in ALSOFT_DRIVERS is kept).
    setenv("ALSOFT_LOGLEVEL", "0", 0);
    if (!soundOutputLikely()) {
        setenv("ALSOFT_DRIVERS", "null", 0);
    }
    std::stringstream captured;
    auto* saved = sf::err().rdbuf(captured.rdbuf());
    {
        sf::SoundBuffer probe;
        const sf::Int16 silence[2] = {0, 0};
        m_device = probe.loadFromSamples(silence, 2, 1, kToneRate) &&
                   captured.str().find("audio device") == std::string::npos &&
                   captured.str().find("OpenAL") == std::string::npos;
    }
    if (m_device) {
        const std::pair<Tone, std::vector<sf::Int16>> tones[] = {
            {Tone::Start, toneSamples({{880, 0.12}})},
            {Tone::HoldEnd, toneSamples({{660, 0.10}, {880, 0.16}})},
            {Tone::Tick, toneSamples({{1000, 0.06}})},
            {Tone::Done, toneSamples({{660, 0.12}, {880, 0.12}, {1100, 0.25}})}};
        for (const auto& [tone, samples] : tones) {
            m_toneBuffers[tone].loadFromSamples(samples.data(), samples.size(), 1, kToneRate);
        }
        m_toneSounds.resize(3);
        m_voice = std::make_unique<sf::Sound>();
        applyVolume();
        m_thread = std::thread([this] { worker(); });
    }
    sf::err().rdbuf(saved);
}

Audio::~Audio() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

bool Audio::voiceAvailable() const {
    return m_device && m_voiceWorks;
}

void Audio::setSettings(const SoundSettings& settings) {
    open();
    if (settings.voiceSpeed != m_settings.voiceSpeed) {
        m_speech.clear(); // spoken at the old speed
        m_waitingFor.clear();
    }
    m_settings = settings;
    applyVolume();
}

void Audio::applyVolume() {
    const auto volume = static_cast<float>(std::clamp(m_settings.volume, 0, 100));
    for (auto& sound : m_toneSounds) {
        sound.setVolume(volume);
    }
    if (m_voice) {
        m_voice->setVolume(volume);
        if (!m_settings.voice) {
            m_voice->stop();
        }
    }
}

void Audio::play(Tone tone) {
    open();
    if (!m_device || !m_settings.tones || m_settings.volume == 0) {
        return;
    }
    sf::Sound& sound = m_toneSounds[m_nextTone];
    m_nextTone = (m_nextTone + 1) % m_toneSounds.size();
    sound.setBuffer(m_toneBuffers[tone]);
    sound.play();
}

void Audio::say(const std::string& text) {
    open();
    if (!m_device || !m_settings.voice || text.empty() || m_settings.volume == 0) {
        return;
    }
    if (auto cached = m_speech.find(text); cached != m_speech.end()) {
        m_voice->setBuffer(cached->second);
        m_voice->play();
        m_waitingFor.clear();
        return;
    }
    m_waitingFor = text;
    {
        std::lock_guard lock(m_mutex);
        m_todo.emplace_back(text, m_settings.voiceSpeed);
    }
    m_wake.notify_one();
}

void Audio::update() {
    open();
    if (!m_device) {
        return;
    }
    std::deque<Job> done;
    {
        std::lock_guard lock(m_mutex);
        done.swap(m_done);
    }
    for (auto& job : done) {
        if (job.samples.empty() || job.rate == 0) {
            m_voiceWorks = false;
            continue;
        }
        if (job.speed != m_settings.voiceSpeed) {
            continue; // asked for before the speed changed
        }
        auto& buffer = m_speech[job.text];
        buffer.loadFromSamples(job.samples.data(), job.samples.size(), 1, job.rate);
        if (job.text == m_waitingFor && m_settings.voice) {
            m_voice->setBuffer(buffer);
            m_voice->play();
            m_waitingFor.clear();
        }
    }
}

void Audio::worker() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_quit || !m_todo.empty(); });
            if (m_quit) {
                return;
            }
            job.text = std::move(m_todo.front().first);
            job.speed = m_todo.front().second;
            m_todo.pop_front();
        }
        job.samples = synthesise(m_language, job.text, job.rate, job.speed);
        std::lock_guard lock(m_mutex);
        m_done.push_back(std::move(job));
    }
}

} // namespace motus::app
