#pragma once
// Helpers shared by the B-cell, dendritic-cell and monocyte-subset rules (docs/model.md, "B cells,
// dendritic cells and monocyte subsets"): the mean receptor occupancy of a field over the marrow (what the circulating pool senses of a milieu).
#include "rule_support.hpp"

namespace marrow::bio::immune_b {

// Mean over marrow voxels of the occupancy c/(c + K) of field f as receptors sense it (signal_scale), or of
// the Hill occupancy c^n/(c^n + K^n) for a switch-like response (n != 1).
inline double mean_marrow_occupancy(const SimState& s, FieldId f, double k_half, double hill = 1.0) {
  const auto& c = s.fields.c[f];
  const double scale = s.host.signal_scale[f];
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t v = 0; v < c.size(); ++v)
    if (!s.bone.solid[v]) {
      sum += hill_occupancy(c[v] * scale, k_half, hill);  // the graded form itself at n = 1
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
