// Rule tnf_p55_osteoblast_suppression: TNF-alpha through p55 holds back bone formation, so that in estrogen
// deficiency a remodeling unit refills less than its osteoclasts removed (seed, "Conclusion": in
// pathological conditions resorption is higher than formation, and OC and OB formation, as well as the
// coupling between these two cell types, are mediated mainly through cytokines). TNF inhibits the
// commitment of mesenchymal precursors to the osteoblast lineage (Runx2; Gilbert et al. 2000,
// Endocrinology) through TNFR1/p55 (Abbas et al. 2003, Cytokine), and lowers the matrix synthesis of mature
// osteoblasts (Centrella et al. 1988; review Nanes 2003, Gene). With the p55 switch of the other p55
// responses, f = occ_n(TNF, K) = TNF^n / (TNF^n + K^n):
//   stromal cells:       differentiation_gain *= 1 / (1 + c f)   (commitment to OB precursors)
//   active osteoblasts:  formation_gain       *= 1 / (1 + b f)   (apposition rate)
// A cell lacking p55 (kGenoP55Ko) is not suppressed; p75 plays no part. Formation only refills a
// resorption deficit, so the rule never removes bone by itself: it lowers how much of each pit is refilled.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.tnf_p55_osteoblast_suppression.";
const SettingRegistrar kSettings{
    quantity(P + "k_tnf", "pM", kP55SwitchHalfSaturationPm, 1e-6, 1e7,
             "assumed: the p55 switch of the osteoclast-lineage p55 responses (same receptor), between basal marrow "
             "TNF (3-4 pM) and marrow TNF after OVX (5-6 pM); Gilbert 2000 saw inhibition at 0.1-10 ng/mL in culture",
             "TNF half-saturation of p55 signalling in osteoblast-lineage cells"),
    real(P + "hill", kP55SwitchHill, 1.0, 8.0, "assumed: the p55 switch (as tnf_p55_precursor_sensitisation)",
         "Hill coefficient of the TNF response"),
    real(P + "commitment_inhibition", 4.0, 0, 1e3,
         "Gilbert 2000: saturating TNF cut osteoblast differentiation of precursors about fivefold (through p55: "
         "Abbas 2003); adopted in Session 24 (docs/model.md)",
         "strength: stromal commitment to OB precursors divided by 1 + this at saturating TNF"),
    real(P + "formation_inhibition", 1.0, 0, 1e3,
         "Centrella 1988, Nanes 2003: saturating TNF about halves collagen synthesis; adopted in Session 24 "
         "(docs/model.md)",
         "strength: apposition of active OBs divided by 1 + this at saturating TNF"),
};

class TnfP55OsteoblastSuppression final : public Rule {
 public:
  explicit TnfP55OsteoblastSuppression(const ResolvedConfig& c)
      : k_(c.number(P + "k_tnf")),
        n_(c.number(P + "hill")),
        commit_(c.number(P + "commitment_inhibition")),
        form_(c.number(P + "formation_inhibition")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    const bool stromal = a.cell_type(i) == CellType::Stromal, osteoblast = active_osteoblast(a, i);
    if ((!stromal && !osteoblast) || lacks(s, i, kGenoP55Ko)) return;
    const double strength = stromal ? commit_ : form_;
    if (strength <= 0) return;
    const auto g = static_cast<float>(1.0 / (1.0 + strength * hill_occupancy(signal_at(s, kTnf, i), k_, n_)));
    if (stromal) a.differentiation_gain[i] *= g;
    else a.formation_gain[i] *= g;
  }

 private:
  double k_, n_, commit_, form_;
};

}  // namespace
MARROW_RULE(TnfP55OsteoblastSuppression, "tnf_p55_osteoblast_suppression", 292);
}  // namespace marrow::bio
