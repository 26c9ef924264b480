#include "app/viewer.hpp"

#include <glad/gl.h>
// GLFW after glad: glad provides the GL declarations.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui/backends/imgui_impl_glfw.h>
#include <imgui/backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/indicator_panels.hpp"
#include "app/model.hpp"
#include "app/presentation.hpp"
#include "app/plans_panel.hpp"
#include "app/strings.hpp"
#include "data/error.hpp"
#include "data/paths.hpp"
#include "data/vector_source.hpp"
#include "output/furniture.hpp"
#include "output/export.hpp"
#include "output/png_writer.hpp"
#include "render/glyph_atlas.hpp"
#include "render/renderer.hpp"
#include "scene/basemap.hpp"
#include "scene/scene_file.hpp"

namespace pv {

namespace {

using app::Str;

// One pickable level: counties or prefectures, with what hover and search need, built once.
struct Level {
    std::string layer_id;
    std::shared_ptr<Layer> data;
    std::vector<Bounds> boxes;
    std::vector<double> area_km2;
};

struct Toast {
    std::string text;
    double until = 0;
    bool error = false;
};

// Everything the UI is a function of.
struct AppState {
    Scene scene;
    Camera camera;  // shown this frame
    Camera home;
    app::CameraAnim anim;
    double min_scale = 1, max_scale = 1e9;
    Vec2 cursor_lonlat{NAN, NAN};
    bool english = false;
    int level = 0;  // 0 counties, 1 prefectures
    Level levels[2];
    std::vector<app::SearchEntry> entries;
    char search[256] = "";
    char open_path[1024] = "";
    bool open_dialog = false;
    int hover = -1;        // feature of the active level under the cursor
    int selected = -1;     // feature of selected_level
    int selected_level = 0;
    std::vector<Toast> toasts;
    int opened = 0;  // counter for unique layer ids
    double tolerance = 0;
    bool font_dirty = false;  // an opened file brought text the UI font may lack
    float font_px = 16;
    app::IndicatorPanel indicators;
    app::TargetsPanel targets;
    app::PlansPanel plans;  // plan layouts: toggles, selection, provenance
};

// Maps an indicator as a choropleth over the counties or prefectures (replacing the previous
// one); a table with problems is not drawn: its report opens in a window instead.
void show_indicator(AppState& st, Renderer& r, const IndicatorSpec& spec) {
    try {
        IndicatorJoin j = join_indicator(spec, "", *st.levels[0].data, *st.levels[1].data);
        if (!j.ok()) {
            st.indicators.report = describe_report(j);
            st.indicators.show_report = true;
            std::fprintf(stderr, "%s\n", st.indicators.report.c_str());
            return;
        }
        SceneLayer l = choropleth_layer(spec, j, j.level == "county" ? st.levels[0].data : st.levels[1].data, "indicator");
        upload_layer(r, l, st.tolerance);
        st.level = j.level == "county" ? 0 : 1;
        st.font_dirty = true;
        if (SceneLayer* old = st.scene.find("indicator")) *old = std::move(l);
        else {
            auto at = std::find_if(st.scene.layers.begin(), st.scene.layers.end(), [](const SceneLayer& x) { return x.id == "lakes"; });
            st.scene.layers.insert(at, std::move(l));
        }
        std::printf("indicator: %s / %s (%s)\n", spec.table.c_str(), spec.field.c_str(), j.level.c_str());
    } catch (const std::exception& e) {
        st.indicators.report = e.what();
        st.indicators.show_report = true;
        std::fprintf(stderr, "planview: %s\n", e.what());
    }
}

std::vector<std::string> g_dropped;  // filled by the GLFW drop callback, drained each frame

void on_drop(GLFWwindow*, int count, const char** paths) {
    for (int i = 0; i < count; ++i) g_dropped.emplace_back(paths[i]);
}

int export_instead(const Projector& projector) {
    std::string out = "planview-shanxi.png";
    Scene s = default_scene(maps_dir(), projector);
    ExportReport rep = export_png(s, out);
    std::printf(
        "No display found, so the embedded Shanxi map was exported instead:\n  %s (%dx%d px)\n"
        "To open the viewer, run planview on a desktop session (or under Xvfb: xvfb-run -a planview).\n",
        out.c_str(), rep.width, rep.height);
    return 0;
}

ImFont* load_ui_font(const Scene& scene, float size, const std::string& extra_text = {}) {
    // The stock CJK ranges miss characters of Shanxi names (猗稷绛垣芮汾沁朔忻潞漳滹...): build
    // the ranges from the strings actually shown: the UI table, layer titles, every attribute.
    ImGuiIO& io = ImGui::GetIO();
    static ImVector<ImWchar> ranges;
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    for (const auto& s : app::kStrings) b.AddText(s.zh), b.AddText(s.en);
    for (const auto& t : app::kLayerTitles) b.AddText(t.title.zh), b.AddText(t.title.en);
    b.AddText("°·…—×²（）〔〕、，。；：");
    // Indicator and plan tables: their names, units and notes appear in the panels and legends.
    // (A PLANVIEW_HOME without them is fine: nothing to add.)
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(planview_home()) / "data" / "indicators", ec)) {
        std::ifstream in(e.path(), std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        b.AddText(text.c_str());
    }
    b.AddText(app::indicator_panel_text());
    b.AddText(extra_text.c_str());
    for (const auto& l : scene.layers) {
        b.AddText(l.title.c_str());
        for (const auto& n : l.legend_note) b.AddText(n.c_str());  // indicator legends
        if (!l.data) continue;
        for (const auto& feat : l.data->features)
            for (const auto& v : feat.attrs)
                if (std::holds_alternative<std::string>(v)) b.AddText(std::get<std::string>(v).c_str());
    }
    ranges.clear();  // BuildRanges appends: a rebuild must start empty
    b.BuildRanges(&ranges);
    return io.Fonts->AddFontFromFileTTF(default_font_path().c_str(), size, nullptr, ranges.Data);
}

Level make_level(const Scene& s, const std::string& id) {
    Level lv;
    lv.layer_id = id;
    const SceneLayer* l = s.find(id);
    if (!l || !l->data) return lv;
    lv.data = l->data;
    lv.boxes = app::feature_boxes(*l->data);
    for (const auto& f : l->data->features) lv.area_km2.push_back(app::even_odd_area(f.xy) / 1e6);
    return lv;
}

void build_search_entries(AppState& st) {
    for (int lvl = 0; lvl < 2; ++lvl)
        if (st.levels[lvl].data) app::add_search_entries(st.entries, *st.levels[lvl].data, lvl);
}

void toast(AppState& st, double now, std::string text, bool error) {
    st.toasts.push_back({std::move(text), now + (error ? 10.0 : 4.0), error});
}

// A scene file's own layers (an indicator map, a heat map, plan layouts) join the map, each at
// its place in that scene's order relative to the base layers both share.
void open_scene(AppState& st, Renderer& r, const Projector& projector, const std::string& path, double now) {
    Scene loaded = load_scene_file(path);
    if (loaded.projection != st.scene.projection) reproject_scene(loaded, projector);
    size_t added = 0;
    for (size_t i = 0; i < loaded.layers.size(); ++i) {
        SceneLayer& l = loaded.layers[i];
        if (st.scene.find(l.id)) continue;  // a base layer the viewer already shows
        auto at = st.scene.layers.end();
        for (size_t j = i + 1; j < loaded.layers.size() && at == st.scene.layers.end(); ++j)
            at = std::find_if(st.scene.layers.begin(), st.scene.layers.end(),
                              [&](const SceneLayer& x) { return x.id == loaded.layers[j].id; });
        upload_layer(r, l, st.tolerance);
        st.scene.layers.insert(at, std::move(l));
        ++added;
    }
    st.font_dirty = true;
    std::printf("opened scene: %s (%zu layers)\n", path.c_str(), added);
    toast(st, now, std::string(tr(Str::OpenButton, st.english)) + ": " + (loaded.title.empty() ? path : loaded.title) + " (" +
                       std::to_string(added) + ")", false);
}

// Opens any GDAL vector file as a new layer styled by its geometry kind, or a scene file's layers;
// errors become toasts.
void open_layer(AppState& st, Renderer& r, const Projector& projector, const std::string& path, double now) {
    try {
        if (std::filesystem::path(path).extension() == ".toml") return open_scene(st, r, projector, path, now);
        SceneLayer l;
        l.data = std::make_shared<Layer>(read_vector_layer(path, "", projector));
        l.id = "file:" + std::to_string(++st.opened) + ":" + path;
        l.title = std::filesystem::path(path).filename().string();
        static const Rgba palette[] = {{214, 39, 40, 255}, {31, 119, 180, 255}, {44, 160, 44, 255}, {148, 103, 189, 255}};
        Rgba c = palette[(st.opened - 1) % 4];
        switch (l.data->kind) {
            case GeomKind::Polygon:
                l.kind = LayerKind::Fill, l.fill = with_alpha(c, 0.35f), l.stroke = c, l.stroke_width = 1.2f;
                break;
            case GeomKind::Line: l.kind = LayerKind::Line, l.stroke = c, l.stroke_width = 1.5f; break;
            case GeomKind::Point:
                l.kind = LayerKind::Circle, l.fill = c, l.stroke = {255, 255, 255, 255}, l.stroke_width = 1, l.symbol_size = 7;
                break;
            default: throw Error(path + ": no geometry to draw");
        }
        if (l.data->field_index("name") >= 0) l.label = {"name", 11, {40, 40, 40, 255}, {255, 255, 255, 220}, 1.2f, 1};
        upload_layer(r, l, st.tolerance);
        st.font_dirty = true;
        std::printf("opened: %s (%zu features)\n", path.c_str(), l.data->features.size());
        toast(st, now, std::string(tr(Str::OpenButton, st.english)) + ": " + path + " (" +
                           std::to_string(l.data->features.size()) + ")", false);
        st.scene.layers.push_back(std::move(l));
    } catch (const std::exception& e) {
        st.font_dirty = true;        // the message may hold characters the UI font lacks
        std::string why = e.what();  // pv::Error usually names the file already
        toast(st, now, std::string(tr(Str::CannotOpen, st.english)) + " " + (why.rfind(path, 0) == 0 ? why : path + ": " + why),
              true);
        std::fprintf(stderr, "planview: cannot open %s: %s\n", path.c_str(), e.what());
    }
}

Camera clamp_scale(const AppState& st, Camera c) {
    c.scale = std::clamp(c.scale, st.min_scale, st.max_scale);
    return c;
}

void fly_to_feature(AppState& st, int lvl, size_t feature, double now) {
    const Level& L = st.levels[lvl];
    if (!L.data || feature >= L.boxes.size()) return;
    Camera target = fit_camera(L.boxes[feature], st.camera.width, st.camera.height, 0.25);
    target = clamp_scale(st, target);
    app::animate_to(st.anim, st.camera, target, now, 0.22);
    st.selected = int(feature), st.selected_level = lvl;
}

// Zoom by `factor` about a screen point, animated; repeated wheel steps accumulate.
void zoom_animated(AppState& st, Vec2 anchor, double factor, double now) {
    app::animate_to(st.anim, st.camera, app::zoom_target(st.camera, st.anim.to, anchor, factor, st.min_scale, st.max_scale),
                    now, 0.2);
}

void pan_animated(AppState& st, Vec2 delta, double now) {
    Camera target = pan_by_pixels(st.anim.to, delta);
    app::animate_to(st.anim, st.camera, target, now, 0.18);
}

void set_camera_now(AppState& st, const Camera& c) {
    st.camera = c;
    st.anim.to = c;
    st.anim.active = false;
}

std::string fmt_area(double km2) {
    char buf[64];
    std::snprintf(buf, sizeof buf, km2 >= 100 ? "%.0f km²" : "%.1f km²", km2);
    return buf;
}

// Name, code(s), prefecture, area, status, note of one feature of a level.
void feature_summary(const AppState& st, int lvl, size_t i) {
    const Level& L = st.levels[lvl];
    const Layer& d = *L.data;
    const Feature& f = d.features[i];
    bool en = st.english;
    ImGui::TextUnformatted(d.text(f, "name").c_str());
    ImGui::Separator();
    std::string codes = d.field_index("codes") >= 0 ? d.text(f, "codes") : std::string();
    ImGui::Text("%s: %s", tr(Str::Code, en), d.text(f, "code").c_str());
    if (!codes.empty() && codes != d.text(f, "code")) ImGui::Text("%s: %s", tr(Str::Codes, en), codes.c_str());
    if (d.field_index("prefecture_name") >= 0)
        ImGui::Text("%s: %s", tr(Str::PrefectureName, en), d.text(f, "prefecture_name").c_str());
    ImGui::Text("%s: %s", tr(Str::Area, en), fmt_area(L.area_km2[i]).c_str());
    if (d.field_index("status") >= 0) ImGui::Text("%s: %s", tr(Str::Status, en), d.text(f, "status").c_str());
    std::string note = d.field_index("note") >= 0 ? d.text(f, "note") : std::string();
    if (!note.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 22);
        ImGui::Text("%s: %s", tr(Str::Note, en), note.c_str());
        ImGui::PopTextWrapPos();
    }
}

bool parse_lonlat(const std::string& s, Vec2& out) { return std::sscanf(s.c_str(), "%lf,%lf", &out.x, &out.y) == 2; }

}  // namespace

int run_viewer(int argc, char** argv) {
    int frames = -1, width = 1600, height = 1000, bench = 0;
    std::string targets_arg, indicator_arg;
    std::string screenshot, search_arg, level_arg, plans_arg, select_element_arg;
    std::vector<std::string> layouts_arg;
    std::vector<std::string> files, hidden;
    Vec2 hover_ll{NAN, NAN};
    bool have_hover = false, english = false, select_hover = false;
    double zoom_arg = 1;
    std::string deck_arg;  // presentation mode (app/presentation.hpp)
    bool present_arg = false, windowed = false, save_view_arg = false;
    int slide_arg = 1, advance_arg = 0;
    Vec2 pointer_arg{NAN, NAN};
    int msaa = -1;  // default: 4, or 0 on a software rasteriser (llvmpipe)
    const char* usage =
        "usage: planview [FILE...] [--size WxH] [--frames N --screenshot FILE] [--bench-frames N]\n"
        "                [--search TEXT] [--hover-lonlat LON,LAT] [--click] [--zoom F] [--level county|prefecture]\n"
        "                [--english] [--msaa N] [--hide LAYER_ID] [--drop FILE]\n"
        "                [--deck FILE [--present] [--slide N] [--windowed] [--advance K] [--pointer X,Y] [--save-view]]\n"
        "                [--indicator TABLE:FIELD[:METHOD[:CLASSES]]] [--targets PLAN]   e.g. census_2020_county:population, 000\n"
        "                [--plans DIR] [--layouts 000/yihe-sanyi-qizhidian,004] [--select-element 000/yihe-sanyi-qizhidian:1]\n"
        "       (presenting: arrows/Space/PageUp/PageDown/Home/End move, S saves the view as a slide, Esc leaves;\n"
        "        F5 or P starts presenting the deck)\n"
        "       planview export --help\n";
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--frames" && i + 1 < argc) frames = std::atoi(argv[++i]);
        else if (a == "--screenshot" && i + 1 < argc) screenshot = argv[++i];
        else if (a == "--size" && i + 1 < argc) std::sscanf(argv[++i], "%dx%d", &width, &height);
        else if (a == "--bench-frames" && i + 1 < argc) bench = std::atoi(argv[++i]);
        else if (a == "--search" && i + 1 < argc) search_arg = argv[++i];
        else if (a == "--hover-lonlat" && i + 1 < argc) have_hover = parse_lonlat(argv[++i], hover_ll);
        else if (a == "--click") select_hover = true;
        else if (a == "--zoom" && i + 1 < argc) zoom_arg = std::atof(argv[++i]);
        else if (a == "--level" && i + 1 < argc) level_arg = argv[++i];
        else if (a == "--english") english = true;
        else if (a == "--hide" && i + 1 < argc) hidden.push_back(argv[++i]);
        else if (a == "--drop" && i + 1 < argc) g_dropped.push_back(argv[++i]);  // as if dragged onto the window
        else if (a == "--msaa" && i + 1 < argc) msaa = std::atoi(argv[++i]);
        else if (a == "--deck" && i + 1 < argc) deck_arg = argv[++i];
        else if (a == "--present") present_arg = true;
        else if (a == "--save-view") save_view_arg = true;  // as if S were pressed on the last frame
        else if (a == "--windowed") windowed = true;
        else if (a == "--slide" && i + 1 < argc) slide_arg = std::atoi(argv[++i]);
        else if (a == "--advance" && i + 1 < argc) advance_arg = std::atoi(argv[++i]);
        else if (a == "--pointer" && i + 1 < argc) std::sscanf(argv[++i], "%lf,%lf", &pointer_arg.x, &pointer_arg.y);
        else if (a == "--targets" && i + 1 < argc) targets_arg = argv[++i];
        else if (a == "--indicator" && i + 1 < argc) indicator_arg = argv[++i];
        else if (a == "--plans" && i + 1 < argc) plans_arg = argv[++i];
        else if (a == "--select-element" && i + 1 < argc) select_element_arg = argv[++i];
        else if (a == "--layouts" && i + 1 < argc) {
            std::string list = argv[++i];
            for (size_t start = 0; start <= list.size();) {
                size_t end = list.find(',', start);
                std::string ref = list.substr(start, end == std::string::npos ? std::string::npos : end - start);
                if (!ref.empty()) layouts_arg.push_back(ref);
                if (end == std::string::npos) break;
                start = end + 1;
            }
        }
        else if (a == "--help" || a == "-h") {
            std::printf("%s", usage);
            return 0;
        } else if (!a.empty() && a[0] != '-') files.push_back(a);
        else {
            std::fprintf(stderr, "planview: unknown argument '%s'\n%s", a.c_str(), usage);
            return 2;
        }
    }
    if (bench > 0 && frames < 0) frames = bench + 10;
    try {
        Projector projector(ProjectionKind::Albers);
        if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) return export_instead(projector);
        if (!glfwInit()) return export_instead(projector);

        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_STENCIL_BITS, 8);
        glfwWindowHint(GLFW_DEPTH_BITS, 0);  // the map uses the stencil only (depth costs on llvmpipe)
        glfwWindowHint(GLFW_SAMPLES, msaa < 0 ? 4 : msaa);
        GLFWwindow* window = glfwCreateWindow(width, height, "PlanView — 山西", nullptr, nullptr);
        if (!window) throw Error("cannot open a window with OpenGL 3.3 core");
        glfwMakeContextCurrent(window);
        if (msaa < 0) {
            // 4x MSAA more than doubles the frame time of a software rasteriser: without it there.
            auto get_string = reinterpret_cast<const unsigned char* (*)(unsigned)>(glfwGetProcAddress("glGetString"));
            const char* renderer = get_string ? reinterpret_cast<const char*>(get_string(0x1F01 /* GL_RENDERER */)) : nullptr;
            if (renderer && (std::strstr(renderer, "llvmpipe") || std::strstr(renderer, "softpipe") ||
                             std::strstr(renderer, "SwiftShader"))) {
                glfwMakeContextCurrent(nullptr);
                glfwDestroyWindow(window);
                glfwWindowHint(GLFW_SAMPLES, 0);
                window = glfwCreateWindow(width, height, "PlanView — 山西", nullptr, nullptr);
                if (!window) throw Error("cannot open a window with OpenGL 3.3 core");
                glfwMakeContextCurrent(window);
            }
        }
        glfwSwapInterval(bench > 0 ? 0 : 1);
        if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(glfwGetProcAddress))) throw Error("cannot load OpenGL 3.3 core");
        glfwSetDropCallback(window, on_drop);

        AppState st;
        st.english = english;
        st.level = level_arg == "prefecture" ? 1 : 0;
        st.scene = default_scene(maps_dir(), projector);
        st.scene.furniture = false;
        st.levels[0] = make_level(st.scene, "counties");
        st.levels[1] = make_level(st.scene, "prefectures");
        build_search_entries(st);
        Renderer r;
        init_renderer(r);
        int fbw, fbh;
        glfwGetFramebufferSize(window, &fbw, &fbh);
        st.home = fit_camera(scene_extent_xy(st.scene, projector), fbw, fbh, 0.03);
        st.min_scale = 2.0;                   // 2 m per pixel: street level is plenty for county maps
        st.max_scale = st.home.scale * 4;     // the whole province a quarter of the window
        set_camera_now(st, st.home);
        st.tolerance = st.home.scale * 0.05;
        upload_scene(r, st.scene, st.tolerance);  // once per data change, not per frame

        // Plan layouts: a bad layout file is listed in the panel and reported, never fatal.
        for (const auto& m : app::init_plans_panel(st.plans, plans_dir_from(plans_arg), layouts_arg)) {
            toast(st, 0, m, true);
            std::fprintf(stderr, "planview: %s\n", m.c_str());
        }
        app::apply_all_layouts(st.plans, st.scene, r, projector, st.tolerance);
        if (!select_element_arg.empty()) {
            size_t colon = select_element_arg.rfind(':');
            if (colon != std::string::npos)
                app::select_element(st.plans, select_element_arg.substr(0, colon),
                                    std::atol(select_element_arg.c_str() + colon + 1), english);
        }
        for (const auto& f : files) open_layer(st, r, projector, f, 0);
        if (!indicator_arg.empty()) {
            IndicatorSpec spec;
            std::vector<std::string> parts;
            for (size_t a = 0, b; a <= indicator_arg.size(); a = b + 1) {
                b = indicator_arg.find(':', a);
                if (b == std::string::npos) b = indicator_arg.size();
                parts.push_back(indicator_arg.substr(a, b - a));
            }
            spec.table = parts[0];
            if (parts.size() > 1) spec.field = parts[1];
            if (parts.size() > 2) spec.method = parse_class_method(parts[2] == "jenks" ? "natural_breaks" : parts[2]);
            if (parts.size() > 3) spec.classes = std::atoi(parts[3].c_str());
            show_indicator(st, r, spec);
            app::preset_picker(st.indicators, spec);
            st.indicators.open = true;
        }
        if (!targets_arg.empty()) {
            app::open_targets(st.targets, targets_arg);
            if (st.targets.view)
                std::printf("targets: %s (%zu indicators, %zu beside the province's)\n", targets_arg.c_str(),
                            st.targets.view->rows.size(), st.targets.view->paired);
            else
                std::fprintf(stderr, "planview: %s\n", st.targets.error.c_str());
        }
        for (const auto& id : hidden)
            if (SceneLayer* l = st.scene.find(id)) l->visible = false;

        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        float xscale = 1, yscale = 1;
        glfwGetWindowContentScale(window, &xscale, &yscale);
        {
            int ww, wh;
            glfwGetWindowSize(window, &ww, &wh);
            float ratio = ww > 0 ? float(fbw) / ww : 1.0f;
            st.font_px = 16.0f * std::max(xscale, ratio);
            load_ui_font(st.scene, st.font_px, app::plans_panel_text(st.plans));
            st.font_dirty = false;
            if (ratio > 1.01f) io.FontGlobalScale = 1.0f / ratio;           // macOS-style: points != pixels
            else if (xscale > 1.01f) ImGui::GetStyle().ScaleAllSizes(xscale);  // X11/Windows: pixels, scaled UI
        }
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        PresentationPtr pres;
        if (!deck_arg.empty()) {
            try {
                pres = open_presentation(deck_arg, slide_arg - 1);
            } catch (const std::exception& e) {
                toast(st, 0, std::string("deck: ") + e.what(), true);
                std::fprintf(stderr, "planview: %s\n", e.what());
            }
        }
        int bench_dir = 1;
        double bench_next = 1.0;

        auto t0 = std::chrono::steady_clock::now();
        auto clock = [&](int frame) {
            // Scripted runs (--frames) use a fixed 1/15 s step so animations end deterministically.
            if (frames >= 0 && bench == 0) return frame / 15.0;
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        };

        auto save_screenshot = [&] {
            std::vector<uint8_t> px(size_t(fbw) * fbh * 4), flipped(px.size());
            glPixelStorei(GL_PACK_ALIGNMENT, 1);
            glReadBuffer(GL_BACK);
            glReadPixels(0, 0, fbw, fbh, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
            for (int y = 0; y < fbh; ++y)
                std::memcpy(&flipped[size_t(y) * fbw * 4], &px[size_t(fbh - 1 - y) * fbw * 4], size_t(fbw) * 4);
            for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
            write_png_atomic(screenshot, flipped, fbw, fbh, 96);
            std::printf("screenshot: %s\n", screenshot.c_str());
        };
        int idle_frames = 0;  // frames since the last input: ImGui settles a frame or two after one
        double phase_ms[6] = {0, 0, 0, 0, 0, 0};
        auto phase_t = std::chrono::steady_clock::now();
        double bench_ms = 0;
        int bench_n = 0;
        for (int frame = 0; !glfwWindowShouldClose(window) && (frames < 0 || frame < frames); ++frame) {
            auto frame_start = std::chrono::steady_clock::now();
            // Idle: wait for input (a toast expiring is the only thing that changes on its own);
            // while animating or scripted, draw continuously.
            if (frames < 0 && !st.anim.active && idle_frames > 3 && !(pres && presentation_animating(*pres)))
                glfwWaitEventsTimeout(0.25);
            else glfwPollEvents();
            double now = clock(frame);
            if (st.font_dirty) {  // rebuild the glyph ranges with the new layer's names (between frames)
                ImGui_ImplOpenGL3_DestroyFontsTexture();
                io.Fonts->Clear();
                std::string shown = app::plans_panel_text(st.plans);
                for (const auto& t : st.toasts) shown += t.text;  // a scene's title, a file name
                load_ui_font(st.scene, st.font_px, shown);
                ImGui_ImplOpenGL3_CreateFontsTexture();
                st.font_dirty = false;
            }
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            glfwGetFramebufferSize(window, &fbw, &fbh);
            float fb_ratio = io.DisplaySize.x > 0 ? fbw / io.DisplaySize.x : 1.0f;
            if (fbw <= 0 || fbh <= 0) {  // minimised
                ImGui::Render();
                glfwSwapBuffers(window);
                continue;
            }
            st.camera.width = st.anim.to.width = st.anim.from.width = fbw;
            st.camera.height = st.anim.to.height = st.anim.from.height = fbh;
            st.home.width = fbw, st.home.height = fbh;
            st.camera = app::animate(st.anim, now);
            bool en = st.english;

            // Presentation mode: its own frame, no panels.
            if (pres && !presenting(*pres) && ((frame == 0 && present_arg) ||
                                               (!io.WantCaptureKeyboard && (ImGui::IsKeyPressed(GLFW_KEY_F5) || ImGui::IsKeyPressed(GLFW_KEY_P))))) {
                enter_presentation(*pres, window, !windowed, now);
                glfwGetFramebufferSize(window, &fbw, &fbh);
            }
            if (pres && presenting(*pres)) {
                if (frame == 1 && advance_arg) presentation_step(*pres, advance_arg, now);
                // The bench walks the deck forward and back, each move as soon as the last has ended.
                if (bench > 0 && frame >= 10 && !presentation_animating(*pres) && now >= bench_next) {
                    presentation_step(*pres, bench_dir, now);
                    if (!presentation_animating(*pres)) bench_dir = -bench_dir, presentation_step(*pres, bench_dir, now);
                    bench_next = now + 0.1;
                }
                PresentFrame pf;
                pf.fbw = fbw, pf.fbh = fbh, pf.fb_ratio = fb_ratio, pf.now = now;
                pf.mouse = {io.MousePos.x * fb_ratio, io.MousePos.y * fb_ratio};
                pf.pointer = io.MousePos.x > -1e6 && frames < 0;
                if (std::isfinite(pointer_arg.x)) pf.mouse = {pointer_arg.x * fb_ratio, pointer_arg.y * fb_ratio}, pf.pointer = true;
                bool stay = presentation_frame(*pres, pf);
                ImGui::Render();
                ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
                if (bench > 0) {
                    glFinish();
                    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count();
                    if (frame >= 10) bench_ms += ms, ++bench_n, presentation_record_frame(*pres, ms);
                }
                if (frames >= 0 && frame + 1 == frames && !screenshot.empty()) save_screenshot();
                if (frames >= 0 && frame + 1 == frames && save_view_arg) {
                    bool ok = false;
                    std::printf("%s\n", presentation_save_view(*pres, ok).c_str());
                }
                glfwSwapBuffers(window);
                idle_frames = presentation_animating(*pres) ? 0 : idle_frames + 1;
                if (!stay) leave_presentation(*pres, window);
                continue;
            }

            // Scripted actions (command line), on the first frame.
            if (frame == 0) {
                if (zoom_arg != 1) set_camera_now(st, zoom_about(st.camera, {fbw * 0.5, fbh * 0.5}, zoom_arg, st.min_scale, st.max_scale));
                if (!search_arg.empty()) {
                    std::snprintf(st.search, sizeof st.search, "%s", search_arg.c_str());
                    auto hits = app::search_units(st.entries, st.search);
                    if (!hits.empty()) {
                        const auto& e = st.entries[hits[0].entry];
                        fly_to_feature(st, e.level, e.feature, now);
                    }
                }
            }
            for (const auto& p : g_dropped) {
                if (app::is_table_file(p)) {  // a table has no geometry: pick its field in the indicator panel
                    std::snprintf(st.indicators.user_path, sizeof st.indicators.user_path, "%s", p.c_str());
                    st.indicators.open = true;
                } else {
                    open_layer(st, r, projector, p, now);
                }
            }
            g_dropped.clear();

            bool input = io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 ||
                         io.InputQueueCharacters.Size > 0 || !g_dropped.empty();
            for (bool d : io.MouseDown) input = input || d;
            for (bool d : io.KeysDown) input = input || d;
            idle_frames = input ? 0 : idle_frames + 1;
            Vec2 mouse{io.MousePos.x * fb_ratio, io.MousePos.y * fb_ratio};
            bool mouse_on_map = !io.WantCaptureMouse && io.MousePos.x > -1e6;
            if (frames >= 0 && !have_hover) mouse_on_map = false;  // scripted runs: no stray pointer
            if (have_hover) {  // scripted hover: the point under a lon/lat
                mouse = map_to_screen(st.camera, projector.forward(hover_ll));
                mouse_on_map = true;
            }
            if (!io.WantCaptureMouse) {
                if (io.MouseWheel != 0) zoom_animated(st, mouse, std::pow(1.3, io.MouseWheel), now);
                if (ImGui::IsMouseDoubleClicked(0)) zoom_animated(st, mouse, 2.0, now);
                if (ImGui::IsMouseDragging(0, 2.0f)) {
                    ImVec2 d = io.MouseDelta;
                    set_camera_now(st, pan_by_pixels(st.camera, {d.x * fb_ratio, d.y * fb_ratio}));
                }
            }
            // Hover and selection on the active level.
            const Level& L = st.levels[st.level];
            st.hover = -1;
            if (mouse_on_map) {
                st.cursor_lonlat = projector.inverse(screen_to_map(st.camera, mouse));
                if (L.data) st.hover = app::hit_test(*L.data, L.boxes, st.camera, mouse);
            }
            if ((!io.WantCaptureMouse && ImGui::IsMouseReleased(0) && io.MouseDragMaxDistanceSqr[0] < 16) ||
                (select_hover && have_hover && frame == 0)) {
                // A plan element under the pointer wins over the county beneath it.
                if (auto hit = app::pick_layout_element(st.scene, st.camera, mouse, fb_ratio)) {
                    app::select_element(st.plans, hit->key, long(hit->element), en);
                    st.font_dirty = true;
                } else {
                    st.selected = st.hover, st.selected_level = st.level;
                }
            }
            if (!io.WantCaptureKeyboard) {
                double step = 100 * fb_ratio;
                if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) pan_animated(st, {step, 0}, now);
                if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) pan_animated(st, {-step, 0}, now);
                if (ImGui::IsKeyPressed(GLFW_KEY_UP)) pan_animated(st, {0, step}, now);
                if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) pan_animated(st, {0, -step}, now);
                Vec2 centre{fbw * 0.5, fbh * 0.5};
                if (ImGui::IsKeyPressed(GLFW_KEY_KP_ADD) || ImGui::IsKeyPressed(GLFW_KEY_EQUAL)) zoom_animated(st, centre, 1.5, now);
                if (ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT) || ImGui::IsKeyPressed(GLFW_KEY_MINUS))
                    zoom_animated(st, centre, 1 / 1.5, now);
                if (ImGui::IsKeyPressed(GLFW_KEY_HOME)) app::animate_to(st.anim, st.camera, st.home, now, 0.25);
            }

            // ---- UI ----
            if (ImGui::BeginMainMenuBar()) {
                if (ImGui::BeginMenu(tr(Str::File, en))) {
                    if (ImGui::MenuItem(tr(Str::Open, en))) st.open_dialog = true;
                    if (ImGui::MenuItem(en ? "Open a table (CSV/XLSX)…" : "打开数据表 (CSV/XLSX)…")) st.indicators.open = true;
                    ImGui::EndMenu();
                }
                if (ImGui::BeginMenu(tr(Str::View, en))) {
                    if (ImGui::MenuItem(tr(Str::Reset, en), "Home")) app::animate_to(st.anim, st.camera, st.home, now, 0.25);
                    if (pres && ImGui::MenuItem(en ? "Present the deck" : "放映幻灯片", "F5")) enter_presentation(*pres, window, !windowed, now);
                    if (ImGui::MenuItem(en ? "Save view as slide" : "将当前视图存为幻灯片")) {
                        // Into the open deck, or a deck of saved views in the current folder.
                        bool ok = false;
                        std::string msg = save_view_to_deck(deck_arg.empty() ? "planview-views.toml" : deck_arg, st.camera,
                                                            st.scene, "", ok);
                        toast(st, now, msg, !ok);
                        if (ok && pres) {
                            try {
                                pres = open_presentation(deck_arg, 0);
                            } catch (const std::exception& e) {
                                toast(st, now, e.what(), true);
                            }
                        }
                    }
                    ImGui::MenuItem(tr(Str::Labels, en), nullptr, &st.scene.labels);
                    if (ImGui::MenuItem(en ? "Indicator map…" : "指标地图…")) st.indicators.open = true;
                    for (const char* plan : {"000", "001", "002", "004"})
                        if (ImGui::MenuItem((std::string(en ? "Plan targets " : "规划目标 ") + plan).c_str())) app::open_targets(st.targets, plan);
                    ImGui::EndMenu();
                }
                ImGui::TextUnformatted(tr(Str::ActiveLevel, en));
                ImGui::RadioButton(tr(Str::County, en), &st.level, 0);
                ImGui::RadioButton(tr(Str::Prefecture, en), &st.level, 1);
                ImGui::Separator();
                if (ImGui::MenuItem(tr(Str::Language, en))) st.english = !st.english;
                ImGui::EndMainMenuBar();
            }
            float top = ImGui::GetFrameHeight() + 6;

            // Search.
            ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, top), ImGuiCond_FirstUseEver, ImVec2(1, 0));
            ImGui::SetNextWindowSize(ImVec2(320, 0), ImGuiCond_FirstUseEver);
            ImGui::Begin(tr(Str::Search, en), nullptr, ImGuiWindowFlags_AlwaysAutoResize);
            ImGui::SetNextItemWidth(300);
            bool enter = ImGui::InputTextWithHint("##q", tr(Str::SearchHint, en), st.search, sizeof st.search,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
            auto hits = app::search_units(st.entries, st.search, 12);
            if (st.search[0] && hits.empty()) ImGui::TextDisabled("%s", tr(Str::NoMatch, en));
            for (size_t k = 0; k < hits.size(); ++k) {
                const auto& e = st.entries[hits[k].entry];
                std::string row = e.name + "  " + (e.codes.empty() ? "" : e.codes[0]) + "  " +
                                  tr(e.level == 0 ? Str::County : Str::Prefecture, en);
                ImGui::PushID(int(k));
                if (ImGui::Selectable(row.c_str(), false) || (enter && k == 0)) {
                    st.level = e.level;
                    fly_to_feature(st, e.level, e.feature, now);
                }
                ImGui::PopID();
            }
            ImGui::End();

            // Layers: visibility, opacity, order (top of the list = drawn last = on top).
            ImGui::SetNextWindowPos(ImVec2(10, top), ImGuiCond_FirstUseEver);
            ImGui::Begin(tr(Str::Layers, en), nullptr, ImGuiWindowFlags_AlwaysAutoResize);
            int n = int(st.scene.layers.size()), move_from = -1, move_to = -1;
            for (int k = n - 1; k >= 0; --k) {
                auto& l = st.scene.layers[size_t(k)];
                if (!app::layout_key_of(l.id).empty()) continue;  // plan layouts: the Plans panel's
                ImGui::PushID(l.id.c_str());
                ImGui::Checkbox("##v", &l.visible);
                ImGui::SameLine();
                ImGui::SetNextItemWidth(90);
                ImGui::SliderFloat("##o", &l.opacity, 0.0f, 1.0f, "%.2f");
                ImGui::SameLine();
                if (ImGui::ArrowButton("##up", ImGuiDir_Up) && k + 1 < n) move_from = k, move_to = k + 1;
                ImGui::SameLine();
                if (ImGui::ArrowButton("##dn", ImGuiDir_Down) && k > 0) move_from = k, move_to = k - 1;
                ImGui::SameLine();
                ImGui::TextUnformatted(app::layer_title(l.id, l.title, en));
                ImGui::PopID();
            }
            if (move_from >= 0) std::swap(st.scene.layers[size_t(move_from)], st.scene.layers[size_t(move_to)]);
            ImGui::Separator();
            ImGui::Checkbox(tr(Str::Labels, en), &st.scene.labels);
            ImGui::End();

            // Plans: layouts by plan, toggles, provenance of the selected element.
            {
                std::string before = st.plans.sel_key + "#" + std::to_string(st.plans.sel_element);
                for (const auto& key : app::draw_plans_panel(st.plans, en, top))
                    app::apply_layout(st.plans, st.scene, r, key, projector, st.tolerance);
                if (before != st.plans.sel_key + "#" + std::to_string(st.plans.sel_element)) st.font_dirty = true;
            }

            // File → Open.
            if (st.open_dialog) {
                ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Appearing,
                                        ImVec2(0.5f, 0.5f));
                ImGui::Begin(tr(Str::Open, en), &st.open_dialog, ImGuiWindowFlags_AlwaysAutoResize);
                ImGui::SetNextItemWidth(460);
                bool go = ImGui::InputTextWithHint("##path", tr(Str::OpenPath, en), st.open_path, sizeof st.open_path,
                                                   ImGuiInputTextFlags_EnterReturnsTrue);
                if (ImGui::Button(tr(Str::OpenButton, en)) || go) {
                    g_dropped.push_back(app::trim(st.open_path));  // the same path as a dropped file: tables to the picker
                    st.open_dialog = false;
                }
                ImGui::SameLine();
                if (ImGui::Button(tr(Str::Close, en))) st.open_dialog = false;
                ImGui::End();
            }

            if (auto spec = app::indicator_picker(st.indicators, en)) show_indicator(st, r, *spec);
            app::table_report_window(st.indicators, en);
            if (const SceneLayer* il = st.scene.find("indicator")) app::indicator_legend_window(*il, en);
            app::targets_window(st.targets, en);

            // Info panel of the selection.
            if (st.selected >= 0 && st.levels[st.selected_level].data) {
                const Level& S = st.levels[st.selected_level];
                bool open = true;
                ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, io.DisplaySize.y * 0.4f), ImGuiCond_FirstUseEver,
                                        ImVec2(1, 0));
                ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 24, 0), ImGuiCond_FirstUseEver);
                ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(io.DisplaySize.x, io.DisplaySize.y * 0.6f - 50));  // above the status bar
                ImGui::Begin(tr(Str::Info, en), &open);
                feature_summary(st, st.selected_level, size_t(st.selected));
                if (ImGui::CollapsingHeader(tr(Str::Attributes, en), ImGuiTreeNodeFlags_DefaultOpen)) {
                    const Feature& f = S.data->features[size_t(st.selected)];
                    if (ImGui::BeginTable("attrs", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
                        ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed);
                        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
                        for (size_t k = 0; k < S.data->fields.size(); ++k) {
                            ImGui::TableNextRow();
                            ImGui::TableNextColumn();
                            ImGui::TextUnformatted(S.data->fields[k].c_str());
                            ImGui::TableNextColumn();
                            ImGui::TextWrapped("%s", value_to_string(f.attrs[k]).c_str());
                        }
                        ImGui::EndTable();
                    }
                }
                ImGui::End();
                if (!open) st.selected = -1;
            }

            // Hover tooltip, next to the cursor.
            if (st.hover >= 0 && L.data) {
                // Below right of the cursor, flipped to the other side near the right or bottom edge.
                float mx = float(mouse.x / fb_ratio), my = float(mouse.y / fb_ratio);
                bool left = mx > io.DisplaySize.x * 0.6f, up = my > io.DisplaySize.y * 0.5f;
                ImGui::SetNextWindowPos(ImVec2(mx + (left ? -18.0f : 18.0f), my + (up ? -18.0f : 18.0f)), ImGuiCond_Always,
                                        ImVec2(left ? 1.0f : 0.0f, up ? 1.0f : 0.0f));
                ImGui::SetNextWindowBgAlpha(0.92f);
                ImGui::Begin("##hover", nullptr,
                             ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoSavedSettings);
                feature_summary(st, st.level, size_t(st.hover));
                for (const auto& l : st.scene.layers)
                    if (l.visible && l.data == L.data && !l.feature_value.empty()) app::indicator_hover_lines(l, size_t(st.hover), en);
                ImGui::End();
            }

            // Toasts (errors stay longer), bottom right above the status bar.
            st.toasts.erase(std::remove_if(st.toasts.begin(), st.toasts.end(), [&](const Toast& t) { return t.until < now; }),
                            st.toasts.end());
            if (!st.toasts.empty()) {
                ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - 10, io.DisplaySize.y - 40), ImGuiCond_Always, ImVec2(1, 1));
                ImGui::SetNextWindowBgAlpha(0.9f);
                ImGui::Begin("##toasts", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                                      ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
                for (const auto& t : st.toasts) {
                    if (t.error) ImGui::TextColored(ImVec4(0.85f, 0.1f, 0.1f, 1), "%s: %s", tr(Str::Error, en), t.text.c_str());
                    else ImGui::TextUnformatted(t.text.c_str());
                }
                ImGui::PopTextWrapPos();
                ImGui::End();
            }

            // Status bar: cursor lon/lat, projection, live scale bar at the map centre.
            float bar_h = ImGui::GetFrameHeight() + 8;
            ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - bar_h));
            ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, bar_h));
            ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoSavedSettings);
            char lon[32] = "—", lat[32] = "—";
            if (std::isfinite(st.cursor_lonlat.x) && std::isfinite(st.cursor_lonlat.y)) {
                std::snprintf(lon, sizeof lon, "%.4f°", st.cursor_lonlat.x);
                std::snprintf(lat, sizeof lat, "%.4f°", st.cursor_lonlat.y);
            }
            ImGui::Text("%s %s  %s %s   |   %s %s   |   %s", tr(Str::Lon, en), lon, tr(Str::Lat, en), lat,
                        tr(Str::Projection, en), projection_name(st.scene.projection).c_str(), tr(Str::Scale, en));
            {
                double ground_per_logical_px = ground_metres_per_pixel(st.camera, projector) * fb_ratio;
                double dist = nice_length_km(ground_per_logical_px * 140 / 1000) * 1000;
                float len = float(dist / ground_per_logical_px);
                ImGui::SameLine();
                ImVec2 p = ImGui::GetCursorScreenPos();
                float y = p.y + ImGui::GetTextLineHeight() * 0.75f;
                ImDrawList* dl = ImGui::GetWindowDrawList();
                ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
                dl->AddLine(ImVec2(p.x + 4, y), ImVec2(p.x + 4 + len, y), col, 2);
                dl->AddLine(ImVec2(p.x + 4, y - 5), ImVec2(p.x + 4, y), col, 2);
                dl->AddLine(ImVec2(p.x + 4 + len, y - 5), ImVec2(p.x + 4 + len, y), col, 2);
                ImGui::Dummy(ImVec2(len + 10, 1));
                ImGui::SameLine();
                if (dist >= 1000) ImGui::Text("%g %s", dist / 1000, tr(Str::Km, en));
                else ImGui::Text("%g %s", dist, tr(Str::M, en));
            }
            ImGui::End();
            ImGui::Render();

            auto phase = [&](int k) {  // --bench-frames: time per phase (glFinish between them)
                if (bench <= 0 || frame < 10) return;
                glFinish();
                auto t = std::chrono::steady_clock::now();
                phase_ms[k] += std::chrono::duration<double, std::milli>(t - phase_t).count();
                phase_t = t;
            };
            phase_t = std::chrono::steady_clock::now();
            phase(0);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            glEnable(GL_MULTISAMPLE);
            draw_map(r, st.scene, st.camera, fb_ratio);
            phase(1);
            if (st.selected >= 0 && st.scene.find(st.levels[st.selected_level].layer_id))
                draw_highlight(r, st.scene, st.levels[st.selected_level].layer_id, size_t(st.selected), st.camera,
                               {230, 120, 0, 255}, 3.0f * fb_ratio);
            if (st.hover >= 0 && !(st.hover == st.selected && st.level == st.selected_level))
                draw_highlight(r, st.scene, L.layer_id, size_t(st.hover), st.camera, {20, 90, 200, 255}, 2.5f * fb_ratio);
            // A prefecture is drawn as outlines only: tint it through the fills of its counties.
            struct Tint {
                int feature, level;
                Rgba colour;
            };
            for (const Tint& t : {Tint{st.selected, st.selected_level, {230, 120, 0, 255}}, Tint{st.hover == st.selected && st.level == st.selected_level ? -1 : st.hover, st.level, {20, 90, 200, 255}}}) {
                if (t.level != 1 || t.feature < 0 || !st.levels[1].data || !st.levels[0].data) continue;
                std::string code = st.levels[1].data->text(st.levels[1].data->features[size_t(t.feature)], "code");
                const Layer& c = *st.levels[0].data;
                for (size_t k = 0; k < c.features.size(); ++k)
                    if (c.text(c.features[k], "prefecture_code") == code)
                        draw_highlight(r, st.scene, "counties", k, st.camera, t.colour, 0.5f * fb_ratio);
            }
            phase(2);
            std::vector<TextQuad> labels = place_scene_labels(st.scene, st.camera, *r.atlas, fb_ratio);
            phase(3);
            draw_text(r.text, *r.atlas, r.text_program, r.corner01_vbo, labels, Vec2{0, 0}, fbw, fbh);
            phase(4);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            phase(5);

            if (bench > 0) {
                glFinish();
                double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count();
                if (frame >= 10) bench_ms += ms, ++bench_n;  // skip warm-up (font atlas, first uploads)
            }
            bool last = frames >= 0 && frame + 1 == frames;
            if (last && !screenshot.empty()) save_screenshot();
            if (last && save_view_arg) {  // as View → 将当前视图存为幻灯片
                bool ok = false;
                std::printf("%s\n", save_view_to_deck(deck_arg.empty() ? "planview-views.toml" : deck_arg, st.camera, st.scene, "", ok).c_str());
            }
            glfwSwapBuffers(window);
        }
        if (bench_n > 0)
            std::printf("bench: %d frames at %dx%d, average %.2f ms/frame (%.1f fps), glFinish each frame\n", bench_n, fbw,
                        fbh, bench_ms / bench_n, 1000.0 / (bench_ms / bench_n));
        if (pres && bench_n > 0) std::printf("%s\n", presentation_bench_summary(*pres).c_str());
        if (bench_n > 0 && !pres)
            std::printf("bench phases (ms/frame): map %.2f, highlight %.2f, label placement %.2f, label draw %.2f, UI %.2f\n",
                        phase_ms[1] / bench_n, phase_ms[2] / bench_n, phase_ms[3] / bench_n, phase_ms[4] / bench_n,
                        phase_ms[5] / bench_n);
        pres.reset();  // its renderer's GL objects, while the context lives
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
        shutdown_renderer(r);
        glfwDestroyWindow(window);
        glfwTerminate();
        return 0;
    } catch (const Error& e) {
        std::fprintf(stderr, "planview: %s\n", e.what());
        return 1;
    }
}

}  // namespace pv
