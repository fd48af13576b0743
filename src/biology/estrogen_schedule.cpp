// Rule estrogen_schedule: the host's estrogen level E(t). Sham keeps it replete; ovariectomy makes it
// fall to a deficient level within days of the operation (seed: "Estrogen deprivation induces bone loss").
//   E(t) = 1                                        for t < t_ovx or schedule = sham
//   E(t) = E_low + (1 - E_low) exp(-(t - t_ovx)/tau) for t >= t_ovx
#include <cmath>

#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const SettingRegistrar kSettings{
    choice("host.estrogen.schedule", "sham", {"sham", "ovx"}, "experiment setting", "estrogen schedule"),
    quantity("host.estrogen.ovx_day", "day", 0, 0, 1e5, "experiment setting", "day of ovariectomy"),
    real("host.estrogen.deficient_level", 0.1, 0, 1, "assumed: residual extra-ovarian estrogen",
         "estrogen level long after ovariectomy, relative to replete"),
    quantity("host.estrogen.decline_time", "day", 2, 0.01, 365,
             "assumed: serum estradiol and uterine weight fall within days of OVX in mice", "time constant of the fall"),
};

class EstrogenSchedule final : public Rule {
 public:
  explicit EstrogenSchedule(const ResolvedConfig& c)
      : ovx_(c.text("host.estrogen.schedule") == "ovx"),
        day_(c.number("host.estrogen.ovx_day")),
        low_(c.number("host.estrogen.deficient_level")),
        tau_(c.number("host.estrogen.decline_time")) {}

  void host(TickContext& ctx) override {
    const double t = ctx.tick * ctx.dt_h / 24.0;
    ctx.state.host.estrogen = (!ovx_ || t < day_) ? 1.0 : low_ + (1.0 - low_) * std::exp(-(t - day_) / tau_);
  }

 private:
  bool ovx_;
  double day_, low_, tau_;
};

}  // namespace
MARROW_RULE(EstrogenSchedule, "estrogen_schedule", 0);
}  // namespace marrow::bio
