// The operator of one multigrid level applied to a whole vector: matrix-vector product fused with a dot
// product, and residual. The finest level (conductance 1 between marrow voxels) has its own
// instantiation that reads no conductance arrays, which keeps memory traffic low where it matters most.
#include "stencil_line.hpp"

namespace marrow::solver_detail {

namespace {

template <bool Unit>
double apply_dot_line(const Level& L, const double* x, double* y, int ly, int lz) {
  const LineView v = line_view<Unit>(L, x, ly, lz);
  const std::size_t off = line_offset(L, ly, lz);
  const double* d = L.diag.data() + off;
  const std::uint8_t* a = L.active.data() + off;
  double* out = y + off;
  double acc[4] = {0.0, 0.0, 0.0, 0.0};  // four chains: the sum is not bound by the latency of one add
  for_cells<Unit>(v, 0, 1, [&](int i, double s) {
    const double val = a[i] ? d[i] * v.x[i] - s : 0.0;
    out[i] = val;
    acc[i & 3] += v.x[i] * val;
  });
  return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}

template <bool Unit>
void residual_line(const Level& L, const double* x, const double* b, double* r, int ly, int lz) {
  const LineView v = line_view<Unit>(L, x, ly, lz);
  const std::size_t off = line_offset(L, ly, lz);
  const double* d = L.diag.data() + off;
  const std::uint8_t* a = L.active.data() + off;
  const double* bl = b + off;
  double* out = r + off;
  for_cells<Unit>(v, 0, 1, [&](int i, double s) {
    const double val = bl[i] - (d[i] * v.x[i] - s);
    out[i] = a[i] ? val : 0.0;
  });
}

}  // namespace

double apply_dot(const Level& L, const double* x, double* y) {
  if (L.unit) return sum_lines(L, [&](int ly, int lz) { return apply_dot_line<true>(L, x, y, ly, lz); });
  return sum_lines(L, [&](int ly, int lz) { return apply_dot_line<false>(L, x, y, ly, lz); });
}

void residual(const Level& L, const double* x, const double* b, double* r) {
  if (L.unit)
    for_lines(L, [&](int ly, int lz) { residual_line<true>(L, x, b, r, ly, lz); });
  else
    for_lines(L, [&](int ly, int lz) { residual_line<false>(L, x, b, r, ly, lz); });
}

}  // namespace marrow::solver_detail
