// Rule ciita_mhc2_expression: antigen presentation by macrophages and dendritic cells rises when
// estrogen is withdrawn (seed, "Estrogen loss and immune system": ovariectomy raises the expression of
// CIITA, the transactivator of the MHC-II promoter, and so MHC-II on macrophages, promoting T-cell
// activation in the marrow), and IFN-gamma drives antigen presentation ("Cytokines and OC formation":
// IFN-g induces antigen presentation and thus T-cell activation). Ovariectomy raises CIITA through
// IFN-gamma (Cenci et al. 2003: the rise needs IFN-g and its receptor; Gao et al. 2007: IFN-gR-/- mice
// are spared OVX bone loss), so estrogen acts here only through the IFN-gamma field. For DCs and
// monocytes/macrophages:
//   mhc2 = 1 + w_g IFNg/(IFNg + K_g)        (mhc2 = 1 without IFN-g receptor)
// Written in the host phase (serial, before decide) because t_cell_antigen_activation reads the mhc2
// of the presenting neighbours in decide: writing it there would race with those reads. The IFN-gamma
// seen is the field solved at the end of the previous tick, as in decide.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.ciita_mhc2_expression.";
const SettingRegistrar kSettings{
    real(P + "ifng_weight", 2.0, 0, 100, "assumed: IFN-g is a strong inducer of MHC-II (several-fold)",
         "relative rise of MHC-II at saturating IFN-gamma"),
    quantity(P + "k_ifng", "pM", 10, 1e-6, 1e6, "assumed: IFN-g acts at pM to tens of pM",
             "IFN-gamma half-saturation of MHC-II induction"),
};

class CiitaMhc2Expression final : public Rule {
 public:
  explicit CiitaMhc2Expression(const ResolvedConfig& c)
      : w_g_(c.number(P + "ifng_weight")), k_g_(c.number(P + "k_ifng")) {}

  void host(TickContext& ctx) override {
    SimState& s = ctx.state;
    AgentStore& a = s.agents;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const CellType t = a.cell_type(i);
      if (t != CellType::Dendritic && t != CellType::Monocyte) continue;
      const double g = lacks(s, i, kGenoIfngrKo) ? 0.0 : w_g_ * occupancy(signal_at(s, kIfng, i), k_g_);
      a.mhc2[i] = static_cast<float>(1.0 + g);
    }
  }

 private:
  double w_g_, k_g_;
};

}  // namespace
MARROW_RULE(CiitaMhc2Expression, "ciita_mhc2_expression", 25);
}  // namespace marrow::bio
