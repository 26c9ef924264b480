#include "scene/scene_file.hpp"

#include <toml++/toml.h>

#include "scene/scene_table.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "data/error.hpp"
#include "data/paths.hpp"
#include "data/vector_source.hpp"
#include "meaning/classify.hpp"
#include "scene/basemap.hpp"
#include "scene/heatmap.hpp"
#include "scene/indicator_layer.hpp"
#include "scene/layout_style.hpp"
#include "scene/palette.hpp"

namespace pv {

const char* scene_file_help() {
    return R"(A scene file is TOML. Every key is optional except each layer's id.

  title = "山西省人口"              # map title (furniture)
  subtitle = "2020 年第七次人口普查"
  caption = "一两句说明……"          # under the title, wrapped (slides, print)
  preset = "a3"                     # page size and dpi: a4 a4-landscape a3 a3-landscape
                                    # (300 dpi), 1080p (1920x1080), 4k (3840x2160, 192 dpi);
                                    # size and dpi, when given too, win
  source = "数据来源：……"          # attribution line, added to the base map's
  size = [3000, 2400]               # pixels
  dpi = 96                          # written to the PNG; scales line widths, symbols, text
  projection = "albers"             # or "webmercator"
  background = "#ffffff"
  extent = [110.2, 34.5, 114.6, 40.8]   # lon/lat box; default: fit to `fit` or all layers
  fit = ["province"]                # layer ids to fit the view to
  labels = true
  furniture = true                  # title, legend, scale bar, north arrow, source line
  basemap = true                    # all base layers; false; or a list of base layer ids:
                                    # neighbours counties lakes rivers prefectures province seats ranges
  layouts = ["000/yihe-sanyi-qizhidian", "004"]   # plan layouts from data/layouts, drawn on top:
                                    # "<plan number>/<layout id>", or a plan number for all its layouts

  [[layer]]                         # drawn above the base map, in file order
  id = "pop"                        # required, unique; a base layer id restyles that layer
  title = "常住人口"                 # legend heading
  source = "pop.gpkg"               # any GDAL vector source, relative to this file
  layer = "counties"                # layer inside the source (default: the first)
  type = "fill"                     # fill | line | circle
  fill = "#d0d0d0"                  # one colour, or classify a field:
  fill_field = "value"
  method = "quantile"               # quantile | equal | jenks | manual
  classes = 5                       # 3..9
  breaks = [0, 10, 20, 50]          # with method = "manual"
  palette = "YlOrRd"                # ColorBrewer name or viridis (default)
  stroke = "#333333"
  stroke_width = 0.5                # pixels at 96 dpi; 0 = no outline
  dash = [6, 3]                     # on/off pixels
  hatch = "#6e2d96"                 # fills: hatching lines in this colour over the fill
  hatch_spacing = 8                 # pixels between hatch lines (default 8)
  hatch_angle = 45                  # degrees from horizontal, counter-clockwise
  hatch_width = 1.5                 # pixels
  arrow = true                      # lines: an arrowhead at the end of each line
  opacity = 1.0
  shape = "circle"                  # circle | square | triangle | diamond | star (circle layers)
  size = 6                          # symbol diameter, pixels
  label = "name"                    # field to label features with
  label_size = 12
  label_priority = 0                # higher wins when labels collide
  visible = true
  below = "rivers"                  # draw under this layer (default: on top of all before it)

  [[layer]]                         # an indicator map (choropleth) from a table
  id = "pop"
  table = "census_2020_county"      # a table of data/indicators, or your CSV/XLSX (relative path)
  field = "population"              # the column to map
  key = "code"                      # your table's key column: code (6-digit) or name (exact)
  level = "county"                  # county | prefecture (default: the table's, or the better match)
  method = "quantile"               # quantile | equal | jenks | manual; classes, breaks, palette
                                    # as for fill_field. Every problem of the table (file:line)
                                    # stops the export; no data is grey with its count in the legend

  [[layer]]                         # a kernel density heat map (GPU)
  id = "density"
  type = "heatmap"
  source = "seats"                  # a base layer of points, or any GDAL point source
  weight_field = "population"       # a numeric field of the points, or of weight_table
  weight_table = "census_2020_county"   # joined to the county seats by code
  bandwidth_km = 25                 # Gaussian sigma (cut at 3 sigma) or Epanechnikov radius
  kernel = "gaussian"               # gaussian | epanechnikov
  ramp = "YlOrRd"                   # viridis | magma | inferno | YlOrRd
  heat_max = 0                      # density at the top of the ramp; 0 = the layer's peak
  heat_unit = "人/km²"              # legend unit (default from the table's unit)
)";
}

namespace {

// A node keeps the file it was parsed from: a deck's slide merges a scene file's table with its
// own keys, and each error names the file the node came from.
[[noreturn]] void fail(const std::string& file, const toml::node& n, const std::string& what,
                       const toml::key* key = nullptr) {
    const auto& src = key ? key->source() : n.source();
    const auto& b = src.begin;
    std::string where = src.path && !src.path->empty() ? *src.path : file;
    throw Error(where + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": " + what);
}

// Relative data paths are relative to the file the key was written in.
std::string base_dir_of(const toml::node& n, const std::string& file, const std::string& base_dir) {
    const auto& src = n.source();
    if (!src.path || src.path->empty() || *src.path == file) return base_dir;
    return std::filesystem::absolute(*src.path).parent_path().string();
}

struct Reader {
    std::string file;

    std::string str(const toml::table& t, const char* key, const std::string& def) const {
        const toml::node* n = t.get(key);
        if (!n) return def;
        if (auto v = n->value<std::string>()) return *v;
        fail(file, *n, std::string("'") + key + "' must be a string");
    }
    double num(const toml::table& t, const char* key, double def, double lo, double hi) const {
        const toml::node* n = t.get(key);
        if (!n) return def;
        auto v = n->value<double>();
        if (!v) fail(file, *n, std::string("'") + key + "' must be a number");
        if (!(*v >= lo && *v <= hi))
            fail(file, *n, std::string("'") + key + "' must be between " + std::to_string(lo) + " and " + std::to_string(hi));
        return *v;
    }
    bool boolean(const toml::table& t, const char* key, bool def) const {
        const toml::node* n = t.get(key);
        if (!n) return def;
        if (auto v = n->value<bool>()) return *v;
        fail(file, *n, std::string("'") + key + "' must be true or false");
    }
    Rgba colour(const toml::table& t, const char* key, Rgba def) const {
        const toml::node* n = t.get(key);
        if (!n) return def;
        auto v = n->value<std::string>();
        if (!v) fail(file, *n, std::string("'") + key + "' must be a colour string like \"#336699\"");
        try {
            return parse_colour(*v);
        } catch (const Error& e) {
            fail(file, *n, std::string("'") + key + "': " + e.what());
        }
    }
    std::vector<double> numbers(const toml::table& t, const char* key, size_t min_n, size_t max_n) const {
        std::vector<double> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        const toml::array* a = n->as_array();
        if (!a) fail(file, *n, std::string("'") + key + "' must be an array of numbers");
        for (const auto& e : *a) {
            auto v = e.value<double>();
            if (!v) fail(file, e, std::string("'") + key + "' must hold numbers only");
            out.push_back(*v);
        }
        if (out.size() < min_n || out.size() > max_n)
            fail(file, *n, std::string("'") + key + "' must have " +
                               (min_n == max_n ? std::to_string(min_n) : std::to_string(min_n) + " to " + std::to_string(max_n)) +
                               " numbers");
        return out;
    }
    std::vector<std::string> strings(const toml::table& t, const char* key) const {
        std::vector<std::string> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        const toml::array* a = n->as_array();
        if (!a) fail(file, *n, std::string("'") + key + "' must be an array of strings");
        for (const auto& e : *a) {
            auto v = e.value<std::string>();
            if (!v) fail(file, e, std::string("'") + key + "' must hold strings only");
            out.push_back(*v);
        }
        return out;
    }
    void only_keys(const toml::table& t, const std::set<std::string>& allowed, const char* where) const {
        for (const auto& [k, v] : t)
            if (!allowed.count(std::string(k.str())))
                fail(file, *t.get(k.str()), "unknown key '" + std::string(k.str()) + "' in " + where + " (see planview export --help)", &k);
    }
};

Shape parse_shape(const Reader& r, const toml::table& t) {
    std::string s = r.str(t, "shape", "circle");
    if (s == "circle") return Shape::Circle;
    if (s == "square") return Shape::Square;
    if (s == "triangle") return Shape::Triangle;
    if (s == "diamond") return Shape::Diamond;
    if (s == "star") return Shape::Star;
    r.str(t, "shape", "");
    fail(r.file, *t.get("shape"), "unknown shape '" + s + "' (circle, square, triangle, diamond, star)");
}

std::string format_number(double v) {
    std::ostringstream s;
    s.precision(v != 0 && std::abs(v) < 10 ? 3 : 6);
    s << v;
    return s.str();
}

// Colours each feature by the class of a numeric field, and writes the legend entries.
void classify_fill(const Reader& r, const toml::table& t, SceneLayer& l) {
    std::string field = r.str(t, "fill_field", "");
    int fi = l.data->field_index(field);
    if (fi < 0) {
        std::string have;
        for (const auto& f : l.data->fields) have += (have.empty() ? "" : ", ") + f;
        fail(r.file, *t.get("fill_field"), "layer '" + l.id + "': " + l.data->source + " has no field '" + field + "' (it has: " + have + ")");
    }
    std::vector<double> values;
    for (const auto& f : l.data->features) values.push_back(value_to_double(l.data->attr(f, fi)));
    std::string method_text = r.str(t, "method", "quantile");
    ClassMethod method;
    try {
        method = parse_class_method(method_text == "jenks" ? "natural_breaks" : method_text == "equal" ? "equal_interval" : method_text);
    } catch (const std::exception& e) {
        fail(r.file, *t.get("method"), e.what());
    }
    int classes = int(r.num(t, "classes", 5, 3, 9));
    std::vector<double> breaks = r.numbers(t, "breaks", method == ClassMethod::Manual ? 2 : 0, 10);
    std::string pal = r.str(t, "palette", std::string(kDefaultPalette));
    if (!has_palette(pal)) fail(r.file, *t.get("palette"), "unknown palette '" + pal + "'");
    Classification c;
    try {
        c = classify(values, method, classes, breaks);
    } catch (const std::exception& e) {
        fail(r.file, t, "layer '" + l.id + "': " + e.what());
    }
    std::vector<Rgba> colours = palette(pal, std::max(3, c.class_count()));
    const Rgba no_data{200, 200, 200, 255};
    for (int k : c.class_of) l.feature_fill.push_back(k >= 0 ? colours[size_t(k)] : no_data);
    auto swatch = [&](std::string label, Rgba fill) {
        LegendItem item;
        item.label = std::move(label);
        item.fill = fill;
        item.stroke = l.stroke;
        return item;
    };
    double lo = c.lower;
    for (int k = 0; k < c.class_count(); ++k) {
        l.legend.push_back(swatch(format_number(lo) + " – " + format_number(c.upper_bounds[size_t(k)]) + "  (" +
                                      std::to_string(c.counts[size_t(k)]) + ")",
                                  colours[size_t(k)]));
        lo = c.upper_bounds[size_t(k)];
    }
    if (c.no_data + c.out_of_range > 0)
        l.legend.push_back(swatch("无数据 no data  (" + std::to_string(c.no_data + c.out_of_range) + ")", no_data));
}


// A base layer by id: the scene's own copy when it has one, else read from maps/.
std::shared_ptr<Layer> base_data(const Scene& scene, const std::string& id, const Projector& projector) {
    if (const SceneLayer* l = scene.find(id); l && l->data) return l->data;
    return base_layer(maps_dir(), id, projector).data;
}

// [[layer]] with table + field: an indicator choropleth on the counties or prefectures.
SceneLayer indicator_choropleth(const Reader& r, const toml::table& t, const std::string& base_dir,
                                const Projector& projector, const Scene& scene, const std::string& id) {
    IndicatorSpec spec;
    spec.table = r.str(t, "table", "");
    spec.field = r.str(t, "field", "");
    if (spec.field.empty()) fail(r.file, t, "layer '" + id + "': 'table' needs 'field' (the column to map)");
    spec.key = r.str(t, "key", "");
    spec.level = r.str(t, "level", "");
    if (!spec.level.empty() && spec.level != "county" && spec.level != "prefecture")
        fail(r.file, *t.get("level"), "'level' must be county or prefecture");
    if (!spec.key.empty() && spec.key != "code" && spec.key != "name")
        fail(r.file, *t.get("key"), "'key' must be code or name");
    std::string method_text = r.str(t, "method", "quantile");
    try {
        spec.method = parse_class_method(method_text == "jenks" ? "natural_breaks" : method_text == "equal" ? "equal_interval" : method_text);
    } catch (const std::exception& e) {
        fail(r.file, *t.get("method"), e.what());
    }
    spec.classes = int(r.num(t, "classes", 5, 3, 9));
    spec.breaks = r.numbers(t, "breaks", spec.method == ClassMethod::Manual ? 2 : 0, 10);
    spec.palette = r.str(t, "palette", std::string(kDefaultPalette));
    if (!has_palette(spec.palette)) fail(r.file, *t.get("palette"), "unknown palette '" + spec.palette + "'");
    try {
        auto counties = base_data(scene, "counties", projector), prefectures = base_data(scene, "prefectures", projector);
        IndicatorJoin j = join_indicator(spec, base_dir, *counties, *prefectures);
        return choropleth_layer(spec, j, j.level == "county" ? counties : prefectures, id);
    } catch (const Error& e) {
        fail(r.file, *t.get("table"), "layer '" + id + "': " + e.what());
    }
}

// type = "heatmap": the points of a source file or of a base layer ("seats"), with weights from
// a field of theirs or from an indicator table joined to the county seats.
SceneLayer heatmap_points(const Reader& r, const toml::table& t, const std::string& base_dir,
                          const Projector& projector, const Scene& scene, const std::string& id) {
    SceneLayer l;
    l.id = id;
    l.title = id;
    l.kind = LayerKind::Heatmap;
    std::string source = r.str(t, "source", "seats");
    bool is_base = std::find(std::begin(kBaseLayers), std::end(kBaseLayers), source) != std::end(kBaseLayers);
    try {
        if (is_base) {
            l.data = base_data(scene, source, projector);
        } else {
            std::filesystem::path p = source;
            if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
            l.data = std::make_shared<Layer>(read_vector_layer(p.string(), r.str(t, "layer", ""), projector));
        }
    } catch (const Error& e) {
        fail(r.file, t.get("source") ? *t.get("source") : static_cast<const toml::node&>(t), "layer '" + id + "': " + e.what());
    }
    if (l.data->kind != GeomKind::Point)
        fail(r.file, t, "layer '" + id + "': a heat map needs points; " + l.data->source + " has lines or polygons");
    l.weight_field = r.str(t, "weight_field", "");
    std::string table = r.str(t, "weight_table", "");
    if (!table.empty()) {
        if (l.weight_field.empty()) fail(r.file, *t.get("weight_table"), "'weight_table' needs 'weight_field' (the column of the table)");
        IndicatorSpec spec;
        spec.table = table;
        spec.field = l.weight_field;
        spec.key = r.str(t, "key", "");
        try {
            l.feature_weight = seat_weights_from_table(spec, base_dir, *l.data, *base_data(scene, "counties", projector));
            std::string path = resolve_table_path(table, base_dir);
            IndicatorTable tab = load_table_for_field(path, spec.field, spec.key);
            const IndicatorColumn& col = tab.spec.columns[size_t(tab.column_index(spec.field))];
            l.title = (col.label.empty() ? col.name : col.label) + "密度";
            std::string unit = col.unit == "persons" ? "人" : col.unit;
            l.heat_unit = unit.empty() ? "/km²" : unit + "/km²";
            if (!tab.spec.source_note.empty())
                l.legend_note.push_back("权重：" + tab.spec.source_note + (tab.spec.year ? "，" + std::to_string(tab.spec.year) + " 年" : ""));
        } catch (const Error& e) {
            fail(r.file, *t.get("weight_table"), "layer '" + id + "': " + e.what());
        }
    } else if (!l.weight_field.empty()) {
        int fi = l.data->field_index(l.weight_field);
        if (fi < 0) fail(r.file, *t.get("weight_field"), "layer '" + id + "': " + l.data->source + " has no field '" + l.weight_field + "'");
        for (const auto& f : l.data->features) {
            double w = value_to_double(l.data->attr(f, fi));
            if (!std::isfinite(w) || w < 0)
                fail(r.file, *t.get("weight_field"), "layer '" + id + "': feature " + std::to_string(f.fid) + " of " +
                                                         l.data->source + " has weight '" + value_to_string(l.data->attr(f, fi)) +
                                                         "' (a heat map needs a finite weight >= 0 for every point)");
            l.feature_weight.push_back(w);
        }
        l.heat_unit = "/km²";
    } else {
        l.heat_unit = "个/km²";
    }
    l.bandwidth_km = r.num(t, "bandwidth_km", l.bandwidth_km, 0.01, 1000);
    try {
        l.ramp = to_string(parse_ramp(r.str(t, "ramp", l.ramp)));
    } catch (const Error& e) {
        fail(r.file, *t.get("ramp"), e.what());
    }
    std::string kernel = r.str(t, "kernel", "gaussian");
    if (kernel != "gaussian" && kernel != "epanechnikov") fail(r.file, *t.get("kernel"), "'kernel' must be gaussian or epanechnikov");
    l.epanechnikov = kernel == "epanechnikov";
    l.heat_unit = r.str(t, "heat_unit", l.heat_unit);
    l.heat_max = r.num(t, "heat_max", 0, 0, 1e300);
    if (l.heat_max <= 0) l.heat_max = heat_peak(*l.data, l.feature_weight, l.bandwidth_km, l.epanechnikov, projector);
    l.opacity = 0.85f;
    l.legend_note.insert(l.legend_note.begin(), std::string(l.epanechnikov ? "Epanechnikov" : "高斯") + "核，带宽 " +
                                                    format_number(l.bandwidth_km) + " km；色带 0 – " +
                                                    format_indicator_value(l.heat_max) + " " + l.heat_unit);
    return l;
}

SceneLayer read_layer(const Reader& r, const toml::table& t, const std::string& base_dir, const Projector& projector,
                      const Scene& scene) {
    r.only_keys(t, {"id", "title", "source", "layer", "type", "fill", "fill_field", "method", "classes", "breaks", "palette",
                    "stroke", "stroke_width", "dash", "opacity", "shape", "size", "label", "label_size",
                    "label_priority", "visible", "hatch", "hatch_spacing", "hatch_angle", "hatch_width", "arrow",
                    "table", "field", "key", "level", "weight_field", "weight_table",
                    "bandwidth_km", "ramp", "kernel", "heat_max", "heat_unit", "below"},
                "[[layer]]");
    std::string id = r.str(t, "id", "");
    if (id.empty()) fail(r.file, t, "every [[layer]] needs an id");
    SceneLayer l;
    std::string source = r.str(t, "source", "");
    const SceneLayer* base = scene.find(id);
    if (t.get("table")) {
        if (t.get("source") || t.get("fill_field"))
            fail(r.file, t, "layer '" + id + "': 'table' joins to the base map; it takes no 'source' or 'fill_field'");
        l = indicator_choropleth(r, t, base_dir, projector, scene, id);
    } else if (r.str(t, "type", "") == "heatmap") {
        l = heatmap_points(r, t, base_dir, projector, scene, id);
    } else if (source.empty()) {
        if (!base) fail(r.file, t, "layer '" + id + "' has no source (and is not a base layer)");
        l = *base;
    } else {
        std::filesystem::path p = source;
        if (p.is_relative()) p = std::filesystem::path(base_dir_of(*t.get("source"), r.file, base_dir)) / p;
        l.id = id;
        l.title = id;
        try {
            l.data = std::make_shared<Layer>(read_vector_layer(p.string(), r.str(t, "layer", ""), projector));
        } catch (const Error& e) {
            fail(r.file, *t.get("source"), std::string("layer '") + id + "': " + e.what());
        }
        l.kind = l.data->kind == GeomKind::Point ? LayerKind::Circle : l.data->kind == GeomKind::Line ? LayerKind::Line : LayerKind::Fill;
        l.stroke_width = l.kind == LayerKind::Fill ? 0.5f : 1.5f;
    }
    l.title = r.str(t, "title", l.title);
    if (t.get("type")) {
        std::string type = r.str(t, "type", "");
        if (type == "heatmap") l.kind = LayerKind::Heatmap;
        else if (type == "fill") l.kind = LayerKind::Fill;
        else if (type == "line") l.kind = LayerKind::Line;
        else if (type == "circle") l.kind = LayerKind::Circle;
        else fail(r.file, *t.get("type"), "unknown layer type '" + type + "' (fill, line, circle, heatmap)");
    }
    if (t.get("fill")) l.fill = r.colour(t, "fill", l.fill), l.feature_fill.clear();
    l.stroke = r.colour(t, "stroke", l.stroke);
    if (t.get("stroke")) l.feature_stroke.clear();
    l.stroke_width = float(r.num(t, "stroke_width", l.stroke_width, 0, 100));
    if (t.get("dash")) {
        auto d = r.numbers(t, "dash", 2, 2);
        l.dash = {float(d[0]), float(d[1])};
    }
    l.opacity = float(r.num(t, "opacity", l.opacity, 0, 1));
    if (t.get("hatch")) {
        l.hatch.colour = r.colour(t, "hatch", l.hatch.colour);
        if (l.hatch.spacing <= 0) l.hatch.spacing = 8;
    }
    l.hatch.spacing = float(r.num(t, "hatch_spacing", l.hatch.spacing, 0, 1000));
    l.hatch.angle = float(r.num(t, "hatch_angle", l.hatch.angle, -360, 360));
    l.hatch.width = float(r.num(t, "hatch_width", l.hatch.width, 0, 100));
    l.arrow = r.boolean(t, "arrow", l.arrow);
    if (t.get("shape")) l.shape = parse_shape(r, t);
    l.symbol_size = float(r.num(t, "size", l.symbol_size, 0, 500));
    l.visible = r.boolean(t, "visible", l.visible);
    if (t.get("label")) {
        l.label.field = r.str(t, "label", "");
        if (!l.label.field.empty() && l.data->field_index(l.label.field) < 0)
            fail(r.file, *t.get("label"), "layer '" + id + "': " + l.data->source + " has no field '" + l.label.field + "'");
    }
    l.label.size_px = float(r.num(t, "label_size", l.label.size_px, 4, 200));
    l.label.priority = int(r.num(t, "label_priority", l.label.priority, -1000, 1000));
    if (t.get("fill_field")) {
        l.feature_fill.clear();
        l.legend.clear();
        classify_fill(r, t, l);
    }
    return l;
}

}  // namespace

toml::table parse_toml_text(const std::string& text, const std::string& name) {
    try {
        return toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        throw Error(name + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": " + std::string(e.description()));
    }
}

toml::table parse_toml_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot read the file");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_toml_text(ss.str(), path);
}

Scene load_scene_text(const std::string& text, const std::string& name, const std::string& base_dir) {
    return load_scene_table(parse_toml_text(text, name), name, base_dir);
}

Scene load_scene_table(const toml::table& root, const std::string& name, const std::string& base_dir) {
    Reader r{name};
    r.only_keys(root, {"title", "subtitle", "caption", "source", "preset", "size", "dpi", "projection", "background",
                       "extent", "fit", "labels", "furniture", "basemap", "layer", "layouts"},
                "the scene");
    ProjectionKind projection = ProjectionKind::Albers;
    if (const toml::node* n = root.get("projection")) {
        try {
            projection = parse_projection(r.str(root, "projection", ""));
        } catch (const Error& e) {
            fail(name, *n, e.what());
        }
    }
    Projector projector(projection);

    // The base map first: the scene's layers go on top, or restyle base layers by id.
    Scene s;
    std::vector<std::string> base;
    if (const toml::node* n = root.get("basemap")) {
        if (auto b = n->value<bool>()) {
            if (*b) base.assign(std::begin(kBaseLayers), std::end(kBaseLayers));
        } else {
            base = r.strings(root, "basemap");
            for (const auto& id : base)
                if (std::find(std::begin(kBaseLayers), std::end(kBaseLayers), id) == std::end(kBaseLayers))
                    fail(name, *n, "unknown base layer '" + id + "'");
        }
    } else {
        base.assign(std::begin(kBaseLayers), std::end(kBaseLayers));
    }
    if (!base.empty()) s = default_scene(maps_dir(), projector, base);
    s.projection = projection;
    s.title = r.str(root, "title", s.title);
    s.subtitle = r.str(root, "subtitle", root.get("title") ? "" : s.subtitle);
    s.caption = r.str(root, "caption", s.caption);
    if (const toml::node* n = root.get("preset")) {
        std::string name_ = r.str(root, "preset", "");
        const PagePreset* p = find_preset(name_);
        if (!p) fail(name, *n, "unknown preset '" + name_ + "' (" + preset_names() + ")");
        s.width = p->width, s.height = p->height, s.dpi = p->dpi;
    }
    if (root.get("source")) s.source_note = r.str(root, "source", "") + (s.source_note.empty() ? "" : "；" + s.source_note);
    if (root.get("size")) {
        auto sz = r.numbers(root, "size", 2, 2);
        if (sz[0] < 16 || sz[1] < 16 || sz[0] > 65536 || sz[1] > 65536)
            fail(name, *root.get("size"), "'size' must be between 16 and 65536 pixels a side");
        s.width = int(sz[0]), s.height = int(sz[1]);
    }
    s.dpi = r.num(root, "dpi", s.dpi, 10, 2400);
    s.background = r.colour(root, "background", s.background);
    if (root.get("extent")) {
        auto e = r.numbers(root, "extent", 4, 4);
        if (!(e[0] < e[2] && e[1] < e[3] && e[0] >= -180 && e[2] <= 180 && e[1] >= -90 && e[3] <= 90))
            fail(name, *root.get("extent"), "'extent' must be [lon_min, lat_min, lon_max, lat_max] with min < max");
        Bounds b;
        b.add(Vec2{e[0], e[1]});
        b.add(Vec2{e[2], e[3]});
        s.extent = b;
    }
    s.labels = r.boolean(root, "labels", s.labels);
    s.furniture = r.boolean(root, "furniture", s.furniture);

    if (const toml::node* n = root.get("layer")) {
        const toml::array* layers = n->as_array();
        if (!layers) fail(name, *n, "'layer' must be written as [[layer]] tables");
        for (const auto& e : *layers) {
            const toml::table* t = e.as_table();
            if (!t) fail(name, e, "'layer' must be written as [[layer]] tables");
            SceneLayer l = read_layer(r, *t, base_dir, projector, s);
            if (SceneLayer* existing = s.find(l.id)) *existing = std::move(l);
            else if (const toml::node* below = t->get("below")) {
                // Under a named layer (a heat map under the boundaries and rivers, not over them).
                std::string id = r.str(*t, "below", "");
                auto at = std::find_if(s.layers.begin(), s.layers.end(), [&](const SceneLayer& x) { return x.id == id; });
                if (at == s.layers.end()) fail(name, *below, "'below' names layer '" + id + "', which the scene does not have (yet)");
                s.layers.insert(at, std::move(l));
            } else s.layers.push_back(std::move(l));
        }
    }
    if (const toml::node* n = root.get("layouts")) {
        std::vector<std::string> refs = r.strings(root, "layouts");
        const toml::array* a = n->as_array();
        std::shared_ptr<const LayoutLibrary> lib;
        try {
            lib = shared_default_layout_library();
        } catch (const Error& e) {
            fail(name, *n, std::string("cannot load the plan layouts: ") + e.what());
        }
        for (size_t i = 0; i < refs.size(); ++i) {
            try {
                add_layouts_to_scene(s, *lib, {refs[i]}, projector);
            } catch (const Error& e) {
                fail(name, *a->get(i), "layouts: '" + refs[i] + "': " + e.what());
            }
        }
    }
    if (root.get("fit")) {
        s.fit_layers = r.strings(root, "fit");
        for (const auto& id : s.fit_layers)
            if (!s.find(id)) fail(name, *root.get("fit"), "'fit' names layer '" + id + "', which the scene does not have");
    } else if (!s.find("province")) {
        s.fit_layers.clear();
    }
    return s;
}

Scene load_scene_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot read the scene file");
    std::stringstream ss;
    ss << in.rdbuf();
    return load_scene_text(ss.str(), path, std::filesystem::absolute(path).parent_path().string());
}

}  // namespace pv
