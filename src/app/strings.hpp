// Every string of the viewer's UI, in Chinese and English. The font's glyph ranges are built
// from this table (plus the names in the data), so a string added here is always drawable.
#pragma once
#include <cstddef>
#include <string>

namespace pv::app {

enum class Str {
    Layers, Labels, Opacity, Up, Down, File, Open, OpenPath, OpenButton, Close, Search, SearchHint, NoMatch,
    Lon, Lat, Projection, Scale, ActiveLevel, County, Prefecture, Name, Code, Codes, PrefectureName, Area, Status,
    Note, Info, Attributes, Error, CannotOpen, Language, View, Reset, Hover, Km, M, Count_
};

struct StrPair {
    const char* zh;
    const char* en;
};

inline constexpr StrPair kStrings[] = {
    {"图层", "Layers"},
    {"标注", "Labels"},
    {"不透明度", "Opacity"},
    {"上移", "Up"},
    {"下移", "Down"},
    {"文件", "File"},
    {"打开…", "Open…"},
    {"文件路径", "File path"},
    {"打开", "Open"},
    {"关闭", "Close"},
    {"搜索", "Search"},
    {"名称或代码，如 永济 / 140881", "name or code, e.g. 永济 / 140881"},
    {"无匹配", "No match"},
    {"经度", "Lon"},
    {"纬度", "Lat"},
    {"投影", "Projection"},
    {"比例尺", "Scale"},
    {"当前层级", "Active level"},
    {"县级", "County"},
    {"地级", "Prefecture"},
    {"名称", "Name"},
    {"代码", "Code"},
    {"原代码", "Codes"},
    {"所属地级市", "Prefecture"},
    {"面积", "Area"},
    {"状态", "Status"},
    {"备注", "Note"},
    {"要素信息", "Feature info"},
    {"全部属性", "All attributes"},
    {"错误", "Error"},
    {"无法打开", "Cannot open"},
    {"English", "中文"},
    {"视图", "View"},
    {"复位 (Home)", "Reset (Home)"},
    {"悬停", "Hover"},
    {"千米", "km"},
    {"米", "m"},
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == size_t(Str::Count_));

inline const char* tr(Str s, bool english) {
    const StrPair& p = kStrings[size_t(s)];
    return english ? p.en : p.zh;
}

// Titles of the base layers by id (opened files keep their file name).
inline constexpr struct {
    const char* id;
    StrPair title;
} kLayerTitles[] = {
    {"neighbours", {"邻省", "Neighbouring provinces"}},
    {"counties", {"县级行政区", "Counties"}},
    {"lakes", {"湖泊", "Lakes"}},
    {"rivers", {"河流", "Rivers"}},
    {"prefectures", {"地级市", "Prefectures"}},
    {"province", {"山西省界", "Shanxi boundary"}},
    {"seats", {"县级政府驻地", "County seats"}},
    {"ranges", {"山脉", "Mountain ranges"}},
};

inline const char* layer_title(const std::string& id, const std::string& fallback, bool english) {
    for (const auto& t : kLayerTitles)
        if (id == t.id) return english ? t.title.en : t.title.zh;
    return fallback.c_str();
}

}  // namespace pv::app
