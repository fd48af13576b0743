// Rule tlr_b_cell_rankl: B cells as a RANKL source. In periodontal inflammation B lymphocytes up-regulate
// RANKL through Toll-like receptor pathways (seed, "Inflammation and bone loss"); activated B cells
// over-express RANKL (seed, "OC modulates T cell activity", last paragraph); RANKL on lymphocytes rises
// in estrogen deficiency (seed, same section: RANKL on lymphocytes and stromal cells is elevated and
// tracks serum estrogen inversely; VALIDATION.md S17: 2-3 fold per cell in women).
//   resting -> TLR-activated at k_act * TLR/(TLR + K_TLR)
//   RANKL secretion per cell = q * (1 + w_R (1 - E)),  q = q_basal (resting), q_act (TLR-activated)
// B220+IgM- precursors make none. B cells lacking RANKL (genotype rankl_deleted_in_b_cells) make none.
#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.tlr_b_cell_rankl.";
const SettingRegistrar kSettings{
    quantity(P + "activation", "1/day", 0.5, 0, 100,
             "assumed: B cells respond to TLR ligands within a day or two",
             "maximal TLR activation rate of a resting B cell, k_act"),
    quantity(P + "k_tlr", "pM", 10, 1e-6, 1e6, "assumed", "TLR-ligand half-saturation of B-cell activation"),
    quantity(P + "basal_rankl", "zmol/h", 0.02, 0, 1e6,
             "assumed: low, below a stromal cell's (stromal_osteoblast_cytokines.stromal_rankl 0.03)",
             "RANKL secretion of a resting B cell, estrogen replete"),
    quantity(P + "activated_rankl", "zmol/h", 5, 0, 1e6,
             "assumed: TLR-activated B cells over-express RANKL (seed ref. 71), here ~250x basal, about a sixth "
             "of a retracted lining cell",
             "RANKL secretion of a TLR-activated B cell"),
    real(P + "estrogen_weight", 1.5, 0, 100,
         "Eghbali-Fatourechi 2003 (seed ref. 16; VALIDATION.md S17): RANKL per B cell 2-3 fold higher in "
         "estrogen deficiency",
         "relative rise of B-cell RANKL at zero estrogen, w_R"),
};

class TlrBCellRankl final : public Rule {
 public:
  explicit TlrBCellRankl(const ResolvedConfig& c)
      : k_act_(c.number(P + "activation")),
        k_tlr_(c.number(P + "k_tlr")),
        q_basal_(c.number(P + "basal_rankl")),
        q_act_(c.number(P + "activated_rankl")),
        w_r_(c.number(P + "estrogen_weight")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::BCell) return;
    const auto st = static_cast<BState>(a.state[i]);
    if (st == BState::Precursor) return;
    Intent& in = ctx.intents[i];
    const bool activated = st == BState::TlrActivated;
    if (st == BState::Resting && !in.die) {
      RandomStream r = ctx.stream(Stream::BCellActivation, a.id[i]);
      if (r.event(per_tick(k_act_ * occupancy(signal_at(s, kTlrLigand, i), k_tlr_), ctx.dt_h))) {
        become(in, CellType::BCell, static_cast<std::uint8_t>(BState::TlrActivated));
      }
    }
    if (lacks(s, i, kGenoRanklKo)) return;
    const double q = (activated ? q_act_ : q_basal_) * (1.0 + w_r_ * (1.0 - s.host.estrogen));
    a.secretion[kRankl][i] += static_cast<float>(q);
  }

 private:
  double k_act_, k_tlr_, q_basal_, q_act_, w_r_;
};

}  // namespace
MARROW_RULE(TlrBCellRankl, "tlr_b_cell_rankl", 220);
}  // namespace marrow::bio
