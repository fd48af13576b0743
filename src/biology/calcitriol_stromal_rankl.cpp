// Rule calcitriol_stromal_rankl: 1,25-dihydroxyvitamin D3 (calcitriol) added to a marrow culture makes
// the stromal and osteoblastic cells support osteoclast formation: they express more RANKL and less OPG
// (Yasuda 1998; Horwood 1998; Suda 1999). It is the stimulus of the seed's T-cell-depleted marrow
// cultures (Grcevic 2000 in the seed, "Estrogen loss and immune system": "CD4+ and CD8+ T cell-depleted
// mice have an increased OC formation rate since OPG production is suppressed"; the paper's cultures
// were calcitriol-stimulated) and of the classical mouse marrow osteoclast assay (Takahashi 1988). It
// scales what stromal cells and osteoblasts secrete this tick:
//   RANKL *= 1 + g_R f_D,   OPG /= 1 + g_O f_D,   f_D = D / (D + K_D)
// with D the calcitriol held in the medium (culture.added.calcitriol). Only in culture: in vivo the
// hormone's systemic actions (calcium absorption, PTH) are outside the model.
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.calcitriol_stromal_rankl.";
const SettingRegistrar kSettings{
    real(P + "rankl_gain", 10, 0, 1e4,
         "assumed: about an order of magnitude; direction from Yasuda 1998 and Horwood 1998 (RANKL mRNA rises "
         "in mouse stromal and osteoblastic cells given 1,25-dihydroxyvitamin D3)",
         "relative rise of stromal and OB RANKL at saturating calcitriol, g_R"),
    real(P + "opg_fall", 1, 0, 1e4,
         "assumed: OPG halved; direction from Horwood 1998 (OPG mRNA falls in stromal cells given "
         "1,25-dihydroxyvitamin D3)",
         "relative fall of stromal and OB OPG at saturating calcitriol, g_O"),
    quantity(P + "k_calcitriol", "nM", 0.5, 1e-6, 1e6,
             "assumed: the vitamin D receptor binds calcitriol at sub-nanomolar levels, so the usual 10 nM dose "
             "saturates",
             "calcitriol at half the response, K_D"),
};

class CalcitriolStromalRankl final : public Rule {
 public:
  explicit CalcitriolStromalRankl(const ResolvedConfig& c)
      : g_r_(c.number(P + "rankl_gain")), g_o_(c.number(P + "opg_fall")) {
    const double dose = c.text("mode") == "culture" ? c.number("culture.added.calcitriol") : 0.0;
    f_ = occupancy(dose, c.number(P + "k_calcitriol"));
  }

  void decide(TickContext& ctx, std::size_t i) const override {
    if (f_ <= 0) return;
    AgentStore& a = ctx.state.agents;
    const CellType t = a.cell_type(i);
    if (t != CellType::Stromal && t != CellType::Osteoblast) return;
    a.secretion[kRankl][i] *= static_cast<float>(1.0 + g_r_ * f_);
    a.secretion[kOpg][i] /= static_cast<float>(1.0 + g_o_ * f_);
  }

 private:
  double g_r_, g_o_;
  double f_ = 0;  // f_D: the dose is held constant, so the occupancy is fixed for the run
};

}  // namespace
MARROW_RULE(CalcitriolStromalRankl, "calcitriol_stromal_rankl", 152);
}  // namespace marrow::bio
