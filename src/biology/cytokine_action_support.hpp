#pragma once
// Helpers shared by the rules of "Cytokine actions on the osteoclast and osteoblast lineages"
// (docs/model.md): which cells a cytokine acts on.
#include "rule_support.hpp"

namespace marrow::bio {

// The stromal and osteoblast-lineage cells that secrete RANKL, OPG and M-CSF this tick
// (stromal_osteoblast_cytokines): stromal cells and osteoblasts past the precursor state.
inline bool secreting_stroma(const AgentStore& a, std::size_t i) {
  const CellType t = a.cell_type(i);
  return t == CellType::Stromal ||
         (t == CellType::Osteoblast && a.state[i] != static_cast<std::uint8_t>(ObState::Precursor));
}

// Osteoclast-lineage cells before fusion: precursors (monocytes, dendritic cells, B220+ B precursors)
// and committed pre-osteoclasts. These carry RANK and the cytokine receptors that tune its signalling.
inline bool oc_precursor_or_preoc(const AgentStore& a, std::size_t i) {
  return is_oc_precursor(a, i) || a.cell_type(i) == CellType::PreOsteoclast;
}

// Default TNF switch of the three p55 responses (tnf_p55_precursor_sensitisation, tnf_p55_stromal_rankl_mcsf,
// il1_tnf_amplification): one place to move it, since the three are calibrated together (docs/model.md).
// Each rule still declares its own k_tnf and hill, so a config can set them apart.
inline constexpr double kP55SwitchHalfSaturationPm = 10.0;
inline constexpr double kP55SwitchHill = 3.0;

inline bool active_osteoblast(const AgentStore& a, std::size_t i) {
  return a.cell_type(i) == CellType::Osteoblast && a.state[i] == static_cast<std::uint8_t>(ObState::Active);
}

}  // namespace marrow::bio
