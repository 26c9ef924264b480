#pragma once
#include <stdexcept>
#include <string>

namespace pv {
// Every user-facing failure: the message names the thing at fault (file, line, feature, field)
// and what is wrong with it, so front ends can print or show it as is.
struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};
}  // namespace pv
