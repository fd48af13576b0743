// Rule trabecular_perforation: where resorption cuts through a thin trabecula, formation cannot restore
// it, so resorption exceeds formation there for good (seed, "Conclusion": in pathological conditions
// resorption is higher than formation, leading to bone loss). Osteoblasts lay bone only by apposition
// on existing bone; once a plate is perforated nothing spans the hole to build on, so perforation is
// irreversible (Parfitt 1987; Mosekilde 1990). Mouse trabeculae are thinner than an erosion depth
// (VALIDATION.md), which makes this the main route of trabecular loss after ovariectomy in mice.
//   For flat bone (geometry plate or slice), a column is the line of voxels along the plate normal
//   (z, or y on a 2-D grid). A column with no solid voxel (mineral < 1/2 everywhere) is perforated:
//   the unrefilled deficit of its voxels is written off (deficit = 0), so osteoblasts no longer fill it
//   and it no longer releases coupling factor. Runs after resorption and before formation each tick.
// Other geometries have no single plate normal; there the rule does nothing. Off in the default
// parameter set: on the 20 um validation plate and the present mouse erosion it adds a drift of the
// estrogen-replete bone (S01) without a larger OVX effect (docs/model.md, "Calibration status").
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

class TrabecularPerforation final : public Rule {
 public:
  explicit TrabecularPerforation(const ResolvedConfig& c) {
    const std::string& type = c.text("geometry.type");
    flat_ = type == "plate" || type == "slice";
  }

  void bone(TickContext& ctx) override {
    if (!flat_) return;
    SimState& s = ctx.state;
    const GridSpec& g = s.grid;
    const bool along_z = g.nz > 1;
    const int n_normal = along_z ? g.nz : g.ny;
    const int n_a = g.nx, n_b = along_z ? g.ny : g.nz;
    auto at = [&](int a, int b, int k) { return along_z ? g.index(a, b, k) : g.index(a, k, b); };
    for (int b = 0; b < n_b; ++b)
      for (int a = 0; a < n_a; ++a) {
        bool solid = false, owed = false;
        for (int k = 0; k < n_normal && !solid; ++k) {
          const std::size_t v = at(a, b, k);
          solid = s.bone.mineral[v] >= kSolidThreshold;
          owed = owed || s.bone.deficit[v] > 0;
        }
        if (solid || !owed) continue;
        for (int k = 0; k < n_normal; ++k) s.bone.deficit[at(a, b, k)] = 0;
      }
  }

 private:
  bool flat_ = false;
};

}  // namespace
MARROW_RULE_DEFAULT_OFF(TrabecularPerforation, "trabecular_perforation", 605);
}  // namespace marrow::bio
