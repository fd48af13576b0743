// Rule osteoclast_survival: M-CSF increases the survival of mature OCs (seed, "Cytokines and OC
// formation"); each nucleus has a finite life and is renewed by fusion (VALIDATION.md: about 8% of
// nuclei renewed per day, each nucleus living about 12.5 days). Per tick each nucleus is lost with
// probability 1 - exp(-dt/tau_nucleus); an osteoclast dies when it has no nuclei left or by apoptosis at
//   rate = d_oc * (1 - s * f_M) + h_bp
// where h_bp is the extra hazard of a bisphosphonate-like treatment (treatments.bisphosphonate.dose,
// 1/day): nitrogen-containing bisphosphonates taken up from bone mineral make resorbing OCs apoptotic.
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.osteoclast_survival.";
const SettingRegistrar kSettings{
    quantity2(P + "nucleus_lifetime", "day", 12.5, 12.5, 0.1, 1000,
              "VALIDATION.md: nuclei renewed at ~8%/day, each living ~12.5 days", "mean life of one nucleus"),
    quantity2(P + "apoptosis", "1/day", 0.15, 0.1, 0, 100, "assumed: mouse OCs live days to two weeks",
              "osteoclast apoptosis rate without M-CSF"),
    real(P + "survival", 0.7, 0, 1, "assumed", "fraction of apoptosis that saturating M-CSF prevents"),
    quantity(P + "k_mcsf", "pM", 10, 1e-6, 1e6, "assumed", "M-CSF half-saturation for survival"),
};

class OsteoclastSurvival final : public Rule {
 public:
  explicit OsteoclastSurvival(const ResolvedConfig& c)
      : tau_(c.number(P + "nucleus_lifetime")),
        d_(c.number(P + "apoptosis")),
        s_(c.number(P + "survival")),
        k_(c.number(P + "k_mcsf")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::Osteoclast) return;
    RandomStream r = ctx.stream(Stream::OsteoclastLife, a.id[i]);
    const double p_loss = -std::expm1(-ctx.dt_h / 24.0 / tau_);
    int lost = 0;
    int lost_cd16 = 0;  // the tallied CD16+ nuclei are the first nuclei_cd16 of the cell
    for (int k = 0; k < a.nuclei[i]; ++k)
      if (r.uniform() < p_loss) {
        ++lost;
        lost_cd16 += k < a.nuclei_cd16[i];
      }
    a.nuclei[i] -= lost;  // the agent's own columns
    if (a.nuclei_cd16[i] >= 0) a.nuclei_cd16[i] -= lost_cd16;
    const double fm = occupancy(field_at(ctx.state, kMcsf, i), k_);
    const double hazard = d_ * (1.0 - s_ * fm) + ctx.state.host.dose(kTreatBisphosphonate);
    if (a.nuclei[i] <= 0 || r.event(per_tick(hazard, ctx.dt_h))) ctx.intents[i].die = 1;
  }

 private:
  double tau_, d_, s_, k_;
};

}  // namespace
MARROW_RULE(OsteoclastSurvival, "osteoclast_survival", 320);
}  // namespace marrow::bio
