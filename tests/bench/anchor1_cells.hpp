#pragma once
// anchor1: the cells. PhysiCell 1.14 mechanics with its defaults, every 0.1 min:
//  - persistent motility: each cell keeps its motility vector (speed x direction) and draws a new
//    uniform direction with probability dt_mech / persistence_time (always when the persistence time
//    is below dt_mech); the vector starts at zero, as in PhysiCell, until the first draw;
//  - cell-cell potentials (Cell::add_potentials): repulsion s_r (1 - d/R)^2 for d < R = r_i + r_j,
//    adhesion -s_a (1 - d/S)^2 for d < S = 1.25 (r_i + r_j), along the line between the centres;
//  - the virtual wall at the domain edge (standard_domain_edge_avoidance_interactions): 100 (1 - d/r)^2
//    away from the nearest face within one radius;
//  - positions integrated with Adams-Bashforth 2 (x += dt (1.5 v - 0.5 v_prev)), every velocity from
//    the positions before the step.
// Deterministic for any thread count: each cell writes only its own velocity and position, sums run
// over neighbours in a fixed order (a cell list filled by a stable counting sort), and the draws are
// counter-based (RandomStream keyed by cell and mechanics step).
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "anchor1_lod.hpp"
#include "marrow/rng.hpp"

namespace anchor1 {

constexpr double LX = NX * H, LY = NY * H, LZ = NZ * H;

struct MechanicsOptions {
  double dt = 0.1;              // min, PhysiCell's dt_mechanics
  double speed = 1.0;           // um/min
  double persistence = 1.0;     // min
  double repulsion = 10.0;      // um/min, cell_cell_repulsion_strength
  double adhesion = 0.4;        // um/min, cell_cell_adhesion_strength
  double adhesion_range = 1.25; // relative_maximum_adhesion_distance
  bool wall = true;             // virtual_wall_at_domain_edge
  double wall_repulsion = 100;  // um/min, set by PhysiCell's wall function

  std::string describe() const {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "persistent random walk %.3g um/min, persistence %.3g min; repulsion %.3g, adhesion %.3g "
                  "within %.3g R; %s; Adams-Bashforth 2 every %.3g min",
                  speed, persistence, repulsion, adhesion, adhesion_range,
                  wall ? "virtual wall" : "no wall (held at the faces)", dt);
    return buf;
  }
};

// Stable counting sort of the items by key (< nkeys): order[start[k]..start[k+1]) are the items of key k.
inline void counting_sort(const std::vector<std::uint32_t>& key, std::size_t nkeys, std::vector<std::uint32_t>& start,
                          std::vector<std::uint32_t>& order) {
  start.assign(nkeys + 1, 0);
  for (std::uint32_t k : key) ++start[k + 1];
  for (std::size_t k = 0; k < nkeys; ++k) start[k + 1] += start[k];
  order.resize(key.size());
  for (std::uint32_t i = 0; i < key.size(); ++i) order[start[key[i]]++] = i;
  for (std::size_t k = nkeys; k > 0; --k) start[k] = start[k - 1];  // the scatter advanced each start by its count
  start[0] = 0;
}

class Cells {
 public:
  Cells(int n, double volume, std::uint64_t seed, const MechanicsOptions& opt)
      : n_(n), radius_(std::cbrt(3.0 * volume / (4.0 * M_PI))), seed_(seed), opt_(opt),
        x_(n), y_(n), z_(n), pvx_(n), pvy_(n), pvz_(n), mx_(n), my_(n), mz_(n),
        voxel_(n), bin_(n) {
    // Uniform random positions (Philox, Placement stream).
    for (int i = 0; i < n; ++i) {
      marrow::RandomStream r(seed, marrow::Stream::Placement, i, 0);
      x_[i] = r.uniform() * LX;
      y_[i] = r.uniform() * LY;
      z_[i] = r.uniform() * LZ;
    }
    // Cell list: bins at least as wide as the largest interaction distance (S = 2 x 1.25 r).
    const double reach = reach_of(opt_, radius_);
    nb_[0] = std::max(1, int(LX / reach));
    nb_[1] = std::max(1, int(LY / reach));
    nb_[2] = std::max(1, int(LZ / reach));
    sort();
  }

  const std::vector<double>& x() const { return x_; }
  const std::vector<double>& y() const { return y_; }
  const std::vector<double>& z() const { return z_; }
  const std::vector<std::uint32_t>& voxel() const { return voxel_; }

  // Voxels of the cells, grouped by voxel row (y, z) in cell order: secretion runs over rows in parallel.
  const std::vector<std::uint32_t>& row_start() const { return row_start_; }
  const std::vector<std::uint32_t>& voxel_by_row() const { return voxel_by_row_; }

  // One mechanics step (mechanics step number `tick`). A cell's new position depends on the old
  // positions only: neighbours are read from the cell list's copies, taken before the step.
  void step(std::int64_t tick) {
    const double R = 2 * radius_, S = opt_.adhesion_range * R, reach = reach_of(opt_, radius_);
    const double d1 = 1.5 * opt_.dt, d2 = -0.5 * opt_.dt;
    // In cell-list order, so that consecutive cells share their neighbours in cache.
    tbb::parallel_for(tbb::blocked_range<int>(0, n_, 512), [&](const auto& r) {
      for (int k = r.begin(); k != r.end(); ++k) {
        const int i = static_cast<int>(sorted_[k]);
        double v[3] = {0, 0, 0};
        if (opt_.wall) wall(i, v);
        contacts(k, R, S, reach, v);
        motility(i, tick);
        v[0] += mx_[i];
        v[1] += my_[i];
        v[2] += mz_[i];
        x_[i] = inside(x_[i] + d1 * v[0] + d2 * pvx_[i], LX);
        y_[i] = inside(y_[i] + d1 * v[1] + d2 * pvy_[i], LY);
        z_[i] = inside(z_[i] + d1 * v[2] + d2 * pvz_[i], LZ);
        pvx_[i] = v[0];
        pvy_[i] = v[1];
        pvz_[i] = v[2];
      }
    });
    sort();
  }

 private:
  static double reach_of(const MechanicsOptions& o, double r) { return 2 * r * std::max(1.0, o.adhesion_range); }
  static double inside(double p, double hi) { return std::clamp(p, 0.0, std::nextafter(hi, 0.0)); }

  void bin_coords(double x, double y, double z, int* b) const {
    b[0] = std::min(nb_[0] - 1, int(x * (nb_[0] / LX)));
    b[1] = std::min(nb_[1] - 1, int(y * (nb_[1] / LY)));
    b[2] = std::min(nb_[2] - 1, int(z * (nb_[2] / LZ)));
  }

  // Voxels, the cell list and the secretion order, after the positions changed (buffers are reused:
  // fresh large allocations would page-fault every mechanics step).
  void sort() {
    row_.resize(n_);
    tbb::parallel_for(tbb::blocked_range<int>(0, n_, 4096), [&](const auto& r) {
      for (int i = r.begin(); i != r.end(); ++i) {
        const int vx = std::min(NX - 1, int(x_[i] / H)), vy = std::min(NY - 1, int(y_[i] / H));
        const int vz = std::min(NZ - 1, int(z_[i] / H));
        voxel_[i] = static_cast<std::uint32_t>(vx + NX * (vy + NY * vz));
        row_[i] = static_cast<std::uint32_t>(vy + NY * vz);
        int b[3];
        bin_coords(x_[i], y_[i], z_[i], b);
        bin_[i] = static_cast<std::uint32_t>(b[0] + nb_[0] * (b[1] + nb_[1] * b[2]));
      }
    });
    counting_sort(row_, std::size_t(NY) * NZ, row_start_, order_);
    counting_sort(bin_, std::size_t(nb_[0]) * nb_[1] * nb_[2], bin_start_, sorted_);
    voxel_by_row_.resize(n_);
    sx_.resize(n_);
    sy_.resize(n_);
    sz_.resize(n_);
    tbb::parallel_for(tbb::blocked_range<int>(0, n_, 4096), [&](const auto& r) {
      for (int k = r.begin(); k != r.end(); ++k) {
        voxel_by_row_[k] = voxel_[order_[k]];
        sx_[k] = x_[sorted_[k]];
        sy_[k] = y_[sorted_[k]];
        sz_[k] = z_[sorted_[k]];
      }
    });
  }

  // PhysiCell's distance_to_domain_edge: the nearest face (first of xL, xU, yL, yU, zL, zU on a tie).
  void wall(int i, double* v) const {
    const double d[6] = {x_[i], LX - x_[i], y_[i], LY - y_[i], z_[i], LZ - z_[i]};
    const double nearest = std::min({d[0], d[1], d[2], d[3], d[4], d[5]});
    if (nearest >= radius_) return;  // most cells: one well-predicted branch
    const int f = static_cast<int>(std::find(d, d + 6, nearest) - d);
    const double s = 1.0 - nearest / radius_;
    v[f / 2] += (f % 2 ? -1.0 : 1.0) * opt_.wall_repulsion * s * s;
  }

  // Cell::add_potentials on the cell at cell-list position `self` from every other cell within reach
  // (the larger of R and S), in cell-list order. The candidates are the 3 x 3 x 3 bins around it:
  // 9 runs of 3 consecutive bins, about 14 cells, 2 of them within reach. The runs are short and of
  // random length, and most candidates are out of reach, so branching on either mispredicts: the runs
  // are concatenated by fixed-length copies and those within reach are collected without branches.
  void contacts(int self, double R, double S, double reach, double* v) const {
    if (opt_.repulsion == 0 && opt_.adhesion == 0) return;
    const double *X = sx_.data(), *Y = sy_.data(), *Z = sz_.data();
    const double px = X[self], py = Y[self], pz = Z[self], reach2 = reach * reach;
    int b[3];
    bin_coords(px, py, pz, b);
    const int x0 = std::max(b[0] - 1, 0), x1 = std::min(b[0] + 1, nb_[0] - 1);
    constexpr int kRun = 8, kCapacity = 10 * kRun;
    int cand[kCapacity];
    int nc = 0;
    auto evaluate = [&] {
      int nh = 0;
      for (int j = 0; j < nc; ++j) {  // compacts in place: hits never overtake candidates
        const int k = cand[j];
        const double dx = px - X[k], dy = py - Y[k], dz = pz - Z[k];
        cand[nh] = k;
        nh += (dx * dx + dy * dy + dz * dz < reach2) & (k != self);
      }
      potentials(cand, nh, px, py, pz, R, S, v);
      nc = 0;
    };
    for (int cz = std::max(b[2] - 1, 0); cz <= std::min(b[2] + 1, nb_[2] - 1); ++cz)
      for (int cy = std::max(b[1] - 1, 0); cy <= std::min(b[1] + 1, nb_[1] - 1); ++cy) {
        const int row = nb_[0] * (cy + nb_[1] * cz);
        int k0 = static_cast<int>(bin_start_[row + x0]);
        const int k1 = static_cast<int>(bin_start_[row + x1 + 1]);
        for (;;) {  // pieces of at most kRun (a run is longer only in a crowded neighbourhood)
          if (nc > kCapacity - kRun) evaluate();
          for (int t = 0; t < kRun; ++t) cand[nc + t] = k0 + t;  // beyond k1: overwritten or unused
          const int n = std::min(k1 - k0, kRun);
          nc += n;
          k0 += n;
          if (k0 == k1) break;
        }
      }
    evaluate();
  }

  void potentials(const int* hit, int nh, double px, double py, double pz, double R, double S, double* v) const {
    const double inv_R = 1.0 / R, inv_S = 1.0 / S;
    for (int h = 0; h < nh; ++h) {
      const int k = hit[h];
      const double dx = px - sx_[k], dy = py - sy_[k], dz = pz - sz_[k];
      const double d = std::max(std::sqrt(dx * dx + dy * dy + dz * dz), 1e-5);
      const double sr = std::max(1.0 - d * inv_R, 0.0), sa = std::max(1.0 - d * inv_S, 0.0);
      const double f = (opt_.repulsion * sr * sr - opt_.adhesion * sa * sa) / d;
      v[0] += f * dx;
      v[1] += f * dy;
      v[2] += f * dz;
    }
  }

  // Cell::update_motility_vector: a new direction with probability dt / persistence_time.
  void motility(int i, std::int64_t tick) {
    marrow::RandomStream rs(seed_, marrow::Stream::Motility, i, tick);
    if (!(rs.uniform() < opt_.dt / opt_.persistence || opt_.persistence < opt_.dt)) return;
    const double cz = 2 * rs.uniform() - 1, phi = 2 * M_PI * rs.uniform(), sz = std::sqrt(1 - cz * cz);
    mx_[i] = opt_.speed * sz * std::cos(phi);
    my_[i] = opt_.speed * sz * std::sin(phi);
    mz_[i] = opt_.speed * cz;
  }

  int n_;
  double radius_;
  std::uint64_t seed_;
  MechanicsOptions opt_;
  std::vector<double> x_, y_, z_, pvx_, pvy_, pvz_, mx_, my_, mz_;  // position, previous velocity, motility
  std::vector<std::uint32_t> voxel_, bin_;
  int nb_[3] = {1, 1, 1};
  std::vector<std::uint32_t> bin_start_, sorted_;  // cell list
  std::vector<double> sx_, sy_, sz_;               // positions in cell-list order
  std::vector<std::uint32_t> row_, order_, row_start_, voxel_by_row_;  // secretion order
};

}  // namespace anchor1
