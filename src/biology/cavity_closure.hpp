#pragma once
// Whether refilling a marrow voxel would close a resorption cavity: used by osteoblast_coupling so that a
// cavity is refilled from the inside out and never sealed at its mouth with deficit left within
// (docs/model.md, "Session 20: cavities refilled from the inside").
#include <cstddef>

#include "marrow/bone.hpp"
#include "marrow/rule.hpp"

namespace marrow::bio {

// The most mineral a voxel may hold while closing it would cut marrow off: just under the solid threshold,
// so that it stays marrow (open to cells and cytokines).
inline constexpr float kHeldOpenMineral = kSolidThreshold - 1e-3f;

// True when marrow voxel v, made solid, would leave a marrow face neighbour of it with no path of face
// steps through marrow to the original marrow (depth0 0, the marrow outside the initial bone surface).
// Reads the live mineral, not the solid mask, since formation changes mineral during the bone phase.
bool closing_cuts_off_marrow(const SimState& s, std::size_t v);

}  // namespace marrow::bio
