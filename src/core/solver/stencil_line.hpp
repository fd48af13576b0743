#pragma once
// Internal to the field solver: the 7-point stencil of the multigrid preconditioner evaluated along one
// line of cells, shared by the smoother and the fused residual restriction of the V-cycle, and the line
// loops used by all the solver's kernels.
#include <cstddef>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>

#include "multigrid.hpp"

namespace marrow::solver_detail {

// The line (y, z) of a level and its four neighbour lines; lines beyond a domain face point at zeros, which
// makes the missing neighbours contribute nothing (zero flux).
struct LineView {
  int nx = 1;
  const double* x = nullptr;            // values on this line
  const double* xn[4] = {};             // values on the y-1, y+1, z-1, z+1 lines
  const double* cxl = nullptr;          // coarse levels: conductance to the +x neighbour
  const double* cn[4] = {};             // coarse levels: conductance to the y-1, y+1, z-1, z+1 neighbour
};

inline std::size_t line_offset(const Level& L, int y, int z) {
  return (std::size_t(y) + std::size_t(L.ny) * std::size_t(z)) * std::size_t(L.nx);
}

template <bool Unit>
inline LineView line_view(const Level& L, const double* x, int y, int z) {
  LineView v;
  const std::size_t off = line_offset(L, y, z);
  const std::size_t sy = std::size_t(L.nx), sz = std::size_t(L.nx) * std::size_t(L.ny);
  const double* zero = L.zeros.data();
  v.nx = L.nx;
  v.x = x + off;
  v.xn[0] = y > 0 ? x + off - sy : zero;
  v.xn[1] = y + 1 < L.ny ? x + off + sy : zero;
  v.xn[2] = z > 0 ? x + off - sz : zero;
  v.xn[3] = z + 1 < L.nz ? x + off + sz : zero;
  if constexpr (!Unit) {
    v.cxl = L.cx.data() + off;
    v.cn[0] = y > 0 ? L.cy.data() + off - sy : zero;
    v.cn[1] = L.cy.data() + off;  // 0 on the last line
    v.cn[2] = z > 0 ? L.cz.data() + off - sz : zero;
    v.cn[3] = L.cz.data() + off;
  }
  return v;
}

// sum_j g_ij x_j for cell i of the line; Interior: both x neighbours exist.
template <bool Unit, bool Interior>
inline double off_sum(const LineView& v, int i) {
  double s;
  if constexpr (Unit) {
    // Inactive neighbours hold 0, so the conductance-1 sum over all neighbours is the masked one.
    s = v.xn[0][i] + v.xn[1][i] + v.xn[2][i] + v.xn[3][i];
    if (Interior || i > 0) s += v.x[i - 1];
    if (Interior || i + 1 < v.nx) s += v.x[i + 1];
  } else {
    s = v.cn[0][i] * v.xn[0][i] + v.cn[1][i] * v.xn[1][i] + v.cn[2][i] * v.xn[2][i] + v.cn[3][i] * v.xn[3][i];
    if (Interior || i > 0) s += v.cxl[i - 1] * v.x[i - 1];
    if (Interior || i + 1 < v.nx) s += v.cxl[i] * v.x[i + 1];
  }
  return s;
}

// Calls f(i, off_sum(i)) for i = start, start + step, ... < nx, with the end cells handled apart so the
// interior loop has no bounds tests.
template <bool Unit, class F>
inline void for_cells(const LineView& v, int start, int step, F&& f) {
  const int nx = v.nx;
  int i = start;
  if (i == 0) {
    f(0, off_sum<Unit, false>(v, 0));
    i += step;
  }
  for (; i < nx - 1; i += step) f(i, off_sum<Unit, true>(v, i));
  if (i == nx - 1) f(i, off_sum<Unit, false>(v, i));
}

// Red-black Gauss-Seidel on the cells of one colour ((x + y + z) % 2 == colour) of line (ly, lz). Cells of
// one colour only read cells of the other, so lines can be updated in any order or concurrently.
template <bool Unit>
inline void smooth_line(const Level& L, double* x, const double* b, int colour, int ly, int lz) {
  const LineView v = line_view<Unit>(L, x, ly, lz);
  const std::size_t off = line_offset(L, ly, lz);
  const double* inv = L.inv_diag.data() + off;
  const double* bl = b + off;
  double* xl = x + off;
  // inv_diag is 0 on inactive cells, which therefore stay 0.
  for_cells<Unit>(v, (colour + ly + lz) & 1, 2, [&](int i, double s) { xl[i] = inv[i] * (bl[i] + s); });
}

// The first half sweep from x = 0: all neighbours are 0, so x = b / diag on this colour, 0 on the other.
inline void smooth_from_zero_line(const Level& L, double* x, const double* b, int colour, int ly, int lz) {
  const std::size_t off = line_offset(L, ly, lz);
  const double* inv = L.inv_diag.data() + off;
  const double* bl = b + off;
  double* xl = x + off;
  const int start = (colour + ly + lz) & 1;
  for (int i = 0; i < L.nx; ++i) xl[i] = ((i & 1) == start) ? inv[i] * bl[i] : 0.0;
}

// Restriction of the residual b - A x (the transpose of piecewise-constant prolongation: a sum over the
// children) from the fine lines in plane z that belong to coarse line cy into coarse.b. The coarse line
// is cleared by its first fine plane, so contributions are always added in the same order.
template <bool Unit>
inline void restrict_line(const Level& f, const double* x, const double* b, Level& c, int cy, int z) {
  const int sx = f.fx == 2 ? 1 : 0;
  double* cb = c.b.data() + line_offset(c, cy, z / f.fz);
  if (z % f.fz == 0)
    for (int i = 0; i < c.nx; ++i) cb[i] = 0.0;
  for (int dy = 0; dy < f.fy; ++dy) {
    const int y = f.fy * cy + dy;
    if (y >= f.ny) break;
    const LineView v = line_view<Unit>(f, x, y, z);
    const std::size_t off = line_offset(f, y, z);
    const double* d = f.diag.data() + off;
    const std::uint8_t* a = f.active.data() + off;
    const double* bl = b + off;
    for_cells<Unit>(v, 0, 1, [&](int i, double s) {
      const double r = bl[i] - (d[i] * v.x[i] - s);
      cb[i >> sx] += a[i] ? r : 0.0;
    });
  }
}

// Piecewise-constant prolongation onto line (y, z): x += coarse.x of the parent, on active cells only.
inline void prolong_line(const Level& f, const Level& c, double* x, int y, int z) {
  const int sx = f.fx == 2 ? 1 : 0;
  const std::size_t off = line_offset(f, y, z);
  const double* xc = c.x.data() + line_offset(c, y / f.fy, z / f.fz);
  const std::uint8_t* a = f.active.data() + off;
  double* xl = x + off;
  for (int i = 0; i < f.nx; ++i)
    if (a[i]) xl[i] += xc[i >> sx];
}

// Runs f(y, z) for every line of L, in parallel over blocks of L.grain lines. Each line is written by one
// call only, so the result does not depend on the partition.
template <class F>
inline void for_lines(const Level& L, F&& f) {
  const std::size_t nl = L.lines();
  const int ny = L.ny;
  auto body = [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t j = r.begin(); j != r.end(); ++j) f(int(j % std::size_t(ny)), int(j / std::size_t(ny)));
  };
  if (nl <= L.grain) {
    body(tbb::blocked_range<std::size_t>(0, nl));
  } else {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nl, L.grain), body);
  }
}

// Sum over lines of f(y, z), deterministic: the lines are cut into blocks that depend only on the level
// (simple_partitioner with a fixed grain) and partial sums are joined in a fixed tree.
template <class F>
inline double sum_lines(const Level& L, F&& f) {
  const std::size_t nl = L.lines();
  const int ny = L.ny;
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, nl, L.grain), 0.0,
      [&](const tbb::blocked_range<std::size_t>& r, double acc) {
        for (std::size_t j = r.begin(); j != r.end(); ++j) acc += f(int(j % std::size_t(ny)), int(j / std::size_t(ny)));
        return acc;
      },
      [](double a, double b) { return a + b; }, tbb::simple_partitioner());
}

}  // namespace marrow::solver_detail
