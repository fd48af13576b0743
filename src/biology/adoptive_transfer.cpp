// Rule adoptive_transfer: T cells of a given donor genotype injected on a given day
// (treatments.adoptive_transfer: dose = cells per mm^3 of marrow, start = the day,
// genotype = the donor's). The seed's reconstitution experiments (nude mice given wild-type or TNF-/-
// T cells before ovariectomy; D'Amelio et al. 2011, "Estrogen loss and immune system", after Roggia
// 2001 and Cenci 2000) need transferred cells to keep their donor's genotype inside the host: their
// genotype column is set here and not from the host's. Experiment setting, not a mechanism.
//   N = round(dose x V_marrow) naive T cells, CD4:CD8 = (1 - s8):s8, at random free marrow voxels
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
      : plan_(host_plan_from_config(c)), cd8_(c.number("treatments.adoptive_transfer.cd8_share")) {}

  void resolve(TickContext& ctx) override {
    const TreatmentCourse& course = plan_.courses[kTreatAdoptiveTransfer];
    if (course.dose <= 0 || ctx.state.host.culture) return;
    // The tick that contains the start day (one injection).
    const auto start_tick = static_cast<std::int64_t>(std::ceil(course.start_day * 24.0 / ctx.dt_h - 1e-9));
    if (ctx.tick != start_tick) return;
    SimState& s = ctx.state;
    const auto n = std::llround(course.dose * marrow_mm3(s));
    RandomStream r = ctx.stream(Stream::Transfer, 0);
    for (long long k = 0; k < n; ++k) {
      const auto state = static_cast<std::uint8_t>(r.uniform() < cd8_ ? TState::Cd8 : TState::Cd4Naive);
      const std::int64_t i = add_at_random_free_voxel(s, r, CellType::TCell, state, ctx.tick);
      if (i >= 0) s.agents.genotype[static_cast<std::size_t>(i)] = plan_.transfer_genotype;
    }
  }

 private:
  HostPlan plan_;
  double cd8_;
};

}  // namespace
MARROW_RULE(AdoptiveTransfer, "adoptive_transfer", 5);
}  // namespace marrow::bio
