// Rule t_cell_lifespan: T-cell apoptosis (or exit from the marrow) by state. Resting cells are long-lived,
// activated effector and Th17 cells short-lived. After estrogen loss the marrow holds more activated,
// TNF-producing T cells (seed, "Estrogen loss and immune system"); part of that is taken here as a longer
// life of activated cells (an assumption: the seed does not speak of T-cell lifespan), a lower hazard:
//   hazard = d_state x (1 - w L [effector CD4, Th17 only]) + dose(t_cell_depletion)
// with L = 1 - E as T cells see it (host.t_cell_estrogen_loss; less under IL-7 blockade, rule
// il7_mediated_t_cell_estrogen).
// The depletion treatment (anti-CD4/CD8-like) is an extra hazard for every T cell.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.t_cell_lifespan.";
const SettingRegistrar kSettings{
    quantity(P + "naive_death", "1/day", 0.05, 0, 100,
             "assumed: resting T cells live weeks; the rate includes exit from the marrow",
             "loss rate of naive CD4 T cells"),
    quantity(P + "effector_death", "1/day", 0.2, 0, 100, "assumed: effector cells contract within about 5 days",
             "death rate of effector CD4 T cells"),
    quantity(P + "th17_death", "1/day", 0.2, 0, 100, "assumed: as effector CD4 cells", "death rate of Th17 cells"),
    quantity(P + "cd8_death", "1/day", 0.05, 0, 100, "assumed: as naive CD4 cells", "loss rate of CD8 T cells"),
    quantity(P + "treg_death", "1/day", 0.1, 0, 100, "assumed: induced Tregs live about 10 days",
             "death rate of CD8 FoxP3 regulatory T cells"),
    real(P + "estrogen_weight", 0.3, 0, 1,
         "assumed: one route to the larger activated T-cell pool after estrogen loss (D'Amelio 2011, 'Estrogen loss "
         "and immune system'); 30% lower hazard at E = 0",
         "relative fall of the activated T-cell death rate at zero estrogen"),
};

class TCellLifespan final : public Rule {
 public:
  explicit TCellLifespan(const ResolvedConfig& c)
      : d_{c.number(P + "naive_death"), c.number(P + "effector_death"), c.number(P + "th17_death"),
           c.number(P + "cd8_death"), c.number(P + "treg_death")},
        w_(c.number(P + "estrogen_weight")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    if (a.cell_type(i) != CellType::TCell || a.state[i] >= 5 || ctx.intents[i].die) return;
    const std::uint8_t st = a.state[i];
    double hazard = d_[st];
    if (st == code(TState::Cd4Effector) || st == code(TState::Th17)) hazard *= 1.0 - w_ * s.host.t_cell_estrogen_loss;
    hazard += s.host.dose(kTreatTCellDepletion);
    RandomStream r = ctx.stream(Stream::TCellLife, a.id[i]);
    if (r.event(per_tick(hazard, ctx.dt_h))) ctx.intents[i].die = 1;
  }

 private:
  double d_[5];
  double w_;
};

}  // namespace
MARROW_RULE(TCellLifespan, "t_cell_lifespan", 50);
}  // namespace marrow::bio
