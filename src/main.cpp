// planview            open the viewer on the embedded map (or, without a display, export it)
// planview export ... headless export (see planview export --help)
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "app/viewer.hpp"
#include "cli/export_command.hpp"

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "export") == 0) return pv::run_export_command(argc - 2, argv + 2);
    return pv::run_viewer(argc - 1, argv + 1);
}
