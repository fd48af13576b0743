// Runs every arm x replicate of an experiment into its own HDF5 file and writes summary.csv.
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
#include <sstream>

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
    if (name.rfind("counts/", 0) == 0) unit = "cells";
    else if (name == "bone/volume" || name == "bone/resorbed" || name == "bone/formed") unit = "um^3";
    else if (name == "bone/surface_voxels") unit = "voxels";
    else if (name.rfind("fields/", 0) == 0) unit = "pM";
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

struct RunSummary {
  std::string arm;
  int replicate;
  std::uint64_t seed;
  TimeseriesRow last;
};

RunSummary run_one(const Experiment& e, const Arm& arm, int replicate, const RunOptions& opt) {
  const std::uint64_t seed = replicate_seed(e.seed, replicate);
  Simulation sim(arm.config, seed);
  RunMetadata meta;
  meta.marrow_version = kVersion;
  meta.git_revision = kGitRevision;
  meta.experiment = e.name;
  meta.arm = arm.name;
  meta.replicate = replicate;
  meta.seed = seed;
  meta.base_seed = e.seed;
  meta.threads = opt.threads;
  meta.start_time = iso_now();
  meta.config_yaml = arm.config.to_yaml();
  meta.tick_hours = sim.state().tick_hours;
  TimeseriesRow row = sim.timeseries_row();
  meta.units = dataset_units(row);
  RunWriter writer(run_file_name(opt.out_dir, arm.name, replicate), meta);
  writer.append(row);
  writer.write_snapshot(sim.snapshot());
  const std::int64_t ticks = sim.total_ticks();
  const std::int64_t snap_every =
      std::max<std::int64_t>(1, std::llround(arm.config.number("output.snapshot_every") * 24.0 / sim.state().tick_hours));
  const std::int64_t log_every = arm.config.integer("output.log_every");
  const auto t0 = std::chrono::steady_clock::now();
  for (std::int64_t k = 1; k <= ticks; ++k) {
    sim.step();
    row = sim.timeseries_row();
    writer.append(row);
    for (const PitEvent& ev : sim.take_pit_events()) writer.add_pit_event(ev);
    if (k % snap_every == 0 || k == ticks) writer.write_snapshot(sim.snapshot());
    const bool log_now = opt.progress_on_terminal ? (k % 24 == 0 || k == ticks) : (k % log_every == 0 || k == ticks);
    if (log_now) {
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const double rate = k / std::max(wall, 1e-9), eta = (ticks - k) / rate;
      double bv = 0, oc = 0;
      for (const auto& [name, v] : row.values) {
        if (name == "bone/volume_change") bv = v;
        if (name == "counts/osteoclast") oc = v;
      }
      if (opt.progress_on_terminal)
        std::fprintf(stderr, "\r%s r%d  day %.1f/%.1f  %.0f ticks/s  ETA %.0f s  bone %+.2f%%  OCs %.0f   ",
                     arm.name.c_str(), replicate, row.time_days, ticks * sim.state().tick_hours / 24.0, rate, eta,
                     100 * bv, oc);
      else
        spdlog::info("{} r{} tick {}/{} day {:.1f} wall {:.1f} s rate {:.1f} ticks/s ETA {:.0f} s bone {:+.2f}% OCs {}",
                     arm.name, replicate, k, ticks, row.time_days, wall, rate, eta, 100 * bv, oc);
    }
  }
  if (opt.progress_on_terminal) std::fprintf(stderr, "\n");
  const auto& pt = sim.phase_times();
  const double per = 1e3 / std::max<std::int64_t>(1, pt.ticks);
  spdlog::info("{} r{}: ms per tick: host {:.3f} decide {:.3f} resolve {:.3f} exchange {:.3f} bone {:.3f}; "
               "solver iterations per tick {:.1f}",
               arm.name, replicate, pt.host * per, pt.decide * per, pt.resolve * per, pt.exchange * per,
               pt.bone * per, double(pt.solver_iterations) / std::max<std::int64_t>(1, pt.ticks));
  writer.finish();
  return {arm.name, replicate, seed, row};
}

void write_summary(const std::string& dir, const std::vector<RunSummary>& runs) {
  const std::string path = dir + "/summary.csv", tmp = path + ".partial";
  std::ofstream out(tmp);
  if (!out) throw OutputError("cannot write " + tmp);
  out << "arm,replicate,seed,time_days";
  if (!runs.empty())
    for (const auto& [name, v] : runs.front().last.values) out << "," << name;
  out << "\n" << std::setprecision(10);
  for (const auto& r : runs) {
    out << r.arm << "," << r.replicate << "," << r.seed << "," << r.last.time_days;
    for (const auto& [name, v] : r.last.values) out << "," << v;
    out << "\n";
  }
  out.close();
  if (!out) throw OutputError("error writing " + tmp + " (disk full?)");
  std::filesystem::rename(tmp, path);
}

}  // namespace

std::string run_file_name(const std::string& dir, const std::string& arm, int replicate) {
  return dir + "/" + arm + "_r" + std::to_string(replicate) + ".h5";
}

int run_experiment(const Experiment& e, const RunOptions& opt) {
  std::error_code ec;
  std::filesystem::create_directories(opt.out_dir, ec);
  if (ec) throw OutputError("cannot create output folder " + opt.out_dir + ": " + ec.message());
  std::unique_ptr<tbb::global_control> limit;
  if (opt.threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, opt.threads);
  std::vector<RunSummary> runs;
  for (int k = 0; k < e.replicates; ++k)
    for (const Arm& arm : e.arms) {
      spdlog::info("run {} replicate {} -> {}", arm.name, k, run_file_name(opt.out_dir, arm.name, k));
      runs.push_back(run_one(e, arm, k, opt));
    }
  write_summary(opt.out_dir, runs);
  spdlog::info("wrote {} runs and {}/summary.csv", runs.size(), opt.out_dir);
  return 0;
}

}  // namespace marrow
