#pragma once
// Quasi-steady-state cytokine field solver.
//
// Each tick (1 h) is long against a cytokine's relaxation time (minutes), so each field is solved to its
// steady state for the tick's sources and sinks:
//
//     -D * lap(c) + (k_decay + k_uptake(x)) * c = S(x)      in marrow voxels
//     zero flux across the domain faces and across faces shared with solid (bone) voxels
//
// discretised by finite volumes on the voxel grid with the isotropic 27-point stencil (the isotropic 9-point
// one when nz == 1; see docs/solver.md). Solid voxels carry no concentration (their value is set to 0 and
// they take no part in the system).
// The solve is warm-started from the values already in `c` (the previous tick's field).
// Results are bit-identical for any thread count (fixed partition of reductions).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "marrow/grid.hpp"

namespace marrow {

struct FieldProblem {
  GridSpec grid;
  const std::uint8_t* solid = nullptr;  // size grid.size(); 1 = bone (impermeable). nullptr = no solid.
  double diffusivity = 0.0;             // D, um^2/s
  double decay = 0.0;                   // k_decay, 1/s, in every marrow voxel
  const double* uptake = nullptr;       // k_uptake(x), 1/s, per voxel (receptor uptake by cells); nullable
  const double* source = nullptr;       // S(x), pM/s, per voxel; nullable
  double tolerance = 0.0;               // relative residual for this solve; 0 = the solver's own
};

struct SolveStats {
  int iterations = 0;
  double residual = 0.0;  // final relative residual ||b - A c|| / ||b|| (0 if b == 0)
  bool converged = false;
  // Bytes the solve's kernels must stream (each array read or written once per kernel pass; see
  // src/core/solver/traffic.cpp): the memory-bandwidth floor of this solve as it ran.
  std::uint64_t bytes = 0;
};

class SteadyStateSolver {
 public:
  explicit SteadyStateSolver(double relative_tolerance = 1e-8, int max_iterations = 500);
  // Solves FieldProblem in place in c (size grid.size()); c holds the warm start on entry.
  // Bone voxels come out 0, and so does a marrow region sealed off by bone that holds no source. With
  // k_decay == 0, a region without uptake that holds a source has no steady state: it is left as it was
  // and converged is false. Throws std::invalid_argument for h <= 0, D < 0 or k_decay < 0.
  // The multigrid setup depends only on the grid and solid mask, so one solver can serve every field of a
  // tick in turn; a solver is not safe to use from two threads at once (copies are independent).
  SolveStats solve(const FieldProblem& problem, std::vector<double>& c);

 private:
  // The multigrid hierarchy and scratch vectors, kept between calls while the grid and solid mask are
  // unchanged; defined with the implementation.
  struct Workspace;
  // Owns the Workspace. A copy starts with an empty one (rebuilt on first use), so copies of a solver
  // never share scratch memory and may run concurrently.
  class WorkspacePtr {
   public:
    WorkspacePtr() = default;
    WorkspacePtr(const WorkspacePtr&) {}
    WorkspacePtr& operator=(const WorkspacePtr&) { return *this; }
    WorkspacePtr(WorkspacePtr&& other) noexcept : p_(other.p_) { other.p_ = nullptr; }
    WorkspacePtr& operator=(WorkspacePtr&& other) noexcept;
    ~WorkspacePtr();
    Workspace& get();

   private:
    Workspace* p_ = nullptr;
  };

  double tol_;
  int max_it_;
  WorkspacePtr ws_;
  std::vector<double> r_, z_, p_, q_;  // PCG vectors, reused between calls
};

}  // namespace marrow
