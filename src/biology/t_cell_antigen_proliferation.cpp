// Rule t_cell_antigen_proliferation (off in the default parameter set; docs/model.md, "What keeps nude
// mice below wild type, and what limits the T-cell rise after OVX"): activated CD4 T cells that are shown
// antigen keep dividing (seed, "Estrogen loss and immune system": ovariectomy promotes T-cell activation
// by raising antigen presentation by macrophages and DCs, through CIITA and MHC-II; Cenci et al. 2003:
// estrogen deficiency raises T-cell proliferation through IFN-gamma-induced CIITA). Without it the
// effector pool is capped by the inflow of naive cells, whatever MHC-II does. For an effector CD4 or
// Th17 cell with fewer than n_max divisions, no death and no division yet this tick:
//   division at k_p P,   P = presentation by DCs and monocytes in contact (as t_cell_antigen_activation)
// The daughter keeps the state. The division count is the one il7_lymphocyte_expansion also reads.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.t_cell_antigen_proliferation.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/day", 1.0, 0, 1000,
             "assumed: an activated T cell beside a DC showing saturating antigen divides about daily",
             "division rate per unit of presentation (one DC, MHC-II 1, saturating antigen), k_p"),
    integer(P + "max_divisions", 3, 0, 1000, "assumed: a bounded clonal burst (at most 8-fold per activated cell)",
            "divisions after which a T cell no longer divides, n_max"),
};

class TCellAntigenProliferation final : public Rule {
 public:
  explicit TCellAntigenProliferation(const ResolvedConfig& c)
      : k_(c.number(P + "rate")), max_div_(static_cast<int>(c.integer(P + "max_divisions"))), presentation_(c) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    if (!is_tcell(a, i, TState::Cd4Effector) && !is_tcell(a, i, TState::Th17)) return;
    Intent& in = ctx.intents[i];
    if (in.die || in.divide || a.divisions[i] >= max_div_) return;
    const double p = presentation_.at(s, i);
    if (p <= 0) return;
    RandomStream r = ctx.stream(Stream::TCellLife, tcell_substream(a.id[i], 2));
    if (r.event(per_tick(k_ * p, ctx.dt_h))) divide_t_cell(in, a, i, r);
  }

 private:
  double k_;
  int max_div_;
  Presentation presentation_;
};

}  // namespace
MARROW_RULE_DEFAULT_OFF(TCellAntigenProliferation, "t_cell_antigen_proliferation", 46);
}  // namespace marrow::bio
