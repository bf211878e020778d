#pragma once
#include "Dose.hpp"
#include "Scene.hpp"
#include "Skeleton.hpp"
#include "Vocabulary.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace motus::core {

// The words of an exercise in one language.
struct ExerciseText {
    std::string name;
    std::string summary;
    std::vector<std::string> steps;
    std::vector<std::string> cues;
    std::vector<std::string> cautions;
    std::vector<std::string> contraindications;
    std::string fault; // what the fault pose shows ("Do not let the pelvis roll back")
};

// A key pose: joint angles in degrees in the plane of the exercise's view (0 = anatomical
// zero), the orientation of the pelvis in that plane, and the segments resting on the floor.
struct Pose {
    std::string id;
    double orientation = 0.0;
    std::array<double, kJointCount> angles{};
    std::vector<Segment> contacts;
    int line = 0;

    [[nodiscard]] double angle(Joint joint) const {
        return angles.at(static_cast<std::size_t>(joint));
    }
};

// One phase of a rep: move in (tempo), hold, move out (tempo), ending at a pose.
struct Phase {
    PhaseType type = PhaseType::In;
    std::size_t pose = 0; // index into Exercise::poses
};

struct Exercise {
    std::string id;
    int formatVersion = 1;
    std::string licence;
    std::string source;
    std::string author;
    // The dose is a clinical convention, not the source's own (<source dose-basis="convention">):
    // said wherever the source is shown, so that no one reads the dose as the author's.
    bool doseFromConvention = false;

    std::map<std::string, ExerciseText, std::less<>> texts; // by language; "en" always present

    std::vector<std::string> regions;
    std::vector<Goal> goals;
    Position position = Position::Standing;
    std::vector<std::string> equipment;
    int level = 1;

    Dose dose;
    DoseBounds bounds;
    bool holdCapped = false;

    std::optional<std::string> progression;
    std::optional<std::string> regression;
    // Why the exercise has no easier or harder variant (<variants none="...">), in English.
    std::string noVariantReason;

    View view = View::Side;
    std::vector<Pose> poses; // the first is the starting pose
    std::vector<Phase> phases;
    // The 3-D figure (format 2; a version-1 file's planar poses mapped onto it at load, see
    // docs/exercise-format.md): its key poses in the order of `poses`, props, cameras, fault.
    Scene scene;

    // Where it came from, for diagnostics that span files.
    std::string path;
    int line = 0;         // the <exercise> element
    int variantsLine = 0; // the <variants> element, when present

    // The text in `lang`, falling back to English.
    [[nodiscard]] const ExerciseText& text(std::string_view lang) const;
    [[nodiscard]] bool hasGoal(Goal goal) const;
    [[nodiscard]] bool hasRegion(std::string_view region) const;
    // Whether it can provoke leg symptoms (rule 1 asks about them after it): low back and hip
    // exercises, and nerve sliders.
    [[nodiscard]] bool canProvokeLegSymptoms() const;
    [[nodiscard]] std::optional<std::size_t> poseIndex(std::string_view poseId) const;
};

} // namespace motus::core
