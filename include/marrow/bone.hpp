#pragma once
// Bone on the voxel grid: a mineral fraction per voxel, removed and added continuously so that pits have
// depth below the voxel size. A voxel is solid (impermeable to cytokines, closed to cells) while its
// mineral fraction is at least one half. The derived arrays (solid, surface, depth) are rebuilt from
// `mineral` by refresh(), so they never need to be serialised.
#include <cstdint>
#include <vector>

#include "marrow/grid.hpp"

namespace marrow {

struct BoneState {
  std::vector<float> mineral;   // fraction of the voxel that is mineralised bone, [0,1]
  std::vector<float> resorbed;  // cumulative fraction removed by osteoclasts (the pit record)
  std::vector<float> formed;    // cumulative fraction added by osteoblasts
  std::vector<float> deficit;   // removed and not yet refilled: what osteoblasts may fill
  std::vector<float> depth0;    // initial depth below the marrow surface, voxels (0 = marrow)
  std::vector<std::int32_t> last_resorbed_tick;  // -1 when never resorbed

  // Derived (refresh()):
  std::vector<std::uint8_t> solid;    // 1 where mineral >= 0.5
  std::vector<std::uint8_t> surface;  // 1 for a marrow voxel with a solid face neighbour
  std::size_t surface_count = 0;

  void init(const GridSpec& g, std::vector<float> initial_mineral);
  void refresh(const GridSpec& g);
  double volume_um3(const GridSpec& g) const;  // sum of mineral times voxel volume
};

inline constexpr float kSolidThreshold = 0.5f;

// Face neighbours (6 in 3-D, 4 in 2-D): offsets in x, y, z.
inline constexpr int kFaceOffsets[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
inline int face_neighbour_count(const GridSpec& g) { return g.nz == 1 ? 4 : 6; }

// Calls f(j) for the face neighbours j of voxel v inside the grid, in kFaceOffsets order, until f returns
// true; says whether one did.
template <class F>
bool any_face_neighbour(const GridSpec& g, std::size_t v, F&& f) {
  const VoxelCoords c = g.coords(v);
  for (int k = 0; k < face_neighbour_count(g); ++k) {
    const int a = c.x + kFaceOffsets[k][0], b = c.y + kFaceOffsets[k][1], z = c.z + kFaceOffsets[k][2];
    if (g.contains(a, b, z) && f(g.index(a, b, z))) return true;
  }
  return false;
}

}  // namespace marrow
