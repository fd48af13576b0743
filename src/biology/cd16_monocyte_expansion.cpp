// Rule cd16_monocyte_expansion: CD14+CD16+ monocytes, the subset that is expanded in inflammatory
// arthritis and from which the OCs of psoriatic arthritis derive (seed, "Inflammation and bone loss": CD16
// marks OC precursors in arthritis; in healthy people OCs do not come from this subset; VALIDATION.md S23).
// A classical monocyte switches to the CD16+ subset in an inflammatory, arthritis-like milieu:
//   classical -> CD16+ at k_16 * (1 - (1 - f_TNF)(1 - f_Ag))
//   f_TNF = TNF/(TNF + K_T) (0 without TNFR1/p55),  f_Ag = antigen/(antigen + K_Ag) (treatment arthritis_milieu)
// CD16+ monocytes are the more osteoclastogenic subset: each tick differentiation_gain *= g_16 (read by
// rankl_mcsf_osteoclastogenesis, order 300). A CD16+ monocyte's lineage is the CD16 bit instead of the
// monocyte bit, so that the osteoclasts it joins record it.
#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.cd16_monocyte_expansion.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/day", 0.5, 0, 100,
             "assumed: the CD16+ share rises within days of inflammation",
             "maximal classical -> CD16+ switching rate, k_16"),
    quantity(P + "k_tnf", "pM", 30, 1e-6, 1e6,
             "assumed: inflamed marrow TNF of tens of pM; at 10 pM basal marrow TNF (3-4 pM) ran the switch at a "
             "quarter of its maximum and a third of healthy mice's osteoclast nuclei came from CD16+ monocytes, "
             "against the premise that healthy people's OCs do not (docs/model.md)",
             "TNF half-saturation of the switch"),
    quantity(P + "k_antigen", "pM", 10, 1e-6, 1e6, "assumed", "arthritis-antigen half-saturation of the switch"),
    real(P + "osteoclastogenic_gain", 3.0, 1, 100,
         "assumed: in arthritis OCs come mostly from CD16+ monocytes although they are a minority (Chiu 2010, "
         "seed ref. 54; S23)",
         "differentiation rate of CD16+ monocytes relative to classical ones, g_16"),
};

class Cd16MonocyteExpansion final : public Rule {
 public:
  explicit Cd16MonocyteExpansion(const ResolvedConfig& c)
      : rate_(c.number(P + "rate")),
        k_t_(c.number(P + "k_tnf")),
        k_a_(c.number(P + "k_antigen")),
        g16_(static_cast<float>(c.number(P + "osteoclastogenic_gain"))) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::Monocyte) return;
    if (a.state[i] == static_cast<std::uint8_t>(MonocyteState::Cd16)) {
      a.differentiation_gain[i] *= g16_;
      return;
    }
    if (ctx.intents[i].die) return;
    const double f_tnf = lacks(s, i, kGenoP55Ko) ? 0.0 : occupancy(signal_at(s, kTnf, i), k_t_);
    const double f_ag = occupancy(signal_at(s, kAntigen, i), k_a_);
    RandomStream r = ctx.stream(Stream::MonocyteSubset, a.id[i]);
    if (r.event(per_tick(rate_ * (1.0 - (1.0 - f_tnf) * (1.0 - f_ag)), ctx.dt_h)))
      become(ctx.intents[i], CellType::Monocyte, static_cast<std::uint8_t>(MonocyteState::Cd16));
  }

  // A monocyte's lineage bit follows its subset: one that switched this tick takes the CD16 bit in place of
  // the monocyte bit, and the classical daughter of a dividing CD16+ monocyte (which inherits its parent's
  // bits at birth) takes the monocyte bit. The state change is applied by the simulation's resolve,
  // before the rules' resolve.
  void resolve(TickContext& ctx) override {
    AgentStore& a = ctx.state.agents;
    constexpr auto both = static_cast<std::uint8_t>(kLineageMonocyte | kLineageCd16Monocyte);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a.cell_type(i) != CellType::Monocyte) continue;
      const bool cd16 = a.state[i] == static_cast<std::uint8_t>(MonocyteState::Cd16);
      a.lineage[i] = static_cast<std::uint8_t>((a.lineage[i] & ~both) | (cd16 ? kLineageCd16Monocyte : kLineageMonocyte));
    }
  }

 private:
  double rate_, k_t_, k_a_;
  float g16_;
};

}  // namespace
MARROW_RULE(Cd16MonocyteExpansion, "cd16_monocyte_expansion", 215);
}  // namespace marrow::bio
