#version 330 core
// Kernel density, pass 1: one instance per weighted point, a quad covering the kernel's support,
// added into a float target. Sizes are in map metres, so the kernel follows the camera.
layout(location = 0) in vec2 a_corner;
layout(location = 1) in vec2 a_center;   // map metres relative to the bucket origin
layout(location = 2) in float a_h;       // bandwidth in map metres at this point
layout(location = 3) in float a_weight;  // weight / h_km², with the kernel's normalisation
uniform vec2 u_offset;
uniform float u_inv_scale;
uniform vec2 u_viewport;
uniform float u_support;  // kernel radius in bandwidths (3 Gaussian, 1 Epanechnikov)
out vec2 v_u;             // position in bandwidths from the point
flat out float v_weight;
void main() {
    vec2 c = a_center * u_inv_scale + u_offset;
    // Half a pixel more than the support, so every pixel the kernel touches is covered.
    float ext = a_h * u_support * u_inv_scale + 0.5;
    vec2 local = a_corner * ext;
    v_u = local / (a_h * u_inv_scale);
    v_weight = a_weight;
    gl_Position = vec4((c + local) / (u_viewport * 0.5), 0.0, 1.0);
}
