#version 330 core
uniform vec4 u_colour;
out vec4 frag;
void main() { frag = u_colour; }
