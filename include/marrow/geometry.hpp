#pragma once
// Initial bone geometry from the config: none, a flat trabecular plate, or a synthetic trabecular
// structure (plates and rods at a given bone volume fraction and thickness) drawn from the run's seed.
#include <cstdint>
#include <vector>

#include "marrow/config.hpp"
#include "marrow/grid.hpp"

namespace marrow {

GridSpec grid_from_config(const ResolvedConfig& cfg);
// Initial mineral fraction per voxel.
std::vector<float> make_geometry(const ResolvedConfig& cfg, const GridSpec& grid, std::uint64_t seed);

}  // namespace marrow
