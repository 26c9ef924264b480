#include "output/world_file.hpp"

#include <proj.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "data/error.hpp"

namespace pv {

WorldFile world_file_for(const Camera& page) {
    // Pixel (i, j) covers screen [i, i+1) x [j, j+1); a world file names the centre of (0, 0).
    Vec2 ul = screen_to_map(page, {0.5, 0.5});
    WorldFile w;
    w.a = page.scale;
    w.e = -page.scale;
    w.c = ul.x;
    w.f = ul.y;
    return w;
}

std::string world_file_text(const WorldFile& w) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%.10f\n%.10f\n%.10f\n%.10f\n%.6f\n%.6f\n", w.a, w.d, w.b, w.e, w.c, w.f);
    return buf;
}

std::string projection_wkt(ProjectionKind kind) {
    PJ_CONTEXT* ctx = proj_context_create();
    PJ* crs = proj_create(ctx, proj_definition(kind).c_str());
    std::string out;
    if (crs) {
        const char* opts[] = {"MULTILINE=NO", nullptr};
        if (const char* wkt = proj_as_wkt(ctx, crs, PJ_WKT1_ESRI, opts)) out = wkt;
        proj_destroy(crs);
    }
    proj_context_destroy(ctx);
    if (out.empty()) throw Error("PROJ cannot write the projection '" + proj_definition(kind) + "' as WKT");
    return out;
}

void write_text_atomic(const std::string& path, const std::string& text) {
    std::filesystem::path p(path);
    std::filesystem::path tmp = p.parent_path() / ("." + p.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(path + ": cannot write (" + tmp.string() + ")");
        out << text;
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            throw Error(path + ": cannot write");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, p, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw Error(path + ": cannot write: " + ec.message());
    }
}

void write_world_files(const std::string& png_path, const Camera& page, ProjectionKind kind) {
    std::filesystem::path p(png_path);
    std::string wkt = projection_wkt(kind);
    write_text_atomic(std::filesystem::path(p).replace_extension(".pgw").string(), world_file_text(world_file_for(page)));
    write_text_atomic(std::filesystem::path(p).replace_extension(".prj").string(), wkt + "\n");
    // GDAL's PNG driver (and so QGIS) takes the CRS from the PAM side file, not from .prj.
    std::string xml_wkt;
    for (char ch : wkt) {
        if (ch == '&') xml_wkt += "&amp;";
        else if (ch == '<') xml_wkt += "&lt;";
        else if (ch == '>') xml_wkt += "&gt;";
        else xml_wkt += ch;
    }
    write_text_atomic(png_path + ".aux.xml",
                      "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">" + xml_wkt + "</SRS>\n</PAMDataset>\n");
}

}  // namespace pv
