#pragma once
// A rule is one mechanism of the model, in one file of src/biology, registered under the name a reader
// knows from the seed review (MARROW_RULE). Each rule has the setting rules.<name>.enabled and its own
// parameter settings rules.<name>.*, read once when the rule is built from the resolved config.
//
// A tick calls, in this order (docs/ARCHITECTURE.md):
//   host(ctx)          serial, every rule in order: host state for this tick
//   decide(ctx, i)     in parallel over agents: a rule reads the state as it was at the start of the
//                      tick and writes only agent i's Intent and agent i's per-agent output columns
//                      (secretion, clearance), drawing from agent i's own random streams
//   resolve            by the simulation, in id order: deaths, changes, fusions, divisions, moves;
//                      then resolve(ctx) of every rule, serial (births of new agents, e.g. recruitment)
//   exchange           by the simulation: secretion and clearance become field sources, plus each rule's
//                      add_sources (voxel sources, e.g. matrix release, a dosed drug); fields solved
//   bone(ctx)          serial, every rule in order: resorption and formation
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "marrow/cell_types.hpp"
#include "marrow/config.hpp"
#include "marrow/rng.hpp"
#include "marrow/sim_state.hpp"

namespace marrow {

// What one agent wants to happen to it this tick. Conflicts are resolved by the simulation.
struct Intent {
  std::uint8_t die = 0;
  std::uint8_t change = 0;  // become new_type/new_state
  std::uint8_t new_type = 0, new_state = 0;
  std::uint8_t divide = 0;  // put a daughter of daughter_type/state in a free neighbour voxel
  std::uint8_t daughter_type = 0, daughter_state = 0;
  std::uint8_t fuse = 0;    // pre-osteoclast: fuse with an osteoclast-lineage cell in contact
  std::int32_t move_to = -1;  // voxel index to move into, or -1
  std::uint32_t choice = 0;   // random bits for the resolver's choices (neighbour order)
};

struct PitEventRecord {
  std::uint64_t osteoclast_id;
  std::int64_t start_tick, end_tick;
  double x_um, y_um, z_um, volume_um3, max_depth_um;
  std::int32_t lineage, max_nuclei;
};

struct TickContext {
  SimState& state;
  const ResolvedConfig& config;
  std::uint64_t seed;  // the run's seed
  std::int64_t tick;   // the tick being computed (state.tick before it completes)
  double dt_h;         // tick length, hours
  std::vector<Intent>& intents;
  std::vector<PitEventRecord>& pit_events;  // bone phase appends ended resorption events

  RandomStream stream(Stream s, std::uint64_t entity) const { return RandomStream(seed, s, entity, tick); }
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual void host(TickContext&) {}
  virtual void decide(TickContext&, std::size_t /*agent*/) const {}
  virtual void resolve(TickContext&) {}
  // Exchange phase: sources that belong to voxels rather than agents (pM/s per voxel, one array per field).
  virtual void add_sources(const SimState&, std::vector<std::vector<double>>& /*source*/) const {}
  virtual void bone(TickContext&) {}
  // Called once before the first tick of a new run (not on resume): initial agents.
  virtual void initialise(SimState&, std::uint64_t /*seed*/) {}
};

using RuleFactory = std::function<std::unique_ptr<Rule>(const ResolvedConfig&)>;

struct RuleInfo {
  std::string name;
  int order;  // rules run in ascending order (then by name): fixed, independent of link order
  RuleFactory make;
};

class RuleRegistry {
 public:
  static RuleRegistry& global();
  void add(RuleInfo info);
  std::vector<const RuleInfo*> ordered() const;
  // Builds the enabled rules (rules.<name>.enabled) in order.
  std::vector<std::unique_ptr<Rule>> build(const ResolvedConfig& cfg) const;

 private:
  std::map<std::string, RuleInfo> rules_;
};

struct RuleRegistrar {
  RuleRegistrar(std::string name, int order, RuleFactory make, bool on_by_default = true);
};

// Registers rule class T (constructible from const ResolvedConfig&) under `name`, with its
// rules.<name>.enabled setting, defaulting to `on`.
#define MARROW_RULE_REGISTER(T, name, order, on)                                                    \
  static ::marrow::RuleRegistrar marrow_rule_registrar_##T{                                         \
      name, order,                                                                                  \
      [](const ::marrow::ResolvedConfig& c) -> std::unique_ptr<::marrow::Rule> {                    \
        return std::make_unique<T>(c);                                                              \
      },                                                                                            \
      on}
#define MARROW_RULE(T, name, order) MARROW_RULE_REGISTER(T, name, order, true)
// A rule that the default parameter set leaves off (docs/model.md says why); an experiment switches it
// on with rules.<name>.enabled: true.
#define MARROW_RULE_DEFAULT_OFF(T, name, order) MARROW_RULE_REGISTER(T, name, order, false)

// Michaelis-Menten style receptor occupancy c / (c + K), 0 for K <= 0 and c <= 0.
inline double occupancy(double c, double k_half) { return c > 0 ? c / (c + k_half) : 0.0; }
// Hill-type occupancy c^n / (c^n + K^n), 0 for c <= 0: a switch-like response for n > 1.
inline double hill_occupancy(double c, double k_half, double n) {
  if (n == 1.0) return occupancy(c, k_half);  // bit-identical to the graded form
  return c > 0 ? 1.0 / (1.0 + std::pow(k_half / c, n)) : 0.0;
}

}  // namespace marrow
