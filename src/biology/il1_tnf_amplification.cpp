// Rule il1_tnf_amplification: the effect of TNF-alpha on osteoclastogenesis is up-regulated by IL-1,
// which also promotes osteoclast differentiation directly (seed, "Cytokines and OC formation"; IL-1
// receptor antagonist lowers OC formation in ovariectomised mice). For OC precursors and
// pre-osteoclasts, with occupancies f_1 = occ(IL-1, K_1) and f_T = occ_n(TNF, K_T) (Hill n, as in
// tnf_p55_precursor_sensitisation):
//   rankl_gain *= 1 + a f_1 f_T          (synergy: needs both IL-1 and TNF; TNF through p55)
//   differentiation_gain *= 1 + d f_1    (OC precursors: direct pro-differentiation effect)
// A cell lacking p55 has f_T = 0 here (TNF cannot signal), so only the direct IL-1 term remains. IL-1 is
// read through signal_at (IL-1 receptor antagonist).
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.il1_tnf_amplification.";
const SettingRegistrar kSettings{
    quantity(P + "k_il1", "pM", 20, 1e-6, 1e7, "assumed, as il1_stromal_rankl.k_il1",
             "IL-1 half-saturation of IL-1R1 signalling in OC precursors"),
    quantity(P + "k_tnf", "pM", kP55SwitchHalfSaturationPm, 1e-6, 1e7, "assumed, as tnf_p55_precursor_sensitisation.k_tnf",
             "TNF half-saturation in OC precursors"),
    real(P + "amplification", 2.0, 0, 1e3,
         "assumed: IL-1 about triples TNF-primed RANKL responsiveness at saturation of both",
         "relative rise of the RANKL sensed by precursors at saturating IL-1 and TNF together"),
    real(P + "differentiation", 0.5, 0, 1e3, "assumed: a modest direct effect beside the TNF synergy",
         "relative rise of the precursor differentiation rate at saturating IL-1"),
    real(P + "hill", kP55SwitchHill, 1.0, 8.0, "assumed, as tnf_p55_precursor_sensitisation.hill",
         "Hill coefficient of the TNF response"),
};

class Il1TnfAmplification final : public Rule {
 public:
  explicit Il1TnfAmplification(const ResolvedConfig& c)
      : k1_(c.number(P + "k_il1")),
        kt_(c.number(P + "k_tnf")),
        amp_(c.number(P + "amplification")),
        diff_(c.number(P + "differentiation")), n_(c.number(P + "hill")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!oc_precursor_or_preoc(a, i)) return;
    const double f1 = occupancy(signal_at(s, kIl1, i), k1_);
    if (f1 <= 0) return;
    const double ft = lacks(s, i, kGenoP55Ko) ? 0.0 : hill_occupancy(signal_at(s, kTnf, i), kt_, n_);
    a.rankl_gain[i] *= static_cast<float>(1.0 + amp_ * f1 * ft);
    if (is_oc_precursor(a, i)) a.differentiation_gain[i] *= static_cast<float>(1.0 + diff_ * f1);
  }

 private:
  double k1_, kt_, amp_, diff_, n_;
};

}  // namespace
MARROW_RULE(Il1TnfAmplification, "il1_tnf_amplification", 265);
}  // namespace marrow::bio
