#include "Vocabulary.hpp"

#include <algorithm>
#include <array>

namespace motus::core {
namespace {

constexpr std::array<std::string_view, 6> kGoals{"mobility",  "motor-control",  "strength",
                                                 "endurance", "nerve-mobility", "relaxation"};
constexpr std::array<std::string_view, 7> kPositions{"standing",   "sitting",   "supine",  "prone",
                                                     "side-lying", "quadruped", "kneeling"};
constexpr std::array<std::string_view, 5> kSides{"both", "left", "right", "alternate", "each"};
constexpr std::array<std::string_view, 3> kViews{"side", "front", "top"};
constexpr std::array<std::string_view, 3> kPhaseTypes{"in", "hold", "out"};
constexpr std::array<std::string_view, 9> kRegions{"neck",     "upper-back",  "low-back",
                                                   "shoulder", "elbow-wrist", "hip",
                                                   "knee",     "ankle-foot",  "whole-body"};
constexpr std::array<std::string_view, 12> kEquipment{"none",   "mat",  "wall",  "chair",
                                                      "dowel",  "band", "step",  "towel",
                                                      "pillow", "ball", "table", "weight"};

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == text) {
            return static_cast<Enum>(i);
        }
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::string_view, N>& names, Enum value) {
    return names.at(static_cast<std::size_t>(value));
}

} // namespace

std::string_view toString(Goal value) {
    return nameOf(kGoals, value);
}
std::string_view toString(Position value) {
    return nameOf(kPositions, value);
}
std::string_view toString(Side value) {
    return nameOf(kSides, value);
}
std::string_view toString(View value) {
    return nameOf(kViews, value);
}
std::string_view toString(PhaseType value) {
    return nameOf(kPhaseTypes, value);
}

template <> std::optional<Goal> parseEnum<Goal>(std::string_view text) {
    return lookup<Goal>(kGoals, text);
}
template <> std::optional<Position> parseEnum<Position>(std::string_view text) {
    return lookup<Position>(kPositions, text);
}
template <> std::optional<Side> parseEnum<Side>(std::string_view text) {
    return lookup<Side>(kSides, text);
}
template <> std::optional<View> parseEnum<View>(std::string_view text) {
    return lookup<View>(kViews, text);
}
template <> std::optional<PhaseType> parseEnum<PhaseType>(std::string_view text) {
    return lookup<PhaseType>(kPhaseTypes, text);
}

std::span<const std::string_view> goalNames() {
    return kGoals;
}
std::span<const std::string_view> positionNames() {
    return kPositions;
}
std::span<const std::string_view> sideNames() {
    return kSides;
}
std::span<const std::string_view> viewNames() {
    return kViews;
}
std::span<const std::string_view> phaseTypeNames() {
    return kPhaseTypes;
}
std::span<const std::string_view> regionNames() {
    return kRegions;
}
std::span<const std::string_view> equipmentNames() {
    return kEquipment;
}

bool isRegion(std::string_view text) {
    return std::find(kRegions.begin(), kRegions.end(), text) != kRegions.end();
}
bool isEquipment(std::string_view text) {
    return std::find(kEquipment.begin(), kEquipment.end(), text) != kEquipment.end();
}

} // namespace motus::core
