// il7_mediated_t_cell_estrogen: the T cells' estrogen responses see the estrogen loss only as far as IL-7
// signals, so IL-7 blockade removes them (Ryan 2005); without an antibody nothing changes.
#include <catch2/catch.hpp>
#include <utility>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string kAntiIl7 = "treatments: {anti_il7: {dose: 5 nM}}\n";

// After a few ticks, when the OVX-at-day-0 estrogen has fallen to zero (decline time 0.01 day).
// Returns the loss the T cells see and 1 - E.
std::pair<double, double> loss_after_a_few_ticks(const std::string& yaml, const Overrides& o = {}) {
  Simulation sim(config_of(yaml, o), 3);
  for (int k = 0; k < 4; ++k) sim.step();
  return {sim.state().host.t_cell_estrogen_loss, 1.0 - sim.state().host.estrogen};
}

// T cells that entered in a short run with only thymic output adding T cells (kThymicEntryOnly), all of
// the entry thymic, at a lower rate so that free marrow space does not cap it.
double entries(const std::string& yaml, Overrides o) {
  o.insert(o.begin(), kThymicEntryOnly.begin(), kThymicEntryOnly.end());
  for (const char* k : {"rules.thymic_output.entry_rate=30000", "rules.thymic_output.thymic_share=1"}) o.push_back(k);
  Simulation sim(config_of(yaml, o), 7);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return count_cells(sim.state(), CellType::TCell);
}
}  // namespace

TEST_CASE("il7_mediated_t_cell_estrogen: the loss the T cells see is (1 - E) k7 / (k7 + kon A)", "[immune_t]") {
  const std::string yaml = small_world(1) + kOvxNow;
  // IL-7 decay 0.035/min; 5 nM antibody at 1e6 /M/s clears 5e-3 /s.
  const double k7 = 0.035 / 60.0, sink = 1e6 * 5e-9;
  const auto [plain, e_loss] = loss_after_a_few_ticks(yaml);
  CHECK(e_loss > 0.99);
  CHECK(plain == e_loss);
  CHECK(loss_after_a_few_ticks(yaml + kAntiIl7).first == Approx(e_loss * k7 / (k7 + sink)).epsilon(1e-12));
  CHECK(loss_after_a_few_ticks(yaml + kAntiIl7, {"rules.il7_mediated_t_cell_estrogen.enabled=false"}).first == e_loss);
  CHECK(loss_after_a_few_ticks(small_world(1) + kAntiIl7).first == 0.0);  // estrogen replete: no loss to scale
}

TEST_CASE("il7_mediated_t_cell_estrogen: IL-7 blockade removes the OVX rise of thymic output", "[immune_t]") {
  // Every entry is thymic (share 1), so estrogen loss doubles it (w 1); with the blockade the rise is a
  // tenth (a_7 ~ 0.10), and without the rule the blockade leaves it whole. ~580 entries at full estrogen.
  const std::string yaml = small_world(4, 20, 10);
  const double sham = entries(yaml, {});
  const double ovx = entries(yaml + kOvxNow, {});
  const double blocked = entries(yaml + kOvxNow + kAntiIl7, {});
  const double unmediated = entries(yaml + kOvxNow + kAntiIl7, {"rules.il7_mediated_t_cell_estrogen.enabled=false"});
  CHECK(ovx > 1.6 * sham);
  CHECK(blocked < 1.25 * sham);
  CHECK(blocked > 0.95 * sham);
  CHECK(unmediated > 1.6 * sham);
}

TEST_CASE("il7_mediated_t_cell_estrogen: without an antibody every run is unchanged", "[immune_t]") {
  // a_7 = 1 exactly, so an OVX run with the rule on and off is the same digit for digit.
  const std::string yaml = small_world(3) + kOvxNow;
  Simulation on(config_of(yaml), 5), off(config_of(yaml, {"rules.il7_mediated_t_cell_estrogen.enabled=false"}), 5);
  while (on.state().tick < on.total_ticks()) {
    on.step();
    off.step();
  }
  CHECK(count_cells(on.state(), CellType::TCell) == count_cells(off.state(), CellType::TCell));
  CHECK(on.state().bone.mineral == off.state().bone.mineral);
}
