// Conservation and bone handling of the field solver: global mass balance with random sources, uptake and
// bone; bone walls are impermeable; regions sealed by bone, including the documented k_decay == 0 cases.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "solver_test_support.hpp"

using marrow::GridSpec;
using marrow::SteadyStateSolver;
using marrow::test::OwnedProblem;

namespace {

// Sum over marrow voxels (optionally only those with pred(x, y, z)) of S V and of (k_decay + k_uptake) c V.
template <class Pred>
std::pair<double, double> balance(const OwnedProblem& p, const std::vector<double>& c, Pred pred) {
  const GridSpec& g = p.grid;
  const double V = g.voxel_volume_um3();
  double produced = 0.0, removed = 0.0;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t i = g.index(x, y, z);
        if (p.solid[i] || !pred(x, y, z)) continue;
        produced += p.source[i] * V;
        removed += (p.decay + p.uptake[i]) * c[i] * V;
      }
  return {produced, removed};
}

}  // namespace

TEST_CASE("solver: mass balance with random sources, uptake and bone", "[solver]") {
  const auto dims = GENERATE(std::array<int, 3>{33, 27, 11}, std::array<int, 3>{40, 31, 1});
  GridSpec g{dims[0], dims[1], dims[2], 12.0};
  OwnedProblem p(g);
  p.diffusivity = 60.0;
  p.decay = 2e-3;
  marrow::test::randomise(p, 7, 0.25, 0.3, 0.05);
  std::vector<double> c(g.size(), 0.0);
  SteadyStateSolver solver;
  const auto st = solver.solve(p.view(), c);
  REQUIRE(st.converged);
  CHECK(st.residual <= 1e-8);
  CHECK(marrow::test::reference_residual(p.view(), c) <= 1e-8);
  const auto [produced, removed] = balance(p, c, [](int, int, int) { return true; });
  REQUIRE(produced > 0.0);
  CHECK(std::abs(removed - produced) <= 1e-6 * produced);
  std::size_t bone_not_zero = 0, negative = 0;  // sources and sinks >= 0: the solution is nonnegative
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (p.solid[i] && c[i] != 0.0) ++bone_not_zero;
    if (c[i] < 0.0) ++negative;
  }
  CHECK(bone_not_zero == 0);
  CHECK(negative == 0);
}

TEST_CASE("solver: a full bone wall is impermeable, a hole in it is not", "[solver]") {
  GridSpec g{31, 14, 9, 10.0};
  OwnedProblem p(g);
  p.diffusivity = 100.0;
  p.decay = 1e-3;
  const int wall = 15;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y) p.solid[g.index(wall, y, z)] = 1;
  p.src(5, 7, 4) = 1.0;
  p.src(12, 2, 1) = 0.5;  // next to the wall
  // Warm start with junk everywhere, bone included: the far side must still come out exactly 0.
  std::vector<double> c(g.size(), 3.0);
  SteadyStateSolver solver;
  auto st = solver.solve(p.view(), c);
  REQUIRE(st.converged);
  std::size_t near_not_positive = 0, far_not_zero = 0;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const double v = c[g.index(x, y, z)];
        if (x < wall && !(v > 0.0)) ++near_not_positive;
        if (x >= wall && v != 0.0) ++far_not_zero;  // the wall itself and everything beyond it
      }
  CHECK(near_not_positive == 0);
  CHECK(far_not_zero == 0);
  const auto [produced, removed] = balance(p, c, [&](int x, int, int) { return x < wall; });
  CHECK(removed == Approx(produced).epsilon(1e-7));

  // One marrow voxel in the wall connects the sides: now the far side receives some.
  p.solid[g.index(wall, 7, 4)] = 0;
  st = solver.solve(p.view(), c);
  REQUIRE(st.converged);
  CHECK(c[g.index(wall + 1, 7, 4)] > 0.0);
  CHECK(c[g.index(g.nx - 1, 0, 0)] > 0.0);
  CHECK(c[g.index(wall, 0, 0)] == 0.0);
}

TEST_CASE("solver: marrow regions sealed by bone", "[solver]") {
  // A bone shell encloses a cavity in the middle of the domain.
  GridSpec g{24, 22, 14, 10.0};
  OwnedProblem p(g);
  p.diffusivity = 100.0;
  auto in_box = [](int x, int y, int z, int lo, int hiX, int hiY, int hiZ) {
    return x >= lo && y >= lo && z >= lo && x <= hiX && y <= hiY && z <= hiZ;
  };
  auto inside = [&](int x, int y, int z) { return in_box(x, y, z, 5, 14, 13, 9); };
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x)
        p.solid[g.index(x, y, z)] = in_box(x, y, z, 4, 15, 14, 10) && !inside(x, y, z) ? 1 : 0;
  const std::size_t in_src = g.index(8, 9, 6), out_src = g.index(20, 3, 2);
  std::vector<double> c(g.size(), 0.0);
  SteadyStateSolver solver;
  auto outside_balance = [&] { return balance(p, c, [&](int x, int y, int z) { return !inside(x, y, z); }); };

  SECTION("with decay both regions are solved, each balanced on its own") {
    p.decay = 2e-3;
    p.source[in_src] = 1.0;
    p.source[out_src] = 2.0;
    const auto st = solver.solve(p.view(), c);
    REQUIRE(st.converged);
    const auto [pi, ri] = balance(p, c, inside);
    const auto [po, ro] = outside_balance();
    CHECK(ri == Approx(pi).epsilon(1e-7));
    CHECK(ro == Approx(po).epsilon(1e-7));
  }
  SECTION("k_decay == 0: a cavity without source is exactly 0, the rest is solved through its uptake") {
    p.decay = 0.0;
    for (std::size_t i = 0; i < g.size(); ++i) p.uptake[i] = 1e-3;
    p.source[out_src] = 2.0;
    std::fill(c.begin(), c.end(), 1.0);
    const auto st = solver.solve(p.view(), c);
    REQUIRE(st.converged);
    CHECK(c[in_src] == 0.0);
    const auto [po, ro] = outside_balance();
    CHECK(ro == Approx(po).epsilon(1e-7));
  }
  SECTION("k_decay == 0 and no uptake in a cavity with a source: no steady state, left as it was") {
    p.decay = 0.0;
    for (int z = 0; z < g.nz; ++z)
      for (int y = 0; y < g.ny; ++y)
        for (int x = 0; x < g.nx; ++x) p.uptake[g.index(x, y, z)] = inside(x, y, z) ? 0.0 : 1e-3;
    p.source[in_src] = 1.0;
    p.source[out_src] = 2.0;
    std::fill(c.begin(), c.end(), 0.25);
    const auto st = solver.solve(p.view(), c);
    CHECK_FALSE(st.converged);
    CHECK(st.residual > 1e-3);
    CHECK(c[in_src] == 0.25);
    const auto [po, ro] = outside_balance();
    CHECK(ro == Approx(po).epsilon(1e-7));
  }
}
