// The tick: host, decide (parallel over agents), resolve (serial, id order), exchange (cells' secretion and
// clearance become sources and sinks), diffusion (the fields' quasi-steady state), bone.
#include "marrow/simulation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "marrow/field_settings.hpp"
#include "marrow/geometry.hpp"
#include "marrow/settings.hpp"
#include "solver_pool.hpp"

namespace marrow {
namespace {

// Below this many voxels the fields of a tick are solved at the same time (Simulation::diffuse). On the
// 2-core machine of docs/benchmarks.md a solve on 43,200 voxels took as long on 2 threads as on 1, while
// one on 1e6 voxels ran 1.9 times faster on 2.
constexpr std::size_t kConcurrentFieldsBelowVoxels = std::size_t(1) << 19;

const SettingRegistrar kSettings{
    quantity("time.tick", "h", 1, 0.01, 24, "DESIGN.md: cells decide over hours", "tick length"),
};

// 26-neighbourhood (8 in 2-D), in a fixed order.
std::vector<std::array<int, 3>> contact_offsets(const GridSpec& g) {
  std::vector<std::array<int, 3>> out;
  for (int dz = -1; dz <= 1; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        if ((dx || dy || dz) && (g.nz > 1 || dz == 0)) out.push_back({dx, dy, dz});
  return out;
}

}  // namespace

Simulation::Simulation(const ResolvedConfig& config, std::uint64_t seed)
    : config_(config),
      seed_(seed),
      solvers_(std::make_unique<SolverPool>(config.number("solver.tolerance"))),
      binding_passes_(static_cast<int>(config.integer("solver.binding_passes"))),
      signal_tolerance_(config.number("solver.signal_tolerance")) {
  state_.grid = grid_from_config(config_);
  state_.tick_hours = config_.number("time.tick");
  state_.bone.init(state_.grid, make_geometry(config_, state_.grid, seed_));
  state_.initial_bone_um3 = state_.bone.volume_um3(state_.grid);
  state_.fields = fields_from_config(config_, state_.grid.size());
  rules_ = RuleRegistry::global().build(config_);
  plan_ = host_plan_from_config(config_);
  std::vector<Intent> intents;
  std::vector<PitEventRecord> no_events;
  TickContext ctx{state_, config_, seed_, 0, state_.tick_hours, intents, no_events};
  host_phase(ctx);  // the host's genotype is known before the first cells are placed
  state_.rebuild_occupancy();
  for (auto& rule : rules_) {
    rule->initialise(state_, seed_);
    state_.rebuild_occupancy();
  }
  assign_genotypes();
  // Start from the fields that the initial cells sustain (host first, so secretion sees estrogen).
  host_phase(ctx);
  decide(intents, 0);
  exchange();
  diffuse();
}

Simulation::Simulation(const ResolvedConfig& config, std::uint64_t seed, SimState restored)
    : config_(config),
      seed_(seed),
      state_(std::move(restored)),
      solvers_(std::make_unique<SolverPool>(config.number("solver.tolerance"))),
      binding_passes_(static_cast<int>(config.integer("solver.binding_passes"))),
      signal_tolerance_(config.number("solver.signal_tolerance")) {
  const GridSpec g = grid_from_config(config_);
  const GridSpec& s = state_.grid;
  if (g.nx != s.nx || g.ny != s.ny || g.nz != s.nz || g.voxel_um != s.voxel_um)
    throw std::invalid_argument("the saved state's grid (" + std::to_string(s.nx) + "x" + std::to_string(s.ny) + "x" +
                                std::to_string(s.nz) + ", voxel " + std::to_string(s.voxel_um) +
                                " um) differs from the config's");
  if (config_.number("time.tick") != state_.tick_hours)
    throw std::invalid_argument("the saved state's tick length differs from the config's time.tick");
  const std::size_t n = s.size();
  const BoneState& b = state_.bone;
  bool sizes_ok = b.mineral.size() == n && b.resorbed.size() == n && b.formed.size() == n && b.deficit.size() == n &&
                  b.depth0.size() == n && b.last_resorbed_tick.size() == n;
  for (int f = 0; f < kFieldCount; ++f) sizes_ok = sizes_ok && state_.fields.c[f].size() == n;
  const std::size_t agents = state_.agents.size();
  auto same_length = [&](const std::string&, const auto& col) { sizes_ok = sizes_ok && col.size() == agents; };
  state_.agents.for_each_column(same_length, same_length);
  if (!sizes_ok) throw std::invalid_argument("the saved state's arrays do not match its grid or agent count");
  for (std::size_t i = 0; i < agents; ++i)
    if (!s.contains(state_.agents.x[i], state_.agents.y[i], state_.agents.z[i]))
      throw std::invalid_argument("a saved agent lies outside the grid");
  FieldSet transport = fields_from_config(config_, 0);  // parameters only; concentrations are the saved ones
  for (int f = 0; f < kFieldCount; ++f) state_.fields.params[f] = transport.params[f];
  state_.fields.opg_rankl_kon = transport.opg_rankl_kon;
  rules_ = RuleRegistry::global().build(config_);
  plan_ = host_plan_from_config(config_);
  state_.bone.refresh(state_.grid);
  state_.rebuild_occupancy();
}

void Simulation::host_phase(TickContext& ctx) {
  std::array<double, kFieldCount> decay{};
  for (int f = 0; f < kFieldCount; ++f) decay[f] = state_.fields.params[f].decay_per_s;
  apply_host_plan(plan_, ctx.tick * state_.tick_hours / 24.0, decay, state_.host);
  for (auto& rule : rules_) rule->host(ctx);
}

void Simulation::assign_genotypes() {
  AgentStore& a = state_.agents;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.genotype[i] == kGenotypeUnset) a.genotype[i] = cell_genotype_bits(state_.host.genotype, a.cell_type(i));
}

Simulation::~Simulation() = default;

std::int64_t Simulation::total_ticks() const {
  return std::llround(config_.number("duration") * 24.0 / state_.tick_hours);
}

void Simulation::decide(std::vector<Intent>& intents, std::int64_t tick) {
  AgentStore& a = state_.agents;
  intents.assign(a.size(), Intent{});
  for (int f = 0; f < kFieldCount; ++f) {
    std::fill(a.secretion[f].begin(), a.secretion[f].end(), 0.f);
    std::fill(a.clearance[f].begin(), a.clearance[f].end(), 0.f);
  }
  for (auto* gain : {&a.rankl_gain, &a.differentiation_gain, &a.fusion_gain, &a.resorption_gain, &a.formation_gain})
    std::fill(gain->begin(), gain->end(), 1.f);
  std::fill(a.rankl_free_drive.begin(), a.rankl_free_drive.end(), 0.f);
  std::vector<PitEventRecord> no_events;
  TickContext ctx{state_, config_, seed_, tick, state_.tick_hours, intents, no_events};
  // Each agent is decided by every rule in order; a rule writes only that agent's slots, so any
  // partition over threads gives the same result.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, a.size(), 256), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i)
      for (const auto& rule : rules_) rule->decide(ctx, i);
  });
}

void Simulation::step() {
  using clock = std::chrono::steady_clock;
  const std::int64_t tick = state_.tick;
  std::vector<Intent> intents;
  TickContext ctx{state_, config_, seed_, tick, state_.tick_hours, intents, pit_events_};
  auto t = clock::now();
  auto lap = [&t](double& acc) {
    const auto now = clock::now();
    acc += std::chrono::duration<double>(now - t).count();
    t = now;
  };
  host_phase(ctx);
  lap(times_.host);
  decide(intents, tick);
  lap(times_.decide);
  resolve(intents, ctx);
  lap(times_.resolve);
  exchange();
  lap(times_.exchange);
  diffuse();
  lap(times_.diffusion);
  const double resorbed0 = state_.total_resorbed_um3, formed0 = state_.total_formed_um3;
  for (auto& rule : rules_) rule->bone(ctx);
  state_.resorbed_last_tick_um3 = state_.total_resorbed_um3 - resorbed0;
  state_.formed_last_tick_um3 = state_.total_formed_um3 - formed0;
  state_.bone.refresh(state_.grid);
  lap(times_.bone);
  for (const auto& s : solve_stats_) times_.solver_iterations += s.iterations;
  ++times_.ticks;
  state_.tick = tick + 1;
}

void Simulation::resolve(std::vector<Intent>& intents, TickContext& ctx) {
  AgentStore& a = state_.agents;
  const GridSpec& g = state_.grid;
  const std::size_t n = a.size();
  std::vector<std::uint8_t> dead(n, 0);
  auto vox = [&](std::size_t i) { return g.index(a.x[i], a.y[i], a.z[i]); };
  auto vacate = [&](std::size_t i) {
    auto& o = state_.occupant[vox(i)];
    if (o == static_cast<std::int32_t>(i)) o = -1;
  };
  // 1. deaths
  state_.deaths_last_tick.fill(0.0);
  for (std::size_t i = 0; i < n; ++i)
    if (intents[i].die) {
      dead[i] = 1;
      state_.deaths_last_tick[a.type[i]] += 1;
      vacate(i);
    }
  // 2. changes of type or state
  for (std::size_t i = 0; i < n; ++i)
    if (!dead[i] && intents[i].change) {
      a.type[i] = intents[i].new_type;
      a.state[i] = intents[i].new_state;
      a.state_tick[i] = ctx.tick;
    }
  // 3. fusions: a pre-osteoclast joins an osteoclast in contact, else another fusing pre-osteoclast.
  const auto contacts = contact_offsets(g);
  for (std::size_t i = 0; i < n; ++i) {
    if (dead[i] || !intents[i].fuse || a.cell_type(i) != CellType::PreOsteoclast) continue;
    std::int64_t partner = -1;
    for (int pass = 0; pass < 2 && partner < 0; ++pass) {
      const CellType want = pass == 0 ? CellType::Osteoclast : CellType::PreOsteoclast;
      for (std::size_t k = 0; k < contacts.size(); ++k) {
        const auto& d = contacts[(k + intents[i].choice) % contacts.size()];
        const int px = a.x[i] + d[0], py = a.y[i] + d[1], pz = a.z[i] + d[2];
        if (!g.contains(px, py, pz)) continue;
        const std::int32_t j = state_.occupant[g.index(px, py, pz)];
        if (j < 0 || std::size_t(j) >= n || dead[j] || a.cell_type(j) != want) continue;
        if (want == CellType::PreOsteoclast && !intents[j].fuse) continue;
        partner = j;
        break;
      }
    }
    if (partner < 0) continue;
    std::size_t keep = std::size_t(partner), gone = i;
    const std::int32_t cd16 = cd16_nuclei(a, keep) + cd16_nuclei(a, gone);
    if (a.cell_type(keep) == CellType::PreOsteoclast) {  // two precursors: the older one founds the OC
      keep = std::min(i, std::size_t(partner));
      gone = std::max(i, std::size_t(partner));
      a.type[keep] = static_cast<std::uint8_t>(CellType::Osteoclast);
      a.state[keep] = 0;
      a.state_tick[keep] = ctx.tick;
    }
    a.nuclei[keep] += a.nuclei[gone];
    a.nuclei_cd16[keep] = cd16;
    a.max_nuclei[keep] = std::max(a.max_nuclei[keep], a.nuclei[keep]);
    a.lineage[keep] |= a.lineage[gone];
    dead[gone] = 1;
    vacate(gone);
  }
  // 4. divisions into a free face-neighbour voxel
  const int nf = face_neighbour_count(g);
  for (std::size_t i = 0; i < n; ++i) {
    if (dead[i] || !intents[i].divide) continue;
    for (int k = 0; k < nf; ++k) {
      const auto& d = kFaceOffsets[(k + intents[i].choice) % nf];
      const int px = a.x[i] + d[0], py = a.y[i] + d[1], pz = a.z[i] + d[2];
      if (!g.contains(px, py, pz)) continue;
      const std::size_t v = g.index(px, py, pz);
      if (state_.occupant[v] >= 0 || state_.bone.solid[v]) continue;
      const std::size_t c = a.add(static_cast<CellType>(intents[i].daughter_type), intents[i].daughter_state, px,
                                  py, pz, ctx.tick);
      a.lineage[c] = a.lineage[i];
      a.genotype[c] = a.genotype[i];
      a.divisions[c] = a.divisions[i] = a.divisions[i] + 1;
      a.mhc2[c] = a.mhc2[i];
      state_.occupant[v] = static_cast<std::int32_t>(c);
      break;
    }
  }
  // 5. moves into free voxels
  for (std::size_t i = 0; i < n; ++i) {
    if (dead[i] || intents[i].move_to < 0) continue;
    const std::size_t v = static_cast<std::size_t>(intents[i].move_to);
    if (state_.occupant[v] >= 0 || state_.bone.solid[v]) continue;
    vacate(i);
    const VoxelCoords c = g.coords(v);
    a.x[i] = c.x;
    a.y[i] = c.y;
    a.z[i] = c.z;
    state_.occupant[v] = static_cast<std::int32_t>(i);
  }
  // Osteoclasts that died end their resorption event.
  for (std::size_t i = 0; i < n; ++i)
    if (dead[i] && a.cell_type(i) == CellType::Osteoclast && a.resorb_start_tick[i] >= 0 && a.resorbed_um3[i] > 0) {
      const double v = a.resorbed_um3[i];
      pit_events_.push_back({a.id[i], a.resorb_start_tick[i], ctx.tick, a.pit_sx[i] / v, a.pit_sy[i] / v,
                             a.pit_sz[i] / v, v, a.pit_max_depth_um[i], a.lineage[i], a.max_nuclei[i]});
    }
  // Births by rules (recruitment), then removal of the dead.
  for (auto& rule : rules_) rule->resolve(ctx);
  dead.resize(a.size(), 0);
  a.remove_if(dead);
  assign_genotypes();
  state_.rebuild_occupancy();
}

void Simulation::exchange() {
  const GridSpec& g = state_.grid;
  const AgentStore& a = state_.agents;
  const std::size_t nv = g.size();
  const double vvox = g.voxel_volume_um3();
  constexpr double kZmolPerHourToPmUm3PerS = 1e6 / 3600.0;  // 1 zmol = 1e6 pM um^3
  src_.resize(kFieldCount);
  upt_.resize(kFieldCount);
  auto& src = src_;
  auto& upt = upt_;
  voxel_of_.resize(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) voxel_of_[i] = g.index(a.x[i], a.y[i], a.z[i]);
  // One task per field and kind (source, sink): each array is cleared and summed over the cells in cell
  // order by one task, so the sums do not depend on the threads; the tasks' arrays are independent.
  tbb::parallel_for(0, 2 * kFieldCount, [&](int task) {
    const int f = task / 2;
    const bool sink = task % 2 != 0;
    std::vector<double>& out = sink ? upt[f] : src[f];
    out.assign(nv, 0.0);
    const auto& rate = sink ? a.clearance[f] : a.secretion[f];
    if (sink)
      for (std::size_t i = 0; i < rate.size(); ++i) out[voxel_of_[i]] += rate[i] / vvox;
    else
      for (std::size_t i = 0; i < rate.size(); ++i) out[voxel_of_[i]] += rate[i] * kZmolPerHourToPmUm3PerS / vvox;
  });
  for (const auto& rule : rules_) rule->add_sources(state_, src);
  // Dosed drugs: uniform sources and antibody clearance in the marrow (src/core/host_settings.cpp).
  tbb::parallel_for(0, kFieldCount, [&](int f) {
    const double s = state_.host.field_source[f], k = state_.host.field_sink[f];
    if (s == 0.0 && k == 0.0) return;
    for (std::size_t v = 0; v < nv; ++v)
      if (!state_.bone.solid[v]) {
        src[f][v] += s;
        upt[f][v] += k;
      }
  });
}

void Simulation::diffuse() {
  const GridSpec& g = state_.grid;
  FieldSet& fs = state_.fields;
  const std::size_t nv = g.size();
  auto& src = src_;
  auto& upt = upt_;
  solve_stats_.assign(kFieldCount, SolveStats{});
  auto solve = [&](SteadyStateSolver& solver, int f, const std::vector<double>& uptake) {
    FieldProblem p;
    p.grid = g;
    p.solid = state_.bone.solid.data();
    p.diffusivity = fs.params[f].diffusivity_um2_s;
    p.decay = fs.params[f].decay_per_s;
    p.uptake = uptake.data();
    p.source = src[f].data();
    p.tolerance = (f == kRankl || f == kOpg || f == kMcsf || f == kTgfb) ? 0.0 : signal_tolerance_;
    const auto t0 = std::chrono::steady_clock::now();
    const SolveStats s = solver.solve(p, fs.c[f]);
    times_.field_seconds[f] += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    times_.field_iterations[f] += s.iterations;
    times_.field_bytes[f] += s.bytes;
    ++times_.field_solves[f];
    solve_stats_[f].iterations += s.iterations;
    solve_stats_[f].residual = s.residual;
    solve_stats_[f].converged = s.converged;
    return s.iterations;
  };
  // OPG binds RANKL (decoy): each is a first-order sink for the other, kon * [partner]. The coupled
  // pair is solved by alternating (Picard) passes, each warm-started: OPG first (it is the more
  // abundant, so RANKL binding changes it least), then RANKL with that OPG. A pass in which neither
  // solve iterated left both fields as they were, so every further pass would repeat it exactly: the
  // loop stops there (same result as running all passes).
  auto solve_bound_pair = [&](SteadyStateSolver& solver) {
    std::vector<double>& u = coupled_uptake_;
    u.resize(nv);
    for (int pass = 0; pass < binding_passes_; ++pass) {
      for (std::size_t v = 0; v < nv; ++v) u[v] = upt[kOpg][v] + fs.opg_rankl_kon * fs.c[kRankl][v];
      const int opg_iterations = solve(solver, kOpg, u);
      for (std::size_t v = 0; v < nv; ++v) u[v] = upt[kRankl][v] + fs.opg_rankl_kon * fs.c[kOpg][v];
      const int rankl_iterations = solve(solver, kRankl, u);
      times_.field_bytes[kOpg] += 3 * sizeof(double) * nv;  // the two binding sinks: uptake, partner -> u
      times_.field_bytes[kRankl] += 3 * sizeof(double) * nv;
      if (opg_iterations == 0 && rankl_iterations == 0) break;
    }
  };
  // Tasks: the bound pair (the longest, first), then every other field on its own. Each task writes
  // only its own fields and statistics.
  std::vector<int> tasks{-1};
  for (int f = 0; f < kFieldCount; ++f)
    if (f != kOpg && f != kRankl) tasks.push_back(f);
  auto run = [&](int task) {
    solvers_->with_solver([&](SteadyStateSolver& solver) {
      if (task < 0)
        solve_bound_pair(solver);
      else
        solve(solver, task, upt[task]);
    });
  };
  // On a small grid a solve's own loops have too few blocks to keep the threads busy, so the fields are
  // solved at the same time, each by one task; isolation keeps a thread that waits inside a solve's
  // loop from starting another field's task (at most one solver per thread). On a large grid each solve
  // uses every thread by itself and the fields go one after the other (one solver's memory).
  if (nv < kConcurrentFieldsBelowVoxels) {
    tbb::parallel_for(std::size_t(0), tasks.size(), std::size_t(1), [&](std::size_t j) {
      tbb::this_task_arena::isolate([&] { run(tasks[j]); });
    });
  } else {
    for (int task : tasks) run(task);
  }
}

}  // namespace marrow
