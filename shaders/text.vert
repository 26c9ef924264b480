#version 330 core
// Screen-space quads sampling the glyph atlas: label glyphs, and map furniture boxes (which
// sample a solid white block of the atlas).
layout(location = 0) in vec2 a_corner;  // (0|1, 0|1)
layout(location = 1) in vec4 a_rect;    // x, y, w, h in pixels, y down from the top-left
layout(location = 2) in vec4 a_uv;      // u0, v0, u1, v1
layout(location = 3) in vec4 a_colour;
layout(location = 4) in vec4 a_halo;
uniform vec2 u_viewport;
uniform vec2 u_origin;  // top-left of the viewport in page pixels (tiles)
out vec2 v_uv;
out vec4 v_colour;
out vec4 v_halo;
void main() {
    vec2 px = a_rect.xy + a_corner * a_rect.zw - u_origin;
    v_uv = mix(a_uv.xy, a_uv.zw, a_corner);
    v_colour = a_colour;
    v_halo = a_halo;
    gl_Position = vec4(px.x / u_viewport.x * 2.0 - 1.0, 1.0 - px.y / u_viewport.y * 2.0, 0.0, 1.0);
}
