// Ablation tests of sofat_osteoclastogenesis, sofat_osteoblast_il6, il6_osteoclastogenesis and
// il17_osteoblast_rankl.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string kShort = small_world(2, 20, 6);
const std::string kWeek = small_world(8, 20, 6);
std::string off(const std::string& rule) { return "rules." + rule + ".enabled=false"; }
}  // namespace

TEST_CASE("immune_c: SOFAT forms osteoclasts without RANKL, insensitive to OPG, still needing M-CSF",
          "[immune_c][sofat_osteoclastogenesis]") {
  // Saturating OPG-Fc (100 nM) binds the RANKL the stroma makes.
  const std::string opg = "treatments: {opg: {dose: 100000 pM}}\n";
  const std::string sofat = dose_yaml({{"sofat", 200}});
  const RunTotals opg_only = run_totals(config_of(kWeek + opg));
  const RunTotals on = run_totals(config_of(kWeek + opg + sofat));
  const RunTotals without = run_totals(config_of(kWeek + opg + sofat, {off("sofat_osteoclastogenesis")}));
  CHECK(on.preoc_ticks > 500);  // a few pre-osteoclasts at any time
  CHECK(on.preoc_ticks > 10 * (opg_only.preoc_ticks + 1));
  CHECK(without.preoc_ticks < 0.1 * on.preoc_ticks);
  CHECK(on.oc_ticks > 0);  // and they fuse into osteoclasts
  CHECK(without.oc_ticks == 0);
  SECTION("no M-CSF, no osteoclasts, SOFAT or not") {
    const std::string C = "rules.stromal_osteoblast_cytokines.";
    const RunTotals t = run_totals(config_of(kWeek + opg + sofat, {C + "stromal_mcsf=0", C + "osteoblast_mcsf=0"}));
    CHECK(t.preoc_ticks == 0);
    CHECK(t.oc_ticks == 0);
  }
}

TEST_CASE("immune_c: SOFAT makes osteoblasts produce IL-6", "[immune_c][sofat_osteoblast_il6]") {
  const std::vector<std::string> r = {"secretion/il6_per_osteoblast", "fields/il6/mean"};
  const std::string sofat = dose_yaml({{"sofat", 200}});
  auto base = run_means(config_of(kShort), r), with = run_means(config_of(kShort + sofat), r);
  auto without = run_means(config_of(kShort + sofat, {off("sofat_osteoblast_il6")}), r);
  CHECK(base["secretion/il6_per_osteoblast"] > 0);                                       // basal
  CHECK(with["secretion/il6_per_osteoblast"] > 20 * base["secretion/il6_per_osteoblast"]);  // 0.005 + 0.5 * 0.91
  CHECK(with["fields/il6/mean"] > 20 * base["fields/il6/mean"]);
  CHECK(without["secretion/il6_per_osteoblast"] < 0.05 * with["secretion/il6_per_osteoblast"]);
}

TEST_CASE("immune_c: IL-6 supports osteoclastogenesis", "[immune_c][il6_osteoclastogenesis]") {
  const std::string il6 = dose_yaml({{"il6", 200}});
  const std::string rule = "il6_osteoclastogenesis";
  // 1 + 0.91 = 1.9 at 10 K.
  CHECK(mean_monocyte_column(config_of(kShort + il6), &AgentStore::differentiation_gain) >
        1.6 * mean_monocyte_column(config_of(kShort + il6, {off(rule)}), &AgentStore::differentiation_gain));
  const Differentiation on = differentiation(config_of(kWeek + il6));
  const Differentiation without = differentiation(config_of(kWeek + il6, {off(rule)}));
  CHECK(on.hazard() > 1.3 * without.hazard());
}

TEST_CASE("immune_c: IL-17 raises osteoblast and stromal RANKL, not without its receptor",
          "[immune_c][il17_osteoblast_rankl]") {
  const std::vector<std::string> r = {"secretion/rankl_per_stromal", "fields/rankl/mean"};
  const std::string il17 = dose_yaml({{"il17", 200}});
  auto ratio = [&](const std::string& extra, const Overrides& o = {}) {
    return run_means(config_of(kShort + extra + il17, o), r)[r[0]] / run_means(config_of(kShort + extra, o), r)[r[0]];
  };
  CHECK(ratio("") > 2.2);  // 1 + 2 * 0.91 = 2.8
  CHECK(ratio("", {off("il17_osteoblast_rankl")}) == Approx(1.0).epsilon(0.02));
  CHECK(ratio("host: {genotype: {il17r_knockout: true}}\n") == Approx(1.0).epsilon(0.02));
  // Neutralising antibody at 100 nM clears IL-17 about 130 times faster than its own decay.
  CHECK(ratio("treatments: {anti_il17: {dose: 100000 pM}}\n") < 1.3);
  SECTION("osteoblasts too: more marrow RANKL") {
    auto on = run_means(config_of(kShort + il17), r), without = run_means(config_of(kShort + il17, {off("il17_osteoblast_rankl")}), r);
    CHECK(on["fields/rankl/mean"] > 1.5 * without["fields/rankl/mean"]);
  }
}
