// Rule t_cell_osteoblast_support: T cells are regulators of osteoblast as well as osteoclast formation
// and activity (seed, "Introduction"); marrow T cells make Wnt10b, which supports osteoblast work, so the
// high turnover after ovariectomy raises formation alongside resorption (Terauchi et al. 2009, Cell
// Metab). An active osteoblast with n_T T cells (any state) within `reach` voxels (Chebyshev) works
// faster:
//   formation_gain *= 1 + g n_T / (n_T + K)
// Formation only refills resorption deficits, so this speeds refilling; it never builds past the
// original surface.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.t_cell_osteoblast_support.";
const SettingRegistrar kSettings{
    real(P + "gain", 0.5, 0, 100, "assumed: T-cell Wnt10b raises apposition by up to half (Terauchi 2009)",
         "relative rise of apposition with many T cells near"),
    real(P + "k_cells", 2.0, 1e-6, 1e4, "assumed", "number of nearby T cells giving half the rise"),
    integer(P + "reach", 3, 0, 20, "assumed: Wnt10b acts over a few cell diameters (tens of um)",
            "distance in voxels (Chebyshev) within which T cells count"),
};

class TCellOsteoblastSupport final : public Rule {
 public:
  explicit TCellOsteoblastSupport(const ResolvedConfig& c)
      : g_(c.number(P + "gain")), k_(c.number(P + "k_cells")), reach_(static_cast<int>(c.integer(P + "reach"))) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!active_osteoblast(a, i)) return;
    const GridSpec& g = s.grid;
    int n = 0;
    for (int dz = -reach_; dz <= reach_; ++dz)
      for (int dy = -reach_; dy <= reach_; ++dy)
        for (int dx = -reach_; dx <= reach_; ++dx) {
          const int x = a.x[i] + dx, y = a.y[i] + dy, z = a.z[i] + dz;
          if (!g.contains(x, y, z)) continue;
          const std::int32_t j = s.occupant[g.index(x, y, z)];
          if (j >= 0 && a.cell_type(static_cast<std::size_t>(j)) == CellType::TCell) ++n;
        }
    if (n > 0) a.formation_gain[i] *= static_cast<float>(1.0 + g_ * n / (n + k_));
  }

 private:
  double g_, k_;
  int reach_;
};

}  // namespace
MARROW_RULE(TCellOsteoblastSupport, "t_cell_osteoblast_support", 290);
}  // namespace marrow::bio
