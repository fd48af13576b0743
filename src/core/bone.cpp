// Bone state: initial depth map and the derived solid / surface masks.
#include "marrow/bone.hpp"

#include <deque>

namespace marrow {

void BoneState::init(const GridSpec& g, std::vector<float> initial_mineral) {
  const std::size_t n = g.size();
  mineral = std::move(initial_mineral);
  resorbed.assign(n, 0.f);
  formed.assign(n, 0.f);
  deficit.assign(n, 0.f);
  last_resorbed_tick.assign(n, -1);
  // Depth below the marrow surface (face-neighbour BFS from marrow voxels), in voxels.
  depth0.assign(n, -1.f);
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < n; ++i)
    if (mineral[i] < kSolidThreshold) {
      depth0[i] = 0.f;
      queue.push_back(i);
    }
  while (!queue.empty()) {
    const std::size_t i = queue.front();
    queue.pop_front();
    any_face_neighbour(g, i, [&](std::size_t j) {
      if (depth0[j] < 0) {
        depth0[j] = depth0[i] + 1.f;
        queue.push_back(j);
      }
      return false;
    });
  }
  for (auto& d : depth0)
    if (d < 0) d = 1e6f;  // all bone and no marrow anywhere: arbitrarily deep
  refresh(g);
}

void BoneState::refresh(const GridSpec& g) {
  const std::size_t n = g.size();
  solid.resize(n);
  surface.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) solid[i] = mineral[i] >= kSolidThreshold;
  const int nf = face_neighbour_count(g);
  surface_count = 0;
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t i = g.index(x, y, z);
        if (solid[i]) continue;
        for (int f = 0; f < nf; ++f) {
          const int a = x + kFaceOffsets[f][0], b = y + kFaceOffsets[f][1], c = z + kFaceOffsets[f][2];
          if (g.contains(a, b, c) && solid[g.index(a, b, c)]) {
            surface[i] = 1;
            ++surface_count;
            break;
          }
        }
      }
}

double BoneState::volume_um3(const GridSpec& g) const {
  double s = 0;
  for (float m : mineral) s += m;
  return s * g.voxel_volume_um3();
}

}  // namespace marrow
