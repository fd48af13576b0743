// Rule rankl_rank_reverse_signal: RANKL on T cells binding RANK on osteoclasts sends a reverse signal
// into the T cell that enhances its apoptosis (seed, "OC modulates T cell activity", after Senthilkumar).
// For an effector CD4 or Th17 cell expressing RANKL (not RANKL-deleted) with n osteoclasts in contact:
//   extra apoptosis hazard = k_rev n
// Draws from ImmuneMisc1 (t_cell_lifespan draws from TCellLife; th17_differentiation uses ImmuneMisc1
// for naive cells only).
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.rankl_rank_reverse_signal.";
const SettingRegistrar kSettings{
    quantity(P + "apoptosis_rate", "1/day", 1.0, 0, 100,
             "assumed: contact with an OC kills a RANKL+ T cell within about a day",
             "extra apoptosis rate of a RANKL-expressing T cell per osteoclast in contact"),
};

class RanklRankReverseSignal final : public Rule {
 public:
  explicit RanklRankReverseSignal(const ResolvedConfig& c) : k_(c.number(P + "apoptosis_rate")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    if (!is_tcell(a, i, TState::Cd4Effector) && !is_tcell(a, i, TState::Th17)) return;
    if (ctx.intents[i].die || lacks(s, i, kGenoRanklKo)) return;
    const int n = count_contacts(s, i, [&](std::size_t j) { return a.cell_type(j) == CellType::Osteoclast; });
    if (n == 0) return;
    RandomStream r = ctx.stream(Stream::ImmuneMisc1, a.id[i]);
    if (r.event(per_tick(k_ * n, ctx.dt_h))) ctx.intents[i].die = 1;
  }

 private:
  double k_;
};

}  // namespace
MARROW_RULE(RanklRankReverseSignal, "rankl_rank_reverse_signal", 70);
}  // namespace marrow::bio
