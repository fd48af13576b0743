// Rule il1_stromal_rankl: IL-1, whose production rises after the menopause, enhances RANKL expression by
// marrow stromal cells (seed, "Cytokines and OC formation"). For stromal cells and osteoblasts (past the
// precursor state), after their base secretion:
//   RANKL *= 1 + g occ(IL-1, K)
// IL-1 is read through signal_at, so an IL-1 receptor antagonist (treatments.il1ra) lowers the effect.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.il1_stromal_rankl.";
const SettingRegistrar kSettings{
    quantity(P + "k_il1", "pM", 20, 1e-6, 1e7,
             "assumed: IL-1 acts at tens of pM (IL-1R1 binds IL-1 with sub-nM affinity)",
             "IL-1 half-saturation of IL-1R1 signalling in stromal cells and osteoblasts"),
    real(P + "rankl_gain", 1.5, 0, 1e3, "assumed: IL-1 raises stromal RANKL about 2.5-fold at saturation",
         "relative rise of stromal and OB RANKL secretion at saturating IL-1"),
};

class Il1StromalRankl final : public Rule {
 public:
  explicit Il1StromalRankl(const ResolvedConfig& c) : k_(c.number(P + "k_il1")), g_(c.number(P + "rankl_gain")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!secreting_stroma(a, i)) return;
    a.secretion[kRankl][i] *= static_cast<float>(1.0 + g_ * occupancy(signal_at(s, kIl1, i), k_));
  }

 private:
  double k_, g_;
};

}  // namespace
MARROW_RULE(Il1StromalRankl, "il1_stromal_rankl", 125);
}  // namespace marrow::bio
