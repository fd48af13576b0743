#pragma once
// Everything a run is at one tick. All of it is plain data that snapshots and checkpoints serialise;
// derived caches (bone.solid, occupancy) are rebuilt from it.
#include <array>
#include <cstdint>
#include <vector>

#include "marrow/agents.hpp"
#include "marrow/bone.hpp"
#include "marrow/fields.hpp"
#include "marrow/grid.hpp"
#include "marrow/host.hpp"

namespace marrow {

struct SimState {
  GridSpec grid;
  std::int64_t tick = 0;  // ticks completed
  double tick_hours = 1.0;
  BoneState bone;
  FieldSet fields;
  AgentStore agents;
  HostState host;
  double initial_bone_um3 = 0;
  double total_resorbed_um3 = 0;
  double total_formed_um3 = 0;
  // Read-outs of the last completed tick (not state: recomputed by every step).
  std::array<double, kCellTypeCount> deaths_last_tick{};  // apoptosis and other deaths, not fusions
  double resorbed_last_tick_um3 = 0, formed_last_tick_um3 = 0;

  // Derived: index of the agent in each voxel, or -1 (rebuild_occupancy()).
  std::vector<std::int32_t> occupant;
  void rebuild_occupancy();

  double time_days() const { return tick * tick_hours / 24.0; }
};

}  // namespace marrow
