// Rule dendritic_osteoclastogenesis: in an inflammatory milieu immature dendritic cells can act as OC
// precursors, becoming DC-derived OCs (seed, "Inflammation and bone loss"; Rivollier 2004: immature DCs
// form OCs with M-CSF and RANKL, more so in the inflammatory rheumatoid milieu, VALIDATION.md S22). A DC
// becomes a pre-osteoclast (keeping its dendritic lineage bit) at
//   rate = k_DC * rank_signal(K_R) * M/(M + K_M) * differentiation_gain * (1 + g_T f_TNF + g_1 f_IL1)
//   f_TNF = TNF/(TNF + K_T) (0 for a cell without TNFR1/p55),  f_IL1 = IL-1/(IL-1 + K_1) (IL-1Ra lowers it)
#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.dendritic_osteoclastogenesis.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/day", 0.5, 0, 100,
             "assumed: DCs form OCs with M-CSF and RANKL alone (Rivollier 2004), less readily than monocytes",
             "maximal DC to pre-osteoclast rate without inflammatory cytokines, k_DC"),
    quantity(P + "k_rankl", "pM", 20, 1e-6, 1e6, "assumed, as rankl_mcsf_osteoclastogenesis.k_rankl",
             "RANKL half-saturation of RANK signalling in DCs"),
    quantity(P + "k_mcsf", "pM", 10, 1e-6, 1e6, "assumed, as rankl_mcsf_osteoclastogenesis.k_mcsf",
             "M-CSF half-saturation for DC differentiation"),
    real(P + "tnf_gain", 1.0, 0, 100, "assumed: TNF enhances DC-derived OC formation (Rivollier 2004; S22)",
         "relative rise of the rate at saturating TNF, g_T"),
    real(P + "il1_gain", 1.0, 0, 100, "assumed: IL-1 enhances DC-derived OC formation (Rivollier 2004; S22)",
         "relative rise of the rate at saturating IL-1, g_1"),
    quantity(P + "k_tnf", "pM", 10, 1e-6, 1e6, "assumed: inflamed marrow TNF of pM to tens of pM",
             "TNF half-saturation"),
    quantity(P + "k_il1", "pM", 10, 1e-6, 1e6, "assumed", "IL-1 half-saturation"),
};

class DendriticOsteoclastogenesis final : public Rule {
 public:
  explicit DendriticOsteoclastogenesis(const ResolvedConfig& c)
      : rate_(c.number(P + "rate")),
        k_r_(c.number(P + "k_rankl")),
        k_m_(c.number(P + "k_mcsf")),
        g_t_(c.number(P + "tnf_gain")),
        g_1_(c.number(P + "il1_gain")),
        k_t_(c.number(P + "k_tnf")),
        k_1_(c.number(P + "k_il1")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    if (a.cell_type(i) != CellType::Dendritic || ctx.intents[i].die) return;
    const double f_tnf = lacks(s, i, kGenoP55Ko) ? 0.0 : occupancy(signal_at(s, kTnf, i), k_t_);
    const double f_il1 = occupancy(signal_at(s, kIl1, i), k_1_);
    const double f = rank_signal(s, i, k_r_) * occupancy(field_at(s, kMcsf, i), k_m_) * a.differentiation_gain[i] *
                     (1.0 + g_t_ * f_tnf + g_1_ * f_il1);
    RandomStream r = ctx.stream(Stream::DendriticOsteoclastogenesis, a.id[i]);
    if (r.event(per_tick(rate_ * f, ctx.dt_h))) {
      ctx.intents[i].divide = 0;
      become(ctx.intents[i], CellType::PreOsteoclast, 0);
    }
  }

 private:
  double rate_, k_r_, k_m_, g_t_, g_1_, k_t_, k_1_;
};

}  // namespace
MARROW_RULE(DendriticOsteoclastogenesis, "dendritic_osteoclastogenesis", 340);
}  // namespace marrow::bio
