// Rule dendritic_fusion_rate: pre-osteoclasts that came from dendritic cells fuse at their own rate
// (seed, "Inflammation and bone loss": DC-derived OCs; Rivollier 2004, VALIDATION.md S22). It scales the
// fusion rate of osteoclast_fusion (order 310) for a pre-osteoclast whose lineage is dendritic only:
//   fusion_gain *= f_DC
// f_DC = 1 (the default) makes DC-derived precursors fuse like monocyte-derived ones: a parameter for the
// calibration of S22, not a measured difference.
#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.dendritic_fusion_rate.";
const SettingRegistrar kSettings{
    real(P + "factor", 1.0, 0, 100,
         "assumed: no measured difference from monocyte-derived precursors (Rivollier 2004 reports large "
         "multinucleated DC-derived OCs); to calibrate against S22",
         "fusion rate of DC-derived pre-osteoclasts relative to monocyte-derived ones, f_DC"),
};

class DendriticFusionRate final : public Rule {
 public:
  explicit DendriticFusionRate(const ResolvedConfig& c) : f_(static_cast<float>(c.number(P + "factor"))) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) == CellType::PreOsteoclast && a.lineage[i] == kLineageDendritic) a.fusion_gain[i] *= f_;
  }

 private:
  float f_;
};

}  // namespace
MARROW_RULE(DendriticFusionRate, "dendritic_fusion_rate", 295);
}  // namespace marrow::bio
