#version 330 core
// Kernel density, pass 2: a full-screen triangle that colours the density through the ramp.
void main() {
    vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
    gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
