#pragma once
// Helpers of the T-cell tests: runs that sum read-outs, and direct placement of cells in contact.
#include <functional>
#include <string>

#include "../support/sim_fixture.hpp"
#include "marrow/cell_types.hpp"

namespace marrow::test {

inline constexpr std::uint8_t ts(TState s) { return static_cast<std::uint8_t>(s); }

// OVX at day 0 with an immediate fall of estrogen to zero, so that a short run sees E = 0.
inline const std::string kOvxNow =
    "host: {estrogen: {schedule: ovx, ovx_day: 0 d, decline_time: 0.01 d, deficient_level: 0}}\n";

// Thymic entry alone: no deaths, no divisions, no initial T cells; and no B cells, dendritic cells or
// inflammatory monocyte recruits, which would take marrow space that entering T cells need (an entry
// fails where no free voxel is found) and change with estrogen themselves.
inline const Overrides kThymicEntryOnly{
    "rules.t_cell_lifespan.enabled=false",       "rules.il7_lymphocyte_expansion.enabled=false",
    "rules.rankl_rank_reverse_signal.enabled=false", "rules.thymic_output.initial_density=0",
    "rules.thymic_output.entry_rate=100000",     "rules.b_lymphopoiesis.enabled=false",
    "rules.dendritic_cell_life.enabled=false",   "rules.inflammatory_precursor_recruitment.enabled=false"};

// Runs `cfg` and returns the sum over ticks of the named read-outs; each_tick(sim) runs before every step.
inline std::vector<double> sum_readouts(const ResolvedConfig& cfg, const std::vector<std::string>& names,
                                        const std::function<void(Simulation&)>& before_step = {},
                                        const std::function<void(Simulation&)>& after_init = {}) {
  Simulation sim(cfg, replicate_seed(11, 0));
  if (after_init) after_init(sim);
  std::vector<double> sums(names.size(), 0.0);
  for (std::int64_t k = 0; k < sim.total_ticks(); ++k) {
    if (before_step) before_step(sim);
    sim.step();
    const TimeseriesRow row = sim.timeseries_row();
    for (std::size_t n = 0; n < names.size(); ++n) sums[n] += value_of(row, names[n]);
  }
  return sums;
}

inline double count_cells(const SimState& s, CellType t, int state = -1) {
  double n = 0;
  for (std::size_t i = 0; i < s.agents.size(); ++i)
    n += s.agents.cell_type(i) == t && (state < 0 || s.agents.state[i] == state);
  return n;
}

// For every agent for which pred(i) holds, puts a new wild-type agent of type t/state into a free marrow
// voxel in contact with it (if any). Returns how many were placed.
inline std::size_t place_in_contact(SimState& s, const std::function<bool(std::size_t)>& pred, CellType t,
                                    std::uint8_t state) {
  const GridSpec& g = s.grid;
  const std::size_t n0 = s.agents.size();
  std::size_t placed = 0;
  for (std::size_t i = 0; i < n0; ++i) {
    if (!pred(i)) continue;
    bool done = false;
    for (int dz = -1; dz <= 1 && !done; ++dz)
      for (int dy = -1; dy <= 1 && !done; ++dy)
        for (int dx = -1; dx <= 1 && !done; ++dx) {
          const int x = s.agents.x[i] + dx, y = s.agents.y[i] + dy, z = s.agents.z[i] + dz;
          if (!g.contains(x, y, z)) continue;
          const std::size_t v = g.index(x, y, z);
          if (s.bone.solid[v] || s.occupant[v] >= 0) continue;
          const std::size_t j = s.agents.add(t, state, x, y, z, 0);
          s.agents.genotype[j] = 0;
          if (t == CellType::Osteoclast) s.agents.nuclei[j] = s.agents.max_nuclei[j] = 3;
          s.occupant[v] = static_cast<std::int32_t>(j);
          done = true;
          ++placed;
        }
  }
  s.rebuild_occupancy();
  return placed;
}

}  // namespace marrow::test
