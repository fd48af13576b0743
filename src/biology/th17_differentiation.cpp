// Rule th17_differentiation: an inflammatory milieu drives naive T cells to become Th17 cells, the
// inflammatory subset that makes RANKL, TNF and IL-17 (seed, "Inflammation and bone loss"). IL-6 is
// required, IL-1 amplifies (the classic Th17-polarising cytokines; TGF-beta is taken as present):
//   rate = k_th17 occ(IL-6, K_6) (a + occ(IL-1, K_1)) / (1 + a)
// naive CD4 -> Th17 at that rate; zero without IL-6. A cell already activated this tick is left alone.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.th17_differentiation.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/day", 0.5, 0, 100, "assumed: Th17 polarisation takes days in culture",
             "maximal naive CD4 -> Th17 rate (saturating IL-6 and IL-1)"),
    quantity(P + "k_il6", "pM", 10, 1e-6, 1e6, "assumed", "IL-6 half-saturation"),
    quantity(P + "k_il1", "pM", 10, 1e-6, 1e6, "assumed", "IL-1 half-saturation"),
    real(P + "il6_alone", 0.25, 0, 100, "assumed: IL-6 (with TGF-beta) polarises some Th17; IL-1 amplifies",
         "share of the maximal rate that IL-6 gives without IL-1"),
};

class Th17Differentiation final : public Rule {
 public:
  explicit Th17Differentiation(const ResolvedConfig& c)
      : k_(c.number(P + "rate")), k6_(c.number(P + "k_il6")), k1_(c.number(P + "k_il1")), a_(c.number(P + "il6_alone")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    Intent& in = ctx.intents[i];
    if (!is_tcell(s.agents, i, TState::Cd4Naive) || in.die || in.change) return;
    const double f6 = occupancy(signal_at(s, kIl6, i), k6_);
    if (f6 <= 0) return;
    const double rate = k_ * f6 * (a_ + occupancy(signal_at(s, kIl1, i), k1_)) / (1.0 + a_);
    RandomStream r = ctx.stream(Stream::ImmuneMisc1, s.agents.id[i]);
    if (r.event(per_tick(rate, ctx.dt_h))) become(in, CellType::TCell, code(TState::Th17));
  }

 private:
  double k_, k6_, k1_, a_;
};

}  // namespace
MARROW_RULE(Th17Differentiation, "th17_differentiation", 35);
}  // namespace marrow::bio
