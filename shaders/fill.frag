#version 330 core
in vec4 v_colour;
uniform float u_opacity;
out vec4 frag;
void main() { frag = vec4(v_colour.rgb, v_colour.a * u_opacity); }
