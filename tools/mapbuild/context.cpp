#include "context.hpp"

#include <algorithm>
#include <cmath>
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

bool in_detail_box(double x, double y) {
    return x >= kDetailWest && x <= kDetailEast && y >= kDetailSouth && y <= kDetailNorth;
}

// Douglas-Peucker over pts[a..b], keeping both ends; marks the kept vertices.
void douglas_peucker(const std::vector<pv::Vec2>& pts, size_t a, size_t b, std::vector<char>& keep) {
    if (b <= a + 1) return;
    const double dx = pts[b].x - pts[a].x, dy = pts[b].y - pts[a].y, len2 = dx * dx + dy * dy;
    double worst = -1;
    size_t at = a;
    for (size_t i = a + 1; i < b; ++i) {
        double ex = pts[i].x - pts[a].x, ey = pts[i].y - pts[a].y;
        if (len2 > 0) {
            const double t = std::clamp((ex * dx + ey * dy) / len2, 0.0, 1.0);
            ex -= t * dx, ey -= t * dy;
        }
        const double d2 = ex * ex + ey * ey;
        if (d2 > worst) worst = d2, at = i;
    }
    if (worst <= kFarToleranceDeg * kFarToleranceDeg) return;
    keep[at] = 1;
    douglas_peucker(pts, a, at, keep);
    douglas_peucker(pts, at, b, keep);
}

// Simplifies the runs of vertices outside the detail box; vertices inside it, and the ends,
// stay where they are.
void simplify_far(OGRSimpleCurve& c) {
    const int n = c.getNumPoints();
    if (n < 3) return;
    std::vector<pv::Vec2> pts(n);
    std::vector<char> keep(n, 0);
    for (int i = 0; i < n; ++i) {
        pts[i] = {c.getX(i), c.getY(i)};
        keep[i] = in_detail_box(pts[i].x, pts[i].y);
    }
    keep[0] = keep[n - 1] = 1;
    std::vector<size_t> fixed;
    for (int i = 0; i < n; ++i)
        if (keep[i]) fixed.push_back(i);
    for (size_t k = 0; k + 1 < fixed.size(); ++k) douglas_peucker(pts, fixed[k], fixed[k + 1], keep);
    Polyline out;
    for (int i = 0; i < n; ++i)
        if (keep[i]) out.push_back(pts[i]);
    c.setNumPoints(0);
    for (const auto& p : out) c.addPoint(p.x, p.y);
}

std::unique_ptr<OGRMultiPolygon> simplify_far(const OGRMultiPolygon& m) {
    // Islets smaller than the tolerance collapse to fewer than 4 points: dropped.
    OGRMultiPolygon s;
    for (const auto* poly : m) {
        auto out = std::make_unique<OGRPolygon>();
        for (const auto* ring : *poly) {
            std::unique_ptr<OGRLinearRing> r(ring->clone());
            simplify_far(*r);
            if (r->getNumPoints() >= 4) out->addRingDirectly(r.release());
            else if (ring == poly->getExteriorRing()) break;
        }
        if (!out->IsEmpty()) s.addGeometryDirectly(out.release());
    }
    return make_valid_polygonal(s);
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
    // Every DCW region that reaches into the box (CN.QH and CN.JL stop just short of it).
    static const std::vector<std::tuple<std::string, std::string, std::string>> regions = {
        {"CN.AH", "安徽省", "Anhui"},       {"CN.BJ", "北京市", "Beijing"},     {"CN.CQ", "重庆市", "Chongqing"},
        {"CN.GS", "甘肃省", "Gansu"},       {"CN.HA", "河南省", "Henan"},       {"CN.HB", "湖北省", "Hubei"},
        {"CN.HE", "河北省", "Hebei"},       {"CN.JS", "江苏省", "Jiangsu"},     {"CN.LN", "辽宁省", "Liaoning"},
        {"CN.NM", "内蒙古自治区", "Inner Mongolia"}, {"CN.NX", "宁夏回族自治区", "Ningxia"},
        {"CN.SC", "四川省", "Sichuan"},     {"CN.SD", "山东省", "Shandong"},    {"CN.SH", "上海市", "Shanghai"},
        {"CN.SN", "陕西省", "Shaanxi"},     {"CN.TJ", "天津市", "Tianjin"},     {"MN", "蒙古国", "Mongolia"},
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
        parts = simplify_far(*parts);
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
        // 黄河, level 1 (major river) from 兰州 round the 河套 loop, down the Shanxi-Shaanxi gorge
        // and across the plain to the sea in 东营. Other level-1 pieces in the box (short stubs
        // near 洪泽湖 and 高邮) are not the Yellow River and stay unnamed.
        {"黄河", 1, {103.829, 36.051}},   // 兰州
        {"黄河", 1, {105.192, 37.481}},   // 中卫
        {"黄河", 1, {106.781, 39.598}},   // 乌海
        {"黄河", 1, {107.022, 40.297}},   // 磴口
        {"黄河", 1, {109.900, 40.521}},   // 包头
        {"黄河", 1, {111.099, 40.252}},   // 头道拐, 托克托
        {"黄河", 1, {111.137, 39.369}},   // 河曲
        {"黄河", 1, {110.446, 36.151}},   // 壶口
        {"黄河", 1, {111.205, 34.805}},   // 三门峡
        {"黄河", 1, {113.637, 34.923}},   // 郑州 (花园口)
        {"黄河", 1, {116.988, 36.723}},   // 济南
        {"黄河", 1, {118.567, 37.628}},   // 东营
        // 长江, level 0 (double-lined river) from 马鞍山 past 南京 to 镇江; the other level-0 piece
        // (the channels north of 扬州) is not the Yangtze's main course and stays unnamed.
        {"长江", 0, {118.440, 31.679}},   // 马鞍山
        {"长江", 0, {118.727, 32.097}},   // 南京
        {"长江", 0, {119.452, 32.221}},   // 镇江
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

// GSHHG breaks its lines at bin edges and merge_lines does not rejoin every piece: a level 0/1
// line whose end lies within kJoinKm of the end of a named line of its level continues that
// river, and takes its name (repeated until nothing changes). Lines that join no named river
// stay unnamed rather than guessed.
constexpr double kJoinKm = 0.5;
double end_gap_km(const OGRLineString& a, const OGRLineString& b) {
    double best = std::numeric_limits<double>::max();
    for (int i : {0, a.getNumPoints() - 1})
        for (int j : {0, b.getNumPoints() - 1}) {
            const double lat = (a.getY(i) + b.getY(j)) / 2 * M_PI / 180;
            const double dx = (a.getX(i) - b.getX(j)) * 111.32 * std::cos(lat), dy = (a.getY(i) - b.getY(j)) * 110.57;
            best = std::min(best, std::hypot(dx, dy));
        }
    return best;
}
void continue_names(std::vector<River>& rivers) {
    for (bool changed = true; changed;) {
        changed = false;
        for (auto& r : rivers) {
            if (r.level > 1 || !r.name.empty()) continue;
            for (const auto& n : rivers)
                if (n.level == r.level && !n.name.empty() && end_gap_km(*r.geom, *n.geom) < kJoinKm) {
                    r.name = n.name;
                    changed = true;
                    break;
                }
        }
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
            whole.push_back(std::move(r));
        }
    name_rivers(whole);
    continue_names(whole);
    for (const auto& r : whole)
        if (r.level <= 1 && r.name.empty()) {
            OGREnvelope e;
            r.geom->getEnvelope(&e);
            std::cerr << "  level " << r.level << " river line left unnamed: " << e.MinX << "-" << e.MaxX << "E "
                      << e.MinY << "-" << e.MaxY << "N, " << r.geom->getNumPoints() << " vertices\n";
        }
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
        simplify_far(*r.geom);
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
