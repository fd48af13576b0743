// t_cell_lifespan: T cells die; the depletion treatment kills them; estrogen loss prolongs effector life.
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
double tcells_at_end(const std::string& yaml, Overrides o, double* deaths = nullptr) {
  o.push_back("rules.rankl_rank_reverse_signal.enabled=false");
  Simulation sim(config_of(yaml, o), 5);
  while (sim.state().tick < sim.total_ticks()) {
    sim.step();
    if (deaths) *deaths += sim.state().deaths_last_tick[int(CellType::TCell)];
  }
  return count_cells(sim.state(), CellType::TCell);
}
// Effector CD4 cells left after the run when every naive CD4 cell starts as an effector (no entry, no
// activation or other state changes).
double effectors_left(const std::string& yaml, Overrides o) {
  for (const char* k : {"rules.thymic_output.initial_density=0.2", "rules.thymic_output.entry_rate=0",
                        "rules.t_cell_antigen_activation.enabled=false", "rules.cd8_treg_suppression.enabled=false",
                        "rules.il7_lymphocyte_expansion.enabled=false", "rules.rankl_rank_reverse_signal.enabled=false"})
    o.push_back(k);
  Simulation sim(config_of(yaml, o), 5);
  AgentStore& a = sim.mutable_state().agents;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.cell_type(i) == CellType::TCell && a.state[i] == ts(TState::Cd4Naive)) a.state[i] = ts(TState::Cd4Effector);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return count_cells(sim.state(), CellType::TCell, ts(TState::Cd4Effector));
}
}  // namespace

TEST_CASE("t_cell_lifespan: T cells die, and T-cell depletion removes them, not without the rule", "[immune_t]") {
  const std::string yaml = small_world(3, 20, 6);
  const Overrides dense{"rules.thymic_output.initial_density=0.1"};
  double deaths_on = 0, deaths_off = 0;
  const double on = tcells_at_end(yaml, dense, &deaths_on);
  Overrides off = dense;
  off.push_back("rules.t_cell_lifespan.enabled=false");
  const double no = tcells_at_end(yaml, off, &deaths_off);
  CHECK(deaths_on > 5);
  CHECK(deaths_off == 0);
  const std::string depletion = "treatments: {t_cell_depletion: {dose: 2 1/day}}\n";
  CHECK(tcells_at_end(yaml + depletion, dense) < 0.1 * on);  // exp(-6) of the initial cells survive
  CHECK(tcells_at_end(yaml + depletion, off) == no);
}

TEST_CASE("t_cell_lifespan: estrogen loss prolongs effector T-cell life", "[immune_t]") {
  const std::string yaml = small_world(4);
  // Survivors exp(-0.2 x 4) = 45% (sham) vs exp(-0.14 x 4) = 57% (OVX).
  const double sham = effectors_left(yaml, {}), ovx = effectors_left(yaml + kOvxNow, {});
  CHECK(ovx > 1.15 * sham);
  const Overrides no_weight{"rules.t_cell_lifespan.estrogen_weight=0"};
  CHECK(effectors_left(yaml + kOvxNow, no_weight) == Approx(effectors_left(yaml, no_weight)).epsilon(0.05));
}
