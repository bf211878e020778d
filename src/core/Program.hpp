#pragma once
#include "Dose.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

// A program is what a therapist hands a patient (docs/program-format.md): phases of weeks,
// each with a session frequency and a routine of prescriptions.
namespace motus::core {

struct ProgramItem {
    std::string exercise; // exercise id
    Dose dose;            // sets, reps, hold, tempo, rest, side; frequency comes from the phase
    DoseBounds bounds;    // how far automatic changes may go
    bool locked = false;  // never changed automatically
    int line = 0;         // in the program file, for diagnostics
};

struct ProgramPhase {
    std::string name;                                      // e.g. "Activation"
    std::map<std::string, std::string, std::less<>> names; // translations of the name
    int weeks = 1;
    int perDay = 1;  // sessions a day
    int perWeek = 7; // days a week; 7 = daily
    std::vector<ProgramItem> items;
    // Why these doses and bounds (<basis>, English, for the therapist), and whether they are a
    // clinical convention rather than the sources' (dose-basis="convention").
    std::string basis;
    bool doseFromConvention = false;

    [[nodiscard]] bool daily() const { return perWeek == 7; }
    [[nodiscard]] const std::string& nameIn(std::string_view lang) const {
        auto it = names.find(lang);
        return it != names.end() ? it->second : name;
    }
    // Sessions prescribed in a full week of this phase.
    [[nodiscard]] int sessionsPerWeek() const { return perDay * perWeek; }
};

struct Program {
    std::string id;
    int formatVersion = 1;
    std::string title;
    std::map<std::string, std::string, std::less<>> titles; // translations
    std::string author;
    std::optional<std::string> patient;
    std::vector<std::string> sources; // citations with locators (<source>), in file order
    // Advice for the patient beside the exercises (<advice>), e.g. a walking plan: English, and
    // its translations by language.
    std::string advice;
    std::map<std::string, std::string, std::less<>> advices;
    bool autoProgression = true;
    bool quotaMode = false;
    std::vector<ProgramPhase> phases;
    std::string path;

    [[nodiscard]] int totalWeeks() const {
        int weeks = 0;
        for (const auto& phase : phases) {
            weeks += phase.weeks;
        }
        return weeks;
    }
    // The phase in force in program week `week` (0-based); the last phase after the end.
    [[nodiscard]] const ProgramPhase& phaseInWeek(int week) const;
    [[nodiscard]] std::size_t phaseIndexInWeek(int week) const;
    [[nodiscard]] const std::string& titleIn(std::string_view lang) const;
    [[nodiscard]] const std::string& adviceIn(std::string_view lang) const {
        auto it = advices.find(lang);
        return it != advices.end() ? it->second : advice;
    }
};

} // namespace motus::core
