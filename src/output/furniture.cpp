#include "output/furniture.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "scene/heatmap.hpp"
#include "scene/indicator_layer.hpp"
#include "scene/palette.hpp"

namespace pv {

std::vector<std::string> wrap_text(GlyphAtlas& atlas, const std::string& text, int px, float max_width) {
    // Widths are sums of advances (as GlyphAtlas::measure has them), one measure per character:
    // measuring the growing line again for each character costs a glyph load per character each.
    std::vector<std::string> lines;
    std::vector<std::pair<std::string, float>> line;  // characters and their advances
    float width = 0;
    auto flush = [&](size_t n) {  // the first n characters become a line
        std::string out;
        for (size_t i = 0; i < n; ++i) out += line[i].first;
        while (!out.empty() && out.back() == ' ') out.pop_back();
        lines.push_back(out);
        line.erase(line.begin(), line.begin() + long(n));
        while (!line.empty() && line.front().first == " ") line.erase(line.begin());
        width = 0;
        for (const auto& c : line) width += c.second;
    };
    for (size_t i = 0; i < text.size();) {
        size_t n = 1;
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        std::string ch = text.substr(i, n);
        i += n;
        if (ch == "\n") {
            flush(line.size());
            continue;
        }
        if (line.empty() && ch == " ") continue;
        float w = atlas.measure(ch, px).width;
        if (!line.empty() && width + w > max_width && ch != " ") {
            size_t space = line.size();
            while (space > 0 && line[space - 1].first != " ") --space;
            flush(space > 0 ? space : line.size());  // Latin text breaks between words
        }
        line.push_back({ch, w});
        width += w;
    }
    if (!line.empty()) flush(line.size());
    return lines;
}

double nice_length_km(double target_km) {
    if (!(target_km > 0)) return 0;
    double p = std::pow(10.0, std::floor(std::log10(target_km)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= target_km) return m * p;
    return p;
}

void add_scale_bar(const Scene& s, GlyphAtlas& atlas, double ground_m_per_px, Furniture& out) {
    if (!s.furniture || !(ground_m_per_px > 0)) return;
    auto& q = out.quads;
    const float k = pixel_ratio(s);
    const float margin = 16 * k;
    const Rgba ink{25, 25, 25, 255}, panel{255, 255, 255, 225}, none{0, 0, 0, 0};
    auto px = [&](float v) { return std::max(6, int(std::lround(v * k))); };
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

Furniture layout_furniture(const Scene& s, GlyphAtlas& atlas, double ground_m_per_px, const std::string& date) {
    Furniture out;
    if (!s.furniture) return out;
    auto& q = out.quads;
    const float k = pixel_ratio(s);
    const float margin = 16 * k;
    const Rgba ink{25, 25, 25, 255}, panel{255, 255, 255, 225}, frame{120, 120, 120, 255}, none{0, 0, 0, 0};
    auto px = [&](float v) { return std::max(6, int(std::lround(v * k))); };

    // Title block, top-left: title, subtitle, and the caption wrapped to at most half the page
    // (the north arrow keeps the top-right corner).
    float title_bottom = 0;
    if (!s.title.empty() || !s.caption.empty()) {
        int tp = px(30), sp = px(15), cp = px(13);
        TextMetrics tm = atlas.measure(s.title, tp), sm = atlas.measure(s.subtitle, sp), cm = atlas.measure("国", cp);
        float max_w = std::max(200 * k, s.width * 0.5f - 3 * margin);
        std::vector<std::string> caption = s.caption.empty() ? std::vector<std::string>{} : wrap_text(atlas, s.caption, cp, max_w);
        float caption_w = 0;
        for (const auto& l : caption) caption_w = std::max(caption_w, atlas.measure(l, cp).width);
        float line_h = (cm.ascent + cm.descent) * 1.3f;
        float w = std::max({s.title.empty() ? 0.f : tm.width, s.subtitle.empty() ? 0.f : sm.width, caption_w}) + 2 * margin;
        float h = (s.title.empty() ? 0 : tm.ascent + tm.descent) + (s.subtitle.empty() ? 0 : sm.ascent + sm.descent + 4 * k) +
                  (caption.empty() ? 0 : caption.size() * line_h + 6 * k) + margin;
        out.title = {margin, margin, w, h};
        title_bottom = margin + h;
        add_box(atlas, margin, margin, w, h, panel, q);
        float y = margin + margin * 0.5f;
        if (!s.title.empty()) {
            y += tm.ascent;
            layout_text(atlas, s.title, tp, 0, 2 * margin, y, ink, none, q);
            y += tm.descent;
        }
        if (!s.subtitle.empty()) {
            y += 4 * k + sm.ascent;
            layout_text(atlas, s.subtitle, sp, 0, 2 * margin, y, {80, 80, 80, 255}, none, q);
            y += sm.descent;
        }
        y += 6 * k;
        for (const auto& l : caption) {
            layout_text(atlas, l, cp, 0, 2 * margin, y + cm.ascent + (line_h - cm.ascent - cm.descent) * 0.5f, {50, 50, 50, 255},
                        none, q);
            y += line_h;
        }
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
        // Many layers' legends wrap into columns rather than run under the title or off the page:
        // rows keep their order, and a column ends where the next row would pass the target height.
        int np = px(11);
        const float bar_w = 150 * k;
        auto height_of = [&](const Row& r) { return !r.ramp.empty() ? row_h * 1.4f : r.note ? row_h * 0.9f : row_h; };
        auto width_of = [&](const Row& r) {
            if (!r.ramp.empty()) return bar_w + 8 * k + atlas.measure(r.ramp_high, np).width;
            if (r.note) return atlas.measure(r.text, np).width;
            return atlas.measure(r.text, lp).width + (r.heading ? 0 : sw + 8 * k);
        };
        float bottom = s.height - margin - 28 * k, top = std::max(title_bottom, s.height * 0.2f) + margin;
        float avail = std::max(row_h, bottom - top - margin), total = 0;
        for (const auto& r : rows) total += height_of(r);
        size_t want_cols = size_t(std::ceil(total / avail - 1e-3));
        float target = want_cols <= 1 ? avail : std::min(avail, total / float(want_cols) + row_h * 0.5f);
        std::vector<size_t> col_of(rows.size());
        std::vector<float> row_y(rows.size()), col_w(1, 0.f), col_h(1, 0.f);
        for (size_t i = 0; i < rows.size(); ++i) {
            float h = height_of(rows[i]);
            if (col_h.back() > 0 && col_h.back() + h > target) col_w.push_back(0), col_h.push_back(0);
            col_of[i] = col_w.size() - 1;
            row_y[i] = col_h.back();
            col_h.back() += h;
            col_w.back() = std::max(col_w.back(), width_of(rows[i]));
        }
        float gap = margin, w = 2 * margin * 0.75f + gap * float(col_w.size() - 1);
        for (float cw : col_w) w += cw;
        float h = *std::max_element(col_h.begin(), col_h.end()) + margin;
        float x0 = margin, y0 = bottom - h;
        out.legend = {x0, y0, w, h};
        add_box(atlas, x0, y0, w, h, panel, q);
        std::vector<float> col_x(col_w.size(), x0 + margin * 0.75f);
        for (size_t c = 1; c < col_w.size(); ++c) col_x[c] = col_x[c - 1] + col_w[c - 1] + gap;
        for (size_t i = 0; i < rows.size(); ++i) {
            const Row& r = rows[i];
            float y = y0 + margin * 0.5f + row_y[i];
            float tx = col_x[col_of[i]];
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
                continue;
            }
            if (r.note) {
                TextMetrics nm = atlas.measure("国", np);
                layout_text(atlas, r.text, np, 0, tx, cy + (nm.ascent - nm.descent) * 0.5f, {80, 80, 80, 255}, none, q);
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
        }
    }

    // Scale bar, bottom-right: true ground length at the map centre.
    if (ground_m_per_px > 0) add_scale_bar(s, atlas, ground_m_per_px, out);

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
    // A long attribution shrinks to fit the page beside the scale bar's corner rather than run off it.
    while (m.width > s.width - 2 * margin && sp > 6) m = atlas.measure(line, --sp);
    float y = s.height - margin * 0.6f;
    out.source = {margin, y - m.ascent - 2 * k, m.width + 8 * k, m.ascent + m.descent + 4 * k};
    add_box(atlas, out.source.x - 4 * k, out.source.y, out.source.w, out.source.h, panel, q);
    layout_text(atlas, line, sp, 0, margin, y, {70, 70, 70, 255}, none, q);
    return out;
}

}  // namespace pv
