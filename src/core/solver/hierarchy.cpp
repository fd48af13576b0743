// Builds the operator and the multigrid hierarchy for a grid and solid mask (once, then cached by the
// solver) and refreshes their diagonals for each solve's reaction rates. Also labels the connected marrow
// regions, which the solver needs to treat regions sealed off by bone exactly.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "stencil_line.hpp"

namespace marrow::solver_detail {

namespace {

// Levels are coarsened until they hold at most this many cells, then solved densely.
constexpr std::size_t kCoarsestCells = 64;
constexpr std::size_t kCellsPerBlock = 4096;

void size_level(Level& L, int nx, int ny, int nz) {
  L.nx = nx;
  L.ny = ny;
  L.nz = nz;
  L.n = std::size_t(nx) * ny * nz;
  L.grain = std::max<std::size_t>(1, kCellsPerBlock / std::size_t(nx));
  L.zeros.assign(std::size_t(nx), 0.0);
  L.active.assign(L.n, 0);
  L.csum.assign(L.n, 0.0);
  L.react.assign(L.n, 0.0);
  L.diag.assign(L.n, 0.0);
  L.inv_diag.assign(L.n, 0.0);
}

// Conductance of the face between cell (x, y, z) and its + neighbour along axis (0, 1, 2) of level L.
double face(const Level& L, int axis, int x, int y, int z) {
  const std::size_t i = std::size_t(x) + std::size_t(L.nx) * (std::size_t(y) + std::size_t(L.ny) * z);
  if (!L.unit) return axis == 0 ? L.cx[i] : axis == 1 ? L.cy[i] : L.cz[i];
  const std::size_t step = axis == 0 ? 1 : axis == 1 ? std::size_t(L.nx) : std::size_t(L.nx) * L.ny;
  const bool inside = axis == 0 ? x + 1 < L.nx : axis == 1 ? y + 1 < L.ny : z + 1 < L.nz;
  return inside && L.active[i] && L.active[i + step] ? 1.0 : 0.0;
}

// The next coarser level of f: 2 cells merged along every axis that has more than one.
Level coarsen(Level& f) {
  f.fx = f.nx > 1 ? 2 : 1;
  f.fy = f.ny > 1 ? 2 : 1;
  f.fz = f.nz > 1 ? 2 : 1;
  Level c;
  size_level(c, (f.nx + f.fx - 1) / f.fx, (f.ny + f.fy - 1) / f.fy, (f.nz + f.fz - 1) / f.fz);
  c.cx.assign(c.n, 0.0);
  c.cy.assign(c.n, 0.0);
  c.cz.assign(c.n, 0.0);
  c.x.assign(c.n, 0.0);
  c.b.assign(c.n, 0.0);
  const int fac[3] = {f.fx, f.fy, f.fz};
  for_lines(c, [&](int cy, int cz) {
    for (int cxi = 0; cxi < c.nx; ++cxi) {
      const std::size_t ci = line_offset(c, cy, cz) + std::size_t(cxi);
      const int lo[3] = {f.fx * cxi, f.fy * cy, f.fz * cz};
      const int hi[3] = {std::min(lo[0] + f.fx, f.nx), std::min(lo[1] + f.fy, f.ny), std::min(lo[2] + f.fz, f.nz)};
      bool act = false;
      for (int z = lo[2]; z < hi[2]; ++z)
        for (int y = lo[1]; y < hi[1]; ++y)
          for (int x = lo[0]; x < hi[0]; ++x) act = act || f.active[std::size_t(x) + std::size_t(f.nx) * (y + std::size_t(f.ny) * z)];
      c.active[ci] = act;
      const int cc[3] = {cxi, cy, cz};
      const int cn[3] = {c.nx, c.ny, c.nz};
      double* out[3] = {&c.cx[ci], &c.cy[ci], &c.cz[ci]};
      for (int axis = 0; axis < 3; ++axis) {
        if (cc[axis] + 1 >= cn[axis]) continue;  // domain face: no flux
        // Fine faces between the last child layer of this cell and the first of the next one.
        int a[3] = {lo[0], lo[1], lo[2]}, b[3] = {hi[0], hi[1], hi[2]};
        a[axis] = hi[axis] - 1;
        b[axis] = hi[axis];
        double g = 0.0;
        for (int z = a[2]; z < b[2]; ++z)
          for (int y = a[1]; y < b[1]; ++y)
            for (int x = a[0]; x < b[0]; ++x) g += face(f, axis, x, y, z);
        *out[axis] = g / fac[axis];  // same face area, centres fac times further apart
      }
    }
  });
  // Sum of each cell's face conductances.
  const std::size_t sy = std::size_t(c.nx), sz = std::size_t(c.nx) * c.ny;
  for_lines(c, [&](int y, int z) {
    const std::size_t off = line_offset(c, y, z);
    for (int x = 0; x < c.nx; ++x) {
      const std::size_t i = off + std::size_t(x);
      double s = c.cx[i] + c.cy[i] + c.cz[i];
      if (x > 0) s += c.cx[i - 1];
      if (y > 0) s += c.cy[i - sy];
      if (z > 0) s += c.cz[i - sz];
      c.csum[i] = s;
    }
  });
  return c;
}

// Groups the marrow voxels into 6-connected (4-connected in 2-D) regions, each listed in ascending order.
void find_regions(const GridSpec& g, const std::vector<std::uint8_t>& marrow, Hierarchy& h) {
  const std::size_t n = g.size();
  std::vector<std::int32_t> label(n, -1);
  std::vector<std::size_t> stack, count;
  const std::size_t sy = std::size_t(g.nx), sz = std::size_t(g.nx) * g.ny;
  for (std::size_t seed = 0; seed < n; ++seed) {
    if (!marrow[seed] || label[seed] >= 0) continue;
    const auto k = std::int32_t(count.size());
    std::size_t size = 1;
    label[seed] = k;
    stack.push_back(seed);
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      const std::size_t x = i % sy, y = (i / sy) % std::size_t(g.ny), z = i / sz;
      auto visit = [&](std::size_t j) {
        if (marrow[j] && label[j] < 0) {
          label[j] = k;
          ++size;
          stack.push_back(j);
        }
      };
      if (x > 0) visit(i - 1);
      if (x + 1 < std::size_t(g.nx)) visit(i + 1);
      if (y > 0) visit(i - sy);
      if (y + 1 < std::size_t(g.ny)) visit(i + sy);
      if (z > 0) visit(i - sz);
      if (z + 1 < std::size_t(g.nz)) visit(i + sz);
    }
    count.push_back(size);
  }
  h.regions = count.size();
  h.region_begin.assign(h.regions + 1, 0);
  for (std::size_t k = 0; k < h.regions; ++k) h.region_begin[k + 1] = h.region_begin[k] + count[k];
  h.region_cells.resize(h.region_begin.back());
  std::vector<std::size_t> fill(h.region_begin.begin(), h.region_begin.end() - 1);
  for (std::size_t i = 0; i < n; ++i)
    if (label[i] >= 0) h.region_cells[fill[std::size_t(label[i])]++] = std::uint32_t(i);
}

}  // namespace

bool Hierarchy::matches(const GridSpec& g, const std::uint8_t* solid) const {
  if (levels.empty() || g.nx != nx || g.ny != ny || g.nz != nz || (solid != nullptr) != has_solid) return false;
  return solid == nullptr || std::memcmp(solid, solid_copy.data(), g.size()) == 0;
}

void Hierarchy::build(const GridSpec& g, const std::uint8_t* solid) {
  if (g.size() > std::size_t(UINT32_MAX)) throw std::length_error("SteadyStateSolver: grid too large");
  nx = g.nx;
  ny = g.ny;
  nz = g.nz;
  has_solid = solid != nullptr;
  const std::size_t n = g.size();
  if (solid)
    solid_copy.assign(solid, solid + n);
  else
    solid_copy.clear();
  marrow.resize(n);
  for (std::size_t i = 0; i < n; ++i) marrow[i] = solid && solid[i] ? 0 : 1;
  find_regions(g, marrow, *this);

  levels.clear();
  Level fine;
  size_level(fine, g.nx, g.ny, g.nz);
  fine.unit = true;
  fine.active = marrow;
  // Number of marrow neighbours = sum of the unit conductances.
  for_lines(fine, [&](int y, int z) {
    for (int x = 0; x < fine.nx; ++x) {
      double s = 0.0;
      for (int axis = 0; axis < 3; ++axis) s += face(fine, axis, x, y, z);
      if (x > 0) s += face(fine, 0, x - 1, y, z);
      if (y > 0) s += face(fine, 1, x, y - 1, z);
      if (z > 0) s += face(fine, 2, x, y, z - 1);
      fine.csum[line_offset(fine, y, z) + std::size_t(x)] = s;
    }
  });
  op.build(fine, marrow);
  levels.push_back(std::move(fine));
  while (levels.back().n > kCoarsestCells && levels.back().n > 1) {
    Level c = coarsen(levels.back());
    levels.push_back(std::move(c));
  }
}

void Hierarchy::update_reaction() {
  {
    const Level& f = levels[0];
    for_lines(f, [&](int y, int z) {
      const std::size_t off = line_offset(f, y, z);
      for (std::size_t k = off; k < off + std::size_t(f.nx); ++k)
        op.diag[k] = f.active[k] ? op.gsum[op.row[k]] + f.react[k] : 0.0;
    });
  }
  for (std::size_t l = 0; l < levels.size(); ++l) {
    Level& L = levels[l];
    if (l > 0) {
      const Level& f = levels[l - 1];
      const int sx = f.fx == 2 ? 1 : 0;
      for_lines(L, [&](int cy, int cz) {
        double* out = L.react.data() + line_offset(L, cy, cz);
        for (int i = 0; i < L.nx; ++i) out[i] = 0.0;
        for (int z = f.fz * cz; z < std::min(f.fz * cz + f.fz, f.nz); ++z)
          for (int y = f.fy * cy; y < std::min(f.fy * cy + f.fy, f.ny); ++y) {
            const double* in = f.react.data() + line_offset(f, y, z);
            for (int i = 0; i < f.nx; ++i) out[i >> sx] += in[i];
          }
      });
    }
    for_lines(L, [&](int y, int z) {
      const std::size_t off = line_offset(L, y, z);
      for (int i = 0; i < L.nx; ++i) {
        const std::size_t k = off + std::size_t(i);
        const double d = L.csum[k] + L.react[k];
        L.diag[k] = d;
        L.inv_diag[k] = L.active[k] && d > 0.0 ? 1.0 / d : 0.0;
      }
    });
  }
  coarse.factor(levels.back());
}

}  // namespace marrow::solver_detail
