// Rule il17_osteoblast_rankl: IL-17, made by the inflammatory Th17 subset, increases RANKL expression by
// osteoblasts (seed, "Inflammation and bone loss"); marrow stromal cells, of the same lineage, respond
// alike. For stromal cells and osteoblasts past the precursor state, after their base secretion:
//   RANKL *= 1 + g occ(IL-17, K)
// A cell lacking the IL-17 receptor (kGenoIl17rKo) does not respond. Anti-IL-17 (treatments.anti_il17)
// acts by clearing the field.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.il17_osteoblast_rankl.";
const SettingRegistrar kSettings{
    quantity(P + "k_il17", "pM", 20, 1e-6, 1e7, "assumed: IL-17 acts on osteoblasts at tens of pM (about 1 ng/mL)",
             "IL-17 half-saturation of its receptor on osteoblasts and stromal cells"),
    real(P + "rankl_gain", 2.0, 0, 1e3, "assumed: IL-17 about triples OB RANKL at saturation (VALIDATION.md S18)",
         "relative rise of stromal and OB RANKL secretion at saturating IL-17"),
};

class Il17OsteoblastRankl final : public Rule {
 public:
  explicit Il17OsteoblastRankl(const ResolvedConfig& c) : k_(c.number(P + "k_il17")), g_(c.number(P + "rankl_gain")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!secreting_stroma(a, i) || lacks(s, i, kGenoIl17rKo)) return;
    a.secretion[kRankl][i] *= static_cast<float>(1.0 + g_ * occupancy(signal_at(s, kIl17, i), k_));
  }

 private:
  double k_, g_;
};

}  // namespace
MARROW_RULE(Il17OsteoblastRankl, "il17_osteoblast_rankl", 135);
}  // namespace marrow::bio
