// Conservation and bone handling of the field solver: global mass balance with random sources, uptake and
// bone; bone walls, straight or diagonal, are impermeable; regions sealed by bone, including the documented
// k_decay == 0 cases.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>
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

TEST_CASE("solver: a one-voxel diagonal bone wall is impermeable", "[solver]") {
  // Diagonal walls one voxel thick: the plane x == y (voxels of the two sides meet only across edges of
  // the wall) and the plane x + y + z == 20 (only across corners). Edge and corner links of the 27-point
  // stencil must not cross them.
  const bool body_diagonal = GENERATE(false, true);
  GridSpec g{24, 22, 13, 10.0};
  OwnedProblem p(g);
  p.diffusivity = 100.0;
  p.decay = 1e-3;
  auto side = [&](int x, int y, int z) {  // -1, 0 (the wall), +1
    const int v = body_diagonal ? x + y + z - 20 : x - y;
    return v < 0 ? -1 : v > 0 ? 1 : 0;
  };
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) p.solid[g.index(x, y, z)] = side(x, y, z) == 0 ? 1 : 0;
  const std::size_t near_src = body_diagonal ? g.index(4, 5, 6) : g.index(8, 14, 6);
  const std::size_t far_src = body_diagonal ? g.index(15, 12, 8) : g.index(14, 8, 6);
  std::vector<double> c(g.size(), 0.0);
  SteadyStateSolver solver;
  auto side_balance = [&](int s) { return balance(p, c, [&](int x, int y, int z) { return side(x, y, z) == s; }); };

  // A source on one side only: the other side stays exactly 0, the near side loses nothing through the wall.
  p.source[near_src] = 1.0;
  auto st = solver.solve(p.view(), c);
  REQUIRE(st.converged);
  CHECK(marrow::test::reference_residual(p.view(), c) <= 1e-8);
  std::size_t near_not_positive = 0, far_not_zero = 0;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const double v = c[g.index(x, y, z)];
        if (side(x, y, z) < 0 && !(v > 0.0)) ++near_not_positive;
        if (side(x, y, z) >= 0 && v != 0.0) ++far_not_zero;
      }
  CHECK(near_not_positive == 0);
  CHECK(far_not_zero == 0);
  auto [produced, removed] = side_balance(-1);
  CHECK(removed == Approx(produced).epsilon(1e-7));

  // Sources on both sides: each side balances on its own, so nothing crosses the wall either way.
  p.source[far_src] = 3.0;
  st = solver.solve(p.view(), c);
  REQUIRE(st.converged);
  CHECK(marrow::test::reference_residual(p.view(), c) <= 1e-8);
  for (int s : {-1, 1}) {
    std::tie(produced, removed) = side_balance(s);
    INFO("side " << s);
    CHECK(removed == Approx(produced).epsilon(1e-7));
  }

  // k_decay == 0 and no uptake beyond the wall, where a source has no steady state: that side is left as
  // it was, NaN here, and the near side, which touches it across the wall's edges or corners, is solved.
  p.decay = 0.0;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) p.uptake[g.index(x, y, z)] = side(x, y, z) < 0 ? 1e-3 : 0.0;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x)
        if (side(x, y, z) > 0) c[g.index(x, y, z)] = std::numeric_limits<double>::quiet_NaN();
  st = solver.solve(p.view(), c);
  CHECK_FALSE(st.converged);
  CHECK(std::isnan(c[far_src]));
  std::size_t near_bad = 0;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x)
        if (side(x, y, z) < 0 && !(c[g.index(x, y, z)] > 0.0 && std::isfinite(c[g.index(x, y, z)]))) ++near_bad;
  CHECK(near_bad == 0);
  std::tie(produced, removed) = side_balance(-1);
  CHECK(removed == Approx(produced).epsilon(1e-7));
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
