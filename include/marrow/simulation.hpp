#pragma once
// One run: the state, the rules built from the resolved config, and the tick (docs/ARCHITECTURE.md).
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "marrow/config.hpp"
#include "marrow/diffusion.hpp"
#include "marrow/host_settings.hpp"
#include "marrow/output.hpp"
#include "marrow/rule.hpp"
#include "marrow/sim_state.hpp"

namespace marrow {

class SolverPool;

class Simulation {
 public:
  // Builds grid, bone, fields and the initial agents from the config and the run's seed.
  Simulation(const ResolvedConfig& config, std::uint64_t seed);
  // Continues from a checkpointed state (docs/hpc.md): rules are rebuilt from the config and derived data
  // (bone masks, occupancy) from the state; no rule's initialise() runs and no field is solved, so the next
  // step() computes exactly what the run that wrote the checkpoint would have computed (the fields, saved
  // exactly, are the solver's warm start). Field transport parameters come from the config. Throws
  // std::invalid_argument when the state does not fit the config (grid, tick length, array sizes).
  Simulation(const ResolvedConfig& config, std::uint64_t seed, SimState restored);
  ~Simulation();

  void step();  // one tick
  std::int64_t total_ticks() const;  // duration / tick length
  const SimState& state() const { return state_; }
  SimState& mutable_state() { return state_; }
  const ResolvedConfig& config() const { return config_; }

  // Read-outs for the output file.
  TimeseriesRow timeseries_row() const;
  Snapshot snapshot() const;
  std::vector<PitEvent> take_pit_events();
  const std::vector<SolveStats>& last_solve_stats() const { return solve_stats_; }

  // Wall time spent in each phase of the tick so far (seconds), for benchmarks and logs.
  struct PhaseTimes {
    double host = 0, decide = 0, resolve = 0, exchange = 0, diffusion = 0, bone = 0;
    std::int64_t ticks = 0, solver_iterations = 0;
    // Per field (kFieldCount, fields.hpp): solve time, CG iterations and solves, for the benchmarks.
    std::array<double, kFieldCount> field_seconds{};
    std::array<std::int64_t, kFieldCount> field_iterations{}, field_solves{};
    std::array<std::uint64_t, kFieldCount> field_bytes{};  // what the solves must stream (SolveStats::bytes)
  };
  const PhaseTimes& phase_times() const { return times_; }

 private:
  void decide(std::vector<Intent>& intents, std::int64_t tick);
  void resolve(std::vector<Intent>& intents, TickContext& ctx);
  void exchange();  // sources and sinks of every field from the cells, rules and doses
  void diffuse();   // solves every field to its quasi-steady state
  void add_immune_readouts(TimeseriesRow& row, const double* counts) const;
  void host_phase(TickContext& ctx);   // host plan (genotype, treatments), then every rule's host()
  void assign_genotypes();             // cells born this phase take the host's genotype

  ResolvedConfig config_;
  std::uint64_t seed_;
  SimState state_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::unique_ptr<SolverPool> solvers_;  // one per field solved at the same time
  std::vector<PitEventRecord> pit_events_;
  std::vector<SolveStats> solve_stats_;
  PhaseTimes times_;
  int binding_passes_;
  double signal_tolerance_;
  HostPlan plan_;
  std::vector<std::vector<double>> src_, upt_;  // exchange work arrays, reused every tick
  std::vector<double> coupled_uptake_;
  std::vector<std::size_t> voxel_of_;  // exchange: each cell's voxel
};

}  // namespace marrow
