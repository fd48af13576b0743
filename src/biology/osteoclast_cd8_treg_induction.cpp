// Rule osteoclast_cd8_treg_induction: osteoclasts present antigen to CD8 T cells and induce FoxP3 in
// them, giving CD8 regulatory T cells (seed, "OC modulates T cell activity": OCs present antigenic
// peptides and originate FoxP3+ CD8 Tregs; in periprosthetic tissue OCs later activate FoxP3 CD8 T
// cells). The antigen load at the osteoclast raises its presentation, counted as for DCs and monocytes
// (tcell_support.hpp antigen_load: antigen, wear debris and the weighted bacterial products of a TLR
// stimulus):
//   rate = k_treg x sum over osteoclasts j in contact of (b + occ(L_j, K_A)),
//   L_j = antigen_j + wear_j + w_bac TLR-ligand_j
// CD8 -> CD8 FoxP3 Treg at that rate.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.osteoclast_cd8_treg_induction.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/day", 0.5, 0, 1000,
             "assumed: FoxP3 induction in CD8 cells co-cultured with OCs within days",
             "induction rate per osteoclast in contact with saturating antigen"),
    real(P + "basal_presentation", 0.2, 0, 10, "assumed: OCs present self antigen without foreign antigen",
         "presentation by an osteoclast without antigen, relative to saturating antigen"),
    quantity(P + "k_antigen", "pM", 10, 1e-6, 1e6, "assumed: as t_cell_antigen_activation",
             "half-saturation of the antigen (plus wear-particle) load at the osteoclast"),
};

class OsteoclastCd8TregInduction final : public Rule {
 public:
  explicit OsteoclastCd8TregInduction(const ResolvedConfig& c)
      : k_(c.number(P + "rate")),
        b_(c.number(P + "basal_presentation")),
        k_ag_(c.number(P + "k_antigen")),
        w_bac_(c.number("rules.t_cell_antigen_activation.bacterial_antigen_weight")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    Intent& in = ctx.intents[i];
    if (!is_tcell(a, i, TState::Cd8) || in.die || in.change) return;
    double presentation = 0;
    for_each_contact(s, i, [&](std::size_t j) {
      if (a.cell_type(j) != CellType::Osteoclast) return;
      presentation += b_ + occupancy(antigen_load(s, j, w_bac_), k_ag_);
    });
    if (presentation <= 0) return;
    RandomStream r = ctx.stream(Stream::TCellActivation, a.id[i]);
    if (r.event(per_tick(k_ * presentation, ctx.dt_h))) become(in, CellType::TCell, code(TState::Cd8Treg));
  }

 private:
  double k_, b_, k_ag_, w_bac_;
};

}  // namespace
MARROW_RULE(OsteoclastCd8TregInduction, "osteoclast_cd8_treg_induction", 60);
}  // namespace marrow::bio
