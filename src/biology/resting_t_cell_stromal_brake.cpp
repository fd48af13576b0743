// Rule resting_t_cell_stromal_brake: resting T cells blunt osteoclast formation; T-cell-deficient or
// T-depleted mice form more OCs (seed, "Estrogen loss and immune system", after Grcevic). Modelled as
// resting (naive CD4) T cells in contact with a stromal cell lowering its RANKL:
//   stromal RANKL *= 1 / (1 + b n_resting)
// Runs after the base stromal secretion (order 100). The B-cell CD40L -> OPG route is another rule.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.resting_t_cell_stromal_brake.";
const SettingRegistrar kSettings{
    real(P + "brake", 2.0, 0, 100,
         "assumed: one resting T cell in contact cuts stromal RANKL 3-fold; to calibrate on VALIDATION.md S16 (up to "
         "2-fold more OCs without T cells)",
         "relative fall of stromal RANKL per resting T cell in contact, as 1/(1 + b n)"),
};

class RestingTCellStromalBrake final : public Rule {
 public:
  explicit RestingTCellStromalBrake(const ResolvedConfig& c) : b_(c.number(P + "brake")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::Stromal) return;
    const int n = count_contacts(s, i, [&](std::size_t j) { return is_tcell(a, j, TState::Cd4Naive); });
    if (n > 0) a.secretion[kRankl][i] *= static_cast<float>(1.0 / (1.0 + b_ * n));
  }

 private:
  double b_;
};

}  // namespace
MARROW_RULE(RestingTCellStromalBrake, "resting_t_cell_stromal_brake", 135);
}  // namespace marrow::bio
