// Behaviour of the field solver beyond accuracy: bit-identical results for any thread count, warm starts,
// zero right-hand sides, odd and tiny grids (checked against a dense direct solve) and D == 0.
#include <catch2/catch.hpp>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "solver_test_support.hpp"

using marrow::GridSpec;
using marrow::SolveStats;
using marrow::SteadyStateSolver;
using marrow::test::OwnedProblem;

TEST_CASE("solver: results are bit-identical for 1, 2 and 4 threads", "[solver]") {
  GridSpec g{72, 45, 14, 10.0};
  OwnedProblem p(g);
  p.diffusivity = 90.0;
  p.decay = 1e-3;
  marrow::test::randomise(p, 11, 0.2, 0.1, 0.02);
  std::vector<double> warm(g.size());
  for (std::size_t i = 0; i < g.size(); ++i) warm[i] = 0.01 * double(i % 17);

  std::vector<std::vector<double>> results;
  std::vector<SolveStats> stats;
  for (int threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
    tbb::task_arena arena(threads);
    std::vector<double> c = warm;
    SolveStats st;
    arena.execute([&] {
      SteadyStateSolver solver;  // a fresh solver each time: the hierarchy is built under this thread count too
      st = solver.solve(p.view(), c);
      // A second solve reusing the workspace, from the first result with a changed source.
      p.source[g.index(10, 10, 5)] += 1.0;
      st = solver.solve(p.view(), c);
      p.source[g.index(10, 10, 5)] -= 1.0;
    });
    REQUIRE(st.converged);
    results.push_back(c);
    stats.push_back(st);
  }
  for (std::size_t k = 1; k < results.size(); ++k) {
    CHECK(stats[k].iterations == stats[0].iterations);
    CHECK(std::memcmp(&stats[k].residual, &stats[0].residual, sizeof(double)) == 0);
    CHECK(std::memcmp(results[k].data(), results[0].data(), results[0].size() * sizeof(double)) == 0);
  }
}

namespace {
// 48 x 40 x 12 voxels with random sources, uptake and bone (the warm-start and traffic cases).
OwnedProblem random_problem() {
  OwnedProblem p(GridSpec{48, 40, 12, 10.0});
  p.diffusivity = 100.0;
  p.decay = 5e-4;
  marrow::test::randomise(p, 3, 0.15, 0.05, 0.01);
  return p;
}
}  // namespace

TEST_CASE("solver: warm starts", "[solver]") {
  OwnedProblem p = random_problem();
  const GridSpec g = p.grid;
  SteadyStateSolver solver;
  std::vector<double> c(g.size(), 0.0);
  const auto cold = solver.solve(p.view(), c);
  REQUIRE(cold.converged);
  CHECK(cold.iterations >= 3);
  INFO("cold start: " << cold.iterations << " iterations");

  // From the converged solution: nothing left to do.
  const std::vector<double> solution = c;
  const auto again = solver.solve(p.view(), c);
  CHECK(again.converged);
  CHECK(again.iterations == 0);
  CHECK(std::memcmp(c.data(), solution.data(), c.size() * sizeof(double)) == 0);

  // The next tick: sources and uptake change by about 1%.
  for (std::size_t i = 0; i < g.size(); ++i) {
    p.source[i] *= 1.0 + 0.01 * std::sin(double(i));
    p.uptake[i] *= 1.0 + 0.01 * std::cos(double(i));
  }
  std::vector<double> from_zero(g.size(), 0.0);
  const auto next_cold = solver.solve(p.view(), from_zero);
  const auto next_warm = solver.solve(p.view(), c);
  REQUIRE(next_cold.converged);
  REQUIRE(next_warm.converged);
  INFO("next tick: cold " << next_cold.iterations << ", warm " << next_warm.iterations << " iterations");
  CHECK(next_warm.iterations < next_cold.iterations);
  double max_diff = 0.0, max_c = 0.0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    max_diff = std::max(max_diff, std::abs(c[i] - from_zero[i]));
    max_c = std::max(max_c, std::abs(c[i]));
  }
  CHECK(max_diff <= 1e-6 * max_c);
}

// The bytes a solve reports (the benchmarks' bandwidth floor) follow its work: a solve that does not
// iterate streams the set-up and one residual; each CG iteration adds its product, vector updates, dot
// products and one V-cycle: between 4 and 40 double vectors' worth per voxel (the kernels of
// src/core/solver/traffic.cpp add up to about 27).
TEST_CASE("solver: the reported memory traffic grows with the iterations", "[solver]") {
  OwnedProblem p = random_problem();
  const GridSpec g = p.grid;
  SteadyStateSolver solver;
  std::vector<double> c(g.size(), 0.0);
  const auto cold = solver.solve(p.view(), c);
  const auto idle = solver.solve(p.view(), c);
  REQUIRE(cold.iterations >= 3);
  REQUIRE(idle.iterations == 0);
  const double n = double(g.size()), vector_bytes = 8.0 * n;
  CHECK(idle.bytes >= 4 * vector_bytes);
  CHECK(idle.bytes <= 40 * vector_bytes);
  const double per_iteration = double(cold.bytes - idle.bytes) / cold.iterations;
  INFO("per iteration " << per_iteration / n << " bytes per voxel");
  CHECK(per_iteration >= 4 * vector_bytes);
  CHECK(per_iteration <= 40 * vector_bytes);
}

TEST_CASE("solver: zero right-hand side gives c = 0 at once", "[solver]") {
  GridSpec g{9, 8, 7, 10.0};
  OwnedProblem p(g);
  p.decay = 1e-3;
  std::vector<double> c(g.size(), 5.0);
  SteadyStateSolver solver;
  auto st = solver.solve(p.view(), c);
  CHECK(st.converged);
  CHECK(st.iterations == 0);
  CHECK(st.residual == 0.0);
  CHECK(std::all_of(c.begin(), c.end(), [](double v) { return v == 0.0; }));
  // Null source and uptake pointers, no solid mask.
  marrow::FieldProblem bare;
  bare.grid = g;
  bare.diffusivity = 10.0;
  std::fill(c.begin(), c.end(), 1.0);
  st = solver.solve(bare, c);
  CHECK(st.converged);
  CHECK(std::all_of(c.begin(), c.end(), [](double v) { return v == 0.0; }));
}

TEST_CASE("solver: odd, thin and tiny grids agree with a dense direct solve", "[solver]") {
  const auto dims = GENERATE(std::array<int, 3>{1, 1, 1}, std::array<int, 3>{2, 1, 1}, std::array<int, 3>{1, 3, 1},
                             std::array<int, 3>{1, 1, 9}, std::array<int, 3>{3, 5, 7}, std::array<int, 3>{7, 3, 1},
                             std::array<int, 3>{5, 4, 3}, std::array<int, 3>{13, 9, 2}, std::array<int, 3>{17, 1, 6},
                             std::array<int, 3>{11, 9, 5}, std::array<int, 3>{33, 7, 1});
  const bool with_bone = GENERATE(false, true);
  GridSpec g{dims[0], dims[1], dims[2], 8.0};
  OwnedProblem p(g);
  p.diffusivity = 40.0;
  p.decay = 3e-2;
  marrow::test::randomise(p, unsigned(g.size()), with_bone ? 0.2 : 0.0, 0.6, 0.1);
  p.source[g.size() / 2] += 1.0;  // never all zero
  p.solid[g.size() / 2] = 0;
  std::vector<double> c(g.size(), 0.0);
  SteadyStateSolver solver(1e-12);
  const auto st = solver.solve(p.view(), c);
  INFO(g.nx << "x" << g.ny << "x" << g.nz << (with_bone ? " with bone" : "") << ": " << st.iterations
            << " iterations, residual " << st.residual);
  REQUIRE(st.converged);
  const auto ref = marrow::test::dense_reference_solve(p.view());
  double max_ref = 0.0, max_err = 0.0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    max_ref = std::max(max_ref, std::abs(ref[i]));
    max_err = std::max(max_err, std::abs(c[i] - ref[i]));
  }
  CHECK(max_err <= 1e-9 * max_ref);
}

TEST_CASE("solver: no diffusion (D = 0) gives c = S / k voxel by voxel", "[solver]") {
  GridSpec g{6, 5, 4, 10.0};
  OwnedProblem p(g);
  p.diffusivity = 0.0;
  p.decay = 0.5;
  marrow::test::randomise(p, 5, 0.2, 0.5, 0.3);
  std::vector<double> c(g.size(), 0.0);
  SteadyStateSolver solver;
  const auto st = solver.solve(p.view(), c);
  CHECK(st.converged);
  for (std::size_t i = 0; i < g.size(); ++i)
    CHECK(c[i] == (p.solid[i] ? 0.0 : p.source[i] / (p.decay + p.uptake[i])));
}
