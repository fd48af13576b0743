// th17_differentiation: IL-6 (amplified by IL-1) turns naive CD4 cells into Th17 cells.
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
// Th17 cells at the end with IL-6 and IL-1 held at the given marrow levels (pM) before every tick.
double th17(double il6, double il1, const Overrides& extra = {}) {
  Overrides o{"rules.thymic_output.initial_density=0.2", "rules.thymic_output.entry_rate=0",
              "rules.t_cell_lifespan.enabled=false", "rules.t_cell_antigen_activation.enabled=false",
              "rules.cd8_treg_suppression.enabled=false"};
  o.insert(o.end(), extra.begin(), extra.end());
  Simulation sim(config_of(small_world(2), o), 5);
  while (sim.state().tick < sim.total_ticks()) {
    auto& c = sim.mutable_state().fields.c;
    std::fill(c[kIl6].begin(), c[kIl6].end(), il6);
    std::fill(c[kIl1].begin(), c[kIl1].end(), il1);
    sim.step();
  }
  return count_cells(sim.state(), CellType::TCell, ts(TState::Th17));
}
}  // namespace

TEST_CASE("th17_differentiation: IL-6 with IL-1 makes Th17 cells, none without IL-6 or the rule", "[immune_t]") {
  const double both = th17(50, 50), il6_only = th17(50, 0), il1_only = th17(0, 50), neither = th17(0, 0);
  CHECK(neither == 0);
  CHECK(il1_only == 0);
  CHECK(il6_only > 10);           // ~0.08/day of ~600 naive cells over 2 days
  CHECK(both > 2.5 * il6_only);   // IL-1 raises the rate about 4-fold
  CHECK(th17(50, 50, {"rules.th17_differentiation.enabled=false"}) == 0);
}
