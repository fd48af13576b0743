// Whether the finished runs kept in a folder are the runs an experiment asks for: each run's stored
// resolved config and seed against the experiment's as resolved now (`marrow check --runs`). A report
// re-checked from kept runs (scripts/validate --reuse) must not present runs of another parameter value,
// scenario file or quick setting as the scenario's.
#include <filesystem>
#include <sstream>

#include "io/checkpoint/run_files.hpp"
#include "marrow/runner.hpp"

namespace marrow {

namespace {
// The resolved YAML without its top-level `name` and `description`: labels, not what a run computes, so a
// sweep's runs of a scenario (named after the sweep) count as the scenario's when their values match.
std::string without_labels(const std::string& yaml) {
  std::istringstream in(yaml);
  std::string out;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("name:", 0) != 0 && line.rfind("description:", 0) != 0) out += line + "\n";
  return out;
}
}  // namespace

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
          ckpt::describe_config_difference(without_labels(ckpt::output_attribute(path, "config")),
                                           without_labels(run.config.to_yaml()));
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
