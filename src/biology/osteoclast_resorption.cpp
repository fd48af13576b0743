// Rule osteoclast_resorption: RANKL stimulates the capacity of mature OCs to resorb bone (seed,
// "Cytokines and OC formation"). An osteoclast resorbs the exposed bone of its footprint (the voxels
// with mineral within radius r_fp of it that touch marrow), removing per tick
//   dV = v_res * pi r_fp^2 * f_R * min(1, n / n_ref) * dt
// shared equally between the footprint voxels (mineral fraction falls continuously: pits have depth
// below the voxel size). Matrix-bound coupling factor (TGF-beta) is released in proportion to the
// volume resorbed. Pit records (resorbed, deficit, tick) feed formation and the output.
#include <algorithm>
#include <cmath>

#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.osteoclast_resorption.";
const SettingRegistrar kSettings{
    // Mouse: calibrated on the OVX loss (no mouse erosion figure found); docs/model.md, Sessions 30-35 and
// "Adoption of the 16 um/day mouse erosion rate".
    quantity2(P + "rate", "um/day", 16, 3.8, 0, 100,
              "human: VALIDATION.md, osteoclastic phase ~3.8 um/day (Eriksen 1984); mouse: calibrated so that "
              "C57BL/6J lose 15-24% of trabecular BV/TV 4 weeks after OVX (Bouxsein 2005), no mouse erosion "
              "figure found",
              "erosion rate under a fully stimulated osteoclast"),
    quantity(P + "footprint_radius", "um", 15, 1, 100, "DESIGN.md: an osteoclast is about 40 um across",
             "radius of the resorbing footprint"),
    quantity(P + "k_rankl", "pM", 20, 1e-6, 1e6, "assumed", "RANKL half-saturation of resorptive activity"),
    real(P + "basal_activity", 0.3, 0, 1, "assumed: mature OCs resorb at a basal rate without added RANKL",
         "activity at zero RANKL, as a fraction of full"),
    integer(P + "nuclei_ref", 3, 1, 100, "assumed", "nuclei at which an osteoclast reaches full activity"),
    quantity(P + "tgfb_release", "zmol/um^3", 0.5, 0, 1e6,
             "assumed: sets coupling-factor levels near their half-saturation at an active site",
             "coupling factor released per volume of bone resorbed"),
};

class OsteoclastResorption final : public Rule {
 public:
  explicit OsteoclastResorption(const ResolvedConfig& c)
      : rate_(c.number(P + "rate")),
        radius_(c.number(P + "footprint_radius")),
        k_r_(c.number(P + "k_rankl")),
        basal_(c.number(P + "basal_activity")),
        n_ref_(static_cast<int>(c.integer(P + "nuclei_ref"))),
        release_(c.number(P + "tgfb_release")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) == CellType::Osteoclast)
      a.secretion[kTgfb][i] += static_cast<float>(release_ * a.last_resorbed_um3[i] / ctx.dt_h);
  }

  void bone(TickContext& ctx) override {
    SimState& s = ctx.state;
    AgentStore& a = s.agents;
    const GridSpec& g = s.grid;
    const double h = g.voxel_um, vvox = g.voxel_volume_um3();
    const int reach = static_cast<int>(std::ceil(radius_ / h));
    std::vector<std::size_t> foot;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a.cell_type(i) != CellType::Osteoclast) continue;
      a.last_resorbed_um3[i] = 0;
      foot.clear();
      for (int dz = -reach; dz <= reach; ++dz)
        for (int dy = -reach; dy <= reach; ++dy)
          for (int dx = -reach; dx <= reach; ++dx) {
            if ((dx * dx + dy * dy + dz * dz) * h * h > radius_ * radius_) continue;
            const int x = a.x[i] + dx, y = a.y[i] + dy, z = a.z[i] + dz;
            if (!g.contains(x, y, z)) continue;
            const std::size_t v = g.index(x, y, z);
            if (s.bone.mineral[v] > 0 && exposed(s, x, y, z)) foot.push_back(v);
          }
      if (foot.empty()) continue;
      const double f = basal_ + (1 - basal_) * occupancy(s.fields.c[kRankl][voxel_of(s, i)], k_r_);
      const double volume = rate_ / 24.0 * ctx.dt_h * M_PI * radius_ * radius_ * f * a.resorption_gain[i] *
                            std::min(1.0, double(a.nuclei[i]) / n_ref_);
      const double share = volume / vvox / foot.size();
      double removed_um3 = 0;
      for (std::size_t v : foot) {
        const float d = static_cast<float>(std::min<double>(share, s.bone.mineral[v]));
        s.bone.mineral[v] -= d;
        s.bone.resorbed[v] += d;
        s.bone.deficit[v] += d;
        s.bone.last_resorbed_tick[v] = static_cast<std::int32_t>(ctx.tick);
        const double du = d * vvox;
        removed_um3 += du;
        const VoxelCoords c = g.coords(v);
        a.pit_sx[i] += static_cast<float>((c.x + 0.5) * h * du);
        a.pit_sy[i] += static_cast<float>((c.y + 0.5) * h * du);
        a.pit_sz[i] += static_cast<float>((c.z + 0.5) * h * du);
        const double depth = (s.bone.depth0[v] - 1.0 + (1.0 - s.bone.mineral[v])) * h;
        a.pit_max_depth_um[i] = std::max(a.pit_max_depth_um[i], static_cast<float>(depth));
      }
      if (removed_um3 > 0 && a.resorb_start_tick[i] < 0) a.resorb_start_tick[i] = ctx.tick;
      a.resorbed_um3[i] += static_cast<float>(removed_um3);
      a.last_resorbed_um3[i] = static_cast<float>(removed_um3);
      s.total_resorbed_um3 += removed_um3;
    }
  }

 private:
  // A voxel with mineral is exposed when it is itself marrow (partly resorbed) or touches marrow.
  static bool exposed(const SimState& s, int x, int y, int z) {
    const GridSpec& g = s.grid;
    if (!s.bone.solid[g.index(x, y, z)]) return true;
    for (int f = 0; f < face_neighbour_count(g); ++f) {
      const int a = x + kFaceOffsets[f][0], b = y + kFaceOffsets[f][1], c = z + kFaceOffsets[f][2];
      if (g.contains(a, b, c) && !s.bone.solid[g.index(a, b, c)]) return true;
    }
    return false;
  }
  double rate_, radius_, k_r_, basal_;
  int n_ref_;
  double release_;
};

}  // namespace
MARROW_RULE(OsteoclastResorption, "osteoclast_resorption", 600);
}  // namespace marrow::bio
