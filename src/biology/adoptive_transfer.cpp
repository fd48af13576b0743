// Rule adoptive_transfer: T cells of a given donor genotype injected on a given day
// (treatments.adoptive_transfer: dose = cells per mm^3 of marrow, start = the day,
// genotype = the donor's). The seed's reconstitution experiments (nude mice given wild-type or TNF-/-
// T cells before ovariectomy; D'Amelio et al. 2011, "Estrogen loss and immune system", after Roggia
// 2001 and Cenci 2000) need transferred cells to keep their donor's genotype inside the host: their
// genotype column is set here and not from the host's. Experiment setting, not a mechanism.
//   N = round(dose x V_marrow) naive T cells, CD4:CD8 = (1 - s8):s8, at random free marrow voxels
// The transferred cells then recirculate as the host's own do (thymic_output): the marrow loses them
// at t_cell_lifespan's naive rate, which includes exit, and the periphery sends them back. In a
// T-cell-deficient host the transferred pool keeps its size by homeostatic, IL-7-driven expansion
// (Goldrath and Bevan 1999; Tan et al. 2001), so from the start day donor cells enter at
//   Poisson(r (1 - f_thy) V_marrow dt x dose / rho_0)   per tick
// with r, f_thy and rho_0 the entry rate, thymic share and initial density of thymic_output: the
// recirculating part of a normal host's entry, scaled by the transferred density. (Before this, the
// marrow's transferred cells died out within weeks in nude hosts: S07.)
#include <cmath>

#include "rule_support.hpp"
#include "marrow/host_settings.hpp"

namespace marrow::bio {
namespace {

const SettingRegistrar kSettings{
    real("treatments.adoptive_transfer.cd8_share", 0.33, 0, 1, "splenic T cells, CD4:CD8 about 2:1",
         "share of transferred T cells that are CD8"),
};

class AdoptiveTransfer final : public Rule {
 public:
  explicit AdoptiveTransfer(const ResolvedConfig& c)
      : plan_(host_plan_from_config(c)),
        cd8_(c.number("treatments.adoptive_transfer.cd8_share")),
        recirculation_(c.number("rules.thymic_output.entry_rate") *
                       (1.0 - c.number("rules.thymic_output.thymic_share"))),
        rho0_per_voxel_(c.number("rules.thymic_output.initial_density")) {}

  void resolve(TickContext& ctx) override {
    const TreatmentCourse& course = plan_.courses[kTreatAdoptiveTransfer];
    if (course.dose <= 0 || ctx.state.host.culture) return;
    // The injection tick is the first that begins at or after the start day; re-entry follows it.
    const auto start_tick = static_cast<std::int64_t>(std::ceil(course.start_day * 24.0 / ctx.dt_h - 1e-9));
    if (ctx.tick < start_tick) return;
    SimState& s = ctx.state;
    if (ctx.tick == start_tick) {
      RandomStream r = ctx.stream(Stream::Transfer, 0);
      place(s, r, std::llround(course.dose * marrow_mm3(s)), ctx.tick);
      return;
    }
    if (recirculation_ <= 0 || rho0_per_voxel_ <= 0) return;
    const double rho0_per_mm3 = rho0_per_voxel_ / (s.grid.voxel_volume_um3() * 1e-9);
    const double mean = recirculation_ * marrow_mm3(s) * ctx.dt_h / 24.0 * course.dose / rho0_per_mm3;
    RandomStream r = ctx.stream(Stream::Transfer, 1);
    place(s, r, r.poisson(mean), ctx.tick);
  }

 private:
  void place(SimState& s, RandomStream& r, long long n, std::int64_t tick) const {
    for (long long k = 0; k < n; ++k) {
      const auto state = static_cast<std::uint8_t>(r.uniform() < cd8_ ? TState::Cd8 : TState::Cd4Naive);
      const std::int64_t i = add_at_random_free_voxel(s, r, CellType::TCell, state, tick);
      if (i >= 0) s.agents.genotype[static_cast<std::size_t>(i)] = plan_.transfer_genotype;
    }
  }

  HostPlan plan_;
  double cd8_;
  double recirculation_;   // entries per mm^3 per day at the normal density (thymic_output's recirculating part)
  double rho0_per_voxel_;  // the normal density, T cells per marrow voxel
};

}  // namespace
MARROW_RULE(AdoptiveTransfer, "adoptive_transfer", 5);
}  // namespace marrow::bio
