// `marrow run`: load and validate the experiment, then run every arm x replicate.
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "marrow/config.hpp"
#include "marrow/runner.hpp"

namespace marrow::app {

int command_run(const RunArgs& args, bool terminal) {
  Overrides overrides = args.overrides;
  if (args.seed) overrides.push_back("seed=" + std::to_string(*args.seed));
  const Experiment e = load_experiment(args.config, overrides);
  RunOptions opt;
  opt.out_dir = args.out_dir.empty() ? "results/" + e.name : args.out_dir;
  opt.threads = args.threads;
  opt.progress_on_terminal = terminal;
  spdlog::info("experiment '{}': {} arm(s) x {} replicate(s), seed {}, output {}", e.name, e.arms.size(),
               e.replicates, e.seed, opt.out_dir);
  return run_experiment(e, opt) == 0 ? 0 : 1;
}

}  // namespace marrow::app
