// Two options of osteoblast_coupling, on in the human parameter set and off in the mouse one (docs/model.md,
// "Session 16: human remodeling units" and "Session 21"); each case sets them:
//  - follow_deficit: an active osteoblast whose reach (its 27 voxels) is refilled steps to a free face
//    neighbour that touches the cavity's remaining deficit, instead of retiring while the cavity is
//    unfinished;
//  - lining_reactivation: a lining cell with a fillable deficit in contact becomes an active osteoblast.
#include <catch2/catch.hpp>

#include "../support/sim_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
// A 40 um plate on 8 layers of 10 um (bone at z = 2..5, marrow on both faces). No osteoclasts (no RANKL),
// no lining cells and no new osteoblasts (no commitment), so the four osteoblasts placed below are the
// only ones that form bone and the shallow cavity is the only deficit.
std::string plate_world(int days) {
  return "name: t\nseed: 11\nspecies: mouse\nduration: " + std::to_string(days) +
         " d\ngrid: {nx: 20, ny: 20, nz: 8}\ngeometry: {type: plate, plate_thickness: 40 um}\n";
}

Overrides settings(bool follow, bool reactivate) {
  const std::string c = "rules.stromal_osteoblast_cytokines.", b = "rules.osteoblast_coupling.";
  return core_only({c + "stromal_rankl=0", c + "osteoblast_rankl=0", c + "retracted_rankl=0",
                    "rules.remodeling_initiation.lining_coverage=0", b + "commitment=0",
                    b + "follow_deficit=" + (follow ? "true" : "false"),
                    b + "lining_reactivation=" + (reactivate ? "true" : "false")});
}

struct Formed {
  double volume_um3 = 0;  // formed in the run
  int active_at_end = 0;
};

// Resorbs a fifth of every top-layer voxel of a 12 x 12 patch (a shallow cavity, 28.8 voxels of deficit),
// puts four osteoblasts on it (active, or lining cells) whose reaches do not overlap, runs, and reports
// what was formed.
Formed run(int days, bool follow, bool reactivate = false, ObState placed_as = ObState::Active) {
  Simulation sim(config_of(plate_world(days), settings(follow, reactivate)), 5);
  SimState& s = sim.mutable_state();
  const GridSpec& g = s.grid;
  for (int x = 4; x < 16; ++x)
    for (int y = 4; y < 16; ++y) {
      const std::size_t v = g.index(x, y, 5);
      s.bone.mineral[v] -= 0.2f;
      s.bone.resorbed[v] += 0.2f;
      s.bone.deficit[v] += 0.2f;
      s.bone.last_resorbed_tick[v] = 0;
    }
  s.bone.refresh(g);
  // One osteoblast in the first free voxel of the layer above the cavity near each of four spots (7 voxels
  // apart, so no two can take the same voxel); the occupancy is rebuilt after.
  for (int cx : {6, 13})
    for (int cy : {6, 13}) {
      bool placed = false;
      for (int dy = -1; dy <= 1 && !placed; ++dy)
        for (int dx = -1; dx <= 1 && !placed; ++dx)
          if (s.occupant[g.index(cx + dx, cy + dy, 6)] < 0) {
            s.agents.add(CellType::Osteoblast, static_cast<std::uint8_t>(placed_as), cx + dx, cy + dy, 6, 0);
            placed = true;
          }
      REQUIRE(placed);
    }
  s.rebuild_occupancy();
  while (sim.state().tick < sim.total_ticks()) sim.step();
  Formed f;
  f.volume_um3 = sim.state().total_formed_um3;
  f.active_at_end = osteoblasts_in(sim.state(), ObState::Active);
  return f;
}
}  // namespace

TEST_CASE("osteoblast_coupling: with follow_deficit osteoblasts go on to the rest of the cavity", "[biology]") {
  const Formed follow = run(20, true), retire = run(20, false);
  INFO("formed in 20 days (um^3): follow " << follow.volume_um3 << ", retire " << retire.volume_um3
                                           << "; active osteoblasts at the end " << follow.active_at_end << ", "
                                           << retire.active_at_end);
  // Retiring: each osteoblast refills the 9 cavity voxels in its reach (0.2 x 1000 um^3 each) in 12 days
  // at 1.5 um/day x 100 um^2, then becomes a lining cell: 4 x 1800 um^3.
  CHECK(retire.active_at_end == 0);
  CHECK(retire.volume_um3 == Approx(4 * 9 * 0.2 * 1000).epsilon(1e-3));
  // Following: each moves on across the 144-voxel cavity and forms at the full rate for all 20 days
  // (within its 30-day working life): 4 x 150 um^3/day x 20 days.
  CHECK(follow.active_at_end == 4);
  CHECK(follow.volume_um3 == Approx(4 * 150.0 * 20).epsilon(1e-3));
}

TEST_CASE("osteoblast_coupling: with lining_reactivation lining cells on a cavity refill it", "[biology]") {
  const Formed on = run(20, false, true, ObState::Lining), off = run(20, false, false, ObState::Lining);
  INFO("formed in 20 days (um^3): reactivation " << on.volume_um3 << ", none " << off.volume_um3);
  // Off: a lining cell does not form bone, and no osteoblast is made (commitment 0).
  CHECK(off.volume_um3 == 0);
  // On: each becomes active within hours (k_a 4/day), refills the 9 cavity voxels in its reach and retires.
  CHECK(on.volume_um3 == Approx(4 * 9 * 0.2 * 1000).epsilon(1e-3));
}
