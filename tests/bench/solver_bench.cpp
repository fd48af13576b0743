// solver_bench: the field solver alone, on the timing case of docs/solver.md (issue "Speed"): a grid with
// 24% bone (a plate across y plus random balls), sources in 5% of the voxels, uptake in 30%, D = 100
// um^2/s, k_decay = 1e-3/s. Times the first solve (setup included), a cold solve from 0 and warm solves
// after every source and uptake changed by up to +-2% (what a tick does to a field), and gives the warm
// solve's bytes (the kernels' floor, src/core/solver/traffic.cpp) against the triad bandwidth.
//   solver_bench [--threads N] [--nx X --ny Y --nz Z] [--tol T] [--rounds R]
#include <tbb/global_control.h>
#include <tbb/info.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "bench_common.hpp"
#include "marrow/diffusion.hpp"
#include "marrow/rng.hpp"

int main(int argc, char** argv) {
  int threads = 0, nx = 200, ny = 200, nz = 25, rounds = 7;
  double tol = 1e-6;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--nx")) nx = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--ny")) ny = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--nz")) nz = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--tol")) tol = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--rounds")) rounds = std::atoi(argv[i + 1]);
  }
  std::unique_ptr<tbb::global_control> gc;
  if (threads > 0) gc = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);

  const marrow::GridSpec g{nx, ny, nz, 10.0};
  const std::size_t n = g.size();
  std::vector<std::uint8_t> solid(n, 0);
  std::vector<double> source(n, 0.0), uptake(n, 0.0);
  // A plate without holes across y (10% of the volume), then balls of radius 2.5-6 voxels to 24% bone.
  const int plate0 = ny / 2 - ny / 20, plate1 = plate0 + std::max(1, ny / 10);
  for (int z = 0; z < nz; ++z)
    for (int y = plate0; y < plate1; ++y)
      for (int x = 0; x < nx; ++x) solid[g.index(x, y, z)] = 1;
  auto bone_fraction = [&] {
    std::size_t b = 0;
    for (auto s : solid) b += s;
    return double(b) / double(n);
  };
  for (std::uint64_t k = 0; bone_fraction() < 0.24; ++k) {
    marrow::RandomStream r(3, marrow::Stream::Geometry, k, 0);
    const double cx = r.uniform() * nx, cy = r.uniform() * ny, cz = r.uniform() * nz, rad = 2.5 + 3.5 * r.uniform();
    for (int z = std::max(0, int(cz - rad)); z <= std::min(nz - 1, int(cz + rad)); ++z)
      for (int y = std::max(0, int(cy - rad)); y <= std::min(ny - 1, int(cy + rad)); ++y)
        for (int x = std::max(0, int(cx - rad)); x <= std::min(nx - 1, int(cx + rad)); ++x)
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= rad * rad) solid[g.index(x, y, z)] = 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    marrow::RandomStream r(3, marrow::Stream::Placement, i, 0);
    if (solid[i]) continue;
    if (r.uniform() < 0.05) source[i] = 1.0 + r.uniform();
    if (r.uniform() < 0.30) uptake[i] = 1e-2 * r.uniform();
  }
  marrow::FieldProblem p;
  p.grid = g;
  p.solid = solid.data();
  p.diffusivity = 100.0;
  p.decay = 1e-3;
  p.uptake = uptake.data();
  p.source = source.data();
  p.tolerance = tol;

  marrow::SteadyStateSolver solver(tol);
  std::vector<double> c;
  double t0 = marrow::bench::now_s();
  solver.solve(p, c);
  const double first = marrow::bench::now_s() - t0;
  double cold = 1e30, warm = 1e30;
  marrow::SolveStats cold_st, warm_st;
  const std::vector<double> src0 = source, upt0 = uptake;
  for (int round = 0; round < rounds; ++round) {
    source = src0;
    uptake = upt0;
    std::fill(c.begin(), c.end(), 0.0);
    t0 = marrow::bench::now_s();
    cold_st = solver.solve(p, c);
    cold = std::min(cold, marrow::bench::now_s() - t0);
    for (std::size_t i = 0; i < n; ++i) {  // a tick's change: every source and uptake by up to +-2%
      marrow::RandomStream r(3, marrow::Stream::Motility, i, round);
      source[i] *= 1.0 + 0.04 * (r.uniform() - 0.5);
      uptake[i] *= 1.0 + 0.04 * (r.uniform() - 0.5);
    }
    t0 = marrow::bench::now_s();
    warm_st = solver.solve(p, c);
    warm = std::min(warm, marrow::bench::now_s() - t0);
  }
  const double bw = marrow::bench::triad_gbs(std::size_t(1) << 26, 3);
  marrow::bench::Table t;
  t.add("grid", std::to_string(nx) + " x " + std::to_string(ny) + " x " + std::to_string(nz));
  t.add("threads", threads > 0 ? threads : tbb::info::default_concurrency(), "%.0f");
  t.add("tolerance", tol, "%.0e");
  t.add("bone fraction", bone_fraction(), "%.3f");
  t.add("first solve, setup included (ms)", first * 1e3, "%.1f");
  t.add("cold solve: iterations / ms (best of rounds)", std::to_string(cold_st.iterations) + " / " + std::to_string(cold * 1e3).substr(0, 6));
  t.add("warm solve: iterations / ms (best of rounds)", std::to_string(warm_st.iterations) + " / " + std::to_string(warm * 1e3).substr(0, 6));
  t.add("warm solve: bytes the kernels must stream (MB)", warm_st.bytes / 1e6, "%.1f");
  t.add("warm solve: bytes per voxel per iteration incl. setup", double(warm_st.bytes) / n / std::max(1, warm_st.iterations), "%.0f");
  t.add("triad bandwidth, large arrays (GB/s)", bw, "%.2f");
  t.add("warm solve / its bandwidth floor", warm / (warm_st.bytes / (bw * 1e9)), "%.2f");
  t.print("solver_bench");
  return 0;
}
