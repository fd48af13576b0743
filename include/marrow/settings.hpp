#pragma once
// Every configurable quantity of Marrow is a Setting, declared exactly once (name, kind, unit, default,
// range, source) by the module that uses it, through a static SettingRegistrar. The registry is the
// schema the config loader validates against, what `marrow check` prints and what docs/model.md lists.
//
// Keys are dotted paths that mirror the YAML nesting: "grid.nx" is `grid: {nx: ...}`,
// "rules.osteoclastogenesis.km_rankl" is `rules: {osteoclastogenesis: {km_rankl: ...}}`.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace marrow {

enum class SettingKind {
  Integer,   // whole number, no unit
  Real,      // dimensionless real number
  Quantity,  // real number with a unit; `unit` is the declared unit (udunits-2 syntax, "M" = mol/L)
  Choice,    // one of `choices`
  Boolean,   // true / false
  Text,      // free text
};

struct SettingSpec {
  std::string key;
  SettingKind kind = SettingKind::Real;
  std::string unit;  // Quantity only: the declared unit a bare number is read in
  // Default per species (mouse, human); for Choice/Text, default_text is used.
  double default_mouse = 0.0;
  double default_human = 0.0;
  std::string default_text;
  double min = -1e300;  // inclusive range, in `unit`
  double max = 1e300;
  std::vector<std::string> choices;
  std::string source;       // seed sentence, paper (author year) or "assumed"
  std::string description;  // one line
  bool min_exclusive = false;  // true: the value must be > min (e.g. a duration), not >= min
};

class SettingRegistry {
 public:
  static SettingRegistry& global();
  void add(SettingSpec spec);  // throws std::logic_error on a duplicate key
  const SettingSpec* find(const std::string& key) const;
  const std::map<std::string, SettingSpec>& all() const { return specs_; }

 private:
  std::map<std::string, SettingSpec> specs_;
};

// Static-initialisation helper: `static SettingRegistrar reg{{ ... }, { ... }};` in a .cpp file.
struct SettingRegistrar {
  SettingRegistrar(std::initializer_list<SettingSpec> specs);
};

// Small builders that keep declarations to one line each.
SettingSpec quantity(std::string key, std::string unit, double def, double min, double max,
                     std::string source, std::string description);
SettingSpec quantity2(std::string key, std::string unit, double def_mouse, double def_human, double min,
                      double max, std::string source, std::string description);
SettingSpec integer(std::string key, long def, long min, long max, std::string source,
                    std::string description);
SettingSpec real(std::string key, double def, double min, double max, std::string source,
                 std::string description);
SettingSpec real2(std::string key, double def_mouse, double def_human, double min, double max,
                  std::string source, std::string description);
SettingSpec choice(std::string key, std::string def, std::vector<std::string> choices, std::string source,
                   std::string description);
SettingSpec boolean(std::string key, bool def, std::string source, std::string description);
// A switch whose default differs between the species (a mechanism measured in one of them only).
SettingSpec boolean2(std::string key, bool def_mouse, bool def_human, std::string source, std::string description);
SettingSpec text(std::string key, std::string def, std::string description);

}  // namespace marrow
