// resting_t_cell_stromal_brake: resting T cells in contact lower stromal RANKL; nothing without T cells.
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
double stromal_rankl(const std::string& yaml, const Overrides& o) {
  Simulation sim(config_of(yaml, o), 5);
  sim.step();
  return value_of(sim.timeseries_row(), "secretion/rankl_per_stromal");
}
}  // namespace

TEST_CASE("resting_t_cell_stromal_brake: resting T cells lower stromal RANKL, not in nude hosts or without the rule",
          "[immune_t]") {
  const std::string yaml = small_world(1, 20, 6);
  const Overrides dense{"rules.thymic_output.initial_density=0.3"};
  Overrides dense_off = dense;
  dense_off.push_back("rules.resting_t_cell_stromal_brake.enabled=false");
  // A few naive CD4 cells around most stromal cells: RANKL / (1 + 2 n).
  CHECK(stromal_rankl(yaml, dense) < 0.5 * stromal_rankl(yaml, dense_off));
  // Default density: few stromal cells touch a resting T cell, a small fall.
  const double wt = stromal_rankl(yaml, {}), wt_off = stromal_rankl(yaml, {"rules.resting_t_cell_stromal_brake.enabled=false"});
  CHECK(wt < 0.97 * wt_off);
  CHECK(wt > 0.5 * wt_off);
  const std::string nude = yaml + "host: {genotype: {nude: true}}\n";
  CHECK(stromal_rankl(nude, {}) == stromal_rankl(nude, {"rules.resting_t_cell_stromal_brake.enabled=false"}));
  // Without T cells stromal RANKL is higher, with the T cells' TNF route to stromal RANKL closed (TNF from
  // activated T cells raises it through p55: tnf_p55_stromal_rankl_mcsf).
  const Overrides no_tnf_route{"rules.tnf_p55_stromal_rankl_mcsf.enabled=false"};
  CHECK(stromal_rankl(nude, no_tnf_route) > stromal_rankl(yaml, no_tnf_route));
}
