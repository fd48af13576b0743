#pragma once
// The subcommands of the marrow program.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace marrow::app {

struct RunArgs {
  std::string config, out_dir;
  int threads = 0;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> overrides;
};
struct CheckArgs {
  std::string config;
  std::vector<std::string> overrides;
};

int command_run(const RunArgs& args, bool terminal);
int command_check(const CheckArgs& args, std::ostream& out);
int command_params(std::ostream& out);

}  // namespace marrow::app
