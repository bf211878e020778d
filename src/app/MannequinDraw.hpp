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
// (the one whose ends are nearest); a band without one is drawn straight.
void drawMannequin(sf::RenderTarget& target, const core::Picture& picture, const PictureFit& fit,
                   const core::Camera& camera, MannequinStyle style = {},
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
};

// A fault picture's cross: two broad strokes corner to corner over `frame`.
void drawCross(sf::RenderTarget& target, sf::FloatRect frame);

} // namespace motus::app
