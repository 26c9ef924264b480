#version 330 core
in vec2 v_px;
flat in vec2 v_p0;
flat in vec2 v_p1;
flat in float v_dist0;
in vec4 v_colour;
uniform float u_half_width;
uniform vec2 u_dash;  // on, off in pixels; on <= 0 means solid
uniform float u_opacity;
out vec4 frag;
void main() {
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
