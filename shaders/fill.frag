#version 330 core
in vec4 v_colour;
in vec2 v_pat;
uniform float u_opacity;
uniform vec4 u_hatch;  // spacing px (0 = plain fill), line width px, cos, sin of the angle
out vec4 frag;
void main() {
    float a = v_colour.a * u_opacity;
    if (u_hatch.x > 0.0) {
        // Distance to the nearest hatch line. Never discard: the cover pass must clear the
        // stencil at every covered sample, so uncovered pixels blend with alpha 0 instead.
        float d = dot(v_pat, vec2(-u_hatch.w, u_hatch.z)) / u_hatch.x;
        float k = abs(fract(d) - 0.5) * u_hatch.x;
        a *= clamp(u_hatch.y * 0.5 + 0.5 - (u_hatch.x * 0.5 - k), 0.0, 1.0);
    }
    frag = vec4(v_colour.rgb, a);
}
