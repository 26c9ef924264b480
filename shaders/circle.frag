#version 330 core
in vec2 v_local;
flat in float v_radius;
in vec4 v_fill;
in vec4 v_stroke;
uniform int u_shape;  // 0 circle, 1 square, 2 triangle, 3 diamond, 4 star
uniform float u_stroke_width;
uniform float u_opacity;
out vec4 frag;

float sd_triangle(vec2 p, float r) {  // equilateral, pointing up (y up)
    const float k = sqrt(3.0);
    p.x = abs(p.x) - r * 0.866;
    p.y = -p.y + r * 0.5;
    if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
    p.x -= clamp(p.x, -2.0 * r * 0.866, 0.0);
    return -length(p) * sign(p.y);
}
float sd_star(vec2 p, float r) {  // five points, inner radius 0.45 r (after Inigo Quilez)
    const vec2 k1 = vec2(0.809016994, -0.587785252);
    const vec2 k2 = vec2(-k1.x, k1.y);
    p.x = abs(p.x);
    p -= 2.0 * max(dot(k1, p), 0.0) * k1;
    p -= 2.0 * max(dot(k2, p), 0.0) * k2;
    p.x = abs(p.x);
    p.y -= r;
    float rf = 0.45;
    vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0, 1);
    float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
    return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}
void main() {
    vec2 p = v_local;
    float r = v_radius;
    float d;
    if (u_shape == 1) { vec2 q = abs(p) - vec2(r * 0.85); d = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0); }
    else if (u_shape == 2) d = sd_triangle(p - vec2(0.0, -r * 0.15), r * 1.05);
    else if (u_shape == 3) d = (abs(p.x) + abs(p.y) - r) * 0.7071;
    else if (u_shape == 4) d = sd_star(p, r);
    else d = length(p) - r;
    float fill_a = clamp(0.5 - d, 0.0, 1.0);
    float outer = clamp(0.5 - (d - u_stroke_width), 0.0, 1.0);
    // Stroke straddles nothing: it sits outside the fill, so the fill keeps its full size.
    vec4 col = mix(v_stroke, v_fill, fill_a);
    float a = u_stroke_width > 0.0 ? outer * mix(v_stroke.a, v_fill.a, fill_a) : fill_a * v_fill.a;
    if (a <= 0.0) discard;
    frag = vec4(col.rgb, a * u_opacity);
}
