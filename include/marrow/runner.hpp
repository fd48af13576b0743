#pragma once
// Runs an experiment: every arm x replicate, one output file each, plus DIR/summary.csv. The same
// machinery runs the runs of a sweep (src/hpc), one at a time or one per MPI rank, with checkpoints,
// resume, branching and walltime signals (docs/hpc.md).
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "marrow/config.hpp"

namespace marrow {

struct RunOptions {
  std::string out_dir;
  int threads = 0;  // 0 = all cores (oneTBB default)
  bool progress_on_terminal = true;
  // Batch work (docs/hpc.md).
  double checkpoint_every_days = 0;      // write DIR/<run>.ckpt.h5 this often; 0 = only when stopped
  bool resume = false;                   // finished runs are skipped, unfinished ones continue from checkpoints
  bool keep_checkpoint = false;          // checkpoint the final state too and keep it (for branch_from)
  bool keep_going = false;               // a failed run is recorded (DIR/<run>.failed) and the batch goes on
  std::string branch_from;               // a checkpoint: every run that is not resumed starts from its state
  std::function<bool()> stop_requested;  // polled after each tick: true = checkpoint and stop
};

// One run: an arm of an experiment (at one sweep point) and a replicate.
struct RunSpec {
  std::string name;  // file stem in the output folder: "<arm>_r<k>" (run), "<arm>_p<point>_r<k>" (sweep)
  std::string experiment, arm;
  int replicate = 0;
  std::uint64_t seed = 0, base_seed = 0;
  ResolvedConfig config;
  std::vector<std::pair<std::string, std::string>> attributes;  // extra root attributes of its output file
  std::vector<std::pair<std::string, std::string>> columns;     // extra leading columns of summary.csv
};

enum class RunStatus { Finished, Skipped, Interrupted, Failed };

struct BatchResult {
  int finished = 0, skipped = 0, failed = 0;
  bool interrupted = false;  // stopped by a signal (checkpoint written); some runs remain
  std::vector<std::pair<std::string, std::string>> failures;  // run name, message
};

// The runs of an experiment in the order `marrow run` does them: replicate by replicate, arms in file
// order; replicate k has the seed replicate_seed(seed, k) in every arm (common random numbers).
std::vector<RunSpec> experiment_runs(const Experiment& experiment);

// Runs in order. Stops after the run that a stop request interrupted. Without keep_going the first
// error propagates (OutputError, ...); a ConfigError (e.g. resuming with another config) always does.
BatchResult run_batch(const std::vector<RunSpec>& runs, const RunOptions& options);

// With options.resume: refuses (ConfigError naming the file) when a checkpoint or finished output in the
// folder was made with another config (only `duration` may differ) or random-number scheme.
void check_resumable(const std::vector<RunSpec>& runs, const RunOptions& options);

// The runs whose finished output in DIR does not match: missing, unfinished, or made with another
// resolved config (any key, duration included; the labels `name` and `description` aside) or seed. One line per such run, naming what differs;
// empty when every run is there as asked (src/sim/run_provenance.cpp).
std::vector<std::string> compare_with_runs(const std::vector<RunSpec>& runs, const std::string& dir);

// DIR/summary.csv from the finished output files: arm, replicate, seed, the run's `columns`, [status,]
// time_days, then the last value of every /timeseries dataset in name order. Runs without a finished file
// are listed only when with_status is true (status "missing" or "failed").
void write_summary(const std::string& path, const std::vector<RunSpec>& runs, const std::string& out_dir,
                   bool with_status);

// run_batch over experiment_runs, then summary.csv unless interrupted.
BatchResult run_experiment_batch(const Experiment& experiment, const RunOptions& options);
// Returns the number of runs that failed (0 = all fine). Throws OutputError for I/O failures.
int run_experiment(const Experiment& experiment, const RunOptions& options);

// Paths of one run's files.
std::string run_file_name(const std::string& dir, const std::string& arm, int replicate);  // DIR/<arm>_r<k>.h5
std::string output_path(const std::string& dir, const RunSpec& run);                       // DIR/<name>.h5
std::string checkpoint_path(const std::string& dir, const RunSpec& run);                   // DIR/<name>.ckpt.h5
std::string failure_path(const std::string& dir, const RunSpec& run);                      // DIR/<name>.failed

}  // namespace marrow
