// SteadyStateSolver: sets up the scaled finite-volume system of a FieldProblem and solves it by conjugate
// gradients preconditioned with one multigrid V-cycle per iteration, warm-started from the field.
//
// Marrow regions sealed off by bone are independent problems. A region without any source has the exact
// solution 0 and is set to 0 rather than solved (so a sealed region stays exactly 0, not 1e-8-small). A
// region with a source but no decay and no uptake (possible only when k_decay == 0) has no steady state:
// it is left as it was and the solve reports converged = false, its residual counting in the reported one.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include "marrow/diffusion.hpp"
#include "multigrid.hpp"
#include "traffic.hpp"

namespace marrow {

namespace sd = solver_detail;
namespace traffic = solver_detail::traffic;

struct SteadyStateSolver::Workspace {
  sd::Hierarchy h;
  std::vector<double> b;                       // scaled right-hand side
  std::vector<std::uint8_t> has_source, has_reaction;  // per marrow region
  bool active_changed = false;                 // levels[0].active differs from the marrow mask
};

SteadyStateSolver::WorkspacePtr& SteadyStateSolver::WorkspacePtr::operator=(WorkspacePtr&& other) noexcept {
  std::swap(p_, other.p_);
  return *this;
}

SteadyStateSolver::WorkspacePtr::~WorkspacePtr() { delete p_; }

SteadyStateSolver::Workspace& SteadyStateSolver::WorkspacePtr::get() {
  if (!p_) p_ = new Workspace();
  return *p_;
}

SteadyStateSolver::SteadyStateSolver(double relative_tolerance, int max_iterations)
    : tol_(relative_tolerance), max_it_(std::max(0, max_iterations)) {}

namespace {

template <class F>
void for_each_cell(std::size_t n, F&& f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 8192), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
  });
}

// D == 0: no transport, every voxel is on its own: c = S / k.
SolveStats solve_pointwise(const FieldProblem& pb, const std::vector<std::uint8_t>& marrow, std::vector<double>& c,
                           double tol) {
  double b2 = 0.0, r2 = 0.0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!marrow[i]) {
      c[i] = 0.0;
      continue;
    }
    const double s = pb.source ? pb.source[i] : 0.0;
    const double k = pb.decay + (pb.uptake ? pb.uptake[i] : 0.0);
    b2 += s * s;
    if (k > 0.0)
      c[i] = s / k;
    else if (s == 0.0)
      c[i] = 0.0;
    else
      r2 += s * s;  // no steady state: left as it was
  }
  SolveStats st;
  st.residual = b2 > 0.0 ? std::sqrt(r2 / b2) : 0.0;
  st.converged = st.residual <= tol;
  return st;
}

// Sum of squared residuals over the voxels of region k, which was left out for having a source but no
// reaction (so the residual is b - (sum of conductances) c + sum of conductance-weighted neighbours).
double region_residual2(const sd::Hierarchy& h, std::size_t k, const double* b, const double* c) {
  double r2 = 0.0;
  for (std::size_t e = h.region_begin[k]; e < h.region_begin[k + 1]; ++e) {
    const std::size_t i = h.region_cells[e];
    const double r = b[i] - (h.op.gsum[h.op.row[i]] * c[i] - h.op.off_sum(i, c));
    r2 += r * r;
  }
  return r2;
}

}  // namespace

SolveStats SteadyStateSolver::solve(const FieldProblem& pb, std::vector<double>& c) {
  const GridSpec& g = pb.grid;
  if (g.nx < 1 || g.ny < 1 || g.nz < 1) throw std::invalid_argument("SteadyStateSolver: empty grid");
  if (!(g.voxel_um > 0.0) || !(pb.diffusivity >= 0.0) || !(pb.decay >= 0.0) || !std::isfinite(pb.diffusivity) ||
      !std::isfinite(pb.decay) || !std::isfinite(g.voxel_um))
    throw std::invalid_argument("SteadyStateSolver: voxel size, diffusivity and decay must be finite, >= 0 (h > 0)");
  const std::size_t n = g.size();
  if (c.size() != n) c.assign(n, 0.0);

  Workspace& w = ws_.get();
  sd::Hierarchy& h = w.h;
  if (!h.matches(g, pb.solid)) {
    h.build(g, pb.solid);
    w.active_changed = false;
  }
  const double tol = pb.tolerance > 0.0 ? pb.tolerance : tol_;
  if (pb.diffusivity == 0.0) return solve_pointwise(pb, h.marrow, c, tol);

  sd::Level& L0 = h.levels[0];
  const std::uint8_t* marrow = h.marrow.data();
  const double scale = g.voxel_um * g.voxel_um / pb.diffusivity;  // balance per cell divided by D h
  w.b.resize(n);
  double* b = w.b.data();
  double* x = c.data();
  double* react = L0.react.data();
  const double* src = pb.source;
  const double* upt = pb.uptake;
  const double decay = pb.decay;
  for_each_cell(n, [&](std::size_t i) {
    if (marrow[i]) {
      b[i] = src ? src[i] * scale : 0.0;
      react[i] = (decay + (upt ? upt[i] : 0.0)) * scale;
    } else {
      b[i] = 0.0;
      react[i] = 0.0;
      x[i] = 0.0;
    }
  });
  const double b2 = sd::dot(b, b, n);
  SolveStats st;
  st.bytes = traffic::setup(n) + traffic::dot(n, 1);
  if (b2 == 0.0) {
    std::fill(c.begin(), c.end(), 0.0);
    st.converged = true;
    return st;
  }

  // Regions without a source (exact solution 0) or without any reaction (no steady state) are left out.
  // Each region's voxels are scanned only until a source (and a reaction) is found.
  bool any_left_out = false, any_ill_posed = false;
  if (h.regions > 1 || decay == 0.0) {
    w.has_source.assign(h.regions, 0);
    w.has_reaction.assign(h.regions, decay > 0.0 ? 1 : 0);
    for (std::size_t k = 0; k < h.regions; ++k) {
      const std::uint32_t* first = h.region_cells.data() + h.region_begin[k];
      const std::uint32_t* last = h.region_cells.data() + h.region_begin[k + 1];
      w.has_source[k] = std::any_of(first, last, [&](std::uint32_t i) { return b[i] != 0.0; });
      if (!w.has_reaction[k]) w.has_reaction[k] = std::any_of(first, last, [&](std::uint32_t i) { return react[i] > 0.0; });
      any_left_out = any_left_out || !w.has_source[k] || !w.has_reaction[k];
      any_ill_posed = any_ill_posed || (w.has_source[k] && !w.has_reaction[k]);
    }
  }
  if (w.active_changed) {
    L0.active = h.marrow;
    w.active_changed = false;
  }
  if (any_left_out) {
    for (std::size_t k = 0; k < h.regions; ++k) {
      if (w.has_source[k] && w.has_reaction[k]) continue;
      for (std::size_t e = h.region_begin[k]; e < h.region_begin[k + 1]; ++e) {
        const std::size_t i = h.region_cells[e];
        L0.active[i] = 0;
        react[i] = 1.0;  // any positive value keeps the coarse levels definite; unused on this level
        if (!w.has_source[k]) x[i] = 0.0;
      }
    }
    w.active_changed = true;
  }
  h.update_reaction();
  st.bytes += traffic::reaction_update(h);

  r_.resize(n);
  z_.resize(n);
  p_.resize(n);
  q_.resize(n);
  double *r = r_.data(), *z = z_.data(), *p = p_.data(), *q = q_.data();
  const double target = tol * tol * b2;

  // Inactive cells hold 0, except in regions without a steady state, which keep whatever they held
  // (maybe inf or NaN); such a region can touch an active one across the corner of a bone voxel.
  sd::residual(h, x, b, r, any_ill_posed);
  double rr = sd::dot(r, r, n);
  st.bytes += traffic::residual(n) + traffic::dot(n, 1);
  if (!std::isfinite(rr)) {  // a warm start holding inf or NaN: start from 0 instead
    for_each_cell(n, [&](std::size_t i) {
      if (L0.active[i]) x[i] = 0.0;
    });
    sd::residual(h, x, b, r, any_ill_posed);
    rr = sd::dot(r, r, n);
  }
  int it = 0;
  bool done = rr <= target;
  if (!done && max_it_ > 0) {
    const std::uint64_t vcycle_bytes = traffic::vcycle(h);
    sd::vcycle(h, r, z);
    double rz = sd::dot(r, z, n);
    std::copy(z, z + n, p);
    st.bytes += vcycle_bytes + traffic::dot(n, 2) + traffic::copy(n);
    while (it < max_it_) {
      const double pq = sd::apply_dot(h, p, q);
      st.bytes += traffic::apply(n);
      if (!(pq > 0.0) || !(rz > 0.0)) break;
      rr = sd::update_solution(x, r, p, q, rz / pq, n);
      st.bytes += traffic::update_solution(n);
      ++it;
      if (rr <= target) {
        // Confirm with the true residual (the recurrence drifts by round-off); go on from it if needed.
        sd::residual(h, x, b, r, any_ill_posed);
        rr = sd::dot(r, r, n);
        st.bytes += traffic::residual(n) + traffic::dot(n, 1);
        if (rr <= target) {
          done = true;
          break;
        }
      }
      sd::vcycle(h, r, z);
      const double rz_new = sd::dot(r, z, n);
      sd::update_direction(p, z, rz_new / rz, n);
      st.bytes += vcycle_bytes + traffic::dot(n, 2) + traffic::update_direction(n);
      rz = rz_new;
    }
  }
  if (!done) {
    sd::residual(h, x, b, r, any_ill_posed);
    rr = sd::dot(r, r, n);
    st.bytes += traffic::residual(n) + traffic::dot(n, 1);
  }
  if (any_ill_posed)
    for (std::size_t k = 0; k < h.regions; ++k)
      if (w.has_source[k] && !w.has_reaction[k]) rr += region_residual2(h, k, b, x);
  st.iterations = it;
  st.residual = std::sqrt(rr / b2);
  st.converged = rr <= target;
  return st;
}

}  // namespace marrow
