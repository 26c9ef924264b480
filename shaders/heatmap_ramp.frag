#version 330 core
uniform sampler2D u_density;  // R32F, same size as the viewport
uniform sampler2D u_ramp;     // 256 x 1, low to high
uniform float u_max;          // density at the top of the ramp (fixed per layer, not per tile)
uniform float u_opacity;
out vec4 o_colour;
void main() {
    float d = texelFetch(u_density, ivec2(gl_FragCoord.xy), 0).r;
    float t = clamp(d / u_max, 0.0, 1.0);
    // The lowest tenth of the range fades in (scene/heatmap.hpp heat_alpha, also the legend's).
    float a = u_opacity * clamp(t / 0.1, 0.0, 1.0);
    if (a <= 0.0) discard;
    o_colour = vec4(texture(u_ramp, vec2(t * (255.0 / 256.0) + 0.5 / 256.0, 0.5)).rgb, a);
}
