// A breadth-first search from each marrow face neighbour of the voxel to be closed, through marrow and
// around that voxel, that stops at the first voxel of original marrow. A cavity is small, so the search
// ends within its few hundred voxels; a neighbour in the open marrow ends it at once.
#include "cavity_closure.hpp"

#include <cstdint>
#include <vector>

namespace marrow::bio {
namespace {

bool is_marrow(const SimState& s, std::size_t v) { return s.bone.mineral[v] < kSolidThreshold; }

// Whether `start` reaches original marrow without passing `closed`. `mark` is all zero on entry and on exit.
bool reaches_original_marrow(const SimState& s, std::size_t start, std::size_t closed, std::vector<std::uint8_t>& mark,
                             std::vector<std::size_t>& seen) {
  seen.assign(1, start);
  mark[start] = 1;
  mark[closed] = 1;
  bool found = false;
  for (std::size_t k = 0; k < seen.size() && !found; ++k) {
    found = s.bone.depth0[seen[k]] == 0.f;
    any_face_neighbour(s.grid, seen[k], [&](std::size_t j) {
      if (!mark[j] && is_marrow(s, j)) {
        mark[j] = 1;
        seen.push_back(j);
      }
      return false;
    });
  }
  for (std::size_t i : seen) mark[i] = 0;
  mark[closed] = 0;
  return found;
}

}  // namespace

bool closing_cuts_off_marrow(const SimState& s, std::size_t v) {
  const GridSpec& g = s.grid;
  // Scratch per thread: the decide phase asks from several threads at once.
  thread_local std::vector<std::uint8_t> mark;
  thread_local std::vector<std::size_t> seen;
  if (mark.size() != g.size()) mark.assign(g.size(), 0);
  return any_face_neighbour(g, v, [&](std::size_t n) {
    return is_marrow(s, n) && !reaches_original_marrow(s, n, v, mark, seen);
  });
}

}  // namespace marrow::bio
