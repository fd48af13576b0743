// Resolution of each key for each arm (default < base file < arm < --set), species-specific defaults,
// arm order, the Experiment fields, the accessors and the to_yaml round trip. The test.* settings are
// registered in test_registry.cpp.
#include <catch2/catch.hpp>

#include "marrow/config.hpp"
#include "marrow/settings.hpp"

using namespace marrow;
using Catch::Matchers::Contains;

TEST_CASE("without arms there is one arm named default, filled from the registry", "[resolve]") {
  Experiment ex = parse_experiment("", "empty.yaml");
  REQUIRE(ex.arms.size() == 1);
  CHECK(ex.arms[0].name == "default");
  const auto& c = ex.arms[0].config;
  CHECK(c.text("name") == "experiment");
  CHECK(c.number("duration") == 30);
  CHECK(c.text("species") == "mouse");
  CHECK(c.integer("test.grid.nx") == 40);
  CHECK(c.flag("test.enabled"));
  CHECK(c.text("test.label") == "x");
  CHECK(c.value("test.length").origin == "default");
  CHECK(ex.name == "experiment");
  CHECK(ex.seed == 1);
  CHECK(ex.replicates == 1);
  CHECK(ex.source_file == "empty.yaml");
  for (const auto& [key, spec] : SettingRegistry::global().all()) CHECK(c.values().count(key) == 1);
}

TEST_CASE("resolution order is default < base < arm < --set", "[resolve]") {
  const std::string y =
      "name: order\n"
      "test:\n"
      "  ratio: 0.2\n"
      "  length: 20 um\n"
      "arms:\n"
      "  a:\n"
      "    test: {ratio: 0.3}\n"
      "  b: {}\n";
  Experiment ex = parse_experiment(y, "x.yaml");
  REQUIRE(ex.arms.size() == 2);
  const auto& a = ex.arms[0].config;
  const auto& b = ex.arms[1].config;
  CHECK(a.number("test.ratio") == 0.3);
  CHECK(a.value("test.ratio").origin == "x.yaml:7:19");
  CHECK(b.number("test.ratio") == 0.2);
  CHECK(b.value("test.ratio").origin == "x.yaml:3:10");
  CHECK(a.number("test.length") == 20);
  CHECK(a.number("test.grid.nx") == 40);
  CHECK(a.value("test.grid.nx").origin == "default");

  Experiment set = parse_experiment(y, "x.yaml", {"test.ratio=0.9", "duration=20d", "test.grid.nx=30"});
  for (const auto& arm : set.arms) {
    CHECK(arm.config.number("test.ratio") == 0.9);
    CHECK(arm.config.value("test.ratio").origin == "--set");
    CHECK(arm.config.number("duration") == 20);
    CHECK(arm.config.integer("test.grid.nx") == 30);
    CHECK(arm.config.number("test.length") == 20);
  }
  // The last --set of a key wins.
  CHECK(parse_experiment(y, "x.yaml", {"test.ratio=0.1", "test.ratio=0.4"}).arms[0].config.number("test.ratio") ==
        0.4);
}

TEST_CASE("quantities are converted to the declared unit when loaded", "[resolve]") {
  const std::string y =
      "duration: 12 h\n"
      "test:\n"
      "  diffusion: 2400 um^2/min\n"
      "  conc: 0.05 nM\n"
      "  rate: 0.06 1/min\n"
      "  time: 0.5 day\n"
      "  length: 15\n";
  const Experiment ex = parse_experiment(y, "q.yaml");
  const auto& c = ex.arms[0].config;
  CHECK(c.number("duration") == Approx(0.5));
  CHECK(c.number("test.diffusion") == Approx(40));
  CHECK(c.number("test.conc") == Approx(50));
  CHECK(c.number("test.rate") == Approx(1e-3));
  CHECK(c.number("test.time") == Approx(12));
  CHECK(c.number("test.length") == 15);  // bare number: declared unit (um)
  CHECK(c.text("test.diffusion") == "2400 um^2/min");  // as written
}

TEST_CASE("species picks the defaults, resolved per arm like any key", "[resolve]") {
  const std::string y =
      "arms:\n"
      "  m: {}\n"
      "  h: {species: human}\n"
      "  h2:\n"
      "    species: human\n"
      "    test: {conc: 10}\n";
  Experiment ex = parse_experiment(y, "s.yaml");
  REQUIRE(ex.arms.size() == 3);
  CHECK(ex.arms[0].config.number("test.conc") == 50);
  CHECK(ex.arms[0].config.number("test.deep.nested.value") == 1);
  CHECK(ex.arms[1].config.number("test.conc") == 80);
  CHECK(ex.arms[1].config.number("test.deep.nested.value") == 2);
  CHECK(ex.arms[2].config.number("test.conc") == 10);
  // A switch with species-specific defaults resolves like a number.
  CHECK_FALSE(ex.arms[0].config.flag("test.human_only"));
  CHECK(ex.arms[1].config.flag("test.human_only"));
  CHECK(ex.arms[1].config.value("test.human_only").text == "true");
  Experiment all_human = parse_experiment(y, "s.yaml", {"species=human"});
  for (const auto& arm : all_human.arms) CHECK(arm.config.text("species") == "human");
  CHECK(all_human.arms[0].config.number("test.conc") == 80);
}

TEST_CASE("arms keep file order", "[resolve]") {
  Experiment ex = parse_experiment("arms:\n  zeta: {}\n  alpha: {}\n  mid: {}\n", "o.yaml");
  REQUIRE(ex.arms.size() == 3);
  CHECK(ex.arms[0].name == "zeta");
  CHECK(ex.arms[1].name == "alpha");
  CHECK(ex.arms[2].name == "mid");
}

TEST_CASE("name, seed and replicates fill the Experiment", "[resolve]") {
  Experiment ex = parse_experiment("name: trial\nseed: 9007199254740993\nreplicates: 3\n", "e.yaml");
  CHECK(ex.name == "trial");
  CHECK(ex.seed == 9007199254740993ull);  // 2^53 + 1: exact, not through a double
  CHECK(ex.replicates == 3);
  CHECK(parse_experiment("seed: 7\n", "e.yaml", {"seed=8"}).seed == 8);
}

TEST_CASE("accessors reject missing keys and wrong kinds", "[resolve]") {
  const auto c = parse_experiment("", "a.yaml").arms[0].config;
  CHECK_THROWS_AS(c.number("no.such.key"), std::out_of_range);
  CHECK_THROWS_WITH(c.value("no.such.key"), Contains("no.such.key"));
  CHECK_THROWS_WITH(c.text("no.such.key"), Contains("no.such.key"));
  CHECK_THROWS_AS(c.integer("test.ratio"), std::logic_error);
  CHECK_THROWS_AS(c.integer("no.such.key"), std::out_of_range);
  CHECK(c.integer("seed") == 1);
}

TEST_CASE("to_yaml writes nested YAML with units that loads back to the same values", "[resolve]") {
  const std::string y =
      "name: round trip\n"
      "description: \"with \\\"quotes\\\" and: colons\"\n"
      "duration: 6 h\n"
      "species: human\n"
      "test:\n"
      "  ratio: 0.1\n"
      "  rate: 0.1 1/min\n"
      "  enabled: false\n"
      "  label: \"true\"\n"
      "  mode: slow\n";
  const auto c = parse_experiment(y, "r.yaml").arms[0].config;
  const std::string out = c.to_yaml();
  CHECK_THAT(out, Contains("duration: 0.25 day\n"));
  CHECK_THAT(out, Contains("test:\n"));
  CHECK_THAT(out, Contains("  grid:\n    nx: 40\n    ny: 40\n"));
  CHECK_THAT(out, Contains("  deep:\n    nested:\n      value: 2\n"));
  CHECK_THAT(out, Contains("  rate: 0.0016666666666666668 1/s\n"));
  CHECK_THAT(out, Contains("species: human\n"));
  CHECK_THAT(out, Contains("  label: \"true\"\n"));  // would read as a boolean elsewhere: quoted
  CHECK_THAT(out, Contains("description: \"with \\\"quotes\\\" and: colons\"\n"));
  CHECK(out == c.to_yaml());  // deterministic
  const auto back = parse_experiment(out, "back.yaml").arms[0].config;
  REQUIRE(back.values().size() == c.values().size());
  for (const auto& [key, v] : c.values()) {
    INFO(key);
    CHECK(back.value(key).number == v.number);
    if (key != "test.rate" && key != "duration") {
      const SettingSpec* s = SettingRegistry::global().find(key);
      if (s->kind == SettingKind::Text || s->kind == SettingKind::Choice) CHECK(back.value(key).text == v.text);
    }
  }
  CHECK(back.text("description") == "with \"quotes\" and: colons");
  CHECK(back.text("test.label") == "true");
  CHECK_FALSE(back.flag("test.enabled"));
}
