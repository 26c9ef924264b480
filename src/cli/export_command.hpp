#pragma once

namespace pv {
// `planview export ...`: argument parsing and messages only; the work is export_png().
int run_export_command(int argc, char** argv);
}  // namespace pv
