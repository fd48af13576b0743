// `marrow sweep`: list, run one (--index, or SLURM_ARRAY_TASK_ID), run all serially, or run all over
// MPI ranks (under mpirun) the runs of a sweep; finished runs are skipped, half-finished ones resume
// from their checkpoints, a failed run is recorded and the others go on (docs/hpc.md).
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../hpc/mpi_sweep.hpp"
#include "../hpc/signals.hpp"
#include "../hpc/sweep.hpp"
#include "commands.hpp"
#include "io/checkpoint/durable_file.hpp"
#include "io/checkpoint/run_files.hpp"
#include "marrow/output.hpp"
#include "marrow/runner.hpp"

namespace marrow::app {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// DIR/runs.csv names the runs of the sweep that owns DIR: a different sweep is refused without --force.
void claim_folder(const std::string& dir, const std::string& table, bool force) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create output folder " + dir + ": " + ec.message());
  const std::string path = dir + "/runs.csv";
  const std::string old = read_file(path);
  if (!old.empty() && old != table && !force)
    throw ConfigError(path, 0, 0,
                      "this folder holds the runs of a different sweep (its runs.csv differs); use another "
                      "folder, or --force to replace them");
  if (old != table) durable::write_text(path, table);
}

bool all_finished(const std::vector<RunSpec>& runs, const std::string& dir) {
  for (const RunSpec& r : runs)
    if (!ckpt::is_finished_output(output_path(dir, r))) return false;
  return true;
}

int status_of(const BatchResult& r) { return r.interrupted ? hpc::kExitStopped : r.failed > 0 ? 1 : 0; }

}  // namespace

int command_sweep(const SweepArgs& args, bool terminal, std::ostream& out) {
  Overrides overrides = args.overrides;
  if (args.seed) overrides.push_back("seed=" + std::to_string(*args.seed));
  RunOptions opt;
  if (!args.checkpoint_every.empty())
    opt.checkpoint_every_days = interval_days(args.checkpoint_every, "--checkpoint-every");
  const hpc::Sweep sweep = hpc::load_sweep(args.file);
  const hpc::SweepRuns runs = hpc::enumerate_runs(sweep, overrides);
  const std::string table = hpc::runs_table(sweep, runs);
  opt.out_dir = args.out_dir.empty() ? "results/" + runs.experiment : args.out_dir;
  opt.threads = threads_per_run(args.threads);
  opt.resume = !args.force;
  opt.keep_going = true;
  const std::string summary = opt.out_dir + "/summary.csv";
  const auto n = long(runs.runs.size());

  if (args.list) {
    out << table;
    claim_folder(opt.out_dir, table, args.force);
    spdlog::info("{} run(s): {} arm(s) x {} point(s) x {} replicate(s); wrote {}/runs.csv", n, runs.arms, runs.points,
                 runs.replicates, opt.out_dir);
    return 0;
  }
  if (args.collect) {
    claim_folder(opt.out_dir, table, args.force);
    write_summary(summary, runs.runs, opt.out_dir, true);
    spdlog::info("wrote {}", summary);
    return 0;
  }

  std::optional<long> index = args.index;
  const bool mpi = !index && hpc::launched_under_mpi();
  if (!index && !mpi)
    if (const char* task = std::getenv("SLURM_ARRAY_TASK_ID")) {
      char* end = nullptr;
      index = std::strtol(task, &end, 10);
      if (!*task || *end) throw UsageError("SLURM_ARRAY_TASK_ID is not a number: '" + std::string(task) + "'");
    }
  if (index && (*index < 0 || *index >= n))
    throw UsageError("run index " + std::to_string(*index) + " is out of range: the sweep has " + std::to_string(n) +
                     " runs (0.." + std::to_string(n - 1) + "); see --list");

  auto finish = [&](const BatchResult& r) {
    if (all_finished(runs.runs, opt.out_dir)) {
      write_summary(summary, runs.runs, opt.out_dir, true);
      spdlog::info("every run of the sweep is finished; wrote {}", summary);
    }
    spdlog::info("{} finished, {} left alone, {} failed{}", r.finished, r.skipped, r.failed,
                 r.interrupted ? "; stopped by a signal (resume by running the same command)" : "");
    for (const auto& [name, message] : r.failures) spdlog::error("failed: {}: {}", name, message);
  };

  if (mpi) {
    if (!hpc::mpi_built_in())
      throw UsageError("started under mpirun, but this marrow was built without MPI: use --index or a Slurm array");
    opt.progress_on_terminal = false;
    auto prepare = [&] {
      claim_folder(opt.out_dir, table, args.force);
      check_resumable(runs.runs, opt);
      return 0;
    };
    return hpc::run_sweep_mpi(runs.runs, opt, prepare, finish);
  }

  opt.progress_on_terminal = terminal;
  hpc::install_stop_handlers();
  opt.stop_requested = [] { return hpc::stop_requested(); };
  claim_folder(opt.out_dir, table, args.force);
  std::vector<RunSpec> todo = index ? std::vector<RunSpec>{runs.runs[std::size_t(*index)]} : runs.runs;
  check_resumable(todo, opt);
  const BatchResult r = run_batch(todo, opt);
  finish(r);
  return status_of(r);
}

}  // namespace marrow::app
