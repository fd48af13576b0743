// Option values shared by `run` and `sweep`: threads from Slurm, checkpoint intervals with units.
#include <cstdlib>
#include <stdexcept>

#include "commands.hpp"
#include "marrow/config.hpp"

namespace marrow::app {

int threads_per_run(int requested) {
  if (requested > 0) return requested;
  if (const char* s = std::getenv("SLURM_CPUS_PER_TASK")) {
    const int n = std::atoi(s);
    if (n > 0) return n;
  }
  return 0;
}

double interval_days(const std::string& text, const std::string& option) {
  double days = 0;
  try {
    days = convert_quantity(text, "day");
  } catch (const std::exception& e) {
    throw UsageError(option + ": " + e.what() + " (write e.g. 7d, 12 h)");
  }
  if (!(days > 0)) throw UsageError(option + ": the interval must be positive, found '" + text + "'");
  return days;
}

}  // namespace marrow::app
