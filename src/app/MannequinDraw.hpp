#pragma once
// Drawing the figure v2 (core/MannequinView's picture) with SFML: shaded, depth-sorted parts,
// a face, the line of the back, the moving parts highlighted, a faint ghost of another pose
// (docs/figure-v2.md).
#include "core/Exercise.hpp"
#include "core/MannequinView.hpp"
#include "core/SessionPlayer.hpp"
#include "figure/Band.hpp"
#include "figure/Swing.hpp"

#include <SFML/Graphics.hpp>

#include <optional>
#include <string>
#include <vector>

namespace motus::app {

// Metres on the picture to pixels: x right, y up in metres; pixels y down.
struct PictureFit {
    float scale = 100.f;
    sf::Vector2f origin; // where (0, 0) of the picture lands
    [[nodiscard]] sf::Vector2f operator()(const core::Projected& p) const {
        return {origin.x + static_cast<float>(p.x) * scale,
                origin.y - static_cast<float>(p.y) * scale};
    }
};

// The fit that shows every given picture whole in `frame`, with a margin; the floor near the
// bottom.
[[nodiscard]] PictureFit fitPictures(const std::vector<core::Picture>& pictures,
                                     sf::FloatRect frame);

// Triangles in the order they are added, drawn with one draw call each time: a rasteriser fills
// triangles in the order it is given them, so the painter's order of separate shapes is kept
// (a see-through shape blends over what was added before it). Circles get as many sides as
// their radius in pixels needs to look round. The buffers are kept between frames.
class TriangleBatch {
public:
    void clear() { m_vertices.clear(); }
    // Vertices so far: a mark to draw a part of the batch.
    [[nodiscard]] std::size_t size() const { return m_vertices.size(); }
    [[nodiscard]] const std::vector<sf::Vertex>& vertices() const { return m_vertices; }

    void triangle(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color colour);
    void rect(sf::FloatRect rect, sf::Color colour);
    void disc(sf::Vector2f centre, float radius, sf::Color colour);
    // An ellipse with half-axes `rx` along the direction `angle` (radians) and `ry` across it.
    void ellipse(sf::Vector2f centre, float rx, float ry, float angle, sf::Color colour);
    // A stroke with round ends, as a rectangle and a disc at each end draw it (a see-through one
    // is drawn as those three, overlapping, as separate shapes would be).
    void capsule(sf::Vector2f a, sf::Vector2f b, float radius, sf::Color colour);
    // The same with an outline `width` wide around it: the picture of capsule(radius + width,
    // outline) under capsule(radius, fill), without filling the inside twice.
    void outlinedCapsule(sf::Vector2f a, sf::Vector2f b, float radius, float width, sf::Color fill,
                         sf::Color outline);
    // A convex polygon with an outline `thickness` wide around its outside, mitred at the
    // corners, as sf::ConvexShape draws it.
    void convex(const std::vector<sf::Vector2f>& points, sf::Color fill, sf::Color outline = {},
                float thickness = 0.f);
    // A rectangle with rounded corners and an outline, as drawRoundedRect (Widgets) draws it.
    void roundedRect(sf::FloatRect rect, float radius, sf::Color fill, sf::Color outline,
                     float thickness);
    // A disc with an outline around it (sf::CircleShape with an outline).
    void outlinedDisc(sf::Vector2f centre, float radius, sf::Color fill, sf::Color outline,
                      float thickness);

    // The vertices [from, to): a draw call for each run of opaque or see-through triangles.
    void draw(sf::RenderTarget& target, std::size_t from = 0,
              std::size_t to = static_cast<std::size_t>(-1)) const;

    // Sides of a circle of `radius` pixels: its edges within a third of a pixel of the circle.
    [[nodiscard]] static std::size_t sidesFor(float radius);

private:
    // Into m_ring: `steps` + 1 points from centre + from round through centre + middle to
    // centre - from.
    void halfCircle(sf::Vector2f centre, sf::Vector2f from, sf::Vector2f middle, std::size_t steps);

    std::vector<sf::Vertex> m_vertices;
    std::vector<sf::Vector2f> m_ring;    // a shape's outline while it is made
    std::vector<sf::Vector2f> m_corners; // a disc's corners while it is made
};

struct MannequinStyle {
    bool ghost = false; // drawn flat and faint (the start pose behind the movement)
    bool floor = true;  // the floor under the body
};

// A band as it hangs (figure::BandRope): its points on the picture in metres, from the anchor to
// the hand, and its length over its rest length.
struct BandPath {
    std::vector<core::Vec2> points;
    double stretch = 1.0;
};

// `bands`: the picture's bands as ropes, drawn in the place of the band shapes they run along
// (the one whose ends are nearest); a band without one is drawn straight. One draw call.
void drawMannequin(sf::RenderTarget& target, const core::Picture& picture, const PictureFit& fit,
                   const core::Camera& camera, MannequinStyle style = {},
                   const std::vector<BandPath>& bands = {});
// The same added to `batch`; `view`: the target's view, across which the floor runs.
void addMannequin(TriangleBatch& batch, const sf::View& view, const core::Picture& picture,
                  const PictureFit& fit, const core::Camera& camera, MannequinStyle style = {},
                  const std::vector<BandPath>& bands = {});

// A band's rest length in `scene`: its length in the first key pose, where the exercises step
// back until it is just taut (0 without a band).
[[nodiscard]] double bandRestLength(const core::Scene& scene, const core::Posture& first);

// The scene's bands for the body as ropes in the camera's picture, each left to hang a second
// (a still picture: the library, `motus render`).
[[nodiscard]] std::vector<BandPath> settledBands(const core::Scene& scene,
                                                 const core::Mannequin& body,
                                                 const core::Camera& camera, double restLength);

struct Fonts;

// An exercise's figure in a frame, as the player, the library and the exercise screen show it:
// the scene for one side, seen from the exercise's camera, which the patient may turn (drag
// over the figure; Ctrl + arrow keys) and put back (Ctrl+Home, or the "Reset view" button in the
// frame); where the exercise has a second camera, "Other view" (Ctrl+End) shows it. Every key
// pose of both sides fits the frame at one scale, so the figure does not jump.
class FigureStage {
public:
    // A new exercise starts from its own camera; another side of the same keeps the view.
    void setExercise(const core::Exercise* exercise, core::RepSide side = core::RepSide::Left);
    void setFrame(sf::FloatRect frame);
    // The body now, and the parts shown as working besides those that move (the focus of the
    // key pose it moves to or holds).
    void setPosture(const core::Posture& posture, std::vector<core::Part> focus = {});
    // One of the exercise's key poses, with its focus.
    void setKeyPose(std::size_t index);
    // Moves the bands' ropes on by `seconds` towards the posture's hands, and swings the arms
    // that hang free (figure::SwingingArms) from the shoulders' movement (the player, every
    // frame). A stage never updated shows the ropes settled and the arms hanging still.
    // `swing` false (reduced motion): the arms hang still.
    void update(float seconds, bool swing = true);
    [[nodiscard]] const core::SceneMotion& motion() const { return m_motion; }
    [[nodiscard]] const core::Posture& posture() const { return m_posture; }
    // The posture drawn: the posture with its swinging arms where the physics has them.
    [[nodiscard]] core::Posture shownPosture() const;
    [[nodiscard]] sf::FloatRect frame() const { return m_frame; }

    // Drags, Ctrl + arrows, Ctrl+Home, Ctrl+End and clicks on the frame's buttons; true when
    // the event was the figure's.
    bool handleEvent(const sf::Event& event);
    [[nodiscard]] core::Camera camera() const;
    [[nodiscard]] bool turned() const;
    void resetView();
    void otherView();
    // The same view as another stage of the same exercise (side-by-side poses turn together).
    void followView(const FigureStage& other);
    [[nodiscard]] bool hasOtherView() const;
    // The frame's buttons for the mouse, with what they do ("Reset view", "Other view").
    [[nodiscard]] std::vector<std::pair<std::string, sf::FloatRect>> buttons() const;

    struct Style {
        bool ghost = true;    // the start pose faint behind the movement
        bool fault = true;    // the "not like this" picture in a corner, when there is room
        bool controls = true; // the view buttons
        float fade = 1.f;     // below 1: faded towards the frame's ground (reduced motion)
    };
    void draw(sf::RenderTarget& target, const Fonts& fonts, Style style) const;
    // The figure alone (no buttons, no fault), for thumbnails.
    void drawFigureOnly(sf::RenderTarget& target) const;

private:
    void refit();
    [[nodiscard]] sf::FloatRect faultRect() const;
    [[nodiscard]] bool hasRoomForButtons() const;

    const core::Exercise* m_exercise = nullptr;
    core::RepSide m_side = core::RepSide::Left;
    core::SceneMotion m_motion;
    core::Posture m_posture;
    std::vector<core::Part> m_focus;
    sf::FloatRect m_frame{0.f, 0.f, 400.f, 300.f};
    std::size_t m_view = 0;
    double m_turnAzimuth = 0.0;
    double m_turnElevation = 0.0;
    bool m_dragging = false;
    sf::Vector2f m_dragFrom;
    PictureFit m_fit;
    double m_bandRest = 0.0;
    std::optional<core::Mannequin> m_faultBody; // the fault pose, settled and placed once
    std::string m_fitKey;                       // what the fit was made for

    // The bands as ropes in the picture: made (and settled) for one exercise, side and camera;
    // a copy of the stage makes its own.
    struct Ropes {
        std::vector<figure::BandRope> ropes;
        std::string key;             // what they were made for
        bool live = false;           // moved on by update(), not settled for each posture
        std::vector<BandPath> fault; // the fault pose's bands, settled
        std::string faultKey;
        Ropes() = default;
        Ropes(const Ropes&) {}
        Ropes& operator=(const Ropes&) {
            *this = Ropes();
            return *this;
        }
        Ropes(Ropes&&) = default;
        Ropes& operator=(Ropes&&) = default;
        ~Ropes() = default;
    };
    mutable Ropes m_ropes;

    // The swinging arms: made for one exercise and side, moved on by update(); a copy of the
    // stage starts them again.
    struct Arms {
        figure::SwingingArms arms;
        bool live = false; // moved on by update(): drawn where they swing, not hanging
        Arms() = default;
        Arms(const Arms&) {}
        Arms& operator=(const Arms&) {
            *this = Arms();
            return *this;
        }
        Arms(Arms&&) = default;
        Arms& operator=(Arms&&) = default;
        ~Arms() = default;
    };
    Arms m_arms;
    [[nodiscard]] std::string ropeKey() const;
    void syncRopes(double seconds) const; // makes them when needed, then steps them
    [[nodiscard]] std::vector<BandPath> bandPaths() const;
    mutable TriangleBatch m_batch; // the figure's triangles, made again in every draw
};

// A fault picture's cross: two broad strokes corner to corner over `frame`.
void drawCross(sf::RenderTarget& target, sf::FloatRect frame);
void addCross(TriangleBatch& batch, sf::FloatRect frame);

} // namespace motus::app
