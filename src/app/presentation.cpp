#include "app/presentation.hpp"

#include <glad/gl.h>
// GLFW after glad: glad provides the GL declarations.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <map>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <numeric>
#include <vector>

#include "app/model.hpp"
#include "app/plans_model.hpp"
#include "app/present_model.hpp"
#include "data/error.hpp"
#include "output/furniture.hpp"
#include "render/renderer.hpp"
#include "scene/basemap.hpp"
#include "scene/deck.hpp"

namespace pv {

struct Presentation {
    std::string deck_path;
    Deck deck;
    std::vector<Scene> scenes;   // layer ids prefixed per slide (all slides stay uploaded)
    std::vector<Bounds> extents;  // map metres, empty for a slide that failed
    Renderer r;
    int current = 0, from = -1;
    app::CameraAnim anim;
    double fade_start = 0, duration = 0.8;
    Camera camera;
    bool have_camera = false, active = false;
    int win_x = 0, win_y = 0, win_w = 0, win_h = 0;
    std::unique_ptr<Projector> projectors[2];
    std::vector<Furniture> furn;  // per slide, without the scale bar, for the window size below
    int furn_w = 0, furn_h = 0;
    std::vector<double> transition_ms;
    bool bench = false;
    double phase_ms[4] = {0, 0, 0, 0};
    std::map<std::pair<int, int>, std::pair<double, int>> per_transition;  // (from, to) -> ms, frames
    int last_from = -1;  // furniture layout, map, label placement, text
    int transitions = 0;
    std::string message;
    double message_until = 0;
    std::string date;

    ~Presentation() { shutdown_renderer(r); }
};

void PresentationDeleter::operator()(Presentation* p) const { delete p; }

namespace {

std::string today() {
    std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&t));
    return buf;
}

// Loads slide i into the presentation (or an error page) and uploads its layers.
void load_one(Presentation& p, size_t i) {
    Scene s;
    Bounds extent;
    try {
        s = load_slide(p.deck, i);
        extent = scene_extent_xy(s, Projector(s.projection));
    } catch (const std::exception& e) {
        s = Scene{};
        s.title = "第 " + std::to_string(i + 1) + " 张幻灯片无法显示 · slide " + std::to_string(i + 1) + " failed";
        s.caption = e.what();
        s.source_note.clear();
        std::fprintf(stderr, "planview: %s\n", e.what());
    }
    for (auto& l : s.layers) l.id = app::slide_layer_id(int(i), l.id);
    for (auto& id : s.fit_layers) id = app::slide_layer_id(int(i), id);
    // A quarter pixel at a 4000 px wide view of the slide: finer than any window shows it.
    double tolerance = extent.empty() ? 0 : extent.width() / 16000.0;
    for (const auto& l : s.layers) upload_layer(p.r, l, tolerance);
    if (i < p.scenes.size()) p.scenes[i] = std::move(s), p.extents[i] = extent;
    else p.scenes.push_back(std::move(s)), p.extents.push_back(extent);
}

// Furniture at window scale, larger than print: it is read from across a room.
float furniture_scale(int h) { return std::max(1.0f, float(h) / 1000.0f) * 1.5f; }

// Every slide's furniture but the scale bar depends on the slide and the window only: laid out
// once per window size (the cameras need the legends' widths before a slide is shown).
void ensure_furniture(Presentation& p, int w, int h) {
    if (p.furn_w == w && p.furn_h == h && p.furn.size() == p.scenes.size()) return;
    p.furn.clear();
    for (auto& s : p.scenes) {
        s.width = w, s.height = h, s.dpi = 96.0 * furniture_scale(h);
        p.furn.push_back(layout_furniture(s, *p.r.atlas, 0, p.date));
    }
    p.furn_w = w, p.furn_h = h;
}

Camera slide_camera(const Presentation& p, int i, int w, int h, const Camera& fallback) {
    const Bounds& b = p.extents[size_t(i)];
    if (b.empty()) {
        Camera c = fallback;
        c.width = w, c.height = h;
        return c;
    }
    float legend_right = 0;
    if (size_t(i) < p.furn.size() && p.furn_w == w && p.furn[size_t(i)].legend.w > 0) {
        const Rect& l = p.furn[size_t(i)].legend;
        legend_right = l.x + l.w + 8 * furniture_scale(h);
    }
    return app::fit_beside_legend(b, w, h, legend_right);
}

void go_to(Presentation& p, int target, double now) {
    if (target == p.current || p.scenes.empty()) return;
    p.from = p.current;
    p.current = target;
    p.fade_start = now;
    ++p.transitions;
    const Scene &a = p.scenes[size_t(p.from)], &b = p.scenes[size_t(p.current)];
    Camera to = slide_camera(p, p.current, p.camera.width, p.camera.height, p.camera);
    if (a.projection != b.projection) {
        // Cameras in two projections do not interpolate: cut, and let the layers fade.
        p.camera = to;
        p.anim.active = false;
        p.anim.to = to;
    } else {
        app::animate_to(p.anim, p.camera, to, now, p.duration);
    }
}

}  // namespace

PresentationPtr open_presentation(const std::string& deck_path, int start_slide) {
    PresentationPtr p(new Presentation);
    p->deck_path = deck_path;
    p->deck = load_deck(deck_path);
    init_renderer(p->r);
    for (size_t i = 0; i < p->deck.slides.size(); ++i) load_one(*p, i);
    // Draw every slide, and every transition's mix, once before showing any: drivers compile
    // shader variants and move buffers on first use (on llvmpipe that made the first showing of
    // each slide stutter at ~200 ms a frame). Into the back buffer, which the first frame clears.
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    for (size_t i = 0; i < p->scenes.size(); ++i) {
        if (p->extents[i].empty()) continue;
        Camera cam = fit_camera(p->extents[i], 256, 256, 0.02);
        draw_map(p->r, p->scenes[i], cam, 1.0f);
        if (i + 1 < p->scenes.size()) draw_map(p->r, app::mix_slides(p->scenes[i], p->scenes[i + 1], 0.5), cam, 1.0f);
        if (i > 0) draw_map(p->r, app::mix_slides(p->scenes[i], p->scenes[i - 1], 0.5), cam, 1.0f);
    }
    glFinish();
    p->current = std::clamp(start_slide, 0, int(p->scenes.size()) - 1);
    p->date = today();
    return p;
}

void enter_presentation(Presentation& p, GLFWwindow* window, bool fullscreen, double now) {
    if (p.active) return;
    p.active = true;
    p.have_camera = false;  // fit the slide to the new window size
    p.from = -1;
    p.fade_start = now;
    glfwGetWindowPos(window, &p.win_x, &p.win_y);
    glfwGetWindowSize(window, &p.win_w, &p.win_h);
    if (fullscreen) {
        if (GLFWmonitor* mon = glfwGetPrimaryMonitor()) {
            const GLFWvidmode* mode = glfwGetVideoMode(mon);
            glfwSetWindowMonitor(window, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
        }
    }
    glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);  // the pointer highlight replaces it
}

void leave_presentation(Presentation& p, GLFWwindow* window) {
    if (!p.active) return;
    p.active = false;
    if (glfwGetWindowMonitor(window)) glfwSetWindowMonitor(window, nullptr, p.win_x, p.win_y, p.win_w, p.win_h, 0);
    glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_NORMAL);
}

bool presenting(const Presentation& p) { return p.active; }
bool presentation_animating(const Presentation& p) { return p.anim.active || p.from >= 0; }

void presentation_step(Presentation& p, int delta, double now) {
    int n = int(p.scenes.size());
    go_to(p, std::clamp(p.current + delta, 0, n - 1), now);
}

void presentation_record_frame(Presentation& p, double ms) {
    p.bench = true;
    if (!presentation_animating(p)) return;
    p.transition_ms.push_back(ms);
    int from = p.from >= 0 ? p.from : p.last_from;
    p.last_from = from;
    auto& t = p.per_transition[{from, p.current}];
    t.first += ms, ++t.second;
}

std::string presentation_bench_summary(const Presentation& p) {
    if (p.transition_ms.empty()) return "present bench: no frames during transitions";
    std::vector<double> v = p.transition_ms;
    std::sort(v.begin(), v.end());
    double mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    double p95 = v[std::min(v.size() - 1, size_t(double(v.size()) * 0.95))];
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "present bench: %zu frames in %d transitions, mean %.2f ms (%.1f fps), p95 %.2f ms, max %.2f ms",
                  v.size(), p.transitions, mean, 1000.0 / mean, p95, v.back());
    std::string out = buf;
    double n = double(v.size());
    std::snprintf(buf, sizeof buf,
                  "\npresent bench phases (ms/transition frame): furniture %.2f, map %.2f, label placement %.2f, text %.2f",
                  p.phase_ms[0] / n, p.phase_ms[1] / n, p.phase_ms[2] / n, p.phase_ms[3] / n);
    out += buf;
    for (const auto& [ft, t] : p.per_transition) {
        std::snprintf(buf, sizeof buf, "\n  slide %d -> %d: %d frames, mean %.1f ms", ft.first + 1, ft.second + 1, t.second,
                      t.first / t.second);
        out += buf;
    }
    return out;
}

std::string save_view_to_deck(const std::string& deck_path, const Camera& cam, const Scene& s, const std::string& scene_ref,
                              bool& ok) {
    ok = false;
    try {
        Projector projector(s.projection);
        // The view's edges, sampled, in lon/lat: the box the new slide's extent asks for.
        std::vector<Vec2> pts;
        for (int i = 0; i <= 20; ++i) {
            double t = i / 20.0;
            for (Vec2 sp : {Vec2{t * cam.width, 0}, Vec2{t * cam.width, double(cam.height)}, Vec2{0, t * cam.height},
                            Vec2{double(cam.width), t * cam.height}})
                pts.push_back(screen_to_map(cam, sp));
        }
        projector.inverse(pts);
        SavedSlide saved;
        for (Vec2 q : pts)
            if (std::isfinite(q.x) && std::isfinite(q.y)) saved.extent.add(q);
        saved.scene_ref = scene_ref;
        saved.title = s.title.empty() ? "视图" : s.title + " · 视图";
        saved.caption = s.caption;
        // Hidden layers a slide can name: its scene file's, or base layers (files opened in the
        // desk viewer are not part of a deck).
        for (const auto& l : s.layers) {
            std::string id = app::own_layer_id(l.id);
            bool base = std::find(std::begin(kBaseLayers), std::end(kBaseLayers), id) != std::end(kBaseLayers);
            if (!app::layout_key_of(id).empty() && scene_ref.empty()) continue;  // named by `layouts`
            if (!l.visible && l.data && (base || !scene_ref.empty())) saved.hide.push_back(id);
        }
        if (scene_ref.empty()) {  // an inline slide or the desk viewer: name the base layers shown
            for (const char* id : kBaseLayers)
                for (const auto& l : s.layers)
                    if (app::own_layer_id(l.id) == id) saved.basemap.push_back(id);
            saved.labels = s.labels;
            for (const auto& l : s.layers) {
                std::string key = app::layout_key_of(app::own_layer_id(l.id));
                if (l.visible && !key.empty() && std::find(saved.layouts.begin(), saved.layouts.end(), key) == saved.layouts.end())
                    saved.layouts.push_back(key);
            }
        }
        append_slide(deck_path, saved);
        ok = true;
        return "saved the view as a new slide of " + deck_path;
    } catch (const std::exception& e) {
        return std::string("cannot save the view: ") + e.what();
    }
}

std::string presentation_save_view(Presentation& p, bool& ok) {
    ok = false;
    if (p.scenes.empty()) return "nothing to save";
    std::string msg = save_view_to_deck(p.deck_path, p.camera, p.scenes[size_t(p.current)],
                                        p.deck.slides[size_t(p.current)].scene_ref, ok);
    if (!ok) return msg;
    try {
        p.deck = load_deck(p.deck_path);
        load_one(p, p.deck.slides.size() - 1);
    } catch (const std::exception& e) {
        return msg + ", but cannot reload the deck: " + e.what();
    }
    return "saved as slide " + std::to_string(p.deck.slides.size()) + " of " + p.deck_path;
}

bool presentation_frame(Presentation& p, const PresentFrame& f) {
    if (p.scenes.empty()) return false;
    const int n = int(p.scenes.size());
    if (f.keys) {
        using app::SlideKey;
        auto pressed = [](int key) { return ImGui::IsKeyPressed(key); };
        if (pressed(GLFW_KEY_ESCAPE)) return false;
        int target = p.current;
        if (pressed(GLFW_KEY_RIGHT) || pressed(GLFW_KEY_DOWN) || pressed(GLFW_KEY_SPACE) || pressed(GLFW_KEY_PAGE_DOWN) ||
            pressed(GLFW_KEY_ENTER))
            target = app::slide_after(p.current, SlideKey::Next, n);
        if (pressed(GLFW_KEY_LEFT) || pressed(GLFW_KEY_UP) || pressed(GLFW_KEY_PAGE_UP) || pressed(GLFW_KEY_BACKSPACE))
            target = app::slide_after(p.current, SlideKey::Previous, n);
        if (pressed(GLFW_KEY_HOME)) target = app::slide_after(p.current, SlideKey::First, n);
        if (pressed(GLFW_KEY_END)) target = app::slide_after(p.current, SlideKey::Last, n);
        go_to(p, target, f.now);
        if (pressed(GLFW_KEY_S)) {
            bool ok = false;
            p.message = presentation_save_view(p, ok);
            p.message_until = f.now + 4;
        }
    }

    ensure_furniture(p, f.fbw, f.fbh);
    // Camera: fitted to the window on entering or when the window changes size.
    Camera target = slide_camera(p, p.current, f.fbw, f.fbh, p.camera);
    if (!p.have_camera || (!p.anim.active && (p.camera.width != f.fbw || p.camera.height != f.fbh))) {
        p.camera = target;
        p.anim.active = false;
        p.have_camera = true;
    }
    p.anim.to = target;
    p.anim.from.width = p.anim.to.width = f.fbw;
    p.anim.from.height = p.anim.to.height = f.fbh;
    p.camera = p.anim.active ? app::animate(p.anim, f.now) : target;
    double e = p.from >= 0 ? app::ease_out_cubic((f.now - p.fade_start) / p.duration) : 1.0;
    if (e >= 1) p.from = -1;

    auto frame_t0 = std::chrono::steady_clock::now();
    Scene& slide = p.scenes[size_t(p.current)];
    const float k = furniture_scale(f.fbh);
    // A Projector makes a PROJ context (milliseconds): one per projection, kept.
    auto& projector_ptr = p.projectors[slide.projection == ProjectionKind::Albers ? 0 : 1];
    if (!projector_ptr) projector_ptr = std::make_unique<Projector>(slide.projection);
    const Projector& projector = *projector_ptr;
    bool has_map = !p.extents[size_t(p.current)].empty();  // an error page has no scale
    Furniture furn = p.furn[size_t(p.current)];
    if (has_map) add_scale_bar(slide, *p.r.atlas, ground_metres_per_pixel(p.camera, projector), furn);
    std::vector<std::array<float, 4>> keep_clear;
    for (const Rect& b : {furn.title, furn.legend, furn.scale_bar, furn.north_arrow, furn.source})
        if (b.w > 0) keep_clear.push_back({b.x, b.y, b.x + b.w, b.y + b.h});

    // The slide counter, top right beside the north arrow.
    {
        const Rgba ink{25, 25, 25, 255}, panel{255, 255, 255, 225};
        std::string counter = std::to_string(p.current + 1) + " / " + std::to_string(n);
        int px = int(std::lround(15 * k));
        TextMetrics m = p.r.atlas->measure(counter, px);
        float x = f.fbw - 16 * k - 56 * k - m.width, y = 16 * k;
        add_box(*p.r.atlas, x - 8 * k, y, m.width + 16 * k, m.ascent + m.descent + 10 * k, panel, furn.quads);
        layout_text(*p.r.atlas, counter, px, 0, x, y + 5 * k + m.ascent, ink, {0, 0, 0, 0}, furn.quads);
        keep_clear.push_back({x - 8 * k, y, x + m.width + 8 * k, y + m.ascent + m.descent + 10 * k});
        if (f.now < p.message_until) {
            TextMetrics mm = p.r.atlas->measure(p.message, px);
            float mx = (f.fbw - mm.width) * 0.5f, my = f.fbh * 0.5f;
            add_box(*p.r.atlas, mx - 12 * k, my - mm.ascent - 8 * k, mm.width + 24 * k, mm.ascent + mm.descent + 16 * k, panel,
                    furn.quads);
            layout_text(*p.r.atlas, p.message, px, 0, mx, my, ink, {0, 0, 0, 0}, furn.quads);
        }
    }

    const float ratio = f.fb_ratio * 1.25f;  // map labels a little larger than on the desk
    // --bench-frames: where a transition frame's time goes (glFinish between the phases).
    auto phase_t = frame_t0;
    auto phase = [&](int k) {
        if (!p.bench || !presentation_animating(p)) return;
        glFinish();
        auto t = std::chrono::steady_clock::now();
        double d = std::chrono::duration<double, std::milli>(t - phase_t).count();
        p.phase_ms[k] += d;
        phase_t = t;
    };
    phase(0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    Scene mix;
    if (p.from >= 0) mix = app::mix_slides(p.scenes[size_t(p.from)], slide, e);
    const Scene& shown = p.from >= 0 ? mix : slide;
    draw_map(p.r, shown, p.camera, ratio);
    phase(1);
    if (shown.labels) {
        auto labels = place_scene_labels(shown, p.camera, *p.r.atlas, ratio, nullptr, keep_clear);
        phase(2);
        draw_text(p.r.text, *p.r.atlas, p.r.text_program, p.r.corner01_vbo, labels, Vec2{0, 0}, f.fbw, f.fbh);
    }
    draw_text(p.r.text, *p.r.atlas, p.r.text_program, p.r.corner01_vbo, furn.quads, Vec2{0, 0}, f.fbw, f.fbh);
    phase(3);

    // Pointer highlight: a soft spot with a ring, in ImGui's (logical) coordinates.
    if (f.pointer) {
        ImDrawList* dl = ImGui::GetForegroundDrawList();
        ImVec2 c(float(f.mouse.x / f.fb_ratio), float(f.mouse.y / f.fb_ratio));
        float rad = 26.0f * k / f.fb_ratio;
        dl->AddCircleFilled(c, rad * 1.35f, IM_COL32(255, 200, 0, 30), 48);
        dl->AddCircleFilled(c, rad, IM_COL32(255, 200, 0, 70), 48);
        dl->AddCircle(c, rad, IM_COL32(230, 120, 0, 220), 48, 3.0f * k / f.fb_ratio);
        dl->AddCircleFilled(c, 3.0f * k / f.fb_ratio, IM_COL32(230, 90, 0, 255), 12);
    }
    return true;
}

}  // namespace pv
