#pragma once
#include <optional>
#include <span>
#include <string_view>

// The closed vocabularies of the exercise format: every value a file may use, with its
// spelling in the file. Display names (translated) live in the layers that show them.
namespace motus::core {

enum class Goal { Mobility, MotorControl, Strength, Endurance, NerveMobility, Relaxation };
enum class Position { Standing, Sitting, Supine, Prone, SideLying, Quadruped, Kneeling };
enum class Side { Both, Left, Right, Alternate, Each };
enum class View { Side, Front, Top };
enum class PhaseType { In, Hold, Out };

[[nodiscard]] std::string_view toString(Goal value);
[[nodiscard]] std::string_view toString(Position value);
[[nodiscard]] std::string_view toString(Side value);
[[nodiscard]] std::string_view toString(View value);
[[nodiscard]] std::string_view toString(PhaseType value);

template <typename Enum> [[nodiscard]] std::optional<Enum> parseEnum(std::string_view text);
template <> std::optional<Goal> parseEnum<Goal>(std::string_view text);
template <> std::optional<Position> parseEnum<Position>(std::string_view text);
template <> std::optional<Side> parseEnum<Side>(std::string_view text);
template <> std::optional<View> parseEnum<View>(std::string_view text);
template <> std::optional<PhaseType> parseEnum<PhaseType>(std::string_view text);

// Every spelling, in order, for "one of ..." messages and filter menus.
[[nodiscard]] std::span<const std::string_view> goalNames();
[[nodiscard]] std::span<const std::string_view> positionNames();
[[nodiscard]] std::span<const std::string_view> sideNames();
[[nodiscard]] std::span<const std::string_view> viewNames();
[[nodiscard]] std::span<const std::string_view> phaseTypeNames();
[[nodiscard]] std::span<const std::string_view> regionNames();
[[nodiscard]] std::span<const std::string_view> equipmentNames();

[[nodiscard]] bool isRegion(std::string_view text);
[[nodiscard]] bool isEquipment(std::string_view text);

} // namespace motus::core
