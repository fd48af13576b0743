// The marrow command line: run, sweep, check, info, params. Exit codes follow the usual HPC conventions:
// 0 done, 1 runtime error (or some runs of a sweep failed), 2 config error, 64 usage, 74 I/O error,
// 75 stopped by a signal after writing a checkpoint (README, docs/hpc.md).
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>

#include "commands.hpp"
#include "marrow/config.hpp"
#include "marrow/output.hpp"

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("marrow"));
  spdlog::set_pattern("[%Y-%m-%d %H:%M:%S] [%l] %v");
  CLI::App app{"Marrow: agent-based simulator of the bone-marrow microenvironment"};
  app.require_subcommand(1);
  marrow::app::RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "run every arm x replicate of an experiment");
  run_cmd->add_option("config", run.config, "experiment YAML")->required();
  run_cmd->add_option("-o,--out", run.out_dir, "output folder (default results/<name>)");
  run_cmd->add_option("--threads", run.threads, "threads (default: all cores)")->check(CLI::NonNegativeNumber);
  run_cmd->add_option("--seed", run.seed, "base seed (overrides the config's seed)");
  run_cmd->add_option("--set", run.overrides, "KEY=VALUE override, e.g. duration=20d (repeatable)");
  run_cmd->add_option("--checkpoint-every", run.checkpoint_every,
                      "write DIR/<arm>_r<k>.ckpt.h5 this often in simulated time, e.g. 7d (docs/hpc.md)");
  run_cmd->add_flag("--resume", run.resume, "continue the unfinished runs in DIR from their checkpoints");
  run_cmd->add_option("--from", run.from, "start every run from this checkpoint's state (branching)");
  run_cmd->add_flag("--keep-checkpoint", run.keep_checkpoint,
                    "also checkpoint the final state and keep it (to branch from it with --from)");
  marrow::app::SweepArgs sweep;
  auto* sweep_cmd = app.add_subcommand("sweep", "run a sweep: arms x points x replicates (docs/hpc.md)");
  sweep_cmd->add_option("sweep", sweep.file, "sweep YAML")->required();
  sweep_cmd->add_option("-o,--out", sweep.out_dir, "output folder (default results/<name>)");
  sweep_cmd->add_flag("--list", sweep.list, "print the runs (index, parameters) and write DIR/runs.csv");
  sweep_cmd->add_option("--index", sweep.index, "run only this run (default: SLURM_ARRAY_TASK_ID when set)");
  sweep_cmd->add_flag("--collect", sweep.collect, "write DIR/summary.csv from the finished runs and exit");
  sweep_cmd->add_flag("--force", sweep.force, "rerun finished runs and replace a different sweep's runs.csv");
  sweep_cmd->add_option("--threads", sweep.threads, "threads per run (default: SLURM_CPUS_PER_TASK, else all cores)")
      ->check(CLI::NonNegativeNumber);
  sweep_cmd->add_option("--seed", sweep.seed, "base seed (overrides the config's seed)");
  sweep_cmd->add_option("--set", sweep.overrides, "KEY=VALUE override applied before each point's (repeatable)");
  sweep_cmd->add_option("--checkpoint-every", sweep.checkpoint_every, "checkpoint interval, e.g. 7d");
  marrow::app::CheckArgs check;
  auto* check_cmd = app.add_subcommand("check", "validate a config and print the resolved parameters");
  check_cmd->add_option("config", check.config, "experiment YAML")->required();
  check_cmd->add_option("--set", check.overrides, "KEY=VALUE override (repeatable)");
  check_cmd->add_option("--runs", check.runs_dir,
                        "instead: check that DIR holds every run of this config (with these --set), finished, "
                        "with the same resolved config and seed; exit 1 naming each run that does not");
  check_cmd->add_flag("--resolved", check.resolved,
                      "instead: print every run's name, seed and resolved config (the labels name and description "
                      "left out), what --runs compares: a fingerprint of the runs this config asks for");
  auto* params_cmd = app.add_subcommand("params", "list every parameter as a Markdown table (docs/model.md)");
  std::string info_file;
  auto* info_cmd = app.add_subcommand("info", "summarise an output file");
  info_cmd->add_option("file", info_file, "a run's .h5 file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? 0 : 64;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 64;
  }
  try {
    if (*run_cmd) return marrow::app::command_run(run, isatty(STDERR_FILENO));
    if (*sweep_cmd) return marrow::app::command_sweep(sweep, isatty(STDERR_FILENO), std::cout);
    if (*check_cmd) return marrow::app::command_check(check, std::cout);
    if (*params_cmd) return marrow::app::command_params(std::cout);
    if (*info_cmd) return marrow::print_info(info_file, std::cout);
  } catch (const marrow::app::UsageError& e) {
    std::cerr << e.what() << "\n";
    return 64;
  } catch (const marrow::ConfigError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const marrow::OutputError& e) {
    spdlog::error("{}", e.what());
    return 74;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 64;
}
