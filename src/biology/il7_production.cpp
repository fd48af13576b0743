// Rule il7_production: marrow IL-7 and its rise in estrogen deficiency (seed, "Cytokines and OC
// formation": IL-7 raises B- and T-cell number and reactivity and promotes osteoclastogenesis through
// T-cell cytokines; its production is up-regulated by estrogen deficiency). The seed names T cells as a
// source; in the marrow IL-7 is made mainly by stromal cells and dendritic cells (Weitzmann et al. 2002,
// J Clin Invest: ovariectomy raises marrow IL-7), and those are the sources here. Each stromal cell and
// dendritic cell secretes, in zmol/h,
//   q_type * (1 + w (1 - E))
// with E the estrogen level (1 = replete).
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.il7_production.";
const SettingRegistrar kSettings{
    quantity(P + "stromal", "zmol/h", 0.1, 0, 1e6,
             "assumed: keeps basal marrow IL-7 at a few pM, below the half-saturations of its actions",
             "IL-7 secretion per stromal cell"),
    quantity(P + "dendritic", "zmol/h", 0.1, 0, 1e6, "assumed: as a stromal cell",
             "IL-7 secretion per dendritic cell"),
    real(P + "estrogen_weight", 1.0, 0, 100,
         "assumed: about 2-fold at zero estrogen (Weitzmann 2002: ovariectomy raises marrow IL-7)",
         "relative rise of IL-7 secretion at zero estrogen"),
};

class Il7Production final : public Rule {
 public:
  explicit Il7Production(const ResolvedConfig& c)
      : q_stromal_(c.number(P + "stromal")), q_dc_(c.number(P + "dendritic")), w_(c.number(P + "estrogen_weight")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    AgentStore& a = ctx.state.agents;
    const CellType t = a.cell_type(i);
    const double q = t == CellType::Stromal ? q_stromal_ : t == CellType::Dendritic ? q_dc_ : 0.0;
    if (q <= 0) return;
    a.secretion[kIl7][i] += static_cast<float>(q * (1.0 + w_ * (1.0 - ctx.state.host.estrogen)));
  }

 private:
  double q_stromal_, q_dc_, w_;
};

}  // namespace
MARROW_RULE(Il7Production, "il7_production", 110);
}  // namespace marrow::bio
