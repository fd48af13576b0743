// Rule il7_lymphocyte_expansion: IL-7 raises T-cell number and reactivity, and up-regulates the
// osteoclastogenic cytokines that T cells make (seed, "Cytokines and OC formation": IL-7 enhances B and
// T cell number and reactivity to antigen and raises T-cell RANKL; IL-7 blockade suppresses T-cell
// expansion and TNF and IFN-g production). For every T cell, with f_7 = occ(IL-7, K_7):
//   division at k_div f_7 (daughter in the same state, into a free face neighbour) while divisions < n_max
//   secretion of RANKL and IFN-g x (1 + g f_7)      (after t_cell_cytokine_profiles)
// TNF per cell is left alone: after OVX marrow IL-7 rises, yet TNF per TNF-producing T cell does not
// (Cenci 2000; VALIDATION.md S09), so IL-7 raises T-cell TNF only through more T cells.
// IL-7 production (stromal cells, DCs) and B-cell expansion belong to other rules.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.il7_lymphocyte_expansion.";
const SettingRegistrar kSettings{
    quantity(P + "k_il7", "pM", 50, 1e-6, 1e6,
             "assumed: well above basal marrow IL-7 (~2.5 pM), so that basal homeostatic division (~1% of T cells "
             "a day) stays below T-cell loss and the pool is steady; raised IL-7 (OVX, dosing) expands it",
             "IL-7 half-saturation of the T-cell response"),
    quantity(P + "division_rate", "1/day", 0.2, 0, 100,
             "assumed: IL-7-driven homeostatic proliferation, about one division in five days at saturation",
             "maximal T-cell division rate driven by IL-7"),
    integer(P + "max_divisions", 3, 0, 1000, "assumed: bounded homeostatic expansion (at most 8-fold per entrant)",
            "divisions after which a T cell no longer divides"),
    real(P + "secretion_gain", 1.0, 0, 100, "assumed: IL-7 about doubles T-cell RANKL and IFN-g at saturation (TNF per cell unchanged: Cenci 2000)",
         "relative rise of T-cell RANKL and IFN-gamma secretion at saturating IL-7"),
};

class Il7LymphocyteExpansion final : public Rule {
 public:
  explicit Il7LymphocyteExpansion(const ResolvedConfig& c)
      : k_(c.number(P + "k_il7")),
        rate_(c.number(P + "division_rate")),
        max_div_(static_cast<int>(c.integer(P + "max_divisions"))),
        gain_(c.number(P + "secretion_gain")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::TCell) return;
    const double f7 = occupancy(signal_at(s, kIl7, i), k_);
    if (f7 <= 0) return;
    const float boost = static_cast<float>(1.0 + gain_ * f7);
    for (FieldId f : {kRankl, kIfng}) a.secretion[f][i] *= boost;
    Intent& in = ctx.intents[i];
    if (in.die || in.divide || a.divisions[i] >= max_div_) return;
    RandomStream r = ctx.stream(Stream::TCellLife, tcell_substream(a.id[i], 1));
    if (r.event(per_tick(rate_ * f7, ctx.dt_h))) divide_t_cell(in, a, i, r);
  }

 private:
  double k_, rate_;
  int max_div_;
  double gain_;
};

}  // namespace
MARROW_RULE(Il7LymphocyteExpansion, "il7_lymphocyte_expansion", 45);
}  // namespace marrow::bio
