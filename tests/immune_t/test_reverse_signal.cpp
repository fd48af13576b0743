// rankl_rank_reverse_signal: RANKL+ T cells touching osteoclasts die more; not RANKL-deleted T cells.
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
// Effector CD4 cells left after a day when every naive CD4 cell starts as an effector with an osteoclast
// placed next to it.
double effectors_left(const std::string& host, Overrides o) {
  for (const char* k : {"rules.thymic_output.initial_density=0.2", "rules.thymic_output.entry_rate=0",
                        "rules.t_cell_antigen_activation.enabled=false", "rules.cd8_treg_suppression.enabled=false",
                        "rules.osteoclast_cd8_treg_induction.enabled=false"})
    o.push_back(k);
  Simulation sim(config_of(small_world(1) + host, o), 5);
  SimState& s = sim.mutable_state();
  for (std::size_t i = 0; i < s.agents.size(); ++i)
    if (s.agents.cell_type(i) == CellType::TCell && s.agents.state[i] == ts(TState::Cd4Naive))
      s.agents.state[i] = ts(TState::Cd4Effector);
  REQUIRE(place_in_contact(s, [&](std::size_t i) { return s.agents.cell_type(i) == CellType::TCell &&
                                                          s.agents.state[i] == ts(TState::Cd4Effector); },
                           CellType::Osteoclast, 0) > 200);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return count_cells(sim.state(), CellType::TCell, ts(TState::Cd4Effector));
}
}  // namespace

TEST_CASE("rankl_rank_reverse_signal: osteoclast contact kills RANKL+ T cells, not RANKL-deleted ones or without the rule",
          "[immune_t]") {
  const Overrides off{"rules.rankl_rank_reverse_signal.enabled=false"};
  const double on = effectors_left("", {}), no = effectors_left("", off);
  CHECK(on < 0.6 * no);  // exp(-1) of the contacted cells survive the day
  const std::string ko = "host: {genotype: {rankl_deleted_in_t_cells: true}}\n";
  CHECK(effectors_left(ko, {}) == Approx(effectors_left(ko, off)).epsilon(0.05));
}
