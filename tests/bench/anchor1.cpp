// anchor1: the workload that PhysiCell 1.14.2 (BioFVM) was timed on, reproduced exactly so that
// Marrow's field and agent code can be compared with a published general-purpose simulator
// (issue "Speed"; configs/bench/anchor1.yaml documents the same numbers).
//  - 200 x 200 x 25 voxels of 10 um, zero flux on every face, no bone;
//  - RANKL, OPG, M-CSF: implicit LOD diffusion (backward Euler split into x, y, z; Thomas algorithm
//    with constant coefficients; one third of the decay in each direction), dt = 0.01 min, 1001 steps;
//  - 50,000 cells at uniform random positions; after each diffusion step each cell updates its voxel:
//    rho <- (rho + c S T) / (1 + c (S + U)),  c = dt V_cell / V_voxel;
//  - random motility 1 um/min: off-lattice positions, a random direction every 0.1 min (PhysiCell's
//    mechanics step), 0.1 um per move; the voxel is the one containing the position.
// Fields are float (what the sums need); sums are accumulated in double.
//   anchor1 [--threads N] [--snapshot FILE.h5] [--speed UM_PER_MIN] [--secrete-first 0|1]
// (--speed shows how the sums depend on cell movement: PhysiCell also pushes overlapping cells apart.)
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>

#include "bench_common.hpp"
#include "marrow/output.hpp"
#include "marrow/rng.hpp"

namespace {

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
constexpr int NX = 200, NY = 200, NZ = 25;
constexpr std::size_t N = std::size_t(NX) * NY * NZ;
constexpr double H = 10.0, DT = 0.01, V_CELL = 2494.0, V_VOXEL = H * H * H;
constexpr int STEPS = 1001, CELLS = 50000;

// Thomas coefficients of the constant tridiagonal matrix of one direction.
struct Thomas {
  float a = 0;                      // off-diagonal
  std::vector<float> cp, inv_m, b;  // modified upper diagonal, 1/pivot
  Thomas(int n, double D, double decay) {
    a = static_cast<float>(-DT * D / (H * H));
    cp.resize(n);
    inv_m.resize(n);
    const double third = DT * decay / 3.0, k = DT * D / (H * H);
    double prev_cp = 0;
    for (int i = 0; i < n; ++i) {
      const double diag = 1.0 + third + (n == 1 ? 0.0 : (i == 0 || i == n - 1) ? k : 2 * k);
      const double m = diag - (i > 0 ? -k * prev_cp : 0.0);
      inv_m[i] = static_cast<float>(1.0 / m);
      prev_cp = -k / m;
      cp[i] = static_cast<float>(prev_cp);
    }
  }
};

// x: contiguous lines, each solved in cache.
void sweep_x(float* c, const Thomas& t) {
  tbb::parallel_for(tbb::blocked_range<int>(0, NY * NZ, 64), [&](const auto& r) {
    for (int line = r.begin(); line != r.end(); ++line) {
      float* p = c + std::size_t(line) * NX;
      p[0] *= t.inv_m[0];
      for (int i = 1; i < NX; ++i) p[i] = (p[i] - t.a * p[i - 1]) * t.inv_m[i];
      for (int i = NX - 2; i >= 0; --i) p[i] -= t.cp[i] * p[i + 1];
    }
  });
}

// y: for each z plane, eliminate row by row, vectorised across x.
void sweep_y(float* c, const Thomas& t) {
  tbb::parallel_for(tbb::blocked_range<int>(0, NZ, 1), [&](const auto& r) {
    for (int z = r.begin(); z != r.end(); ++z) {
      float* plane = c + std::size_t(z) * NX * NY;
      for (int x = 0; x < NX; ++x) plane[x] *= t.inv_m[0];
      for (int y = 1; y < NY; ++y) {
        float* row = plane + std::size_t(y) * NX;
        const float* prev = row - NX;
        const float a = t.a, im = t.inv_m[y];
        for (int x = 0; x < NX; ++x) row[x] = (row[x] - a * prev[x]) * im;
      }
      for (int y = NY - 2; y >= 0; --y) {
        float* row = plane + std::size_t(y) * NX;
        const float* next = row + NX;
        const float cp = t.cp[y];
        for (int x = 0; x < NX; ++x) row[x] -= cp * next[x];
      }
    }
  });
}

// z: for each y row, eliminate plane by plane along z, vectorised across x.
void sweep_z(float* c, const Thomas& t) {
  const std::size_t plane = std::size_t(NX) * NY;
  tbb::parallel_for(tbb::blocked_range<int>(0, NY, 4), [&](const auto& r) {
    for (int y = r.begin(); y != r.end(); ++y) {
      float* base = c + std::size_t(y) * NX;
      for (int x = 0; x < NX; ++x) base[x] *= t.inv_m[0];
      for (int z = 1; z < NZ; ++z) {
        float* row = base + z * plane;
        const float* prev = row - plane;
        const float a = t.a, im = t.inv_m[z];
        for (int x = 0; x < NX; ++x) row[x] = (row[x] - a * prev[x]) * im;
      }
      for (int z = NZ - 2; z >= 0; --z) {
        float* row = base + z * plane;
        const float* next = row + plane;
        const float cp = t.cp[z];
        for (int x = 0; x < NX; ++x) row[x] -= cp * next[x];
      }
    }
  });
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 0;
  double speed = 1.0;           // um/min
  bool secrete_first = false;   // one secretion before the first diffusion step
  std::string snapshot_path = (std::filesystem::temp_directory_path() / "marrow_anchor1_snapshot.h5").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--snapshot")) snapshot_path = argv[i + 1];
    if (!std::strcmp(argv[i], "--speed")) speed = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--secrete-first")) secrete_first = std::atoi(argv[i + 1]) != 0;
  }
  std::unique_ptr<tbb::global_control> gc;
  if (threads > 0) gc = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
  const int used_threads = threads > 0 ? threads : tbb::info::default_concurrency();

  std::vector<float> field[3];
  std::vector<Thomas> tx, ty, tz;
  for (int s = 0; s < 3; ++s) {
    field[s].assign(N, static_cast<float>(kSubstances[s].init));
    tx.emplace_back(NX, kSubstances[s].D, kSubstances[s].decay);
    ty.emplace_back(NY, kSubstances[s].D, kSubstances[s].decay);
    tz.emplace_back(NZ, kSubstances[s].D, kSubstances[s].decay);
  }
  // Cells: uniform random positions (Philox, seed 1), off-lattice.
  std::vector<float> px(CELLS), py(CELLS), pz(CELLS);
  std::vector<std::uint32_t> voxel(CELLS);
  auto locate = [&](int i) {
    const int x = std::min(NX - 1, int(px[i] / H)), y = std::min(NY - 1, int(py[i] / H)), z = std::min(NZ - 1, int(pz[i] / H));
    voxel[i] = static_cast<std::uint32_t>(x + NX * (y + NY * z));
  };
  for (int i = 0; i < CELLS; ++i) {
    marrow::RandomStream r(1, marrow::Stream::Placement, i, 0);
    px[i] = float(r.uniform() * NX * H);
    py[i] = float(r.uniform() * NY * H);
    pz[i] = float(r.uniform() * NZ * H);
    locate(i);
  }
  const double c = DT * V_CELL / V_VOXEL;
  float num[3], den[3];
  for (int s = 0; s < 3; ++s) {
    num[s] = float(c * kSubstances[s].S * kSubstances[s].T);
    den[s] = float(1.0 / (1.0 + c * (kSubstances[s].S + kSubstances[s].U)));
  }

  auto secrete = [&] {  // in cell order: cells sharing a voxel update it one after the other
    for (int i = 0; i < CELLS; ++i)
      for (int s = 0; s < 3; ++s) {
        float& rho = field[s][voxel[i]];
        rho = (rho + num[s]) * den[s];
      }
  };
  double t_diff = 0, t_secr = 0, t_move = 0;
  const double t_start = now_s();
  if (secrete_first) secrete();
  for (int step = 0; step < STEPS; ++step) {
    double t0 = now_s();
    for (int s = 0; s < 3; ++s) {
      sweep_x(field[s].data(), tx[s]);
      sweep_y(field[s].data(), ty[s]);
      sweep_z(field[s].data(), tz[s]);
    }
    double t1 = now_s();
    t_diff += t1 - t0;
    secrete();
    t0 = now_s();
    t_secr += t0 - t1;
    if ((step + 1) % 10 == 0) {  // motility every 0.1 min: 0.1 um in a random direction
      tbb::parallel_for(tbb::blocked_range<int>(0, CELLS, 1024), [&](const auto& r) {
        for (int i = r.begin(); i != r.end(); ++i) {
          marrow::RandomStream rs(1, marrow::Stream::Motility, i, step);
          const double cz = 2 * rs.uniform() - 1, phi = 2 * M_PI * rs.uniform(), sz = std::sqrt(1 - cz * cz);
          const double d = speed * 0.1;
          auto move = [](float& p, double dp, double hi) {
            double q = p + dp;
            if (q < 0) q = -q;
            if (q >= hi) q = 2 * hi - q - 1e-3;
            p = static_cast<float>(q);
          };
          move(px[i], d * sz * std::cos(phi), NX * H);
          move(py[i], d * sz * std::sin(phi), NY * H);
          move(pz[i], d * cz, NZ * H);
          locate(i);
        }
      });
      t_move += now_s() - t0;
    }
  }
  const double t_loop = now_s() - t_start;

  marrow::bench::Table t;
  t.add("threads", used_threads, "%.0f");
  t.add("whole loop (s)", t_loop, "%.3f");
  t.add("diffusion per step (ms)", 1e3 * t_diff / STEPS, "%.3f");
  t.add("secretion per step (ms)", 1e3 * t_secr / STEPS, "%.3f");
  t.add("motility per step (ms)", 1e3 * t_move / STEPS, "%.3f");
  t.add("cells x steps / s", double(CELLS) * STEPS / t_secr, "%.3g");
  t.add("voxels x substances x steps / s", double(N) * 3 * STEPS / t_diff, "%.3g");
  const double peak_loop_mb = marrow::bench::peak_rss_mb();  // before the bandwidth probe's own arrays
  // The floor: each direction's sweep reads and writes every voxel once (the line is in cache while
  // it is eliminated), 3 directions x 3 substances x 2 x 4 bytes per voxel per step.
  const double bytes_per_step = 3.0 * 3.0 * 2.0 * 4.0 * N;
  const double bw_big = marrow::bench::triad_gbs(std::size_t(1) << 26, 3);
  const double bw_ws = marrow::bench::triad_gbs(N * 3 / 6, 10);  // same bytes as the three float fields
  t.add("LOD bytes per step (MB)", bytes_per_step / 1e6, "%.1f");
  t.add("triad bandwidth, large arrays (GB/s)", bw_big, "%.2f");
  t.add("triad bandwidth, 12 MB working set (GB/s)", bw_ws, "%.2f");
  t.add("diffusion step / floor at large-array bandwidth", (t_diff / STEPS) / (bytes_per_step / (bw_big * 1e9)), "%.2f");
  t.add("diffusion step / floor at working-set bandwidth", (t_diff / STEPS) / (bytes_per_step / (bw_ws * 1e9)), "%.2f");
  t.add("speed-up over PhysiCell 1.14.2 (116-125 s at 2 threads)", 116.0 / t_loop, "%.1f");
  bool agree = true;
  for (int s = 0; s < 3; ++s) {
    double sum = 0;
    for (float v : field[s]) sum += v;
    const double rel = std::abs(sum / kSubstances[s].reference_sum - 1);
    agree = agree && rel <= 1e-3;
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.2f (reference %.2f, rel. diff %.1e)", sum, kSubstances[s].reference_sum, rel);
    t.add(std::string("sum ") + kSubstances[s].name + " at t = 10.01 min", buf);
  }
  t.add("sums agree within 1e-3", agree ? "yes" : "NO");
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
    for (int s = 0; s < 3; ++s) snap.fields.emplace_back(kSubstances[s].name, field[s]);
    std::vector<std::int64_t> vx(voxel.begin(), voxel.end());
    snap.agent_ints.emplace_back("voxel", std::move(vx));
    snap.agent_floats.emplace_back("x", px);
    snap.agent_floats.emplace_back("y", py);
    snap.agent_floats.emplace_back("z", pz);
    w.write_snapshot(snap);
    w.finish();
    t.add("one snapshot: write time (s)", now_s() - s0, "%.3f");
    t.add("one snapshot: file size (MB)", std::filesystem::file_size(snapshot_path) / 1e6, "%.2f");
  }
  t.add("peak memory of the simulation loop (MB)", peak_loop_mb, "%.1f");
  t.print("anchor1");
  return agree ? 0 : 1;
}
