// osteoclast_cd8_treg_induction and cd8_treg_suppression: osteoclasts turn CD8 cells into FoxP3 Tregs;
// Tregs restrain CD4 activation and effectors, osteoclast differentiation and resorption.
#include <catch2/catch.hpp>

#include <set>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string kAntigenDose = "treatments: {arthritis_milieu: {dose: 100 pM}}\n";

// Tregs after 2 days when an osteoclast is placed next to every CD8 cell (or none is).
double tregs(const std::string& yaml, Overrides o, bool place_ocs = true) {
  for (const char* k : {"rules.thymic_output.initial_density=0.2", "rules.thymic_output.entry_rate=0"}) o.push_back(k);
  Simulation sim(config_of(yaml, o), 5);
  if (place_ocs) {
    SimState& s = sim.mutable_state();
    REQUIRE(place_in_contact(s, [&](std::size_t i) { return s.agents.cell_type(i) == CellType::TCell &&
                                                              s.agents.state[i] == ts(TState::Cd8); },
                             CellType::Osteoclast, 0) > 100);
  }
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return count_cells(sim.state(), CellType::TCell, ts(TState::Cd8Treg));
}

// With every CD8 cell made a Treg at the start (dense T cells) and naive cells driven to activate:
// effector CD4 cells at the end.
double effectors_with_tregs(const Overrides& extra) {
  Overrides o{"rules.thymic_output.initial_density=0.3", "rules.thymic_output.entry_rate=0",
              "rules.osteoclast_cd8_treg_induction.enabled=false"};
  o.insert(o.end(), extra.begin(), extra.end());
  Simulation sim(config_of(small_world(2) + "treatments: {t_cell_activation: {dose: 1 1/day}}\n", o), 5);
  AgentStore& a = sim.mutable_state().agents;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.cell_type(i) == CellType::TCell && a.state[i] == ts(TState::Cd8)) a.state[i] = ts(TState::Cd8Treg);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return count_cells(sim.state(), CellType::TCell, ts(TState::Cd4Effector));
}

// Mean differentiation gain of monocytes and resorption gain of osteoclasts that were in contact with a
// Treg during the first tick (osteoclasts placed next to Tregs).
std::pair<double, double> gains_next_to_tregs(const Overrides& o) {
  Overrides all{"rules.thymic_output.initial_density=0.2"};
  all.insert(all.end(), o.begin(), o.end());
  Simulation sim(config_of(small_world(1, 20, 6), all), 5);
  SimState& s = sim.mutable_state();
  AgentStore& a = s.agents;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.cell_type(i) == CellType::TCell && a.state[i] == ts(TState::Cd8)) a.state[i] = ts(TState::Cd8Treg);
  place_in_contact(s, [&](std::size_t i) { return a.cell_type(i) == CellType::TCell && a.state[i] == ts(TState::Cd8Treg); },
                   CellType::Osteoclast, 0);
  std::set<std::uint64_t> touched;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const CellType t = a.cell_type(i);
    if (t != CellType::Monocyte && t != CellType::Osteoclast) continue;
    bool contact = false;
    for (int dz = -1; dz <= 1; ++dz)
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int x = a.x[i] + dx, y = a.y[i] + dy, z = a.z[i] + dz;
          if ((!dx && !dy && !dz) || !s.grid.contains(x, y, z)) continue;
          const std::int32_t j = s.occupant[s.grid.index(x, y, z)];
          contact = contact || (j >= 0 && a.cell_type(j) == CellType::TCell && a.state[j] == ts(TState::Cd8Treg));
        }
    if (contact) touched.insert(a.id[i]);
  }
  sim.step();
  double dg = 0, nd = 0, rg = 0, nr = 0;
  const AgentStore& b = sim.state().agents;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!touched.count(b.id[i])) continue;
    if (b.cell_type(i) == CellType::Monocyte) dg += b.differentiation_gain[i], nd += 1;
    if (b.cell_type(i) == CellType::Osteoclast) rg += b.resorption_gain[i], nr += 1;
  }
  REQUIRE(nd > 10);
  REQUIRE(nr > 10);
  return {dg / nd, rg / nr};
}
}  // namespace

TEST_CASE("osteoclast_cd8_treg_induction: CD8 cells next to osteoclasts become FoxP3 Tregs, more with antigen",
          "[immune_t]") {
  const std::string yaml = small_world(2);
  const double basal = tregs(yaml, {}), with_antigen = tregs(yaml + kAntigenDose, {});
  CHECK(basal > 15);                     // rate 0.5 x 0.2 per day: ~18% of CD8 cells in 2 days
  CHECK(with_antigen > 2 * basal);       // presentation 0.2 -> 1.1
  CHECK(tregs(yaml, {}, false) < 0.25 * basal);  // only by chance contact with the marrow's own osteoclasts
  CHECK(tregs(yaml + kAntigenDose, {"rules.osteoclast_cd8_treg_induction.enabled=false"}) == 0);
}

TEST_CASE("osteoclast_cd8_treg_induction: the bacterial products of a TLR stimulus count as antigen at osteoclasts",
          "[immune_t]") {
  // The same antigen load as DCs and monocytes show (tcell_support.hpp antigen_load).
  const std::string yaml = small_world(2), bacteria = "treatments: {tlr_stimulus: {dose: 100 pM}}\n";
  const double basal = tregs(yaml, {}), with_bacteria = tregs(yaml + bacteria, {});
  const double weight0 = tregs(yaml + bacteria, {"rules.t_cell_antigen_activation.bacterial_antigen_weight=0"});
  CHECK(with_bacteria > 2 * basal);
  CHECK(weight0 < 1.3 * basal);
}

TEST_CASE("cd8_treg_suppression: Tregs restrain CD4 activation and effectors", "[immune_t]") {
  const double on = effectors_with_tregs({}), off = effectors_with_tregs({"rules.cd8_treg_suppression.enabled=false"});
  CHECK(off > 100);
  CHECK(on < 0.5 * off);
}

TEST_CASE("cd8_treg_suppression: Tregs restrain osteoclast differentiation and resorption", "[immune_t]") {
  const auto on = gains_next_to_tregs({}), off = gains_next_to_tregs({"rules.cd8_treg_suppression.enabled=false"});
  CHECK(on.first / off.first == Approx(0.5).epsilon(0.02));
  CHECK(on.second / off.second == Approx(0.5).epsilon(0.02));
}
