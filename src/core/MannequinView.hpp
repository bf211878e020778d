#pragma once
// The mannequin seen through a camera (docs/figure-v2.md): what to draw, in the order to draw
// it, for any drawing surface. The app turns the shapes into pixels; tests read them directly.
#include "Exercise.hpp"
#include "Mannequin.hpp"
#include "Scene.hpp"

#include <vector>

namespace motus::core {

// A point on the picture: right and up in metres, and how near the viewer it lies.
struct Projected {
    double x = 0.0;
    double y = 0.0;
    double depth = 0.0;
};
[[nodiscard]] Projected project(const Camera& camera, Vec3 point);
// The direction from the scene towards the viewer.
[[nodiscard]] Vec3 viewDirection(const Camera& camera);

enum class Tone {
    Near,
    Far,
    Trunk,
    Head,
    Prop,   // a prop's solid: chair, step, table, pillow, towel, ball
    Top,    // the top face of a prop's solid, lit from above
    Mat,    // the mat on the floor
    Wall,   // a wall: drawn behind everything, not fitted into the picture
    Band,   // a resistance band, its `stretch` shown
    Dowel,  // a stick
    Weight, // a dumbbell or a cuff weight
};

// One shape of the figure: a capsule from `a` to `b` of `radius` (a circle when a == b), or a
// closed polygon (a foot's sole seen from any side) when `outline` has points.
struct Shape {
    Part part = Part::Pelvis;
    Tone tone = Tone::Trunk;
    Projected a;
    Projected b;
    double radius = 0.0;
    std::vector<Projected> outline;
    double depth = 0.0;       // the shape's own depth, for sorting
    double light = 1.0;       // 0.55..1: how much it faces the light (shading)
    bool highlighted = false; // a part that moves in the exercise
    double stretch = 1.0;     // a band's length over its rest length
};

// The face: where the nose points on the picture and whether the face is towards the viewer.
struct FaceMarks {
    Projected centre;     // the head's centre
    Projected nose;       // the nose's tip
    Projected eye;        // the near eye
    bool visible = false; // the face turned towards the viewer (eye and mouth drawn)
    Projected chin;
};

struct Picture {
    std::vector<Shape> shapes; // far to near
    FaceMarks face;
    std::vector<Projected> spine; // the line of the back, pelvis to head, for its curves
    double floor = 0.0;           // the floor's height on the picture (y of y = 0 below the body)
};

// The body as seen: every part a shape, sorted far to near; limbs on the side nearer the viewer
// get the near tone. `moving` marks the parts to highlight.
[[nodiscard]] Picture picture(const Mannequin& body, const Camera& camera,
                              const std::vector<Part>& moving = {});

// What a set of pictures covers, in metres on the picture, to fit them into a frame together:
// every shape but walls and mats (they run off the picture), the floor (y = 0) and half a metre
// above it at least.
struct PictureExtent {
    double minX = -0.5;
    double maxX = 0.5;
    double minY = 0.0;
    double maxY = 0.5;
};
[[nodiscard]] PictureExtent extentOf(const std::vector<Picture>& pictures);

// Adds the scene's props as the body in it sees them: each solid box as its outline (and its top
// face), the band from its anchor to the hand, the dowel, sorted in with the body's parts by
// their farthest point (what rests on a prop is drawn over it). `bandRest`: a band's rest
// length; 0 takes its length in the first key pose (just taut).
void addProps(Picture& picture, const Scene& scene, const Mannequin& body, const Camera& camera,
              double bandRest = 0.0);

// The parts that turn at their own joint between two postures, so that their far end moves by
// more than `metres` or they turn by 8° or more (the moving part of an exercise, highlighted
// while it plays).
[[nodiscard]] std::vector<Part> movingParts(const Mannequin& from, const Mannequin& to,
                                            double metres = 0.03);
// The moving parts and the pose's focus (KeyPose::focus), each once: what is highlighted.
[[nodiscard]] std::vector<Part> workingParts(const Mannequin& from, const Mannequin& to,
                                             const std::vector<Part>& focus);

// A version-1 pose (planar angles in one view, Skeleton.hpp) on the 3-D skeleton: side-view
// angles become flexion (and the forearm is turned palm-down so that the wrist bends in that
// plane), front-view angles abduction and lateral flexion (an elbow bent in the front view
// turns the shoulder out, so that it bends in that plane), the orientation the pelvis's pitch
// (side) or roll (front). Then rested on the floor. Top-view poses keep their angles as
// rotations.
[[nodiscard]] Posture fromVersion1(const Pose& pose, View view, double height = 1.70);
// The camera that shows a version-1 view as it was drawn.
[[nodiscard]] Camera cameraFor(View view);

} // namespace motus::core
