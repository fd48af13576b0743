#pragma once
// What a batch needs to know about the files of one run in its output folder: whether the run is
// finished, the configuration it was run with, and its last time-series row (for summary.csv).
#include <set>
#include <string>

#include "marrow/output.hpp"

namespace marrow::ckpt {

// True when `h5_path` exists and its root attribute complete is 1 (a finished run).
bool is_finished_output(const std::string& h5_path);

// A root string attribute of a run file ("" when absent). Throws OutputError for an unreadable file.
std::string output_attribute(const std::string& h5_path, const std::string& name);

// The last row of /timeseries: every dataset below it, in name order ("bone/volume", "counts/..."),
// except time and tick, which fill time_days and tick. Throws OutputError.
TimeseriesRow read_final_row(const std::string& h5_path);

// The resolved config YAML without the top-level lines of `keys` (scalar keys: `duration`, `name`, ...).
std::string config_without(const std::string& config_yaml, const std::set<std::string>& keys);
// Without its `duration` line: what must be equal for a run to be continued from a checkpoint, or to
// count as the same run (docs/hpc.md).
std::string config_without_duration(const std::string& config_yaml);
// "" when the two configs are equal apart from the top-level keys `ignored`, else "key: before -> now;
// ..." (at most five keys named). `marrow check --runs` ignores the labels `name` and `description`.
std::string describe_config_difference(const std::string& before, const std::string& now,
                                       const std::set<std::string>& ignored);
// describe_config_difference with `duration` ignored: what resuming a run may change.
std::string describe_config_change(const std::string& before, const std::string& now);

}  // namespace marrow::ckpt
