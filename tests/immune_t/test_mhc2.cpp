// ciita_mhc2_expression: IFN-gamma raises MHC-II on presenting cells; estrogen loss acts only through it
// (Cenci 2003).
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
double mhc2_at_end(const std::string& yaml, const Overrides& o = {}) {
  Simulation sim(config_of(yaml, o), 5);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return value_of(sim.timeseries_row(), "presenting/mhc2_mean");
}
}  // namespace

TEST_CASE("ciita_mhc2_expression: IFN-gamma raises MHC-II, OVX only through it, not without the rule",
          "[immune_t]") {
  const std::string yaml = small_world(1, 20, 6);
  const std::string ifng = "treatments: {ifng: {dose: 100 pM}}\n";
  const double sham = mhc2_at_end(yaml);
  const double ovx = mhc2_at_end(yaml + kOvxNow);
  const double with_ifng = mhc2_at_end(yaml + ifng);
  const double ifngr_ko = mhc2_at_end(yaml + ifng + "host: {genotype: {ifngr_knockout: true}}\n");
  const double ifngr_ko_ovx = mhc2_at_end(
      yaml + "host: {estrogen: {schedule: ovx, ovx_day: 0 d, decline_time: 0.01 d, deficient_level: 0}, "
             "genotype: {ifngr_knockout: true}}\n");
  CHECK(sham < 1.2);                 // little IFN-gamma at baseline
  CHECK(ovx < sham + 0.1);           // within a day OVX has not yet raised marrow IFN-gamma
  CHECK(with_ifng > sham + 1.5);     // w_g = 2 at ~90% occupancy
  CHECK(ifngr_ko == Approx(1.0).margin(1e-6));
  CHECK(ifngr_ko_ovx == Approx(1.0).margin(1e-6));  // no IFN-g signal, no rise
  const Overrides off{"rules.ciita_mhc2_expression.enabled=false"};
  CHECK(mhc2_at_end(yaml + kOvxNow, off) == 1.0);
  CHECK(mhc2_at_end(yaml + ifng, off) == 1.0);
}
