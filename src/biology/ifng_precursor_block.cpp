// Rule ifng_precursor_block: IFN-gamma acts directly on maturing osteoclasts to block their formation
// (seed, "Cytokines and OC formation": anti-osteoclastogenic in vitro and in nude mice; it directly
// blocks OC formation by targeting maturing OCs; Takayanagi et al. 2000, Nature: IFN-gamma signalling
// degrades TRAF6 and so interrupts RANK signalling). Its indirect, pro-osteoclastogenic route through
// antigen presentation and T-cell activation belongs to the T-cell rules. For OC precursors and
// pre-osteoclasts with the IFN-gamma receptor:
//   differentiation_gain *= 1 / (1 + b occ(IFN-g, K))   (precursors)
//   fusion_gain          *= 1 / (1 + b occ(IFN-g, K))   (pre-osteoclasts)
// A cell lacking the receptor (kGenoIfngrKo) is not blocked.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.ifng_precursor_block.";
const SettingRegistrar kSettings{
    quantity(P + "k_ifng", "pM", 50, 1e-6, 1e7,
             "assumed: IFN-gamma suppresses RANKL-induced osteoclastogenesis at about 1 ng/mL (~60 pM dimer; "
             "Takayanagi 2000), well above basal marrow levels (~1 pM)",
             "IFN-gamma half-saturation of its receptor on OC precursors"),
    real(P + "block", 9.0, 0, 1e4,
         "assumed: saturating IFN-gamma cuts precursor differentiation and fusion about 10-fold (Takayanagi "
         "2000: strong suppression)",
         "strength of the block: rates divided by 1 + block at saturating IFN-gamma"),
};

class IfngPrecursorBlock final : public Rule {
 public:
  explicit IfngPrecursorBlock(const ResolvedConfig& c) : k_(c.number(P + "k_ifng")), b_(c.number(P + "block")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!oc_precursor_or_preoc(a, i) || lacks(s, i, kGenoIfngrKo)) return;
    const float g = static_cast<float>(1.0 / (1.0 + b_ * occupancy(signal_at(s, kIfng, i), k_)));
    if (a.cell_type(i) == CellType::PreOsteoclast) a.fusion_gain[i] *= g;
    else a.differentiation_gain[i] *= g;
  }

 private:
  double k_, b_;
};

}  // namespace
MARROW_RULE(IfngPrecursorBlock, "ifng_precursor_block", 270);
}  // namespace marrow::bio
