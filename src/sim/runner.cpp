// Runs every arm x replicate of an experiment (or the runs of a sweep) into its own HDF5 file, with
// checkpoints, resume, branching and walltime stops (docs/hpc.md), and writes summary.csv.
// Replicate k has the same seed in every arm (common random numbers).
#include "marrow/runner.hpp"

#include <spdlog/spdlog.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <memory>
#include <set>
#include <sstream>

#include "io/checkpoint/checkpoint.hpp"
#include "io/checkpoint/durable_file.hpp"
#include "io/checkpoint/fault_injection.hpp"
#include "io/checkpoint/run_files.hpp"
#include "marrow/rng.hpp"
#include "marrow/settings.hpp"
#include "marrow/simulation.hpp"
#include "marrow/version.hpp"

namespace marrow {
namespace {

const SettingRegistrar kSettings{
    quantity("output.snapshot_every", "day", 30, 0.001, 1e6, "assumed", "interval between snapshots"),
    integer("output.log_every", 168, 1, 1000000, "assumed", "ticks between log lines in batch mode"),
};

std::string iso_now() {
  const std::time_t t = std::time(nullptr);
  std::ostringstream s;
  s << std::put_time(std::gmtime(&t), "%Y-%m-%dT%H:%M:%SZ");
  return s.str();
}

std::map<std::string, std::string> dataset_units(const TimeseriesRow& row) {
  std::map<std::string, std::string> u{{"timeseries/time", "day"}, {"timeseries/tick", "1"}};
  for (const auto& [name, value] : row.values) {
    std::string unit = "1";
    if (name.rfind("counts/", 0) == 0)
      unit = "cells";
    else if (name == "bone/volume" || name == "bone/resorbed" || name == "bone/formed")
      unit = "um^3";
    else if (name == "bone/surface_voxels")
      unit = "voxels";
    else if (name.rfind("fields/", 0) == 0)
      unit = "pM";
    else if (name.rfind("deaths/", 0) == 0)
      unit = "cells/tick";
    else if (name.rfind("secretion/", 0) == 0)
      unit = "zmol/h per cell";
    else if (name == "bone/resorption_rate" || name == "bone/formation_rate")
      unit = "um^3/day";
    else if (name == "bone/pit_area")
      unit = "um^2";
    u["timeseries/" + name] = unit;
  }
  u["snapshots/*/bone"] = "1 (mineral fraction)";
  u["snapshots/*/pits"] = "1 (cumulative resorbed fraction)";
  u["snapshots/*/formed"] = "1 (cumulative formed fraction)";
  u["snapshots/*/fields/*"] = "pM";
  u["snapshots/*/agents/x"] = "voxel";
  u["snapshots/*/agents/secretion_*"] = "zmol/h";
  u["snapshots/*/agents/clearance_*"] = "um^3/s";
  u["pits/events/volume_um3"] = "um^3";
  u["pits/events/max_depth_um"] = "um";
  return u;
}

bool exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

std::int64_t ticks_of(double days, double tick_hours) {
  return std::max<std::int64_t>(1, std::llround(days * 24.0 / tick_hours));
}

// The checkpoint must belong to this run and continue its random streams: same run, seed, scheme and
// config (duration aside).
void check_same_run(const ckpt::Info& info, const RunSpec& run, const std::string& path) {
  auto refuse = [&](const std::string& why) {
    throw ConfigError(path, 0, 0,
                      "cannot resume: " + why +
                          ". Resume with the config and seed of the interrupted run (only `duration` may change), "
                          "or start again without --resume in another folder");
  };
  if (info.rng_scheme != ckpt::kRngScheme)
    refuse("it uses the random-number scheme '" + info.rng_scheme + "', this marrow uses '" + ckpt::kRngScheme + "'");
  if (info.run_name != run.name) refuse("it belongs to run '" + info.run_name + "', not '" + run.name + "'");
  if (info.seed != run.seed) refuse("its seed is " + std::to_string(info.seed) + ", now " + std::to_string(run.seed));
  const std::string change = ckpt::describe_config_change(info.config_yaml, run.config.to_yaml());
  if (!change.empty()) refuse("the config differs from the checkpoint's (" + change + ")");
}

RunMetadata metadata(const RunSpec& run, const RunOptions& opt, double tick_hours) {
  RunMetadata meta;
  meta.marrow_version = kVersion;
  meta.git_revision = kGitRevision;
  meta.experiment = run.experiment;
  meta.arm = run.arm;
  meta.replicate = run.replicate;
  meta.seed = run.seed;
  meta.base_seed = run.base_seed;
  meta.threads = opt.threads;
  meta.start_time = iso_now();
  meta.config_yaml = run.config.to_yaml();
  meta.tick_hours = tick_hours;
  meta.extra_attributes = run.attributes;
  return meta;
}

// A Simulation from a saved state; a state that does not fit the config is a config error.
std::unique_ptr<Simulation> restore(const RunSpec& run, const ckpt::Reader& r) {
  try {
    return std::make_unique<Simulation>(run.config, run.seed, r.state());
  } catch (const std::invalid_argument& e) {
    throw ConfigError(r.path(), 0, 0, std::string("cannot continue from this checkpoint: ") + e.what());
  }
}

void log_progress(const RunSpec& run, const RunOptions& opt, const TimeseriesRow& row, std::int64_t k,
                  std::int64_t first, std::int64_t ticks, double tick_hours, std::chrono::steady_clock::time_point t0) {
  const bool log_now = opt.progress_on_terminal ? (k % 24 == 0 || k == ticks)
                                                : (k % run.config.integer("output.log_every") == 0 || k == ticks);
  if (!log_now) return;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double rate = (k - first) / std::max(wall, 1e-9), eta = (ticks - k) / std::max(rate, 1e-9);
  double bv = 0, oc = 0;
  for (const auto& [name, v] : row.values) {
    if (name == "bone/volume_change") bv = v;
    if (name == "counts/osteoclast") oc = v;
  }
  if (opt.progress_on_terminal)
    std::fprintf(stderr, "\r%s  day %.1f/%.1f  %.0f ticks/s  ETA %.0f s  bone %+.2f%%  OCs %.0f   ", run.name.c_str(),
                 row.time_days, ticks * tick_hours / 24.0, rate, eta, 100 * bv, oc);
  else
    spdlog::info("{} tick {}/{} day {:.1f} wall {:.1f} s rate {:.1f} ticks/s ETA {:.0f} s bone {:+.2f}% OCs {}",
                 run.name, k, ticks, row.time_days, wall, rate, eta, 100 * bv, oc);
}

// One run from its start, its checkpoint (resume) or another run's checkpoint (branch), to its end or
// to a stop request.
RunStatus run_one(const RunSpec& run, const RunOptions& opt) {
  const std::string out = output_path(opt.out_dir, run), ckpt_path = checkpoint_path(opt.out_dir, run);
  fault::current_run() = run.name;
  durable::remove(ckpt_path + ".tmp");  // left by a write that was killed
  if (opt.resume && ckpt::is_finished_output(out)) {
    // A checkpoint from before the end (killed between finishing and removing it) is of no use; one of the
    // final state (--keep-checkpoint) is what --from takes, and stays.
    try {
      if (exists(ckpt_path) && ckpt::Reader(ckpt_path).info().tick < ckpt::read_final_row(out).tick)
        ckpt::remove_checkpoint(ckpt_path);
    } catch (const OutputError&) {  // unreadable: leave it alone too
    }
    return RunStatus::Skipped;
  }
  durable::remove(failure_path(opt.out_dir, run));

  std::unique_ptr<Simulation> sim;
  std::unique_ptr<RunWriter> writer;
  ckpt::Info info;
  info.run_name = run.name;
  info.experiment = run.experiment;
  info.arm = run.arm;
  info.replicate = run.replicate;
  info.seed = run.seed;
  info.base_seed = run.base_seed;
  info.config_yaml = run.config.to_yaml();
  info.marrow_version = kVersion;
  info.git_revision = kGitRevision;
  std::int64_t last_snapshot = -1;

  if (opt.resume && exists(ckpt_path)) {
    const ckpt::Reader r(ckpt_path);
    check_same_run(r.info(), run, ckpt_path);
    sim = restore(run, r);
    if (sim->state().tick > sim->total_ticks())
      throw ConfigError(ckpt_path, 0, 0,
                        "cannot resume: the checkpoint is at day " + std::to_string(sim->state().time_days()) +
                            ", beyond the config's duration");
    info.origin = r.info().origin;
    info.start_time = r.info().start_time;
    RunMetadata meta = metadata(run, opt, sim->state().tick_hours);
    meta.units = dataset_units(sim->timeseries_row());
    meta.start_time = info.start_time;
    meta.extra_attributes.insert(meta.extra_attributes.end(), info.origin.begin(), info.origin.end());
    writer = std::make_unique<RunWriter>(out, meta);
    ckpt::replay_output(r, *writer, sim->timeseries_row(), sim->snapshot());
    const auto snaps = r.snapshot_ticks();
    last_snapshot = snaps.empty() ? -1 : snaps.back();
    spdlog::info("{}: resumed at day {:.2f} from {}", run.name, sim->state().time_days(), ckpt_path);
  } else {
    ckpt::remove_checkpoint(ckpt_path);  // a fresh start: an old checkpoint must not be resumed later
    if (!opt.branch_from.empty()) {
      const ckpt::Reader r(opt.branch_from);
      if (r.info().rng_scheme != ckpt::kRngScheme)
        throw ConfigError(opt.branch_from, 0, 0, "cannot branch: random-number scheme '" + r.info().rng_scheme + "'");
      sim = restore(run, r);
      if (sim->state().tick >= sim->total_ticks())
        throw ConfigError(opt.branch_from, 0, 0,
                          "cannot branch: the checkpoint is at day " + std::to_string(sim->state().time_days()) +
                              "; `duration` (the end time, counted from the start of the run that wrote it) must be "
                              "later");
      info.origin = {{"branched_from", opt.branch_from},
                     {"branched_from_run", r.info().run_name},
                     {"branched_from_experiment", r.info().experiment},
                     {"branched_from_tick", std::to_string(r.info().tick)},
                     {"branched_from_seed", std::to_string(r.info().seed)}};
    } else {
      sim = std::make_unique<Simulation>(run.config, run.seed);
    }
    RunMetadata meta = metadata(run, opt, sim->state().tick_hours);
    meta.extra_attributes.insert(meta.extra_attributes.end(), info.origin.begin(), info.origin.end());
    const TimeseriesRow row = sim->timeseries_row();
    meta.units = dataset_units(row);
    info.start_time = meta.start_time;
    writer = std::make_unique<RunWriter>(out, meta);
    writer->append(row);
    writer->write_snapshot_async(sim->snapshot());
    last_snapshot = sim->state().tick;
  }

  const double tick_hours = sim->state().tick_hours;
  const std::int64_t first = sim->state().tick, ticks = sim->total_ticks();
  const std::int64_t snap_every = ticks_of(run.config.number("output.snapshot_every"), tick_hours);
  const std::int64_t ckpt_every = opt.checkpoint_every_days > 0 ? ticks_of(opt.checkpoint_every_days, tick_hours) : 0;
  auto checkpoint = [&](std::int64_t k) {
    info.tick = k;
    info.tick_hours = tick_hours;
    const auto c0 = std::chrono::steady_clock::now();
    ckpt::write_checkpoint(ckpt_path, *writer, info, sim->state());
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(ckpt_path, ec);
    spdlog::info("{}: checkpoint at day {:.2f} ({:.1f} MB, {:.2f} s)", run.name, sim->state().time_days(),
                 ec ? 0.0 : double(bytes) / 1e6,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count());
  };
  const auto t0 = std::chrono::steady_clock::now();
  for (std::int64_t k = first + 1; k <= ticks; ++k) {
    sim->step();
    fault::point("tick", k);
    const TimeseriesRow row = sim->timeseries_row();
    writer->append(row);
    for (const PitEvent& ev : sim->take_pit_events()) writer->add_pit_event(ev);
    if (k % snap_every == 0 || k == ticks) {
      writer->write_snapshot_async(sim->snapshot());
      last_snapshot = k;
    }
    log_progress(run, opt, row, k, first, ticks, tick_hours, t0);
    const bool stop = opt.stop_requested && opt.stop_requested();
    if (k < ticks && (stop || (ckpt_every > 0 && k % ckpt_every == 0))) checkpoint(k);
    if (stop && k < ticks) {
      if (opt.progress_on_terminal) std::fprintf(stderr, "\n");
      spdlog::warn("{}: stopped at day {:.2f}; checkpoint {} (continue with --resume)", run.name,
                   sim->state().time_days(), ckpt_path);
      writer->sync();
      return RunStatus::Interrupted;
    }
  }
  if (opt.progress_on_terminal && ticks > first) std::fprintf(stderr, "\n");
  if (last_snapshot != ticks) writer->write_snapshot_async(sim->snapshot());  // resumed exactly at a new end
  if (opt.keep_checkpoint) checkpoint(ticks);
  const auto& pt = sim->phase_times();
  const double per = 1e3 / std::max<std::int64_t>(1, pt.ticks);
  spdlog::info(
      "{}: ms per tick: host {:.3f} decide {:.3f} resolve {:.3f} exchange {:.3f} diffusion {:.3f} bone {:.3f}; "
      "solver iterations per tick {:.1f}",
      run.name, pt.host * per, pt.decide * per, pt.resolve * per, pt.exchange * per, pt.diffusion * per, pt.bone * per,
      double(pt.solver_iterations) / std::max<std::int64_t>(1, pt.ticks));
  writer->finish();
  fault::point("finish", ticks);
  if (!opt.keep_checkpoint) ckpt::remove_checkpoint(ckpt_path);
  return RunStatus::Finished;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string run_file_name(const std::string& dir, const std::string& arm, int replicate) {
  return dir + "/" + arm + "_r" + std::to_string(replicate) + ".h5";
}
std::string output_path(const std::string& dir, const RunSpec& run) { return dir + "/" + run.name + ".h5"; }
std::string checkpoint_path(const std::string& dir, const RunSpec& run) { return dir + "/" + run.name + ".ckpt.h5"; }
std::string failure_path(const std::string& dir, const RunSpec& run) { return dir + "/" + run.name + ".failed"; }

std::vector<RunSpec> experiment_runs(const Experiment& e) {
  std::vector<RunSpec> runs;
  for (int k = 0; k < e.replicates; ++k)
    for (const Arm& arm : e.arms) {
      RunSpec r;
      r.name = arm.name + "_r" + std::to_string(k);
      r.experiment = e.name;
      r.arm = arm.name;
      r.replicate = k;
      r.seed = replicate_seed(e.seed, k);
      r.base_seed = e.seed;
      r.config = arm.config;
      runs.push_back(std::move(r));
    }
  return runs;
}

void check_resumable(const std::vector<RunSpec>& runs, const RunOptions& opt) {
  if (!opt.resume) return;
  for (const RunSpec& run : runs) {
    const std::string out = output_path(opt.out_dir, run), ck = checkpoint_path(opt.out_dir, run);
    if (ckpt::is_finished_output(out)) {
      const std::string change =
          ckpt::describe_config_change(ckpt::output_attribute(out, "config"), run.config.to_yaml());
      if (!change.empty())
        throw ConfigError(out, 0, 0,
                          "cannot resume: this finished run was made with another config (" + change +
                              "); only `duration` may change on resume");
    } else if (exists(ck)) {
      check_same_run(ckpt::Reader(ck).info(), run, ck);
    }
  }
}

BatchResult run_batch(const std::vector<RunSpec>& runs, const RunOptions& opt) {
  std::error_code ec;
  std::filesystem::create_directories(opt.out_dir, ec);
  if (ec) throw OutputError("cannot create output folder " + opt.out_dir + ": " + ec.message());
  if (!opt.branch_from.empty()) {
    for (const RunSpec& run : runs)
      if (std::filesystem::equivalent(opt.branch_from, checkpoint_path(opt.out_dir, run), ec))
        throw ConfigError(opt.branch_from, 0, 0,
                          "--from names a checkpoint of this very run; write the new runs "
                          "to another folder (-o)");
  }
  std::unique_ptr<tbb::global_control> limit;
  if (opt.threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, opt.threads);
  BatchResult result;
  for (const RunSpec& run : runs) {
    if (opt.stop_requested && opt.stop_requested()) {
      result.interrupted = true;
      break;
    }
    spdlog::info("run {} -> {}", run.name, output_path(opt.out_dir, run));
    RunStatus status;
    try {
      status = run_one(run, opt);
    } catch (const ConfigError&) {
      throw;
    } catch (const std::exception& e) {
      if (!opt.keep_going) throw;
      spdlog::error("{} failed: {}", run.name, e.what());
      try {
        durable::write_text(failure_path(opt.out_dir, run), std::string(e.what()) + "\n");
      } catch (const std::exception& again) {
        spdlog::error("{}", again.what());
      }
      result.failures.emplace_back(run.name, e.what());
      status = RunStatus::Failed;
    }
    fault::current_run().clear();
    switch (status) {
      case RunStatus::Finished:
        ++result.finished;
        break;
      case RunStatus::Skipped:
        ++result.skipped;
        spdlog::info("{}: already finished, left alone", run.name);
        break;
      case RunStatus::Failed:
        ++result.failed;
        break;
      case RunStatus::Interrupted:
        result.interrupted = true;
        break;
    }
    if (result.interrupted) break;
  }
  return result;
}

void write_summary(const std::string& path, const std::vector<RunSpec>& runs, const std::string& dir,
                   bool with_status) {
  struct Line {
    const RunSpec* run;
    std::string status;
    TimeseriesRow last;
  };
  std::vector<Line> lines;
  std::vector<std::string> names;  // union of the value names, each in its first place
  std::set<std::string> seen;
  for (const RunSpec& run : runs) {
    Line l{&run, "finished", {}};
    const std::string out = output_path(dir, run);
    if (ckpt::is_finished_output(out)) {
      l.last = ckpt::read_final_row(out);
      for (const auto& [n, v] : l.last.values)
        if (seen.insert(n).second) names.push_back(n);
    } else if (!with_status) {
      continue;
    } else {
      l.status = exists(failure_path(dir, run)) ? "failed" : "missing";
    }
    lines.push_back(std::move(l));
  }
  std::ostringstream s;
  s << "arm,replicate,seed";
  if (!runs.empty())
    for (const auto& [c, v] : runs.front().columns) s << "," << csv_field(c);
  if (with_status) s << ",status";
  s << ",time_days";
  for (const auto& n : names) s << "," << csv_field(n);
  s << "\n" << std::setprecision(10);
  for (const Line& l : lines) {
    s << csv_field(l.run->arm) << "," << l.run->replicate << "," << l.run->seed;
    for (const auto& [c, v] : l.run->columns) s << "," << csv_field(v);
    if (with_status) s << "," << l.status;
    if (l.status != "finished") {
      s << "," << std::string(names.size(), ',') << "\n";
      continue;
    }
    s << "," << l.last.time_days;
    std::map<std::string, double> values(l.last.values.begin(), l.last.values.end());
    for (const auto& n : names) {
      s << ",";
      if (values.count(n)) s << values[n];
    }
    s << "\n";
  }
  durable::write_text(path, s.str());
}

BatchResult run_experiment_batch(const Experiment& e, const RunOptions& opt) {
  const std::vector<RunSpec> runs = experiment_runs(e);
  check_resumable(runs, opt);
  BatchResult result = run_batch(runs, opt);
  if (!result.interrupted) {
    write_summary(opt.out_dir + "/summary.csv", runs, opt.out_dir, false);
    spdlog::info("{} run(s) finished, {} left alone, {} failed; wrote {}/summary.csv", result.finished, result.skipped,
                 result.failed, opt.out_dir);
  }
  return result;
}

int run_experiment(const Experiment& e, const RunOptions& opt) { return run_experiment_batch(e, opt).failed; }

}  // namespace marrow
