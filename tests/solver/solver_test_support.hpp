#pragma once
// Helpers for the solver tests: a problem that owns its arrays, and an independent, plain implementation of
// the discrete operator (residual and dense direct solve) to check the solver against.
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "marrow/diffusion.hpp"

namespace marrow::test {

struct OwnedProblem {
  GridSpec grid;
  std::vector<std::uint8_t> solid;
  std::vector<double> uptake, source;
  double diffusivity = 100.0, decay = 0.0;

  explicit OwnedProblem(GridSpec g) : grid(g), solid(g.size(), 0), uptake(g.size(), 0.0), source(g.size(), 0.0) {}
  FieldProblem view() const {
    FieldProblem p;
    p.grid = grid;
    p.solid = solid.data();
    p.diffusivity = diffusivity;
    p.decay = decay;
    p.uptake = uptake.data();
    p.source = source.data();
    return p;
  }
  double& src(int x, int y, int z) { return source[grid.index(x, y, z)]; }
};

// The discrete operator, written out plainly from its definition (docs/solver.md), to check the solver
// against. Each 2x2x2 block of voxels couples the marrow voxels in it. In a block of 8 marrow voxels,
// voxel u sends 7/60 to each face neighbour, 1/20 to each edge neighbour and 1/30 to its corner neighbour
// (the isotropic 27-point weights 7/15, 1/10, 1/30 once summed over the 4, 2 or 1 blocks that hold a
// pair). The link from u across a set of axes is open when every voxel reached from u by flipping any of
// those axes is marrow; a closed link's weight goes to the open links across the largest subsets of its
// axes, in equal shares. The conductance of a pair in a block is the mean of what its two voxels send
// each other. Voxels outside the domain count as bone.
// Block voxel k sits at (k % 2, k / 2 % 2, k / 4); the result is in units of D / h^2.
inline std::array<std::array<double, 8>, 8> block_conductances(const std::array<bool, 8>& marrow) {
  auto at = [](int k) { return std::array<int, 3>{k % 2, k / 2 % 2, k / 4}; };
  auto id = [](const std::array<int, 3>& q) { return q[0] + 2 * q[1] + 4 * q[2]; };
  const double send[4] = {0.0, 7.0 / 60.0, 1.0 / 20.0, 1.0 / 30.0};
  double sent[8][8] = {};
  for (int u = 0; u < 8; ++u) {
    if (!marrow[std::size_t(u)]) continue;
    const auto cu = at(u);
    for (int v = 0; v < 8; ++v) {
      const auto cv = at(v);
      std::vector<int> axes;
      for (int d = 0; d < 3; ++d)
        if (cu[d] != cv[d]) axes.push_back(d);
      const int na = int(axes.size());
      auto flipped = [&](int choice) {  // u flipped along the axes chosen by the bits of choice
        auto q = cu;
        for (int j = 0; j < na; ++j)
          if (choice >> j & 1) q[std::size_t(axes[std::size_t(j)])] ^= 1;
        return id(q);
      };
      int best = 0;
      std::vector<int> targets;
      for (int choice = 1; choice < (1 << na); ++choice) {
        bool open = true;
        for (int sub = 0; sub < (1 << na); ++sub)
          if ((sub & ~choice) == 0 && !marrow[std::size_t(flipped(sub))]) open = false;
        if (!open) continue;
        const int size = std::popcount(unsigned(choice));
        if (size > best) {
          best = size;
          targets.clear();
        }
        if (size == best) targets.push_back(flipped(choice));
      }
      for (int t : targets) sent[u][t] += send[na] / double(targets.size());
    }
  }
  std::array<std::array<double, 8>, 8> g{};
  for (int u = 0; u < 8; ++u)
    for (int v = 0; v < 8; ++v) g[std::size_t(u)][std::size_t(v)] = u == v ? 0.0 : 0.5 * (sent[u][v] + sent[v][u]);
  return g;
}

// Calls f(j, g) for every marrow voxel j != (x, y, z) coupled to marrow voxel (x, y, z) by one 2x2x2
// block, with that block's conductance g (units of D / h^2); a pair shared by several blocks comes once
// per block.
template <class F>
void for_block_links(const FieldProblem& p, int x, int y, int z, F&& f) {
  static std::array<std::array<std::array<double, 8>, 8>, 256> memo;
  static std::array<bool, 256> known{};
  const GridSpec& g = p.grid;
  auto marrow = [&](int a, int b, int e) { return g.contains(a, b, e) && !(p.solid && p.solid[g.index(a, b, e)]); };
  for (int oz = -1; oz <= 0; ++oz)
    for (int oy = -1; oy <= 0; ++oy)
      for (int ox = -1; ox <= 0; ++ox) {
        std::array<bool, 8> m{};
        int key = 0;
        for (int k = 0; k < 8; ++k) {
          m[std::size_t(k)] = marrow(x + ox + k % 2, y + oy + k / 2 % 2, z + oz + k / 4);
          key |= int(m[std::size_t(k)]) << k;
        }
        if (!known[std::size_t(key)]) {
          memo[std::size_t(key)] = block_conductances(m);
          known[std::size_t(key)] = true;
        }
        const int u = -ox + 2 * -oy + 4 * -oz;
        for (int k = 0; k < 8; ++k) {
          const double c = memo[std::size_t(key)][std::size_t(u)][std::size_t(k)];
          if (c != 0.0) f(g.index(x + ox + k % 2, y + oy + k / 2 % 2, z + oz + k / 4), c);
        }
      }
}

// (A c)_i in physical units: sum over coupled marrow voxels of D/h^2 g_ij (c_i - c_j) + (k_decay + k_uptake) c_i.
inline double apply_reference(const FieldProblem& p, const std::vector<double>& c, int x, int y, int z) {
  const GridSpec& g = p.grid;
  const std::size_t i = g.index(x, y, z);
  const double w = p.diffusivity / (g.voxel_um * g.voxel_um);
  double v = (p.decay + (p.uptake ? p.uptake[i] : 0.0)) * c[i];
  for_block_links(p, x, y, z, [&](std::size_t j, double gij) { v += w * gij * (c[i] - c[j]); });
  return v;
}

// ||S - A c|| / ||S|| over marrow voxels.
inline double reference_residual(const FieldProblem& p, const std::vector<double>& c) {
  const GridSpec& g = p.grid;
  double r2 = 0.0, b2 = 0.0;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t i = g.index(x, y, z);
        if (p.solid && p.solid[i]) continue;
        const double s = p.source ? p.source[i] : 0.0;
        const double r = s - apply_reference(p, c, x, y, z);
        r2 += r * r;
        b2 += s * s;
      }
  return b2 > 0.0 ? std::sqrt(r2 / b2) : std::sqrt(r2);
}

// Dense Gaussian elimination of the same system (solid voxels: identity rows, value 0). Small grids only.
inline std::vector<double> dense_reference_solve(const FieldProblem& p) {
  const GridSpec& g = p.grid;
  const std::size_t n = g.size();
  const double w = p.diffusivity / (g.voxel_um * g.voxel_um);
  std::vector<double> a(n * n, 0.0), rhs(n, 0.0);
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t i = g.index(x, y, z);
        if (p.solid && p.solid[i]) {
          a[i * n + i] = 1.0;
          continue;
        }
        rhs[i] = p.source ? p.source[i] : 0.0;
        a[i * n + i] = p.decay + (p.uptake ? p.uptake[i] : 0.0);
        for_block_links(p, x, y, z, [&](std::size_t j, double gij) {
          a[i * n + i] += w * gij;
          a[i * n + j] -= w * gij;
        });
      }
  for (std::size_t k = 0; k < n; ++k) {  // no pivoting needed: symmetric positive definite
    for (std::size_t i = k + 1; i < n; ++i) {
      const double f = a[i * n + k] / a[k * n + k];
      if (f == 0.0) continue;
      for (std::size_t j = k; j < n; ++j) a[i * n + j] -= f * a[k * n + j];
      rhs[i] -= f * rhs[k];
    }
  }
  std::vector<double> c(n, 0.0);
  for (std::size_t i = n; i-- > 0;) {
    double s = rhs[i];
    for (std::size_t j = i + 1; j < n; ++j) s -= a[i * n + j] * c[j];
    c[i] = s / a[i * n + i];
  }
  return c;
}

// Random bone (fraction f), sources in a fraction of voxels and uptake, reproducibly from seed.
inline void randomise(OwnedProblem& p, unsigned seed, double solid_fraction, double source_fraction, double k_uptake) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t i = 0; i < p.grid.size(); ++i) {
    p.solid[i] = u(rng) < solid_fraction ? 1 : 0;
    p.source[i] = u(rng) < source_fraction ? u(rng) : 0.0;
    p.uptake[i] = k_uptake * u(rng);
  }
}

}  // namespace marrow::test
