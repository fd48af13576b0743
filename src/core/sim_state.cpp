// Derived per-voxel occupancy, rebuilt after agents move, are born or die.
#include "marrow/sim_state.hpp"

namespace marrow {

void SimState::rebuild_occupancy() {
  occupant.assign(grid.size(), -1);
  for (std::size_t i = 0; i < agents.size(); ++i)
    occupant[grid.index(agents.x[i], agents.y[i], agents.z[i])] = static_cast<std::int32_t>(i);
}

}  // namespace marrow
