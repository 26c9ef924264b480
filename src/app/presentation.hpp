// Presentation mode: a deck's slides full screen, panels hidden, a large title, caption and
// legend (the export's furniture at window scale), eased camera moves and layer fades between
// slides, a pointer highlight and a slide counter. Keys: → ↓ Space PageDown next, ← ↑ PageUp
// previous (clickers send PageUp/PageDown), Home/End first/last, S saves the current view as a
// new slide, Esc leaves.
#pragma once
#include <memory>
#include <string>

#include "data/geometry.hpp"
#include "scene/camera.hpp"
#include "scene/scene.hpp"

struct GLFWwindow;

namespace pv {

struct Presentation;  // private to presentation.cpp; owns its own renderer

struct PresentationDeleter {
    void operator()(Presentation* p) const;
};
using PresentationPtr = std::unique_ptr<Presentation, PresentationDeleter>;

// Loads the deck and every slide's scene (a slide that fails shows its error instead) and
// uploads them. Needs the window's GL context current. Throws pv::Error when the deck itself
// cannot be read.
PresentationPtr open_presentation(const std::string& deck_path, int start_slide);

// Full screen on the window's (or the primary) monitor, cursor hidden; leave restores.
void enter_presentation(Presentation& p, GLFWwindow* window, bool fullscreen, double now);
void leave_presentation(Presentation& p, GLFWwindow* window);
bool presenting(const Presentation& p);

struct PresentFrame {
    int fbw = 0, fbh = 0;
    float fb_ratio = 1;
    double now = 0;
    Vec2 mouse{0, 0};  // framebuffer pixels
    bool pointer = false;  // draw the pointer highlight
    bool keys = true;      // read the keyboard this frame
};

// Handles the slide keys and draws one frame into the current framebuffer (ImGui's frame must
// be open: the pointer highlight goes on its foreground list). Returns false when Esc asks to
// leave.
bool presentation_frame(Presentation& p, const PresentFrame& f);
// Programmatic navigation (scripted runs, the bench): `delta` slides on from the current.
void presentation_step(Presentation& p, int delta, double now);
bool presentation_animating(const Presentation& p);
// Appends the current view (its slide's scene, the visible extent, hidden layers) to the deck
// file; returns a message for the user (an error message when it failed).
std::string presentation_save_view(Presentation& p, bool& ok);
// The same for any view (the desk viewer's): appends a [[slide]] with `scene_ref`, the view's
// lon/lat extent and the hidden layers to the deck file (created if missing).
std::string save_view_to_deck(const std::string& deck_path, const Camera& cam, const Scene& scene,
                              const std::string& scene_ref, bool& ok);
// Frame times recorded during transitions (ms, with glFinish), as one line for the bench.
std::string presentation_bench_summary(const Presentation& p);
void presentation_record_frame(Presentation& p, double ms);

}  // namespace pv
