#version 330 core
in vec2 v_uv;
in vec4 v_colour;
in vec4 v_halo;
uniform sampler2D u_atlas;  // r: glyph coverage, g: halo (glyph dilated)
out vec4 frag;
void main() {
    vec2 s = texture(u_atlas, v_uv).rg;
    float at = s.r * v_colour.a;
    float ah = s.g * v_halo.a;
    float a = at + ah * (1.0 - at);
    if (a <= 0.0) discard;
    vec3 rgb = (v_colour.rgb * at + v_halo.rgb * ah * (1.0 - at)) / a;
    frag = vec4(rgb, a);
}
