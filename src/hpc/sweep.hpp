#pragma once
// Sweeps (docs/hpc.md): an experiment plus a `sweep:` block that lists parameters with values (grid:
// every combination; zip: lists varied together), ranges sampled by Latin hypercube or Sobol, and
// replicates. The runs are arms x sweep points x replicates, numbered in that order (the replicate
// fastest): index = (arm * points + point) * replicates + replicate. A point is applied as --set
// overrides (after the command line's), to every arm.
//
// Seeds: by default a run's seed is replicate_seed(base seed, replicate), as in `marrow run`, so every
// arm and sweep point of replicate k shares its random numbers (common random numbers: differences
// between points are not drowned in sampling noise). `seeds: independent` derives it from the run
// index instead: replicate_seed(base seed, index).
#include <string>
#include <utility>
#include <vector>

#include "marrow/config.hpp"
#include "marrow/runner.hpp"

namespace marrow::hpc {

struct Sweep {
  std::string file;               // the sweep file, as given
  std::string experiment_file;    // the experiment it varies (the sweep file itself for an inline block)
  std::string experiment_text;    // that experiment's YAML (an inline sweep block blanked, lines kept)
  std::vector<std::string> keys;  // the swept settings, in column order: grid, zip, then sampled keys
  // Each point: one override text per key, in the order of `keys` ("30 pM", "0.25", ...).
  std::vector<std::vector<std::string>> points;
  int replicates = 0;  // 0 = the experiment's
  bool independent_seeds = false;
};

// Reads a sweep file: either `experiment: PATH` (relative to the sweep file) plus `sweep:`, or an
// experiment file with a top-level `sweep:` block. Throws ConfigError (file:line:col).
Sweep load_sweep(const std::string& path);

struct SweepRuns {
  std::string experiment;  // its name
  int arms = 0, points = 0, replicates = 0;
  std::vector<RunSpec> runs;  // in index order
};

// Resolves every point (a point whose values are invalid is a ConfigError naming it) and numbers the runs.
SweepRuns enumerate_runs(const Sweep& sweep, const Overrides& overrides = {});

// The run table: index,name,arm,point,replicate,seed,<keys...> (DIR/runs.csv, `--list`).
std::string runs_table(const Sweep& sweep, const SweepRuns& runs);

}  // namespace marrow::hpc
