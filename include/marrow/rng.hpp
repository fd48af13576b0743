#pragma once
// Counter-based random streams (Random123 Philox4x32-10). A draw is a pure function of
// (run seed, stream id, agent or voxel id, tick, draw index): results do not depend on which thread
// evaluates an agent, or on how many threads there are, and need no state in checkpoints.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace marrow {

// Every stream id, in one place, so that two rules never share draws.
enum class Stream : std::uint32_t {
  Geometry = 1,
  Placement = 2,      // initial agent positions
  Recruitment = 3,    // circulating monocytes entering the marrow
  Motility = 4,
  Osteoclastogenesis = 5,
  Fusion = 6,
  OsteoclastLife = 7,
  Osteoblast = 8,
  Initiation = 9,
  MonocyteLife = 10,
  Stromal = 11,
  // Immune system (issue 3): one stream per kind of decision so that adding a rule changes no other draw.
  TCellLife = 12,        // T-cell entry, apoptosis, proliferation
  TCellActivation = 13,  // activation, Th17 and Treg differentiation
  BCellLife = 14,
  BCellActivation = 15,
  DendriticLife = 16,
  DendriticOsteoclastogenesis = 17,
  MonocyteSubset = 18,   // CD16+ subset
  Transfer = 19,         // adoptive transfer placement
  Culture = 20,          // culture-dish seeding
  ImmuneMisc1 = 21, ImmuneMisc2 = 22, ImmuneMisc3 = 23, ImmuneMisc4 = 24,
};

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, Stream stream, std::uint64_t entity, std::int64_t tick)
      : key_{{static_cast<std::uint32_t>(seed),
              static_cast<std::uint32_t>(seed >> 32) ^ (static_cast<std::uint32_t>(stream) * 0x9E3779B9u)}},
        ctr_{{static_cast<std::uint32_t>(entity), static_cast<std::uint32_t>(entity >> 32),
              static_cast<std::uint32_t>(tick), 0u}} {}

  // Uniform double in [0, 1) with 53 random bits.
  double uniform() {
    if (used_ >= 2) refill();
    const std::uint64_t hi = buf_.v[2 * used_], lo = buf_.v[2 * used_ + 1];
    ++used_;
    return static_cast<double>(((hi << 32) | lo) >> 11) * 0x1.0p-53;
  }
  // True with probability 1 - exp(-rate * dt): an event of constant rate within one tick.
  bool event(double rate_times_dt) { return rate_times_dt > 0.0 && uniform() < -std::expm1(-rate_times_dt); }
  int below(int n) { return static_cast<int>(uniform() * n); }
  // Poisson variate (Knuth for small means, normal approximation above 50).
  long poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 50) {
      const double u1 = uniform() + 1e-300, u2 = uniform();
      const double z = std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
      const long k = std::lround(mean + std::sqrt(mean) * z);
      return k < 0 ? 0 : k;
    }
    const double limit = std::exp(-mean);
    long k = 0;
    double p = uniform();
    while (p > limit) {
      ++k;
      p *= uniform();
    }
    return k;
  }

 private:
  void refill() {
    r123::Philox4x32 gen;
    buf_ = gen(ctr_, key_);
    ctr_.v[3]++;
    used_ = 0;
  }
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type ctr_;
  r123::Philox4x32::ctr_type buf_{};
  int used_ = 2;
};

// Seed of replicate k, the same in every arm (common random numbers), from the experiment seed.
inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
inline std::uint64_t replicate_seed(std::uint64_t base_seed, int replicate) {
  return splitmix64(base_seed ^ splitmix64(static_cast<std::uint64_t>(replicate) + 1));
}

}  // namespace marrow
