#pragma once
// Points in the unit cube for sweeps over ranges: Latin hypercube (stratified, deterministic from a
// seed through the Philox streams of rng.hpp) and the Sobol low-discrepancy sequence (GSL's
// gsl_qrng_sobol, at most 40 dimensions). Each returns `points` rows of `dims` values in [0, 1).
#include <cstdint>
#include <vector>

namespace marrow::hpc {

std::vector<std::vector<double>> latin_hypercube(int points, int dims, std::uint64_t seed);
std::vector<std::vector<double>> sobol(int points, int dims);  // throws std::invalid_argument for dims > 40

}  // namespace marrow::hpc
