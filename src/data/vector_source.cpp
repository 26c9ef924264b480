#include "data/vector_source.hpp"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <ogrsf_frmts.h>
#include <proj.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <queue>

#include "data/error.hpp"

namespace pv {

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

DatasetPtr open_vector(const std::string& path) {
    GDALAllRegister();
    if (!std::filesystem::exists(path)) throw Error(path + ": no such file");
    CPLErrorReset();
    auto* ds = static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds) {
        std::string why = CPLGetLastErrorMsg();
        throw Error(path + ": not a readable vector data source" + (why.empty() ? "" : " (" + why + ")"));
    }
    return DatasetPtr(ds);
}

void append_points(const OGRSimpleCurve* c, Geometry& g) {
    g.part_starts.push_back(uint32_t(g.points.size()));
    int n = c->getNumPoints();
    for (int i = 0; i < n; ++i) g.points.push_back({c->getX(i), c->getY(i)});
}

void append_geometry(const OGRGeometry* geom, Geometry& g) {
    if (!geom || geom->IsEmpty()) return;
    switch (wkbFlatten(geom->getGeometryType())) {
        case wkbPoint: {
            auto* p = geom->toPoint();
            if (g.kind == GeomKind::None) g.kind = GeomKind::Point;
            g.part_starts.push_back(uint32_t(g.points.size()));
            g.points.push_back({p->getX(), p->getY()});
            break;
        }
        case wkbLineString:
        case wkbCircularString:
            if (g.kind == GeomKind::None) g.kind = GeomKind::Line;
            append_points(geom->toSimpleCurve(), g);
            break;
        case wkbPolygon: {
            if (g.kind == GeomKind::None) g.kind = GeomKind::Polygon;
            for (const auto* ring : *geom->toPolygon()) {
                if (ring->getNumPoints() >= 3) append_points(ring, g);
            }
            break;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const auto* sub : *geom->toGeometryCollection()) append_geometry(sub, g);
            break;
        default: {
            // Curves, surfaces, TINs...: let GDAL linearise them.
            std::unique_ptr<OGRGeometry> lin(geom->getLinearGeometry());
            if (lin && wkbFlatten(lin->getGeometryType()) != wkbFlatten(geom->getGeometryType()))
                append_geometry(lin.get(), g);
            break;
        }
    }
}

Value field_value(OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return {};
    switch (f.GetFieldDefnRef(i)->GetType()) {
        case OFTInteger:
        case OFTInteger64:
            return int64_t(f.GetFieldAsInteger64(i));
        case OFTReal:
            return f.GetFieldAsDouble(i);
        default:
            return std::string(f.GetFieldAsString(i));
    }
}

}  // namespace

std::vector<std::string> list_vector_layers(const std::string& path) {
    auto ds = open_vector(path);
    std::vector<std::string> names;
    for (auto* l : ds->GetLayers()) names.push_back(l->GetName());
    return names;
}

Layer read_vector_layer(const std::string& path, const std::string& layer_name, const Projector& projector) {
    auto ds = open_vector(path);
    OGRLayer* ol = layer_name.empty() ? (ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr)
                                      : ds->GetLayerByName(layer_name.c_str());
    if (!ol) {
        std::string have;
        for (auto* l : ds->GetLayers()) have += std::string(have.empty() ? "" : ", ") + l->GetName();
        throw Error(path + ": no layer '" + layer_name + "'" + (have.empty() ? " (it has no layers)" : " (it has: " + have + ")"));
    }

    Layer layer;
    layer.name = ol->GetName();
    layer.source = path;
    OGRFeatureDefn* defn = ol->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) layer.fields.push_back(defn->GetFieldDefn(i)->GetNameRef());

    // Source CRS -> WGS84, through PROJ. A layer without a CRS is taken as lon/lat already.
    PJ_CONTEXT* ctx = nullptr;
    PJ* to_wgs84 = nullptr;
    if (const OGRSpatialReference* srs = ol->GetSpatialRef()) {
        OGRSpatialReference wgs;
        wgs.SetWellKnownGeogCS("WGS84");
        if (!srs->IsSame(&wgs)) {
            char* wkt = nullptr;
            srs->exportToWkt(&wkt);
            ctx = proj_context_create();
            proj_log_level(ctx, PJ_LOG_NONE);
            PJ* raw = proj_create_crs_to_crs(ctx, wkt, "EPSG:4326", nullptr);
            CPLFree(wkt);
            if (raw) {
                to_wgs84 = proj_normalize_for_visualization(ctx, raw);
                proj_destroy(raw);
            }
            if (!to_wgs84) {
                proj_context_destroy(ctx);
                throw Error(path + ": layer '" + layer.name + "' has a CRS that cannot be transformed to WGS84");
            }
        }
    }

    ol->ResetReading();
    CPLErrorReset();
    for (auto& of : *ol) {
        Feature f;
        f.fid = of->GetFID();
        f.attrs.reserve(layer.fields.size());
        for (int i = 0; i < defn->GetFieldCount(); ++i) f.attrs.push_back(field_value(*of, i));
        append_geometry(of->GetGeometryRef(), f.geo);
        if (layer.kind == GeomKind::None) layer.kind = f.geo.kind;
        layer.features.push_back(std::move(f));
    }
    if (CPLGetLastErrorType() >= CE_Failure) {
        std::string why = CPLGetLastErrorMsg();
        if (to_wgs84) proj_destroy(to_wgs84), proj_context_destroy(ctx);
        throw Error(path + ": error while reading layer '" + layer.name + "': " + why);
    }

    if (to_wgs84) {
        for (auto& f : layer.features) {
            auto& pts = f.geo.points;
            if (pts.empty()) continue;
            proj_trans_generic(to_wgs84, PJ_FWD, &pts[0].x, sizeof(Vec2), pts.size(), &pts[0].y, sizeof(Vec2),
                               pts.size(), nullptr, 0, 0, nullptr, 0, 0);
        }
        proj_destroy(to_wgs84);
        proj_context_destroy(ctx);
    }
    for (auto& f : layer.features) f.label_geo = label_point(f.geo, 0.002);
    project_layer(layer, projector);
    return layer;
}

// --- label points: pole of inaccessibility (the "polylabel" algorithm, Agafonkin 2016) ---

namespace {

// Signed distance from p to the polygon outline: positive inside (even-odd), negative outside.
double signed_distance(Vec2 p, const Geometry& g) {
    bool inside = false;
    double best = std::numeric_limits<double>::infinity();
    for (size_t r = 0; r < g.part_count(); ++r) {
        size_t b = g.part_begin(r), e = g.part_end(r);
        for (size_t i = b, j = e - 1; i < e; j = i++) {
            Vec2 a = g.points[i], c = g.points[j];
            if ((a.y > p.y) != (c.y > p.y) && p.x < (c.x - a.x) * (p.y - a.y) / (c.y - a.y) + a.x) inside = !inside;
            double dx = c.x - a.x, dy = c.y - a.y;
            double t = (dx == 0 && dy == 0) ? 0 : std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
            double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
            best = std::min(best, ex * ex + ey * ey);
        }
    }
    return (inside ? 1 : -1) * std::sqrt(best);
}

struct Cell {
    Vec2 c;
    double h, d, max;
    Cell(Vec2 c_, double h_, const Geometry& g) : c(c_), h(h_), d(signed_distance(c_, g)), max(d + h * M_SQRT2) {}
    bool operator<(const Cell& o) const { return max < o.max; }
};

}  // namespace

// Every k-th vertex of a ring, at most 256 kept: the label search needs only the rough shape,
// and this costs a fraction of reading the ring once (8 M vertices: 0.66 s with Douglas-Peucker).
void decimate_ring(const Geometry& g, size_t b, size_t e, Geometry& out) {
    out.part_starts.push_back(uint32_t(out.points.size()));
    size_t stride = std::max<size_t>(1, (e - b + 255) / 256);
    for (size_t i = b; i < e; i += stride) out.points.push_back(g.points[i]);
}

Vec2 label_point(const Geometry& g, double tolerance) {
    if (g.points.empty()) return {std::nan(""), std::nan("")};
    if (g.kind == GeomKind::Point) return g.points.front();
    if (g.kind == GeomKind::Line) {
        // The middle vertex of the longest part.
        size_t best = 0, len = 0;
        for (size_t i = 0; i < g.part_count(); ++i)
            if (g.part_end(i) - g.part_begin(i) > len) len = g.part_end(i) - g.part_begin(i), best = i;
        return g.points[g.part_begin(best) + len / 2];
    }
    Bounds b = g.bounds();
    double cell = std::min(b.width(), b.height());
    if (cell <= 0) return b.center();
    double precision = std::max(tolerance, cell * 0.01);
    Geometry simple;
    simple.kind = GeomKind::Polygon;
    for (size_t r = 0; r < g.part_count(); ++r)
        if (g.part_end(r) - g.part_begin(r) >= 3) decimate_ring(g, g.part_begin(r), g.part_end(r), simple);
    double h = cell / 2;
    std::priority_queue<Cell> q;
    for (double x = b.min_x; x < b.max_x; x += cell)
        for (double y = b.min_y; y < b.max_y; y += cell) q.push(Cell({x + h, y + h}, h, simple));
    Cell best(b.center(), 0, simple);
    int budget = 4000;  // self-intersecting rings must not make this loop forever
    while (!q.empty() && budget-- > 0) {
        Cell c = q.top();
        q.pop();
        if (c.d > best.d) best = c;
        if (c.max - best.d <= precision) continue;
        double hh = c.h / 2;
        q.push(Cell({c.c.x - hh, c.c.y - hh}, hh, simple));
        q.push(Cell({c.c.x + hh, c.c.y - hh}, hh, simple));
        q.push(Cell({c.c.x - hh, c.c.y + hh}, hh, simple));
        q.push(Cell({c.c.x + hh, c.c.y + hh}, hh, simple));
    }
    return best.c;
}

}  // namespace pv
