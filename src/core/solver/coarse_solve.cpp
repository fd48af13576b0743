// Exact solve on the coarsest multigrid level (at most a few dozen cells, or the whole grid when it is that
// small): the level's matrix is assembled densely and Cholesky-factored once per solve. Inactive cells get
// an identity row and a 0 solution.
#include <algorithm>
#include <cmath>

#include "multigrid.hpp"

namespace marrow::solver_detail {

namespace {

double conductance(const Level& L, int axis, std::size_t i, std::size_t j, bool inside) {
  if (!inside) return 0.0;
  if (L.unit) return L.active[i] && L.active[j] ? 1.0 : 0.0;
  return axis == 0 ? L.cx[i] : axis == 1 ? L.cy[i] : L.cz[i];
}

}  // namespace

void DenseCholesky::factor(const Level& L) {
  n = int(L.n);
  const std::size_t m = L.n;
  l.assign(m * m, 0.0);
  y.assign(m, 0.0);
  unknown.assign(m, 0);
  for (std::size_t i = 0; i < m; ++i) unknown[i] = L.active[i] && L.diag[i] > 0.0;
  const std::size_t sy = std::size_t(L.nx), sz = std::size_t(L.nx) * L.ny;
  for (int z = 0; z < L.nz; ++z)
    for (int yy = 0; yy < L.ny; ++yy)
      for (int x = 0; x < L.nx; ++x) {
        const std::size_t i = std::size_t(x) + sy * (std::size_t(yy) + std::size_t(L.ny) * z);
        if (!unknown[i]) {
          l[i * m + i] = 1.0;
          continue;
        }
        l[i * m + i] = L.diag[i];
        const bool inside[3] = {x + 1 < L.nx, yy + 1 < L.ny, z + 1 < L.nz};
        const std::size_t step[3] = {1, sy, sz};
        for (int axis = 0; axis < 3; ++axis) {
          const std::size_t j = i + (inside[axis] ? step[axis] : 0);
          const double g = conductance(L, axis, i, j, inside[axis]);
          if (g != 0.0 && unknown[j]) {
            l[std::max(i, j) * m + std::min(i, j)] = -g;  // lower triangle only
          }
        }
      }
  // In-place Cholesky, lower triangle: A = L L^T. The matrix is symmetric positive definite (diagonally
  // dominant with positive reaction in every region); the pivot floor only guards against round-off.
  for (std::size_t j = 0; j < m; ++j) {
    const double a_jj = l[j * m + j];
    double d = a_jj;
    for (std::size_t k = 0; k < j; ++k) d -= l[j * m + k] * l[j * m + k];
    d = std::sqrt(std::max(d, 1e-14 * a_jj));
    l[j * m + j] = d;
    for (std::size_t i = j + 1; i < m; ++i) {
      double s = l[i * m + j];
      for (std::size_t k = 0; k < j; ++k) s -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = s / d;
    }
  }
}

void DenseCholesky::solve(const double* b, double* x) {
  const std::size_t m = std::size_t(n);
  for (std::size_t i = 0; i < m; ++i) {
    double s = b[i];
    for (std::size_t k = 0; k < i; ++k) s -= l[i * m + k] * y[k];
    y[i] = unknown[i] ? s / l[i * m + i] : 0.0;
  }
  for (std::size_t i = m; i-- > 0;) {
    double s = y[i];
    for (std::size_t k = i + 1; k < m; ++k) s -= l[k * m + i] * x[k];
    x[i] = s / l[i * m + i];
  }
}

}  // namespace marrow::solver_detail
