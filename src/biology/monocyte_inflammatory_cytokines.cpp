// Rule monocyte_inflammatory_cytokines: monocytes and macrophages are a non-T source of TNF-alpha and
// IL-1 (seed, "Cytokines and OC formation": IL-1 production increases after the menopause and enhances
// TNF's effect on osteoclastogenesis; "Estrogen loss and immune system": estrogen withdrawal acts on
// marrow macrophages; "Inflammation and bone loss" and "OC modulates T cell activity": bacterial
// stimuli in periodontitis and wear debris in periprosthetic osteolysis inflame the marrow). Each
// monocyte (classical or CD16+) secretes, in zmol/h,
//   q_f * (1 + w (1 - E)) * (1 + g_tlr occ(TLR ligand, K_tlr)) * (1 + g_wear occ(wear, K_wear))
// for f = TNF and IL-1, with E the estrogen level (1 = replete). A cell lacking TNF (kGenoTnfKo)
// makes no TNF; its IL-1 is unaffected.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.monocyte_inflammatory_cytokines.";
const SettingRegistrar kSettings{
    quantity(P + "tnf", "zmol/h", 0.02, 0, 1e6,
             "assumed: resting marrow macrophages keep TNF well below its half-saturations (a few tenths of pM)",
             "basal TNF-alpha secretion per monocyte"),
    quantity(P + "il1", "zmol/h", 0.02, 0, 1e6, "assumed: as the basal TNF secretion",
             "basal IL-1 secretion per monocyte"),
    real(P + "estrogen_weight", 1.0, 0, 100,
         "assumed: about 2-fold at zero estrogen (seed 'Cytokines and OC formation': IL-1 production rises "
         "after the menopause)",
         "relative rise of monocyte TNF and IL-1 at zero estrogen"),
    real(P + "tlr_gain", 20, 0, 1e4,
         "assumed: bacterial TLR ligands (LPS-like) raise macrophage TNF and IL-1 by more than an order of "
         "magnitude",
         "relative rise of monocyte TNF and IL-1 at saturating TLR ligand"),
    quantity(P + "k_tlr", "pM", 10, 1e-6, 1e7, "assumed", "TLR ligand half-saturation"),
    real(P + "wear_gain", 10, 0, 1e4,
         "assumed: phagocytosed wear debris activates macrophages less strongly than bacterial ligands",
         "relative rise of monocyte TNF and IL-1 at saturating wear particles"),
    quantity(P + "k_wear", "pM", 100, 1e-6, 1e7, "assumed", "wear-particle half-saturation (pM-equivalent)"),
};

class MonocyteInflammatoryCytokines final : public Rule {
 public:
  explicit MonocyteInflammatoryCytokines(const ResolvedConfig& c)
      : tnf_(c.number(P + "tnf")),
        il1_(c.number(P + "il1")),
        w_(c.number(P + "estrogen_weight")),
        g_tlr_(c.number(P + "tlr_gain")),
        k_tlr_(c.number(P + "k_tlr")),
        g_wear_(c.number(P + "wear_gain")),
        k_wear_(c.number(P + "k_wear")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::Monocyte) return;
    const double m = (1.0 + w_ * (1.0 - s.host.estrogen)) *
                     (1.0 + g_tlr_ * occupancy(signal_at(s, kTlrLigand, i), k_tlr_)) *
                     (1.0 + g_wear_ * occupancy(signal_at(s, kWear, i), k_wear_));
    if (!lacks(s, i, kGenoTnfKo)) a.secretion[kTnf][i] += static_cast<float>(tnf_ * m);
    a.secretion[kIl1][i] += static_cast<float>(il1_ * m);
  }

 private:
  double tnf_, il1_, w_, g_tlr_, k_tlr_, g_wear_, k_wear_;
};

}  // namespace
MARROW_RULE(MonocyteInflammatoryCytokines, "monocyte_inflammatory_cytokines", 140);
}  // namespace marrow::bio
