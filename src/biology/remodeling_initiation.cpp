// Rule remodeling_initiation: remodeling at baseline starts where lining cells retract from a patch of
// quiescent surface and express RANKL there, so that precursors gather, fuse and resorb (seed,
// "Conclusion": bone turnover is continuous and cyclic resorption followed by apposition). Each lining
// cell retracts at a constant rate per cell, so initiation scales with the bone surface that is covered:
// the bone-mass feedback through available surface. A retracted cell returns to lining after a while.
//   P(lining -> retracted in a tick) = 1 - exp(-k_init dt);  retracted -> lining after T_retract
// Also places the initial lining cells on the bone surface.
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.remodeling_initiation.";
const SettingRegistrar kSettings{
    real(P + "lining_coverage", 0.5, 0, 1, "assumed", "initial lining cells per bone-surface voxel"),
    quantity2(P + "rate", "1/day", 0.004, 0.0005, 0, 10,
              "assumed; calibrated so that 5-25% of the surface is remodeling (VALIDATION.md); mouse doubled so that "
              "basal remodeling, not basal T-cell TNF, sets the sham turnover (docs/model.md 'Basal osteoclastogenesis without T-cell TNF')",
              "retraction (initiation) rate per lining cell"),
    quantity2(P + "retract_duration", "day", 4, 10, 0.01, 1000,
              "assumed: the activation phase lasts days", "time a lining cell stays retracted"),
};

class RemodelingInitiation final : public Rule {
 public:
  explicit RemodelingInitiation(const ResolvedConfig& c)
      : coverage_(c.number(P + "lining_coverage")),
        rate_(c.number(P + "rate")),
        duration_h_(24.0 * c.number(P + "retract_duration")) {}

  void initialise(SimState& s, std::uint64_t seed) override {
    if (s.host.culture) return;  // a bare slice: no lining cells
    RandomStream r(seed, Stream::Placement, 3, 0);
    const GridSpec& g = s.grid;
    for (std::size_t v = 0; v < g.size(); ++v) {
      if (!s.bone.surface[v] || s.occupant[v] >= 0 || r.uniform() >= coverage_) continue;
      const VoxelCoords c = g.coords(v);
      const std::size_t i = s.agents.add(CellType::Osteoblast, static_cast<std::uint8_t>(ObState::Lining), c.x, c.y, c.z, 0);
      s.occupant[v] = static_cast<std::int32_t>(i);
    }
  }

  void decide(TickContext& ctx, std::size_t i) const override {
    const AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::Osteoblast) return;
    const auto st = static_cast<ObState>(a.state[i]);
    if (st == ObState::Lining) {
      RandomStream r = ctx.stream(Stream::Initiation, a.id[i]);
      if (r.event(per_tick(rate_, ctx.dt_h))) become(ctx.intents[i], CellType::Osteoblast, std::uint8_t(ObState::Retracted));
    } else if (st == ObState::Retracted && (ctx.tick - a.state_tick[i]) * ctx.dt_h >= duration_h_) {
      become(ctx.intents[i], CellType::Osteoblast, std::uint8_t(ObState::Lining));
    }
  }

 private:
  double coverage_, rate_, duration_h_;
};

}  // namespace
MARROW_RULE(RemodelingInitiation, "remodeling_initiation", 500);
}  // namespace marrow::bio
