// The multigrid preconditioner: one V-cycle with zero initial guess. Pre-smoothing sweeps red then black,
// post-smoothing black then red (its adjoint), restriction is the transpose of prolongation and the
// coarsest level is solved exactly, so z = M r is a fixed symmetric positive definite linear map, as
// conjugate gradients requires.
//
// On each level the pre-smoothing half sweeps and the restriction run as one pass over the z-planes, and
// so do the prolongation and the post-smoothing: stage s works on plane t - 2s at step t. A stage on plane
// q reads planes q-1..q+1, which the previous stage finished one step earlier and the next stage has not
// reached, so every cell sees exactly the values of separate full passes (same bits) while the planes in
// flight stay in cache. Within a step the lines are updated in parallel; each line is written by one task.
#include <algorithm>
#include <cstddef>

#include "stencil_line.hpp"

namespace marrow::solver_detail {

namespace {

constexpr int kSweeps = 2;  // red-black Gauss-Seidel sweeps before and after the coarse correction
constexpr int kMaxStages = 2 * kSweeps + 1;

enum class Op { kSmoothFromZero, kSmooth, kRestrict, kProlong };
struct Stage {
  Op op;
  int colour;
};

template <bool Unit>
void run_unit(const Level& L, double* x, const double* b, Level& C, const Stage& st, int unit, int plane) {
  switch (st.op) {
    case Op::kSmoothFromZero: smooth_from_zero_line(L, x, b, st.colour, unit, plane); break;
    case Op::kSmooth: smooth_line<Unit>(L, x, b, st.colour, unit, plane); break;
    case Op::kRestrict: restrict_line<Unit>(L, x, b, C, unit, plane); break;
    case Op::kProlong: prolong_line(L, C, x, unit, plane); break;
  }
}

void run_stages(const Level& L, double* x, const double* b, Level& C, const Stage* stages, int m) {
  const int steps = L.nz + 2 * (m - 1);
  for (int t = 0; t < steps; ++t) {
    // The stages at work in this step, their planes and their units (lines; coarse lines for restriction).
    int stage[kMaxStages], plane[kMaxStages];
    std::size_t begin[kMaxStages + 1];
    int k = 0;
    begin[0] = 0;
    for (int s = 0; s < m; ++s) {
      const int q = t - 2 * s;
      if (q < 0 || q >= L.nz) continue;
      stage[k] = s;
      plane[k] = q;
      begin[k + 1] = begin[k] + std::size_t(stages[s].op == Op::kRestrict ? C.ny : L.ny);
      ++k;
    }
    auto body = [&](std::size_t lo, std::size_t hi) {
      int j = 0;
      for (std::size_t u = lo; u < hi; ++u) {
        while (u >= begin[j + 1]) ++j;
        const Stage& st = stages[stage[j]];
        const int unit = int(u - begin[j]);
        if (L.unit)
          run_unit<true>(L, x, b, C, st, unit, plane[j]);
        else
          run_unit<false>(L, x, b, C, st, unit, plane[j]);
      }
    };
    const std::size_t total = begin[k];
    if (total <= L.grain) {
      body(0, total);
    } else {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, total, L.grain),
                        [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
    }
  }
}

void cycle(Hierarchy& h, std::size_t l, const double* b, double* x) {
  Level& L = h.levels[l];
  if (l + 1 == h.levels.size()) {
    h.coarse.solve(b, x);
    return;
  }
  Level& C = h.levels[l + 1];
  Stage pre[kMaxStages], post[kMaxStages];
  int m = 0;
  for (int s = 0; s < kSweeps; ++s) {
    pre[m++] = {s == 0 ? Op::kSmoothFromZero : Op::kSmooth, 0};
    pre[m++] = {Op::kSmooth, 1};
  }
  pre[m++] = {Op::kRestrict, 0};
  run_stages(L, x, b, C, pre, m);

  cycle(h, l + 1, C.b.data(), C.x.data());

  m = 0;
  post[m++] = {Op::kProlong, 0};
  for (int s = 0; s < kSweeps; ++s) {
    post[m++] = {Op::kSmooth, 1};
    post[m++] = {Op::kSmooth, 0};
  }
  run_stages(L, x, b, C, post, m);
}

}  // namespace

void vcycle(Hierarchy& h, const double* r, double* z) { cycle(h, 0, r, z); }

}  // namespace marrow::solver_detail
