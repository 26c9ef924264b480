// Plan layouts as data: data/layouts/*.toml, one file per plan (format: data/layouts/README.md).
// Every element names the plan lines it comes from, its role and name as the plan says them, a
// kind (which drives the style) and its geometry by reference to the base map (maps/) and
// data/gazetteer.csv. Parsing and resolving never touch OpenGL; errors are pv::Error with
// "file:line:column: what is wrong".
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "data/geometry.hpp"

namespace pv {

struct LineRange {
    int first = 0, last = 0;  // 1-based, inclusive
    friend bool operator==(const LineRange&, const LineRange&) = default;
};

struct SourcePos {
    std::string file;
    int line = 0, column = 0;
    std::string str() const;  // "file:line:column"
};

// How an element is put on the map.
enum class Placement {
    Exact,            // geometry from the base map / gazetteer (may still be schematic)
    LocatedByCounty,  // only its county is known: a marked symbol on that county
    NotPlaced,        // not even the county is known: listed, not drawn
};
std::string placement_name(Placement p);  // "exact", "located_by_county", "not_placed"

// The element kinds a layout file may use (drive the style), e.g. "centre_primary", "axis".
const std::vector<std::string>& layout_kinds();

// ---- As written in a layout file (parsed and checked, not yet resolved) -----------------------

enum class RefKind { County, Prefecture, Seat, Place, Path, River, Range, Lake, Within, LocatedByCounty };

struct Ref {
    RefKind kind;
    std::string text;  // code or name as written
    SourcePos pos;
};

struct ElementSpec {
    std::string role, name, kind;
    std::vector<LineRange> lines;
    bool enumerated = false;  // the plan lists the members
    bool open_list = false;   // the plan's list ends in 等: members are examples
    bool schematic = false;   // geometry is our reading, not the plan's
    bool not_placed = false;
    std::string interpretation;  // our reading (required when schematic)
    std::string note;            // our remark (never the plan's words)
    std::string category;        // attribute for categorical maps (e.g. 一县一业)
    std::vector<std::string> members;
    std::vector<Ref> refs;  // geometry references in file order (Path entries are ordered)
    double buffer_km = 0;
    SourcePos pos;
};

struct LayoutSpec {
    std::string id, title, note;
    std::vector<LineRange> lines;
    std::vector<ElementSpec> elements;
    SourcePos pos;
};

struct LayoutFile {
    std::string source;  // path of the .toml file
    std::string plan_file, plan_sha256, title;
    std::vector<LayoutSpec> layouts;
};

// Throws pv::Error "file:line:column: ..." on TOML syntax errors and on every semantic error
// (unknown key or kind, missing role/name/lines, conflicting placements, bad line ranges...).
LayoutFile parse_layout_text(std::string_view text, const std::string& source_name);
LayoutFile parse_layout_file(const std::string& path);
// Every *.toml in a folder, sorted by name.
std::vector<std::string> layout_files_in(const std::string& dir);

// ---- What references resolve against ----------------------------------------------------------

// Counties (polygons, by code, by any code in `codes`, by name), prefectures (polygons and
// seats), county seats (maps/seats.geojson, else counties seat_lon/seat_lat), rivers, ranges,
// lakes (by name) and the gazetteer CSV (WGS84 points). counties.geojson is required; a layer
// that is missing only fails when a layout refers to it.
class Gazetteer {
public:
    static Gazetteer load(const std::string& maps_dir, const std::string& gazetteer_csv);
    Gazetteer(Gazetteer&&) noexcept;
    Gazetteer& operator=(Gazetteer&&) noexcept;
    ~Gazetteer();

    size_t county_count() const;
    size_t place_count() const;  // gazetteer CSV rows
    // County code for a code or name (throws pv::Error naming `where` when unknown/ambiguous).
    std::string county_code(const std::string& code_or_name, const SourcePos& where) const;
    // Seat of a county or prefecture (code or name), lon/lat.
    Vec2 seat(const std::string& code_or_name, const SourcePos& where) const;

    struct Impl;
    const Impl& impl() const { return *impl_; }

private:
    explicit Gazetteer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// ---- Resolved ---------------------------------------------------------------------------------

struct LayoutElement {
    std::string role, name, kind, category;
    std::string plan_file;
    std::vector<LineRange> lines;
    bool enumerated = false, open_list = false, schematic = false;
    std::string interpretation, note;
    std::vector<std::string> members;
    Placement placement = Placement::NotPlaced;
    std::vector<std::string> county_codes;  // counties drawn (union) or located in
    Geometry geo;       // WGS84. Exact: the element; LocatedByCounty: the county polygon(s); NotPlaced: empty
    Vec2 anchor{};      // where a symbol/label goes (lon/lat); NaN when not placed
    SourcePos pos;      // where the element is defined
};

struct LayoutSummary {
    size_t elements = 0, exact = 0, schematic = 0, located_by_county = 0, not_placed = 0;
};

struct Layout {
    std::string id, title, note, plan_file;
    std::vector<LineRange> lines;
    std::vector<LayoutElement> elements;
    SourcePos pos;
    LayoutSummary summary() const;
};

struct PlanLayouts {
    std::string source, plan_file, plan_sha256, title;
    std::vector<Layout> layouts;
};

// Resolves every reference (throws pv::Error "file:line:column: unknown county code ..." etc.).
// Counties are unioned (MakeValid + UnionCascaded), paths become line strings, buffers are
// made in the Albers projection (metres).
PlanLayouts resolve_layouts(const LayoutFile& file, const Gazetteer& gazetteer);
PlanLayouts load_layouts(const std::string& path, const Gazetteer& gazetteer);

// ---- Provenance -------------------------------------------------------------------------------

std::string sha256_hex(std::string_view bytes);
std::string sha256_file(const std::string& path);  // throws pv::Error when unreadable

struct CitedLine {
    int number = 0;
    std::string text;
};
// The cited lines of a plan text in plans_dir, after checking its SHA-256 against the layout
// file's plan_sha256. Refuses (pv::Error) when the file is missing, its hash differs or a range
// runs past its end.
std::vector<CitedLine> read_cited_lines(const std::string& plans_dir, const std::string& plan_file,
                                        const std::string& plan_sha256, const std::vector<LineRange>& ranges);

}  // namespace pv
