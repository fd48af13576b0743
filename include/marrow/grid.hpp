#pragma once
// The voxel grid: dimensions, voxel edge and the flat index used by every field and per-voxel array.
// Arrays are flat, x fastest: index = x + nx * (y + ny * z).
#include <cstddef>
#include <cstdint>

namespace marrow {

struct VoxelCoords {
  int x, y, z;
};

struct GridSpec {
  int nx = 1, ny = 1, nz = 1;
  double voxel_um = 10.0;  // voxel edge h, um

  std::size_t size() const { return std::size_t(nx) * ny * nz; }
  std::size_t index(int x, int y, int z) const {
    return std::size_t(x) + std::size_t(nx) * (std::size_t(y) + std::size_t(ny) * z);
  }
  VoxelCoords coords(std::size_t v) const {  // the inverse of index()
    return {int(v % nx), int((v / nx) % ny), int(v / (std::size_t(nx) * ny))};
  }
  bool contains(int x, int y, int z) const {
    return x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz;
  }
  bool is_2d() const { return nz == 1; }
  double voxel_volume_um3() const { return voxel_um * voxel_um * voxel_um; }
};

}  // namespace marrow
