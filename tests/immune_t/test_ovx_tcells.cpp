// With all T-cell rules on: a nude host has no T cells, and OVX raises the number of effector T cells.
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

TEST_CASE("T cells: a nude host has none, even after OVX", "[immune_t]") {
  const std::string yaml = small_world(5, 20, 6) + "host: {genotype: {nude: true}, estrogen: {schedule: ovx}}\n";
  const auto s = sum_readouts(config_of(yaml), {"counts/tcell"});
  CHECK(s[0] == 0);
}

TEST_CASE("T cells: OVX raises effector T-cell numbers", "[immune_t]") {
  // More T cells than the default (initial density and entry scaled together) and more basal activation,
  // so that effector counts are not tiny; summed over days 5-11 of four replicates.
  const Overrides more{"rules.thymic_output.initial_density=0.15", "rules.thymic_output.entry_rate=7500",
                       "rules.t_cell_antigen_activation.basal_rate=0.05"};
  const std::string yaml = small_world(11, 20, 6);
  const std::string ovx = "host: {estrogen: {schedule: ovx, ovx_day: 0 d, decline_time: 1 d}}\n";
  double sham[2] = {}, o[2] = {};
  for (int rep = 0; rep < 4; ++rep)
    for (int arm = 0; arm < 2; ++arm) {
      Simulation sim(config_of(arm ? yaml + ovx : yaml, more), replicate_seed(11, rep));
      double* sum = arm ? o : sham;
      while (sim.state().tick < sim.total_ticks()) {
        sim.step();
        if (sim.state().tick < 5 * 24) continue;
        const TimeseriesRow row = sim.timeseries_row();
        sum[0] += value_of(row, "counts/tcell_cd4_effector");
        sum[1] += value_of(row, "counts/tcell_tnf_positive");
      }
    }
  // Expected about 1.5-2x (replicates vary): more basal activation and MHC-II, longer effector life, more
  // thymic output.
  CHECK(o[0] > 1.25 * sham[0]);
  CHECK(o[1] > sham[1]);
}
