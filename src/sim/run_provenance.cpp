// Whether the finished runs kept in a folder are the runs an experiment asks for: each run's stored
// resolved config and seed against the experiment's as resolved now (`marrow check --runs`). A report
// re-checked from kept runs (scripts/validate --reuse) must not present runs of another parameter value,
// scenario file or quick setting as the scenario's.
#include <filesystem>

#include "io/checkpoint/run_files.hpp"
#include "marrow/runner.hpp"

namespace marrow {

std::vector<std::string> compare_with_runs(const std::vector<RunSpec>& runs, const std::string& dir) {
  std::vector<std::string> problems;
  for (const RunSpec& run : runs) {
    const std::string path = output_path(dir, run);
    if (!std::filesystem::exists(path)) {
      problems.push_back(run.name + ": missing (" + path + ")");
      continue;
    }
    try {
      if (!ckpt::is_finished_output(path)) {
        problems.push_back(run.name + ": unfinished or unreadable (" + path + ")");
        continue;
      }
      std::string why;
      const std::string diff =
          ckpt::describe_config_difference(ckpt::output_attribute(path, "config"), run.config.to_yaml(),
                                           {"name", "description"});  // labels, not what a run computes
      if (!diff.empty()) why = "made with another config (run -> now: " + diff + ")";
      const std::string seed = ckpt::output_attribute(path, "seed");
      if (seed != std::to_string(run.seed))
        why += std::string(why.empty() ? "" : "; ") + "made with seed " + (seed.empty() ? "(none)" : seed) +
               ", now " + std::to_string(run.seed);
      if (!why.empty()) problems.push_back(run.name + ": " + why);
    } catch (const OutputError& e) {
      problems.push_back(run.name + ": " + e.what());
    }
  }
  return problems;
}

}  // namespace marrow
