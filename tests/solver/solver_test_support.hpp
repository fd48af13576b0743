#pragma once
// Helpers for the solver tests: a problem that owns its arrays, and an independent, plain implementation of
// the discrete operator (residual and dense direct solve) to check the solver against.
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

// (A c)_i in physical units: sum over marrow neighbours of D/h^2 (c_i - c_j) + (k_decay + k_uptake) c_i.
inline double apply_reference(const FieldProblem& p, const std::vector<double>& c, int x, int y, int z) {
  const GridSpec& g = p.grid;
  const std::size_t i = g.index(x, y, z);
  const double w = p.diffusivity / (g.voxel_um * g.voxel_um);
  double v = (p.decay + (p.uptake ? p.uptake[i] : 0.0)) * c[i];
  const int d[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  for (const auto& o : d) {
    const int a = x + o[0], b = y + o[1], e = z + o[2];
    if (!g.contains(a, b, e)) continue;
    const std::size_t j = g.index(a, b, e);
    if (p.solid && p.solid[j]) continue;
    v += w * (c[i] - c[j]);
  }
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
  std::vector<double> a(n * n, 0.0), rhs(n, 0.0), e(n, 0.0);
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t i = g.index(x, y, z);
        if (p.solid && p.solid[i]) {
          a[i * n + i] = 1.0;
          continue;
        }
        rhs[i] = p.source ? p.source[i] : 0.0;
        for (std::size_t j = 0; j < n; ++j) {  // column j of A: A e_j
          e[j] = 1.0;
          a[i * n + j] = apply_reference(p, e, x, y, z);
          e[j] = 0.0;
        }
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
