// thymic_output: initial marrow T cells and the entry of naive T cells; host genotypes and treatments.
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
double tcells_at_end(const std::string& yaml, const Overrides& o) {
  Simulation sim(config_of(yaml, o), 7);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return count_cells(sim.state(), CellType::TCell);
}
}  // namespace

TEST_CASE("thymic_output: initial T cells, 2/3 CD4, and ongoing entry", "[immune_t]") {
  const std::string yaml = small_world(4);
  Simulation sim(config_of(yaml), 3);
  const SimState& s = sim.state();
  const double cd4 = count_cells(s, CellType::TCell, ts(TState::Cd4Naive));
  const double cd8 = count_cells(s, CellType::TCell, ts(TState::Cd8));
  std::size_t marrow = 0;
  for (auto v : s.bone.solid) marrow += !v;
  CHECK(cd4 + cd8 == Approx(0.03 * marrow).margin(1.5));
  CHECK(cd4 / (cd4 + cd8) == Approx(0.67).margin(0.03));
  for (std::size_t i = 0; i < s.agents.size(); ++i)
    if (s.agents.cell_type(i) == CellType::TCell) CHECK(s.agents.divisions[i] == 0);
  SECTION("entries arrive; without the rule there are no T cells") {
    CHECK(tcells_at_end(small_world(2, 20, 6), kThymicEntryOnly) > 100);  // ~160 expected (800 marrow voxels)
    Overrides off = kThymicEntryOnly;
    off.push_back("rules.thymic_output.enabled=false");
    CHECK(tcells_at_end(small_world(2, 20, 6), off) == 0);
    Simulation none(config_of(yaml, {"rules.thymic_output.enabled=false"}), 3);
    CHECK(count_cells(none.state(), CellType::TCell) == 0);
  }
}

TEST_CASE("thymic_output: nude, CD8-deficient and culture hosts", "[immune_t]") {
  const std::string yaml = small_world(3, 20, 6);
  CHECK(tcells_at_end(yaml + "host: {genotype: {nude: true}}\n", {}) == 0);
  // In culture the dish's cells are culture_seeding's: thymic output places and admits none, even at a high
  // entry rate (no T cells seeded), and leaves a seeded dish's T cells as they are.
  Overrides dish = kThymicEntryOnly;
  dish.push_back("culture.t_cells=0");
  CHECK(tcells_at_end(yaml + "mode: culture\n", dish) == 0);
  const double seeded = tcells_at_end(yaml + "mode: culture\n", {});
  CHECK(seeded > 0);
  CHECK(tcells_at_end(yaml + "mode: culture\n", {"rules.thymic_output.enabled=false"}) == seeded);
  Simulation cd8(config_of(yaml + "host: {genotype: {cd8_deficient: true}}\n", kThymicEntryOnly), 7);
  Simulation wt(config_of(yaml), 7);
  while (cd8.state().tick < cd8.total_ticks()) cd8.step();
  CHECK(count_cells(cd8.state(), CellType::TCell, ts(TState::Cd8)) == 0);
  CHECK(count_cells(cd8.state(), CellType::TCell, ts(TState::Cd4Naive)) > 20);
  CHECK(count_cells(wt.state(), CellType::TCell, ts(TState::Cd8)) > 0);
}

TEST_CASE("thymic_output: estrogen loss raises and thymectomy lowers thymic output", "[immune_t]") {
  // A deeper marrow (2400 voxels) and a lower entry rate (~290 entries in 4 days at full estrogen), so that
  // the marrow stays far from full and free space does not cap the entries.
  const std::string yaml = small_world(4, 20, 10);
  Overrides entry = kThymicEntryOnly;
  entry.push_back("rules.thymic_output.entry_rate=30000");
  const double sham = tcells_at_end(yaml, entry);
  const double ovx = tcells_at_end(yaml + kOvxNow, entry);
  const double thx = tcells_at_end(yaml + "treatments: {thymectomy: {dose: 1}}\n", entry);
  // Expected factors 1 + f_thy w = 1.3 and 1 - f_thy = 0.7 (a few hundred entries each).
  CHECK(ovx > 1.15 * sham);
  CHECK(thx < 0.85 * sham);
  // Without the thymic share estrogen loss does not change the entry.
  Overrides o = entry;
  o.push_back("rules.thymic_output.thymic_share=0");
  const double s0 = tcells_at_end(yaml, o);
  CHECK(tcells_at_end(yaml + kOvxNow, o) == Approx(s0).epsilon(0.12));
}
