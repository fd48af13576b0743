// Ablation tests of tnf_p55_osteoblast_suppression: TNF through p55 lowers stromal commitment to osteoblast
// precursors and the apposition of active osteoblasts; without the rule, or without p55, it does not.
// TNF is held at 50 pM by the test-only dose (far above the p55 switch's K of 10 pM, so f = 0.992), which
// also makes osteoclasts resorb within days, so that there are pits to refill.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string kRule = "tnf_p55_osteoblast_suppression";
const std::string kP55Ko = "host: {genotype: {p55_knockout: true}}\n";
std::string world() { return small_world(12, 20, 6) + dose_yaml({{"tnf", 50}}); }
std::string set(const std::string& key, double v) { return "rules." + kRule + "." + key + "=" + std::to_string(v); }
std::string off() { return "rules." + kRule + ".enabled=false"; }

bool stromal(const AgentStore& a, std::size_t i, std::int64_t) { return a.cell_type(i) == CellType::Stromal; }
bool active_ob(const AgentStore& a, std::size_t i, std::int64_t tick) {
  return a.cell_type(i) == CellType::Osteoblast && a.state[i] == std::uint8_t(ObState::Active) &&
         a.state_tick[i] < tick;
}
}  // namespace

TEST_CASE("immune_c: TNF through p55 lowers osteoblast commitment, not without the rule or p55",
          "[immune_c][tnf_p55_osteoblast_suppression]") {
  // The bone core alone (no T cells: their Wnt10b and IL-7's factors would also move the gains).
  const Overrides on = core_only({set("commitment_inhibition", 4), set("formation_inhibition", 0)});
  const Overrides without = core_only({set("commitment_inhibition", 4), set("formation_inhibition", 0), off()});
  // The factor is the equation's: 1 / (1 + 4 * 50^3 / (50^3 + 10^3)) = 0.2016 at 50 pM (more TNF: lower).
  const double g = mean_column_over_ticks(config_of(world(), on), &AgentStore::differentiation_gain, stromal);
  CHECK(g == Approx(1.0 / (1.0 + 4.0 * 125000.0 / 126000.0)).margin(0.002));
  CHECK(mean_column_over_ticks(config_of(world(), without), &AgentStore::differentiation_gain, stromal) == 1.0);
  const std::vector<std::string> reads{"counts/osteoblast_precursor", "bone/formed"};
  const auto with_rule = run_means(config_of(world(), on), reads);
  const auto no_rule = run_means(config_of(world(), without), reads);
  REQUIRE(no_rule.at("counts/osteoblast_precursor") > 5);
  CHECK(with_rule.at("counts/osteoblast_precursor") < 0.6 * no_rule.at("counts/osteoblast_precursor"));
  CHECK(with_rule.at("bone/formed") < no_rule.at("bone/formed"));
  // Without p55 the rule does nothing: the run is the same as without the rule, digit for digit.
  const auto ko_with = run_means(config_of(world() + kP55Ko, on), reads);
  const auto ko_without = run_means(config_of(world() + kP55Ko, without), reads);
  CHECK(ko_with == ko_without);
}

TEST_CASE("immune_c: TNF through p55 slows apposition by active osteoblasts, not without the rule",
          "[immune_c][tnf_p55_osteoblast_suppression]") {
  const Overrides on = core_only({set("commitment_inhibition", 0), set("formation_inhibition", 1)});
  const Overrides without = core_only({set("commitment_inhibition", 0), set("formation_inhibition", 1), off()});
  const double g = mean_column_over_ticks(config_of(world(), on), &AgentStore::formation_gain, active_ob);
  REQUIRE(g > 0);  // active osteoblasts were there to measure
  CHECK(g == Approx(1.0 / (1.0 + 125000.0 / 126000.0)).margin(0.002));
  const auto with_rule = run_means(config_of(world(), on), {"bone/formed"});
  const auto no_rule = run_means(config_of(world(), without), {"bone/formed"});
  REQUIRE(no_rule.at("bone/formed") > 0);
  CHECK(with_rule.at("bone/formed") < 0.8 * no_rule.at("bone/formed"));
}

TEST_CASE("immune_c: the osteoblast suppression is switch-like: little at basal marrow TNF",
          "[immune_c][tnf_p55_osteoblast_suppression]") {
  // At 3.5 pM (basal marrow TNF) the p55 switch gives f = 0.041: the gain stays within 15% of 1 even at
  // the commitment strength 4, while at 50 pM it is a fifth.
  const Overrides on = core_only({set("commitment_inhibition", 4)});
  const ResolvedConfig basal_tnf = config_of(small_world(4, 20, 6) + dose_yaml({{"tnf", 3.5}}), on);
  const double basal = mean_column_over_ticks(basal_tnf, &AgentStore::differentiation_gain, stromal);
  CHECK(basal > 0.85);
  CHECK(basal < 1.0);
}
