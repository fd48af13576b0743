// Rule b_cell_cd40_opg: resting T cells restrain osteoclast formation through OPG (seed, "Estrogen loss and
// immune system": T-cell-depleted mice form more OCs because OPG production falls; T-cell-deficient mice
// have more OCs and less bone). The OPG comes mostly from B-lineage cells, stimulated by CD40 ligand on
// resting CD4 T cells in contact (Li 2007, VALIDATION.md: B-lineage cells make about two thirds of marrow
// OPG; S16). Resting B cells secrete
//   OPG = q_0 + q_CD40 * min(n, n_max),   n = n_CD4 + w_CD8 n_CD8 resting T cells in contact (membrane CD40L
//   acts by contact; Grcevic 2000 in the seed: CD4- and CD8-depleted mice both lose OPG)
// Precursors and TLR-activated B cells make none.
#include <algorithm>

#include "immune_b_support.hpp"
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.b_cell_cd40_opg.";
const SettingRegistrar kSettings{
    quantity(P + "basal_opg", "zmol/h", 2.0, 0, 1e6,
             "assumed: with the CD40 boost, B cells make about two thirds of marrow OPG (Li 2007) at sparse T-cell "
             "contact; without T cells B-cell OPG falls by about half",
             "OPG secretion of a resting B cell without T-cell contact, q_0"),
    quantity(P + "cd40_opg", "zmol/h", 20, 0, 1e6,
             "assumed: CD40L-CD40 co-stimulation is the main drive of B-cell OPG (Li 2007); large per contact "
             "because contacts are rare",
             "extra OPG secretion per resting CD4 T cell in contact, q_CD40"),
    integer(P + "max_contacts", 2, 0, 26, "assumed: a B cell engages few T cells at a time",
            "most T-cell contacts that add OPG, n_max"),
    real(P + "cd8_weight", 0.0, 0, 1,
         "Grcevic 2000 (seed): CD4- and CD8-depleted mice both form more OCs because OPG production falls",
         "weight of a resting (non-regulatory) CD8 T cell in contact, relative to a naive CD4 cell, w_CD8"),
};

class BCellCd40Opg final : public Rule {
 public:
  explicit BCellCd40Opg(const ResolvedConfig& c)
      : q0_(c.number(P + "basal_opg")),
        q40_(c.number(P + "cd40_opg")),
        n_max_(static_cast<int>(c.integer(P + "max_contacts"))),
        w8_(c.number(P + "cd8_weight")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    AgentStore& a = ctx.state.agents;
    if (!immune_b::is_b(a, i, BState::Resting)) return;
    double n = 0;
    for_each_contact(s, i, [&](std::size_t j) {
      if (is_tcell(a, j, TState::Cd4Naive)) n += 1;
      else if (is_tcell(a, j, TState::Cd8)) n += w8_;
    });
    a.secretion[kOpg][i] += static_cast<float>(q0_ + q40_ * std::min(n, static_cast<double>(n_max_)));
  }

 private:
  double q0_, q40_;
  int n_max_;
  double w8_;
};

}  // namespace
MARROW_RULE(BCellCd40Opg, "b_cell_cd40_opg", 225);
}  // namespace marrow::bio
