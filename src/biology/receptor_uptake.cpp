// Rule receptor_uptake: cells bearing c-Fms (monocytes, pre-osteoclasts, osteoclasts) clear M-CSF by
// receptor-mediated endocytosis, its main route of loss (VALIDATION.md transport: "M-CSF is cleared
// mainly by receptor uptake"); RANK-bearing cells clear a little RANKL.
//   k_uptake(voxel) += clearance / V_voxel   (first-order loss, 1/s)
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.receptor_uptake.";
const SettingRegistrar kSettings{
    quantity(P + "mcsf_clearance", "um^3/s", 40, 0, 1e6,
             "assumed: sets M-CSF reach sqrt(D/k) near 100-200 um (VALIDATION.md)",
             "M-CSF volume cleared per second by one c-Fms-bearing cell"),
    quantity(P + "rankl_clearance", "um^3/s", 2, 0, 1e6, "assumed", "RANKL volume cleared per RANK-bearing cell"),
};

class ReceptorUptake final : public Rule {
 public:
  explicit ReceptorUptake(const ResolvedConfig& c)
      : mcsf_(c.number(P + "mcsf_clearance")), rankl_(c.number(P + "rankl_clearance")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    AgentStore& a = ctx.state.agents;
    const CellType t = a.cell_type(i);
    if (t != CellType::Monocyte && t != CellType::PreOsteoclast && t != CellType::Osteoclast) return;
    const float scale = t == CellType::Osteoclast ? static_cast<float>(a.nuclei[i]) : 1.f;
    a.clearance[kMcsf][i] += static_cast<float>(mcsf_) * scale;
    a.clearance[kRankl][i] += static_cast<float>(rankl_) * scale;
  }

 private:
  double mcsf_, rankl_;
};

}  // namespace
MARROW_RULE(ReceptorUptake, "receptor_uptake", 160);
}  // namespace marrow::bio
