#include "scene/layout_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "data/error.hpp"
#include "data/paths.hpp"
#include "data/vector_source.hpp"

namespace pv {

namespace {

// Colours of Chinese planning maps: red for centres and development axes, orange for
// development corridors, green for ecological belts, blue for water and transport.
constexpr Rgba kRed{215, 25, 32, 255};
constexpr Rgba kOrange{240, 120, 20, 255};
constexpr Rgba kDarkRed{170, 20, 30, 255};
constexpr Rgba kGreen{50, 150, 60, 255};
constexpr Rgba kDarkGreen{20, 105, 50, 255};
constexpr Rgba kWater{40, 120, 210, 255};
constexpr Rgba kPurple{110, 45, 150, 255};
constexpr Rgba kBrown{150, 90, 40, 255};
constexpr Rgba kNavy{25, 60, 130, 255};
constexpr Rgba kWhite{255, 255, 255, 255};
constexpr Rgba kNone{0, 0, 0, 0};
// Soft categorical tints for zones and 一县一业 categories (ColorBrewer Set1 / Set3-like).
constexpr Rgba kZoneColours[] = {{228, 26, 28, 255},  {55, 126, 184, 255}, {77, 175, 74, 255},   {152, 78, 163, 255},
                                 {255, 127, 0, 255},  {166, 86, 40, 255},  {247, 129, 191, 255}, {80, 80, 80, 255}};
constexpr Rgba kCategoryColours[] = {
    {141, 211, 199, 255}, {255, 237, 111, 255}, {190, 186, 218, 255}, {251, 128, 114, 255}, {128, 177, 211, 255},
    {253, 180, 98, 255},  {179, 222, 105, 255}, {252, 205, 229, 255}, {188, 128, 189, 255}, {204, 235, 197, 255},
    {217, 217, 217, 255}, {255, 255, 179, 255}, {166, 206, 227, 255}, {178, 223, 138, 255}, {251, 154, 153, 255}};

enum class Geo { Area, Line, Symbol };

// How one drawn part of an element looks; parts with the same key share a scene layer.
struct Look {
    Geo geo = Geo::Symbol;
    int z = 0;  // bottom to top
    Rgba fill = kNone, stroke = kNone;
    float width = 0, size = 0, opacity = 1;
    Shape shape = Shape::Circle;
    bool dashed = false, arrow = false;
    Hatch hatch;
    std::string glyph;       // legend symbol
    std::string legend;      // legend label; empty = from the roles
    bool labelled = true;
    float label_size = 13;

    std::string key() const {
        char buf[256];
        std::snprintf(buf, sizeof buf, "%d:%d:%08x:%08x:%.1f:%.1f:%.2f:%d:%d:%d:%.1f:%.0f:%08x:%s", int(geo), z,
                      unsigned(fill.r << 24 | fill.g << 16 | fill.b << 8 | fill.a),
                      unsigned(stroke.r << 24 | stroke.g << 16 | stroke.b << 8 | stroke.a), width, size, opacity,
                      int(shape), dashed, arrow, hatch.spacing, hatch.angle,
                      unsigned(hatch.colour.r << 24 | hatch.colour.g << 16 | hatch.colour.b << 8 | hatch.colour.a),
                      legend.c_str());
        return buf;
    }
};

bool contains_any(const std::string& s, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (s.find(w) != std::string::npos) return true;
    return false;
}

// Ecological rather than developmental: the plan's own words say so (生态, 绿, 屏, 林, 水).
bool ecological(const Layout& layout, const LayoutElement& e) {
    return contains_any(e.name + e.role + layout.title, {"生态", "绿", "屏", "林", "水系", "湿地"});
}

int tier(const std::string& kind) {
    if (kind == "centre_primary") return 9;
    if (kind == "pole" || kind == "core") return 8;
    if (kind == "centre_secondary") return 7;
    if (kind == "hub") return 6;
    if (kind == "centre_local") return 5;
    if (kind == "airport") return 4;
    if (kind == "node" || kind == "station" || kind == "logistics_base") return 3;
    return 1;
}

// The point symbol(s) of a kind: a centre of the second tier is two (ring and dot, ◎).
std::vector<Look> symbol_looks(const std::string& kind, bool hollow) {
    std::vector<Look> out;
    auto sym = [&](Shape shape, float size, Rgba fill, const char* glyph, Rgba stroke = kWhite, float width = 1.5f) {
        Look l;
        l.geo = Geo::Symbol, l.shape = shape, l.size = size, l.fill = fill, l.stroke = stroke, l.width = width;
        l.glyph = glyph;
        l.z = 300 + tier(kind) * 10;
        out.push_back(l);
    };
    if (kind == "centre_primary") sym(Shape::Star, 32, kRed, "★", kWhite, 1.5f);
    else if (kind == "centre_secondary") {
        sym(Shape::Circle, 18, kNone, "◎", kRed, 3.0f);
        sym(Shape::Circle, 9, kRed, "◎", kNone, 0);
        out[1].z += 1;
    } else if (kind == "centre_local") sym(Shape::Circle, 12, kOrange, "●");
    else if (kind == "pole" || kind == "core") sym(Shape::Star, 24, kDarkRed, "★");
    else if (kind == "hub") sym(Shape::Square, 16, kPurple, "■");
    else if (kind == "node") sym(Shape::Diamond, 15, kPurple, "◆");
    else if (kind == "logistics_base") sym(Shape::Square, 11, kBrown, "■");
    else if (kind == "airport") sym(Shape::Triangle, 17, kWater, "▲");
    else if (kind == "station") sym(Shape::Square, 11, kNavy, "■");
    else if (kind == "park") sym(Shape::Diamond, 13, kGreen, "◆");
    else if (kind == "lake") sym(Shape::Circle, 11, {110, 175, 230, 255}, "●", kWater, 1.2f);
    else if (kind == "dev_zone" || kind == "zone" || kind == "region") sym(Shape::Square, 12, kPurple, "■");
    else if (kind == "town") sym(Shape::Circle, 9, {90, 90, 90, 255}, "●");
    else sym(Shape::Circle, 10, {90, 90, 90, 255}, "●");
    if (hollow) {
        // Only the county is known: the same symbol, hollow, so it never reads as a located place.
        out.resize(1);
        Look& l = out[0];
        Rgba ink = l.fill.a ? l.fill : l.stroke;
        l.fill = with_alpha(kWhite, 0.9f), l.stroke = ink, l.width = 2.0f;
        l.glyph = l.glyph == "★" ? "☆" : l.glyph == "■" ? "□" : l.glyph == "◆" ? "◇" : l.glyph == "▲" ? "△" : "○";
        l.z -= 5;
    }
    for (size_t i = 0; i + 1 < out.size(); ++i) out[i].labelled = false;  // label the top symbol only
    out.back().label_size = kind == "centre_primary" ? 16 : kind == "centre_secondary" ? 14 : 12.5f;
    return out;
}

// A light, opaque tint of a colour. Wide bands are drawn opaque in a tint rather than
// translucent: a translucent wide line shows its segment joins (beads) on every bend.
Rgba tint_of(Rgba c, float t) {
    auto mix = [&](uint8_t v) { return uint8_t(std::lround(v * t + 255 * (1 - t))); };
    return {mix(c.r), mix(c.g), mix(c.b), 255};
}

Look line_look(const Layout& layout, const LayoutElement& e, size_t zone_index) {
    Look l;
    l.geo = Geo::Line, l.z = 200;
    const std::string& k = e.kind;
    bool eco = ecological(layout, e);
    if (k == "axis") l.stroke = kRed, l.width = 7, l.arrow = true, l.z = 230;
    else if (k == "corridor" && eco) l.stroke = tint_of(kGreen, 0.6f), l.width = 9, l.z = 210;
    else if (k == "corridor") l.stroke = kOrange, l.width = 6, l.arrow = true, l.z = 220;
    else if (k == "route") l.stroke = {175, 40, 125, 255}, l.width = 3, l.z = 225;
    else if (k == "river") l.stroke = tint_of(kWater, 0.7f), l.width = 5, l.z = 205;
    else if (k == "range") l.stroke = tint_of({95, 140, 55, 255}, 0.5f), l.width = 14, l.z = 201;
    else if (k == "belt") l.stroke = tint_of(eco ? kGreen : kOrange, 0.5f), l.width = 14, l.z = 202;
    else if (k == "barrier") l.stroke = tint_of(kDarkGreen, 0.5f), l.width = 16, l.z = 202;
    else if (k == "zone" || k == "region" || k == "dev_zone") {
        // A zone along a line (a river reach): a band in the zone's colour, one legend entry each.
        l.stroke = tint_of(kZoneColours[zone_index % std::size(kZoneColours)], 0.45f), l.width = 12, l.z = 203;
        l.legend = e.name;
    } else l.stroke = {100, 100, 100, 255}, l.width = 3;
    l.labelled = true;
    return l;
}

Look area_look(const Layout& layout, const LayoutElement& e, size_t zone_index, size_t belt_index, size_t belt_count) {
    Look l;
    l.geo = Geo::Area, l.z = 100, l.labelled = false;
    const std::string& k = e.kind;
    bool eco = ecological(layout, e);
    auto tint = [&](Rgba c, float fill_a, float stroke_w) {
        l.fill = with_alpha(c, fill_a), l.stroke = c, l.width = stroke_w;
    };
    if (k == "centre_primary") tint(kRed, 0.30f, 2.2f), l.z = 140;
    else if (k == "centre_secondary") tint(kRed, 0.20f, 1.6f), l.z = 130;
    else if (k == "centre_local") tint(kOrange, 0.18f, 1.2f), l.z = 120;
    else if (k == "pole" || k == "core") {
        tint(kDarkRed, 0.22f, 2.0f), l.z = 135;
        l.hatch = {9, 1.5f, 45, with_alpha(kDarkRed, 0.6f)};
    } else if ((k == "belt" || k == "corridor" || k == "barrier") && belt_count > 1 && k != "barrier") {
        // Several belts over counties overlap: each its own green and hatch direction, so they
        // stay apart where they overlap (五条绿色走廊).
        static constexpr Rgba greens[] = {{46, 139, 87, 255}, {0, 128, 128, 255}, {107, 142, 35, 255},
                                          {34, 100, 34, 255}, {60, 160, 190, 255}, {150, 130, 40, 255}};
        static constexpr float angles[] = {45, -45, 0, 90, 22.5f, -67.5f};
        Rgba c = eco ? greens[belt_index % std::size(greens)] : kOrange;
        tint(c, 0.12f, 1.4f), l.z = 110;
        l.hatch = {9, 1.6f, angles[belt_index % std::size(angles)], with_alpha(c, 0.75f)};
        l.legend = e.name;
    } else if (k == "belt" || k == "corridor") tint(eco ? kGreen : kOrange, 0.35f, 1.0f), l.z = 110;
    else if (k == "barrier") tint(kDarkGreen, 0.38f, 1.0f), l.z = 111;
    else if (k == "lake") tint({110, 175, 230, 255}, 0.9f, 1.0f), l.stroke = kWater, l.z = 150;
    else if (k == "basin") {
        tint(kWater, 0.10f, 1.2f), l.z = 101;
        l.hatch = {10, 1.2f, -45, with_alpha(kWater, 0.55f)};
    } else if (k == "dev_zone") {
        tint(kPurple, 0.18f, 1.5f), l.z = 125;
        l.hatch = {7, 1.5f, 45, with_alpha(kPurple, 0.7f)};
    } else if (k == "zone" || k == "region" || k == "industry") {
        Rgba c = kZoneColours[zone_index % std::size(kZoneColours)];
        tint(c, 0.22f, 1.5f), l.z = 105;
        l.hatch = {8, 1.5f, k == "region" ? -45.f : 45.f, with_alpha(c, 0.65f)};
        l.legend = e.name;  // zones are told apart by colour: one entry each
    } else tint({120, 120, 120, 255}, 0.2f, 1.0f);
    return l;
}

struct Draw {
    Look look;
    Geometry geo;
    Vec2 label_at{NAN, NAN};
    size_t element;
    bool labelled;
};

Geometry point_geometry(Vec2 p) {
    Geometry g;
    g.kind = GeomKind::Point;
    g.points = {p};
    g.part_starts = {0};
    return g;
}


std::string label_text(const LayoutElement& e) { return e.name.empty() ? e.role : e.name; }

}  // namespace

std::string layout_layer_prefix(const std::string& key) { return "layout:" + key + ":"; }

std::vector<SceneLayer> style_layout(const Layout& layout, const std::string& key, const Projector& projector,
                                     const std::vector<bool>& element_visible) {
    // 一县一业-style layouts: every element an area with a category, coloured by category.
    bool categorical = !layout.elements.empty() &&
                       std::all_of(layout.elements.begin(), layout.elements.end(),
                                   [](const LayoutElement& e) { return !e.category.empty(); });
    std::vector<std::string> categories;
    for (const auto& e : layout.elements)
        if (!e.category.empty() && std::find(categories.begin(), categories.end(), e.category) == categories.end())
            categories.push_back(e.category);

    // Belts drawn as areas, so several of them can be told apart.
    size_t belt_count = 0;
    for (const auto& e : layout.elements)
        if ((e.kind == "belt" || e.kind == "corridor") && e.placement == Placement::Exact && e.geo.kind == GeomKind::Polygon)
            ++belt_count;
    // Elements only located by county share their county's anchor: spread them on a small
    // circle (the symbols are marked as 示意 positions anyway), so none hides another.
    std::map<std::string, std::vector<size_t>> by_county;
    for (size_t i = 0; i < layout.elements.size(); ++i)
        if (layout.elements[i].placement == Placement::LocatedByCounty)
            by_county[layout.elements[i].county_codes.empty() ? "" : layout.elements[i].county_codes[0]].push_back(i);
    auto spread_anchor = [&](size_t i) {
        const LayoutElement& e = layout.elements[i];
        const auto& same = by_county[e.county_codes.empty() ? "" : e.county_codes[0]];
        if (same.size() < 2) return e.anchor;
        size_t k = size_t(std::find(same.begin(), same.end(), i) - same.begin());
        Bounds b = e.geo.bounds();
        double r = 0.22 * std::min(b.width(), b.height());
        double a = 2 * 3.14159265358979 * double(k) / double(same.size()) + 1.5707963;
        double kx = std::cos(a) / std::cos(e.anchor.y * 3.14159265358979 / 180), ky = std::sin(a);
        for (int tries = 0; tries < 6; ++tries, r *= 0.6) {  // stay inside the county
            Vec2 p{e.anchor.x + r * kx, e.anchor.y + r * ky};
            if (e.geo.kind == GeomKind::Polygon && point_in_polygon(e.geo, p)) return p;
        }
        return e.anchor;
    };

    std::vector<Draw> draws;
    size_t zones = 0, belts = 0;
    for (size_t i = 0; i < layout.elements.size(); ++i) {
        const LayoutElement& e = layout.elements[i];
        if (e.placement == Placement::NotPlaced || e.geo.points.empty()) continue;
        bool visible = element_visible.empty() || (i < element_visible.size() && element_visible[i]);
        bool zone_like = e.kind == "zone" || e.kind == "region" || e.kind == "industry";
        size_t zone_index = zone_like && e.placement == Placement::Exact ? zones++ : 0;
        bool belt_like = (e.kind == "belt" || e.kind == "corridor") && e.placement == Placement::Exact &&
                         e.geo.kind == GeomKind::Polygon;
        size_t belt_index = belt_like ? belts++ : 0;
        if (!visible) continue;
        if (e.placement == Placement::LocatedByCounty) {
            Look outline;
            outline.geo = Geo::Area, outline.z = 150, outline.labelled = false;
            outline.fill = kNone, outline.stroke = {90, 90, 90, 255}, outline.width = 1.4f, outline.dashed = true;
            outline.legend = "所在县域（按县定位）";
            draws.push_back({outline, e.geo, {NAN, NAN}, i, false});
            Vec2 at = spread_anchor(i);
            for (const Look& s : symbol_looks(e.kind, true)) {
                Look l = s;
                l.legend = e.role + "（" + kLocatedByCountyLabel + "）";
                draws.push_back({l, point_geometry(at), at, i, l.labelled});
            }
            continue;
        }
        switch (e.geo.kind) {
            case GeomKind::Polygon: {
                Look a = area_look(layout, e, zone_index, belt_index, belt_count);
                if (categorical) {
                    size_t c = size_t(std::find(categories.begin(), categories.end(), e.category) - categories.begin());
                    a.fill = kCategoryColours[c % std::size(kCategoryColours)];
                    a.stroke = {110, 110, 110, 255}, a.width = 0.8f, a.hatch = {};
                    a.legend = e.category, a.labelled = true, a.z = 100;
                }
                if (e.schematic) a.dashed = true, a.width = std::max(a.width, 1.8f);
                bool symbol = tier(e.kind) >= 5;  // centres, poles, cores, hubs: a symbol on the area
                a.labelled = !symbol;
                if (symbol && a.legend.empty()) {
                    a.legend = e.role + "范围";
                    if (e.schematic) a.legend += "（示意）";
                }
                draws.push_back({a, e.geo, e.anchor, i, a.labelled});
                if (symbol)
                    for (const Look& s : symbol_looks(e.kind, false))
                        draws.push_back({s, point_geometry(e.anchor), e.anchor, i, s.labelled});
                break;
            }
            case GeomKind::Line: {
                Look l = line_look(layout, e, zone_index);
                if (e.schematic) l.dashed = true;
                draws.push_back({l, e.geo, label_point(e.geo, 0.01), i, true});
                break;
            }
            case GeomKind::Point: {
                for (const Look& s : symbol_looks(e.kind, false)) {
                    for (size_t p = 0; p < e.geo.points.size(); ++p)
                        draws.push_back({s, point_geometry(e.geo.points[p]), e.geo.points[p], i, s.labelled && p == 0});
                }
                break;
            }
            default: break;
        }
    }

    // Group by look, bottom to top by z, then by first appearance.
    std::map<std::string, size_t> group_of;
    std::vector<std::vector<size_t>> groups;
    for (size_t d = 0; d < draws.size(); ++d) {
        auto [it, added] = group_of.emplace(draws[d].look.key(), groups.size());
        if (added) groups.emplace_back();
        groups[it->second].push_back(d);
    }
    std::vector<size_t> order(groups.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = g;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return draws[groups[a][0]].look.z < draws[groups[b][0]].look.z; });

    std::vector<SceneLayer> out;
    std::vector<std::pair<int, LegendItem>> legend;  // with the look's z: listed top-down
    std::set<std::string> legend_seen;
    for (size_t g : order) {
        const Look& look = draws[groups[g][0]].look;
        SceneLayer l;
        l.id = layout_layer_prefix(key) + std::to_string(out.size());
        l.title.clear();
        auto data = std::make_shared<Layer>();
        data->name = l.id;
        data->source = layout.pos.file.empty() ? key : layout.pos.file;
        data->fields.assign(std::begin(kLayoutFields), std::end(kLayoutFields));
        data->kind = look.geo == Geo::Area ? GeomKind::Polygon : look.geo == Geo::Line ? GeomKind::Line : GeomKind::Point;
        std::vector<std::string> roles;
        bool any_schematic = false;
        for (size_t d : groups[g]) {
            const Draw& dr = draws[d];
            const LayoutElement& e = layout.elements[dr.element];
            Feature f;
            f.fid = int64_t(data->features.size());
            f.geo = dr.geo;
            f.attrs = {Value(dr.labelled ? label_text(e) : std::string()), Value(e.role), Value(e.name), Value(e.kind),
                       Value(placement_name(e.placement)), Value(std::to_string(dr.element))};
            f.label_geo = std::isfinite(dr.label_at.x) ? dr.label_at : e.anchor;
            data->features.push_back(std::move(f));
            if (std::find(roles.begin(), roles.end(), e.role) == roles.end()) roles.push_back(e.role);
            any_schematic = any_schematic || e.schematic;
        }
        project_layer(*data, projector);
        l.data = data;
        l.kind = look.geo == Geo::Area ? LayerKind::Fill : look.geo == Geo::Line ? LayerKind::Line : LayerKind::Circle;
        l.fill = look.fill;
        l.stroke = look.stroke;
        l.stroke_width = look.width;
        l.opacity = look.opacity;
        l.shape = look.shape;
        l.symbol_size = look.size;
        l.hatch = look.hatch;
        l.arrow = look.arrow;
        if (look.dashed) l.dash = look.geo == Geo::Line ? std::vector<float>{14, 8} : std::vector<float>{7, 4};
        l.label.field = "label";
        l.label.size_px = look.label_size;
        l.label.colour = look.geo == Geo::Symbol && tier(layout.elements[draws[groups[g][0]].element].kind) >= 7
                             ? Rgba{150, 10, 20, 255}
                             : Rgba{35, 35, 35, 255};
        l.label.halo = {255, 255, 255, 235};
        l.label.halo_px = 2.0f;
        l.label.priority = 20 + tier(layout.elements[draws[groups[g][0]].element].kind);

        // One legend entry per look (the ring and dot of ◎ share one).
        std::string text = look.legend;
        if (text.empty()) {
            for (const auto& r : roles) text += (text.empty() ? "" : "、") + r;
            if (any_schematic) text += "（示意）";
        } else if (any_schematic && text.find("示意") == std::string::npos && text.find("按县定位") == std::string::npos) {
            text += "（示意）";
        }
        if (!text.empty() && legend_seen.insert(text + "|" + look.glyph).second) {
            LegendItem item;
            item.label = text;
            item.kind = l.kind;
            item.fill = look.geo == Geo::Symbol && look.fill.a == 0 ? look.stroke : look.fill;
            item.stroke = look.stroke;
            if (look.geo == Geo::Symbol && look.fill.r == 255 && look.fill.g == 255 && look.fill.b == 255)
                item.fill = look.stroke, item.stroke = kNone;  // hollow: the outline glyph in the ink
            item.symbol = look.geo == Geo::Symbol ? look.glyph : "";
            item.dashed = look.dashed;
            item.hatched = look.hatch.spacing > 0;
            item.arrow = look.arrow;
            legend.push_back({look.z, item});
        }
        out.push_back(std::move(l));
    }
    if (!out.empty()) {
        // Top-down in the legend: symbols first, as planning maps list them.
        std::stable_sort(legend.begin(), legend.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        out.back().title = layout.title;
        for (auto& [z, item] : legend) out.back().legend.push_back(std::move(item));
    }
    return out;
}

// ---- Library -----------------------------------------------------------------------------------

std::string default_layouts_dir() { return planview_home() + "/data/layouts"; }

LayoutLibrary load_layout_library(const std::string& layouts_dir, const std::string& maps_dir,
                                  const std::string& gazetteer_csv) {
    LayoutLibrary lib;
    Gazetteer gaz = Gazetteer::load(maps_dir, gazetteer_csv);
    for (const auto& path : layout_files_in(layouts_dir)) {
        PlanEntry p;
        p.path = path;
        std::string name = std::filesystem::path(path).filename().string();
        p.number = name.substr(0, name.find('_'));
        if (p.number.size() > 4 && p.number.ends_with(".toml")) p.number.resize(p.number.size() - 5);
        try {
            p.plan = load_layouts(path, gaz);
        } catch (const std::exception& e) {
            p.error = e.what();
        }
        lib.plans.push_back(std::move(p));
    }
    return lib;
}

LayoutLibrary load_default_layout_library() {
    return load_layout_library(default_layouts_dir(), maps_dir(), planview_home() + "/data/gazetteer.csv");
}

std::shared_ptr<const LayoutLibrary> shared_default_layout_library() {
    namespace fs = std::filesystem;
    std::vector<std::string> inputs = layout_files_in(default_layouts_dir());
    inputs.push_back(planview_home() + "/data/gazetteer.csv");
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(maps_dir(), ec)) inputs.push_back(f.path().string());
    std::string stamp;
    for (const auto& f : inputs) stamp += f + ':' + file_stamp(f) + '\n';
    static std::mutex mutex;
    static std::shared_ptr<const LayoutLibrary> cached;
    static std::string cached_stamp;
    std::lock_guard<std::mutex> lock(mutex);
    if (!cached || stamp != cached_stamp) {
        cached = std::make_shared<const LayoutLibrary>(load_default_layout_library());
        cached_stamp = std::move(stamp);
    }
    return cached;
}

std::vector<LayoutPick> find_layouts(const LayoutLibrary& lib, const std::string& ref) {
    size_t slash = ref.find('/');
    std::string number = ref.substr(0, slash), id = slash == std::string::npos ? "" : ref.substr(slash + 1);
    const PlanEntry* plan = nullptr;
    std::string known;
    for (const auto& p : lib.plans) {
        known += (known.empty() ? "" : ", ") + p.number;
        if (p.number == number) plan = &p;
    }
    if (!plan) throw Error("no layout file for plan '" + number + "' (plans with layouts: " + known + ")");
    if (!plan->error.empty()) throw Error(plan->error);
    std::vector<LayoutPick> out;
    std::string ids;
    for (const auto& l : plan->plan.layouts) {
        ids += (ids.empty() ? "" : ", ") + l.id;
        if (id.empty() || l.id == id) out.push_back({plan, &l, plan->number + "/" + l.id});
    }
    if (out.empty())
        throw Error("no layout '" + id + "' in " + std::filesystem::path(plan->path).filename().string() + " (it has: " + ids + ")");
    return out;
}

void add_layouts_to_scene(Scene& scene, const LayoutLibrary& lib, const std::vector<std::string>& refs,
                          const Projector& projector) {
    for (const auto& ref : refs)
        for (const auto& pick : find_layouts(lib, ref)) {
            if (scene.find(layout_layer_prefix(pick.key) + "0")) continue;  // named twice ("000" and "000/x")
            for (auto& l : style_layout(*pick.layout, pick.key, projector)) scene.layers.push_back(std::move(l));
        }
}

std::string plans_dir_from(const std::string& arg) {
    if (!arg.empty()) return arg;
    if (const char* env = std::getenv("PLANVIEW_PLANS_DIR")) return env;
    return "";
}

}  // namespace pv
