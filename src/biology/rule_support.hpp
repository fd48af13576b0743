#pragma once
// Small helpers shared by the rules: positions, neighbourhoods, reading fields at an agent, and the
// lattice moves (random walk and chemotaxis) that rules choose between.
#include <cmath>
#include <cstddef>

#include "marrow/bone.hpp"
#include "marrow/rule.hpp"
#include "marrow/settings.hpp"

namespace marrow::bio {

inline std::size_t voxel_of(const SimState& s, std::size_t i) {
  return s.grid.index(s.agents.x[i], s.agents.y[i], s.agents.z[i]);
}
inline double field_at(const SimState& s, FieldId f, std::size_t i) { return s.fields.c[f][voxel_of(s, i)]; }
// What agent i's receptors sense of field f: the concentration scaled by any receptor antagonist dosed
// (HostState::signal_scale, e.g. IL-1Ra). Rules use this for signalling, field_at for mass balance.
inline double signal_at(const SimState& s, FieldId f, std::size_t i) {
  return field_at(s, f, i) * s.host.signal_scale[f];
}
inline bool lacks(const SimState& s, std::size_t i, GenotypeBit gene) { return (s.agents.genotype[i] & gene) != 0; }

// RANK signalling of an osteoclast-lineage cell: occupancy by the RANKL it senses (times its
// responsiveness rankl_gain), combined with RANKL-independent drive d as 1 - (1 - f_R)(1 - d).
inline double rank_signal(const SimState& s, std::size_t i, double k_rankl) {
  const double fr = occupancy(field_at(s, kRankl, i) * s.agents.rankl_gain[i], k_rankl);
  return 1.0 - (1.0 - fr) * (1.0 - s.agents.rankl_free_drive[i]);
}

// Per-tick probability helpers: rates are per day in the settings, ticks are in hours.
inline double per_tick(double rate_per_day, double dt_h) { return rate_per_day * dt_h / 24.0; }

// True when the voxel (x,y,z) is marrow and within `reach` voxels (Chebyshev) of a solid voxel.
inline bool near_bone(const SimState& s, int x, int y, int z, int reach) {
  const GridSpec& g = s.grid;
  for (int dz = -reach; dz <= reach; ++dz)
    for (int dy = -reach; dy <= reach; ++dy)
      for (int dx = -reach; dx <= reach; ++dx) {
        const int a = x + dx, b = y + dy, c = z + dz;
        if (g.contains(a, b, c) && s.bone.solid[g.index(a, b, c)]) return true;
      }
  return false;
}

// The first free marrow face-neighbour (x, y, z) of agent i, from a random start, for which accept(x, y, z)
// holds; -1 if none.
template <class Accept>
inline std::int32_t random_free_step(const SimState& s, std::size_t i, RandomStream& r, Accept&& accept) {
  const GridSpec& g = s.grid;
  const int nf = face_neighbour_count(g), start = r.below(nf);
  for (int k = 0; k < nf; ++k) {
    const auto& d = kFaceOffsets[(start + k) % nf];
    const int a = s.agents.x[i] + d[0], b = s.agents.y[i] + d[1], c = s.agents.z[i] + d[2];
    if (!g.contains(a, b, c)) continue;
    const std::size_t v = g.index(a, b, c);
    if (!s.bone.solid[v] && s.occupant[v] < 0 && accept(a, b, c)) return static_cast<std::int32_t>(v);
  }
  return -1;
}

// A free marrow face-neighbour chosen at random, or -1.
inline std::int32_t random_step(const SimState& s, std::size_t i, RandomStream& r) {
  return random_free_step(s, i, r, [](int, int, int) { return true; });
}

// The free marrow face-neighbour with the highest value of field f, if higher than here; else -1.
inline std::int32_t uphill_step(const SimState& s, std::size_t i, FieldId f) {
  const GridSpec& g = s.grid;
  const std::size_t here = voxel_of(s, i);
  double best = s.fields.c[f][here];
  std::int32_t target = -1;
  for (int k = 0; k < face_neighbour_count(g); ++k) {
    const auto& d = kFaceOffsets[k];
    const int a = s.agents.x[i] + d[0], b = s.agents.y[i] + d[1], c = s.agents.z[i] + d[2];
    if (!g.contains(a, b, c)) continue;
    const std::size_t v = g.index(a, b, c);
    if (s.bone.solid[v] || s.occupant[v] >= 0) continue;
    if (s.fields.c[f][v] > best) {
      best = s.fields.c[f][v];
      target = static_cast<std::int32_t>(v);
    }
  }
  return target;
}

// Cells that can become osteoclasts: monocytes (classical and CD16+), dendritic cells and B220+IgM-
// B-cell precursors (seed, "OC modulates T cell activity").
inline bool is_oc_precursor(const AgentStore& a, std::size_t i) {
  const CellType t = a.cell_type(i);
  return t == CellType::Monocyte || t == CellType::Dendritic ||
         (t == CellType::BCell && a.state[i] == static_cast<std::uint8_t>(BState::Precursor));
}

// Calls fn(j) for every agent j in contact with agent i (the 26 voxels around it, 8 in 2-D), in a
// fixed order. Contact is how membrane-bound signals act (membrane RANKL, CD137L, CD40L, MHC-II).
template <class Fn>
void for_each_contact(const SimState& s, std::size_t i, Fn&& fn) {
  const GridSpec& g = s.grid;
  const int x = s.agents.x[i], y = s.agents.y[i], z = s.agents.z[i];
  for (int dz = -1; dz <= 1; ++dz) {
    if (g.nz == 1 && dz != 0) continue;
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        if (!dx && !dy && !dz) continue;
        const int a = x + dx, b = y + dy, c = z + dz;
        if (!g.contains(a, b, c)) continue;
        const std::int32_t j = s.occupant[g.index(a, b, c)];
        if (j >= 0) fn(static_cast<std::size_t>(j));
      }
  }
}

inline void become(Intent& in, CellType t, std::uint8_t state) {
  in.change = 1;
  in.new_type = static_cast<std::uint8_t>(t);
  in.new_state = state;
}

// Marrow (non-solid) voxels, and the marrow volume in mm^3 (entry rates are per mm^3 of marrow).
inline std::size_t marrow_voxels(const SimState& s) {
  std::size_t m = 0;
  for (auto v : s.bone.solid) m += !v;
  return m;
}
inline double marrow_mm3(const SimState& s) {
  return static_cast<double>(marrow_voxels(s)) * s.grid.voxel_volume_um3() * 1e-9;
}

// Adds an agent at a random free marrow voxel (up to 20 tries) and marks the voxel occupied; returns its
// index, or -1 when no free voxel was found. For births from outside (entry, recruitment) in resolve().
inline std::int64_t add_at_random_free_voxel(SimState& s, RandomStream& r, CellType t, std::uint8_t state,
                                             std::int64_t tick) {
  const GridSpec& g = s.grid;
  for (int attempt = 0; attempt < 20; ++attempt) {
    const std::size_t v = static_cast<std::size_t>(r.uniform() * g.size());
    if (s.bone.solid[v] || s.occupant[v] >= 0) continue;
    const VoxelCoords c = g.coords(v);
    const std::size_t i = s.agents.add(t, state, c.x, c.y, c.z, tick);
    s.occupant[v] = static_cast<std::int32_t>(i);
    return static_cast<std::int64_t>(i);
  }
  return -1;
}

// Places `count` agents of a type at random free marrow voxels (initial populations).
void place_randomly(SimState& s, std::uint64_t seed, CellType t, std::uint8_t state, std::size_t count,
                    std::uint64_t salt);

}  // namespace marrow::bio
