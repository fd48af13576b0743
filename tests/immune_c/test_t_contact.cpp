// Ablation tests of the rules that act through T cells nearby: cd137l_fusion_suppression and
// t_cell_osteoblast_support. No rule of this group makes T cells, so the tests place them directly in the
// state (in a nude host, so that no other T cells are present), as T cells arriving next to the cells
// they act on.
#include <catch2/catch.hpp>

#include <algorithm>

#include "support.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string kNude = "host: {genotype: {nude: true}}\n";
const std::string kInflamed = dose_yaml({{"tnf", 50}});  // osteoclasts and remodeling within days
std::string off(const std::string& rule) { return "rules." + rule + ".enabled=false"; }

// Places up to `max_n` T cells of state `st` in free marrow voxels within `reach` (Chebyshev) of agent i.
int place_t_cells_around(SimState& s, std::size_t i, int reach, TState st, int max_n) {
  const GridSpec& g = s.grid;
  const int x0 = s.agents.x[i], y0 = s.agents.y[i], z0 = s.agents.z[i];
  int n = 0;
  for (int dz = -reach; dz <= reach && n < max_n; ++dz)
    for (int dy = -reach; dy <= reach && n < max_n; ++dy)
      for (int dx = -reach; dx <= reach && n < max_n; ++dx) {
        const int x = x0 + dx, y = y0 + dy, z = z0 + dz;
        if (!g.contains(x, y, z)) continue;
        const std::size_t v = g.index(x, y, z);
        if (s.bone.solid[v] || s.occupant[v] >= 0) continue;
        const std::size_t j = s.agents.add(CellType::TCell, static_cast<std::uint8_t>(st), x, y, z, s.tick);
        s.agents.genotype[j] = 0;
        s.occupant[v] = static_cast<std::int32_t>(j);
        ++n;
      }
  return n;
}

std::vector<std::uint64_t> ids_of(const AgentStore& a, CellType t, std::uint8_t state, std::size_t max_n) {
  std::vector<std::uint64_t> ids;
  for (std::size_t i = 0; i < a.size() && ids.size() < max_n; ++i)
    if (a.cell_type(i) == t && a.state[i] == state) ids.push_back(a.id[i]);
  return ids;
}

// Mean of a gain column over the agents with these ids that are still of type t.
double mean_gain(const AgentStore& a, const std::vector<float>& col, const std::vector<std::uint64_t>& ids, CellType t) {
  return mean_over(a, col, [&](std::size_t i) {
    return a.cell_type(i) == t && std::find(ids.begin(), ids.end(), a.id[i]) != ids.end();
  });
}
}  // namespace

TEST_CASE("immune_c: CD137L ligation suppresses the fusion of pre-osteoclasts",
          "[immune_c][cd137l_fusion_suppression]") {
  const std::string rule = "cd137l_fusion_suppression";
  SECTION("by an agonist (treatment)") {
    const std::string world = small_world(8, 20, 6) + kNude + kInflamed + "treatments: {cd137l_ligation: {dose: 1}}\n";
    double g_on = 0, g_n = 0;
    auto on = run_means(config_of(world), {"counts/osteoclast", "counts/osteoclast_multinucleated"}, [&](Simulation& sim) {
      const AgentStore& a = sim.state().agents;
      const double m = mean_over(a, a.fusion_gain, [&](std::size_t i) {
        return a.cell_type(i) == CellType::PreOsteoclast && a.state_tick[i] < sim.state().tick - 1;
      });
      if (m >= 0) g_on += m, g_n += 1;
    });
    auto without = run_means(config_of(world, {off(rule)}), {"counts/osteoclast", "counts/osteoclast_multinucleated"});
    REQUIRE(g_n > 0);
    CHECK(g_on / g_n == Approx(0.2).margin(0.01));  // 1 - 0.8 at full ligation
    REQUIRE(without["counts/osteoclast"] > 0);
    CHECK(on["counts/osteoclast"] < 0.6 * without["counts/osteoclast"]);
    CHECK(on["counts/osteoclast_multinucleated"] < 0.6 * without["counts/osteoclast_multinucleated"]);
  }
  SECTION("by activated (CD137+) T cells in contact, not by naive ones") {
    auto gain_with = [&](TState st, const Overrides& o) {
      Simulation sim(config_of(small_world(2, 20, 6) + kNude + kInflamed, o), 5);
      for (int k = 0; k < 24; ++k) sim.step();  // a day: pre-osteoclasts appear
      SimState& s = sim.mutable_state();
      const auto ids = ids_of(s.agents, CellType::PreOsteoclast, 0, 10);
      REQUIRE(ids.size() >= 3);
      for (std::size_t i = 0; i < s.agents.size(); ++i)
        if (std::find(ids.begin(), ids.end(), s.agents.id[i]) != ids.end()) place_t_cells_around(s, i, 1, st, 26);
      s.rebuild_occupancy();
      sim.step();
      return mean_gain(sim.state().agents, sim.state().agents.fusion_gain, ids, CellType::PreOsteoclast);
    };
    const double effector = gain_with(TState::Cd4Effector, {});
    const double th17 = gain_with(TState::Th17, {});
    const double naive = gain_with(TState::Cd4Naive, {});
    const double effector_off = gain_with(TState::Cd4Effector, {off(rule)});
    // T cells fill every free neighbour, a large share of the contacts: 1 - 0.8 L well below 1.
    CHECK(effector < 0.8);
    CHECK(th17 < 0.8);
    CHECK(naive == Approx(1.0));
    CHECK(effector_off == Approx(1.0));
  }
}

TEST_CASE("immune_c: T cells near active osteoblasts speed formation", "[immune_c][t_cell_osteoblast_support]") {
  const std::string rule = "t_cell_osteoblast_support";
  struct Arm {
    double formed = 0, gain = -1;
  };
  auto arm = [&](Overrides o, bool place) {
    // The inflamed marrow's TNF would hold back osteoblast commitment (tnf_p55_osteoblast_suppression)
    // and leave too few active osteoblasts to measure; that rule is not under test here.
    o.push_back("rules.tnf_p55_osteoblast_suppression.enabled=false");
    Simulation sim(config_of(small_world(10, 20, 6) + kNude + kInflamed, o), replicate_seed(11, 0));
    for (int k = 0; k < 8 * 24; ++k) sim.step();  // remodeling under way: active osteoblasts refill pits
    SimState& s = sim.mutable_state();
    const auto ids = ids_of(s.agents, CellType::Osteoblast, std::uint8_t(ObState::Active), 1000);
    REQUIRE(ids.size() >= 3);
    if (place)
      for (std::size_t i = 0; i < s.agents.size(); ++i)
        if (std::find(ids.begin(), ids.end(), s.agents.id[i]) != ids.end())
          place_t_cells_around(s, i, 2, TState::Cd4Naive, 4);
    s.rebuild_occupancy();
    const double before = s.total_formed_um3;
    Arm r;
    for (int k = 0; k < 48; ++k) {
      sim.step();
      if (k == 0) r.gain = mean_gain(sim.state().agents, sim.state().agents.formation_gain, ids, CellType::Osteoblast);
    }
    r.formed = sim.state().total_formed_um3 - before;
    return r;
  };
  const Arm on = arm({}, true), without = arm({off(rule)}, true), no_t = arm({}, false);
  // About four T cells within reach: 1 + 0.5 * 4/6 = 1.33 (other rules, e.g. IL-7, scale all arms alike).
  CHECK(on.gain > 1.2 * without.gain);
  CHECK(no_t.gain == Approx(without.gain).epsilon(0.01));
  // Both arms hold the same T cells (which also take up marrow space); only the rule differs.
  REQUIRE(without.formed > 0);
  CHECK(on.formed > 1.15 * without.formed);
}
