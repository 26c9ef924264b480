#version 330 core
// One instance per segment, expanded to a quad around the capsule of the segment, so joins and
// caps come out round and the edge is anti-aliased in the fragment shader.
layout(location = 0) in vec2 a_corner;  // (-1|1, -1|1)
layout(location = 1) in vec2 a_p0;      // map metres relative to the bucket origin
layout(location = 2) in vec2 a_p1;
layout(location = 3) in float a_dist0;  // distance along the line at p0, map metres
layout(location = 4) in vec4 a_colour;
uniform vec2 u_offset;
uniform float u_inv_scale;
uniform vec2 u_viewport;
uniform float u_half_width;  // pixels
uniform vec2 u_arrow;        // arrowhead length, half width in pixels; 0 = a plain segment
out vec2 v_px;
flat out vec2 v_p0;
flat out vec2 v_p1;
flat out float v_dist0;
out vec4 v_colour;
void main() {
    vec2 p0 = a_p0 * u_inv_scale + u_offset;
    vec2 p1 = a_p1 * u_inv_scale + u_offset;
    vec2 d = p1 - p0;
    float len = length(d);
    vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
    vec2 n = vec2(-dir.y, dir.x);
    float ext = max(u_half_width, 0.5) + 1.0;
    vec2 pos = (a_corner.x < 0.0 ? p0 : p1) + dir * (a_corner.x * ext) + n * (a_corner.y * ext);
    if (u_arrow.x > 0.0) {  // a quad around the head, whose tip lies 0.7 of its length past p1
        float along = a_corner.x < 0.0 ? -0.3 * u_arrow.x - 1.0 : 0.7 * u_arrow.x + 1.0;
        pos = p1 + dir * along + n * (a_corner.y * (u_arrow.y + 1.0));
    }
    v_px = pos;
    v_p0 = p0;
    v_p1 = p1;
    v_dist0 = a_dist0 * u_inv_scale;
    v_colour = a_colour;
    gl_Position = vec4(pos / (u_viewport * 0.5), 0.0, 1.0);
}
