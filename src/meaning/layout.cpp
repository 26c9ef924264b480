#include "meaning/layout.hpp"

#include <gdal.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "data/error.hpp"
#include "data/projection.hpp"
#include "data/vector_source.hpp"

namespace pv {

namespace fs = std::filesystem;

// ================================================================================ small helpers

std::string SourcePos::str() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string placement_name(Placement p) {
    switch (p) {
        case Placement::Exact: return "exact";
        case Placement::LocatedByCounty: return "located_by_county";
        case Placement::NotPlaced: return "not_placed";
    }
    return "?";
}

const std::vector<std::string>& layout_kinds() {
    static const std::vector<std::string> kinds = {
        "centre_primary", "centre_secondary", "centre_local",  // 一主 > 三副 > 市域中心 / 核 > 翼 > 支点
        "pole",      // growth pole (增长极)
        "core",      // core area (核心区, 生态绿核)
        "axis",      // development axis (发展轴)
        "corridor",  // corridor (廊道, 走廊)
        "belt",      // belt (带)
        "barrier",   // ecological barrier (屏障)
        "zone",      // area, district (区, 片区, 板块 ...)
        "dev_zone",  // development zone / industrial park (开发区, 园区)
        "region",    // multi-county region (旅游板块 of prefectures)
        "hub",       // hub city (枢纽)
        "node",      // node (节点)
        "airport", "station", "route", "lake", "river", "range", "basin",
        "town",              // town with a role (特色小镇)
        "industry",          // categorical: a county's industry (一县一业)
        "logistics_base",    // category of logistics base
        "park",              // park, green space (公园, 绿地)
    };
    return kinds;
}

namespace {

[[noreturn]] void fail(const SourcePos& p, const std::string& what) { throw Error(p.str() + ": " + what); }

SourcePos pos_of(const std::string& file, const toml::source_region& r) {
    return SourcePos{file, int(r.begin.line), int(r.begin.column)};
}

bool ends_with(const std::string& s, const std::string& suf) {
    return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

// Without a trailing 市/县/区 (when something is left).
std::string strip_admin_suffix(const std::string& n) {
    for (const char* suf : {"市", "县", "区"}) {
        std::string s = suf;
        if (ends_with(n, s) && n.size() > s.size()) return n.substr(0, n.size() - s.size());
    }
    return n;
}

bool is_code(const std::string& s) {
    return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trim(const std::string& s) {
    size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    size_t b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t i = s.find(sep, start);
        out.push_back(trim(s.substr(start, i == std::string::npos ? std::string::npos : i - start)));
        if (i == std::string::npos) break;
        start = i + sep.size();
    }
    return out;
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

// ================================================================================ SHA-256

namespace {
struct Sha256 {
    std::array<uint32_t, 8> h{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    static constexpr std::array<uint32_t, 64> k{
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
    void block(const unsigned char* p) {
        uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = uint32_t(p[4 * i]) << 24 | uint32_t(p[4 * i + 1]) << 16 | uint32_t(p[4 * i + 2]) << 8 | p[4 * i + 3];
        for (int i = 16; i < 64; ++i) {
            uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; ++i) {
            uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = hh + S1 + ch + k[i] + w[i];
            uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
            uint32_t mj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + mj;
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
};
}  // namespace

std::string sha256_hex(std::string_view bytes) {
    Sha256 s;
    size_t n = bytes.size();
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t full = n / 64;
    for (size_t i = 0; i < full; ++i) s.block(p + 64 * i);
    unsigned char tail[128] = {};
    size_t rem = n - full * 64;
    std::memcpy(tail, p + full * 64, rem);
    tail[rem] = 0x80;
    size_t tail_len = rem + 9 <= 64 ? 64 : 128;
    uint64_t bits = uint64_t(n) * 8;
    for (int i = 0; i < 8; ++i) tail[tail_len - 1 - i] = uint8_t(bits >> (8 * i));
    s.block(tail);
    if (tail_len == 128) s.block(tail + 64);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (uint32_t v : s.h)
        for (int i = 7; i >= 0; --i) out += hex[(v >> (4 * i)) & 0xf];
    return out;
}

namespace {
std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot be read");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

std::string sha256_file(const std::string& path) { return sha256_hex(read_all(path)); }

// ================================================================================ parsing

namespace {

struct Parser {
    std::string file;

    SourcePos at(const toml::node& n) const { return pos_of(file, n.source()); }
    SourcePos at(const toml::key& k) const { return pos_of(file, k.source()); }

    void check_keys(const toml::table& t, std::initializer_list<const char*> allowed, const std::string& what) const {
        for (auto&& [k, v] : t) {
            bool ok = false;
            for (const char* a : allowed) ok = ok || k.str() == a;
            if (!ok) {
                std::string list;
                for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
                fail(at(k), "unknown key '" + std::string(k.str()) + "' in " + what + " (allowed: " + list + ")");
            }
        }
    }

    std::string str(const toml::table& t, const char* key, bool required, const SourcePos& owner,
                    const std::string& what) const {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) fail(owner, what + " has no '" + key + "'");
            return "";
        }
        auto v = n->value<std::string>();
        if (!n->is_string() || !v) fail(at(*n), "'" + std::string(key) + "' must be a string");
        if (required && trim(*v).empty()) fail(at(*n), "'" + std::string(key) + "' is empty");
        return *v;
    }

    bool boolean(const toml::table& t, const char* key) const {
        const toml::node* n = t.get(key);
        if (!n) return false;
        if (!n->is_boolean()) fail(at(*n), "'" + std::string(key) + "' must be true or false");
        return *n->value<bool>();
    }

    int line_number(const toml::node& n) const {
        if (!n.is_integer()) fail(at(n), "a line number must be a positive integer");
        int64_t v = *n.value<int64_t>();
        if (v < 1 || v > 10000000) fail(at(n), "line number " + std::to_string(v) + " is out of range");
        return int(v);
    }

    // lines = 12 | [12, 20] | [[12, 20], [30, 31]]
    std::vector<LineRange> lines(const toml::table& t, const SourcePos& owner, const std::string& what) const {
        const toml::node* n = t.get("lines");
        if (!n) fail(owner, what + " has no 'lines' (the plan lines it comes from)");
        std::vector<LineRange> out;
        auto range_of = [&](const toml::array& a) {
            if (a.size() != 2) fail(at(a), "a line range is [first, last]");
            LineRange r{line_number(*a.get(0)), line_number(*a.get(1))};
            if (r.last < r.first) fail(at(a), "line range [" + std::to_string(r.first) + ", " +
                                                    std::to_string(r.last) + "] ends before it begins");
            return r;
        };
        if (n->is_integer()) {
            int l = line_number(*n);
            out.push_back({l, l});
        } else if (const toml::array* a = n->as_array()) {
            if (a->empty()) fail(at(*n), "'lines' is empty");
            if (a->get(0)->is_array()) {
                for (auto&& e : *a) {
                    if (!e.is_array()) fail(at(e), "'lines' mixes ranges and numbers: write [[a, b], [c, d]]");
                    out.push_back(range_of(*e.as_array()));
                }
            } else {
                out.push_back(range_of(*a));
            }
        } else {
            fail(at(*n), "'lines' must be a line number, [first, last] or [[first, last], ...]");
        }
        return out;
    }

    // A string (or integer code) or an array of them.
    void refs(const toml::table& t, const char* key, RefKind kind, std::vector<Ref>& out, bool array_only = false) const {
        const toml::node* n = t.get(key);
        if (!n) return;
        auto one = [&](const toml::node& e) {
            std::string text;
            if (e.is_string()) text = trim(*e.value<std::string>());
            else if (e.is_integer()) text = std::to_string(*e.value<int64_t>());
            else fail(at(e), "'" + std::string(key) + "' entries must be strings (names or codes)");
            if (text.empty()) fail(at(e), "empty name in '" + std::string(key) + "'");
            out.push_back(Ref{kind, text, at(e)});
        };
        if (const toml::array* a = n->as_array()) {
            if (a->empty()) fail(at(*n), "'" + std::string(key) + "' is empty");
            for (auto&& e : *a) one(e);
        } else {
            if (array_only) fail(at(*n), "'" + std::string(key) + "' must be an array");
            one(*n);
        }
    }

    ElementSpec element(const toml::table& t, const std::string& layout_id) const {
        ElementSpec e;
        e.pos = at(t);
        std::string what = "an element of layout '" + layout_id + "'";
        check_keys(t,
                   {"role", "name", "kind", "lines", "enumerated", "open_list", "schematic", "interpretation", "note",
                    "category", "members", "counties", "prefectures", "seat", "place", "path", "river", "range",
                    "lake", "within", "buffer_km", "located_by_county", "not_placed"},
                   what);
        e.role = str(t, "role", true, e.pos, what);
        e.name = str(t, "name", true, e.pos, what);
        what = "element '" + e.role + " " + e.name + "'";
        e.kind = str(t, "kind", true, e.pos, what);
        const auto& kinds = layout_kinds();
        if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end()) {
            std::string list;
            for (const auto& k : kinds) list += (list.empty() ? "" : ", ") + k;
            fail(at(*t.get("kind")), "unknown kind '" + e.kind + "' (known: " + list + ")");
        }
        e.lines = lines(t, e.pos, what);
        e.enumerated = boolean(t, "enumerated");
        e.open_list = boolean(t, "open_list");
        e.schematic = boolean(t, "schematic");
        e.not_placed = boolean(t, "not_placed");
        e.interpretation = str(t, "interpretation", false, e.pos, what);
        e.note = str(t, "note", false, e.pos, what);
        e.category = str(t, "category", false, e.pos, what);
        if (const toml::node* m = t.get("members")) {
            const toml::array* a = m->as_array();
            if (!a) fail(at(*m), "'members' must be an array of names");
            for (auto&& x : *a) {
                if (!x.is_string()) fail(at(x), "'members' entries must be strings");
                e.members.push_back(*x.value<std::string>());
            }
        }
        refs(t, "counties", RefKind::County, e.refs, true);
        refs(t, "prefectures", RefKind::Prefecture, e.refs, true);
        refs(t, "seat", RefKind::Seat, e.refs);
        refs(t, "place", RefKind::Place, e.refs);
        refs(t, "path", RefKind::Path, e.refs, true);
        refs(t, "river", RefKind::River, e.refs);
        refs(t, "range", RefKind::Range, e.refs);
        refs(t, "lake", RefKind::Lake, e.refs);
        std::vector<Ref> within, located;
        refs(t, "within", RefKind::Within, within);
        refs(t, "located_by_county", RefKind::LocatedByCounty, located);
        if (within.size() > 1) fail(within[1].pos, "'within' takes one county or prefecture");
        if (const toml::node* b = t.get("buffer_km")) {
            auto v = b->value<double>();
            if (!(b->is_number()) || !v || !(*v > 0) || *v > 500) fail(at(*b), "'buffer_km' must be a number of kilometres in (0, 500]");
            e.buffer_km = *v;
        }

        size_t path_n = std::count_if(e.refs.begin(), e.refs.end(), [](const Ref& r) { return r.kind == RefKind::Path; });
        if (path_n == 1) fail(e.refs.front().pos, "'path' needs at least two places, in order");
        bool geometric = !e.refs.empty();
        int placements = int(geometric) + int(!located.empty()) + int(e.not_placed);
        if (placements == 0)
            fail(e.pos, what + " has no placement: give counties, prefectures, seat, place, path, river, range or "
                              "lake; or located_by_county; or not_placed = true");
        if (placements > 1)
            fail(e.pos, what + " has more than one placement: geometry references, located_by_county and "
                              "not_placed = true exclude each other");
        if (!geometric && (!within.empty() || e.buffer_km > 0))
            fail(e.pos, what + ": 'within' and 'buffer_km' apply only to geometry references");
        if (e.schematic && trim(e.interpretation).empty())
            fail(e.pos, what + " is schematic but has no 'interpretation' (our reading, shown as such)");
        if (!e.schematic && !e.interpretation.empty())
            fail(at(*t.get("interpretation")), "'interpretation' is for schematic elements: set schematic = true or use 'note'");
        e.refs.insert(e.refs.end(), within.begin(), within.end());
        e.refs.insert(e.refs.end(), located.begin(), located.end());
        return e;
    }

    LayoutSpec layout(const toml::table& t) const {
        LayoutSpec l;
        l.pos = at(t);
        check_keys(t, {"id", "title", "note", "lines", "element"}, "a [[layout]]");
        l.id = str(t, "id", true, l.pos, "a [[layout]]");
        l.title = str(t, "title", true, l.pos, "layout '" + l.id + "'");
        l.note = str(t, "note", false, l.pos, "layout '" + l.id + "'");
        l.lines = lines(t, l.pos, "layout '" + l.id + "'");
        const toml::node* els = t.get("element");
        if (!els) fail(l.pos, "layout '" + l.id + "' has no [[layout.element]]");
        const toml::array* a = els->as_array();
        if (!a || !a->is_array_of_tables()) fail(at(*els), "'element' must be written as [[layout.element]] tables");
        for (auto&& e : *a) l.elements.push_back(element(*e.as_table(), l.id));
        return l;
    }
};

}  // namespace

LayoutFile parse_layout_text(std::string_view text, const std::string& source_name) {
    toml::table root;
    try {
        root = toml::parse(text, source_name);
    } catch (const toml::parse_error& err) {
        SourcePos p{source_name, int(err.source().begin.line), int(err.source().begin.column)};
        fail(p, "TOML syntax error: " + std::string(err.description()));
    }
    Parser P{source_name};
    SourcePos top{source_name, 1, 1};
    P.check_keys(root, {"plan_file", "plan_sha256", "title", "layout"}, "the file (top level)");
    LayoutFile f;
    f.source = source_name;
    f.plan_file = P.str(root, "plan_file", true, top, "the file");
    if (f.plan_file.find('/') != std::string::npos || f.plan_file.find('\\') != std::string::npos ||
        f.plan_file.find("..") != std::string::npos)
        fail(P.at(*root.get("plan_file")), "'plan_file' must be a bare file name in the plans folder");
    f.plan_sha256 = P.str(root, "plan_sha256", true, top, "the file");
    std::transform(f.plan_sha256.begin(), f.plan_sha256.end(), f.plan_sha256.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (f.plan_sha256.size() != 64 ||
        !std::all_of(f.plan_sha256.begin(), f.plan_sha256.end(), [](char c) { return std::isxdigit((unsigned char)c); }))
        fail(P.at(*root.get("plan_sha256")), "'plan_sha256' must be 64 hexadecimal digits");
    f.title = P.str(root, "title", true, top, "the file");
    const toml::node* ls = root.get("layout");
    if (!ls) fail(top, "no [[layout]] in the file");
    const toml::array* a = ls->as_array();
    if (!a || !a->is_array_of_tables()) fail(P.at(*ls), "'layout' must be written as [[layout]] tables");
    std::set<std::string> ids;
    for (auto&& l : *a) {
        f.layouts.push_back(P.layout(*l.as_table()));
        if (!ids.insert(f.layouts.back().id).second)
            fail(f.layouts.back().pos, "layout id '" + f.layouts.back().id + "' is used twice");
    }
    return f;
}

LayoutFile parse_layout_file(const std::string& path) {
    std::string text;
    try {
        text = read_all(path);
    } catch (const Error&) {
        throw Error(path + ":1:1: cannot be read");
    }
    return parse_layout_text(text, path);
}

std::vector<std::string> layout_files_in(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error(dir + ": no such folder");
    for (auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".toml") out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

// ================================================================================ gazetteer

namespace {

using GeomPtr = std::unique_ptr<OGRGeometry>;

struct MapFeature {
    std::string code, name, prefecture_code;
    std::vector<std::string> codes;
    GeomPtr geom;
    Vec2 seat{kNaN, kNaN};
};

struct GazPlace {
    std::string name, kind, county_code;
    Vec2 ll;
    int line = 0;
};

struct DsClose {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

std::vector<MapFeature> read_features(const std::string& path) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset, DsClose> ds(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds || ds->GetLayerCount() < 1) throw Error(path + ": not a readable vector file");
    OGRLayer* l = ds->GetLayer(0);
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (const OGRSpatialReference* srs = l->GetSpatialRef()) {
        OGRSpatialReference wgs;
        wgs.SetWellKnownGeogCS("WGS84");
        wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!srs->IsSame(&wgs)) ct.reset(OGRCreateCoordinateTransformation(srs, &wgs));
    }
    OGRFeatureDefn* d = l->GetLayerDefn();
    auto idx = [&](const char* f) { return d->GetFieldIndex(f); };
    int i_code = idx("code"), i_codes = idx("codes"), i_name = idx("name"), i_pref = idx("prefecture_code"),
        i_lon = idx("seat_lon"), i_lat = idx("seat_lat");
    std::vector<MapFeature> out;
    l->ResetReading();
    for (auto& f : *l) {
        MapFeature m;
        auto s = [&](int i) { return i >= 0 && f->IsFieldSetAndNotNull(i) ? trim(f->GetFieldAsString(i)) : std::string(); };
        m.code = s(i_code);
        m.name = s(i_name);
        m.prefecture_code = s(i_pref);
        for (auto& c : split(s(i_codes), ";"))
            if (!c.empty()) m.codes.push_back(c);
        if (!m.code.empty() && std::find(m.codes.begin(), m.codes.end(), m.code) == m.codes.end()) m.codes.push_back(m.code);
        if (i_lon >= 0 && i_lat >= 0 && f->IsFieldSetAndNotNull(i_lon) && f->IsFieldSetAndNotNull(i_lat))
            m.seat = {f->GetFieldAsDouble(i_lon), f->GetFieldAsDouble(i_lat)};
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            m.geom.reset(g->clone());
            if (ct && m.geom->transform(ct.get()) != OGRERR_NONE)
                throw Error(path + ": feature " + std::to_string(f->GetFID()) + " cannot be transformed to WGS84");
        }
        out.push_back(std::move(m));
    }
    return out;
}

// RFC 4180 CSV (quotes, doubled quotes, commas and newlines inside quotes).
std::vector<std::pair<int, std::vector<std::string>>> read_csv(const std::string& path) {
    std::string text = read_all(path);
    std::vector<std::pair<int, std::vector<std::string>>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, any = false;
    int line = 1, row_line = 1;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') { cell += '"'; ++i; }
                else quoted = false;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
        } else if (c == '"') {
            quoted = true; any = true;
        } else if (c == ',') {
            row.push_back(cell); cell.clear(); any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !cell.empty()) { row.push_back(cell); rows.push_back({row_line, row}); }
            row.clear(); cell.clear(); any = false;
            ++line; row_line = line;
        } else {
            cell += c; any = true;
        }
    }
    if (quoted) throw Error(path + ":" + std::to_string(row_line) + ":1: unterminated quoted field");
    if (any || !cell.empty()) { row.push_back(cell); rows.push_back({row_line, row}); }
    return rows;
}

}  // namespace

struct Gazetteer::Impl {
    std::string maps_dir, csv_path;
    std::vector<MapFeature> counties, prefectures, rivers, ranges, lakes, province;
    bool have_rivers = false, have_ranges = false, have_lakes = false, have_prefectures = false;
    std::map<std::string, Vec2> seat_by_code;  // maps/seats.geojson
    std::vector<GazPlace> places;
    std::map<std::string, std::vector<size_t>> place_by_name;

    std::string layer_path(const char* n) const { return (fs::path(maps_dir) / n).string(); }

    // Indices of counties whose code/codes/name match.
    std::vector<size_t> find_counties(const std::string& q) const {
        std::vector<size_t> hit;
        if (is_code(q)) {
            for (size_t i = 0; i < counties.size(); ++i)
                if (std::find(counties[i].codes.begin(), counties[i].codes.end(), q) != counties[i].codes.end())
                    hit.push_back(i);
            return hit;
        }
        for (size_t i = 0; i < counties.size(); ++i)
            if (counties[i].name == q) hit.push_back(i);
        if (hit.empty())
            for (size_t i = 0; i < counties.size(); ++i)
                if (strip_admin_suffix(counties[i].name) == strip_admin_suffix(q)) hit.push_back(i);
        return hit;
    }
    // The province (province.geojson) when q is its code or name, else nullptr.
    const MapFeature* find_province(const std::string& q) const {
        for (const auto& p : province)
            if (p.geom && (is_code(q) ? p.code == q : (p.name == q || strip_admin_suffix(p.name) == q || p.name == q + "省")))
                return &p;
        return nullptr;
    }
    std::vector<size_t> find_prefectures(const std::string& q) const {
        std::vector<size_t> hit;
        for (size_t i = 0; i < prefectures.size(); ++i) {
            const auto& p = prefectures[i];
            if (is_code(q) ? p.code == q : (p.name == q || strip_admin_suffix(p.name) == strip_admin_suffix(q)))
                hit.push_back(i);
        }
        return hit;
    }
    std::string names_of(const std::vector<MapFeature>& v, const std::vector<size_t>& idx) const {
        std::string s;
        for (size_t i : idx) s += (s.empty() ? "" : ", ") + v[i].name + " (" + v[i].code + ")";
        return s;
    }
    const MapFeature& county(const std::string& q, const SourcePos& where) const {
        auto hit = find_counties(q);
        if (hit.empty()) fail(where, (is_code(q) ? "unknown county code " : "unknown county ") + q + " (not in " + layer_path("counties.geojson") + ")");
        if (hit.size() > 1) fail(where, "county name '" + q + "' is ambiguous: " + names_of(counties, hit) + "; write the code");
        return counties[hit[0]];
    }
    const MapFeature& prefecture(const std::string& q, const SourcePos& where) const {
        if (!have_prefectures) fail(where, "prefecture '" + q + "': " + layer_path("prefectures.geojson") + " is missing");
        auto hit = find_prefectures(q);
        if (hit.empty()) fail(where, "unknown prefecture " + q + " (not in " + layer_path("prefectures.geojson") + ")");
        if (hit.size() > 1) fail(where, "prefecture name '" + q + "' is ambiguous");
        return prefectures[hit[0]];
    }
    Vec2 county_seat(const MapFeature& c, const std::string& q, const SourcePos& where) const {
        // The seat of the code asked for (a combined feature stands for several codes), else the feature's.
        if (is_code(q)) {
            auto it = seat_by_code.find(q);
            if (it != seat_by_code.end()) return it->second;
        }
        auto it = seat_by_code.find(c.code);
        if (it != seat_by_code.end()) return it->second;
        if (std::isfinite(c.seat.x) && std::isfinite(c.seat.y)) return c.seat;
        fail(where, "county " + c.name + " (" + c.code + ") has no seat in seats.geojson or seat_lon/seat_lat");
    }
    // A seat by county or prefecture code/name.
    std::optional<Vec2> try_seat(const std::string& q, const SourcePos& where) const {
        bool pref_code = is_code(q) && ends_with(q, "00");
        auto ph = have_prefectures && (pref_code || !is_code(q)) ? find_prefectures(q) : std::vector<size_t>{};
        auto ch = pref_code ? std::vector<size_t>{} : find_counties(q);
        if (!ph.empty() && !ch.empty())
            fail(where, "'" + q + "' names both a prefecture (" + names_of(prefectures, ph) + ") and a county (" +
                            names_of(counties, ch) + "); write the code");
        if (ph.size() == 1) {
            const auto& p = prefectures[ph[0]];
            if (!std::isfinite(p.seat.x)) fail(where, "prefecture " + p.name + " has no seat_lon/seat_lat");
            return p.seat;
        }
        if (ch.size() > 1) fail(where, "county name '" + q + "' is ambiguous: " + names_of(counties, ch) + "; write the code");
        if (ch.size() == 1) return county_seat(counties[ch[0]], q, where);
        return std::nullopt;
    }
    Vec2 seat(const std::string& q, const SourcePos& where) const {
        auto s = try_seat(q, where);
        if (!s) fail(where, "no county or prefecture '" + q + "' to take a seat from");
        return *s;
    }
    const GazPlace* gaz_place(const std::string& q, const SourcePos& where) const {
        auto it = place_by_name.find(q);
        if (it == place_by_name.end()) return nullptr;
        if (it->second.size() > 1) {
            std::string s;
            for (size_t i : it->second) s += (s.empty() ? "" : "; ") + places[i].name + " (" + csv_path + ":" + std::to_string(places[i].line) + ")";
            fail(where, "place name '" + q + "' is ambiguous in the gazetteer: " + s);
        }
        return &places[it->second[0]];
    }
    Vec2 place(const std::string& q, const SourcePos& where) const {
        if (const GazPlace* p = gaz_place(q, where)) return p->ll;
        if (auto s = try_seat(q, where)) return *s;
        fail(where, "unknown place '" + q + "' (not in " + csv_path + ", nor a county or prefecture seat)");
    }
};

Gazetteer::Gazetteer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;
size_t Gazetteer::county_count() const { return impl_->counties.size(); }
size_t Gazetteer::place_count() const { return impl_->places.size(); }
std::string Gazetteer::county_code(const std::string& q, const SourcePos& where) const {
    const auto& c = impl_->county(q, where);
    return is_code(q) ? q : c.code;
}
Vec2 Gazetteer::seat(const std::string& q, const SourcePos& where) const { return impl_->seat(q, where); }

Gazetteer Gazetteer::load(const std::string& maps_dir, const std::string& gazetteer_csv) {
    auto g = std::make_unique<Impl>();
    g->maps_dir = maps_dir;
    g->csv_path = gazetteer_csv;
    std::string cp = g->layer_path("counties.geojson");
    if (!fs::exists(cp)) throw Error(cp + ": no such file (the base map's counties are needed to resolve layouts)");
    g->counties = read_features(cp);
    if (g->counties.empty()) throw Error(cp + ": no features");
    auto optional_layer = [&](const char* n, std::vector<MapFeature>& v, bool& have) {
        std::string p = g->layer_path(n);
        if (fs::exists(p)) { v = read_features(p); have = true; }
    };
    optional_layer("prefectures.geojson", g->prefectures, g->have_prefectures);
    optional_layer("rivers.geojson", g->rivers, g->have_rivers);
    optional_layer("ranges.geojson", g->ranges, g->have_ranges);
    optional_layer("lakes.geojson", g->lakes, g->have_lakes);
    bool have_province = false;
    optional_layer("province.geojson", g->province, have_province);
    std::string sp = g->layer_path("seats.geojson");
    if (fs::exists(sp))
        for (auto& f : read_features(sp))
            if (f.geom && wkbFlatten(f.geom->getGeometryType()) == wkbPoint && !f.code.empty()) {
                auto* p = f.geom->toPoint();
                for (auto& c : f.codes) g->seat_by_code[c] = {p->getX(), p->getY()};
            }

    auto rows = read_csv(gazetteer_csv);
    if (rows.empty()) throw Error(gazetteer_csv + ": empty");
    const auto& head = rows[0].second;
    auto col = [&](const char* n) {
        for (size_t i = 0; i < head.size(); ++i)
            if (trim(head[i]) == n) return int(i);
        throw Error(gazetteer_csv + ":1:1: no column '" + std::string(n) + "'");
    };
    int c_name = col("name"), c_kind = col("kind"), c_code = col("county_code"), c_lon = col("lon"), c_lat = col("lat"),
        c_datum = col("datum");
    col("source");
    for (size_t r = 1; r < rows.size(); ++r) {
        const auto& [line, cells] = rows[r];
        auto where = gazetteer_csv + ":" + std::to_string(line) + ":1: ";
        if (cells.size() != head.size())
            throw Error(where + "has " + std::to_string(cells.size()) + " fields, the header " + std::to_string(head.size()));
        GazPlace p;
        p.name = trim(cells[c_name]);
        p.kind = trim(cells[c_kind]);
        p.county_code = trim(cells[c_code]);
        p.line = line;
        if (trim(cells[c_datum]) != "WGS84") throw Error(where + "datum must be WGS84");
        try {
            size_t a = 0, b = 0;
            p.ll = {std::stod(cells[c_lon], &a), std::stod(cells[c_lat], &b)};
        } catch (...) {
            throw Error(where + "lon/lat are not numbers");
        }
        if (!(p.ll.x >= 70 && p.ll.x <= 140 && p.ll.y >= 15 && p.ll.y <= 55))
            throw Error(where + "lon/lat " + cells[c_lon] + "," + cells[c_lat] + " are not in China (lon first)");
        if (p.name.empty()) throw Error(where + "empty name");
        // Names: "A / B (C / D)" -> A, B, C, D (and the full text).
        std::set<std::string> names{p.name};
        std::string main = p.name, paren;
        size_t o = p.name.find(" (");
        if (o != std::string::npos && ends_with(p.name, ")")) {
            main = p.name.substr(0, o);
            paren = p.name.substr(o + 2, p.name.size() - o - 3);
        }
        for (auto& n : split(main, " / ")) if (!n.empty()) names.insert(n);
        for (auto& n : split(paren, " / ")) if (!n.empty()) names.insert(n);
        size_t idx = g->places.size();
        g->places.push_back(p);
        for (auto& n : names) g->place_by_name[n].push_back(idx);
    }
    return Gazetteer(std::move(g));
}

// ================================================================================ resolving

namespace {

void walk_points(OGRGeometry* g, const std::function<void(double&, double&)>& f) {
    if (!g) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            auto* p = g->toPoint();
            double x = p->getX(), y = p->getY();
            f(x, y);
            p->setX(x);
            p->setY(y);
            break;
        }
        case wkbLineString:
        case wkbLinearRing: {
            auto* c = g->toSimpleCurve();
            for (int i = 0; i < c->getNumPoints(); ++i) {
                double x = c->getX(i), y = c->getY(i);
                f(x, y);
                c->setPoint(i, x, y);
            }
            break;
        }
        case wkbPolygon: {
            auto* p = g->toPolygon();
            if (p->getExteriorRing()) walk_points(p->getExteriorRing(), f);
            for (int i = 0; i < p->getNumInteriorRings(); ++i) walk_points(p->getInteriorRing(i), f);
            break;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection: {
            auto* c = g->toGeometryCollection();
            for (int i = 0; i < c->getNumGeometries(); ++i) walk_points(c->getGeometryRef(i), f);
            break;
        }
        default:
            break;
    }
}

void project(OGRGeometry* g, const Projector& p, bool forward) {
    walk_points(g, [&](double& x, double& y) {
        Vec2 v = forward ? p.forward(Vec2{x, y}) : p.inverse(Vec2{x, y});
        x = v.x;
        y = v.y;
    });
}

int dimension_of(const OGRGeometry* g) { return g ? g->getDimension() : -1; }

// Parts of one dimension into a pv::Geometry (polygons: every ring a part).
void to_pv(const OGRGeometry* g, int dim, Geometry& out) {
    if (!g || g->IsEmpty()) return;
    auto curve = [&](const OGRSimpleCurve* c) {
        if (c->getNumPoints() < 2) return;
        out.part_starts.push_back(uint32_t(out.points.size()));
        for (int i = 0; i < c->getNumPoints(); ++i) out.points.push_back({c->getX(i), c->getY(i)});
    };
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint:
            if (dim == 0) {
                out.part_starts.push_back(uint32_t(out.points.size()));
                out.points.push_back({g->toPoint()->getX(), g->toPoint()->getY()});
            }
            break;
        case wkbLineString:
            if (dim == 1) curve(g->toSimpleCurve());
            break;
        case wkbPolygon:
            if (dim == 2)
                for (const auto* ring : *g->toPolygon())
                    if (ring->getNumPoints() >= 4) curve(ring);
            break;
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const auto* sub : *g->toGeometryCollection()) to_pv(sub, dim, out);
            break;
        default: {
            GeomPtr lin(g->getLinearGeometry());
            if (lin && wkbFlatten(lin->getGeometryType()) != wkbFlatten(g->getGeometryType())) to_pv(lin.get(), dim, out);
        }
    }
    out.kind = dim == 0 ? GeomKind::Point : dim == 1 ? GeomKind::Line : GeomKind::Polygon;
}

GeomPtr make_valid(const OGRGeometry* g) {
    if (g->IsValid()) return GeomPtr(g->clone());
    GeomPtr v(g->MakeValid());
    if (!v) return GeomPtr(g->clone());
    return v;
}

void polygons_of(const OGRGeometry* g, OGRMultiPolygon& out) {
    if (!g) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPolygon: out.addGeometry(g); break;
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const auto* sub : *g->toGeometryCollection()) polygons_of(sub, out);
            break;
        default: break;  // slivers made lines/points by MakeValid are dropped
    }
}

// Union of polygonal parts (GEOS cascaded union).
GeomPtr union_all(std::vector<GeomPtr>& parts, const SourcePos& where) {
    OGRMultiPolygon mp;
    for (auto& p : parts) polygons_of(p.get(), mp);
    if (mp.IsEmpty()) fail(where, "the referenced areas are empty");
    if (mp.getNumGeometries() == 1) return GeomPtr(mp.getGeometryRef(0)->clone());
    GeomPtr u(mp.UnionCascaded());
    if (!u) fail(where, "the union of the referenced areas failed (GEOS)");
    return u;
}

Vec2 anchor_of(const Geometry& g) {
    if (g.points.empty()) return {kNaN, kNaN};
    if (g.kind == GeomKind::Point) return g.points.front();
    return label_point(g, 1e-4);
}

constexpr double kLineClipMarginKm = 3.0;

struct Resolver {
    const Gazetteer::Impl& G;
    const Projector albers{ProjectionKind::Albers};

    GeomPtr county_geom(const Ref& r) const {
        const auto& c = G.county(r.text, r.pos);
        if (!c.geom) fail(r.pos, "county " + c.name + " (" + c.code + ") has no geometry");
        return make_valid(c.geom.get());
    }
    GeomPtr named_lines(const std::vector<MapFeature>& layer, bool have, const char* file, const Ref& r) const {
        if (!have) fail(r.pos, "'" + r.text + "': " + G.layer_path(file) + " is missing");
        auto ml = std::make_unique<OGRMultiLineString>();
        for (const auto& f : layer) {
            if (f.name != r.text || !f.geom) continue;
            std::vector<const OGRGeometry*> stack{f.geom.get()};
            while (!stack.empty()) {
                const OGRGeometry* g = stack.back();
                stack.pop_back();
                auto t = wkbFlatten(g->getGeometryType());
                if (t == wkbLineString) ml->addGeometry(g);
                else if (t == wkbMultiLineString || t == wkbGeometryCollection)
                    for (const auto* s : *g->toGeometryCollection()) stack.push_back(s);
            }
        }
        if (ml->IsEmpty())
            fail(r.pos, std::string(r.kind == RefKind::River ? "unknown river '" : "unknown range '") + r.text +
                            "' (no line feature of that name in " + G.layer_path(file) + ")");
        return ml;
    }
    GeomPtr lake(const Ref& r) const {
        std::vector<GeomPtr> parts;
        for (const auto& f : G.lakes)
            if (f.name == r.text && f.geom) parts.push_back(make_valid(f.geom.get()));
        if (!parts.empty()) return union_all(parts, r.pos);
        if (const GazPlace* p = G.gaz_place(r.text, r.pos); p && p->kind == "lake")
            return std::make_unique<OGRPoint>(p->ll.x, p->ll.y);
        fail(r.pos, "unknown lake '" + r.text + "' (not in " + G.layer_path("lakes.geojson") + " nor a lake in " + G.csv_path + ")");
    }

    LayoutElement element(const ElementSpec& s, const std::string& plan_file) const {
        LayoutElement e;
        e.role = s.role; e.name = s.name; e.kind = s.kind; e.category = s.category;
        e.plan_file = plan_file; e.lines = s.lines;
        e.enumerated = s.enumerated; e.open_list = s.open_list; e.schematic = s.schematic;
        e.interpretation = s.interpretation; e.note = s.note; e.members = s.members; e.pos = s.pos;
        e.anchor = {kNaN, kNaN};
        if (s.not_placed) {
            e.placement = Placement::NotPlaced;
            return e;
        }
        std::vector<GeomPtr> areas, lines, points;
        std::vector<const Ref*> path;
        const Ref* within = nullptr;
        std::vector<GeomPtr> located;
        for (const Ref& r : s.refs) {
            switch (r.kind) {
                case RefKind::County: {
                    areas.push_back(county_geom(r));
                    e.county_codes.push_back(G.county(r.text, r.pos).code);
                    break;
                }
                case RefKind::Prefecture: {
                    const auto& p = G.prefecture(r.text, r.pos);
                    if (!p.geom) fail(r.pos, "prefecture " + p.name + " has no geometry");
                    areas.push_back(make_valid(p.geom.get()));
                    break;
                }
                case RefKind::Seat: {
                    Vec2 v = G.seat(r.text, r.pos);
                    points.push_back(std::make_unique<OGRPoint>(v.x, v.y));
                    break;
                }
                case RefKind::Place: {
                    Vec2 v = G.place(r.text, r.pos);
                    points.push_back(std::make_unique<OGRPoint>(v.x, v.y));
                    break;
                }
                case RefKind::Path: path.push_back(&r); break;
                case RefKind::River: lines.push_back(named_lines(G.rivers, G.have_rivers, "rivers.geojson", r)); break;
                case RefKind::Range: lines.push_back(named_lines(G.ranges, G.have_ranges, "ranges.geojson", r)); break;
                case RefKind::Lake: {
                    GeomPtr g = lake(r);
                    (dimension_of(g.get()) == 0 ? points : areas).push_back(std::move(g));
                    break;
                }
                case RefKind::Within: within = &r; break;
                case RefKind::LocatedByCounty: {
                    located.push_back(county_geom(r));
                    e.county_codes.push_back(G.county(r.text, r.pos).code);
                    break;
                }
            }
        }
        if (!located.empty()) {
            e.placement = Placement::LocatedByCounty;
            GeomPtr u = union_all(located, s.pos);
            to_pv(u.get(), 2, e.geo);
            e.anchor = anchor_of(e.geo);
            return e;
        }
        if (!path.empty()) {
            auto ls = std::make_unique<OGRLineString>();
            for (const Ref* r : path) {
                Vec2 v = G.place(r->text, r->pos);
                ls->addPoint(v.x, v.y);
            }
            lines.push_back(std::move(ls));
        }
        int dims = int(!areas.empty()) + int(!lines.empty()) + int(!points.empty());
        if (dims > 1 && s.buffer_km <= 0)
            fail(s.pos, "element '" + s.role + " " + s.name + "' mixes points, lines and areas: add buffer_km to draw them as one area, or split it");
        e.placement = Placement::Exact;
        GeomPtr g;
        int dim = !areas.empty() ? 2 : !lines.empty() ? 1 : 0;
        if (s.buffer_km > 0) {
            std::vector<GeomPtr> buffered;
            for (auto* v : {&areas, &lines, &points})
                for (auto& p : *v) {
                    project(p.get(), albers, true);
                    GeomPtr b(p->Buffer(s.buffer_km * 1000.0, 12));
                    if (!b) fail(s.pos, "buffer failed (GEOS)");
                    project(b.get(), albers, false);
                    buffered.push_back(std::move(b));
                }
            g = union_all(buffered, s.pos);
            dim = 2;
        } else if (dim == 2) {
            g = areas.size() == 1 ? std::move(areas[0]) : union_all(areas, s.pos);
        } else if (dim == 1) {
            auto ml = std::make_unique<OGRMultiLineString>();
            for (auto& l : lines) {
                if (wkbFlatten(l->getGeometryType()) == wkbLineString) ml->addGeometry(l.get());
                else for (const auto* sub : *l->toGeometryCollection()) ml->addGeometry(sub);
            }
            g = std::move(ml);
        } else {
            auto mp = std::make_unique<OGRMultiPoint>();
            for (auto& p : points) mp->addGeometry(p.get());
            g = std::move(mp);
        }
        if (within) {
            bool pref = (is_code(within->text) && ends_with(within->text, "00")) ||
                        (!is_code(within->text) && !G.find_prefectures(within->text).empty());
            GeomPtr clip;
            if (const MapFeature* prov = G.find_province(within->text)) {
                clip = make_valid(prov->geom.get());
            } else if (pref) {
                const auto& p = G.prefecture(within->text, within->pos);
                if (!p.geom) fail(within->pos, "prefecture " + p.name + " has no geometry");
                clip = make_valid(p.geom.get());
            } else {
                clip = county_geom(*within);
            }
            if (dim == 1) {
                // Rivers often run along the boundary they are clipped to (黄河 on 运城's border), and
                // the two come from different sources: lines are clipped to the area grown by 3 km.
                project(clip.get(), albers, true);
                GeomPtr grown(clip->Buffer(kLineClipMarginKm * 1000.0, 8));
                if (!grown) fail(within->pos, "buffer failed (GEOS)");
                project(grown.get(), albers, false);
                clip = std::move(grown);
            }
            GeomPtr cut(g->Intersection(clip.get()));
            if (!cut || cut->IsEmpty())
                fail(within->pos, "nothing of element '" + s.role + " " + s.name + "' lies within " + within->text);
            g = std::move(cut);
        }
        to_pv(g.get(), dim, e.geo);
        if (e.geo.points.empty()) fail(s.pos, "element '" + s.role + " " + s.name + "' resolved to an empty geometry");
        e.anchor = anchor_of(e.geo);
        return e;
    }
};

}  // namespace

LayoutSummary Layout::summary() const {
    LayoutSummary s;
    s.elements = elements.size();
    for (const auto& e : elements) {
        if (e.schematic) ++s.schematic;
        switch (e.placement) {
            case Placement::Exact: ++s.exact; break;
            case Placement::LocatedByCounty: ++s.located_by_county; break;
            case Placement::NotPlaced: ++s.not_placed; break;
        }
    }
    return s;
}

PlanLayouts resolve_layouts(const LayoutFile& file, const Gazetteer& gazetteer) {
    Resolver R{gazetteer.impl()};
    PlanLayouts out;
    out.source = file.source;
    out.plan_file = file.plan_file;
    out.plan_sha256 = file.plan_sha256;
    out.title = file.title;
    for (const auto& ls : file.layouts) {
        Layout l;
        l.id = ls.id; l.title = ls.title; l.note = ls.note; l.plan_file = file.plan_file;
        l.lines = ls.lines; l.pos = ls.pos;
        for (const auto& es : ls.elements) l.elements.push_back(R.element(es, file.plan_file));
        out.layouts.push_back(std::move(l));
    }
    return out;
}

PlanLayouts load_layouts(const std::string& path, const Gazetteer& gazetteer) {
    return resolve_layouts(parse_layout_file(path), gazetteer);
}

// ================================================================================ provenance

std::vector<CitedLine> read_cited_lines(const std::string& plans_dir, const std::string& plan_file,
                                        const std::string& plan_sha256, const std::vector<LineRange>& ranges) {
    std::string path = (fs::path(plans_dir) / plan_file).string();
    if (!fs::exists(path)) throw Error(path + ": the plan text is not there; cannot show the cited lines");
    std::string bytes = read_all(path);
    std::string have = sha256_hex(bytes);
    std::string want = plan_sha256;
    std::transform(want.begin(), want.end(), want.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (have != want)
        throw Error(path + ": SHA-256 is " + have + " but the layout was written against " + want +
                    "; this is not the same plan text, so its line numbers cannot be trusted — refusing to show citations");
    std::vector<std::string> text_lines;
    size_t start = 0;
    while (start <= bytes.size()) {
        size_t nl = bytes.find('\n', start);
        std::string l = bytes.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (!l.empty() && l.back() == '\r') l.pop_back();
        if (nl == std::string::npos) {
            if (!l.empty()) text_lines.push_back(l);
            break;
        }
        text_lines.push_back(l);
        start = nl + 1;
    }
    std::vector<CitedLine> out;
    for (const auto& r : ranges) {
        if (r.first < 1 || r.last < r.first || size_t(r.last) > text_lines.size())
            throw Error(path + ": cited lines " + std::to_string(r.first) + "-" + std::to_string(r.last) +
                        " do not exist (the file has " + std::to_string(text_lines.size()) + " lines)");
        for (int i = r.first; i <= r.last; ++i) out.push_back({i, text_lines[size_t(i - 1)]});
    }
    return out;
}

}  // namespace pv
