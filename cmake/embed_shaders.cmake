# Writes OUT: a C++ file holding every shader in SHADER_DIR as a string, so the binaries do not
# depend on where the source tree is at run time.
file(GLOB shaders RELATIVE ${SHADER_DIR} ${SHADER_DIR}/*.vert ${SHADER_DIR}/*.frag)
list(SORT shaders)
set(body "// Generated from shaders/ by cmake/embed_shaders.cmake; do not edit.\n#include <string_view>\nnamespace pv {\nstd::string_view shader_source(std::string_view name) {\n")
foreach(s ${shaders})
  file(READ ${SHADER_DIR}/${s} text)
  string(APPEND body "    if (name == \"${s}\") return R\"glsl(${text})glsl\";\n")
endforeach()
string(APPEND body "    return {};\n}\n}  // namespace pv\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
