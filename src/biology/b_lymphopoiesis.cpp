// Rule b_lymphopoiesis: the B-cell compartment of the marrow. B-lineage cells are a large share of marrow
// lymphocytes (VALIDATION.md: T cells are only about a fifth of them). New B220+IgM- precursors arise in the
// marrow; estrogen withdrawal expands this B220+IgM- population (seed, "OC modulates T cell activity", last
// paragraph: in ovariectomised mice the B220+IgM- cells expand and can become OCs), and IL-7 raises B-cell
// numbers (seed, "Cytokines and OC formation": IL-7 enhances B and T cell number). Precursors mature into
// resting B cells; all B cells die (or leave) at constant rates.
//   entry of precursors (Poisson per tick over the marrow volume V):
//     mean = r_B V dt (1 + w_E (1 - E)) (1 + g_7 IL7/(IL7 + K_7))
//   precursor -> resting at k_mat;  death at d_pre (precursors), d_rest (resting), d_act (TLR-activated)
// Also places the initial resting B cells and precursors. In culture (mode: culture) nothing is placed and
// nothing enters. IL-7 is read as receptors sense it (signal_at: anti-IL-7 clears the field).
#include "immune_b_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.b_lymphopoiesis.";
const SettingRegistrar kSettings{
    real(P + "initial_resting_density", 0.02, 0, 1,
         "assumed: B-lineage cells are a large share of marrow lymphocytes (VALIDATION.md: T cells ~22%); kept "
         "sparse on the lattice like the other marrow cells",
         "initial resting B cells per marrow voxel"),
    real(P + "initial_precursor_density", 0.01, 0, 1, "assumed: B220+IgM- precursors about a third of B-lineage cells",
         "initial B220+IgM- precursors per marrow voxel"),
    quantity(P + "rate", "1/(mm^3*day)", 3000, 0, 1e9,
             "assumed: holds the initial precursor density at steady state (rate = density x (maturation + death))",
             "B220+IgM- precursors arising per marrow volume and time (estrogen replete, no IL-7 signal)"),
    real(P + "estrogen_weight", 1.0, 0, 100,
         "assumed: B220+IgM- cells about double after ovariectomy (order of the expansion in seed refs 68-70, "
         "Masuzawa 1994; Miyaura 1997)",
         "relative rise of precursor entry at zero estrogen, w_E"),
    real(P + "il7_gain", 2.0, 0, 100, "assumed: IL-7 expands B lymphopoiesis a few-fold (seed ref. 40-41)",
         "relative rise of precursor entry at saturating IL-7, g_7"),
    quantity(P + "k_il7", "pM", 10, 1e-6, 1e6, "assumed: IL-7 receptor half-occupancy in the tens of pM",
             "IL-7 half-saturation of B lymphopoiesis"),
    quantity(P + "maturation", "1/day", 0.2, 0, 100,
             "assumed: B220+IgM- cells become IgM+ within days (pro/pre-B stages last days)",
             "precursor -> resting B-cell maturation rate"),
    quantity(P + "precursor_death", "1/day", 0.1, 0, 100, "assumed", "B220+IgM- precursor death rate"),
    quantity(P + "resting_death", "1/day", 0.1, 0, 100,
             "assumed: mature B cells leave or die within weeks", "resting B-cell death (or exit) rate"),
    quantity(P + "activated_death", "1/day", 0.3, 0, 100,
             "assumed: activated B cells are short-lived (days)", "TLR-activated B-cell death rate"),
};

class BLymphopoiesis final : public Rule {
 public:
  explicit BLymphopoiesis(const ResolvedConfig& c)
      : rest_density_(c.number(P + "initial_resting_density")),
        pre_density_(c.number(P + "initial_precursor_density")),
        rate_(c.number(P + "rate")),
        w_e_(c.number(P + "estrogen_weight")),
        g7_(c.number(P + "il7_gain")),
        k7_(c.number(P + "k_il7")),
        mat_(c.number(P + "maturation")),
        d_pre_(c.number(P + "precursor_death")),
        d_rest_(c.number(P + "resting_death")),
        d_act_(c.number(P + "activated_death")) {}

  void initialise(SimState& s, std::uint64_t seed) override {
    if (s.host.culture) return;
    const double m = static_cast<double>(marrow_voxels(s));
    place_randomly(s, seed, CellType::BCell, static_cast<std::uint8_t>(BState::Resting),
                   static_cast<std::size_t>(rest_density_ * m), 210);
    place_randomly(s, seed, CellType::BCell, static_cast<std::uint8_t>(BState::Precursor),
                   static_cast<std::size_t>(pre_density_ * m), 211);
    immune_b::mark_lineage(s, CellType::BCell, -1, kLineageBCell);
  }

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    if (a.cell_type(i) != CellType::BCell) return;
    const auto st = static_cast<BState>(a.state[i]);
    const double d = st == BState::Precursor ? d_pre_ : st == BState::Resting ? d_rest_ : d_act_;
    RandomStream r = ctx.stream(Stream::BCellLife, a.id[i]);
    Intent& in = ctx.intents[i];
    if (r.event(per_tick(d, ctx.dt_h))) {
      in.die = 1;
      return;
    }
    if (st == BState::Precursor && r.event(per_tick(mat_, ctx.dt_h)))
      become(in, CellType::BCell, static_cast<std::uint8_t>(BState::Resting));
  }

  void resolve(TickContext& ctx) override {
    SimState& s = ctx.state;
    if (s.host.culture || rate_ <= 0) return;
    const double il7 = immune_b::mean_marrow_occupancy(s, kIl7, k7_);  // where precursors arise: anywhere
    const double mean = rate_ * marrow_mm3(s) * ctx.dt_h / 24.0 *
                        (1.0 + w_e_ * (1.0 - s.host.estrogen)) * (1.0 + g7_ * il7);
    RandomStream r = ctx.stream(Stream::BCellLife, 0);  // agent ids start at 1: entity 0 is this rule's
    const long n = r.poisson(mean);
    for (long k = 0; k < n; ++k) {
      const std::int64_t i = add_at_random_free_voxel(s, r, CellType::BCell,
                                                                static_cast<std::uint8_t>(BState::Precursor), ctx.tick);
      if (i >= 0) s.agents.lineage[static_cast<std::size_t>(i)] = kLineageBCell;
    }
  }

 private:
  double rest_density_, pre_density_, rate_, w_e_, g7_, k7_, mat_, d_pre_, d_rest_, d_act_;
};

}  // namespace
MARROW_RULE(BLymphopoiesis, "b_lymphopoiesis", 210);
}  // namespace marrow::bio
