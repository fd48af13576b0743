// Memory traffic of the solver's kernels (issue "Speed": bytes per tick against the measured bandwidth).
// Each count is what a kernel must stream when every array it touches is read or written once per pass:
// the floor for the kernel as written, whatever the caches do. The figures follow the kernels' code; a
// kernel that changes must change its count here.
#include "traffic.hpp"

namespace marrow::solver_detail::traffic {

namespace {
constexpr std::uint64_t kD = sizeof(double), kMask = 1, kRow = 4;
}  // namespace

std::uint64_t setup(std::size_t n) { return n * (kMask + 2 * kD + 2 * kD); }  // marrow, src, upt -> b, react
std::uint64_t dot(std::size_t n, int vectors) { return n * kD * std::uint64_t(vectors); }
std::uint64_t apply(std::size_t n) { return n * (kD + kRow + kMask + kD + kD); }            // x, row, active, diag -> y
std::uint64_t residual(std::size_t n) { return n * (2 * kD + kRow + kMask + kD + kD); }     // x, b, row, active, diag -> r
std::uint64_t update_solution(std::size_t n) { return n * 6 * kD; }  // x, r, p, q -> x, r
std::uint64_t update_direction(std::size_t n) { return n * 3 * kD; }  // z, p -> p
std::uint64_t copy(std::size_t n) { return n * 2 * kD; }

std::uint64_t vcycle(const Hierarchy& h) {
  std::uint64_t bytes = 0;
  for (std::size_t l = 0; l + 1 < h.levels.size(); ++l) {
    const Level& L = h.levels[l];
    const std::uint64_t nc = h.levels[l + 1].n;
    const std::uint64_t conductances = L.unit ? 0 : 3 * kD;  // cx, cy, cz (implicit on the finest level)
    // Pre-smoothing fused with restriction: b, inv_diag, diag, active, conductances -> x, coarse b.
    bytes += L.n * (3 * kD + kMask + conductances + kD) + nc * kD;
    // Prolongation fused with post-smoothing: coarse x, active, b, inv_diag, conductances, x -> x.
    bytes += nc * kD + L.n * (kMask + 2 * kD + conductances + 2 * kD);
  }
  const std::uint64_t nc = h.levels.back().n;
  return bytes + nc * nc * kD;  // the coarsest level's dense factor
}

std::uint64_t reaction_update(const Hierarchy& h) {
  const std::uint64_t n0 = h.levels[0].n;
  std::uint64_t bytes = n0 * (kMask + kRow + kD + kD);  // active, row, react -> operator diagonal
  for (std::size_t l = 0; l < h.levels.size(); ++l) {
    const Level& L = h.levels[l];
    if (l > 0) bytes += h.levels[l - 1].n * kD + L.n * kD;  // children's reactions summed
    bytes += L.n * (2 * kD + kMask + 2 * kD);              // csum, react, active -> diag, inv_diag
  }
  const std::uint64_t nc = h.levels.back().n;
  return bytes + nc * nc * kD;
}

}  // namespace marrow::solver_detail::traffic
