// Rule cd137l_fusion_suppression: CD137L, expressed on osteoclast precursors, signals back into the cell
// when CD137 (on T cells activated through their receptor) binds it, and this ligation suppresses
// osteoclastogenesis by inhibiting multinucleation (seed, "OC modulates T cell activity"; Senthilkumar
// et al. 2009). For a pre-osteoclast, with L the CD137L ligation (0..1):
//   fusion_gain *= 1 - s L,   L = max(dose of treatments.cd137l_ligation, n_CD137+ / n_contacts)
// n_CD137+ counts the activated T cells in contact (effector CD4, Th17 and CD8; not naive cells nor CD8
// Tregs), n_contacts all cells in contact (0 when none).
#include <algorithm>

#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.cd137l_fusion_suppression.";
const SettingRegistrar kSettings{
    real(P + "suppression", 0.8, 0, 1,
         "assumed: full CD137L ligation cuts fusion about 5-fold (seed: it suppresses multinucleation)",
         "fraction of the fusion rate removed at full CD137L ligation"),
};

bool cd137_positive(const AgentStore& a, std::size_t j) {
  if (a.cell_type(j) != CellType::TCell) return false;
  const auto st = static_cast<TState>(a.state[j]);
  return st == TState::Cd4Effector || st == TState::Th17 || st == TState::Cd8;
}

class Cd137lFusionSuppression final : public Rule {
 public:
  explicit Cd137lFusionSuppression(const ResolvedConfig& c) : s_(c.number(P + "suppression")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::PreOsteoclast) return;
    int contacts = 0, activated = 0;
    for_each_contact(s, i, [&](std::size_t j) {
      ++contacts;
      activated += cd137_positive(a, j);
    });
    const double by_contact = contacts > 0 ? double(activated) / contacts : 0.0;
    const double l = std::clamp(std::max(s.host.dose(kTreatCd137lLigation), by_contact), 0.0, 1.0);
    if (l > 0) a.fusion_gain[i] *= static_cast<float>(1.0 - s_ * l);
  }

 private:
  double s_;
};

}  // namespace
MARROW_RULE(Cd137lFusionSuppression, "cd137l_fusion_suppression", 285);
}  // namespace marrow::bio
