// Dendritic cells: their life in the marrow, their differentiation into osteoclasts (enhanced by TNF and
// IL-1), the fusion rate of DC-derived pre-osteoclasts, and RANKL from activated T cells prolonging their
// survival. Each rule is shown on and off.
#include <catch2/catch.hpp>

#include "immune_b_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

constexpr std::uint8_t kEffector = static_cast<std::uint8_t>(TState::Cd4Effector);

std::size_t dendritic_count(const Simulation& sim) {
  const AgentStore& a = sim.state().agents;
  return count_if(sim.state(), [&](std::size_t i) { return a.cell_type(i) == CellType::Dendritic; });
}

}  // namespace

TEST_CASE("dendritic_cell_life: DCs are placed, enter and die, holding their steady number", "[immune_b]") {
  // Eight times the default density and entry; steady state = rate V / d_DC = the initial density per voxel.
  const Overrides dense{"rules.dendritic_cell_life.initial_density=0.04", "rules.dendritic_cell_life.rate=12000",
                        "rules.dendritic_osteoclastogenesis.enabled=false"};
  Simulation sim(config_of(b_world(15, "", 32), dense), kTestSeed);
  const SimState& s0 = sim.state();
  const AgentStore& a0 = s0.agents;
  const std::size_t initial = dendritic_count(sim);
  REQUIRE(initial > 50);
  CHECK(count_if(s0, [&](std::size_t i) {
          return a0.cell_type(i) == CellType::Dendritic && (a0.lineage[i] != kLineageDendritic || a0.mhc2[i] != 1.0f);
        }) == 0);
  double deaths = 0, late_sum = 0, late_n = 0;
  std::size_t entered = 0, wrong = 0;
  std::set<std::uint64_t> seen;
  run_each(sim, [&](const Simulation& sm) {
    deaths += value_of(sm.timeseries_row(), "deaths/dendritic");
    const AgentStore& a = sm.state().agents;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a.cell_type(i) == CellType::Dendritic && a.birth_tick[i] > 0 && seen.insert(a.id[i]).second) {
        ++entered;
        wrong += a.lineage[i] != kLineageDendritic || a.mhc2[i] != 1.0f;
      }
    if (sm.state().tick > sm.total_ticks() - 5 * 24) {
      late_sum += static_cast<double>(dendritic_count(sm));
      late_n += 1;
    }
  });
  // After 4.5 lifetimes the initial cells are mostly gone: entries replaced them.
  CHECK(deaths > 0.8 * static_cast<double>(initial));
  CHECK(entered > initial / 2);
  CHECK(wrong == 0);
  CHECK(late_sum / late_n == Approx(static_cast<double>(initial)).epsilon(0.25));
  SECTION("without the rule there are no DCs") {
    Overrides off = dense;
    off.push_back("rules.dendritic_cell_life.enabled=false");
    CHECK(readout_sum(config_of(b_world(3), off), "counts/dendritic") == 0);
  }
}

TEST_CASE("dendritic_osteoclastogenesis: DCs become pre-osteoclasts with RANKL, more with TNF and IL-1", "[immune_b]") {
  const Overrides dcs{"rules.dendritic_cell_life.initial_density=0.06", "rules.dendritic_cell_life.rate=0",
                      "rules.test_b.rankl=100 pM"};
  const std::string yaml = b_world(2);
  Overrides inflamed = dcs;
  inflamed.push_back("rules.test_b.tnf=100 pM");
  inflamed.push_back("rules.test_b.il1=100 pM");
  const std::size_t plain = preosteoclasts_from(config_of(yaml, dcs), kLineageDendritic);
  const std::size_t milieu = preosteoclasts_from(config_of(yaml, inflamed), kLineageDendritic);
  CHECK(plain >= 8);              // M-CSF and RANKL alone suffice (S22)
  CHECK(milieu > 1.4 * plain);    // up to (1 + g_T + g_1) = 3 times the rate at saturation
  SECTION("without the rule no DC becomes a pre-osteoclast") {
    Overrides off = inflamed;
    off.push_back("rules.dendritic_osteoclastogenesis.enabled=false");
    CHECK(preosteoclasts_from(config_of(yaml, off), kLineageDendritic) == 0);
  }
}

TEST_CASE("dendritic_fusion_rate: DC-derived pre-osteoclasts fuse at their own rate", "[immune_b]") {
  // Without the other groups' T cells and cytokines, no other rule (CD137L ligation, IFN-gamma) scales the
  // fusion gain, so the gain on a cell is this rule's factor alone.
  const Overrides dcs = without_other_groups({"rules.dendritic_cell_life.initial_density=0.1",
                                              "rules.dendritic_cell_life.rate=0", "rules.test_b.rankl=100 pM",
                                              "rules.dendritic_fusion_rate.factor=4"});
  const std::string yaml = b_world(4);
  // The gain on the cells themselves: f_DC on pre-osteoclasts of dendritic lineage only, 1 on all others.
  auto gains = [&](const Overrides& o, double* dc_gain, double* other_gain) {
    Simulation sim(config_of(yaml, o), kTestSeed);
    *dc_gain = *other_gain = 0;
    for (int k = 0; k < 36 && *dc_gain == 0; ++k) {
      sim.step();
      const AgentStore& a = sim.state().agents;
      for (std::size_t i = 0; i < a.size(); ++i) {
        // A cell's gains are those of this tick's decide: count pre-osteoclasts that already were one then.
        if (a.cell_type(i) != CellType::PreOsteoclast || a.state_tick[i] >= sim.state().tick - 1) continue;
        if (a.lineage[i] == kLineageDendritic) *dc_gain = a.fusion_gain[i];
        else *other_gain = a.fusion_gain[i];
      }
    }
  };
  double dc = 0, other = 0;
  gains(dcs, &dc, &other);
  CHECK(dc == 4.0f);
  CHECK((other == 0 || other == 1.0f));
  Overrides off = dcs;
  off.push_back("rules.dendritic_fusion_rate.enabled=false");
  gains(off, &dc, &other);
  CHECK(dc == 1.0f);
  // The effect: with pre-osteoclasts immortal, a DC-derived one that leaves its state has fused; a larger
  // share of them fuses within the run when they fuse faster.
  auto fused_share = [&](Overrides o) {
    o.push_back("rules.mcsf_precursor_support.preosteoclast_death=0");
    Simulation sim(config_of(b_world(5, "", 32), o), kTestSeed);
    std::set<std::uint64_t> seen;
    run_each(sim, [&](const Simulation& sm) {
      const AgentStore& a = sm.state().agents;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (a.cell_type(i) == CellType::PreOsteoclast && a.lineage[i] == kLineageDendritic) seen.insert(a.id[i]);
    });
    const AgentStore& a = sim.state().agents;
    double still = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
      still += a.cell_type(i) == CellType::PreOsteoclast && a.lineage[i] == kLineageDendritic;
    REQUIRE(seen.size() > 50);
    return 1.0 - still / static_cast<double>(seen.size());
  };
  const double faster = fused_share(dcs), same = fused_share(off);
  CHECK(faster > 1.3 * same);
}

TEST_CASE("dendritic_rankl_t_cell_crosstalk: RANKL on activated T cells prolongs DC survival", "[immune_b]") {
  // DCs with an effector CD4 T cell beside each, a short DC life, no entry and no DC osteoclastogenesis.
  const Overrides base{"rules.dendritic_cell_life.initial_density=0.05", "rules.dendritic_cell_life.rate=0",
                       "rules.dendritic_cell_life.death=1 1/day", "rules.dendritic_osteoclastogenesis.enabled=false",
                       "rules.test_b.t_beside_dc=true", "rules.test_b.t_state=1"};
  // A nude host: no T cells but those placed here.
  auto survivors = [](const Overrides& o) {
    Simulation sim(config_of(b_world(3, "host: {genotype: {nude: true}}\n", 32), o), kTestSeed);
    run_each(sim, [](const Simulation&) {});
    return dendritic_count(sim);
  };
  Overrides off = base;
  off.push_back("rules.dendritic_rankl_t_cell_crosstalk.enabled=false");
  Overrides ko = base;
  ko.push_back("rules.test_b.t_rankl_ko=true");
  Overrides naive = base;
  naive.push_back("rules.test_b.t_state=0");
  const std::size_t with_rankl = survivors(base), without = survivors(off);
  // Death rate halved for a DC with one such T cell (p = 0.5): survival e^-1.5 against e^-3 over 3 days.
  CHECK(with_rankl > 2 * without);
  CHECK(without > 0);
  // T cells without RANKL do nothing: the rule draws nothing, so the runs are identical. Resting T cells
  // do not express RANKL (some may be activated by other rules while the DC lives).
  CHECK(survivors(ko) == without);
  CHECK(survivors(naive) < (with_rankl + without) / 2);
}
