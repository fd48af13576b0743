// Rule sofat_osteoblast_il6: SOFAT is a potent inducer of IL-6 production by osteoblasts, which may feed
// the local inflammatory response and, through IL-6, bone destruction (seed, "Cytokines and OC
// formation"; Rifas and Weitzmann 2009). Osteoblasts past the precursor state secrete IL-6, in zmol/h:
//   q_basal + q_sofat occ(SOFAT, K)
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.sofat_osteoblast_il6.";
const SettingRegistrar kSettings{
    quantity(P + "basal", "zmol/h", 0.005, 0, 1e6, "assumed: little IL-6 from resting osteoblasts",
             "basal IL-6 secretion per osteoblast"),
    quantity(P + "induced", "zmol/h", 0.5, 0, 1e6,
             "assumed: SOFAT raises OB IL-6 about 100-fold over basal at saturation (Rifas 2009: a potent inducer)",
             "IL-6 secretion per osteoblast added at saturating SOFAT"),
    quantity(P + "k_sofat", "pM", 20, 1e-6, 1e7, "assumed, as sofat_osteoclastogenesis.k_sofat",
             "SOFAT half-saturation on osteoblasts"),
};

class SofatOsteoblastIl6 final : public Rule {
 public:
  explicit SofatOsteoblastIl6(const ResolvedConfig& c)
      : basal_(c.number(P + "basal")), induced_(c.number(P + "induced")), k_(c.number(P + "k_sofat")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::Osteoblast || a.state[i] == static_cast<std::uint8_t>(ObState::Precursor)) return;
    a.secretion[kIl6][i] += static_cast<float>(basal_ + induced_ * occupancy(signal_at(s, kSofat, i), k_));
  }

 private:
  double basal_, induced_, k_;
};

}  // namespace
MARROW_RULE(SofatOsteoblastIl6, "sofat_osteoblast_il6", 130);
}  // namespace marrow::bio
