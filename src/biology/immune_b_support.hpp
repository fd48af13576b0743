#pragma once
// Helpers shared by the B-cell, dendritic-cell and monocyte-subset rules (docs/model.md, "B cells,
// dendritic cells and monocyte subsets"): marrow volume, births at random free marrow voxels, and the
// mean receptor occupancy of a field over the marrow (what the circulating pool senses of a milieu).
#include "rule_support.hpp"

namespace marrow::bio::immune_b {

inline std::size_t marrow_voxels(const SimState& s) {
  std::size_t m = 0;
  for (auto v : s.bone.solid) m += !v;
  return m;
}

inline double marrow_mm3(const SimState& s) {
  return static_cast<double>(marrow_voxels(s)) * s.grid.voxel_volume_um3() * 1e-9;
}

// Adds an agent at a random free marrow voxel (up to 20 tries, as monocyte_recruitment does) and marks the
// voxel occupied; returns its index, or -1 when no free voxel was found. For births in resolve().
inline std::int64_t add_at_random_free_voxel(SimState& s, RandomStream& r, CellType t, std::uint8_t state,
                                             std::int64_t tick) {
  const GridSpec& g = s.grid;
  for (int attempt = 0; attempt < 20; ++attempt) {
    const std::size_t v = static_cast<std::size_t>(r.uniform() * g.size());
    if (s.bone.solid[v] || s.occupant[v] >= 0) continue;
    const std::size_t i = s.agents.add(t, state, int(v % g.nx), int((v / g.nx) % g.ny),
                                       int(v / (std::size_t(g.nx) * g.ny)), tick);
    s.occupant[v] = static_cast<std::int32_t>(i);
    return static_cast<std::int64_t>(i);
  }
  return -1;
}

// Mean over marrow voxels of the occupancy c/(c + K) of field f as receptors sense it (signal_scale).
inline double mean_marrow_occupancy(const SimState& s, FieldId f, double k_half) {
  const auto& c = s.fields.c[f];
  const double scale = s.host.signal_scale[f];
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t v = 0; v < c.size(); ++v)
    if (!s.bone.solid[v]) {
      sum += occupancy(c[v] * scale, k_half);
      ++n;
    }
  return n ? sum / static_cast<double>(n) : 0.0;
}

inline bool is_b(const AgentStore& a, std::size_t i, BState st) {
  return a.cell_type(i) == CellType::BCell && a.state[i] == static_cast<std::uint8_t>(st);
}

// Sets the lineage bits of agents of type t (and state st, or any state when st < 0) that have none yet.
inline void mark_lineage(SimState& s, CellType t, int st, std::uint8_t bit) {
  AgentStore& a = s.agents;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.cell_type(i) == t && (st < 0 || a.state[i] == st) && a.lineage[i] == 0) a.lineage[i] = bit;
}

}  // namespace marrow::bio::immune_b
