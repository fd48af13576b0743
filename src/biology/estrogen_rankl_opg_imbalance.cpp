// Rule estrogen_rankl_opg_imbalance: the direct route of estrogen deficiency (seed, "Cytokines and OC
// formation": estrogen deficiency induces the imbalance between RANKL and OPG; "Estrogen loss and
// immune system": RANKL on stromal cells rises as estrogen falls). It scales what the stromal and
// osteoblast-lineage cells secrete this tick:
//   RANKL *= 1 + w_rankl (1 - E),   OPG /= 1 + w_opg (1 - E)
// The immune issue adds the T-cell/TNF routes; this weight stays a parameter so the calibration can let
// the immune cascade carry most of the effect.
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.estrogen_rankl_opg_imbalance.";
const SettingRegistrar kSettings{
    real(P + "weight_rankl", 0.5, 0, 100,
         "Eghbali-Fatourechi 2003 (seed ref. 16): RANKL per marrow stromal cell 2-3 fold higher in estrogen "
         "deficiency, carried jointly with the TNF route (tnf_p55_stromal_rankl_mcsf); the direct share is small so "
         "that the immune cascade carries most of the OVX effect (issue 3 design)",
         "relative rise of stromal and OB RANKL at zero estrogen"),
    real(P + "weight_opg", 0.2, 0, 100, "assumed" + std::string(", small: the direct route is a minor share"), "relative fall of stromal and OB OPG at zero estrogen"),
};

class EstrogenRanklOpgImbalance final : public Rule {
 public:
  explicit EstrogenRanklOpgImbalance(const ResolvedConfig& c)
      : w_rankl_(c.number(P + "weight_rankl")), w_opg_(c.number(P + "weight_opg")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    AgentStore& a = ctx.state.agents;
    const CellType t = a.cell_type(i);
    if (t != CellType::Stromal && t != CellType::Osteoblast) return;
    const double deficiency = 1.0 - ctx.state.host.estrogen;
    a.secretion[kRankl][i] *= static_cast<float>(1.0 + w_rankl_ * deficiency);
    a.secretion[kOpg][i] /= static_cast<float>(1.0 + w_opg_ * deficiency);
  }

 private:
  double w_rankl_, w_opg_;
};

}  // namespace
MARROW_RULE(EstrogenRanklOpgImbalance, "estrogen_rankl_opg_imbalance", 150);
}  // namespace marrow::bio
