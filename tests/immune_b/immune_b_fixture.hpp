#pragma once
// Helpers for the B-cell, dendritic-cell and monocyte-subset tests. The test-only rule `test_b`
// (test_b_rule.cpp, this executable only) adds what other groups will provide: uniform TNF, IL-1 and RANKL
// sources (rules.test_b.<field>, pM, default 0) and T cells placed beside DCs or resting B cells at the start.
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "../support/sim_fixture.hpp"

namespace marrow::test {

// The run seed of these tests (arms compared within a test share it: common random numbers).
inline constexpr std::uint64_t kTestSeed = 7;

// A small marrow beside a thin plate; `extra` is appended (host, treatments, rules).
inline std::string b_world(int days, const std::string& extra = "", int nx = 24, int nz = 6) {
  return small_world(days, nx, nz) + extra;
}

// This group's rules on the bone core, without the other immune groups' cells and cytokine sources: no T
// cells (thymic output), no IL-7 (stromal and DC production), no TNF or IL-1 from monocytes, no IL-6 from
// osteoblasts. Their actions (IL-7 and IFN-g on precursors, CD137L and CD8 Treg brakes, TNF/IL-1/IL-6
// sensitisation) then see no signal, so a test sees the mechanism it checks alone. T cells placed by
// rules.test_b are still placed.
inline Overrides without_other_groups(Overrides extra = {}) {
  Overrides o{"rules.thymic_output.enabled=false", "rules.il7_production.enabled=false",
              "rules.monocyte_inflammatory_cytokines.enabled=false", "rules.sofat_osteoblast_il6.enabled=false"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

inline std::size_t count_if(const SimState& s, const std::function<bool(std::size_t)>& pred) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.agents.size(); ++i) n += pred(i);
  return n;
}

inline bool is_type(const AgentStore& a, std::size_t i, CellType t, int state = -1) {
  return a.cell_type(i) == t && (state < 0 || a.state[i] == state);
}

// Runs the whole experiment; after every tick calls each(sim). Returns the simulation's end state via sim.
inline void run_each(Simulation& sim, const std::function<void(const Simulation&)>& each) {
  while (sim.state().tick < sim.total_ticks()) {
    sim.step();
    each(sim);
  }
}

// Sum over ticks of one time-series read-out.
inline double readout_sum(const ResolvedConfig& cfg, const std::string& name, std::uint64_t seed = kTestSeed) {
  Simulation sim(cfg, seed);
  double sum = 0;
  run_each(sim, [&](const Simulation& s) { sum += value_of(s.timeseries_row(), name); });
  return sum;
}

// Sums over ticks of several read-outs from one run, in the order of `names`.
inline std::vector<double> readout_sums(const ResolvedConfig& cfg, const std::vector<std::string>& names,
                                        std::uint64_t seed = kTestSeed) {
  Simulation sim(cfg, seed);
  std::vector<double> sums(names.size(), 0.0);
  run_each(sim, [&](const Simulation& s) {
    const TimeseriesRow row = s.timeseries_row();
    for (std::size_t k = 0; k < names.size(); ++k) sums[k] += value_of(row, names[k]);
  });
  return sums;
}

// Distinct osteoclast-lineage cells (pre-osteoclasts) seen during the run that carry lineage bit `bit`:
// how many precursors of that lineage became pre-osteoclasts.
inline std::size_t preosteoclasts_from(const ResolvedConfig& cfg, std::uint8_t bit, std::uint64_t seed = kTestSeed) {
  Simulation sim(cfg, seed);
  std::set<std::uint64_t> ids;
  run_each(sim, [&](const Simulation& s) {
    const AgentStore& a = s.state().agents;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a.cell_type(i) == CellType::PreOsteoclast && (a.lineage[i] & bit)) ids.insert(a.id[i]);
  });
  return ids.size();
}

}  // namespace marrow::test
