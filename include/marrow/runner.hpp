#pragma once
// Runs an experiment: every arm x replicate, one output file each, plus DIR/summary.csv.
#include <cstdint>
#include <string>

#include "marrow/config.hpp"

namespace marrow {

struct RunOptions {
  std::string out_dir;
  int threads = 0;  // 0 = all cores (oneTBB default)
  bool progress_on_terminal = true;
};

// Returns the number of runs that failed (0 = all fine). Throws OutputError for I/O failures.
int run_experiment(const Experiment& experiment, const RunOptions& options);

// Path of one run's output file: DIR/<arm>_r<k>.h5
std::string run_file_name(const std::string& dir, const std::string& arm, int replicate);

}  // namespace marrow
