#pragma once
// Internal to the field solver: the operator that is solved (the isotropic 27-point finite-volume stencil
// on the voxel grid), the multigrid hierarchy used to precondition conjugate gradients, and the kernels
// that act on them. Shared by the solver's source files only.
//
// The preconditioner's system on every level is the 7-point finite-volume balance of each cell, scaled
// by 1/(D h):
//     sum_faces g_f (c_i - c_j) + r_i c_i = b_i
// with face conductance g (1 on the finest level between two marrow voxels, 0 across bone and domain
// faces) and reaction r_i = (k_decay + k_uptake) h^2 / D. Coarse levels merge 2 cells per coarsened
// direction; their conductances are the sums of the fine face conductances across a coarse face divided by
// the coarsening factor along the face normal (the coarse distance between centres doubles), and their
// reaction is the sum of the children's, so bone stays impermeable on every level.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "marrow/grid.hpp"

namespace marrow::solver_detail {

// Cells are stored x fastest, like GridSpec. A line is the row of nx cells with fixed (y, z); line
// j = y + ny * z starts at j * nx. Parallel loops and reductions run over fixed blocks of lines.
struct Level {
  int nx = 1, ny = 1, nz = 1;
  std::size_t n = 0;
  int fx = 1, fy = 1, fz = 1;  // coarsening factor (1 or 2) from this level to the next one
  bool unit = false;           // finest level: conductance 1 between two active cells, stored implicitly
  std::vector<double> cx, cy, cz;    // coarse levels: conductance to the +x, +y, +z neighbour (0 at walls)
  std::vector<double> csum;          // sum of the cell's face conductances
  std::vector<std::uint8_t> active;  // 1 = the cell is an unknown of the system
  std::vector<double> react;         // reaction term, set per solve
  std::vector<double> diag;          // csum + react
  std::vector<double> inv_diag;      // 1 / diag on active cells, 0 elsewhere
  std::vector<double> x, b;          // V-cycle vectors (coarse levels only)
  std::vector<double> zeros;         // nx zeros: stands for the neighbour line beyond a domain face
  std::size_t grain = 1;             // lines per block

  std::size_t lines() const { return std::size_t(ny) * std::size_t(nz); }
};

// Direct solver for the coarsest level (a few dozen cells): dense Cholesky factor.
struct DenseCholesky {
  int n = 0;
  std::vector<double> l;  // n x n, row-major, lower triangle used
  std::vector<double> y;  // scratch
  std::vector<std::uint8_t> unknown;  // 0: inactive cell, identity row, solution 0
  void factor(const Level& level);
  void solve(const double* b, double* x);  // x = A^-1 b
};

// The operator that conjugate gradients solves (isotropic_operator.cpp): the balance of marrow voxel i,
// scaled by 1/(D h), is sum_j g_ij (c_i - c_j) + r_i c_i = b_i over its 26 neighbours j, with the
// conductances of the isotropic 27-point Laplacian (Patra & Karttunen 2006: 7/15 to a face neighbour,
// 1/10 to an edge neighbour, 1/30 to a corner neighbour, in the bulk). The conductances are assembled
// from the 2x2x2 blocks of voxels (docs/solver.md): a link only ever joins two voxels whose whole
// bounding box is marrow, and the weight of a link that bone or the domain boundary closes goes to its
// open projections, so that flux along a flat wall is unchanged. The conductances depend only on the
// marrow mask of the voxel's 3x3x3 neighbourhood; each distinct one is stored once (a row pattern).
// g_ij == g_ji exactly (integer arithmetic), and the matrix is symmetric positive definite.
struct FineOperator {
  static constexpr double kUnit = 5760.0;             // conductances are integers in units of 1 / kUnit
  static constexpr std::uint32_t kBulk = 0;           // pattern of a voxel whose 26 neighbours are all marrow
  static constexpr std::uint32_t kNone = UINT32_MAX;  // "pattern" of a bone voxel
  int nx = 1, ny = 1, nz = 1;
  std::vector<std::uint32_t> row;  // per voxel: its row pattern
  // Pattern k: g[27 k + j] is the conductance, in units of 1 / kUnit, to neighbour j = (dx + 1) +
  // 3 (dy + 1) + 9 (dz + 1) (0 for the voxel itself and for neighbours it is not linked to), and gsum[k]
  // the sum of the conductances. These are integers below 2^16, exact as floats (which halve the cache
  // footprint of doubles and convert in one instruction). Pattern 0 is the bulk one, also evaluated by a
  // specialised kernel with the conductances g_face, g_edge, g_corner.
  std::vector<float> g;
  std::vector<double> gsum;
  double g_face = 0.0, g_edge = 0.0, g_corner = 0.0;
  std::vector<double> diag;  // per voxel: gsum + reaction, set per solve

  void build(const Level& fine, const std::vector<std::uint8_t>& marrow);
  // sum_j g_ij x_j over the neighbours of marrow voxel i.
  double off_sum(std::size_t i, const double* x) const;
};

struct Hierarchy {
  FineOperator op;            // the operator solved on the voxel grid
  std::vector<Level> levels;  // finest first; the 7-point preconditioner
  DenseCholesky coarse;
  std::vector<std::uint8_t> marrow;      // finest level: 1 = marrow voxel
  // Connected marrow regions (6-neighbour connectivity): the voxels of region k, ascending, are
  // region_cells[region_begin[k] .. region_begin[k + 1]).
  std::size_t regions = 0;
  std::vector<std::size_t> region_begin;
  std::vector<std::uint32_t> region_cells;
  // What the hierarchy was built for.
  int nx = 0, ny = 0, nz = 0;
  bool has_solid = false;
  std::vector<std::uint8_t> solid_copy;

  bool matches(const GridSpec& grid, const std::uint8_t* solid) const;
  void build(const GridSpec& grid, const std::uint8_t* solid);
  // From levels[0].react and levels[0].active: diagonals of the operator and of every level, and the
  // coarse factor.
  void update_reaction();
};

// The operator A of the voxel grid (h.op, masked by levels[0].active) on whole vectors (stencil.cpp).
// Values on inactive cells are kept 0. An inactive cell diagonally across bone from an active one enters
// A x with conductance 0, as 0 * x: x must be finite there, unless guarded is set (a little slower).
double apply_dot(const Hierarchy& h, const double* x, double* y);  // y = A x, returns (x, y)
void residual(const Hierarchy& h, const double* x, const double* b, double* r, bool guarded);  // r = b - A x

// One symmetric V-cycle with zero initial guess: z = M r (vcycle.cpp). M approximates the inverse of the
// 7-point operator of levels[0], which is spectrally equivalent to A (same reaction, face conductance 1
// instead of A's 27-point conductances, same connected regions).
void vcycle(Hierarchy& h, const double* r, double* z);

// Vector operations with a fixed partition, so that sums do not depend on the thread count (vector_ops.cpp).
double dot(const double* a, const double* b, std::size_t n);
// x += alpha p, r -= alpha q; returns (r, r).
double update_solution(double* x, double* r, const double* p, const double* q, double alpha, std::size_t n);
// p = z + beta p
void update_direction(double* p, const double* z, double beta, std::size_t n);

}  // namespace marrow::solver_detail
