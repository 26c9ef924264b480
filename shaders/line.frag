#version 330 core
in vec2 v_px;
flat in vec2 v_p0;
flat in vec2 v_p1;
flat in float v_dist0;
in vec4 v_colour;
uniform float u_half_width;
uniform vec2 u_dash;  // on, off in pixels; on <= 0 means solid
uniform float u_opacity;
uniform vec2 u_arrow;  // arrowhead length, half width in pixels; 0 = a plain segment
out vec4 frag;
void main() {
    if (u_arrow.x > 0.0) {
        // Arrowhead: a triangle whose base straddles the line's end, so the round cap of a
        // wide line stays inside it; the tip overshoots the end by 0.7 of the head.
        vec2 dir = normalize(v_p1 - v_p0);
        vec2 tip = v_p1 + dir * (0.7 * u_arrow.x);
        float a = dot(v_px - tip, dir);
        float c = abs(dot(v_px - tip, vec2(-dir.y, dir.x)));
        float side = (c * u_arrow.x + a * u_arrow.y) / length(u_arrow);
        float d = max(side, -u_arrow.x - a);
        float cov = clamp(0.5 - d, 0.0, 1.0);
        if (cov <= 0.0) discard;
        frag = vec4(v_colour.rgb, v_colour.a * cov * u_opacity);
        return;
    }
    vec2 d = v_p1 - v_p0;
    float len2 = dot(d, d);
    float t = len2 > 0.0 ? clamp(dot(v_px - v_p0, d) / len2, 0.0, 1.0) : 0.0;
    float dist = length(v_px - (v_p0 + t * d));
    // Lines thinner than a pixel keep a one-pixel footprint and fade instead of breaking up.
    float hw = max(u_half_width, 0.5);
    float coverage = clamp(hw + 0.5 - dist, 0.0, 1.0) * min(u_half_width * 2.0, 1.0);
    if (u_dash.x > 0.0) {
        float along = v_dist0 + t * sqrt(len2);
        if (mod(along, u_dash.x + u_dash.y) > u_dash.x) discard;
    }
    if (coverage <= 0.0) discard;
    frag = vec4(v_colour.rgb, v_colour.a * coverage * u_opacity);
}
