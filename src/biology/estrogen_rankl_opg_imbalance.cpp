// Rule estrogen_rankl_opg_imbalance: the stromal route of estrogen deficiency (seed, "Cytokines and OC
// formation": estrogen deficiency induces the imbalance between RANKL and OPG; "Estrogen loss and
// immune system": RANKL on stromal cells rises as estrogen falls). It scales what the stromal and
// osteoblast-lineage cells secrete this tick:
//   RANKL *= 1 + w_rankl (1 - E) g,   OPG /= 1 + w_opg (1 - E) g,   g = d / (d + d_half)
// with d the CD4 T cells per marrow volume. The stromal response to estrogen loss needs T-cell CD40
// ligand (Li et al. 2011, PNAS: OVX fails to raise the stromal RANKL/OPG ratio in T-cell-deficient and
// CD40L-/- mice), which is why nude mice are spared (seed, same section; Cenci 2000). d is counted in
// the host phase (serial), once per tick, and read in decide.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.estrogen_rankl_opg_imbalance.";
const SettingRegistrar kSettings{
    real2(P + "weight_rankl", 0.5, 1.5, 0, 100,
          "mouse assumed: small, so that the immune cascade carries most of the OVX effect (issue 3 design); human "
          "Eghbali-Fatourechi 2003 (seed ref. 16): RANKL per marrow stromal cell 2-3 fold higher in estrogen-"
          "deficient women, the same weight as T and B cells (t_cell_cytokine_profiles, tlr_b_cell_rankl)",
          "relative rise of stromal and OB RANKL at zero estrogen"),
    real(P + "weight_opg", 0.2, 0, 100, "assumed" + std::string(", small: the direct route is a minor share"), "relative fall of stromal and OB OPG at zero estrogen"),
    quantity(P + "cd4_half_density", "1/mm^3", 5000, 1e-6, 1e9,
             "assumed: a quarter of the marrow's CD4 T-cell density (thymic_output: 0.03 T cells per voxel, two "
             "thirds CD4, about 2e4 per mm^3), so wild-type marrow gives g ~ 0.8 and nude marrow g = 0 (Li 2011)",
             "CD4 T-cell density at which T-cell CD40L gives half the stromal estrogen response, d_half"),
};

class EstrogenRanklOpgImbalance final : public Rule {
 public:
  explicit EstrogenRanklOpgImbalance(const ResolvedConfig& c)
      : w_rankl_(c.number(P + "weight_rankl")),
        w_opg_(c.number(P + "weight_opg")),
        d_half_(c.number(P + "cd4_half_density")) {}

  // The T-cell CD40L gate g, from the CD4 T cells now in the marrow. At full estrogen the rule changes
  // nothing whatever g is (sham, replete culture), so the serial count over all agents is skipped.
  void host(TickContext& ctx) override {
    gate_ = 0.0;
    if (ctx.state.host.estrogen == 1.0) return;  // 1 - E is exactly 0
    const AgentStore& a = ctx.state.agents;
    std::size_t cd4 = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a.cell_type(i) == CellType::TCell && a.state[i] != code(TState::Cd8) && a.state[i] != code(TState::Cd8Treg))
        ++cd4;
    const double mm3 = marrow_mm3(ctx.state);
    gate_ = mm3 > 0 ? occupancy(cd4 / mm3, d_half_) : 0.0;
  }

  void decide(TickContext& ctx, std::size_t i) const override {
    AgentStore& a = ctx.state.agents;
    const CellType t = a.cell_type(i);
    if (t != CellType::Stromal && t != CellType::Osteoblast) return;
    const double deficiency = (1.0 - ctx.state.host.estrogen) * gate_;
    a.secretion[kRankl][i] *= static_cast<float>(1.0 + w_rankl_ * deficiency);
    a.secretion[kOpg][i] /= static_cast<float>(1.0 + w_opg_ * deficiency);
  }

 private:
  double w_rankl_, w_opg_, d_half_;
  double gate_ = 0;  // written in host (serial), read in decide
};

}  // namespace
MARROW_RULE(EstrogenRanklOpgImbalance, "estrogen_rankl_opg_imbalance", 150);
}  // namespace marrow::bio
