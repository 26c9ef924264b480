// planview-mapbuild: writes the embedded Shanxi base map (maps/*.geojson) from the downloaded
// registry packages and GMT dumps that tools/build-maps.sh prepares, and prints quality
// figures (datum fit against DCW, overlaps, gaps, vertex counts) to stderr.
#include <gdal.h>
#include <ogrsf_frmts.h>

#include <cstring>
#include <iostream>
#include <map>
#include <stdexcept>

#include "context.hpp"
#include "counties.hpp"
#include "geojson_writer.hpp"

using namespace mapbuild;

namespace {

struct Args {
    std::string echarts_dir, area_csv, city_csv, dcw_dir, rivers, lakes, out_dir;
};

Args parse_args(int argc, char** argv) {
    Args a;
    std::map<std::string, std::string*> opts = {
        {"--echarts", &a.echarts_dir}, {"--area", &a.area_csv}, {"--city", &a.city_csv}, {"--dcw", &a.dcw_dir},
        {"--rivers", &a.rivers},       {"--lakes", &a.lakes},   {"--out", &a.out_dir},
    };
    for (int i = 1; i < argc; ++i) {
        auto it = opts.find(argv[i]);
        if (it == opts.end() || i + 1 >= argc) throw std::runtime_error(std::string("bad argument: ") + argv[i]);
        *it->second = argv[++i];
    }
    for (const auto& [k, v] : opts)
        if (v->empty()) throw std::runtime_error("missing " + k);
    return a;
}

size_t vertex_count(const OGRGeometry& g) {
    size_t n = 0;
    GeomPtr c(g.clone());
    for_each_vertex(*c, [&](pv::Vec2 p) {
        ++n;
        return p;
    });
    return n;
}

// Mean and max distance (km) from points every 500 m along a's boundary to b's boundary.
std::pair<double, double> outline_distance_km(const OGRGeometry& a, const OGRGeometry& b) {
    GeomPtr pa = to_albers(a), pb = to_albers(b);
    GeomPtr la(pa->Boundary()), lb(pb->Boundary());
    std::vector<const OGRLineString*> lines;
    if (wkbFlatten(la->getGeometryType()) == wkbLineString)
        lines.push_back(la->toLineString());
    else
        for (const auto* g : *la->toGeometryCollection()) lines.push_back(g->toLineString());
    double sum = 0, worst = 0;
    size_t n = 0;
    for (const auto* l : lines) {
        const double len = l->get_Length();
        for (double s = 0; s < len; s += 500.0) {
            OGRPoint p;
            l->Value(s, &p);
            const double d = p.Distance(lb.get()) / 1000.0;
            sum += d;
            worst = std::max(worst, d);
            ++n;
        }
    }
    return {sum / double(n), worst};
}

void report_counties(const std::vector<County>& counties, const OGRMultiPolygon& province, const std::string& dcw_dir) {
    // Overlaps between counties (should be none: the source is edge-matched).
    double overlap_sum = 0, overlap_max = 0;
    int overlap_pairs = 0, invalid = 0;
    for (size_t i = 0; i < counties.size(); ++i) {
        if (!counties[i].geom->IsValid()) ++invalid;
        OGREnvelope ei;
        counties[i].geom->getEnvelope(&ei);
        for (size_t j = i + 1; j < counties.size(); ++j) {
            OGREnvelope ej;
            counties[j].geom->getEnvelope(&ej);
            if (!ei.Intersects(ej)) continue;
            GeomPtr x(counties[i].geom->Intersection(counties[j].geom.get()));
            const double a = x ? area_km2(*x) : 0;
            if (a > 0) ++overlap_pairs, overlap_sum += a, overlap_max = std::max(overlap_max, a);
        }
    }
    std::cerr << "counties: " << counties.size() << " features, " << invalid << " invalid after rounding; overlaps: "
              << overlap_pairs << " pairs, " << overlap_sum << " km2 in all, largest " << overlap_max << " km2\n";
    double county_sum = 0;
    for (const auto& c : counties) county_sum += area_km2(*c.geom);
    const double prov = area_km2(province);
    std::cerr << "province: " << prov << " km2 (DCW 156462), sum of counties " << county_sum
              << " km2, so gaps inside the union " << (prov - county_sum) << " km2 (negative: overlap); "
              << province.getNumGeometries() << " part(s), " << province.getGeometryRef(0)->getNumInteriorRings()
              << " hole(s)\n";

    auto dcw = dcw_polygon(dcw_dir + "/CN.SX.txt");
    std::vector<const OGRGeometry*> gcj;
    for (const auto& c : counties) gcj.push_back(c.geom_gcj.get());
    auto before = dissolve(gcj, 0.01);
    const auto [b_mean, b_max] = outline_distance_km(*before, *dcw);
    const auto [a_mean, a_max] = outline_distance_km(province, *dcw);
    std::cerr << "outline vs DCW CN.SX: GCJ-02 as published mean " << b_mean << " km (max " << b_max
              << "), WGS84 converted mean " << a_mean << " km (max " << a_max << ")\n";
    GeomPtr sym(province.SymDifference(dcw.get()));
    std::cerr << "area differing from DCW CN.SX: " << area_km2(*sym) << " km2; DCW area " << area_km2(*dcw) << " km2\n";
}

template <class T>
size_t total_vertices(const std::vector<T>& items) {
    size_t n = 0;
    for (const auto& i : items) n += vertex_count(*i.geom);
    return n;
}

int run(const Args& a) {
    GDALAllRegister();
    // GEOS validity chatter on the source's self-intersecting rings; repairs are counted instead.
    CPLSetErrorHandler(CPLQuietErrorHandler);
    const Division div = read_division(a.area_csv, a.city_csv);
    std::vector<County> counties = build_counties(a.echarts_dir, div);
    std::vector<Prefecture> prefectures = build_prefectures(counties, div);

    std::vector<const OGRGeometry*> all;
    for (const auto& c : counties) all.push_back(c.geom.get());
    double dropped = 0;
    auto province = dissolve(all, 0.01, &dropped);
    round_to_grid(*province);
    std::cerr << "province dissolve dropped " << dropped << " km2 of slivers\n";

    std::vector<OutFeature> fc;
    for (const auto& c : counties)
        fc.push_back({{text_prop("code", c.code), text_prop("codes", c.codes), text_prop("name", c.name),
                       text_prop("prefecture_code", c.prefecture_code), text_prop("prefecture_name", c.prefecture_name),
                       real_prop("seat_lon", c.seat.x, 6), real_prop("seat_lat", c.seat.y, 6),
                       text_prop("status", c.status), text_prop("note", c.note)},
                      c.geom.get()});
    write_geojson(a.out_dir + "/counties.geojson", fc);

    std::vector<OGRPoint> seat_points;
    seat_points.reserve(counties.size());
    fc.clear();
    for (const auto& c : counties) {
        seat_points.emplace_back(c.seat.x, c.seat.y);
        fc.push_back({{text_prop("code", c.code), text_prop("name", c.name),
                       text_prop("prefecture_code", c.prefecture_code), text_prop("prefecture_name", c.prefecture_name)},
                      &seat_points.back()});
    }
    write_geojson(a.out_dir + "/seats.geojson", fc);

    fc.clear();
    for (const auto& p : prefectures)
        fc.push_back({{text_prop("code", p.code), text_prop("name", p.name), int_prop("county_count", p.county_count),
                       real_prop("seat_lon", p.seat.x, 6), real_prop("seat_lat", p.seat.y, 6),
                       text_prop("note", p.note)},
                      p.geom.get()});
    write_geojson(a.out_dir + "/prefectures.geojson", fc);

    write_geojson(a.out_dir + "/province.geojson",
                  {{{text_prop("code", "140000"), text_prop("name", "山西省")}, province.get()}});

    const auto neighbours = build_neighbours(a.dcw_dir);
    fc.clear();
    for (const auto& n : neighbours)
        fc.push_back({{text_prop("code", n.code), text_prop("name", n.name), text_prop("name_en", n.name_en)},
                      n.geom.get()});
    write_geojson(a.out_dir + "/neighbours.geojson", fc);

    const auto rivers = build_rivers(a.rivers);
    fc.clear();
    for (const auto& r : rivers)
        fc.push_back({{text_prop("name", r.name), int_prop("level", r.level)}, r.geom.get()});
    write_geojson(a.out_dir + "/rivers.geojson", fc);

    const auto lakes = build_lakes(a.lakes);
    fc.clear();
    for (const auto& l : lakes)
        fc.push_back({{text_prop("name", l.name), real_prop("area_km2", l.area_km2, 3)}, l.geom.get()});
    write_geojson(a.out_dir + "/lakes.geojson", fc);

    const auto ranges = build_ranges();
    fc.clear();
    for (const auto& r : ranges)
        fc.push_back({{text_prop("name", r.name), text_prop("name_en", r.name_en)}, r.geom.get()});
    write_geojson(a.out_dir + "/ranges.geojson", fc);

    report_counties(counties, *province, a.dcw_dir);
    std::cerr << "vertices: counties " << total_vertices(counties) << ", prefectures " << total_vertices(prefectures)
              << ", province " << vertex_count(*province) << ", neighbours " << total_vertices(neighbours)
              << ", rivers " << total_vertices(rivers) << " in " << rivers.size() << " lines, lakes "
              << total_vertices(lakes) << " in " << lakes.size() << " polygons, ranges " << total_vertices(ranges)
              << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(parse_args(argc, argv));
    } catch (const std::exception& e) {
        std::cerr << "planview-mapbuild: " << e.what() << "\n";
        return 1;
    }
}
