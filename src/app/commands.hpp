#pragma once
// The subcommands of the marrow program.
#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace marrow::app {

struct RunArgs {
  std::string config, out_dir;
  int threads = 0;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> overrides;
  std::string checkpoint_every;  // "7d"; "" = only when stopped by a signal
  bool resume = false, keep_checkpoint = false;
  std::string from;  // a checkpoint to branch from
};
struct CheckArgs {
  std::string config;
  std::vector<std::string> overrides;
  std::string runs_dir;  // --runs: compare the finished runs kept there instead of printing the settings
  bool resolved = false;  // --resolved: print each run's resolved config and seed (what --runs compares)
};
struct SweepArgs {
  std::string file, out_dir;
  int threads = 0;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> overrides;
  std::string checkpoint_every;
  std::optional<long> index;
  bool list = false, force = false, collect = false;
};

int command_run(const RunArgs& args, bool terminal);
int command_check(const CheckArgs& args, std::ostream& out);
int command_params(std::ostream& out);
int command_sweep(const SweepArgs& args, bool terminal, std::ostream& out);

// Thrown for a bad option value that the parser could not catch: exit 64.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Threads per run: the option when given, else SLURM_CPUS_PER_TASK when set, else 0 (all cores).
int threads_per_run(int requested);
// "7d", "12 h", "2.5 day" -> days (> 0); throws UsageError naming the option.
double interval_days(const std::string& text, const std::string& option);

}  // namespace marrow::app
