#pragma once
// The figure's scene, version 2 (docs/exercise-format.md, "Format version 2"): the key poses of
// the 3-D mannequin with what each rests on, the props around it, the cameras that show the
// movement and a fault pose; how the body settles on its contacts, how it moves between poses,
// and the checks an author's file must pass (limits, contacts, passing through the floor, a prop
// or itself, balance), each naming the joint or part that causes the problem.
#include "Mannequin.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motus::core {

// Where the camera looks from, in degrees. Azimuth 0 looks at the figure's right side (it
// faces to the right of the picture), 90 at its front (its left on the right of the picture),
// 180 at its left side, 270 at its back. Elevation 90 looks straight down.
struct Camera {
    double azimuth = 0.0;
    double elevation = 0.0;
};

enum class PropKind { Mat, Chair, Step, Table, Wall, Dowel, Band, Pillow, Towel, Ball, Weight };
[[nodiscard]] std::string_view toString(PropKind kind);
[[nodiscard]] std::optional<PropKind> parsePropKind(std::string_view text);
[[nodiscard]] std::span<const std::string_view> propKindNames();

// A prop, in the scene's frame (X the way a standing figure with yaw 0 faces, Y up, Z to its
// right; metres, degrees). Sizes left at 0 take the kind's defaults (docs/exercise-format.md).
struct Prop {
    std::string id; // how contacts name it: its kind's name unless the file gives one
    PropKind kind = PropKind::Mat;
    Vec3 at;          // the centre of its footprint on the floor; a ball's centre; a band's anchor
    double yaw = 0.0; // turned about the vertical; a chair at 0 is sat on facing +X
    double width = 0.0;  // across (Z)
    double depth = 0.0;  // along (X)
    double height = 0.0; // a step's, a chair's seat's, a table's top's height; a pillow's thickness
    double radius = 0.0; // a ball's
    // A dowel held in the hands, or lying along the back (touching head, upper back, sacrum);
    // a band's hand; a weight's hand (a dumbbell) or shank (a cuff weight at the ankle).
    std::vector<Part> held;
    bool alongBack = false;
    int line = 0;
};

// A box: the solid parts of props, for resting, checking and drawing.
struct Box {
    Vec3 centre;
    Vec3 half;        // half its size along its own X, Y, Z
    double yaw = 0.0; // its X and Z turned about the vertical
    [[nodiscard]] bool contains(Vec3 point, double inset = 0.0) const;
    // How far the point lies inside (positive) or outside (negative) its nearest face.
    [[nodiscard]] double depthOf(Vec3 point) const;
    [[nodiscard]] std::array<Vec3, 8> corners() const;
};
// The solid boxes of a prop (none for a band; a ball is its bounding box here).
[[nodiscard]] std::vector<Box> solidsOf(const Prop& prop);
// The size a prop takes: the file's, or its kind's default.
[[nodiscard]] Prop withDefaults(Prop prop);

// A body part resting on the floor (prop empty) or on a prop (its id).
struct Contact {
    Part part = Part::Pelvis;
    std::string prop;
};

struct KeyPose {
    std::string id;
    Posture posture; // as written: the pelvis's x, z and turns; its height comes from settle
    std::vector<Contact> contacts;
    // Parts shown as working in this pose though they hardly move (the abdomen drawing in):
    // highlighted while the figure moves to the pose and holds it.
    std::vector<Part> focus;
    int line = 0;
};

// An arm that hangs freely from its shoulder and swings under gravity as the body moves
// (<swing limb="arm-l"/>; the pendulum exercise): its shoulder's angles in the key poses are
// those of the arm hanging straight down, and the figure's physics swings it in between
// (figure::SwingingArms). The fault pose keeps the angles written.
struct Swing {
    Part arm = Part::UpperArmL; // the upper arm of the side that swings
    int line = 0;
};

struct Scene {
    std::vector<Camera> cameras; // the first is the default; a second where one is not enough
    std::vector<Prop> props;
    std::vector<Swing> swings;
    std::vector<KeyPose> poses; // in the order of Exercise::poses, the same ids
    std::optional<KeyPose> fault;
    std::size_t faultOf = 0; // the pose the fault pose is the wrong version of
    [[nodiscard]] const Prop* prop(std::string_view id) const;
};

// The height of what supports a point at (x, z) from below: the floor, or the top of a prop's
// solid that lies under it and not above the point by more than `reach`.
[[nodiscard]] double supportBelow(const Scene& scene, Vec3 point, double reach = 0.02);

// The posture moved (not turned) so that it rests on its contacts: straight up or down until the
// lowest contact touches what it rests on (none below it), then towards a wall it touches.
// Without contacts, onto the floor.
[[nodiscard]] Posture settle(const Scene& scene, const Posture& posture,
                             const std::vector<Contact>& contacts, double height = 1.70);

// The posture with every swinging arm of the scene hanging straight down from its shoulder.
[[nodiscard]] Posture hangSwingingArms(const Scene& scene, const Posture& posture);
// The key poses' swinging arms hung straight down (the loader, once the poses are read).
void hangSwingingArms(Scene& scene);

// The scene mirrored for the other side: postures (core::mirror), props and held hands.
[[nodiscard]] Scene mirror(const Scene& scene);

// The posture a share `s` (0..1) of the way from key pose `from` to `to`: minimum-jerk in joint
// space, the body held where a contact both poses share stays (the first one listed in `to`),
// and never below the floor. Key poses are settled first.
[[nodiscard]] Posture sceneBetween(const Scene& scene, std::size_t from, std::size_t to, double s,
                                   double height = 1.70);
// A key pose settled on its contacts.
[[nodiscard]] Posture settledPose(const Scene& scene, std::size_t pose, double height = 1.70);

// A scene ready to play: its key poses settled once, so that a frame costs one interpolation
// and one placing of the body (the player's figure update).
class SceneMotion {
public:
    SceneMotion() = default;
    explicit SceneMotion(Scene scene, double height = 1.70);
    [[nodiscard]] const Scene& scene() const { return m_scene; }
    [[nodiscard]] const Posture& key(std::size_t pose) const { return m_keys.at(pose); }
    [[nodiscard]] std::size_t size() const { return m_keys.size(); }
    // As sceneBetween.
    [[nodiscard]] Posture between(std::size_t from, std::size_t to, double s) const;

private:
    Scene m_scene;
    double m_height = 1.70;
    std::vector<Posture> m_keys;
    std::vector<Mannequin> m_bodies; // the key poses placed
};

// Where a band runs: from its anchor to a hand that holds it, and how far it is stretched
// (its length over its rest length).
struct BandLine {
    Vec3 anchor;
    Vec3 hand;
    double stretch = 1.0;
};
// One line per hand that holds it (a band held in both hands runs to each).
[[nodiscard]] std::vector<BandLine> bandOf(const Prop& band, const Mannequin& body,
                                           double restLength);
// A weight's capsules for the body's pose, as (a, b, radius): a dumbbell's handle and its two
// ends across the palm of the hand that holds it, or a cuff weight around the shank just above
// the ankle.
struct Capsule {
    Vec3 a;
    Vec3 b;
    double radius = 0.0;
};
[[nodiscard]] std::vector<Capsule> weightOf(const Prop& weight, const Mannequin& body);
// A dowel's two ends for the body's pose (held in the hands or along the back).
[[nodiscard]] std::optional<std::pair<Vec3, Vec3>> dowelOf(const Prop& dowel,
                                                           const Mannequin& body);

// One problem a check found: the line it belongs to and a sentence naming the pose, the joint or
// part, and what is wrong.
struct SceneProblem {
    int line = 0;
    std::string message;
    bool warning = false;
};

struct SceneCheck {
    double contactTolerance = 0.01; // a contact this close to its support touches it
    double penetration = 0.015;     // a part may sink this far into a prop or another part
    double balanceMargin = 0.01;    // the centre of mass this far outside the base still stands
    int samples = 8;                // frames checked between two key poses
    double anchorSlide = 0.05;      // the anchoring contact may move this far between poses
};

// Every check on a scene whose phases run through `path` (pairs of key-pose indices, in the
// order played): each key pose for limits, contacts, passing through the floor, props or itself,
// and balance; frames sampled between consecutive poses for limits and passing through.
[[nodiscard]] std::vector<SceneProblem>
checkScene(const Scene& scene, const std::vector<std::pair<std::size_t, std::size_t>>& path,
           const SceneCheck& options = {});

} // namespace motus::core
