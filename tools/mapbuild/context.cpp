#include "context.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "geojson_writer.hpp"

namespace mapbuild {

namespace {

std::unique_ptr<OGRLinearRing> ring_of(const Polyline& pts) {
    auto r = std::make_unique<OGRLinearRing>();
    for (const auto& p : pts) r->addPoint(p.x, p.y);
    r->closeRings();
    return r;
}

std::unique_ptr<OGRLineString> line_of(const Polyline& pts) {
    auto l = std::make_unique<OGRLineString>();
    for (const auto& p : pts) l->addPoint(p.x, p.y);
    return l;
}

std::unique_ptr<OGRPolygon> box_polygon() {
    auto p = std::make_unique<OGRPolygon>();
    p->addRingDirectly(ring_of({{kBoxWest, kBoxSouth}, {kBoxEast, kBoxSouth}, {kBoxEast, kBoxNorth},
                                {kBoxWest, kBoxNorth}, {kBoxWest, kBoxSouth}})
                           .release());
    return p;
}

// Distance (km) from a lon/lat point to a polyline, via its nearest vertex-to-segment foot on
// the Albers plane.
double distance_to_line_km(pv::Vec2 p, const OGRLineString& l) {
    OGRPoint pt(p.x, p.y);
    GeomPtr a = to_albers(pt), b = to_albers(l);
    return a->Distance(b.get()) / 1000.0;
}

}  // namespace

std::vector<GmtSegment> read_gmt_segments(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read");
    std::vector<GmtSegment> segs;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '>') {
            segs.push_back({line.substr(1), {}});
            continue;
        }
        if (segs.empty()) segs.push_back({"", {}});
        std::istringstream ss(line);
        pv::Vec2 p;
        if (!(ss >> p.x >> p.y)) throw std::runtime_error(path + ": bad line: " + line);
        auto& pts = segs.back().points;
        if (pts.empty() || !(pts.back() == p)) pts.push_back(p);
    }
    std::erase_if(segs, [](const GmtSegment& s) { return s.points.empty(); });
    return segs;
}

std::unique_ptr<OGRMultiPolygon> dcw_polygon(const std::string& path) {
    std::vector<OGRGeometry*> polys;
    for (const auto& s : read_gmt_segments(path)) {
        if (s.points.size() < 3) continue;
        auto p = new OGRPolygon;
        p->addRingDirectly(ring_of(s.points).release());
        polys.push_back(p);
    }
    if (polys.empty()) throw std::runtime_error(path + ": no polygons");
    int valid = 0;
    GeomPtr g(OGRGeometryFactory::organizePolygons(polys.data(), int(polys.size()), &valid, nullptr));
    return make_valid_polygonal(*g);
}

std::vector<Neighbour> build_neighbours(const std::string& dir) {
    static const std::vector<std::tuple<std::string, std::string, std::string>> regions = {
        {"CN.BJ", "北京市", "Beijing"},       {"CN.HA", "河南省", "Henan"},   {"CN.HE", "河北省", "Hebei"},
        {"CN.NM", "内蒙古自治区", "Inner Mongolia"}, {"CN.NX", "宁夏回族自治区", "Ningxia"},
        {"CN.SD", "山东省", "Shandong"},      {"CN.SN", "陕西省", "Shaanxi"}, {"CN.TJ", "天津市", "Tianjin"},
    };
    auto box = box_polygon();
    std::vector<Neighbour> out;
    for (const auto& [code, name, name_en] : regions) {
        const std::string path = dir + "/" + code + ".txt";
        if (!std::ifstream(path)) {
            std::cerr << "  " << code << ": no DCW dump, skipped\n";
            continue;
        }
        auto whole = dcw_polygon(path);
        GeomPtr clipped(whole->Intersection(box.get()));
        auto parts = clipped ? polygonal_parts(*clipped) : std::make_unique<OGRMultiPolygon>();
        round_to_grid(*parts);
        parts = polygonal_parts(*parts);
        if (parts->IsEmpty()) {
            std::cerr << "  " << code << ": outside the box, skipped\n";
            continue;
        }
        out.push_back({code, name, name_en, std::move(parts)});
    }
    return out;
}

namespace {

// Seed points that name GSHHG river lines (GSHHG carries no names). Our own choice: each point
// lies on the river's course as drawn on any general map of Shanxi; the nearest merged line of
// the given level within kSeedReachKm takes the name. Several seeds where the WDBII line is
// broken at confluences.
struct RiverSeed {
    const char* name;
    int level;
    pv::Vec2 at;
};
constexpr double kSeedReachKm = 4.0;
const std::vector<RiverSeed>& river_seeds() {
    static const std::vector<RiverSeed> s = {
        // 汾河: upper course from 管涔山 (宁武) past 静乐, then 太原, 介休, 临汾, mouth near 河津.
        {"汾河", 2, {111.992, 38.536}},
        {"汾河", 2, {111.568, 36.181}},
        // 桑干河: 朔州 - 山阴 - 应县 - 大同 plain, on to 官厅水库.
        {"桑干河", 2, {113.101, 39.600}},
        // 沁河: 沁源 - 安泽 - 沁水/阳城 - 济源, into the Yellow River at 武陟.
        {"沁河", 2, {112.435, 35.691}},
        // 漳河 below the 清漳/浊漳 confluence at 合漳, through 岳城水库 to the 卫运河.
        {"漳河", 2, {113.908, 36.343}},
        {"漳河", 2, {114.570, 36.196}},
        // 浊漳河: the Shanxi branch of 漳河 (武乡 - 襄垣 - 黎城 - 合漳).
        {"浊漳河", 2, {113.241, 36.541}},
        // 滹沱河: 繁峙 - 代县 - 原平, round 五台山 to 岗南水库, then across the Hebei plain.
        {"滹沱河", 3, {112.935, 39.049}},
        {"滹沱河", 3, {114.078, 38.325}},
        {"滹沱河", 3, {114.815, 38.052}},
    };
    return s;
}

int level_of(const std::string& header) {
    const auto pos = header.find("Level ");
    if (pos == std::string::npos) throw std::runtime_error("GSHHG dump: no level in header: " + header);
    return std::stoi(header.substr(pos + 6));
}

void name_rivers(std::vector<River>& rivers) {
    for (const auto& seed : river_seeds()) {
        River* best = nullptr;
        double best_km = kSeedReachKm;
        for (auto& r : rivers) {
            if (r.level != seed.level) continue;
            const double d = distance_to_line_km(seed.at, *r.geom);
            if (d < best_km) best_km = d, best = &r;
        }
        if (!best)
            throw std::runtime_error(std::string("river seed for ") + seed.name + " finds no level " +
                                     std::to_string(seed.level) + " line");
        if (!best->name.empty() && best->name != seed.name)
            throw std::runtime_error(std::string("river seed for ") + seed.name + " hits " + best->name);
        best->name = seed.name;
    }
}

}  // namespace

std::vector<River> build_rivers(const std::string& dump) {
    std::map<int, std::vector<Polyline>> by_level;
    for (auto& s : read_gmt_segments(dump)) by_level[level_of(s.header)].push_back(std::move(s.points));
    std::vector<River> whole;
    for (auto& [level, pieces] : by_level)
        for (auto& line : merge_lines(std::move(pieces))) {
            River r;
            r.level = level;
            r.geom = line_of(line);
            // 黄河 is the only double-lined (level 1) river in the box.
            if (level == 1) r.name = "黄河";
            whole.push_back(std::move(r));
        }
    name_rivers(whole);
    // GSHHG hands out whole bins, which reach past the box: clip to it, after naming, so that
    // every piece keeps its name. Lines inside the box are left alone (GEOS would split them
    // where they touch themselves).
    auto box = box_polygon();
    std::vector<River> out;
    auto add = [&](const River& from, const OGRLineString& l) {
        River r;
        r.level = from.level;
        r.name = from.name;
        r.geom.reset(l.clone());
        round_to_grid(*r.geom);
        if (r.geom->getNumPoints() >= 2) out.push_back(std::move(r));
    };
    for (const auto& r : whole) {
        OGREnvelope e;
        r.geom->getEnvelope(&e);
        if (e.MinX >= kBoxWest && e.MaxX <= kBoxEast && e.MinY >= kBoxSouth && e.MaxY <= kBoxNorth) {
            add(r, *r.geom);
            continue;
        }
        GeomPtr clipped(r.geom->Intersection(box.get()));
        if (!clipped || clipped->IsEmpty()) continue;
        if (wkbFlatten(clipped->getGeometryType()) == wkbLineString) {
            add(r, *clipped->toLineString());
            continue;
        }
        // A line leaving and re-entering the box comes back in pieces: merge what touches.
        std::vector<Polyline> parts;
        for (const auto* g : *clipped->toGeometryCollection()) {
            if (wkbFlatten(g->getGeometryType()) != wkbLineString) continue;
            Polyline p;
            for (const auto& v : *g->toLineString()) p.push_back({v.getX(), v.getY()});
            parts.push_back(std::move(p));
        }
        for (const auto& p : merge_lines(std::move(parts))) add(r, *line_of(p));
    }
    std::sort(out.begin(), out.end(), [](const River& a, const River& b) {
        const auto fa = std::make_tuple(a.level, a.name, a.geom->getX(0), a.geom->getY(0), a.geom->getNumPoints());
        const auto fb = std::make_tuple(b.level, b.name, b.geom->getX(0), b.geom->getY(0), b.geom->getNumPoints());
        return fa < fb;
    });
    return out;
}

namespace {

// Lakes named by a point inside them (our own reading of general maps).
struct LakeSeed {
    const char* name;
    pv::Vec2 at;
};
const std::vector<LakeSeed>& lake_seeds() {
    static const std::vector<LakeSeed> s = {
        {"运城盐湖", {110.988, 34.976}},  // 盐湖区, south of 运城 city
        {"硝池", {110.818, 34.929}},      // west of the salt lake, at 解州
        {"岱海", {112.675, 40.559}},      // 凉城, Inner Mongolia
        {"黄旗海", {113.276, 40.851}},    // 察哈尔右翼前旗, Inner Mongolia
        {"官厅水库", {115.650, 40.321}},  // 怀来 / 延庆
        {"岗南水库", {113.958, 38.332}},  // 平山, on the 滹沱河
        {"黄壁庄水库", {114.255, 38.255}},  // below 岗南, on the 滹沱河
        {"岳城水库", {114.168, 36.282}},  // on the 漳河, 磁县 / 安阳
        {"东平湖", {116.182, 36.008}},    // 东平, Shandong
    };
    return s;
}

}  // namespace

std::vector<Lake> build_lakes(const std::string& dump) {
    std::vector<Polyline> pieces;
    for (auto& s : read_gmt_segments(dump)) pieces.push_back(std::move(s.points));
    OGRMultiLineString lines;
    for (const auto& l : merge_lines(std::move(pieces))) lines.addGeometryDirectly(line_of(l).release());
    GeomPtr polys(lines.Polygonize());
    if (!polys) throw std::runtime_error(dump + ": lake shores do not polygonize");
    std::vector<Lake> out;
    const auto parts = polygonal_parts(*polys);
    for (const auto* p : *parts) {
        Lake l;
        l.geom.reset(p->clone());
        round_to_grid(*l.geom);
        l.area_km2 = area_km2(*l.geom);
        out.push_back(std::move(l));
    }
    for (const auto& seed : lake_seeds()) {
        OGRPoint pt(seed.at.x, seed.at.y);
        auto it = std::find_if(out.begin(), out.end(), [&](const Lake& l) { return l.geom->Contains(&pt); });
        if (it == out.end()) throw std::runtime_error(std::string("no lake contains the seed of ") + seed.name);
        it->name = seed.name;
    }
    std::sort(out.begin(), out.end(), [](const Lake& a, const Lake& b) {
        const auto* ra = a.geom->getExteriorRing();
        const auto* rb = b.geom->getExteriorRing();
        OGREnvelope ea, eb;
        ra->getEnvelope(&ea);
        rb->getEnvelope(&eb);
        return std::tie(ea.MinX, ea.MinY, ea.MaxX, ea.MaxY) < std::tie(eb.MinX, eb.MinY, eb.MaxX, eb.MaxY);
    });
    return out;
}

std::vector<Range> build_ranges() {
    // Hand-authored by the PlanView project: label paths along each range's main ridge, read
    // off general relief maps; a few vertices each, for placing names, not for measuring.
    struct Def {
        const char* name;
        const char* name_en;
        Polyline path;
    };
    static const std::vector<Def> defs = {
        {"太行山", "Taihang Mountains",
         {{114.95, 39.95}, {114.35, 39.20}, {113.95, 38.60}, {113.85, 37.90}, {113.70, 37.10}, {113.65, 36.40},
          {113.45, 35.70}, {112.90, 35.30}, {112.40, 35.20}}},
        {"吕梁山", "Lüliang Mountains",
         {{112.05, 38.95}, {111.75, 38.45}, {111.45, 37.85}, {111.20, 37.25}, {111.00, 36.65}, {110.85, 36.00}}},
        {"中条山", "Zhongtiao Mountains",
         {{110.40, 34.80}, {110.85, 34.92}, {111.25, 35.07}, {111.65, 35.30}, {112.05, 35.45}}},
        {"太岳山", "Taiyue Mountains", {{112.25, 37.00}, {112.05, 36.60}, {111.95, 36.25}}},
        {"五台山", "Wutai Mountains", {{113.10, 38.90}, {113.45, 39.02}, {113.75, 39.10}}},
        {"恒山", "Heng Mountains", {{113.15, 39.45}, {113.70, 39.66}, {114.20, 39.80}}},
    };
    std::vector<Range> out;
    for (const auto& d : defs) out.push_back({d.name, d.name_en, line_of(d.path)});
    return out;
}

}  // namespace mapbuild
