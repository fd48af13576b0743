// Rule t_cell_cytokine_profiles: what each T-cell state secretes (zmol/h per cell). Activated T cells
// make RANKL and M-CSF (seed, "Cytokines and OC formation"), TNF-alpha (same section: more TNF from T
// cells after estrogen loss), SOFAT (found in activated T-cell medium) and IFN-gamma (Th1-type cells; the
// seed names IFN-g but not its source: assumed); Th17 cells RANKL,
// TNF and IL-17 ("Inflammation and bone loss"); resting CD4 cells little RANKL; CD8 cells a little TNF
// and IFN-g; CD8 FoxP3 Tregs none of these. Lymphocyte RANKL rises with estrogen deficiency ("Estrogen
// loss and immune system": RANKL on lymphocytes and stromal cells is elevated in estrogen deficiency):
// IFN-gamma levels rise in estrogen deficiency ("Cytokines and OC formation"; from T cells in Cenci 2003's
// mice): w_G, 0 in the default set (docs/model.md, "What keeps nude mice below wild type").
//   secretion_f = q_f[state] x (RANKL: 1 + w_R (1 - E)) x (IFN-gamma: 1 + w_G (1 - E))
// TNF per effector cell is fixed: estrogen loss raises TNF through more activated T cells (VALIDATION.md
// S09). Per-cell knock-outs: no TNF (kGenoTnfKo), no RANKL (kGenoRanklKo), no IFN-g (kGenoIfngKo).
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.t_cell_cytokine_profiles.";
const std::string kActivatedRankl =
    "VALIDATION.md: stimulated mouse CD4 T cells accumulate 2.2 ng/mL RANKL (~110 pM as monomer) over 4 days; at "
    "an assumed 1e6 cells/mL that is ~110 zmol per cell, >= 1.1 zmol/h (monomer)";
const SettingRegistrar kSettings{
    quantity(P + "naive_rankl", "zmol/h", 0.02, 0, 1e6, "assumed: resting T cells express little RANKL",
             "RANKL secretion per naive CD4 T cell"),
    quantity(P + "effector_rankl", "zmol/h", 1.2, 0, 1e6, kActivatedRankl, "RANKL secretion per effector CD4 T cell"),
    // Human: calibrated on S14 (seed: T-cell-depleted PBMC form OCs only with added M-CSF and RANKL, so the
    // T cells of a PBMC culture supply its M-CSF). Mouse keeps 0.2: at the human value TNF-/- mice lose bone
    // after OVX, against S06 (docs/model.md, "Species").
    quantity2(P + "effector_mcsf", "zmol/h", 0.2, 10, 0, 1e6,
              "mouse assumed (below a stromal cell's M-CSF); human calibrated so that the activated T cells of "
              "post-menopausal PBMC keep their monocytes alive (S14; about 1.7 molecules/s per cell)",
              "M-CSF secretion per effector CD4 T cell"),
    quantity(P + "effector_tnf", "zmol/h", 4.0, 0, 1e6,
             "assumed: a few times the T-cell RANKL, so that activated T cells are the main marrow TNF source "
             "after OVX (Roggia 2001; Cenci 2000) (calibrated with the cascade, docs/model.md 'Calibration status')",
             "TNF-alpha secretion per effector CD4 T cell"),
    quantity(P + "effector_ifng", "zmol/h", 0.5, 0, 1e6, "assumed", "IFN-gamma secretion per effector CD4 T cell"),
    quantity(P + "effector_sofat", "zmol/h", 0.5, 0, 1e6, "assumed", "SOFAT secretion per effector CD4 T cell"),
    quantity(P + "th17_rankl", "zmol/h", 1.2, 0, 1e6, "assumed: as effector CD4 cells",
             "RANKL secretion per Th17 cell"),
    quantity(P + "th17_tnf", "zmol/h", 2.0, 0, 1e6, "assumed: half the effector CD4 TNF", "TNF-alpha secretion per Th17 cell"),
    quantity(P + "th17_il17", "zmol/h", 1.0, 0, 1e6, "assumed", "IL-17 secretion per Th17 cell"),
    quantity(P + "cd8_tnf", "zmol/h", 0, 0, 1e6,
             "assumed: resting CD8 cells make no TNF that counts; at 0.2 they made a fifth of basal marrow TNF, diluted its OVX rise and made CD8-deficient mice lose less bone (docs/model.md, 'Moving marrow TNF from CD8 to effector CD4 cells')",
             "TNF-alpha secretion per CD8 T cell"),
    quantity(P + "cd8_ifng", "zmol/h", 0.3, 0, 1e6, "assumed: low, resting CD8 cells",
             "IFN-gamma secretion per CD8 T cell"),
    real(P + "estrogen_rankl_weight", 1.5, 0, 100,
         "VALIDATION.md S17 (Eghbali-Fatourechi 2003): lymphocyte RANKL 2-3 fold higher in estrogen deficiency",
         "relative rise of T-cell RANKL at zero estrogen"),
    real(P + "estrogen_ifng_weight", 0.0, 0, 100,
         "seed, 'Cytokines and OC formation': IFN-gamma levels rise in estrogen deficiency (Cenci 2003: from T "
         "cells); 0 in the default set: alone it only adds the precursor block after OVX (docs/model.md)",
         "relative rise of T-cell IFN-gamma at zero estrogen"),
};

enum Out { kOutRankl, kOutMcsf, kOutTnf, kOutIfng, kOutSofat, kOutIl17, kOutCount };
constexpr FieldId kOutField[kOutCount] = {kRankl, kMcsf, kTnf, kIfng, kSofat, kIl17};

class TCellCytokineProfiles final : public Rule {
 public:
  explicit TCellCytokineProfiles(const ResolvedConfig& c)
      : w_r_(c.number(P + "estrogen_rankl_weight")), w_g_(c.number(P + "estrogen_ifng_weight")) {
    auto q = [&](TState s, Out o, const char* key) { q_[code(s)][o] = c.number(P + key); };
    q(TState::Cd4Naive, kOutRankl, "naive_rankl");
    q(TState::Cd4Effector, kOutRankl, "effector_rankl");
    q(TState::Cd4Effector, kOutMcsf, "effector_mcsf");
    q(TState::Cd4Effector, kOutTnf, "effector_tnf");
    q(TState::Cd4Effector, kOutIfng, "effector_ifng");
    q(TState::Cd4Effector, kOutSofat, "effector_sofat");
    q(TState::Th17, kOutRankl, "th17_rankl");
    q(TState::Th17, kOutTnf, "th17_tnf");
    q(TState::Th17, kOutIl17, "th17_il17");
    q(TState::Cd8, kOutTnf, "cd8_tnf");
    q(TState::Cd8, kOutIfng, "cd8_ifng");
  }

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (a.cell_type(i) != CellType::TCell || a.state[i] >= 5) return;
    const double* q = q_[a.state[i]];
    const double rankl_scale = 1.0 + w_r_ * (1.0 - s.host.estrogen);
    const double ifng_scale = 1.0 + w_g_ * (1.0 - s.host.estrogen);
    for (int o = 0; o < kOutCount; ++o) {
      double v = q[o];
      if (v <= 0) continue;
      if (o == kOutRankl && lacks(s, i, kGenoRanklKo)) continue;
      if (o == kOutTnf && lacks(s, i, kGenoTnfKo)) continue;
      if (o == kOutIfng && lacks(s, i, kGenoIfngKo)) continue;
      if (o == kOutRankl) v *= rankl_scale;
      if (o == kOutIfng) v *= ifng_scale;
      a.secretion[kOutField[o]][i] += static_cast<float>(v);
    }
  }

 private:
  double q_[5][kOutCount] = {};
  double w_r_, w_g_;
};

}  // namespace
MARROW_RULE(TCellCytokineProfiles, "t_cell_cytokine_profiles", 40);
}  // namespace marrow::bio
