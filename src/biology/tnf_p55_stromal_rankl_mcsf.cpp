// Rule tnf_p55_stromal_rankl_mcsf: TNF-alpha enhances osteoclast formation by raising the stromal
// cells' production of RANKL and M-CSF (seed, "Cytokines and OC formation"); the bone-wasting effect of
// TNF is mediated by the p55 receptor (TNFR1): estrogen loss takes bone in p75 (TNFR2)-deficient mice
// but not in p55-deficient ones (seed, "Estrogen loss and immune system"). For stromal cells and
// osteoblasts (past the precursor state), after their base secretion (stromal_osteoblast_cytokines):
//   RANKL *= 1 + g_R occ_n(TNF, K),   M-CSF *= 1 + g_M occ_n(TNF, K),   occ_n(c, K) = c^n / (c^n + K^n)
// (switch-like like tnf_p55_precursor_sensitisation, so that basal T-cell TNF does little).
// A cell lacking p55 (kGenoP55Ko) does not respond. p75 has no role in this rule (nor in any other of
// this group): a p75 knock-out changes nothing here, as the seed's OVX data require.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.tnf_p55_stromal_rankl_mcsf.";
const SettingRegistrar kSettings{
    quantity(P + "k_tnf", "pM", kP55SwitchHalfSaturationPm, 1e-6, 1e7,
             "assumed: a threshold between basal marrow TNF (3-4 pM, from effector CD4 and Th17 cells) and marrow TNF after OVX (about 6 pM); in culture TNF acts on stroma at about 1 ng/mL (trimer ~20 pM per ng/mL) (calibrated with S06 and S16, docs/model.md 'Basal osteoclastogenesis without T-cell TNF'; 12 -> 10 pM with cd8_tnf 0, 'Moving marrow TNF from CD8 to effector CD4 cells')",
             "TNF half-saturation of p55 signalling in stromal cells and osteoblasts"),
    real(P + "rankl_gain", 2.0, 0, 1e3, "assumed: TNF raises stromal RANKL severalfold (VALIDATION.md S10: it rises)",
         "relative rise of stromal and OB RANKL secretion at saturating TNF"),
    real(P + "mcsf_gain", 1.0, 0, 1e3, "assumed: TNF about doubles stromal M-CSF (VALIDATION.md S10: it rises)",
         "relative rise of stromal and OB M-CSF secretion at saturating TNF"),
    real(P + "hill", kP55SwitchHill, 1.0, 8.0, "assumed, as tnf_p55_precursor_sensitisation.hill",
         "Hill coefficient of the TNF response"),
};

class TnfP55StromalRanklMcsf final : public Rule {
 public:
  explicit TnfP55StromalRanklMcsf(const ResolvedConfig& c)
      : k_(c.number(P + "k_tnf")), g_r_(c.number(P + "rankl_gain")), g_m_(c.number(P + "mcsf_gain")),
        n_(c.number(P + "hill")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!secreting_stroma(a, i) || lacks(s, i, kGenoP55Ko)) return;
    const double f = hill_occupancy(signal_at(s, kTnf, i), k_, n_);
    a.secretion[kRankl][i] *= static_cast<float>(1.0 + g_r_ * f);
    a.secretion[kMcsf][i] *= static_cast<float>(1.0 + g_m_ * f);
  }

 private:
  double k_, g_r_, g_m_, n_;
};

}  // namespace
MARROW_RULE(TnfP55StromalRanklMcsf, "tnf_p55_stromal_rankl_mcsf", 120);
}  // namespace marrow::bio
