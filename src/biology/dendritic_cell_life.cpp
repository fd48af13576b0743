// Rule dendritic_cell_life: the marrow's dendritic cells, antigen-presenting cells that do not take part in
// bone homeostasis in health (seed, "Inflammation and bone loss"). Initial DCs are placed, new ones enter
// from the blood (Poisson per tick over the marrow volume V) and die at a constant rate:
//   entries per tick: mean = r_DC V dt;   death at d_DC
// A DC's MHC-II level starts at the resting level 1 (the antigen-presentation rules change it). In culture
// nothing is placed and nothing enters.
#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.dendritic_cell_life.";
const SettingRegistrar kSettings{
    real(P + "initial_density", 0.005, 0, 1, "assumed: DCs are a small share (~1%) of marrow cells",
         "initial dendritic cells per marrow voxel"),
    quantity(P + "rate", "1/(mm^3*day)", 1500, 0, 1e9,
             "assumed: holds the initial density at steady state (rate = density x death)",
             "dendritic cells entering the marrow per volume and time"),
    quantity(P + "death", "1/day", 0.3, 0, 100,
             "Kamath 2002: lymphoid-organ DCs turn over with half-lives of about 1.5-3 days",
             "dendritic-cell death (or exit) rate, d_DC"),
};

class DendriticCellLife final : public Rule {
 public:
  explicit DendriticCellLife(const ResolvedConfig& c)
      : density_(c.number(P + "initial_density")), rate_(c.number(P + "rate")), death_(c.number(P + "death")) {}

  void initialise(SimState& s, std::uint64_t seed) override {
    if (s.host.culture) return;
    place_randomly(s, seed, CellType::Dendritic, 0,
                   static_cast<std::size_t>(density_ * static_cast<double>(marrow_voxels(s))), 230);
    immune_b::mark_lineage(s, CellType::Dendritic, -1, kLineageDendritic);
  }

  void decide(TickContext& ctx, std::size_t i) const override {
    const AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::Dendritic) return;
    RandomStream r = ctx.stream(Stream::DendriticLife, a.id[i]);
    if (r.event(per_tick(death_, ctx.dt_h))) ctx.intents[i].die = 1;
  }

  void resolve(TickContext& ctx) override {
    SimState& s = ctx.state;
    if (s.host.culture || rate_ <= 0) return;
    RandomStream r = ctx.stream(Stream::DendriticLife, 0);  // agent ids start at 1: entity 0 is this rule's
    const long n = r.poisson(rate_ * marrow_mm3(s) * ctx.dt_h / 24.0);
    for (long k = 0; k < n; ++k) {
      const std::int64_t i = add_at_random_free_voxel(s, r, CellType::Dendritic, 0, ctx.tick);
      if (i < 0) continue;
      s.agents.lineage[static_cast<std::size_t>(i)] = kLineageDendritic;
      s.agents.mhc2[static_cast<std::size_t>(i)] = 1.0f;
    }
  }

 private:
  double density_, rate_, death_;
};

}  // namespace
MARROW_RULE(DendriticCellLife, "dendritic_cell_life", 230);
}  // namespace marrow::bio
