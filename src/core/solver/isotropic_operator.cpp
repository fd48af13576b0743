// The isotropic 27-point operator of the voxel grid: its conductances, assembled from 2x2x2 blocks of
// voxels, and stored once per distinct 3x3x3 marrow neighbourhood.
//
// Every pair of voxels that are face, edge or corner neighbours lies in 4, 2 or 1 of the 2x2x2 blocks of
// the grid. In a block whose 8 voxels are all marrow each voxel sends a weight a/4 to each of its 3 face
// neighbours in the block, b/2 to each of its 3 edge neighbours and c to its corner neighbour, with the
// isotropic weights a = 7/15, b = 1/10, c = 1/30 (Patra & Karttunen 2006), so that the bulk stencil is
// a, b, c. A link from voxel u across the axes S of the block (|S| = 1, 2, 3) is open when every voxel
// of the box it spans, u flipped along any subset of S, is marrow (outside the domain counts as solid).
// A closed link sends its weight instead to the open links of u across the largest subsets T of S,
// shared equally between them (none open: it is dropped). At a flat wall this is the mirror image of the
// missing voxels (the Neumann condition), so flux along walls and domain faces keeps its full
// conductance: a 2-D grid gets the isotropic 9-point stencil (2/3, 1/6) and a line of voxels the 3-point
// one (1). The conductance of a pair is the mean of what its two ends send each other, summed over the
// blocks that hold both; in integer units of 1/5760 it is exact, so g_ij == g_ji to the bit.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <unordered_map>

#include "stencil_line.hpp"

namespace marrow::solver_detail {

namespace {

// Symmetric conductances, in units of 1 / FineOperator::kUnit, within one 2x2x2 block for each of the 256
// marrow patterns of its voxels.
// Voxel v of the block sits at (v & 1, v >> 1 & 1, v >> 2 & 1); bit v of the pattern is set when it
// is marrow. Two voxels u, v differ along the axes u ^ v.
struct BlockTable {
  std::array<std::array<std::array<std::int32_t, 8>, 8>, 256> w{};
};

bool box_open(unsigned pattern, unsigned u, unsigned t) {
  for (unsigned s = t;; s = (s - 1) & t) {  // every subset of t, t itself first and 0 last
    if (!(pattern >> (u ^ s) & 1u)) return false;
    if (s == 0) return true;
  }
}

BlockTable make_block_table() {
  // What voxel u sends along a link across |S| axes, in units of 2 / kUnit: a/4, b/2, c. The
  // conductance of a pair is the mean of what its two voxels send, so in units of 1 / kUnit the sum.
  constexpr std::int32_t kSend[4] = {0, 336, 144, 96};
  BlockTable t;
  for (unsigned p = 0; p < 256; ++p) {
    std::int32_t sent[8][8] = {};
    for (unsigned u = 0; u < 8; ++u) {
      if (!(p >> u & 1u)) continue;
      for (unsigned v = 0; v < 8; ++v) {
        const unsigned s = u ^ v;
        if (s == 0) continue;
        int best = 0, count = 0;
        unsigned target[3] = {};
        for (unsigned sub = s; sub != 0; sub = (sub - 1) & s) {
          if (!box_open(p, u, sub)) continue;
          const int size = std::popcount(sub);
          if (size > best) {
            best = size;
            count = 0;
          }
          if (size == best) target[count++] = sub;
        }
        // count <= 3, and 144 / 2, 96 / 2 and 96 / 3 are exact (a face link is never shared).
        for (int k = 0; k < count; ++k) sent[u][u ^ target[k]] += kSend[std::popcount(s)] / count;
      }
    }
    for (unsigned u = 0; u < 8; ++u)
      for (unsigned v = 0; v < 8; ++v) t.w[p][u][v] = u == v ? 0 : sent[u][v] + sent[v][u];
  }
  return t;
}

const BlockTable& block_table() {
  static const BlockTable table = make_block_table();
  return table;
}

// Neighbour k = (dx + 1) + 3 (dy + 1) + 9 (dz + 1) of a voxel; 13 is the voxel itself.
constexpr int nb(int dx, int dy, int dz) { return (dx + 1) + 3 * (dy + 1) + 9 * (dz + 1); }
constexpr std::uint32_t kFullMask = (1u << 27) - 1u;

// Integer conductances to the 27 neighbours of a marrow voxel whose neighbourhood has marrow mask m.
std::array<std::int32_t, 27> row_conductances(std::uint32_t m) {
  const BlockTable& t = block_table();
  std::array<std::int32_t, 27> g{};
  for (int oz = -1; oz <= 0; ++oz)
    for (int oy = -1; oy <= 0; ++oy)
      for (int ox = -1; ox <= 0; ++ox) {  // the block with corner (ox, oy, oz) relative to the voxel
        unsigned p = 0;
        int k[8];
        for (unsigned v = 0; v < 8; ++v) {
          k[v] = nb(ox + int(v & 1u), oy + int(v >> 1 & 1u), oz + int(v >> 2 & 1u));
          if (m >> k[v] & 1u) p |= 1u << v;
        }
        const unsigned u = unsigned(-ox) | unsigned(-oy) << 1 | unsigned(-oz) << 2;
        for (unsigned v = 0; v < 8; ++v) g[std::size_t(k[v])] += t.w[p][u][v];
      }
  return g;
}

}  // namespace

void FineOperator::build(const Level& fine, const std::vector<std::uint8_t>& marrow) {
  nx = fine.nx;
  ny = fine.ny;
  nz = fine.nz;
  const std::size_t n = fine.n;
  const std::ptrdiff_t sy = nx, sz = std::ptrdiff_t(nx) * ny;
  // The 3x3x3 marrow mask of every marrow voxel (bits of neighbours outside the domain are 0).
  std::vector<std::uint32_t> mask(n, 0);
  for_lines(fine, [&](int y, int z) {
    const std::size_t off = line_offset(fine, y, z);
    for (int x = 0; x < nx; ++x) {
      if (!marrow[off + std::size_t(x)]) continue;
      std::uint32_t m = 0;
      for (int dz = -1; dz <= 1; ++dz) {
        if (z + dz < 0 || z + dz >= nz) continue;
        for (int dy = -1; dy <= 1; ++dy) {
          if (y + dy < 0 || y + dy >= ny) continue;
          for (int dx = -1; dx <= 1; ++dx) {
            if (x + dx < 0 || x + dx >= nx) continue;
            if (marrow[std::size_t(std::ptrdiff_t(off) + x + dx + dy * sy + dz * sz)]) m |= 1u << nb(dx, dy, dz);
          }
        }
      }
      mask[off + std::size_t(x)] = m;
    }
  });

  row.assign(n, kNone);
  g.clear();
  gsum.clear();
  auto add_pattern = [&](std::uint32_t m) {
    const auto gm = row_conductances(m);
    std::int64_t total = 0;
    for (std::size_t k = 0; k < 27; ++k) {
      g.push_back(float(gm[k]));  // at most 4 blocks x 3072 units: exact
      total += gm[k];
    }
    gsum.push_back(double(total) / kUnit);
  };
  add_pattern(kFullMask);  // pattern 0: the bulk
  g_face = double(g[std::size_t(nb(1, 0, 0))]) / kUnit;
  g_edge = double(g[std::size_t(nb(1, 1, 0))]) / kUnit;
  g_corner = double(g[std::size_t(nb(1, 1, 1))]) / kUnit;
  // Patterns are numbered in the order they are first met, so the numbering does not depend on threads.
  std::unordered_map<std::uint32_t, std::uint32_t> id{{kFullMask, kBulk}};
  std::uint32_t last_mask = kFullMask, last_id = kBulk;
  for (std::size_t i = 0; i < n; ++i) {
    if (!marrow[i]) continue;
    const std::uint32_t m = mask[i];
    if (m != last_mask) {
      auto [it, inserted] = id.try_emplace(m, std::uint32_t(gsum.size()));
      if (inserted) add_pattern(m);
      last_mask = m;
      last_id = it->second;
    }
    row[i] = last_id;
  }
  diag.assign(n, 0.0);
}

double FineOperator::off_sum(std::size_t i, const double* x) const {
  const std::size_t sy = std::size_t(nx), sz = sy * std::size_t(ny);
  const int px = int(i % sy), py = int(i / sy % std::size_t(ny)), pz = int(i / sz);
  const float* gi = g.data() + 27 * std::size_t(row[i]);
  double s = 0.0;
  for (int dz = -1; dz <= 1; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const float gk = gi[nb(dx, dy, dz)];  // nonzero only for neighbours inside the domain
        if (gk != 0.0f)
          s += double(gk) * x[std::size_t(px + dx) + sy * std::size_t(py + dy) + sz * std::size_t(pz + dz)];
      }
  return s * (1.0 / kUnit);
}

}  // namespace marrow::solver_detail
