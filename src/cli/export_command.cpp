#include "cli/export_command.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "data/error.hpp"
#include "data/paths.hpp"
#include "output/export.hpp"
#include "meaning/classify.hpp"
#include "scene/basemap.hpp"
#include "scene/indicator_layer.hpp"
#include "scene/layout_style.hpp"
#include "scene/scene_file.hpp"
#include "scene/deck.hpp"
#include "cli/deck_export.hpp"
#include <filesystem>

namespace pv {

namespace {

const char* kUsage = R"(usage: planview export [SCENE.toml] -o OUT.png [options]
       planview export --deck DECK.toml --out DIR [options]

Renders a map headless (no display needed) and writes a PNG atomically, with its DPI.
Without SCENE, exports the embedded Shanxi base map. With --deck, exports every slide of the
deck to DIR/NN-id.png (a progress bar on a terminal); a slide that fails is reported and the
others are still written; the exit status is 1 if any failed.

options:
  -o, --out FILE          output PNG (required); with --deck, the output folder
  --deck FILE             export every slide of a deck (see the deck reference below)
  --preset NAME           page size and dpi: a4, a4-landscape, a3, a3-landscape (300 dpi),
                          1080p (1920x1080), 4k (3840x2160 at 192 dpi)
  --world-file            also write OUT.pgw (world file), OUT.prj (projection WKT) and
                          OUT.png.aux.xml (the CRS where GDAL/QGIS read it for a PNG)
  --size WxH              page size in pixels (overrides the scene and --preset)
  --dpi N                 resolution written to the PNG; scales lines, symbols and text
  --title TEXT            map title (overrides the scene)
  --extent W,S,E,N        lon/lat box to show (default: fit to the data)
  --projection NAME       albers (default) or webmercator
  --no-labels             no feature labels
  --no-furniture          no title, legend, scale bar, north arrow or source line
  --layouts A,B           add plan layouts from data/layouts ("000/yihe-sanyi-qizhidian", or "004"
                          for all of a plan's), as the scene key `layouts` does
  --msaa N                multisampling (1, 2, 4); default: 4 only when the scene has
                          translucent fills (everything else is anti-aliased without it)
  --timings               print phase timings to stderr
  --max-tile N            largest tile side (default 4096; the GPU's limit caps it)
  --table FILE|NAME       an indicator table: a CSV or XLSX of yours (keyed by 6-digit code
                          or exact county/city name) or a table of data/indicators; every
                          unmatched row, duplicate key and non-numeric or non-finite value is
                          listed (file:line) and nothing is drawn when there is any
  --field COLUMN          the column to map (with --table)
  --key code|name         the key column of your table (default: code if there is one)
  --level county|prefecture   what the keys join to (default: whichever matches)
  --method M              quantile (default), equal, jenks, manual
  --classes N             3..9 (default 5)
  --breaks B0,B1,...      with --method manual
  --palette NAME          viridis (default) or a ColorBrewer scheme (YlOrRd, Blues, RdBu ...)
  -h, --help              this text and the scene file reference

)";

[[noreturn]] void usage_error(const std::string& msg) {
    std::fprintf(stderr, "planview export: %s\n(see planview export --help)\n", msg.c_str());
    std::exit(2);
}

std::vector<double> parse_numbers(const std::string& text, char sep, size_t n, const char* what) {
    std::vector<double> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(sep, start);
        std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        char* stop = nullptr;
        double v = std::strtod(part.c_str(), &stop);
        if (part.empty() || *stop) usage_error(std::string(what) + " '" + text + "' is not valid");
        out.push_back(v);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    if (out.size() != n) usage_error(std::string(what) + " '" + text + "' needs " + std::to_string(n) + " numbers");
    return out;
}

}  // namespace

int run_export_command(int argc, char** argv) {
    std::string scene_path, out, title, extent, projection, size, deck, preset, layouts;
    bool world_file = false;
    int max_tile = 4096;
    double dpi = 0;
    int msaa = 0;
    bool no_labels = false, no_furniture = false, timings = false, has_title = false;
    IndicatorSpec indicator;
    std::string method_text, breaks_text;
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        auto value = [&](const char* name) -> std::string {
            if (i + 1 >= argc) usage_error(std::string(name) + " needs a value");
            return argv[++i];
        };
        if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            std::fputs(scene_file_help(), stdout);
            std::fputs("\n", stdout);
            std::fputs(deck_file_help(), stdout);
            return 0;
        } else if (a == "-o" || a == "--out") out = value("--out");
        else if (a == "--size") size = value("--size");
        else if (a == "--deck") deck = value("--deck");
        else if (a == "--preset") {
            preset = value("--preset");
            if (!find_preset(preset)) usage_error("unknown --preset '" + preset + "' (" + preset_names() + ")");
        } else if (a == "--world-file") world_file = true;
        else if (a == "--dpi") {
            dpi = parse_numbers(value("--dpi"), ',', 1, "--dpi")[0];
            if (!(dpi >= 10 && dpi <= 2400)) usage_error("--dpi must be between 10 and 2400");
        } else if (a == "--title") title = value("--title"), has_title = true;
        else if (a == "--extent") extent = value("--extent");
        else if (a == "--projection") projection = value("--projection");
        else if (a == "--msaa") {
            msaa = int(parse_numbers(value("--msaa"), ',', 1, "--msaa")[0]);
            if (msaa != 1 && msaa != 2 && msaa != 4) usage_error("--msaa must be 1, 2 or 4");
        } else if (a == "--no-labels") no_labels = true;
        else if (a == "--no-furniture") no_furniture = true;
        else if (a == "--timings") timings = true;
        else if (a == "--max-tile") {
            max_tile = int(parse_numbers(value("--max-tile"), ',', 1, "--max-tile")[0]);
            if (max_tile < 64) usage_error("--max-tile must be at least 64");
        }
        else if (a == "--table") indicator.table = value("--table");
        else if (a == "--field") indicator.field = value("--field");
        else if (a == "--key") indicator.key = value("--key");
        else if (a == "--level") indicator.level = value("--level");
        else if (a == "--method") method_text = value("--method");
        else if (a == "--classes") indicator.classes = int(parse_numbers(value("--classes"), ',', 1, "--classes")[0]);
        else if (a == "--breaks") breaks_text = value("--breaks");
        else if (a == "--palette") indicator.palette = value("--palette");
        else if (a == "--layouts") layouts = value("--layouts");
        else if (!a.empty() && a[0] == '-') usage_error("unknown option " + a);
        else if (scene_path.empty()) scene_path = a;
        else usage_error("more than one scene file given ('" + scene_path + "', '" + a + "')");
    }
    if (out.empty()) usage_error(deck.empty() ? "no output file: give -o OUT.png" : "no output folder: give --out DIR");
    if (!deck.empty() && !scene_path.empty()) usage_error("give a scene file or --deck, not both");
    if (!deck.empty() && !indicator.table.empty()) usage_error("--table maps one page: give it a scene file, or put table = ... in the slides");
    if (!indicator.table.empty()) {
        if (indicator.field.empty()) usage_error("--table needs --field COLUMN");
        if (!indicator.key.empty() && indicator.key != "code" && indicator.key != "name") usage_error("--key must be code or name");
        if (!indicator.level.empty() && indicator.level != "county" && indicator.level != "prefecture")
            usage_error("--level must be county or prefecture");
        if (indicator.classes < kMinClasses || indicator.classes > kMaxClasses) usage_error("--classes must be 3..9");
        if (!method_text.empty()) {
            try {
                indicator.method = parse_class_method(method_text == "jenks" ? "natural_breaks" : method_text == "equal" ? "equal_interval" : method_text);
            } catch (const Error& e) {
                usage_error(e.what());
            }
        }
        if (!breaks_text.empty()) {
            size_t n = size_t(std::count(breaks_text.begin(), breaks_text.end(), ',')) + 1;
            indicator.breaks = parse_numbers(breaks_text, ',', n, "--breaks");
        }
    } else if (!indicator.field.empty()) {
        usage_error("--field needs --table FILE");
    }

    // The command line's overrides, for one scene or every slide of a deck.
    auto adjust = [&](Scene& scene) {
        if (!projection.empty()) {
            scene.projection = parse_projection(projection);
            reproject_scene(scene, Projector(scene.projection));
        }
        if (const PagePreset* p = preset.empty() ? nullptr : find_preset(preset))
            scene.width = p->width, scene.height = p->height, scene.dpi = p->dpi;
        if (!size.empty()) {
            auto wh = parse_numbers(size, 'x', 2, "--size");
            if (wh[0] < 16 || wh[1] < 16 || wh[0] > 65536 || wh[1] > 65536)
                usage_error("--size must be between 16x16 and 65536x65536");
            scene.width = int(wh[0]), scene.height = int(wh[1]);
        }
        if (dpi > 0) scene.dpi = dpi;
        if (has_title) scene.title = title, scene.subtitle.clear();
        if (!extent.empty()) {
            auto e = parse_numbers(extent, ',', 4, "--extent");
            if (!(e[0] < e[2] && e[1] < e[3])) usage_error("--extent must be W,S,E,N with W < E and S < N");
            Bounds b;
            b.add(Vec2{e[0], e[1]});
            b.add(Vec2{e[2], e[3]});
            scene.extent = b;
        }
        if (!layouts.empty()) {
            std::vector<std::string> refs;
            for (size_t start = 0; start <= layouts.size();) {
                size_t end = layouts.find(',', start);
                std::string ref = layouts.substr(start, end == std::string::npos ? std::string::npos : end - start);
                if (!ref.empty()) refs.push_back(ref);
                if (end == std::string::npos) break;
                start = end + 1;
            }
            try {
                add_layouts_to_scene(scene, *shared_default_layout_library(), refs, Projector(scene.projection));
            } catch (const Error& e) {
                throw Error(std::string("--layouts: ") + e.what());
            }
        }
        if (no_labels) scene.labels = false;
        if (no_furniture) scene.furniture = false;
    };
    ExportOptions options;
    options.samples = msaa;
    options.world_file = world_file;
    options.max_tile = max_tile;
    if (!deck.empty()) return export_deck(deck, out, adjust, options, timings);

    try {
        Scene scene;
        if (scene_path.empty()) {
            ProjectionKind kind = projection.empty() ? ProjectionKind::Albers : parse_projection(projection);
            Projector projector(kind);
            scene = default_scene(maps_dir(), projector);
            scene.projection = kind;
        } else {
            scene = load_scene_file(scene_path);
            if (!projection.empty()) {
                scene.projection = parse_projection(projection);
                reproject_scene(scene, Projector(scene.projection));
            }
        }
        std::string keep_projection = projection;
        projection.clear();  // applied above (the default map is built in it)
        adjust(scene);
        projection = keep_projection;
        if (!indicator.table.empty()) {
            // The table is checked whole before anything is drawn: every problem, row by row.
            Projector projector(scene.projection);
            auto data_of = [&](const char* id) {
                const SceneLayer* l = scene.find(id);
                return l && l->data ? l->data : base_layer(maps_dir(), id, projector).data;
            };
            auto counties = data_of("counties"), prefectures = data_of("prefectures");
            IndicatorJoin j = join_indicator(indicator, "", *counties, *prefectures);
            if (!j.ok()) {
                std::fprintf(stderr, "%s\n", describe_report(j).c_str());
                return 1;
            }
            if (j.without_row) {
                std::string names;
                auto units = map_units(j.level == "county" ? *counties : *prefectures);
                for (size_t u = 0; u < units.size(); ++u)
                    if (j.join.rows[u].empty()) names += (names.empty() ? "" : ", ") + units[u].name;
                std::fprintf(stderr, "note: %zu map units have no row in %s and are drawn as no data: %s\n", j.without_row,
                             j.table.path.c_str(), names.c_str());
            }
            if (j.missing) std::fprintf(stderr, "note: %zu map units have an empty '%s' cell (no data, never 0)\n", j.missing, indicator.field.c_str());
            SceneLayer l = choropleth_layer(indicator, j, j.level == "county" ? counties : prefectures, "indicator");
            if (scene_path.empty()) {
                // The embedded map's title names the base map; the indicator map names its field.
                scene.title = l.title;
                scene.subtitle = j.table.spec.title;
                for (auto& b : scene.layers)
                    if (b.id == "counties" && j.level == "county") b.visible = false;
            }
            auto at = std::find_if(scene.layers.begin(), scene.layers.end(), [](const SceneLayer& b) { return b.id == "lakes"; });
            scene.layers.insert(at, std::move(l));
        }

        ExportReport rep = export_png(scene, out, options);
        if (world_file) std::printf("wrote %s and %s\n", std::filesystem::path(out).replace_extension(".pgw").c_str(),
                                    std::filesystem::path(out).replace_extension(".prj").c_str());
        std::printf("wrote %s (%dx%d px, %.0f dpi, %zu vertices, %zu of %zu labels)\n", out.c_str(), rep.width, rep.height,
                    rep.dpi, rep.vertices, rep.labels.placed, rep.labels.candidates);
        if (timings)
            std::fprintf(stderr, "timings: context %.3f s, upload+labels %.3f s, render+readback %.3f s (%d tiles), png %.3f s; %s\n",
                         rep.context_s, rep.upload_s, rep.render_s, rep.tiles, rep.encode_s, rep.gpu.c_str());
        return 0;
    } catch (const Error& e) {
        std::fprintf(stderr, "planview export: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "planview export: unexpected error: %s\n", e.what());
        return 1;
    }
}

}  // namespace pv
