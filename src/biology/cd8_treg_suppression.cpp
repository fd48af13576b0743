// Rule cd8_treg_suppression: CD8 FoxP3 Tregs restrain immune activation and inhibit CD4 effector cells
// (seed, "OC modulates T cell activity": OC-induced CD8 Tregs regulate inappropriate activation;
// periprosthetic FoxP3 CD8 cells inhibit CD4 effectors), and restrain osteoclast formation and
// resorption (VALIDATION.md S24). With n Tregs in contact:
//   naive CD4 about to activate or become Th17 this tick: intent cancelled with p = 1 - (1 - s)^n
//   effector CD4 or Th17: return to rest (naive CD4) at k_rest n
//   OC precursor (monocyte, DC, B220+ precursor): differentiation_gain *= 1 - r_d      (if n > 0)
//   osteoclast: resorption_gain *= 1 - r_r                                           (if n > 0)
// Runs after activation and Th17 (order 66) and before the osteoclast-lineage rules that read the gains.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.cd8_treg_suppression.";
const SettingRegistrar kSettings{
    real(P + "block_probability", 0.5, 0, 1, "assumed: a Treg in contact blocks about half of activations",
         "probability that one Treg in contact cancels a naive CD4 cell's activation in a tick"),
    quantity(P + "rest_rate", "1/day", 1.0, 0, 100, "assumed: effector function suppressed within about a day",
             "return-to-rest rate of an effector CD4 or Th17 cell per Treg in contact"),
    real(P + "differentiation_reduction", 0.5, 0, 1, "assumed: Tregs halve osteoclast differentiation in contact",
         "fraction of an OC precursor's differentiation rate removed by Treg contact"),
    real(P + "resorption_reduction", 0.5, 0, 1, "assumed: Tregs halve resorption in contact",
         "fraction of an osteoclast's resorption rate removed by Treg contact"),
};

class Cd8TregSuppression final : public Rule {
 public:
  explicit Cd8TregSuppression(const ResolvedConfig& c)
      : block_(c.number(P + "block_probability")),
        rest_(c.number(P + "rest_rate")),
        r_d_(c.number(P + "differentiation_reduction")),
        r_r_(c.number(P + "resorption_reduction")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    const CellType t = a.cell_type(i);
    const bool tcell = t == CellType::TCell;
    const bool precursor = is_oc_precursor(a, i);
    if (!tcell && !precursor && t != CellType::Osteoclast) return;
    const int n = count_contacts(s, i, [&](std::size_t j) { return is_tcell(a, j, TState::Cd8Treg); });
    if (n == 0) return;
    Intent& in = ctx.intents[i];
    if (precursor) a.differentiation_gain[i] *= static_cast<float>(1.0 - r_d_);
    if (t == CellType::Osteoclast) a.resorption_gain[i] *= static_cast<float>(1.0 - r_r_);
    if (!tcell || in.die) return;
    if (a.state[i] == code(TState::Cd4Naive)) {
      const bool activating = in.change && in.new_type == static_cast<std::uint8_t>(CellType::TCell) &&
                              (in.new_state == code(TState::Cd4Effector) || in.new_state == code(TState::Th17));
      if (!activating) return;
      RandomStream r = ctx.stream(Stream::ImmuneMisc2, a.id[i]);
      if (r.uniform() < 1.0 - std::pow(1.0 - block_, n)) {
        in.change = 0;
        in.daughter_state = a.state[i];  // a division this tick keeps the resting state too
      }
    } else if (a.state[i] == code(TState::Cd4Effector) || a.state[i] == code(TState::Th17)) {
      RandomStream r = ctx.stream(Stream::ImmuneMisc2, a.id[i]);
      if (r.event(per_tick(rest_ * n, ctx.dt_h))) become(in, CellType::TCell, code(TState::Cd4Naive));
    }
  }

 private:
  double block_, rest_, r_d_, r_r_;
};

}  // namespace
MARROW_RULE(Cd8TregSuppression, "cd8_treg_suppression", 66);
}  // namespace marrow::bio
