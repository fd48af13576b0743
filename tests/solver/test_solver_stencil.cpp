// The discrete operator itself (through the plain reference implementation in solver_test_support.hpp,
// which the other tests hold the solver to): the isotropic 27-point weights in the bulk, the 9-point and
// 3-point stencils they reduce to on a 2-D grid and on a line of voxels, full conductance along flat walls,
// and no link across a wall, straight or diagonal.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <tuple>

#include "solver_test_support.hpp"

using marrow::GridSpec;
using marrow::test::OwnedProblem;

namespace {

// Conductances (units of D / h^2) from voxel (x, y, z) to its neighbours, keyed by offset.
std::map<std::tuple<int, int, int>, double> links(const OwnedProblem& p, int x, int y, int z) {
  std::map<std::tuple<int, int, int>, double> out;
  const GridSpec& g = p.grid;
  marrow::test::for_block_links(p.view(), x, y, z, [&](std::size_t j, double gij) {
    const int jx = int(j % std::size_t(g.nx)), jy = int(j / std::size_t(g.nx) % std::size_t(g.ny)),
              jz = int(j / (std::size_t(g.nx) * std::size_t(g.ny)));
    out[{jx - x, jy - y, jz - z}] += gij;
  });
  return out;
}

// Sum of the conductances to the neighbours one voxel further along +x: the conductance of a voxel for
// flux along x, 1 for a consistent discretisation of D d2c/dx2.
double along_x(const std::map<std::tuple<int, int, int>, double>& l) {
  double s = 0.0;
  for (const auto& [o, gij] : l)
    if (std::get<0>(o) == 1) s += gij;
  return s;
}

}  // namespace

TEST_CASE("solver: the isotropic stencil in the bulk, in 2-D, on a line and at walls", "[solver]") {
  SECTION("bulk: 7/15 to faces, 1/10 to edges, 1/30 to corners") {
    OwnedProblem p(GridSpec{5, 5, 5, 10.0});
    const auto l = links(p, 2, 2, 2);
    CHECK(l.size() == 26);
    double total = 0.0;
    for (const auto& [o, gij] : l) {
      const int k = std::abs(std::get<0>(o)) + std::abs(std::get<1>(o)) + std::abs(std::get<2>(o));
      CHECK(gij == Approx(k == 1 ? 7.0 / 15.0 : k == 2 ? 1.0 / 10.0 : 1.0 / 30.0).epsilon(1e-12));
      total += gij;
    }
    CHECK(total == Approx(64.0 / 15.0).epsilon(1e-12));
  }
  SECTION("a 2-D grid: the isotropic 9-point stencil, 2/3 to edges and 1/6 to corners") {
    OwnedProblem p(GridSpec{5, 5, 1, 10.0});
    const auto l = links(p, 2, 2, 0);
    CHECK(l.size() == 8);
    for (const auto& [o, gij] : l) {
      const bool edge = std::abs(std::get<0>(o)) + std::abs(std::get<1>(o)) == 1;
      CHECK(gij == Approx(edge ? 2.0 / 3.0 : 1.0 / 6.0).epsilon(1e-12));
    }
  }
  SECTION("a line of voxels: the 3-point stencil") {
    OwnedProblem p(GridSpec{1, 1, 5, 10.0});
    const auto l = links(p, 0, 0, 2);
    CHECK(l.size() == 2);
    for (const auto& [o, gij] : l) CHECK(gij == Approx(1.0).epsilon(1e-12));
  }
  SECTION("along flat walls, domain faces and edges the conductance stays 1") {
    OwnedProblem p(GridSpec{6, 5, 4, 10.0});
    for (int x = 0; x < 6; ++x)
      for (int z = 0; z < 4; ++z) p.solid[p.grid.index(x, 3, z)] = 1;  // a bone plate at y = 3
    for (int y : {0, 1, 2, 4})
      for (int z : {0, 1, 2, 3}) {
        INFO("voxel (2, " << y << ", " << z << ")");
        CHECK(along_x(links(p, 2, y, z)) == Approx(1.0).epsilon(1e-12));
      }
  }
  SECTION("no link crosses a wall, straight or diagonal") {
    OwnedProblem p(GridSpec{6, 6, 3, 10.0});
    for (int i = 0; i < 6; ++i)
      for (int z = 0; z < 3; ++z) p.solid[p.grid.index(i, i, z)] = 1;  // the plane x == y
    for (int y = 0; y < 6; ++y)
      for (int x = y + 1; x < 6; ++x)
        for (int z = 0; z < 3; ++z)
          for (const auto& [o, gij] : links(p, x, y, z)) {
            INFO("voxel (" << x << ", " << y << ", " << z << ")");
            CHECK(x + std::get<0>(o) > y + std::get<1>(o));
          }
  }
}
