// Rule sofat_osteoclastogenesis: SOFAT (secreted osteoclastogenic factor of activated T cells) induces
// functional osteoclasts without osteoblasts or RANKL, and OPG does not block it (seed, "Cytokines and OC
// formation"; Rifas and Weitzmann 2009, Arthritis Rheum); it is one route by which activated T cells
// escape saturating OPG. For OC precursors and pre-osteoclasts:
//   rankl_free_drive = 1 - (1 - drive)(1 - m occ(SOFAT, K))
// a RANKL-independent drive that rank_signal combines with the RANKL occupancy. OPG binds RANKL only, so
// it leaves this drive intact. M-CSF is still required (rankl_mcsf_osteoclastogenesis, osteoclast_fusion).
#include "cytokine_action_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.sofat_osteoclastogenesis.";
const SettingRegistrar kSettings{
    quantity(P + "k_sofat", "pM", 20, 1e-6, 1e7, "assumed: acts at levels comparable with RANKL's K_R",
             "SOFAT half-saturation on OC precursors"),
    real(P + "max_drive", 0.8, 0, 1,
         "assumed: SOFAT alone forms functional OCs (Rifas 2009), somewhat less potently than saturating RANKL",
         "RANKL-independent drive at saturating SOFAT (0..1, as a RANK occupancy)"),
};

class SofatOsteoclastogenesis final : public Rule {
 public:
  explicit SofatOsteoclastogenesis(const ResolvedConfig& c) : k_(c.number(P + "k_sofat")), m_(c.number(P + "max_drive")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!oc_precursor_or_preoc(a, i)) return;
    const double d = m_ * occupancy(signal_at(s, kSofat, i), k_);
    if (d <= 0) return;
    a.rankl_free_drive[i] = static_cast<float>(1.0 - (1.0 - a.rankl_free_drive[i]) * (1.0 - d));
  }

 private:
  double k_, m_;
};

}  // namespace
MARROW_RULE(SofatOsteoclastogenesis, "sofat_osteoclastogenesis", 280);
}  // namespace marrow::bio
