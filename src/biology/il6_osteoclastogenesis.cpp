// Rule il6_osteoclastogenesis: IL-6 supports osteoclastogenesis; it is how SOFAT's induction of
// osteoblast IL-6 could worsen bone destruction (seed, "Cytokines and OC formation": bone destruction
// through multiple IL-6-mediated events). For OC precursors:
//   differentiation_gain *= 1 + g occ(IL-6, K)
// IL-6 does not replace RANKL here: it scales a RANKL- (or SOFAT-) driven rate. (IL-6 in Th17 induction
// belongs to the T-cell rules.)
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.il6_osteoclastogenesis.";
const SettingRegistrar kSettings{
    quantity(P + "k_il6", "pM", 20, 1e-6, 1e7, "assumed: IL-6 acts at tens of pM (about 0.5 ng/mL)",
             "IL-6 half-saturation on OC precursors"),
    real(P + "gain", 1.0, 0, 1e3, "assumed: saturating IL-6 about doubles precursor differentiation",
         "relative rise of the precursor differentiation rate at saturating IL-6"),
};

class Il6Osteoclastogenesis final : public Rule {
 public:
  explicit Il6Osteoclastogenesis(const ResolvedConfig& c) : k_(c.number(P + "k_il6")), g_(c.number(P + "gain")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!is_oc_precursor(a, i)) return;
    a.differentiation_gain[i] *= static_cast<float>(1.0 + g_ * occupancy(signal_at(s, kIl6, i), k_));
  }

 private:
  double k_, g_;
};

}  // namespace
MARROW_RULE(Il6Osteoclastogenesis, "il6_osteoclastogenesis", 282);
}  // namespace marrow::bio
