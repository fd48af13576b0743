// Initial placement of agents at random free marrow voxels, deterministic from the seed.
#include "rule_support.hpp"

namespace marrow::bio {

void place_randomly(SimState& s, std::uint64_t seed, CellType t, std::uint8_t state, std::size_t count,
                    std::uint64_t salt) {
  const GridSpec& g = s.grid;
  RandomStream r(seed, Stream::Placement, salt, 0);
  std::size_t placed = 0;
  for (std::size_t tries = 0; placed < count && tries < 20 * count + 100; ++tries) {
    const std::size_t v = static_cast<std::size_t>(r.uniform() * g.size());
    if (s.bone.solid[v] || s.occupant[v] >= 0) continue;
    const VoxelCoords c = g.coords(v);
    const std::size_t i = s.agents.add(t, state, c.x, c.y, c.z, 0);
    s.occupant[v] = static_cast<std::int32_t>(i);
    ++placed;
  }
}

}  // namespace marrow::bio
