// `marrow run`: load and validate the experiment, then run every arm x replicate, with checkpoints,
// resume, branching and walltime signals (docs/hpc.md).
#include <spdlog/spdlog.h>

#include "../hpc/signals.hpp"
#include "commands.hpp"
#include "marrow/config.hpp"
#include "marrow/runner.hpp"

namespace marrow::app {

int command_run(const RunArgs& args, bool terminal) {
  Overrides overrides = args.overrides;
  if (args.seed) overrides.push_back("seed=" + std::to_string(*args.seed));
  RunOptions opt;
  if (!args.checkpoint_every.empty())
    opt.checkpoint_every_days = interval_days(args.checkpoint_every, "--checkpoint-every");
  const Experiment e = load_experiment(args.config, overrides);
  opt.out_dir = args.out_dir.empty() ? "results/" + e.name : args.out_dir;
  opt.threads = threads_per_run(args.threads);
  opt.progress_on_terminal = terminal;
  opt.resume = args.resume;
  opt.keep_checkpoint = args.keep_checkpoint;
  opt.branch_from = args.from;
  hpc::install_stop_handlers();
  opt.stop_requested = [] { return hpc::stop_requested(); };
  spdlog::info("experiment '{}': {} arm(s) x {} replicate(s), seed {}, output {}{}{}", e.name, e.arms.size(),
               e.replicates, e.seed, opt.out_dir, opt.resume ? " (resuming)" : "",
               opt.branch_from.empty() ? "" : ", branching from " + opt.branch_from);
  const BatchResult r = run_experiment_batch(e, opt);
  if (r.interrupted) return hpc::kExitStopped;
  return r.failed == 0 ? 0 : 1;
}

}  // namespace marrow::app
