// Baseline (estrogen-replete) steady state on a reduced domain: after a spin-up, bone volume stays
// within 2% while pits are made and refilled. The full-size figure is in docs/benchmarks.md.
#include <catch2/catch.hpp>

#include "../support/sim_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

TEST_CASE("biology: baseline remodeling keeps bone volume steady after spin-up", "[biology][baseline]") {
  const int spin_up_days = 60, days = 180;
  const ResolvedConfig cfg = config_of(small_world(days, 40, 8));
  double at_spin_up = 0, at_end = 0, resorbed_after = 0, formed_after = 0;
  for (int rep = 0; rep < 2; ++rep) {
    const RunTotals t = run_totals(cfg, rep);
    const std::size_t k0 = spin_up_days * 24 - 1, k1 = t.bone_volume.size() - 1;
    at_spin_up += t.bone_volume[k0];
    at_end += t.bone_volume[k1];
    resorbed_after += t.resorbed_um3;
    formed_after += t.formed_um3;
  }
  const double change = at_end / at_spin_up - 1;
  INFO("relative bone volume change between day " << spin_up_days << " and " << days << ": " << change);
  CHECK(std::abs(change) < 0.02);
  // ... while bone is actually turned over: a good fraction of a voxel layer per surface is resorbed.
  CHECK(resorbed_after > 0.02 * at_end);
  CHECK(formed_after > 0.5 * resorbed_after);
}
