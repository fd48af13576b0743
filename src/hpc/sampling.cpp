// Unit-cube designs for sweeps (sampling.hpp).
#include "sampling.hpp"

#include <gsl/gsl_qrng.h>

#include <numeric>
#include <stdexcept>
#include <string>

#include "marrow/rng.hpp"

namespace marrow::hpc {

namespace {
// A stream id of its own, outside the simulation's (rng.hpp), for the design of a sweep.
constexpr auto kSweepStream = static_cast<Stream>(0x5357);
}  // namespace

std::vector<std::vector<double>> latin_hypercube(int points, int dims, std::uint64_t seed) {
  std::vector<std::vector<double>> x(static_cast<std::size_t>(points),
                                     std::vector<double>(static_cast<std::size_t>(dims)));
  for (int d = 0; d < dims; ++d) {
    RandomStream rng(seed, kSweepStream, std::uint64_t(d), 0);
    std::vector<int> stratum(static_cast<std::size_t>(points));
    std::iota(stratum.begin(), stratum.end(), 0);
    for (int i = points - 1; i > 0; --i) std::swap(stratum[std::size_t(i)], stratum[std::size_t(rng.below(i + 1))]);
    for (int i = 0; i < points; ++i)
      x[std::size_t(i)][std::size_t(d)] = (stratum[std::size_t(i)] + rng.uniform()) / points;
  }
  return x;
}

std::vector<std::vector<double>> sobol(int points, int dims) {
  if (dims < 1 || dims > 40)
    throw std::invalid_argument("a Sobol design has 1 to 40 parameters, not " + std::to_string(dims));
  gsl_qrng* q = gsl_qrng_alloc(gsl_qrng_sobol, unsigned(dims));
  if (!q) throw std::runtime_error("cannot allocate a Sobol generator");
  std::vector<std::vector<double>> x(static_cast<std::size_t>(points),
                                     std::vector<double>(static_cast<std::size_t>(dims)));
  for (auto& row : x) gsl_qrng_get(q, row.data());
  gsl_qrng_free(q);
  return x;
}

}  // namespace marrow::hpc
