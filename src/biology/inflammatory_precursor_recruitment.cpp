// Rule inflammatory_precursor_recruitment: OC precursors circulate in the blood mononuclear fraction, a
// pool that can be recruited into bone in response to pathological signals (seed, "OC modulates T cell
// activity"); osteoporotic post-menopausal women have more circulating OC precursors (D'Amelio 2008). On top
// of the basal entry (monocyte_recruitment) an inflammatory or estrogen-deficient milieu recruits more:
//   extra entries per tick: Poisson, mean = r V dt (w_T <f_TNF> + w_E (1 - E))
//   <f_TNF> = marrow mean of TNF^n/(TNF^n + K_T^n);  share CD16+ = s_16 <f_Ag>,  <f_Ag> = mean antigen/(antigen + K_Ag)
// (an arthritis-like milieu, treatment arthritis_milieu, brings CD16+ precursors: seed, "Inflammation and
// bone loss"). Each entry is a monocyte at a random free marrow voxel with the lineage bit of its subset.
// In culture nothing enters.
#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.inflammatory_precursor_recruitment.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/(mm^3*day)", 12000, 0, 1e9,
             "assumed: the scale of basal monocyte entry (monocyte_recruitment.rate)",
             "extra precursor entries per marrow volume and time at full weight, r"),
    real(P + "tnf_weight", 1.0, 0, 100, "assumed: saturating marrow TNF doubles precursor entry",
         "weight of the marrow-mean TNF occupancy, w_T"),
    real(P + "estrogen_weight", 0.5, 0, 100,
         "assumed: more circulating OC precursors in osteoporotic women (D'Amelio 2008), a moderate rise",
         "weight of estrogen deficiency, w_E"),
    quantity(P + "k_tnf", "pM", 10, 1e-6, 1e6, "assumed: inflamed marrow TNF of pM to tens of pM",
             "TNF half-saturation of recruitment"),
    real(P + "hill", 1.0, 1, 8, "assumed: a graded response to marrow TNF",
         "Hill coefficient of the TNF occupancy, n (n > 1: a switch that ignores basal TNF)"),
    real(P + "cd16_share", 0.8, 0, 1,
         "assumed: in arthritis the recruited precursors are mostly CD14+CD16+ (Chiu 2010, seed ref. 54)",
         "share of the extra entries that are CD16+ at saturating arthritis antigen, s_16"),
    quantity(P + "k_antigen", "pM", 10, 1e-6, 1e6, "assumed", "arthritis-antigen half-saturation of the CD16+ share"),
};

class InflammatoryPrecursorRecruitment final : public Rule {
 public:
  explicit InflammatoryPrecursorRecruitment(const ResolvedConfig& c)
      : rate_(c.number(P + "rate")),
        w_t_(c.number(P + "tnf_weight")),
        w_e_(c.number(P + "estrogen_weight")),
        k_t_(c.number(P + "k_tnf")),
        n_t_(c.number(P + "hill")),
        s16_(c.number(P + "cd16_share")),
        k_a_(c.number(P + "k_antigen")) {}

  void resolve(TickContext& ctx) override {
    SimState& s = ctx.state;
    if (s.host.culture || rate_ <= 0) return;
    const double drive = w_t_ * immune_b::mean_marrow_occupancy(s, kTnf, k_t_, n_t_) + w_e_ * (1.0 - s.host.estrogen);
    if (drive <= 0) return;
    const double share16 = s16_ * immune_b::mean_marrow_occupancy(s, kAntigen, k_a_);
    // MonocyteSubset is drawn per agent by cd16_monocyte_expansion; agent ids start at 1: entity 0 is this rule's.
    RandomStream r = ctx.stream(Stream::MonocyteSubset, 0);
    const long n = r.poisson(rate_ * marrow_mm3(s) * ctx.dt_h / 24.0 * drive);
    for (long k = 0; k < n; ++k) {
      const bool cd16 = r.uniform() < share16;
      const auto st = static_cast<std::uint8_t>(cd16 ? MonocyteState::Cd16 : MonocyteState::Classical);
      const std::int64_t i = add_at_random_free_voxel(s, r, CellType::Monocyte, st, ctx.tick);
      if (i >= 0) s.agents.lineage[static_cast<std::size_t>(i)] = cd16 ? kLineageCd16Monocyte : kLineageMonocyte;
    }
  }

 private:
  double rate_, w_t_, w_e_, k_t_, n_t_, s16_, k_a_;
};

}  // namespace
MARROW_RULE(InflammatoryPrecursorRecruitment, "inflammatory_precursor_recruitment", 212);
}  // namespace marrow::bio
