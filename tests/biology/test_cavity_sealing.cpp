// osteoblast_coupling must refill a resorption cavity from the inside out: it may not close (raise past
// half its mineral) a marrow voxel while marrow that cells can reach only through it is left, since the
// deficit around that marrow is then sealed in and never refilled. Before `keep_cavities_open` the
// formation step took the fillable voxel with the most mineral first, which in a cavity deeper than a
// voxel is the partly resorbed rim at its mouth: 2.5% of the human plate's bone volume was sealed in
// this way by day 300 (docs/model.md, "Session 19").
#include <catch2/catch.hpp>

#include "../support/sim_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
// A 40 um plate on 8 layers of 10 um (bone at z = 2..5, marrow on both faces). No osteoclasts (no RANKL),
// no lining cells and no new osteoblasts (no commitment): the one osteoblast placed below is the only one
// that forms bone.
ResolvedConfig world(int days, bool keep_open, bool follow) {
  const std::string c = "rules.stromal_osteoblast_cytokines.", b = "rules.osteoblast_coupling.";
  return config_of("name: t\nseed: 11\nspecies: mouse\nduration: " + std::to_string(days) +
                       " d\ngrid: {nx: 14, ny: 12, nz: 8}\ngeometry: {type: plate, plate_thickness: 40 um}\n",
                   core_only({c + "stromal_rankl=0", c + "osteoblast_rankl=0", c + "retracted_rankl=0",
                              "rules.remodeling_initiation.lining_coverage=0", b + "commitment=0",
                              b + "keep_cavities_open=" + (keep_open ? "true" : "false"),
                              b + "follow_deficit=" + (follow ? "true" : "false")}));
}

void resorb(SimState& s, int x, int y, int z, float to_mineral) {
  const std::size_t v = s.grid.index(x, y, z);
  const float removed = s.bone.mineral[v] - to_mineral;
  s.bone.mineral[v] = to_mineral;
  s.bone.resorbed[v] += removed;
  s.bone.deficit[v] += removed;
  s.bone.last_resorbed_tick[v] = 0;
}

struct Outcome {
  double formed_um3 = 0;
  double deficit_left = 0;  // voxels
  float mouth_mineral = 0;  // at (6, 6, 5), the mouth under the osteoblast
};

// A cavity two voxels deep under a mouth at (6, 6, 5) that is 60% resorbed; with `second_mouth` the
// cavity runs along x to a second such mouth at (9, 6, 5). One active osteoblast sits above the first
// mouth, where it reaches the mouth but not the cavity below it.
Outcome run(int days, bool keep_open, bool follow, bool second_mouth) {
  Simulation sim(world(days, keep_open, follow), 5);
  SimState& s = sim.mutable_state();
  const GridSpec& g = s.grid;
  resorb(s, 6, 6, 5, 0.4f);
  resorb(s, 6, 6, 4, 0.0f);
  resorb(s, 6, 6, 3, 0.0f);
  if (second_mouth) {
    for (int x = 7; x <= 9; ++x) resorb(s, x, 6, 4, 0.0f);
    resorb(s, 9, 6, 5, 0.4f);
  }
  run_with_one_osteoblast(sim, 6, 6, 6);
  Outcome o;
  o.formed_um3 = sim.state().total_formed_um3;
  for (float d : sim.state().bone.deficit) o.deficit_left += d;
  o.mouth_mineral = sim.state().bone.mineral[g.index(6, 6, 5)];
  return o;
}
}  // namespace

TEST_CASE("osteoblast_coupling: a cavity is refilled from the inside, not sealed at its mouth", "[biology]") {
  // follow_deficit lets the one osteoblast go down into the cavity once its reach holds nothing to fill.
  const Outcome open = run(25, true, true, false), sealed = run(25, false, true, false);
  INFO("formed (um^3): kept open " << open.formed_um3 << ", without the rule " << sealed.formed_um3
                                   << "; deficit left (voxels) " << open.deficit_left << ", " << sealed.deficit_left);
  // The mouth (0.6 voxels) and the two voxels below it (1 each): 2600 um^3 at 150 um^3/day, in 17 days.
  CHECK(open.formed_um3 == Approx(2.6 * 1000).epsilon(1e-3));
  CHECK(open.deficit_left < 1e-3);
  // Without the rule the mouth is refilled first, the cavity below is closed off and the osteoblast retires.
  CHECK(sealed.formed_um3 == Approx(0.6 * 1000).epsilon(1e-3));
  CHECK(sealed.deficit_left == Approx(2.0).epsilon(1e-3));
}

TEST_CASE("osteoblast_coupling: the mouth of a cavity is held open, but one of two mouths may close", "[biology]") {
  // No follow_deficit (the mouse default): the osteoblast stays on the surface.
  const Outcome one = run(10, true, false, false), two = run(10, true, false, true),
                one_without = run(10, false, false, false);
  INFO("mouth mineral: one mouth " << one.mouth_mineral << ", two mouths " << two.mouth_mineral
                                   << ", one mouth without the rule " << one_without.mouth_mineral);
  // One mouth: filled to just under half its mineral, so marrow (and the next osteoblast) still reach the cavity.
  CHECK(one.mouth_mineral < kSolidThreshold);
  CHECK(one.mouth_mineral > kSolidThreshold - 0.01f);
  // Two mouths: the cavity stays reachable through the other, so the first is refilled in full.
  CHECK(two.mouth_mineral == Approx(1.0f).epsilon(1e-4));
  CHECK(one_without.mouth_mineral == Approx(1.0f).epsilon(1e-4));
}
