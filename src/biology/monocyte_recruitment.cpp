// Rule monocyte_recruitment: osteoclast precursors circulate with the blood monocytes and are recruited
// into the marrow (seed, "OC modulates T cell activity": a circulating reservoir that replenishes the
// pre-OC pool). The circulating pool is not simulated cell by cell: entries per tick are Poisson with
//   mean = rate * V_marrow * dt
// each placed at a random free marrow voxel. Also places the initial marrow monocytes.
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.monocyte_recruitment.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/(mm^3*day)", 12000, 0, 1e9,
             "assumed: keeps marrow monocytes near 4% of voxels with a ~3-day marrow residence",
             "monocytes entering the marrow per volume and time"),
    real(P + "initial_density", 0.04, 0, 1, "assumed: monocyte/macrophage lineage ~5% of marrow cells",
         "initial monocytes per marrow voxel"),
};

class MonocyteRecruitment final : public Rule {
 public:
  explicit MonocyteRecruitment(const ResolvedConfig& c)
      : rate_(c.number(P + "rate")), density_(c.number(P + "initial_density")) {}

  void initialise(SimState& s, std::uint64_t seed) override {
    if (s.host.culture) return;  // a closed dish: culture_seeding places its cells
    place_randomly(s, seed, CellType::Monocyte, 0, static_cast<std::size_t>(density_ * marrow_voxels(s)), 2);
    for (std::size_t i = 0; i < s.agents.size(); ++i)
      if (s.agents.cell_type(i) == CellType::Monocyte) s.agents.lineage[i] = kLineageMonocyte;
  }

  void resolve(TickContext& ctx) override {
    SimState& s = ctx.state;
    if (s.host.culture) return;
    RandomStream r = ctx.stream(Stream::Recruitment, 0);
    const long n = r.poisson(rate_ * marrow_mm3(s) * ctx.dt_h / 24.0);
    for (long k = 0; k < n; ++k) {
      const std::int64_t i = add_at_random_free_voxel(s, r, CellType::Monocyte, 0, ctx.tick);
      if (i >= 0) s.agents.lineage[static_cast<std::size_t>(i)] = kLineageMonocyte;
    }
  }

 private:
  double rate_, density_;
};

}  // namespace
MARROW_RULE(MonocyteRecruitment, "monocyte_recruitment", 200);
}  // namespace marrow::bio
