#version 330 core
// One instance per point symbol: a screen-aligned quad whose shape is drawn by distance field.
layout(location = 0) in vec2 a_corner;
layout(location = 1) in vec2 a_center;  // map metres relative to the bucket origin
layout(location = 2) in float a_size;   // diameter, pixels
layout(location = 3) in vec4 a_fill;
layout(location = 4) in vec4 a_stroke;
uniform vec2 u_offset;
uniform float u_inv_scale;
uniform vec2 u_viewport;
uniform float u_stroke_width;
out vec2 v_local;  // pixels from the centre
flat out float v_radius;
out vec4 v_fill;
out vec4 v_stroke;
void main() {
    vec2 c = a_center * u_inv_scale + u_offset;
    float r = a_size * 0.5;
    float ext = r + u_stroke_width + 1.0;
    v_local = a_corner * ext;
    v_radius = r;
    v_fill = a_fill;
    v_stroke = a_stroke;
    gl_Position = vec4((c + v_local) / (u_viewport * 0.5), 0.0, 1.0);
}
