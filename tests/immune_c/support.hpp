#pragma once
// Shared by the tests of the cytokine-action rules (tests/immune_c): small worlds, read-outs averaged
// over ticks, and a test-only dosing rule (test_dose.cpp) that holds TNF, IL-1, IL-6, IL-17 or SOFAT at
// a uniform marrow level, as a treatment does, for the cytokines that have no treatment of their own.
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "../support/sim_fixture.hpp"

namespace marrow::test {

// YAML lines for the test-only doses (pM): dose_yaml({{"tnf", 200}}) -> "rules: {test_dose: {tnf: 200}}".
inline std::string dose_yaml(const std::map<std::string, double>& doses) {
  std::string s = "rules: {test_dose: {";
  bool first = true;
  for (const auto& [f, d] : doses) {
    s += (first ? "" : ", ") + f + ": " + std::to_string(d);
    first = false;
  }
  return s + "}}\n";
}

// The named read-out of a row; throws when the row has none (a misspelt name must not pass silently).
inline double readout(const TimeseriesRow& row, const std::string& name) {
  for (const auto& [n, v] : row.values)
    if (n == name) return v;
  throw std::out_of_range("no read-out " + name);
}

// Means over all ticks of a run of the named read-outs; `each` (optional) sees the state after every tick.
inline std::map<std::string, double> run_means(const ResolvedConfig& cfg, const std::vector<std::string>& names,
                                               const std::function<void(Simulation&)>& each = {}) {
  Simulation sim(cfg, replicate_seed(11, 0));
  std::map<std::string, double> m;
  for (const auto& n : names) m[n] = 0;
  const std::int64_t n = sim.total_ticks();
  for (std::int64_t k = 0; k < n; ++k) {
    sim.step();
    if (each) each(sim);
    const TimeseriesRow row = sim.timeseries_row();
    for (const auto& name : names) m[name] += readout(row, name) / double(n);
  }
  return m;
}

// Mean of a per-agent column over the agents that `pick` selects, in the current state (-1 if none).
template <class Col, class Pick>
double mean_over(const AgentStore& a, const Col& col, Pick pick) {
  double s = 0, n = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (pick(i)) {
      s += col[i];
      n += 1;
    }
  return n > 0 ? s / n : -1;
}

// Mean over ticks of a gain column over the agents that pick(a, i, tick) selects, tick being the tick just
// computed (ticks where none is selected are left out; -1 if none ever is).
template <class Pick>
double mean_column_over_ticks(const ResolvedConfig& cfg, std::vector<float> AgentStore::*col, Pick pick) {
  double sum = 0;
  int n = 0;
  run_means(cfg, {}, [&](Simulation& sim) {
    const AgentStore& a = sim.state().agents;
    const std::int64_t tick = sim.state().tick - 1;
    const double m = mean_over(a, a.*col, [&](std::size_t i) { return pick(a, i, tick); });
    if (m >= 0) {
      sum += m;
      ++n;
    }
  });
  return n ? sum / n : -1;
}

// Mean over ticks of a gain column over the monocytes decided in each tick (born before it).
inline double mean_monocyte_column(const ResolvedConfig& cfg, std::vector<float> AgentStore::*col) {
  return mean_column_over_ticks(cfg, col, [](const AgentStore& a, std::size_t i, std::int64_t tick) {
    return a.cell_type(i) == CellType::Monocyte && a.birth_tick[i] < tick;
  });
}

// Osteoclastogenesis as a hazard: monocytes that became pre-osteoclasts in a tick, summed over the run,
// per monocyte present at the start of the tick (summed likewise). Unlike the pre-osteoclast count it is
// not capped by the supply of precursors. Also the run's summed osteoclast count (`oc_ticks`).
struct Differentiation {
  double events = 0, monocyte_ticks = 0, oc_ticks = 0;
  double hazard() const { return monocyte_ticks > 0 ? events / monocyte_ticks : 0; }
};
inline Differentiation differentiation(const ResolvedConfig& cfg) {
  Simulation sim(cfg, replicate_seed(11, 0));
  Differentiation d;
  auto count = [&](CellType t) {
    const AgentStore& a = sim.state().agents;
    double n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) n += a.cell_type(i) == t;
    return n;
  };
  for (std::int64_t k = 0; k < sim.total_ticks(); ++k) {
    d.monocyte_ticks += count(CellType::Monocyte);
    const std::int64_t tick = sim.state().tick;
    sim.step();
    const AgentStore& a = sim.state().agents;
    for (std::size_t i = 0; i < a.size(); ++i)
      d.events += a.cell_type(i) == CellType::PreOsteoclast && a.state_tick[i] == tick && a.birth_tick[i] < tick &&
                  !(a.lineage[i] & (kLineageDendritic | kLineageBCell));
    d.oc_ticks += count(CellType::Osteoclast);
  }
  return d;
}

}  // namespace marrow::test
