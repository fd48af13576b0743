// anchor1: the workload that PhysiCell 1.14.2 (BioFVM) was timed on, reproduced exactly so that
// Marrow's field and agent code can be compared with a published general-purpose simulator
// (issue "Speed"; configs/bench/anchor1.yaml documents the same numbers).
//  - 200 x 200 x 25 voxels of 10 um, zero flux on every face, no bone;
//  - RANKL, OPG, M-CSF: implicit LOD diffusion (anchor1_lod.hpp), dt = 0.01 min, 1001 steps;
//  - 50,000 cells at uniform random positions; after each diffusion step each cell updates its voxel:
//    rho <- (rho + c S T) / (1 + c (S + U)),  c = dt V_cell / V_voxel;
//  - every 0.1 min (steps 0, 10, ..., 1000, after that step's secretion, as in PhysiCell) the
//    mechanics of anchor1_cells.hpp: persistent motility, cell-cell repulsion and adhesion, the
//    virtual wall, Adams-Bashforth 2, all with PhysiCell's defaults.
// Fields are float; sums are accumulated in double. Exit status 1 when a sum is off by more than 1e-3.
//   anchor1 [--threads N] [--snapshot FILE.h5] [--speed UM_PER_MIN] [--persistence MIN]
//           [--repulsion UM_PER_MIN] [--adhesion UM_PER_MIN] [--wall 0|1]
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>

#include "anchor1_cells.hpp"
#include "anchor1_lod.hpp"
#include "bench_common.hpp"
#include "marrow/output.hpp"

namespace {

using namespace anchor1;
using marrow::bench::now_s;

struct Substance {
  const char* name;
  double D, decay, init, S, T, U, reference_sum;
};
constexpr Substance kSubstances[3] = {
    {"rankl", 1000, 0.1, 0.0, 1.0, 1.0, 0.0, 474765.75},
    {"opg", 2000, 0.05, 1.0, 0.0, 1.0, 0.1, 535442.92},
    {"mcsf", 4000, 0.01, 0.0, 0.5, 1.0, 0.05, 426222.99},
};
constexpr double V_CELL = 2494.0, V_VOXEL = H * H * H;
constexpr int STEPS = 1001, CELLS = 50000, MECHANICS_EVERY = 10;  // 0.1 min / 0.01 min
constexpr std::uint64_t SEED = 1;

// The floor of a diffusion step: the bytes it must move between the level that holds the fields
// (12 MB, in the 32 MB L3 here, so the working-set triad is the bandwidth that applies) and the caches
// that hold what one task works on (a plane or a tile, in L2), over the measured bandwidth. Each pass
// over a field reads and writes every voxel once, 4 + 4 bytes (no write-allocate traffic, as the
// triad counts). A field (4 MB) does not fit in L2 and the z sweep couples all planes, so x+y and z
// need separate passes:
//  - floor A, this schedule: 2 passes x 3 substances x 1e6 voxels x 8 B = 48 MB per step;
//  - floor B, one pass per direction (the older definition): 3 passes -> 72 MB per step.
// A is the smaller, so its ratio is the stricter one; both are printed.
constexpr double kBytesSchedule = 2.0 * 3 * 2 * 4 * double(N);
constexpr double kBytesPerDirection = 3.0 * 3 * 2 * 4 * double(N);

}  // namespace

int main(int argc, char** argv) {
  int threads = 0;
  MechanicsOptions mech;
  std::string snapshot_path = (std::filesystem::temp_directory_path() / "marrow_anchor1_snapshot.h5").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    const char* a = argv[i];
    const double v = std::atof(argv[i + 1]);
    if (!std::strcmp(a, "--threads")) threads = static_cast<int>(v);
    else if (!std::strcmp(a, "--snapshot")) snapshot_path = argv[i + 1];
    else if (!std::strcmp(a, "--speed")) mech.speed = v;
    else if (!std::strcmp(a, "--persistence")) mech.persistence = v;
    else if (!std::strcmp(a, "--repulsion")) mech.repulsion = v;
    else if (!std::strcmp(a, "--adhesion")) mech.adhesion = v;
    else if (!std::strcmp(a, "--wall")) mech.wall = v != 0;
    else {
      std::fprintf(stderr, "anchor1: unknown option %s\n", a);
      return 2;
    }
  }
  std::unique_ptr<tbb::global_control> gc;
  if (threads > 0) gc = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
  const int used_threads = threads > 0 ? threads : tbb::info::default_concurrency();

  std::vector<Field> field;
  Lod lod;
  for (const Substance& s : kSubstances) {
    field.emplace_back(static_cast<float>(s.init));
    lod.add(s.D, s.decay);
  }
  Cells cells(CELLS, V_CELL, SEED, mech);
  const double c = DT * V_CELL / V_VOXEL;
  float num[3], den[3];
  for (int s = 0; s < 3; ++s) {
    num[s] = float(c * kSubstances[s].S * kSubstances[s].T);
    den[s] = float(1.0 / (1.0 + c * (kSubstances[s].S + kSubstances[s].U)));
  }
  // In parallel over voxel rows: a row's cells update only that row, one after the other in cell order.
  auto secrete = [&] {
    const auto& start = cells.row_start();
    const auto& vox = cells.voxel_by_row();
    tbb::parallel_for(tbb::blocked_range<int>(0, NY * NZ, 128), [&](const auto& r) {
      for (std::uint32_t k = start[r.begin()]; k != start[r.end()]; ++k)
        for (int s = 0; s < 3; ++s) {
          float& rho = field[s].get()[vox[k]];
          rho = (rho + num[s]) * den[s];
        }
    });
  };

  double t_diff = 0, t_secr = 0, t_mech = 0;
  double t_diff_after_mech = 0;  // the steps that follow a mechanics step: the fields come back from memory
  const double t_start = now_s();
  for (int step = 0; step < STEPS; ++step) {
    double t0 = now_s();
    lod.step(field);
    double t1 = now_s();
    t_diff += t1 - t0;
    if (step % MECHANICS_EVERY == 1) t_diff_after_mech += t1 - t0;
    secrete();
    t0 = now_s();
    t_secr += t0 - t1;
    if (step % MECHANICS_EVERY == 0) {
      cells.step(step / MECHANICS_EVERY);
      t_mech += now_s() - t0;
    }
  }
  const double t_loop = now_s() - t_start;
  const double peak_loop_mb = marrow::bench::peak_rss_mb();  // before the bandwidth probe's own arrays

  marrow::bench::Table t;
  t.add("threads", used_threads, "%.0f");
  t.add("motility model", mech.describe());
  t.add("whole loop (s)", t_loop, "%.3f");
  t.add("diffusion per step (ms)", 1e3 * t_diff / STEPS, "%.3f");
  constexpr int kAfterMech = (STEPS - 2) / MECHANICS_EVERY + 1;  // steps 1, 11, ..., 991
  t.add("  on the 100 steps right after mechanics (ms; fields refetched from memory)",
        1e3 * t_diff_after_mech / kAfterMech, "%.3f");
  t.add("  on the other steps (ms)", 1e3 * (t_diff - t_diff_after_mech) / (STEPS - kAfterMech), "%.3f");
  t.add("secretion per step (ms)", 1e3 * t_secr / STEPS, "%.3f");
  t.add("motility and mechanics per step (ms, run every 10th step)", 1e3 * t_mech / STEPS, "%.3f");
  t.add("cells x steps / s (secretion + mechanics time)", double(CELLS) * STEPS / (t_secr + t_mech), "%.3g");
  t.add("voxels x substances x steps / s (diffusion time)", double(N) * 3 * STEPS / t_diff, "%.3g");
  const double bw_big = marrow::bench::triad_gbs(std::size_t(1) << 26, 3);
  const double bw_ws = marrow::bench::triad_gbs(N * 3 / 6, 20);  // 12 MB, as the three float fields
  t.add("triad bandwidth, large arrays (GB/s)", bw_big, "%.2f");
  t.add("triad bandwidth, 12 MB working set (GB/s)", bw_ws, "%.2f");
  const double step_s = t_diff / STEPS;
  const struct {
    const char *name, *what;
    double bytes;
  } floors[2] = {{"floor A", "this schedule: 2 passes x 3 substances x 1e6 voxels x 8 B", kBytesSchedule},
                 {"floor B", "one pass per direction: 3 passes x 3 x 1e6 x 8 B", kBytesPerDirection}};
  for (const auto& f : floors) {
    const std::string name = f.name;
    t.add(name + " (" + f.what + "), MB per step", f.bytes / 1e6, "%.0f");
    t.add("diffusion step / " + name + " at working-set bandwidth (the fields are in L3: this applies)",
          step_s / (f.bytes / (bw_ws * 1e9)), "%.2f");
    t.add("diffusion step / " + name + " at large-array bandwidth", step_s / (f.bytes / (bw_big * 1e9)), "%.2f");
  }
  t.add("speed-up over PhysiCell 1.14.2 (116-125 s at 2 threads)", 116.0 / t_loop, "%.1f");
  bool agree = true;
  for (int s = 0; s < 3; ++s) {
    double sum = 0;
    for (std::size_t v = 0; v < N; ++v) sum += field[s].get()[v];
    const double rel = std::abs(sum / kSubstances[s].reference_sum - 1);
    agree = agree && rel <= 1e-3;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.2f (reference %.2f, rel. diff %.1e)", sum, kSubstances[s].reference_sum, rel);
    t.add(std::string("sum ") + kSubstances[s].name + " at t = 10.01 min", buf);
  }
  t.add("sums agree within 1e-3", agree ? "yes" : "NO");
  {  // the same for every thread count: compare runs with different --threads
    std::uint64_t h = marrow::bench::kFnv1aStart;
    for (const Field& f : field) h = marrow::bench::fnv1a(f.get(), N * sizeof(float), h);
    for (const auto* p : {&cells.x(), &cells.y(), &cells.z()})
      h = marrow::bench::fnv1a(p->data(), p->size() * sizeof(double), h);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    t.add("hash of the fields' and positions' bits", buf);
  }
  // One snapshot through Marrow's writer: fields and agent positions.
  {
    marrow::RunMetadata meta;
    meta.experiment = "anchor1";
    meta.arm = "bench";
    const double s0 = now_s();
    marrow::RunWriter w(snapshot_path, meta);
    marrow::Snapshot snap;
    snap.grid = marrow::GridSpec{NX, NY, NZ, H};
    snap.time_days = 10.01 / 1440.0;
    for (int s = 0; s < 3; ++s)
      snap.fields.emplace_back(kSubstances[s].name, std::vector<float>(field[s].get(), field[s].get() + N));
    snap.agent_ints.emplace_back("voxel", std::vector<std::int64_t>(cells.voxel().begin(), cells.voxel().end()));
    snap.agent_floats.emplace_back("x", std::vector<float>(cells.x().begin(), cells.x().end()));
    snap.agent_floats.emplace_back("y", std::vector<float>(cells.y().begin(), cells.y().end()));
    snap.agent_floats.emplace_back("z", std::vector<float>(cells.z().begin(), cells.z().end()));
    w.write_snapshot(snap);
    w.finish();
    t.add("one snapshot: write time (s)", now_s() - s0, "%.3f");
    t.add("one snapshot: file size (MB)", std::filesystem::file_size(snapshot_path) / 1e6, "%.2f");
  }
  t.add("peak memory of the simulation loop (MB)", peak_loop_mb, "%.1f");
  t.print("anchor1");
  return agree ? 0 : 1;
}
