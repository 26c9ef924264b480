// Georeferencing for exported PNGs: an ESRI world file (.pgw) and the projection as WKT (.prj)
// (and a GDAL .aux.xml) beside the image, so GIS software (QGIS, ArcGIS, GDAL) overlays the picture where it belongs.
#pragma once
#include <string>

#include "data/projection.hpp"
#include "scene/camera.hpp"

namespace pv {

// The six world-file numbers: pixel size x, rotations, pixel size y (negative: rows go south),
// and the map coordinates of the centre of the upper-left pixel.
struct WorldFile {
    double a = 0, d = 0, b = 0, e = 0, c = 0, f = 0;
};
WorldFile world_file_for(const Camera& page);
std::string world_file_text(const WorldFile& w);
// The CRS of a projection as ESRI-flavoured WKT1 (what .prj files hold), from PROJ.
std::string projection_wkt(ProjectionKind kind);
// "map.png" -> "map.pgw", "map.prj", and "map.png.aux.xml" (the CRS where GDAL and QGIS read
// it for a PNG); each written atomically (temp file + rename). Throws
// pv::Error naming the path.
void write_world_files(const std::string& png_path, const Camera& page, ProjectionKind kind);
// Writes text to a file through a temporary file in the same folder and a rename.
void write_text_atomic(const std::string& path, const std::string& text);

}  // namespace pv
