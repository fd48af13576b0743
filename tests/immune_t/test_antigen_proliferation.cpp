// t_cell_antigen_proliferation (off in the default set): activated CD4 T cells shown antigen keep
// dividing, up to a division cap; without the rule, or with a cap of 0, nothing changes.
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
// Effector CD4 cells after 4 days with arthritis antigen on the presenting cells; no deaths, no IL-7
// division and no Th17 conversion, so the count is activations plus antigen-driven divisions.
double effectors(Overrides o) {
  for (const char* k : {"rules.t_cell_lifespan.enabled=false", "rules.rankl_rank_reverse_signal.enabled=false",
                        "rules.cd8_treg_suppression.enabled=false", "rules.thymic_output.entry_rate=0",
                        "rules.il7_lymphocyte_expansion.enabled=false", "rules.th17_differentiation.enabled=false"})
    o.push_back(k);
  const std::string yaml = small_world(4) + "treatments: {arthritis_milieu: {dose: 100 pM}}\n";
  Simulation sim(config_of(yaml, o), 5);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return count_cells(sim.state(), CellType::TCell, ts(TState::Cd4Effector));
}
const char* kOn = "rules.t_cell_antigen_proliferation.enabled=true";
}  // namespace

TEST_CASE("t_cell_antigen_proliferation: presented antigen expands activated T cells, within the division cap",
          "[immune_t][t_cell_antigen_proliferation]") {
  const double off = effectors({}), on = effectors({kOn, "rules.t_cell_antigen_proliferation.rate=5"});
  const double capped = effectors({kOn, "rules.t_cell_antigen_proliferation.rate=5",
                                   "rules.t_cell_antigen_proliferation.max_divisions=0"});
  INFO("effectors: rule off " << off << ", on " << on << ", on with no divisions allowed " << capped);
  REQUIRE(off > 20);
  CHECK(on > 1.3 * off);
  CHECK(capped == off);  // the rule draws nothing once the cap is reached
}
