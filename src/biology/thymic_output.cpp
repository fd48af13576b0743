// Rule thymic_output: the marrow's T cells and their renewal. The marrow holds resident T cells (about a
// fifth of its lymphocytes, VALIDATION.md) and receives naive T cells continuously: recent thymic
// emigrants plus cells recirculating from the periphery. Estrogen withdrawal acts on T cells through the
// thymus as well as the marrow (seed, "Estrogen loss and immune system": the TNF rise after
// estrogen loss involves a pathway through the thymus and bone marrow), modelled as a larger thymic
// output at low estrogen:
//   initial T cells = rho_0 x V_marrow (a fraction f_CD4 naive CD4, the rest CD8)
//   entries per tick ~ Poisson(r x V_marrow x dt x [(1 - f_thy) + f_thy (1 + w L) (1 - thymectomy)])
// with L = 1 - E as T cells see it (host.t_cell_estrogen_loss: less under IL-7 blockade, rule
// il7_mediated_t_cell_estrogen).
// each a naive CD4 (probability f_CD4) or CD8 cell at a random free marrow voxel, divisions = 0.
// Nude (athymic) hosts have no T cells and no entry; CD8-deficient hosts no CD8 cells; in culture no
// cells are placed or enter (the culture seeding rule places the dish's cells).
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.thymic_output.";
const SettingRegistrar kSettings{
    real(P + "initial_density", 0.03, 0, 1,
         "VALIDATION.md: T cells ~22% of marrow lymphocytes; assumed lymphocytes ~15% of marrow cells, so ~3%",
         "initial T cells per marrow voxel"),
    real(P + "cd4_fraction", 0.67, 0, 1, "assumed: CD4:CD8 about 2:1 among marrow and blood T cells",
         "share of CD4 cells among initial and entering T cells"),
    quantity(P + "entry_rate", "1/(mm^3*day)", 1500, 0, 1e9,
             "assumed: replaces the initial density (0.03 per 1000 um^3 voxel) at the naive loss rate of "
             "t_cell_lifespan (0.05/day)",
             "naive T cells entering the marrow per volume and time (thymic output plus recirculation)"),
    real(P + "thymic_share", 0.3, 0, 1, "assumed: recent thymic emigrants are a minority of the entering cells",
         "share of the entry that is fresh thymic output"),
    real(P + "estrogen_weight", 1.0, 0, 100,
         "D'Amelio 2011, 'Estrogen loss and immune system' (thymic route); assumed: thymic output doubles at E = 0",
         "relative rise of thymic output at zero estrogen"),
};

class ThymicOutput final : public Rule {
 public:
  explicit ThymicOutput(const ResolvedConfig& c)
      : density_(c.number(P + "initial_density")),
        f_cd4_(c.number(P + "cd4_fraction")),
        rate_(c.number(P + "entry_rate")),
        f_thy_(c.number(P + "thymic_share")),
        w_(c.number(P + "estrogen_weight")) {}

  void initialise(SimState& s, std::uint64_t seed) override {
    if (s.host.culture || s.host.has(kHostNude)) return;
    const auto total = static_cast<std::size_t>(density_ * marrow_voxels(s));
    const auto cd4 = static_cast<std::size_t>(std::lround(f_cd4_ * total));
    place_randomly(s, seed, CellType::TCell, code(TState::Cd4Naive), cd4, 2001);
    if (!s.host.has(kHostCd8Deficient))
      place_randomly(s, seed, CellType::TCell, code(TState::Cd8), total - cd4, 2002);
  }

  void resolve(TickContext& ctx) override {
    SimState& s = ctx.state;
    const HostState& h = s.host;
    if (h.culture || h.has(kHostNude)) return;
    const GridSpec& g = s.grid;
    const double thymic = f_thy_ * (1.0 + w_ * h.t_cell_estrogen_loss) * (1.0 - h.dose(kTreatThymectomy));
    const double mean = rate_ * marrow_voxels(s) * g.voxel_volume_um3() * 1e-9 * ctx.dt_h / 24.0 *
                        ((1.0 - f_thy_) + thymic);
    RandomStream r = ctx.stream(Stream::TCellLife, 0);
    const long n = r.poisson(mean);
    for (long k = 0; k < n; ++k) {
      const bool cd4 = r.uniform() < f_cd4_;
      if (!cd4 && h.has(kHostCd8Deficient)) continue;
      add_at_random_free_voxel(s, r, CellType::TCell, code(cd4 ? TState::Cd4Naive : TState::Cd8), ctx.tick);
    }
  }

 private:
  double density_, f_cd4_, rate_, f_thy_, w_;
};

}  // namespace
MARROW_RULE(ThymicOutput, "thymic_output", 20);
}  // namespace marrow::bio
