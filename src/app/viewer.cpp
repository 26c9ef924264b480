#include "app/viewer.hpp"

#include <glad/gl.h>
// GLFW after glad: glad provides the GL declarations.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui/backends/imgui_impl_glfw.h>
#include <imgui/backends/imgui_impl_opengl3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "data/error.hpp"
#include "data/paths.hpp"
#include "output/export.hpp"
#include "output/png_writer.hpp"
#include "render/glyph_atlas.hpp"
#include "render/renderer.hpp"
#include "scene/basemap.hpp"

namespace pv {

namespace {

// Everything the UI is a function of.
struct AppState {
    Scene scene;
    Camera camera;
    Camera home;
    bool dragging = false;
    double last_x = 0, last_y = 0;
    Vec2 cursor_lonlat{NAN, NAN};
};

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

ImFont* load_ui_font(const Scene& scene, float size) {
    // The stock CJK ranges miss characters of Shanxi names (猗稷绛垣芮汾沁朔忻潞漳滹...): build
    // the ranges from the strings actually shown.
    ImGuiIO& io = ImGui::GetIO();
    static ImVector<ImWchar> ranges;
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());
    b.AddText("图层经纬度比例尺投影显示缩放山西省地级市县级行政区邻省河流湖泊政府驻地山脉界");
    for (const auto& l : scene.layers) {
        b.AddText(l.title.c_str());
        int f = l.data ? l.data->field_index("name") : -1;
        if (f >= 0)
            for (const auto& feat : l.data->features) b.AddText(value_to_string(l.data->attr(feat, f)).c_str());
    }
    b.BuildRanges(&ranges);
    return io.Fonts->AddFontFromFileTTF(default_font_path().c_str(), size, nullptr, ranges.Data);
}

}  // namespace

int run_viewer(int argc, char** argv) {
    int frames = -1, width = 1600, height = 1000;
    std::string screenshot;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--frames" && i + 1 < argc) frames = std::atoi(argv[++i]);
        else if (a == "--screenshot" && i + 1 < argc) screenshot = argv[++i];
        else if (a == "--size" && i + 1 < argc) std::sscanf(argv[++i], "%dx%d", &width, &height);
        else {
            std::fprintf(stderr, "planview: unknown argument '%s'\nusage: planview [--size WxH] [--frames N --screenshot FILE]\n       planview export --help\n", a.c_str());
            return 2;
        }
    }
    try {
        Projector projector(ProjectionKind::Albers);
        if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) return export_instead(projector);
        if (!glfwInit()) return export_instead(projector);

        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_SAMPLES, 4);
        glfwWindowHint(GLFW_STENCIL_BITS, 8);
        GLFWwindow* window = glfwCreateWindow(width, height, "PlanView — 山西", nullptr, nullptr);
        if (!window) throw Error("cannot open a window with OpenGL 3.3 core");
        glfwMakeContextCurrent(window);
        glfwSwapInterval(1);
        if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(glfwGetProcAddress))) throw Error("cannot load OpenGL 3.3 core");

        AppState st;
        st.scene = default_scene(maps_dir(), projector);
        st.scene.furniture = false;
        Renderer r;
        init_renderer(r);
        int fbw, fbh;
        glfwGetFramebufferSize(window, &fbw, &fbh);
        st.home = fit_camera(scene_extent_xy(st.scene, projector), fbw, fbh, 0.03);
        st.camera = st.home;
        upload_scene(r, st.scene, st.home.scale * 0.05);  // once per data change, not per frame

        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
        float xscale = 1, yscale = 1;
        glfwGetWindowContentScale(window, &xscale, &yscale);
        load_ui_font(st.scene, 16.0f * xscale);
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");

        for (int frame = 0; !glfwWindowShouldClose(window) && (frames < 0 || frame < frames); ++frame) {
            glfwPollEvents();
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            ImGuiIO& io = ImGui::GetIO();
            glfwGetFramebufferSize(window, &fbw, &fbh);
            st.camera.width = fbw, st.camera.height = fbh;
            float fb_ratio = io.DisplaySize.x > 0 ? fbw / io.DisplaySize.x : 1.0f;
            Vec2 mouse{io.MousePos.x * fb_ratio, io.MousePos.y * fb_ratio};

            if (!io.WantCaptureMouse) {
                if (io.MouseWheel != 0)
                    st.camera = zoom_about(st.camera, mouse, std::pow(1.25, io.MouseWheel), st.home.scale / 400, st.home.scale * 4);
                if (ImGui::IsMouseDoubleClicked(0)) st.camera = zoom_about(st.camera, mouse, 2.0, st.home.scale / 400, st.home.scale * 4);
                if (ImGui::IsMouseDragging(0, 0.0f)) {
                    ImVec2 d = io.MouseDelta;
                    st.camera = pan_by_pixels(st.camera, {d.x * fb_ratio, d.y * fb_ratio});
                }
                st.cursor_lonlat = projector.inverse(screen_to_map(st.camera, mouse));
            }
            if (!io.WantCaptureKeyboard) {
                double step = 60 * fb_ratio;
                if (ImGui::IsKeyPressed(GLFW_KEY_LEFT)) st.camera = pan_by_pixels(st.camera, {step, 0});
                if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT)) st.camera = pan_by_pixels(st.camera, {-step, 0});
                if (ImGui::IsKeyPressed(GLFW_KEY_UP)) st.camera = pan_by_pixels(st.camera, {0, step});
                if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) st.camera = pan_by_pixels(st.camera, {0, -step});
                Vec2 centre{fbw * 0.5, fbh * 0.5};
                if (ImGui::IsKeyPressed(GLFW_KEY_KP_ADD) || ImGui::IsKeyPressed(GLFW_KEY_EQUAL))
                    st.camera = zoom_about(st.camera, centre, 1.5, st.home.scale / 400, st.home.scale * 4);
                if (ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT) || ImGui::IsKeyPressed(GLFW_KEY_MINUS))
                    st.camera = zoom_about(st.camera, centre, 1 / 1.5, st.home.scale / 400, st.home.scale * 4);
                if (ImGui::IsKeyPressed(GLFW_KEY_HOME)) st.camera = st.home, st.camera.width = fbw, st.camera.height = fbh;
            }

            ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
            ImGui::Begin("图层");
            for (auto& l : st.scene.layers) {
                ImGui::Checkbox(l.title.c_str(), &l.visible);
            }
            ImGui::Checkbox("标注", &st.scene.labels);
            ImGui::End();

            ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - 30));
            ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, 30));
            ImGui::Begin("status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs);
            ImGui::Text("经度 %.4f°  纬度 %.4f°   |   %s   |   1 px = %.0f m", st.cursor_lonlat.x, st.cursor_lonlat.y,
                        projection_name(st.scene.projection).c_str(), st.camera.scale);
            ImGui::End();
            ImGui::Render();

            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            glEnable(GL_MULTISAMPLE);
            draw_map(r, st.scene, st.camera, fb_ratio);
            std::vector<TextQuad> labels = place_scene_labels(st.scene, st.camera, *r.atlas, fb_ratio);
            draw_text(r.text, *r.atlas, r.text_program, r.corner01_vbo, labels, Vec2{0, 0}, fbw, fbh);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

            bool last = frames >= 0 && frame + 1 == frames;
            if (last && !screenshot.empty()) {
                std::vector<uint8_t> px(size_t(fbw) * fbh * 4), flipped(px.size());
                glPixelStorei(GL_PACK_ALIGNMENT, 1);
                glReadBuffer(GL_BACK);
                glReadPixels(0, 0, fbw, fbh, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
                for (int y = 0; y < fbh; ++y)
                    std::memcpy(&flipped[size_t(y) * fbw * 4], &px[size_t(fbh - 1 - y) * fbw * 4], size_t(fbw) * 4);
                for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
                write_png_atomic(screenshot, flipped, fbw, fbh, 96);
                std::printf("screenshot: %s\n", screenshot.c_str());
            }
            glfwSwapBuffers(window);
        }
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
