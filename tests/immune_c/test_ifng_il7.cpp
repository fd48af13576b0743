// Ablation tests of ifng_precursor_block, il7_production and il7_direct_inhibition.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string kShort = small_world(2, 20, 6);
const std::string kWeek = small_world(8, 20, 6);
// TNF held at 50 pM: in these small worlds osteoclasts then form within days (without it not within two
// weeks), so that both arms of a comparison have osteoclasts and remodeling.
const std::string kInflamed = dose_yaml({{"tnf", 50}});
std::string off(const std::string& rule) { return "rules." + rule + ".enabled=false"; }
}  // namespace

TEST_CASE("immune_c: IFN-gamma acting on precursors blocks osteoclastogenesis, not without its receptor",
          "[immune_c][ifng_precursor_block]") {
  // 500 pM = 10 K_ifng at the default half-saturation (50 pM).
  const std::string ifng = "treatments: {ifng: {dose: 500 pM}}\n";
  const Differentiation on = differentiation(config_of(kWeek + kInflamed + ifng));
  const Differentiation without = differentiation(config_of(kWeek + kInflamed + ifng, {off("ifng_precursor_block")}));
  REQUIRE(without.oc_ticks > 0);
  // At 10 K the rate is divided by 1 + 9 * 0.91 = 9.2.
  // Monocytes that wait longer gather where RANKL is high (chemotaxis), so the hazard falls less than
  // the rate constant.
  CHECK(on.hazard() < 0.5 * without.hazard());
  CHECK(mean_monocyte_column(config_of(kShort + ifng), &AgentStore::differentiation_gain) <
        0.2 * mean_monocyte_column(config_of(kShort + ifng, {off("ifng_precursor_block")}), &AgentStore::differentiation_gain));
  CHECK(on.oc_ticks < 0.5 * without.oc_ticks);
  SECTION("IFN-gamma receptor-deficient precursors are not blocked") {
    const std::string ko = kWeek + kInflamed + ifng + "host: {genotype: {ifngr_knockout: true}}\n";
    const RunTotals ko_on = run_totals(config_of(ko)), ko_off = run_totals(config_of(ko, {off("ifng_precursor_block")}));
    CHECK(ko_on.preoc_ticks == ko_off.preoc_ticks);
    CHECK(ko_on.oc_ticks == ko_off.oc_ticks);
    CHECK(ko_on.resorbed_um3 == ko_off.resorbed_um3);
    CHECK(ko_on.resorbed_um3 > 0);
  }
}

TEST_CASE("immune_c: the IFN-gamma block is switch-like: almost no block at basal marrow IFN-gamma, unlike with n = 1",
          "[immune_c][ifng_precursor_block]") {
  // Basal marrow IFN-gamma here is ~1-2 pM (T cells), far below K (50 pM). The ratio of the monocytes'
  // differentiation gain with and without the rule is the basal block.
  const double off_gain = mean_monocyte_column(config_of(kShort, {off("ifng_precursor_block")}), &AgentStore::differentiation_gain);
  const double on_gain = mean_monocyte_column(config_of(kShort), &AgentStore::differentiation_gain);
  const double hill1_gain =
      mean_monocyte_column(config_of(kShort, {"rules.ifng_precursor_block.hill=1"}), &AgentStore::differentiation_gain);
  REQUIRE(off_gain > 0);
  CHECK(on_gain > 0.98 * off_gain);
  CHECK(hill1_gain < 0.9 * off_gain);
}

TEST_CASE("immune_c: stromal and dendritic cells make IL-7, more without estrogen", "[immune_c][il7_production]") {
  const std::vector<std::string> r = {"secretion/il7_per_stromal", "fields/il7/mean"};
  auto on = run_means(config_of(kShort), r), without = run_means(config_of(kShort, {off("il7_production")}), r);
  CHECK(on["secretion/il7_per_stromal"] > 0);
  CHECK(without["secretion/il7_per_stromal"] < 0.1 * on["secretion/il7_per_stromal"]);
  CHECK(without["fields/il7/mean"] < 0.2 * on["fields/il7/mean"]);
  // Estrogen falls to 0.1 within hours: 1 + 0.9 w = 1.9-fold.
  auto ovx = run_means(config_of(kShort + "host: {estrogen: {schedule: ovx, ovx_day: 0 d, decline_time: 0.05 d}}\n"), r);
  CHECK(ovx["secretion/il7_per_stromal"] > 1.6 * on["secretion/il7_per_stromal"]);
  SECTION("dendritic cells placed in the marrow secrete IL-7") {
    for (const bool enabled : {true, false}) {
      Simulation sim(config_of(kShort, enabled ? Overrides{} : Overrides{off("il7_production")}), 3);
      SimState& s = sim.mutable_state();
      std::vector<std::uint64_t> ids;
      for (std::size_t v = 0; v < s.grid.size() && ids.size() < 10; v += 37)
        if (!s.bone.solid[v] && s.occupant[v] < 0) {
          const int x = int(v % s.grid.nx), y = int((v / s.grid.nx) % s.grid.ny), z = int(v / (s.grid.nx * s.grid.ny));
          const std::size_t i = s.agents.add(CellType::Dendritic, 0, x, y, z, s.tick);
          s.agents.genotype[i] = 0;
          ids.push_back(s.agents.id[i]);
        }
      s.rebuild_occupancy();
      sim.step();
      double q = 0;
      int n = 0;
      const AgentStore& a = sim.state().agents;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (std::find(ids.begin(), ids.end(), a.id[i]) != ids.end() && a.cell_type(i) == CellType::Dendritic) {
          q += a.secretion[kIl7][i];
          ++n;
        }
      REQUIRE(n > 0);
      if (enabled) CHECK(q / n > 0.05);
      else CHECK(q == 0);
    }
  }
}

TEST_CASE("immune_c: IL-7 directly inhibits OC precursors and slows bone formation",
          "[immune_c][il7_direct_inhibition]") {
  const std::string il7 = "treatments: {il7: {dose: 500 pM}}\n";
  const std::string rule = "il7_direct_inhibition";
  SECTION("precursors") {
    const Differentiation on = differentiation(config_of(kWeek + il7));
    const Differentiation without = differentiation(config_of(kWeek + il7, {off(rule)}));
    CHECK(on.hazard() < 0.85 * without.hazard());
    CHECK(mean_monocyte_column(config_of(kShort + il7), &AgentStore::differentiation_gain) <
          0.6 * mean_monocyte_column(config_of(kShort + il7, {off(rule)}), &AgentStore::differentiation_gain));
  }
  SECTION("formation, with the precursor effect off in both arms") {
    const std::string world = small_world(12, 20, 6) + kInflamed + il7;
    // The bone core alone in both arms: formation_gain is the product of every rule's factor, and T cells
    // (which the IL-7 dose expands) raise it through t_cell_osteoblast_support; this isolates IL-7's
    // direct factor on osteoblasts.
    const std::string no_precursor_effect = "rules." + rule + ".precursor_inhibition=0";
    const Overrides ob_only = core_only({no_precursor_effect});
    double gain_sum = 0, gain_n = 0;
    auto record_gain = [&](Simulation& sim) {
      const AgentStore& a = sim.state().agents;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (a.cell_type(i) == CellType::Osteoblast && a.state[i] == std::uint8_t(ObState::Active) &&
            a.state_tick[i] < sim.state().tick - 1) {
          gain_sum += a.formation_gain[i];
          gain_n += 1;
        }
    };
    auto on = run_means(config_of(world, ob_only), {"bone/formed"}, record_gain);
    REQUIRE(gain_n > 0);
    CHECK(gain_sum / gain_n < 0.6);  // 1 / 1.9
    auto without = run_means(config_of(world, core_only({no_precursor_effect, off(rule)})), {"bone/formed"});
    CHECK(on["bone/formed"] < 0.8 * without["bone/formed"]);
  }
}
