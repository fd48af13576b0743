// Initial bone geometry: flat plate (mineral by overlap, so a plate need not align with voxels) or a
// synthetic trabecular network of rods and plates added until the target BV/TV is reached.
#include "marrow/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "marrow/rng.hpp"
#include "marrow/settings.hpp"

namespace marrow {
namespace {

const SettingRegistrar kSettings{
    integer("grid.nx", 60, 1, 4096, "assumed", "voxels along x"),
    integer("grid.ny", 60, 1, 4096, "assumed", "voxels along y"),
    integer("grid.nz", 16, 1, 4096, "assumed", "voxels along z (1 = a 2-D grid)"),
    quantity("grid.voxel", "um", 10, 1, 100, "DESIGN.md: about one cell", "voxel edge h"),
    choice("geometry.type", "plate", {"none", "plate", "trabecular", "slice"}, "assumed",
           "initial bone geometry (slice: a plate of plate_thickness on the zero-flux bottom face: a culture slice, or half a "
           "trabecula mirrored at its midplane)"),
    quantity("geometry.plate_thickness", "um", 60, 0, 1e4, "assumed; mouse trabeculae are tens of um (VALIDATION.md)",
             "thickness of the flat plate, centred in z (in y when nz = 1)"),
    real("geometry.bv_tv", 0.15, 0.0, 0.9, "assumed; mouse trabecular BV/TV ~0.1-0.2",
         "target bone volume fraction of the trabecular structure"),
    quantity("geometry.trabecular_thickness", "um", 40, 10, 1000, "assumed; mouse Tb.Th ~40-50 um",
             "thickness of rods and plates of the trabecular structure"),
};

// A plate of the given thickness across the grid: centred, or at the bottom (a culture slice).
void add_plate(const GridSpec& g, double thickness, bool at_bottom, std::vector<float>& m) {
  const bool along_z = g.nz > 1;
  const int n = along_z ? g.nz : g.ny;
  const double h = g.voxel_um, centre = at_bottom ? thickness / 2 : 0.5 * n * h;
  const double lo = centre - thickness / 2, hi = centre + thickness / 2;
  for (int k = 0; k < n; ++k) {
    const double a = std::max(lo, k * h), b = std::min(hi, (k + 1) * h);
    const float frac = static_cast<float>(std::clamp((b - a) / h, 0.0, 1.0));
    if (frac <= 0) continue;
    for (int z = 0; z < g.nz; ++z)
      for (int y = 0; y < g.ny; ++y)
        for (int x = 0; x < g.nx; ++x)
          if ((along_z ? z : y) == k) m[g.index(x, y, z)] = frac;
  }
}

double distance_to_segment(const double p[3], const double a[3], const double b[3]) {
  double ab[3], ap[3], t = 0, len2 = 0;
  for (int d = 0; d < 3; ++d) {
    ab[d] = b[d] - a[d];
    ap[d] = p[d] - a[d];
    t += ab[d] * ap[d];
    len2 += ab[d] * ab[d];
  }
  t = len2 > 0 ? std::clamp(t / len2, 0.0, 1.0) : 0.0;
  double s = 0;
  for (int d = 0; d < 3; ++d) s += std::pow(ap[d] - t * ab[d], 2);
  return std::sqrt(s);
}

// Rods (cylinders) and plates (discs) at random positions and orientations until BV/TV is reached.
void add_trabecular(const GridSpec& g, double bv_tv, double thickness, std::uint64_t seed, std::vector<float>& m) {
  const double h = g.voxel_um, size[3] = {g.nx * h, g.ny * h, g.nz * h};
  const bool flat = g.nz == 1;
  std::size_t filled = 0;
  const std::size_t target = static_cast<std::size_t>(bv_tv * g.size());
  for (std::uint64_t element = 0; filled < target && element < 100000; ++element) {
    RandomStream r(seed, Stream::Geometry, element, 0);
    double c[3], u[3];
    for (int d = 0; d < 3; ++d) c[d] = r.uniform() * size[d];
    // Random direction (the rod axis, or the plate normal).
    const double cz = flat ? 0.0 : 2 * r.uniform() - 1, phi = 2 * M_PI * r.uniform(), sz = std::sqrt(1 - cz * cz);
    u[0] = sz * std::cos(phi);
    u[1] = sz * std::sin(phi);
    u[2] = cz;
    if (flat) c[2] = 0.5 * h;
    const bool plate = !flat && r.uniform() < 0.5;
    const double length = 100 + 200 * r.uniform();  // um: rod length or plate diameter
    double a[3], b[3];
    for (int d = 0; d < 3; ++d) {
      a[d] = c[d] - 0.5 * length * u[d];
      b[d] = c[d] + 0.5 * length * u[d];
    }
    const int reach = static_cast<int>(std::ceil((0.5 * length + thickness) / h));
    const int ci[3] = {int(c[0] / h), int(c[1] / h), int(c[2] / h)};
    for (int z = std::max(0, ci[2] - reach); z <= std::min(g.nz - 1, ci[2] + reach); ++z)
      for (int y = std::max(0, ci[1] - reach); y <= std::min(g.ny - 1, ci[1] + reach); ++y)
        for (int x = std::max(0, ci[0] - reach); x <= std::min(g.nx - 1, ci[0] + reach); ++x) {
          const double p[3] = {(x + 0.5) * h, (y + 0.5) * h, (z + 0.5) * h};
          bool inside;
          if (plate) {
            double along = 0, rad2 = 0;
            for (int d = 0; d < 3; ++d) along += (p[d] - c[d]) * u[d];
            for (int d = 0; d < 3; ++d) rad2 += std::pow(p[d] - c[d] - along * u[d], 2);
            inside = std::abs(along) <= thickness / 2 && rad2 <= 0.25 * length * length;
          } else {
            inside = distance_to_segment(p, a, b) <= thickness / 2;
          }
          float& v = m[g.index(x, y, z)];
          if (inside && v == 0.f) {
            v = 1.f;
            ++filled;
          }
        }
  }
}

}  // namespace

GridSpec grid_from_config(const ResolvedConfig& cfg) {
  GridSpec g;
  g.nx = static_cast<int>(cfg.integer("grid.nx"));
  g.ny = static_cast<int>(cfg.integer("grid.ny"));
  g.nz = static_cast<int>(cfg.integer("grid.nz"));
  g.voxel_um = cfg.number("grid.voxel");
  return g;
}

std::vector<float> make_geometry(const ResolvedConfig& cfg, const GridSpec& g, std::uint64_t seed) {
  std::vector<float> m(g.size(), 0.f);
  const std::string& type = cfg.text("geometry.type");
  if (type == "plate")
    add_plate(g, cfg.number("geometry.plate_thickness"), false, m);
  else if (type == "slice")
    add_plate(g, cfg.number("geometry.plate_thickness"), true, m);
  else if (type == "trabecular")
    add_trabecular(g, cfg.number("geometry.bv_tv"), cfg.number("geometry.trabecular_thickness"), seed, m);
  return m;
}

}  // namespace marrow
