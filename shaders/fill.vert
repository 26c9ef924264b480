#version 330 core
// Polygon rings as triangle fans (stencil pass) and bounding quads (cover pass).
layout(location = 0) in vec2 a_pos;     // map metres relative to the bucket origin
layout(location = 1) in vec4 a_colour;  // cover quads carry their feature's colour
uniform vec2 u_offset;                  // (origin - camera centre) / scale, pixels, y up
uniform float u_inv_scale;              // pixels per map metre
uniform vec2 u_viewport;                // pixels
out vec4 v_colour;
out vec2 v_pat;  // pixels from the bucket origin: hatching stays put across tiles and pans
void main() {
    vec2 px = a_pos * u_inv_scale + u_offset;
    v_colour = a_colour;
    v_pat = a_pos * u_inv_scale;
    gl_Position = vec4(px / (u_viewport * 0.5), 0.0, 1.0);
}
