// The direct estrogen route: OVX loses more bone than sham, and not without the rule.
#include <catch2/catch.hpp>

#include "../support/sim_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

TEST_CASE("biology: estrogen schedule falls after ovariectomy", "[biology]") {
  const std::string yaml = small_world(10) + "host: {estrogen: {schedule: ovx, ovx_day: 2 d, decline_time: 1 d}}\n";
  Simulation sim(config_of(yaml), 1);
  double at_day1 = 0;
  while (sim.state().tick < sim.total_ticks()) {
    sim.step();
    if (sim.state().tick == 24) at_day1 = sim.state().host.estrogen;
  }
  CHECK(at_day1 == 1.0);
  CHECK(sim.state().host.estrogen < 0.15);
}

TEST_CASE("biology: OVX loses more bone than sham through the RANKL/OPG imbalance", "[biology]") {
  const std::string base = small_world(40);
  const std::string ovx = "host: {estrogen: {schedule: ovx, ovx_day: 5 d}}\n";
  // The direct route alone: the immune routes of estrogen loss are left out (core_only).
  const RunTotals sham = run_totals(config_of(base, core_only()));
  const RunTotals o = run_totals(config_of(base + ovx, core_only()));
  CHECK(o.oc_ticks > 1.2 * sham.oc_ticks);
  CHECK(o.bone_change < sham.bone_change);
  SECTION("without the rule, OVX changes nothing") {
    const Overrides off = core_only({"rules.estrogen_rankl_opg_imbalance.enabled=false"});
    const RunTotals s0 = run_totals(config_of(base, off)), o0 = run_totals(config_of(base + ovx, off));
    CHECK(o0.bone_volume == s0.bone_volume);
  }
}
