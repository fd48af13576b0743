// Rule t_cell_antigen_activation: naive CD4 T cells become effector cells when presenting cells in
// contact show them antigen on MHC-II (seed, "Estrogen loss and immune system": ovariectomy promotes
// T-cell activation in the marrow by raising antigen presentation by macrophages and DCs). Estrogen acts
// twice on the T cell itself (same section): with estrogen, immune cells respond more to antigenic
// stimulus, while after menopause T cells respond less to stimulation but are more active at baseline.
// Infection activates T cells too ("Inflammation and bone loss": the activation of T cells in autoimmunity
// or during infection increases RANKL production): the bacterial products of a TLR stimulus
// (periodontitis-like) carry antigen that presenting cells show, as wear debris does.
//   P    = sum over DCs and monocytes j in contact of  w_type mhc2_j (b_self + occ(L_j, K_A))
//   L_j  = antigen_j + wear_j + w_bac TLR-ligand_j
//   rate = k_act P (1 + w_resp E) + k_basal (1 + w_basal L) + dose(t_cell_activation)
// with L = 1 - E as T cells see it (host.t_cell_estrogen_loss; less under IL-7 blockade, rule
// il7_mediated_t_cell_estrogen).
// naive CD4 -> effector CD4 at that rate. CD8 T cells do not change here (osteoclast_cd8_treg_induction).
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.t_cell_antigen_activation.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/day", 2.0, 0, 1000,
             "assumed: a naive T cell next to a DC showing saturating antigen activates within about a day",
             "activation rate per unit of presentation (one DC, MHC-II 1, saturating antigen)"),
    real(P + "dendritic_weight", 1.0, 0, 100, "assumed: DCs are the professional antigen-presenting cells",
         "presentation weight of a dendritic cell"),
    real(P + "monocyte_weight", 0.3, 0, 100, "assumed: macrophages/monocytes present less well than DCs",
         "presentation weight of a monocyte/macrophage"),
    quantity(P + "k_antigen", "pM", 10, 1e-6, 1e6, "assumed",
             "half-saturation of the antigen (plus wear-particle and bacterial) load carried by a presenting cell"),
    real(P + "self_antigen", 0.02, 0, 10, "assumed: weak tonic presentation of self antigen",
         "basal presentation without foreign antigen, relative to saturating antigen"),
    real(P + "bacterial_antigen_weight", 1.0, 0, 100,
         "assumed: bacterial products carry antigen as wear debris does (weight 1); seed, 'Inflammation and bone "
         "loss': T cells produce RANKL in the presence of immune stimulus; periodontal RANKL+ T cells (Kawai 2006; S20)",
         "antigen load per unit of TLR ligand (bacterial products) at a presenting cell, w_bac"),
    real(P + "responsiveness_weight", 0.5, 0, 100,
         "D'Amelio 2011, 'Estrogen loss and immune system': HRT users respond more to antigen; assumed 1.5x at E = 1",
         "relative rise of the antigen response with estrogen (1 + w E)"),
    quantity(P + "basal_rate", "1/day", 0.004, 0, 100,
             "assumed: a few percent of marrow CD4 cells are activated at baseline (calibrated with the cascade, docs/model.md 'Calibration status')",
             "antigen-independent activation rate of naive CD4 cells at full estrogen"),
    real(P + "basal_weight", 1.5, 0, 100,
         "D'Amelio 2011, 'Estrogen loss and immune system': post-menopausal T cells more active at baseline; "
         "assumed 2.5x at E = 0 (calibrated with the cascade, docs/model.md 'Calibration status')",
         "relative rise of basal activation at zero estrogen"),
};

class TCellAntigenActivation final : public Rule {
 public:
  explicit TCellAntigenActivation(const ResolvedConfig& c)
      : k_(c.number(P + "rate")),
        presentation_(c),
        w_resp_(c.number(P + "responsiveness_weight")),
        basal_(c.number(P + "basal_rate")),
        w_basal_(c.number(P + "basal_weight")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    if (!is_tcell(a, i, TState::Cd4Naive) || ctx.intents[i].die) return;
    const double presentation = presentation_.at(s, i);
    const double e = s.host.estrogen;
    const double basal = basal_ * (1.0 + w_basal_ * s.host.t_cell_estrogen_loss);
    const double rate = k_ * presentation * (1.0 + w_resp_ * e) + basal + s.host.dose(kTreatTCellActivation);
    RandomStream r = ctx.stream(Stream::TCellActivation, a.id[i]);
    if (r.event(per_tick(rate, ctx.dt_h))) become(ctx.intents[i], CellType::TCell, code(TState::Cd4Effector));
  }

 private:
  double k_;
  Presentation presentation_;
  double w_resp_, basal_, w_basal_;
};

}  // namespace
MARROW_RULE(TCellAntigenActivation, "t_cell_antigen_activation", 30);
}  // namespace marrow::bio
