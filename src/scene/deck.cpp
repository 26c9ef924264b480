#include "scene/deck.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "data/error.hpp"
#include "scene/scene_table.hpp"

namespace pv {

const char* deck_file_help() {
    return R"(A deck file is TOML: slides, each a scene. Keys of a slide, besides any scene key:

  title = "山西省国土空间规划"        # the deck's name (optional)

  [defaults]                        # scene keys every slide starts from (optional)
  preset = "1080p"

  [[slide]]
  id = "urban-system"               # for file names (default: the scene file's name)
  scene = "../scenes/plan-004-urban-system.toml"   # a scene file, relative to the deck
  title = "一主三副六市域中心"         # any scene key overrides the scene file's:
  caption = "……"                    #   title, subtitle, caption, extent, fit, preset, [[layer]]...
  extent = [110.2, 34.5, 114.6, 40.8]
  show = ["rivers"]                 # layers to make visible / hide, by id
  hide = ["seats"]

  [[slide]]                         # or a scene written inline, without `scene`
  title = "山西省行政区划"
  basemap = ["counties", "prefectures", "province"]

A slide's [[layer]] tables are added after its scene file's (an existing id restyles that layer).
)";
}

struct DeckData {
    std::string text, name, base_dir;
};

namespace {

[[noreturn]] void fail_at(const std::string& file, const toml::source_region& src, const std::string& what) {
    std::string where = src.path && !src.path->empty() ? *src.path : file;
    throw Error(where + ":" + std::to_string(src.begin.line) + ":" + std::to_string(src.begin.column) + ": " + what);
}

const std::set<std::string> kSlideOnlyKeys = {"id", "scene", "show", "hide", "notes"};

std::string string_key(const std::string& file, const toml::table& t, const char* key, const std::string& where) {
    const toml::node* n = t.get(key);
    if (!n) return {};
    if (auto v = n->value<std::string>()) return *v;
    fail_at(file, n->source(), where + "'" + key + "' must be a string");
}

void check_strings(const std::string& file, const toml::table& t, const char* key, const std::string& where) {
    const toml::node* n = t.get(key);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) fail_at(file, n->source(), where + "'" + key + "' must be an array of layer ids");
    for (const auto& e : *a)
        if (!e.is_string()) fail_at(file, e.source(), where + "'" + key + "' must hold strings only");
}

const toml::array& slides_of(const std::string& file, const toml::table& root) {
    const toml::node* n = root.get("slide");
    if (!n) fail_at(file, root.source(), "the deck has no [[slide]]");
    const toml::array* a = n->as_array();
    if (!a || a->empty()) fail_at(file, n->source(), "'slide' must be written as [[slide]] tables");
    for (const auto& e : *a)
        if (!e.is_table()) fail_at(file, e.source(), "'slide' must be written as [[slide]] tables");
    return *a;
}

// Moves every key of `from` into `into`; [[layer]] tables are appended to those already there.
void merge_into(toml::table& into, toml::table&& from) {
    // A later page or view choice replaces the earlier one as a whole: a slide's preset wins
    // over its scene file's size and dpi, its fit over the scene file's extent.
    if (from.get("preset")) into.erase("size"), into.erase("dpi");
    if (from.get("fit") && !from.get("extent")) into.erase("extent");
    for (auto&& [k, v] : from) {
        std::string key(k.str());
        if (kSlideOnlyKeys.count(key)) continue;
        if (key == "layer" && v.is_array() && into.get("layer") && into.get("layer")->is_array()) {
            toml::array& dst = *into.get("layer")->as_array();
            for (auto&& e : *v.as_array()) dst.push_back(std::move(e));
            continue;
        }
        into.insert_or_assign(k, std::move(v));
    }
}

std::string sanitise(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        bool ok = std::isalnum(c) || c == '_' || c == '-';
        if (ok) out += char(std::tolower(c));
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::string toml_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') out += '\\', out += char(c);
        else if (c == '\n') out += "\\n";
        else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else out += char(c);
    }
    return out + "\"";
}

}  // namespace

Deck load_deck_text(const std::string& text, const std::string& name, const std::string& base_dir) {
    toml::table root = parse_toml_text(text, name);
    for (const auto& [k, v] : root) {
        std::string key(k.str());
        if (key != "title" && key != "defaults" && key != "slide")
            fail_at(name, k.source(), "unknown key '" + key + "' in the deck (title, [defaults], [[slide]]; see planview export --help)");
    }
    Deck d;
    d.path = name;
    d.title = string_key(name, root, "title", "");
    if (const toml::node* n = root.get("defaults"); n && !n->is_table())
        fail_at(name, n->source(), "'defaults' must be a table of scene keys: [defaults]");
    const toml::array& slides = slides_of(name, root);
    for (size_t i = 0; i < slides.size(); ++i) {
        const toml::table& t = *slides[i].as_table();
        std::string where = "slide " + std::to_string(i + 1) + ": ";
        SlideInfo s;
        s.id = string_key(name, t, "id", where);
        s.scene_ref = string_key(name, t, "scene", where);
        s.title = string_key(name, t, "title", where);
        check_strings(name, t, "show", where);
        check_strings(name, t, "hide", where);
        if (s.id.empty()) s.id = s.scene_ref.empty() ? "slide" : std::filesystem::path(s.scene_ref).stem().string();
        s.line = int(t.source().begin.line), s.column = int(t.source().begin.column);
        d.slides.push_back(std::move(s));
    }
    auto data = std::make_shared<DeckData>();
    data->text = text, data->name = name, data->base_dir = base_dir;
    d.data = data;
    return d;
}

Deck load_deck(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot read the deck file");
    std::stringstream ss;
    ss << in.rdbuf();
    return load_deck_text(ss.str(), path, std::filesystem::absolute(path).parent_path().string());
}

Scene load_slide(const Deck& deck, size_t index) {
    if (!deck.data || index >= deck.slides.size()) throw Error(deck.path + ": no slide " + std::to_string(index + 1));
    const DeckData& dd = *deck.data;
    // Parsed afresh: the merge moves nodes (a move keeps where each came from; a copy would not).
    toml::table root = parse_toml_text(dd.text, dd.name);
    toml::array& slides = *root.get("slide")->as_array();
    toml::table& slide = *slides[index].as_table();
    std::string where = "slide " + std::to_string(index + 1) + ": ";

    toml::table merged;
    if (const toml::node* n = slide.get("scene")) {
        std::filesystem::path p = *n->value<std::string>();
        if (p.is_relative()) p = std::filesystem::path(dd.base_dir) / p;
        p = p.lexically_normal();
        if (!std::filesystem::exists(p))
            fail_at(dd.name, n->source(), where + "the scene file " + p.string() + " does not exist");
        merged = parse_toml_file(p.string());
    }
    if (toml::node* n = root.get("defaults")) merge_into(merged, std::move(*n->as_table()));
    const toml::node* show = slide.get("show");
    const toml::node* hide = slide.get("hide");
    std::vector<std::pair<std::string, toml::source_region>> show_ids, hide_ids;
    for (auto [node, out] : {std::pair{show, &show_ids}, std::pair{hide, &hide_ids}})
        if (node)
            for (const auto& e : *node->as_array()) out->push_back({*e.value<std::string>(), e.source()});
    merge_into(merged, std::move(slide));

    Scene s = load_scene_table(merged, dd.name, dd.base_dir);
    for (const auto& [ids, visible] : {std::pair{&show_ids, true}, std::pair{&hide_ids, false}})
        for (const auto& [id, src] : *ids) {
            SceneLayer* l = s.find(id);
            if (!l) {
                std::string have;
                for (const auto& x : s.layers) have += (have.empty() ? "" : ", ") + x.id;
                fail_at(dd.name, src, where + "no layer '" + id + "' in this slide (it has: " + have + ")");
            }
            l->visible = visible;
        }
    return s;
}

std::string slide_file_stem(const Deck& deck, size_t index) {
    char num[16];
    std::snprintf(num, sizeof num, "%02zu", index + 1);
    std::string id = index < deck.slides.size() ? sanitise(deck.slides[index].id) : "";
    return std::string(num) + "-" + (id.empty() ? "slide" : id);
}

std::string slide_toml(const SavedSlide& s) {
    std::ostringstream o;
    o.precision(10);
    o << "\n[[slide]]\n";
    if (!s.scene_ref.empty()) o << "scene = " << toml_string(s.scene_ref) << "\n";
    o << "title = " << toml_string(s.title) << "\n";
    if (!s.caption.empty()) o << "caption = " << toml_string(s.caption) << "\n";
    if (!s.extent.empty())
        o << "extent = [" << s.extent.min_x << ", " << s.extent.min_y << ", " << s.extent.max_x << ", " << s.extent.max_y
          << "]\n";
    if (!s.basemap.empty()) {
        o << "basemap = [";
        for (size_t i = 0; i < s.basemap.size(); ++i) o << (i ? ", " : "") << toml_string(s.basemap[i]);
        o << "]\n";
    }
    if (!s.layouts.empty()) {
        o << "layouts = [";
        for (size_t i = 0; i < s.layouts.size(); ++i) o << (i ? ", " : "") << toml_string(s.layouts[i]);
        o << "]\n";
    }
    if (!s.labels) o << "labels = false\n";
    for (const auto& [key, ids] : {std::pair{"show", &s.show}, std::pair{"hide", &s.hide}}) {
        if (ids->empty()) continue;
        o << key << " = [";
        for (size_t i = 0; i < ids->size(); ++i) o << (i ? ", " : "") << toml_string((*ids)[i]);
        o << "]\n";
    }
    return o.str();
}

void append_slide(const std::string& deck_path, const SavedSlide& s) {
    std::string old;
    if (std::filesystem::exists(deck_path)) {
        std::ifstream in(deck_path, std::ios::binary);
        if (!in) throw Error(deck_path + ": cannot read the deck file");
        std::stringstream ss;
        ss << in.rdbuf();
        old = ss.str();
    }
    std::string text = old + (old.empty() || old.back() == '\n' ? "" : "\n") + slide_toml(s);
    std::filesystem::path p(deck_path);
    std::filesystem::path tmp = p.parent_path() / ("." + p.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(tmp.string() + ": cannot write");
        out << text;
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw Error(tmp.string() + ": cannot write (disk full?)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, p, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error(deck_path + ": cannot replace the deck file: " + ec.message());
    }
}

}  // namespace pv
