// Rule b_precursor_osteoclastogenesis: B220+IgM- B-cell precursors can differentiate into osteoclasts
// (seed, "OC modulates T cell activity", last paragraph: the B220+IgM- population that expands after
// ovariectomy can become OCs). Like monocytes (rankl_mcsf_osteoclastogenesis) they need RANKL and M-CSF:
//   rate = k_B * rank_signal(K_R) * M/(M + K_M) * differentiation_gain
// rank_signal applies the cell's rankl_gain and any RANKL-free drive; the pre-osteoclast keeps the B-cell
// lineage bit, so the osteoclasts it joins record it.
#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.b_precursor_osteoclastogenesis.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/day", 0.3, 0, 100,
             "assumed: B220+IgM- cells form OCs less readily than monocytes (rankl_mcsf_osteoclastogenesis.rate 1/day)",
             "maximal B220+IgM- precursor to pre-osteoclast differentiation rate, k_B"),
    quantity(P + "k_rankl", "pM", 20, 1e-6, 1e6, "assumed, as rankl_mcsf_osteoclastogenesis.k_rankl",
             "RANKL half-saturation of RANK signalling in B220+IgM- precursors"),
    quantity(P + "k_mcsf", "pM", 10, 1e-6, 1e6, "assumed, as rankl_mcsf_osteoclastogenesis.k_mcsf",
             "M-CSF half-saturation for their differentiation"),
};

class BPrecursorOsteoclastogenesis final : public Rule {
 public:
  explicit BPrecursorOsteoclastogenesis(const ResolvedConfig& c)
      : rate_(c.number(P + "rate")), k_r_(c.number(P + "k_rankl")), k_m_(c.number(P + "k_mcsf")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    if (!immune_b::is_b(a, i, BState::Precursor) || ctx.intents[i].die) return;
    const double f = rank_signal(s, i, k_r_) * occupancy(field_at(s, kMcsf, i), k_m_) * a.differentiation_gain[i];
    // BCellActivation is drawn by tlr_b_cell_rankl for resting B cells only: never for the same agent and tick.
    RandomStream r = ctx.stream(Stream::BCellActivation, a.id[i]);
    if (r.event(per_tick(rate_ * f, ctx.dt_h))) {
      ctx.intents[i].divide = 0;
      become(ctx.intents[i], CellType::PreOsteoclast, 0);
    }
  }

 private:
  double rate_, k_r_, k_m_;
};

}  // namespace
MARROW_RULE(BPrecursorOsteoclastogenesis, "b_precursor_osteoclastogenesis", 335);
}  // namespace marrow::bio
