// Rule tnf_p55_precursor_sensitisation: TNF-alpha raises the responsiveness of osteoclast precursors to
// RANKL (seed, "Cytokines and OC formation"), through the p55 receptor (seed, "Estrogen loss and immune
// system"); TNF and RANKL act synergistically on precursors (Lam et al. 2000, J Clin Invest), while
// TNF alone, without permissive RANKL, makes no osteoclasts here. For OC precursors and pre-osteoclasts:
//   rankl_gain *= 1 + s occ_n(TNF, K),   occ_n(c, K) = c^n / (c^n + K^n)
// (switch-like, n = 3: basal marrow TNF does little, the rise after OVX acts), which multiplies the
// RANKL each senses in rank_signal (rankl_mcsf_osteoclastogenesis, fusion). A cell lacking p55
// (kGenoP55Ko) is not sensitised; p75 plays no part.
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.tnf_p55_precursor_sensitisation.";
const SettingRegistrar kSettings{
    quantity(P + "k_tnf", "pM", kP55SwitchHalfSaturationPm, 1e-6, 1e7,
             "assumed: a threshold between basal marrow TNF (3-4 pM, from effector CD4 and Th17 cells) and marrow TNF after OVX (about 6 pM); Lam 2000 saw synergy at 1-20 ng/mL (trimer ~20 pM per ng/mL) in culture (calibrated with S06 and S16, docs/model.md 'Basal osteoclastogenesis without T-cell TNF'; 12 -> 10 pM with cd8_tnf 0, 'Moving marrow TNF from CD8 to effector CD4 cells')",
             "TNF half-saturation of p55 signalling in OC precursors"),
    real(P + "sensitisation", 4.0, 0, 1e3,
         "assumed: saturating TNF makes low RANKL act like a severalfold higher dose (Lam 2000: synergy)",
         "relative rise of the RANKL sensed by precursors at saturating TNF"),
    real(P + "hill", kP55SwitchHill, 1.0, 8.0,
         "assumed: switch-like, so that basal T-cell TNF does little (TNF-/- and nude mice keep their basal bone, seed S06/S16) while the OVX rise acts; n = 1 made basal osteoclast formation five-fold dependent on T-cell TNF (docs/model.md)",
         "Hill coefficient of the TNF response"),
};

class TnfP55PrecursorSensitisation final : public Rule {
 public:
  explicit TnfP55PrecursorSensitisation(const ResolvedConfig& c)
      : k_(c.number(P + "k_tnf")), s_(c.number(P + "sensitisation")), n_(c.number(P + "hill")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!oc_precursor_or_preoc(a, i) || lacks(s, i, kGenoP55Ko)) return;
    a.rankl_gain[i] *= static_cast<float>(1.0 + s_ * hill_occupancy(signal_at(s, kTnf, i), k_, n_));
  }

 private:
  double k_, s_, n_;
};

}  // namespace
MARROW_RULE(TnfP55PrecursorSensitisation, "tnf_p55_precursor_sensitisation", 260);
}  // namespace marrow::bio
