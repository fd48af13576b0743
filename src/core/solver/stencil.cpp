// The operator of the voxel grid (the isotropic 27-point stencil of FineOperator) applied to a whole
// vector: matrix-vector product fused with a dot product, and residual. Voxels whose 26 neighbours are
// all marrow (most of them) use the constant bulk conductances and read no per-voxel conductances; the
// others read the 27 integer conductances of their row pattern, which is shared by every voxel with the
// same 3x3x3 marrow neighbourhood and so stays in cache.
#include "stencil_line.hpp"

namespace marrow::solver_detail {

namespace {

// Calls f(i, active, sum_j g_ij x_j) for each cell i of line (y, z) of the voxel grid (active false and
// the sum 0 on inactive cells). Guarded: x may hold anything (inf, NaN) on cells that are not linked to
// an active cell, which then count 0; otherwise those cells must hold finite values (0 * x is taken).
template <bool Guarded, class F>
inline void for_fine_cells(const Hierarchy& h, const double* x, int y, int z, F&& f) {
  const Level& L = h.levels[0];
  const FineOperator& op = h.op;
  const int nx = L.nx;
  const std::size_t off = line_offset(L, y, z);
  const std::ptrdiff_t sy = L.nx, sz = std::ptrdiff_t(L.nx) * L.ny;
  // The 9 lines (y + dy, z + dz), j = dy + 1 + 3 (dz + 1); a line beyond a domain face is replaced by
  // this line, which is read only with conductance 0.
  const double* ln[9];
  for (int dz = -1; dz <= 1; ++dz)
    for (int dy = -1; dy <= 1; ++dy) {
      const bool inside = y + dy >= 0 && y + dy < L.ny && z + dz >= 0 && z + dz < L.nz;
      ln[(dy + 1) + 3 * (dz + 1)] = x + off + (inside ? dy * sy + dz * sz : 0);
    }
  const double *ymzm = ln[0], *zm = ln[1], *ypzm = ln[2], *ym = ln[3], *c = ln[4], *yp = ln[5], *ymzp = ln[6],
               *zp = ln[7], *ypzp = ln[8];
  const double ga = op.g_face, gb = op.g_edge, gc = op.g_corner;
  const std::uint32_t* row = op.row.data() + off;
  const std::uint8_t* a = L.active.data() + off;
  // Sums over the 4 face lines (ym, yp, zm, zp) and the 4 edge lines (ymzm, ...) at cell j: the x
  // neighbours of cell j on them are its edge and corner neighbours.
  auto face_lines = [&](int j) { return (ym[j] + yp[j]) + (zm[j] + zp[j]); };
  auto edge_lines = [&](int j) { return (ymzm[j] + ypzm[j]) + (ymzp[j] + ypzp[j]); };
  auto term = [](float gk, double v) {
    if constexpr (Guarded)
      return gk != 0.0f ? double(gk) * v : 0.0;
    else
      return double(gk) * v;
  };
  int i = 0;
  while (i < nx) {
    const std::uint32_t k = row[i];
    if (k == FineOperator::kBulk) {  // all 26 neighbours are marrow: never the first or last cell of a line
      int end = i + 1;
      while (end < nx && row[end] == FineOperator::kBulk) ++end;
      double fl = face_lines(i - 1), el = edge_lines(i - 1), fc = face_lines(i), ec = edge_lines(i);
      for (int j = i; j < end; ++j) {
        const double fr = face_lines(j + 1), er = edge_lines(j + 1);
        const double faces = (c[j - 1] + c[j + 1]) + fc;
        const double edges = (fl + fr) + ec;
        const double corners = el + er;
        f(j, a[j] != 0, ga * faces + gb * edges + gc * corners);
        fl = fc;
        fc = fr;
        el = ec;
        ec = er;
      }
      i = end;
      continue;
    }
    if (k == FineOperator::kNone || !a[i]) {
      f(i, false, 0.0);
      ++i;
      continue;
    }
    const float* g = op.g.data() + 27 * std::size_t(k);
    double s0 = 0.0, s1 = 0.0, s2 = 0.0;  // x - 1, x, x + 1
    if (i > 0 && i + 1 < nx) {
      for (int l = 0; l < 9; ++l) {
        s0 += term(g[3 * l], ln[l][i - 1]);
        s1 += term(g[3 * l + 1], ln[l][i]);
        s2 += term(g[3 * l + 2], ln[l][i + 1]);
      }
    } else {
      for (int l = 0; l < 9; ++l) {
        if (i > 0) s0 += term(g[3 * l], ln[l][i - 1]);
        s1 += term(g[3 * l + 1], ln[l][i]);
        if (i + 1 < nx) s2 += term(g[3 * l + 2], ln[l][i + 1]);
      }
    }
    f(i, true, (s0 + s1 + s2) * (1.0 / FineOperator::kUnit));
    ++i;
  }
}

// sum_i x_i y_i over one line, in four chains fixed by the index.
inline double line_dot(const double* x, const double* y, int n) {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += x[i] * y[i];
    s1 += x[i + 1] * y[i + 1];
    s2 += x[i + 2] * y[i + 2];
    s3 += x[i + 3] * y[i + 3];
  }
  for (; i < n; ++i) s0 += x[i] * y[i];
  return (s0 + s1) + (s2 + s3);
}

double apply_dot_line(const Hierarchy& h, const double* x, double* y, int ly, int lz) {
  const std::size_t off = line_offset(h.levels[0], ly, lz);
  const double* d = h.op.diag.data() + off;
  const double* xl = x + off;
  double* out = y + off;
  for_fine_cells<false>(h, x, ly, lz, [&](int i, bool active, double s) { out[i] = active ? d[i] * xl[i] - s : 0.0; });
  return line_dot(xl, out, h.levels[0].nx);
}

template <bool Guarded>
void residual_line(const Hierarchy& h, const double* x, const double* b, double* r, int ly, int lz) {
  const std::size_t off = line_offset(h.levels[0], ly, lz);
  const double* d = h.op.diag.data() + off;
  const double* xl = x + off;
  const double* bl = b + off;
  double* out = r + off;
  for_fine_cells<Guarded>(h, x, ly, lz,
                          [&](int i, bool active, double s) { out[i] = active ? bl[i] - (d[i] * xl[i] - s) : 0.0; });
}

}  // namespace

double apply_dot(const Hierarchy& h, const double* x, double* y) {
  return sum_lines(h.levels[0], [&](int ly, int lz) { return apply_dot_line(h, x, y, ly, lz); });
}

void residual(const Hierarchy& h, const double* x, const double* b, double* r, bool guarded) {
  if (guarded)
    for_lines(h.levels[0], [&](int ly, int lz) { residual_line<true>(h, x, b, r, ly, lz); });
  else
    for_lines(h.levels[0], [&](int ly, int lz) { residual_line<false>(h, x, b, r, ly, lz); });
}

}  // namespace marrow::solver_detail
