#include "output/furniture.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "scene/heatmap.hpp"
#include "scene/indicator_layer.hpp"
#include "scene/palette.hpp"

namespace pv {

double nice_length_km(double target_km) {
    if (!(target_km > 0)) return 0;
    double p = std::pow(10.0, std::floor(std::log10(target_km)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= target_km) return m * p;
    return p;
}

Furniture layout_furniture(const Scene& s, GlyphAtlas& atlas, double ground_m_per_px, const std::string& date) {
    Furniture out;
    if (!s.furniture) return out;
    auto& q = out.quads;
    const float k = pixel_ratio(s);
    const float margin = 16 * k;
    const Rgba ink{25, 25, 25, 255}, panel{255, 255, 255, 225}, frame{120, 120, 120, 255}, none{0, 0, 0, 0};
    auto px = [&](float v) { return std::max(6, int(std::lround(v * k))); };

    // Title block, top-left.
    if (!s.title.empty()) {
        int tp = px(30), sp = px(15);
        TextMetrics tm = atlas.measure(s.title, tp), sm = atlas.measure(s.subtitle, sp);
        float w = std::max(tm.width, s.subtitle.empty() ? 0.f : sm.width) + 2 * margin;
        float h = tm.ascent + tm.descent + (s.subtitle.empty() ? 0 : sm.ascent + sm.descent + 4 * k) + margin;
        out.title = {margin, margin, w, h};
        add_box(atlas, margin, margin, w, h, panel, q);
        float y = margin + margin * 0.5f + tm.ascent;
        layout_text(atlas, s.title, tp, 0, 2 * margin, y, ink, none, q);
        if (!s.subtitle.empty())
            layout_text(atlas, s.subtitle, sp, 0, 2 * margin, y + tm.descent + 4 * k + sm.ascent, {80, 80, 80, 255}, none, q);
    }

    // Legend, bottom-left: classified layers list their classes; others one line each.
    struct Row {
        std::string text;
        Rgba fill, stroke;
        LayerKind kind;
        bool heading;
        const LegendItem* item = nullptr;  // symbol, dashes, hatching, arrow
        bool note = false;         // a line of text under a layer's entries (unit, source, no data)
        std::string ramp{};        // a heat map's colour ramp, drawn as a bar
        std::string ramp_high{};   // the label at its top end
    };
    std::vector<Row> rows;
    for (auto it = s.layers.rbegin(); it != s.layers.rend(); ++it) {
        const SceneLayer& l = *it;
        if (!l.visible || l.title.empty() || (l.kind == LayerKind::Line && l.stroke_width <= 0)) continue;
        if (l.kind == LayerKind::Heatmap) {
            rows.push_back({l.title, {}, {}, l.kind, true});
            Row bar{"", {}, {}, l.kind, false};
            bar.ramp = l.ramp, bar.ramp_high = format_indicator_value(l.heat_max) + " " + l.heat_unit;
            bar.fill.a = uint8_t(std::lround(255 * l.opacity));
            rows.push_back(bar);
        } else if (!l.legend.empty()) {
            rows.push_back({l.title, {}, {}, l.kind, true});
            for (const auto& e : l.legend) rows.push_back({e.label, e.fill, e.stroke, e.kind, false, &e});
        }
        if (l.kind == LayerKind::Heatmap || !l.legend.empty()) {
            for (const auto& n : l.legend_note) {
                Row r{n, {}, {}, l.kind, false};
                r.note = true;
                rows.push_back(r);
            }
        } else if (l.kind == LayerKind::Line || (l.kind == LayerKind::Fill && l.feature_fill.size() > 1)) {
            rows.push_back({l.title, {0, 0, 0, 0}, l.feature_stroke.empty() ? l.stroke : l.feature_stroke.front(),
                            LayerKind::Line, false});
        } else {
            rows.push_back({l.title, l.fill, l.stroke, l.kind, false});
        }
    }
    if (!rows.empty()) {
        int lp = px(13);
        TextMetrics m = atlas.measure("国", lp);
        float row_h = (m.ascent + m.descent) * 1.35f, sw = 26 * k;
        int np = px(11);
        const float bar_w = 150 * k;
        float w = 0;
        for (const auto& r : rows) {
            if (!r.ramp.empty()) w = std::max(w, bar_w + 8 * k + atlas.measure(r.ramp_high, np).width);
            else if (r.note) w = std::max(w, atlas.measure(r.text, np).width);
            else w = std::max(w, atlas.measure(r.text, lp).width + (r.heading ? 0 : sw + 8 * k));
        }
        w += 2 * margin * 0.75f;
        float h = margin;
        for (const auto& r : rows) h += !r.ramp.empty() ? row_h * 1.4f : r.note ? row_h * 0.9f : row_h;
        float x0 = margin, y0 = s.height - margin - h - 28 * k;
        out.legend = {x0, y0, w, h};
        add_box(atlas, x0, y0, w, h, panel, q);
        float y = y0 + margin * 0.5f;
        for (const auto& r : rows) {
            float tx = x0 + margin * 0.75f;
            float cy = y + row_h * 0.5f;
            if (!r.ramp.empty()) {
                // Low to high, left to right, in 60 steps of the ramp (no interpolation needed at
                // this size), with the density at each end below the bar.
                Ramp ramp = parse_ramp(r.ramp);
                const int steps = 60;
                float bh = row_h * 0.55f;
                for (int i = 0; i < steps; ++i) {
                    // As the map shows it: the ramp colour with the map's fade and opacity, over white.
                    double t = (i + 0.5) / steps;
                    Rgba c = ramp_colour(ramp, t);
                    double a = heat_alpha(t) * r.fill.a / 255.0;
                    auto mix = [&](uint8_t v) { return uint8_t(std::lround(v * a + 255 * (1 - a))); };
                    add_box(atlas, tx + bar_w * i / steps, y, bar_w / steps + 0.5f, bh, {mix(c.r), mix(c.g), mix(c.b), 255}, q);
                }
                TextMetrics nm = atlas.measure("0", np);
                layout_text(atlas, "0", np, 0, tx, y + bh + nm.ascent + 1 * k, ink, none, q);
                layout_text(atlas, r.ramp_high, np, 0, tx + bar_w + 8 * k, y + bh, ink, none, q);
                y += row_h * 1.4f;
                continue;
            }
            if (r.note) {
                TextMetrics nm = atlas.measure("国", np);
                layout_text(atlas, r.text, np, 0, tx, cy + (nm.ascent - nm.descent) * 0.5f, {80, 80, 80, 255}, none, q);
                y += row_h * 0.9f;
                continue;
            }
            if (!r.heading) {
                const LegendItem* it = r.item;
                if (it && !it->symbol.empty()) {
                    // A glyph in the symbol's colour, over a slightly larger one in its outline.
                    // The font draws ◎ ● ○ small beside ★: those a size up.
                    int gp = px(it->symbol == "★" || it->symbol == "☆" ? 17 : 21);
                    TextMetrics gm = atlas.measure(it->symbol, gp);
                    float gx = tx + sw / 2 - gm.width / 2, gy = cy + (gm.ascent - gm.descent) * 0.5f;
                    Rgba halo = it->stroke.a ? it->stroke : none;
                    layout_text(atlas, it->symbol, gp, halo.a ? std::max(1, int(std::lround(1.2f * k))) : 0, gx, gy,
                                it->fill.a ? it->fill : it->stroke, halo, q);
                } else if (it && r.kind == LayerKind::Line) {
                    float end = it->arrow ? sw - 7 * k : sw;
                    float th = std::clamp(2.4f * k, 2.4f * k, 5 * k);
                    if (it->dashed)
                        for (float x = 0; x < end; x += 7 * k) add_box(atlas, tx + x, cy - th / 2, std::min(4 * k, end - x), th, r.stroke, q);
                    else add_box(atlas, tx, cy - th / 2, end, th, r.stroke, q);
                    if (it->arrow)  // a stepped head: boxes narrowing to the tip
                        for (int i = 0; i < 7; ++i) {
                            float hh = (7 - i) * 1.0f * k;
                            add_box(atlas, tx + end + i * k, cy - hh, k, 2 * hh, r.stroke, q);
                        }
                } else if (it && r.kind == LayerKind::Fill && (it->dashed || it->hatched)) {
                    Rgba edge = r.stroke.a ? r.stroke : frame;
                    add_box(atlas, tx + k, cy - 6 * k, sw - 2 * k, 12 * k, r.fill, q);
                    if (it->hatched)  // vertical strokes stand in for the hatching
                        for (float x = 3 * k; x < sw - 2 * k; x += 4 * k) add_box(atlas, tx + x, cy - 6 * k, 1.2f * k, 12 * k, edge, q);
                    if (it->dashed) {
                        for (float x = 0; x < sw; x += 6 * k) {
                            add_box(atlas, tx + x, cy - 7 * k, std::min(3.5f * k, sw - x), 1.2f * k, edge, q);
                            add_box(atlas, tx + x, cy + 6 * k, std::min(3.5f * k, sw - x), 1.2f * k, edge, q);
                        }
                        add_box(atlas, tx, cy - 7 * k, 1.2f * k, 3.5f * k, edge, q);
                        add_box(atlas, tx + sw - 1.2f * k, cy + 3 * k, 1.2f * k, 3.5f * k, edge, q);
                    } else {
                        add_box(atlas, tx, cy - 7 * k, sw, 1.2f * k, edge, q);
                        add_box(atlas, tx, cy + 6 * k, sw, 1.2f * k, edge, q);
                        add_box(atlas, tx, cy - 7 * k, 1.2f * k, 14 * k, edge, q);
                        add_box(atlas, tx + sw - 1.2f * k, cy - 7 * k, 1.2f * k, 14 * k, edge, q);
                    }
                } else if (r.kind == LayerKind::Line) {
                    add_box(atlas, tx, cy - 1.2f * k, sw, 2.4f * k, r.stroke, q);
                } else if (r.kind == LayerKind::Circle) {
                    add_box(atlas, tx + sw / 2 - 4 * k, cy - 4 * k, 8 * k, 8 * k, r.stroke, q);
                    add_box(atlas, tx + sw / 2 - 3 * k, cy - 3 * k, 6 * k, 6 * k, r.fill, q);
                } else {
                    add_box(atlas, tx, cy - 7 * k, sw, 14 * k, r.stroke.a ? r.stroke : frame, q);
                    add_box(atlas, tx + k, cy - 6 * k, sw - 2 * k, 12 * k, r.fill, q);
                }
                tx += sw + 8 * k;
            }
            layout_text(atlas, r.text, lp, 0, tx, cy + (m.ascent - m.descent) * 0.5f, ink, none, q);
            y += row_h;
        }
    }

    // Scale bar, bottom-right: true ground length at the map centre.
    if (ground_m_per_px > 0) {
        double km = nice_length_km(ground_m_per_px * 180 * k / 1000.0);
        float len = float(km * 1000.0 / ground_m_per_px);
        int lp = px(12);
        std::ostringstream label;
        label << km << " km";
        TextMetrics m = atlas.measure(label.str(), lp);
        float x1 = s.width - margin * 1.5f, x0 = x1 - len, yb = s.height - margin - 34 * k;
        out.scale_bar = {x0 - 8 * k, yb - m.ascent - 10 * k, len + 16 * k, m.ascent + m.descent + 22 * k};
        out.scale_bar_km = km;
        add_box(atlas, out.scale_bar.x, out.scale_bar.y, out.scale_bar.w, out.scale_bar.h, panel, q);
        add_box(atlas, x0, yb, len, 2 * k, ink, q);
        for (int i = 0; i <= 2; ++i) add_box(atlas, x0 + len * i / 2 - k, yb - 6 * k, 2 * k, 8 * k, ink, q);
        layout_text(atlas, "0", lp, 0, x0 - 3 * k, yb - 8 * k, ink, none, q);
        layout_text(atlas, label.str(), lp, 0, x1 - m.width + 3 * k, yb - 8 * k, ink, none, q);
    }

    // North arrow, top-right. The projections used keep north up at the centre meridian.
    {
        int ap = px(28), np = px(14);
        float cx = s.width - margin - 20 * k, top = margin;
        TextMetrics am = atlas.measure("▲", ap), nm = atlas.measure("N", np);
        out.north_arrow = {cx - 20 * k, top, 40 * k, am.ascent + am.descent + nm.ascent + nm.descent + 4 * k};
        layout_text(atlas, "N", np, 0, cx - nm.width / 2, top + nm.ascent, ink, none, q);
        layout_text(atlas, "▲", ap, 0, cx - am.width / 2, top + nm.ascent + nm.descent + am.ascent, ink, none, q);
    }

    // Source and date line along the bottom edge.
    std::string line = s.source_note + (s.source_note.empty() ? "" : "  ·  ") + "PlanView  " + date;
    int sp = px(11);
    TextMetrics m = atlas.measure(line, sp);
    float y = s.height - margin * 0.6f;
    out.source = {margin, y - m.ascent - 2 * k, m.width + 8 * k, m.ascent + m.descent + 4 * k};
    add_box(atlas, out.source.x - 4 * k, out.source.y, out.source.w, out.source.h, panel, q);
    layout_text(atlas, line, sp, 0, margin, y, {70, 70, 70, 255}, none, q);
    return out;
}

}  // namespace pv
