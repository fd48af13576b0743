// Rule rankl_mcsf_osteoclastogenesis: RANKL and M-CSF co-stimulation is essential for monocytes to
// differentiate into osteoclasts (seed, "Cytokines and OC formation": "The co-stimulation by RANKL and
// M-CSF is essential for the differentiation of monocytes into OCs"). RANKL binds RANK; OPG, the
// decoy, lowers free RANKL in the field (fields.opg_rankl_kon). A monocyte becomes a pre-osteoclast at
//   rate = k_diff * f_R * f_M,   f_R = RANKL/(RANKL + K_R),  f_M = M-CSF/(M-CSF + K_M)
// so that either factor alone gives none. Other rules modulate it per cell (earlier in rule order): the
// sensed RANKL is scaled by rankl_gain (e.g. TNF through p55), RANKL-independent drive d (SOFAT) enters as
// f_R' = 1 - (1 - f_R)(1 - d), and the rate is scaled by differentiation_gain (e.g. IFN-gamma).
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.rankl_mcsf_osteoclastogenesis.";
const SettingRegistrar kSettings{
    quantity(P + "k_rankl", "pM", 20, 1e-6, 1e6,
             "assumed: RANK half-occupancy; RANK binds RANKL less tightly than OPG does (VALIDATION.md)",
             "RANKL half-saturation of RANK signalling"),
    quantity(P + "k_mcsf", "pM", 10, 1e-6, 1e6, "assumed", "M-CSF half-saturation for differentiation"),
    quantity(P + "rate", "1/day", 1.0, 0, 100, "assumed: days from monocyte to TRAP+ precursor in culture",
             "maximal monocyte to pre-osteoclast differentiation rate"),
};

class RanklMcsfOsteoclastogenesis final : public Rule {
 public:
  explicit RanklMcsfOsteoclastogenesis(const ResolvedConfig& c)
      : k_r_(c.number(P + "k_rankl")), k_m_(c.number(P + "k_mcsf")), rate_(c.number(P + "rate")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    if (s.agents.cell_type(i) != CellType::Monocyte || ctx.intents[i].die) return;
    const double f = rank_signal(s, i, k_r_) * occupancy(field_at(s, kMcsf, i), k_m_) * s.agents.differentiation_gain[i];
    RandomStream r = ctx.stream(Stream::Osteoclastogenesis, s.agents.id[i]);
    if (r.event(per_tick(rate_ * f, ctx.dt_h))) {
      ctx.intents[i].divide = 0;
      become(ctx.intents[i], CellType::PreOsteoclast, 0);
    }
  }

 private:
  double k_r_, k_m_, rate_;
};

}  // namespace
MARROW_RULE(RanklMcsfOsteoclastogenesis, "rankl_mcsf_osteoclastogenesis", 300);
}  // namespace marrow::bio
