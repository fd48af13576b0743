// The top-level settings every experiment has (name, description, seed, replicates, duration,
// species). Everything else (grid.*, rules.*, host.*, output.*) is declared by the module using it.
#include <limits>

#include "config_detail.hpp"
#include "marrow/settings.hpp"

namespace marrow {
namespace {

SettingSpec duration_spec() {
  SettingSpec s = quantity("duration", "day", 30.0, 0.0, 1e300, "assumed", "simulated time span");
  s.min_exclusive = true;
  return s;
}

const SettingRegistrar experiment_settings{
    text("name", "experiment", "experiment name, recorded in every output file"),
    text("description", "", "free text describing the experiment"),
    integer("seed", 1, 0, std::numeric_limits<long>::max(), "assumed",
            "base seed of the counter-based random streams"),
    integer("replicates", 1, 1, 10000, "assumed", "independent runs per arm, seeds derived from `seed`"),
    duration_spec(),
    choice("species", "mouse", {"mouse", "human"}, "assumed", "selects the species-specific defaults"),
};

}  // namespace

void config_detail::link_experiment_settings() {}

}  // namespace marrow
