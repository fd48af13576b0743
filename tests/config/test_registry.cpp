// The settings registry: builders, duplicate and malformed registrations, the top-level settings the
// loader registers itself, and the test.* settings the other config tests use (registered here, from
// a static initialiser, as the rules of the model do).
#include <catch2/catch.hpp>

#include "marrow/settings.hpp"

using namespace marrow;

namespace {
const SettingRegistrar test_settings{
    integer("test.grid.nx", 40, 1, 1000, "assumed", "test integer"),
    integer("test.grid.ny", 40, 1, 1000, "assumed", "test integer"),
    quantity("test.length", "um", 10, 0, 1000, "assumed", "test length"),
    quantity("test.diffusion", "um^2/s", 40, 0, 1e6, "assumed", "test diffusivity"),
    quantity2("test.conc", "pM", 50, 80, 0, 1e6, "assumed", "test concentration, species-specific"),
    quantity("test.rate", "1/s", 1e-3, 0, 10, "assumed", "test rate"),
    quantity("test.time", "h", 6, 0, 1e4, "assumed", "test time"),
    real("test.ratio", 0.5, 0, 1, "assumed", "test fraction"),
    real2("test.deep.nested.value", 1, 2, -10, 10, "assumed", "test species-specific real"),
    choice("test.mode", "fast", {"fast", "slow"}, "assumed", "test choice"),
    boolean("test.enabled", true, "assumed", "test flag"),
    boolean2("test.human_only", false, true, "assumed", "test flag, on in the human set only"),
    text("test.label", "x", "test text"),
};
}  // namespace

TEST_CASE("builders fill a SettingSpec", "[registry]") {
  auto q = quantity("a.b", "um", 3, 0, 5, "Smith 2001", "d");
  CHECK(q.kind == SettingKind::Quantity);
  CHECK(q.unit == "um");
  CHECK(q.default_mouse == 3);
  CHECK(q.default_human == 3);
  CHECK(q.min == 0);
  CHECK(q.max == 5);
  CHECK(q.source == "Smith 2001");
  auto q2 = quantity2("a.c", "h", 1, 2, 0, 5, "s", "d");
  CHECK(q2.default_mouse == 1);
  CHECK(q2.default_human == 2);
  auto i = integer("a.i", 4, 1, 9, "s", "d");
  CHECK(i.kind == SettingKind::Integer);
  CHECK(i.default_mouse == 4);
  CHECK(i.max == 9);
  CHECK(real2("a.r", 1, 2, 0, 3, "s", "d").kind == SettingKind::Real);
  auto c = choice("a.k", "x", {"x", "y"}, "s", "d");
  CHECK(c.kind == SettingKind::Choice);
  CHECK(c.default_text == "x");
  CHECK(c.choices.size() == 2);
  auto b = boolean("a.f", true, "s", "d");
  CHECK(b.kind == SettingKind::Boolean);
  CHECK(b.default_mouse == 1.0);
  CHECK(b.default_human == 1.0);
  auto b2 = boolean2("a.g", false, true, "s", "d");
  CHECK(b2.kind == SettingKind::Boolean);
  CHECK(b2.default_mouse == 0.0);
  CHECK(b2.default_human == 1.0);
  auto t = text("a.t", "hello", "d");
  CHECK(t.kind == SettingKind::Text);
  CHECK(t.default_text == "hello");
}

TEST_CASE("duplicate and malformed registrations are logic errors", "[registry]") {
  SettingRegistry reg;
  reg.add(integer("x.n", 1, 0, 5, "s", "d"));
  CHECK_THROWS_AS(reg.add(integer("x.n", 1, 0, 5, "s", "d")), std::logic_error);
  CHECK_THROWS_AS(reg.add(real("x", 1, 0, 5, "s", "d")), std::logic_error);      // x is a group
  CHECK_THROWS_AS(reg.add(real("x.n.m", 1, 0, 5, "s", "d")), std::logic_error);  // x.n is a value
  CHECK_THROWS_AS(reg.add(real("x.bad", 9, 0, 5, "s", "d")), std::logic_error);  // default out of range
  CHECK_THROWS_AS(reg.add(choice("x.c", "z", {"a", "b"}, "s", "d")), std::logic_error);
  CHECK_THROWS_AS(reg.add(real("x..y", 1, 0, 5, "s", "d")), std::logic_error);
  REQUIRE(reg.find("x.n") != nullptr);
  CHECK(reg.find("x.m") == nullptr);
  CHECK(reg.all().size() == 1);
  CHECK_THROWS_AS(SettingRegistry::global().add(text("test.label", "y", "d")), std::logic_error);
}

TEST_CASE("the loader registers the top-level settings", "[registry]") {
  const auto& reg = SettingRegistry::global();
  const SettingSpec* name = reg.find("name");
  REQUIRE(name);
  CHECK(name->kind == SettingKind::Text);
  CHECK(name->default_text == "experiment");
  REQUIRE(reg.find("description"));
  const SettingSpec* seed = reg.find("seed");
  REQUIRE(seed);
  CHECK(seed->kind == SettingKind::Integer);
  CHECK(seed->default_mouse == 1);
  CHECK(seed->min == 0);
  const SettingSpec* reps = reg.find("replicates");
  REQUIRE(reps);
  CHECK(reps->min == 1);
  CHECK(reps->max == 10000);
  const SettingSpec* duration = reg.find("duration");
  REQUIRE(duration);
  CHECK(duration->kind == SettingKind::Quantity);
  CHECK(duration->unit == "day");
  CHECK(duration->default_mouse == 30);
  CHECK(duration->min_exclusive);
  const SettingSpec* species = reg.find("species");
  REQUIRE(species);
  CHECK(species->kind == SettingKind::Choice);
  CHECK(species->default_text == "mouse");
  CHECK(species->choices == std::vector<std::string>{"mouse", "human"});
  CHECK(reg.find("test.grid.nx"));
}
