#include <string>

#include "data/error.hpp"
#include "render/gl.hpp"

namespace pv {

static GLuint compile(GLenum type, std::string_view name) {
    std::string_view src = shader_source(name);
    if (src.empty()) throw Error("shader " + std::string(name) + " is not embedded in this build");
    GLuint s = glCreateShader(type);
    const char* p = src.data();
    GLint len = GLint(src.size());
    glShaderSource(s, 1, &p, &len);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[4096];
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        glDeleteShader(s);
        throw Error("shaders/" + std::string(name) + ": " + log);
    }
    return s;
}

GLuint build_program(std::string_view vert, std::string_view frag) {
    GLuint v = compile(GL_VERTEX_SHADER, vert), f = compile(GL_FRAGMENT_SHADER, frag);
    GLuint p = glCreateProgram();
    glAttachShader(p, v);
    glAttachShader(p, f);
    glLinkProgram(p);
    glDeleteShader(v);
    glDeleteShader(f);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[4096];
        glGetProgramInfoLog(p, sizeof log, nullptr, log);
        glDeleteProgram(p);
        throw Error("linking shaders/" + std::string(vert) + " + " + std::string(frag) + ": " + log);
    }
    return p;
}

void set_view_uniforms(GLuint program, const ViewUniforms& v) {
    glUniform2fv(glGetUniformLocation(program, "u_offset"), 1, v.offset);
    glUniform1f(glGetUniformLocation(program, "u_inv_scale"), v.inv_scale);
    glUniform2fv(glGetUniformLocation(program, "u_viewport"), 1, v.viewport);
}

}  // namespace pv
