// Rule ifng_precursor_block: IFN-gamma acts directly on maturing osteoclasts to block their formation
// (seed, "Cytokines and OC formation": anti-osteoclastogenic in vitro and in nude mice; it directly
// blocks OC formation by targeting maturing OCs; Takayanagi et al. 2000, Nature: IFN-gamma signalling
// degrades TRAF6 and so interrupts RANK signalling). Its indirect, pro-osteoclastogenic route through
// antigen presentation and T-cell activation belongs to the T-cell rules. For OC precursors and
// pre-osteoclasts with the IFN-gamma receptor:
//   differentiation_gain *= 1 / (1 + b occ_n(IFN-g, K))   (precursors)
//   fusion_gain          *= 1 / (1 + b occ_n(IFN-g, K))   (pre-osteoclasts)
// with occ_n(c, K) = c^n / (c^n + K^n): a switch-like response, so that the block acts at the
// concentrations that suppress osteoclastogenesis in culture and in inflamed marrow, not at the basal
// marrow level (~1-2 pM) where with n = 1 and b = 9 it had cut osteoclasts by about half.
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
    real(P + "hill", 2.0, 1.0, 8.0,
         "assumed: IFN-gamma suppresses osteoclastogenesis at about 1 ng/mL (Takayanagi 2000), not at basal marrow "
         "levels (~1-2 pM here); n = 1 gave a basal block of about half the osteoclasts (docs/model.md)",
         "Hill coefficient of the block's IFN-gamma response"),
};

class IfngPrecursorBlock final : public Rule {
 public:
  explicit IfngPrecursorBlock(const ResolvedConfig& c)
      : k_(c.number(P + "k_ifng")), b_(c.number(P + "block")), n_(c.number(P + "hill")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!oc_precursor_or_preoc(a, i) || lacks(s, i, kGenoIfngrKo)) return;
    const float g = static_cast<float>(1.0 / (1.0 + b_ * hill_occupancy(signal_at(s, kIfng, i), k_, n_)));
    if (a.cell_type(i) == CellType::PreOsteoclast) a.fusion_gain[i] *= g;
    else a.differentiation_gain[i] *= g;
  }

 private:
  double k_, b_, n_;
};

}  // namespace
MARROW_RULE(IfngPrecursorBlock, "ifng_precursor_block", 270);
}  // namespace marrow::bio
