// End-to-end ablations of the osteoclastogenesis rules: removing a signal removes its effect. These
// test the bone core, so the immune cells (other RANKL and M-CSF sources) are left out (core_only).
#include <catch2/catch.hpp>

#include "../support/sim_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string C = "rules.stromal_osteoblast_cytokines.";
const std::string world = small_world(21);
}  // namespace

TEST_CASE("biology: with RANKL and M-CSF osteoclasts form and resorb bone", "[biology]") {
  const RunTotals t = run_totals(config_of(world, core_only()));
  CHECK(t.max_oc >= 3);
  CHECK(t.resorbed_um3 > 1000);
}

TEST_CASE("biology: no RANKL, no osteoclasts (co-stimulation is essential)", "[biology]") {
  const RunTotals t = run_totals(config_of(world, core_only({C + "stromal_rankl=0", C + "osteoblast_rankl=0", C + "retracted_rankl=0"})));
  CHECK(t.preoc_ticks == 0);
  CHECK(t.oc_ticks == 0);
  CHECK(t.resorbed_um3 == 0);
}

TEST_CASE("biology: no M-CSF, no osteoclasts (co-stimulation is essential)", "[biology]") {
  const RunTotals t = run_totals(config_of(world, core_only({C + "stromal_mcsf=0", C + "osteoblast_mcsf=0"})));
  CHECK(t.preoc_ticks == 0);
  CHECK(t.oc_ticks == 0);
  CHECK(t.resorbed_um3 == 0);
}

TEST_CASE("biology: high OPG gives fewer osteoclasts and less resorption (decoy)", "[biology]") {
  const RunTotals control = run_totals(config_of(world, core_only()));
  const RunTotals opg = run_totals(config_of(world, core_only({C + "stromal_opg=50", C + "osteoblast_opg=100"})));
  CHECK(opg.oc_ticks < 0.5 * control.oc_ticks);
  CHECK(opg.resorbed_um3 < 0.5 * control.resorbed_um3);
  SECTION("and the effect needs the OPG-RANKL binding") {
    const RunTotals unbound =
        run_totals(config_of(world, core_only({C + "stromal_opg=50", C + "osteoblast_opg=100", "fields.opg_rankl_kon=0"})));
    const RunTotals control_unbound = run_totals(config_of(world, core_only({"fields.opg_rankl_kon=0"})));
    CHECK(unbound.oc_ticks == control_unbound.oc_ticks);
  }
}

TEST_CASE("biology: osteoblasts refill what osteoclasts resorb (coupling)", "[biology]") {
  const RunTotals on = run_totals(config_of(small_world(40)));
  CHECK(on.formed_um3 > 0.3 * on.resorbed_um3);
  const RunTotals off = run_totals(config_of(small_world(40), {"rules.osteoblast_coupling.enabled=false"}));
  CHECK(off.formed_um3 == 0);
  CHECK(off.bone_change < on.bone_change);
}
