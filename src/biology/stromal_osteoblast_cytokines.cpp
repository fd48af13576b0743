// Rule stromal_osteoblast_cytokines: marrow stromal cells and osteoblasts produce M-CSF, RANKL and OPG
// (seed, "Cytokines and OC formation": RANKL and M-CSF are made by stromal cells and OBs; OPG, the
// decoy, by stromal cells and OBs). Lining cells retracted at a remodeling site (remodeling_initiation)
// express RANKL strongly. Also places the initial stromal cells.
//   secretion_f(cell) = q_f[type, state]   (zmol/h per cell)
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.stromal_osteoblast_cytokines.";
const SettingRegistrar kSettings{
    real(P + "stromal_density", 0.05, 0, 1, "assumed: stromal/reticular cells ~5% of marrow cells",
         "initial stromal cells per marrow voxel"),
    quantity(P + "stromal_mcsf", "zmol/h", 0.8, 0, 1e6, "assumed; sets marrow M-CSF near its half-saturation",
             "M-CSF secretion per stromal cell"),
    quantity(P + "stromal_rankl", "zmol/h", 0.03, 0, 1e6, "assumed; low basal marrow RANKL",
             "soluble RANKL secretion per stromal cell"),
    quantity(P + "stromal_opg", "zmol/h", 1.0, 0, 1e6, "assumed", "OPG secretion per stromal cell"),
    quantity(P + "osteoblast_mcsf", "zmol/h", 0.8, 0, 1e6, "assumed", "M-CSF secretion per osteoblast"),
    quantity(P + "osteoblast_rankl", "zmol/h", 0.06, 0, 1e6, "assumed", "RANKL secretion per osteoblast"),
    quantity(P + "osteoblast_opg", "zmol/h", 2.0, 0, 1e6, "assumed: OBs are a main OPG source",
             "OPG secretion per active or lining osteoblast"),
    quantity(P + "retracted_rankl", "zmol/h", 30, 0, 1e7,
             "assumed: a retracted lining cell makes RANKL of tens of pM at its surface (VALIDATION.md: 37-110 pM "
             "accumulated by stimulated T cells)",
             "RANKL secretion of a retracted lining cell at a remodeling site"),
};

class StromalOsteoblastCytokines final : public Rule {
 public:
  explicit StromalOsteoblastCytokines(const ResolvedConfig& c)
      : density_(c.number(P + "stromal_density")),
        s_{c.number(P + "stromal_rankl"), c.number(P + "stromal_opg"), c.number(P + "stromal_mcsf")},
        o_{c.number(P + "osteoblast_rankl"), c.number(P + "osteoblast_opg"), c.number(P + "osteoblast_mcsf")},
        retracted_rankl_(c.number(P + "retracted_rankl")) {}

  void initialise(SimState& s, std::uint64_t seed) override {
    if (s.host.culture) return;  // a closed dish: culture_seeding places its cells
    place_randomly(s, seed, CellType::Stromal, 0, static_cast<std::size_t>(density_ * marrow_voxels(s)), 1);
  }

  void decide(TickContext& ctx, std::size_t i) const override {
    AgentStore& a = ctx.state.agents;
    const CellType t = a.cell_type(i);
    const double* q = nullptr;
    if (t == CellType::Stromal) q = s_;
    else if (t == CellType::Osteoblast && a.state[i] != static_cast<std::uint8_t>(ObState::Precursor)) q = o_;
    if (!q) return;
    a.secretion[kRankl][i] += static_cast<float>(q[0]);
    a.secretion[kOpg][i] += static_cast<float>(q[1]);
    a.secretion[kMcsf][i] += static_cast<float>(q[2]);
    if (t == CellType::Osteoblast && a.state[i] == static_cast<std::uint8_t>(ObState::Retracted))
      a.secretion[kRankl][i] += static_cast<float>(retracted_rankl_);
  }

 private:
  double density_;
  double s_[3], o_[3];  // RANKL, OPG, M-CSF
  double retracted_rankl_;
};

}  // namespace
MARROW_RULE(StromalOsteoblastCytokines, "stromal_osteoblast_cytokines", 100);
}  // namespace marrow::bio
