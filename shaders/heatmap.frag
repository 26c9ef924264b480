#version 330 core
in vec2 v_u;
flat in float v_weight;
uniform int u_epanechnikov;
out vec4 o_density;  // red: weight per km², summed by additive blending
void main() {
    float u2 = dot(v_u, v_u);
    float k;
    if (u_epanechnikov != 0) k = u2 < 1.0 ? 0.63661977 * (1.0 - u2) : 0.0;  // 2/pi
    else k = u2 < 9.0 ? 0.15915494 * exp(-0.5 * u2) : 0.0;                 // 1/(2 pi)
    o_density = vec4(v_weight * k, 0.0, 0.0, 0.0);
}
