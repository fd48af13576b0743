// Every validation error carries file:line:col (1-based) of the offending node and a readable message:
// unknown keys with a suggestion, duplicates, types, units, ranges, choices, --set, missing files and
// YAML syntax. Also checks that YAML 1.1 surprises (010 as octal, yes as true) are not read silently.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>

#include "marrow/config.hpp"

using namespace marrow;
using Catch::Matchers::Contains;

namespace {
// Runs the loader and returns the ConfigError it must throw.
ConfigError error_of(const std::string& yaml, const Overrides& overrides = {}) {
  try {
    parse_experiment(yaml, "bad.yaml", overrides);
  } catch (const ConfigError& e) {
    return e;
  }
  FAIL("no ConfigError for:\n" << yaml);
  throw;  // unreachable
}
}  // namespace

TEST_CASE("ConfigError formats file:line:col", "[errors]") {
  ConfigError e("f.yaml", 3, 7, "boom");
  CHECK(std::string(e.what()) == "f.yaml:3:7: boom");
  CHECK(std::string(ConfigError("--set", 0, 0, "boom").what()) == "--set: boom");
}

TEST_CASE("a typo'd key names the nearest valid key", "[errors]") {
  auto e = error_of(
      "name: t\n"
      "test:\n"
      "  grid:\n"
      "    nz: 4\n");
  CHECK(e.file() == "bad.yaml");
  CHECK(e.line() == 4);
  CHECK(e.column() == 5);
  CHECK(e.message() == "unknown key 'test.grid.nz'; did you mean 'test.grid.nx'?");
  CHECK_THAT(std::string(e.what()), Contains("bad.yaml:4:5: unknown key"));

  auto top = error_of("duratoin: 3\n");
  CHECK(top.line() == 1);
  CHECK(top.column() == 1);
  CHECK(top.message() == "unknown key 'duratoin'; did you mean 'duration'?");

  auto misplaced = error_of("ratio: 0.5\n");  // right name, wrong level
  CHECK(misplaced.message() == "unknown key 'ratio'; did you mean 'test.ratio'?");

  auto far = error_of("test:\n  zzzzzzzz: 1\n");
  CHECK(far.message() == "unknown key 'test.zzzzzzzz'");
  CHECK(far.line() == 2);
  CHECK(far.column() == 3);
}

TEST_CASE("a duplicate key is reported at its second occurrence", "[errors]") {
  auto e = error_of(
      "test:\n"
      "  grid:\n"
      "    nx: 4\n"
      "    ny: 5\n"
      "    nx: 6\n");
  CHECK(e.line() == 5);
  CHECK(e.column() == 5);
  CHECK(e.message() == "duplicate key 'nx' (first at 3:5)");

  auto top = error_of("seed: 1\nname: a\nseed: 2\n");
  CHECK(top.line() == 3);
  CHECK(top.column() == 1);
  CHECK(top.message() == "duplicate key 'seed' (first at 1:1)");

  auto arm = error_of("arms:\n  a: {}\n  a: {}\n");
  CHECK(arm.line() == 3);
  CHECK(arm.column() == 3);
  CHECK_THAT(arm.message(), Contains("duplicate arm 'a'"));
}

TEST_CASE("a wrong unit names the unit found and the unit expected", "[errors]") {
  auto e = error_of("test:\n  length: 40 kg\n");
  CHECK(e.line() == 2);
  CHECK(e.column() == 11);
  CHECK(e.message() == "'test.length': unit 'kg' is not convertible to 'um' in '40 kg'");

  auto unknown = error_of("duration: 3 fortnights-ish\n");
  CHECK(unknown.line() == 1);
  CHECK(unknown.column() == 11);
  CHECK_THAT(unknown.message(), Contains("unknown unit 'fortnights-ish'") && Contains("'day'"));
}

TEST_CASE("an out-of-range value states the range with its unit", "[errors]") {
  auto e = error_of("test:\n  length: 2 mm\n");
  CHECK(e.line() == 2);
  CHECK(e.column() == 11);
  CHECK(e.message() == "'test.length': 2 mm (= 2000 um) is out of range: must be in [0, 1000] um");

  auto r = error_of("test:\n  ratio: 1.5\n");
  CHECK(r.line() == 2);
  CHECK(r.column() == 10);
  CHECK(r.message() == "'test.ratio': 1.5 is out of range: must be in [0, 1]");

  auto d = error_of("duration: 0\n");
  CHECK(d.message() == "'duration': 0 day is out of range: must be > 0 day");

  auto reps = error_of("replicates: 0\n");
  CHECK(reps.line() == 1);
  CHECK(reps.column() == 13);
  CHECK(reps.message() == "'replicates': 0 is out of range: must be in [1, 10000]");
}

TEST_CASE("a wrong type is reported at the value", "[errors]") {
  auto s = error_of("test:\n  grid:\n    nx: abc\n");
  CHECK(s.line() == 3);
  CHECK(s.column() == 9);
  CHECK(s.message() == "'test.grid.nx': expected a whole number, found 'abc' (not a number)");

  auto f = error_of("test:\n  grid:\n    nx: 1.5\n");
  CHECK(f.line() == 3);
  CHECK(f.column() == 9);
  CHECK(f.message() == "'test.grid.nx': expected a whole number, found '1.5'");

  auto m = error_of("test:\n  length:\n    a: 1\n");
  CHECK(m.line() == 3);
  CHECK(m.column() == 5);
  CHECK(m.message() == "'test.length': expected a single value, found a map");

  auto list = error_of("test:\n  ratio: [1, 2]\n");
  CHECK(list.line() == 2);
  CHECK(list.column() == 10);
  CHECK(list.message() == "'test.ratio': expected a single value, found a list");

  auto g = error_of("test: 3\n");
  CHECK(g.line() == 1);
  CHECK(g.column() == 7);
  CHECK_THAT(g.message(), Contains("'test' is a group of settings"));

  auto empty = error_of("test:\n  ratio:\n");
  CHECK(empty.line() == 2);
  CHECK(empty.column() == 3);
  CHECK(empty.message() == "'test.ratio': no value given");

  auto q = error_of("test:\n  length: far\n");
  CHECK(q.message() == "'test.length': expected a number with a unit like '1 um', found 'far'");
}

TEST_CASE("an unknown choice lists the valid ones", "[errors]") {
  auto e = error_of("test:\n  mode: medium\n");
  CHECK(e.line() == 2);
  CHECK(e.column() == 9);
  CHECK(e.message() == "'test.mode': unknown choice 'medium'; valid choices: fast, slow");
  auto s = error_of("species: rat\n");
  CHECK(s.message() == "'species': unknown choice 'rat'; valid choices: mouse, human");
}

TEST_CASE("yaml-cpp's octal and yes/no are not read silently", "[errors]") {
  // What yaml-cpp 0.7 would do on its own:
  CHECK(YAML::Load("010").as<int>() == 8);
  CHECK(YAML::Load("yes").as<bool>() == true);

  auto octal = error_of("test:\n  grid:\n    nx: 010\n");
  CHECK(octal.line() == 3);
  CHECK(octal.column() == 9);
  CHECK_THAT(octal.message(), Contains("'010' has a leading zero"));
  CHECK_THAT(error_of("test:\n  ratio: 00.5\n").message(), Contains("leading zero"));
  CHECK_THAT(error_of("test:\n  length: 010 um\n").message(), Contains("leading zero"));
  CHECK_THAT(error_of("test:\n  grid:\n    nx: 0x10\n").message(), Contains("expected a whole number"));

  auto yes = error_of("test:\n  enabled: yes\n");
  CHECK(yes.line() == 2);
  CHECK(yes.column() == 12);
  CHECK(yes.message() == "'test.enabled': expected true or false, found 'yes'");
  CHECK_THAT(error_of("test:\n  enabled: on\n").message(), Contains("expected true or false"));
  CHECK_THAT(error_of("test:\n  ratio: .inf\n").message(), Contains("expected a number"));

  // 0, 0.5, 10 are fine.
  auto ok = parse_experiment("test:\n  grid: {nx: 10}\n  ratio: 0.5\n  enabled: false\n", "ok.yaml");
  CHECK(ok.arms[0].config.integer("test.grid.nx") == 10);
  CHECK(ok.arms[0].config.number("test.ratio") == 0.5);
  CHECK_FALSE(ok.arms[0].config.flag("test.enabled"));
}

TEST_CASE("a bad --set is an error on --set with a suggestion", "[errors]") {
  auto e = error_of("", {"test.grid.nz=3"});
  CHECK(e.file() == "--set");
  CHECK(e.line() == 0);
  CHECK(e.column() == 0);
  CHECK(e.message() == "unknown key 'test.grid.nz'; did you mean 'test.grid.nx'?");
  CHECK(std::string(e.what()) == "--set: unknown key 'test.grid.nz'; did you mean 'test.grid.nx'?");

  auto v = error_of("", {"duration=20 kg"});
  CHECK(v.file() == "--set");
  CHECK_THAT(v.message(), Contains("'kg'") && Contains("'day'"));
  CHECK_THAT(error_of("", {"duration"}).message(), Contains("expected KEY=VALUE"));
  CHECK_THAT(error_of("", {"test=1"}).message(), Contains("group"));
}

TEST_CASE("arms cannot set experiment-wide keys", "[errors]") {
  auto e = error_of("arms:\n  a:\n    seed: 3\n");
  CHECK(e.line() == 3);
  CHECK(e.column() == 5);
  CHECK(e.message() == "'seed' applies to the whole experiment and cannot be set inside an arm");
  CHECK_THAT(error_of("arms:\n  a:\n    arms: {}\n").message(), Contains("cannot be set inside an arm"));
  CHECK_THAT(error_of("arms: 3\n").message(), Contains("'arms' must be a map"));
  auto typo = error_of("arms:\n  a:\n    test: {ratoi: 0.1}\n");
  CHECK(typo.line() == 3);
  CHECK(typo.column() == 12);
  CHECK(typo.message() == "unknown key 'test.ratoi'; did you mean 'test.ratio'?");
}

TEST_CASE("a missing file is an error naming the path, without a position", "[errors]") {
  const std::string path = "no/such/dir/experiment.yaml";
  try {
    load_experiment(path);
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(e.file() == path);
    CHECK(e.line() == 0);
    CHECK(e.column() == 0);
    CHECK_THAT(e.message(), Contains(path));
  }
}

TEST_CASE("a YAML syntax error carries a 1-based position", "[errors]") {
  auto e = error_of("name: a\ntest: [1, 2\n");
  CHECK_THAT(e.message(), Contains("YAML syntax error"));
  CHECK(e.line() >= 2);
  CHECK(e.column() >= 1);
  auto tab = error_of("name: a\n  bad indent: : :\n- x\n");
  CHECK(tab.line() >= 1);
  auto root = error_of("- a\n- b\n");
  CHECK(root.line() == 1);
  CHECK(root.column() == 1);
  CHECK_THAT(root.message(), Contains("must be a map of settings"));
}

TEST_CASE("a validation block is left to scripts/validate and changes nothing in the runs", "[errors]") {
  const std::string body = "name: t\narms:\n  a: {}\n  b: {test: {ratio: 0.25}}\n";
  const auto plain = parse_experiment(body, "plain.yaml", {});
  const auto with = parse_experiment(body + "validation:\n  expectations: [{readout: x}]\n", "v.yaml", {});
  REQUIRE(with.arms.size() == plain.arms.size());
  for (std::size_t i = 0; i < with.arms.size(); ++i)
    CHECK(with.arms[i].config.to_yaml() == plain.arms[i].config.to_yaml());
  CHECK_THAT(error_of("validation: 3\n").message(), Contains("'validation' must be a map"));
  CHECK_THAT(error_of("arms:\n  a:\n    validation: {}\n").message(), Contains("cannot be set inside an arm"));
  CHECK(error_of("validaton: {}\n").message() == "unknown key 'validaton'; did you mean 'validation'?");
}
