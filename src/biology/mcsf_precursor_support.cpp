// Rule mcsf_precursor_support: M-CSF induces the proliferation of OC precursors and their survival
// (seed, "Cytokines and OC formation": M-CSF induces the proliferation of OC precursors ... and
// increases the survival of mature OCs). For monocytes and pre-osteoclasts, with f_M = M/(M + K_M):
//   division rate (monocytes) = k_prolif * f_M,    death rate = d * (1 - s * f_M)
// (in culture the monocytes' d is d (1 - x_exit): a dish has no exit into the blood; x_exit 0 by default)
// Without M-CSF precursors neither divide nor survive long. Committed pre-osteoclasts do not divide:
// they fuse or die.
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.mcsf_precursor_support.";
const SettingRegistrar kSettings{
    quantity(P + "k_mcsf", "pM", 10, 1e-6, 1e6, "assumed: M-CSF half-saturation near basal marrow levels",
             "M-CSF half-saturation of c-Fms signalling"),
    quantity(P + "proliferation", "1/day", 0.3, 0, 100, "assumed", "maximal precursor division rate"),
    quantity(P + "monocyte_death", "1/day", 0.5, 0, 100, "assumed: marrow monocyte residence of days",
             "monocyte death (or exit) rate without M-CSF"),
    quantity(P + "preosteoclast_death", "1/day", 1.0, 0, 100, "assumed: precursors that do not fuse within days die", "pre-osteoclast death rate without M-CSF"),
    real(P + "survival", 0.6, 0, 1, "assumed", "fraction of the death rate that saturating M-CSF prevents"),
    real(P + "culture_exit_share", 0, 0, 1,
         "0 (validated default): a dish loses monocytes as the marrow does; the marrow's loss includes exit "
         "into the blood, which a dish lacks (docs/model.md, 'Session 14: the culture dish')",
         "share of the monocyte loss rate that is exit from the marrow, left out in culture, x_exit"),
};

class McsfPrecursorSupport final : public Rule {
 public:
  explicit McsfPrecursorSupport(const ResolvedConfig& c)
      : k_(c.number(P + "k_mcsf")),
        prolif_(c.number(P + "proliferation")),
        d_mono_(c.number(P + "monocyte_death")),
        d_pre_(c.number(P + "preosteoclast_death")),
        survival_(c.number(P + "survival")) {
    if (c.text("mode") == "culture") d_mono_ *= 1.0 - c.number(P + "culture_exit_share");
  }

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const CellType t = s.agents.cell_type(i);
    if (t != CellType::Monocyte && t != CellType::PreOsteoclast) return;
    const double fm = occupancy(field_at(s, kMcsf, i), k_);
    RandomStream r = ctx.stream(Stream::MonocyteLife, s.agents.id[i]);
    Intent& in = ctx.intents[i];
    const double d = (t == CellType::Monocyte ? d_mono_ : d_pre_) * (1.0 - survival_ * fm);
    if (r.event(per_tick(d, ctx.dt_h))) {
      in.die = 1;
      return;
    }
    if (t == CellType::Monocyte && r.event(per_tick(prolif_ * fm, ctx.dt_h))) {
      in.divide = 1;
      in.daughter_type = static_cast<std::uint8_t>(t);
      in.daughter_state = 0;
      in.choice = static_cast<std::uint32_t>(r.below(1 << 16));
    }
  }

 private:
  double k_, prolif_, d_mono_, d_pre_, survival_;
};

}  // namespace
MARROW_RULE(McsfPrecursorSupport, "mcsf_precursor_support", 250);
}  // namespace marrow::bio
