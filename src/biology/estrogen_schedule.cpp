// Rule estrogen_schedule: the host's estrogen level E(t). Sham keeps it replete; ovariectomy makes it
// fall to a deficient level within days of the operation (seed: "Estrogen deprivation induces bone
// loss"); natural menopause is a sigmoid decline over years; estrogen add-back (treatments.estrogen)
// restores it to at least the dosed level while given.
//   sham:      E = 1
//   ovx:       E = E_low + (1 - E_low) exp(-(t - t_ovx)/tau)        for t >= t_ovx, else 1
//   menopause: E = E_low + (1 - E_low) / (1 + exp((t - t_m)/w))
//   add-back:  E = max(E, dose)
#include <algorithm>
#include <cmath>

#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const SettingRegistrar kSettings{
    choice("host.estrogen.schedule", "sham", {"sham", "ovx", "menopause"}, "experiment setting",
           "estrogen schedule"),
    quantity("host.estrogen.ovx_day", "day", 0, 0, 1e5, "experiment setting", "day of ovariectomy"),
    real("host.estrogen.deficient_level", 0.1, 0, 1, "assumed: residual extra-ovarian estrogen",
         "estrogen level long after ovariectomy, relative to replete"),
    quantity("host.estrogen.decline_time", "day", 2, 0.01, 365,
             "assumed: serum estradiol and uterine weight fall within days of OVX in mice", "time constant of the fall"),
    quantity("host.estrogen.menopause_day", "day", 0, 0, 1e5, "experiment setting",
             "natural menopause: day of the midpoint of the decline"),
    quantity("host.estrogen.menopause_width", "day", 180, 1, 1e4,
             "assumed: estradiol falls over the 1-2 years around the final menstrual period (Randolph 2011)",
             "natural menopause: width w of the sigmoid decline"),
};

class EstrogenSchedule final : public Rule {
 public:
  explicit EstrogenSchedule(const ResolvedConfig& c)
      : schedule_(c.text("host.estrogen.schedule")),
        day_(c.number("host.estrogen.ovx_day")),
        low_(c.number("host.estrogen.deficient_level")),
        tau_(c.number("host.estrogen.decline_time")),
        mid_(c.number("host.estrogen.menopause_day")),
        width_(c.number("host.estrogen.menopause_width")) {}

  void host(TickContext& ctx) override {
    const double t = ctx.tick * ctx.dt_h / 24.0;
    double e = 1.0;
    if (schedule_ == "ovx" && t >= day_) e = low_ + (1.0 - low_) * std::exp(-(t - day_) / tau_);
    if (schedule_ == "menopause") e = low_ + (1.0 - low_) / (1.0 + std::exp((t - mid_) / width_));
    ctx.state.host.estrogen = std::max(e, ctx.state.host.dose(kTreatEstrogen));
    ctx.state.host.t_cell_estrogen_loss = 1.0 - ctx.state.host.estrogen;  // il7_mediated_t_cell_estrogen may scale it
  }

 private:
  std::string schedule_;
  double day_, low_, tau_, mid_, width_;
};

}  // namespace
MARROW_RULE(EstrogenSchedule, "estrogen_schedule", 0);
}  // namespace marrow::bio
