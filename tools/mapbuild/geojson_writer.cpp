#include "geojson_writer.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace mapbuild {

namespace {

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += char(c);  // UTF-8 passes through: the files are read by people too
                }
        }
    }
    return out + "\"";
}

std::string fixed(double v, int decimals) {
    if (!std::isfinite(v)) throw std::runtime_error("non-finite number in output");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    // "-0.000000" and "0.000000" must not depend on the sign of a rounding residue.
    if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);
    return s;
}

void put_position(std::string& out, double x, double y) {
    out += '[';
    out += fixed(x, 6);
    out += ',';
    out += fixed(y, 6);
    out += ']';
}

void put_curve(std::string& out, const OGRSimpleCurve& c, bool reverse) {
    out += '[';
    const int n = c.getNumPoints();
    for (int i = 0; i < n; ++i) {
        const int k = reverse ? n - 1 - i : i;
        if (i) out += ',';
        put_position(out, c.getX(k), c.getY(k));
    }
    out += ']';
}

void put_polygon(std::string& out, const OGRPolygon& p) {
    out += '[';
    for (int r = 0; r <= p.getNumInteriorRings(); ++r) {
        const OGRLinearRing* ring = r == 0 ? p.getExteriorRing() : p.getInteriorRing(r - 1);
        // OGR: isClockwise() on the ring as stored; outer must come out CCW, holes CW.
        const bool cw = ring->isClockwise();
        const bool reverse = (r == 0) ? cw : !cw;
        if (r) out += ',';
        put_curve(out, *ring, reverse);
    }
    out += ']';
}

std::string geometry_json(const OGRGeometry& g) {
    std::string out;
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPoint: {
            const auto& p = *g.toPoint();
            out = "{\"type\":\"Point\",\"coordinates\":";
            put_position(out, p.getX(), p.getY());
            break;
        }
        case wkbLineString:
            out = "{\"type\":\"LineString\",\"coordinates\":";
            put_curve(out, *g.toLineString(), false);
            break;
        case wkbMultiLineString: {
            out = "{\"type\":\"MultiLineString\",\"coordinates\":[";
            const auto& m = *g.toMultiLineString();
            for (int i = 0; i < m.getNumGeometries(); ++i) {
                if (i) out += ',';
                put_curve(out, *m.getGeometryRef(i), false);
            }
            out += ']';
            break;
        }
        case wkbPolygon:
            out = "{\"type\":\"Polygon\",\"coordinates\":";
            put_polygon(out, *g.toPolygon());
            break;
        case wkbMultiPolygon: {
            out = "{\"type\":\"MultiPolygon\",\"coordinates\":[";
            const auto& m = *g.toMultiPolygon();
            for (int i = 0; i < m.getNumGeometries(); ++i) {
                if (i) out += ',';
                put_polygon(out, *m.getGeometryRef(i));
            }
            out += ']';
            break;
        }
        default:
            throw std::runtime_error(std::string("cannot write geometry type ") + g.getGeometryName());
    }
    return out + '}';
}

void round_curve(OGRSimpleCurve& c) {
    std::vector<OGRRawPoint> pts;
    for (int i = 0; i < c.getNumPoints(); ++i) {
        OGRRawPoint p(std::round(c.getX(i) * 1e6) / 1e6, std::round(c.getY(i) * 1e6) / 1e6);
        if (pts.empty() || pts.back().x != p.x || pts.back().y != p.y) pts.push_back(p);
    }
    c.setPoints(int(pts.size()), pts.data());
}

}  // namespace

Property text_prop(const std::string& key, const std::string& value) { return {key, json_string(value)}; }
Property int_prop(const std::string& key, long long value) { return {key, std::to_string(value)}; }
Property real_prop(const std::string& key, double value, int decimals) { return {key, fixed(value, decimals)}; }

void round_to_grid(OGRGeometry& g) {
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPoint: {
            auto& p = *g.toPoint();
            p.setX(std::round(p.getX() * 1e6) / 1e6);
            p.setY(std::round(p.getY() * 1e6) / 1e6);
            break;
        }
        case wkbLineString: round_curve(*g.toLineString()); break;
        case wkbPolygon:
            for (auto* ring : *g.toPolygon()) round_curve(*ring);
            break;
        default:
            if (auto* c = dynamic_cast<OGRGeometryCollection*>(&g))
                for (auto* part : *c) round_to_grid(*part);
    }
}

void write_geojson(const std::string& path, const std::vector<OutFeature>& features) {
    std::string out = "{\"type\":\"FeatureCollection\",\"features\":[\n";
    for (size_t i = 0; i < features.size(); ++i) {
        const auto& f = features[i];
        out += "{\"type\":\"Feature\",\"properties\":{";
        for (size_t k = 0; k < f.props.size(); ++k) {
            if (k) out += ',';
            out += json_string(f.props[k].key) + ':' + f.props[k].json;
        }
        out += "},\"geometry\":";
        out += f.geometry ? geometry_json(*f.geometry) : "null";
        out += '}';
        if (i + 1 < features.size()) out += ',';
        out += '\n';
    }
    out += "]}\n";
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << out;
    if (!file) throw std::runtime_error(path + ": cannot write");
}

}  // namespace mapbuild
