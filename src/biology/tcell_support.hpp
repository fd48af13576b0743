#pragma once
// Helpers shared by the T-cell rules (docs/model.md "T cells"): state tests, contact counts and the
// marrow volume. Random streams: every T-cell rule that draws for an agent uses its own (stream,
// entity) pair, so that no two rules share draws:
//   TCellLife (agent id)             t_cell_lifespan
//   TCellLife (entity 0)             thymic_output (entries, a tick-level draw; agent ids start at 1)
//   TCellLife (tcell_substream(id,1)) il7_lymphocyte_expansion (division)
//   TCellLife (tcell_substream(id,2)) t_cell_antigen_proliferation (division)
//   TCellActivation (agent id)       t_cell_antigen_activation (naive CD4), osteoclast_cd8_treg_induction (CD8)
//   ImmuneMisc1 (agent id)           th17_differentiation (naive CD4), rankl_rank_reverse_signal (effector, Th17)
//   ImmuneMisc2 (agent id)           cd8_treg_suppression
// Rules that share a stream draw for disjoint states (states as at the start of the tick).
#include <cstdint>
#include <string>

#include "rule_support.hpp"

namespace marrow::bio {

inline constexpr std::uint8_t code(TState s) { return static_cast<std::uint8_t>(s); }

inline bool is_tcell(const AgentStore& a, std::size_t i, TState s) {
  return a.cell_type(i) == CellType::TCell && a.state[i] == code(s);
}

// A separate sub-stream of a stream for an agent: the entity key with a tag in its high bits (agent ids
// stay far below 2^48), so the draws are independent of the agent's own draws on that stream.
inline std::uint64_t tcell_substream(std::uint64_t id, unsigned tag) { return id | (std::uint64_t(tag) << 48); }

// Number of agents in contact with agent i for which pred(j) holds.
template <class Pred>
int count_contacts(const SimState& s, std::size_t i, Pred&& pred) {
  int n = 0;
  for_each_contact(s, i, [&](std::size_t j) { n += pred(j) ? 1 : 0; });
  return n;
}

// A T cell's division intent: the daughter keeps the cell's state (or the state it takes this tick) and
// goes to a free face neighbour chosen with r.
inline void divide_t_cell(Intent& in, const AgentStore& a, std::size_t i, RandomStream& r) {
  in.divide = 1;
  in.daughter_type = static_cast<std::uint8_t>(CellType::TCell);
  in.daughter_state = in.change ? in.new_state : a.state[i];
  in.choice = static_cast<std::uint32_t>(r.below(1 << 16));
}

// The foreign antigen load a presenting cell j shows (pM-equivalent): soluble antigen, wear debris and,
// weighted by w_bac (t_cell_antigen_activation.bacterial_antigen_weight), the bacterial products of a TLR
// stimulus. Shared by the presentation of DCs and monocytes and by that of osteoclasts.
inline double antigen_load(const SimState& s, std::size_t j, double w_bacterial) {
  return field_at(s, kAntigen, j) + field_at(s, kWear, j) + w_bacterial * field_at(s, kTlrLigand, j);
}

// Antigen presentation to a T cell by the DCs and monocytes in contact (t_cell_antigen_activation's
// settings, shared by t_cell_antigen_proliferation):
//   P = sum over DCs and monocytes j in contact of  w_type mhc2_j (b_self + occ(L_j, K_A)),
//   L_j = antigen_j + wear_j + w_bac TLR-ligand_j
struct Presentation {
  double w_dc, w_mono, k_antigen, self_antigen, w_bacterial;
  explicit Presentation(const ResolvedConfig& c)
      : w_dc(c.number(kKey + "dendritic_weight")),
        w_mono(c.number(kKey + "monocyte_weight")),
        k_antigen(c.number(kKey + "k_antigen")),
        self_antigen(c.number(kKey + "self_antigen")),
        w_bacterial(c.number(kKey + "bacterial_antigen_weight")) {}
  double at(const SimState& s, std::size_t i) const {
    const AgentStore& a = s.agents;
    double p = 0;
    for_each_contact(s, i, [&](std::size_t j) {
      const CellType t = a.cell_type(j);
      const double w = t == CellType::Dendritic ? w_dc : t == CellType::Monocyte ? w_mono : 0.0;
      if (w == 0.0) return;
      p += w * a.mhc2[j] * (self_antigen + occupancy(antigen_load(s, j, w_bacterial), k_antigen));
    });
    return p;
  }

 private:
  inline static const std::string kKey = "rules.t_cell_antigen_activation.";
};

}  // namespace marrow::bio
