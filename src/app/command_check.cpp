// `marrow check`: validate a config and print every resolved setting with its unit, origin, default
// and source, one block per arm; with --runs DIR, check instead that DIR holds the runs of this config;
// with --resolved, print each run's resolved config (what --runs compares).
#include <iomanip>
#include <sstream>

#include "commands.hpp"
#include "io/checkpoint/run_files.hpp"
#include "marrow/config.hpp"
#include "marrow/runner.hpp"
#include "marrow/settings.hpp"

namespace marrow::app {

namespace {
// Exit 0 when every run of the experiment is in `dir`, finished, with the same resolved config and seed.
int check_runs(const Experiment& e, const std::string& dir, std::ostream& out) {
  const std::vector<RunSpec> runs = experiment_runs(e);
  const std::vector<std::string> problems = compare_with_runs(runs, dir);
  for (const std::string& p : problems) out << p << "\n";
  out << dir << ": " << runs.size() - problems.size() << " of " << runs.size() << " runs of " << e.name
      << " match this config" << (problems.empty() ? "" : " (the runs that do not are listed above)") << "\n";
  return problems.empty() ? 0 : 1;
}

// One block per run, "--- run <name> seed <seed>" then its resolved config without the labels: the text
// `--runs` compares with a kept run. scripts/validate hashes it per arm, so that a record made with
// candidate values can later be shown to be the runs of the scenario as changed to adopt them.
int print_resolved(const Experiment& e, std::ostream& out) {
  for (const RunSpec& run : experiment_runs(e))
    out << "--- run " << run.name << " seed " << run.seed << "\n"
        << ckpt::config_without(run.config.to_yaml(), {"name", "description"});
  return 0;
}
}  // namespace

int command_check(const CheckArgs& args, std::ostream& out) {
  const Experiment e = load_experiment(args.config, args.overrides);
  if (!args.runs_dir.empty() && args.resolved) throw UsageError("check: give --runs or --resolved, not both");
  if (!args.runs_dir.empty()) return check_runs(e, args.runs_dir, out);
  if (args.resolved) return print_resolved(e, out);
  out << "experiment: " << e.name << "\nseed: " << e.seed << "\nreplicates: " << e.replicates << "\narms:";
  for (const Arm& arm : e.arms) out << " " << arm.name;
  out << "\n";
  const auto& specs = SettingRegistry::global().all();
  for (const Arm& arm : e.arms) {
    out << "\n# arm " << arm.name << "\n";
    out << std::left << std::setw(54) << "key" << std::setw(14) << "value" << std::setw(12) << "unit"
        << std::setw(14) << "default" << std::setw(30) << "origin" << "source\n";
    for (const auto& [key, v] : arm.config.values()) {
      const auto it = specs.find(key);
      std::string value = v.text;
      if (it != specs.end() && it->second.kind != SettingKind::Choice && it->second.kind != SettingKind::Text) {
        std::ostringstream s;
        s << std::setprecision(6) << v.number;
        value = s.str();
        if (it->second.kind == SettingKind::Boolean) value = v.number != 0 ? "true" : "false";
      }
      std::string def;
      if (it != specs.end()) {
        const SettingSpec& s = it->second;
        std::ostringstream d;
        d << std::setprecision(6);
        if (s.kind == SettingKind::Choice || s.kind == SettingKind::Text) d << s.default_text;
        else {
          const double dv = arm.config.text("species") == "human" ? s.default_human : s.default_mouse;
          if (s.kind == SettingKind::Boolean) d << (dv != 0 ? "true" : "false");
          else d << dv;
        }
        def = d.str();
      }
      if (value.size() > 13) value = value.substr(0, 10) + "...";
      out << std::setw(54) << key << std::setw(14) << value << std::setw(12)
          << (it != specs.end() ? it->second.unit : "") << std::setw(14) << def << std::setw(30) << v.origin
          << (it != specs.end() ? it->second.source : "") << "\n";
    }
  }
  out << "\nconfig is valid\n";
  return 0;
}

}  // namespace marrow::app
