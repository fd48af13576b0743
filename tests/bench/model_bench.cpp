// model_bench: the whole model on a benchmark config (configs/bench/medium.yaml, large.yaml; issue
// "Speed"). Runs the first arm's first replicate as `marrow run` does (tick, time-series row, pit events,
// a snapshot every output.snapshot_every, finish) and prints one table: milliseconds per tick in each
// phase (host, decide, resolve, exchange, diffusion, bone, output), the solver's iterations, the bytes
// its kernels must stream per tick against the bandwidth probe (the floor), and per-field figures.
//   model_bench CONFIG [--threads N] [--days D] [--warmup-days W] [--out FILE.h5] [--set KEY=VALUE]...
// Ticks of the warm-up (default 1 day: the first solves start from the initial fields) are run but not
// counted in the per-tick figures.
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "marrow/fields.hpp"
#include "marrow/runner.hpp"
#include "marrow/simulation.hpp"
#include "marrow/version.hpp"

namespace {

using marrow::bench::now_s;

struct Options {
  std::string config;
  int threads = 0;
  double days = -1, warmup_days = 1;
  std::string out;
  marrow::Overrides overrides;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "model_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--threads") o.threads = std::atoi(value().c_str());
    else if (a == "--days") o.days = std::atof(value().c_str());
    else if (a == "--warmup-days") o.warmup_days = std::atof(value().c_str());
    else if (a == "--out") o.out = value();
    else if (a == "--set") o.overrides.push_back(value());
    else if (o.config.empty() && a[0] != '-') o.config = a;
    else {
      std::fprintf(stderr, "usage: model_bench CONFIG [--threads N] [--days D] [--warmup-days W] [--out FILE.h5] [--set K=V]...\n");
      std::exit(2);
    }
  }
  if (o.config.empty()) {
    std::fprintf(stderr, "model_bench: no config given\n");
    std::exit(2);
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  std::unique_ptr<tbb::global_control> gc;
  if (opt.threads > 0)
    gc = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, opt.threads);
  const int threads = opt.threads > 0 ? opt.threads : tbb::info::default_concurrency();

  marrow::Overrides ov = opt.overrides;
  if (opt.days > 0) ov.push_back("duration=" + std::to_string(opt.days) + " d");
  const marrow::Experiment exp = marrow::load_experiment(opt.config, ov);
  const marrow::RunSpec run = marrow::experiment_runs(exp).front();

  const double t_setup0 = now_s();
  marrow::Simulation sim(run.config, run.seed);
  const double t_setup = now_s() - t_setup0;
  const auto& st = sim.state();
  const std::size_t voxels = st.grid.size();
  const std::size_t agents0 = st.agents.size();

  const std::string out = opt.out.empty()
                              ? (std::filesystem::temp_directory_path() / "marrow_model_bench.h5").string()
                              : opt.out;
  marrow::RunMetadata meta;
  meta.marrow_version = marrow::kVersion;
  meta.git_revision = marrow::kGitRevision;
  meta.experiment = run.experiment;
  meta.arm = run.arm;
  meta.seed = run.seed;
  meta.base_seed = run.base_seed;
  meta.threads = threads;
  meta.config_yaml = run.config.to_yaml();
  meta.tick_hours = st.tick_hours;
  double t_output = 0;
  double t0 = now_s();
  auto writer = std::make_unique<marrow::RunWriter>(out, meta);
  writer->append(sim.timeseries_row());
  writer->write_snapshot(sim.snapshot());  // waits: the time of one snapshot's write
  const double t_first_snapshot = now_s() - t0;

  const std::int64_t ticks = sim.total_ticks();
  const std::int64_t warm = std::min<std::int64_t>(ticks - 1, std::llround(opt.warmup_days * 24 / st.tick_hours));
  const std::int64_t snap_every =  // output.snapshot_every is in days
      std::max<std::int64_t>(1, std::llround(run.config.number("output.snapshot_every") * 24 / st.tick_hours));
  marrow::Simulation::PhaseTimes at_warm;
  double t_loop0 = 0, out_at_warm = 0;
  int snapshots = 0;
  for (std::int64_t k = 1; k <= ticks; ++k) {
    if (k == warm + 1) {
      at_warm = sim.phase_times();
      out_at_warm = t_output;
      t_loop0 = now_s();
      snapshots = 0;
    }
    sim.step();
    t0 = now_s();
    writer->append(sim.timeseries_row());
    for (const auto& ev : sim.take_pit_events()) writer->add_pit_event(ev);
    if (k % snap_every == 0 || k == ticks) {
      writer->write_snapshot_async(sim.snapshot());  // as `marrow run` does
      ++snapshots;
    }
    if (k == ticks) writer->finish();
    t_output += now_s() - t0;
  }
  const double t_loop = now_s() - t_loop0;
  const double peak_mb = marrow::bench::peak_rss_mb();

  // Per-tick figures over the counted ticks.
  const auto& pt = sim.phase_times();
  const double n = double(pt.ticks - at_warm.ticks);
  const double ms = 1e3 / n;
  double diffusion_bytes = 0;
  for (int f = 0; f < marrow::kFieldCount; ++f) diffusion_bytes += double(pt.field_bytes[f] - at_warm.field_bytes[f]);
  diffusion_bytes /= n;
  const double bw_big = marrow::bench::triad_gbs(std::size_t(1) << 26, 3);
  const double diffusion_s = (pt.diffusion - at_warm.diffusion) / n;
  const double floor_s = diffusion_bytes / (bw_big * 1e9);

  marrow::bench::Table t;
  t.add("config", opt.config);
  t.add("threads", threads, "%.0f");
  t.add("voxels", double(voxels), "%.0f");
  t.add("agents at start / end", std::to_string(agents0) + " / " + std::to_string(st.agents.size()));
  t.add("ticks counted (after warm-up ticks)", std::to_string(std::int64_t(n)) + " (" + std::to_string(warm) + ")");
  t.add("setup: grid, cells, first field solve (s)", t_setup, "%.2f");
  t.add("ms per tick: host", (pt.host - at_warm.host) * ms, "%.3f");
  t.add("ms per tick: decide", (pt.decide - at_warm.decide) * ms, "%.3f");
  t.add("ms per tick: resolve", (pt.resolve - at_warm.resolve) * ms, "%.3f");
  t.add("ms per tick: exchange (sources and sinks)", (pt.exchange - at_warm.exchange) * ms, "%.3f");
  t.add("ms per tick: diffusion (field solves)", diffusion_s * 1e3, "%.3f");
  t.add("ms per tick: bone", (pt.bone - at_warm.bone) * ms, "%.3f");
  t.add("ms per tick: output (rows, events, " + std::to_string(snapshots) + " snapshots, finish)",
        (t_output - out_at_warm) * ms, "%.3f");
  t.add("ms per tick: whole loop", t_loop * ms, "%.3f");
  t.add("simulated year at this rate (min)", t_loop / n * (365.0 * 24 / st.tick_hours) / 60, "%.1f");
  t.add("one snapshot written while the caller waits (s)", t_first_snapshot, "%.3f");
  t.add("output share of the loop, caller blocked (%)", 100 * (t_output - out_at_warm) / t_loop, "%.2f");
  t.add("solver iterations per tick", double(pt.solver_iterations - at_warm.solver_iterations) / n, "%.1f");
  t.add("diffusion bytes per tick (MB, kernels' floor)", diffusion_bytes / 1e6, "%.0f");
  t.add("triad bandwidth, large arrays (GB/s)", bw_big, "%.2f");
  t.add("diffusion floor at that bandwidth (ms per tick)", floor_s * 1e3, "%.2f");
  t.add("diffusion time / floor", diffusion_s / floor_s, "%.2f");
  t.add("peak memory (MB)", peak_mb, "%.0f");
  for (int f = 0; f < marrow::kFieldCount; ++f) {
    const double solves = double(pt.field_solves[f] - at_warm.field_solves[f]);
    if (solves == 0) continue;
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.2f ms, %.1f solves, %.1f iterations, %.0f MB", 1e3 * (pt.field_seconds[f] - at_warm.field_seconds[f]) / n,
                  solves / n, double(pt.field_iterations[f] - at_warm.field_iterations[f]) / n,
                  double(pt.field_bytes[f] - at_warm.field_bytes[f]) / n / 1e6);
    t.add(std::string("per tick, field ") + std::string(marrow::kFieldNames[f]), buf);
  }
  t.print("model_bench");
  if (opt.out.empty()) std::filesystem::remove(out);
  return 0;
}
