// Rule dendritic_rankl_t_cell_crosstalk: dendritic cells and T cells talk through RANK/RANKL (seed,
// "Inflammation and bone loss": DCs modulate T-cell activity through the RANK/RANKL pathway). RANKL
// (TRANCE) on activated T cells signals through RANK on DCs and prolongs their survival (Josien 2000), so
// that they present antigen longer. A DC that the life rule (dendritic_cell_life, order 230) marked to die
// this tick survives with probability
//   1 - (1 - p)^n,   n = RANKL-expressing activated T cells in contact (effector CD4 or Th17)
// A T cell counts as RANKL-expressing by its state and genotype (no kGenoRanklKo): other cells' secretion
// columns are being written in the same parallel phase, so they cannot be read here.
#include <cmath>

#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.dendritic_rankl_t_cell_crosstalk.";
const SettingRegistrar kSettings{
    real(P + "rescue", 0.5, 0, 1,
         "assumed: TRANCE/RANKL roughly doubles DC survival (Josien 2000: longer-lived DCs after TRANCE)",
         "probability that one RANKL-expressing T cell in contact cancels a DC's death in a tick, p"),
};

bool rankl_expressing_t_cell(const SimState& s, std::size_t j) {
  const AgentStore& a = s.agents;
  if (a.cell_type(j) != CellType::TCell || lacks(s, j, kGenoRanklKo)) return false;
  const auto st = static_cast<TState>(a.state[j]);
  return st == TState::Cd4Effector || st == TState::Th17;
}

class DendriticRanklTCellCrosstalk final : public Rule {
 public:
  explicit DendriticRanklTCellCrosstalk(const ResolvedConfig& c) : p_(c.number(P + "rescue")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    Intent& in = ctx.intents[i];
    if (s.agents.cell_type(i) != CellType::Dendritic || !in.die) return;
    int n = 0;
    for_each_contact(s, i, [&](std::size_t j) { n += rankl_expressing_t_cell(s, j); });
    if (n == 0) return;
    // DendriticLife is drawn by the life rule for this DC: this rule has its own stream.
    RandomStream r = ctx.stream(Stream::ImmuneMisc4, s.agents.id[i]);
    if (r.uniform() < 1.0 - std::pow(1.0 - p_, n)) in.die = 0;
  }

 private:
  double p_;
};

}  // namespace
MARROW_RULE(DendriticRanklTCellCrosstalk, "dendritic_rankl_t_cell_crosstalk", 240);
}  // namespace marrow::bio
