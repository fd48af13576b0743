// Rule il7_direct_inhibition: the direct actions of IL-7 on bone cells, apart from its T-cell-mediated
// pro-osteoclastogenic route (T-cell rules; seed, "Cytokines and OC formation": IL-7 promotes
// osteoclastogenesis by raising T-cell osteoclastogenic cytokines and rises in estrogen deficiency).
// Without T cells IL-7 acting on osteoclast precursors is taken to inhibit their differentiation (in-vitro
// reports; magnitude assumed), and IL-7 suppresses bone formation, uncoupling formation from resorption
// in estrogen deficiency (Weitzmann et al. 2002, J Clin Invest). With f = occ(IL-7, K):
//   differentiation_gain *= 1 / (1 + i f)   (OC precursors)
//   formation_gain       *= 1 / (1 + b f)   (active osteoblasts: apposition rate)
// Formation only ever refills a resorption deficit, so slower apposition delays refilling; it does not
// remove bone by itself.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.il7_direct_inhibition.";
const SettingRegistrar kSettings{
    quantity(P + "k_il7", "pM", 50, 1e-6, 1e7,
             "assumed: above basal marrow IL-7 (a few pM), reached with estrogen deficiency or dosing",
             "IL-7 half-saturation of its direct actions"),
    real(P + "precursor_inhibition", 1.0, 0, 1e3,
         "assumed: saturating IL-7 halves precursor differentiation without T cells",
         "strength of the precursor inhibition: rate divided by 1 + this at saturating IL-7"),
    real(P + "formation_inhibition", 1.0, 0, 1e3,
         "assumed: saturating IL-7 halves apposition (Weitzmann 2002: IL-7 suppresses formation in vivo)",
         "strength of the formation inhibition: apposition divided by 1 + this at saturating IL-7"),
};

class Il7DirectInhibition final : public Rule {
 public:
  explicit Il7DirectInhibition(const ResolvedConfig& c)
      : k_(c.number(P + "k_il7")), inh_(c.number(P + "precursor_inhibition")), form_(c.number(P + "formation_inhibition")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    const bool precursor = is_oc_precursor(a, i), osteoblast = active_osteoblast(a, i);
    if (!precursor && !osteoblast) return;
    const double f = occupancy(signal_at(s, kIl7, i), k_);
    if (precursor) a.differentiation_gain[i] *= static_cast<float>(1.0 / (1.0 + inh_ * f));
    else a.formation_gain[i] *= static_cast<float>(1.0 / (1.0 + form_ * f));
  }

 private:
  double k_, inh_, form_;
};

}  // namespace
MARROW_RULE(Il7DirectInhibition, "il7_direct_inhibition", 275);
}  // namespace marrow::bio
