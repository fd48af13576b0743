// The global schema of settings: one registry per process, filled by SettingRegistrar objects in other
// translation units (often before main), plus the one-line builders used in those declarations.
#include <algorithm>
#include <stdexcept>

#include "config_detail.hpp"
#include "marrow/settings.hpp"

namespace marrow {

SettingRegistry& SettingRegistry::global() {
  // Function-local static: constructed on first use, so registrations from static initialisers in
  // any translation unit are safe whatever the initialisation order.
  static SettingRegistry registry;
  config_detail::link_experiment_settings();  // pulls the top-level settings into every link
  return registry;
}

namespace {
void check_spec(const SettingSpec& s) {
  auto fail = [&](const std::string& why) { throw std::logic_error("setting '" + s.key + "': " + why); };
  if (s.key.empty() || s.key.front() == '.' || s.key.back() == '.' || s.key.find("..") != std::string::npos)
    fail("malformed key");
  if (s.key.find_first_of(" \t\n=:#") != std::string::npos) fail("key contains a space, '=', ':' or '#'");
  if (s.min > s.max) fail("min > max");
  const bool numeric = s.kind == SettingKind::Integer || s.kind == SettingKind::Real ||
                       s.kind == SettingKind::Quantity;
  if (numeric) {
    for (double d : {s.default_mouse, s.default_human})
      if (d < s.min || d > s.max || (s.min_exclusive && d == s.min)) fail("default outside its range");
  }
  if (s.kind == SettingKind::Choice) {
    if (s.choices.empty()) fail("a choice without choices");
    if (std::find(s.choices.begin(), s.choices.end(), s.default_text) == s.choices.end())
      fail("default '" + s.default_text + "' is not one of its choices");
  }
}
}  // namespace

void SettingRegistry::add(SettingSpec spec) {
  check_spec(spec);
  if (specs_.count(spec.key)) throw std::logic_error("setting '" + spec.key + "' is registered twice");
  // A key cannot be both a value and a group: YAML could not write both.
  if (config_detail::is_group(*this, spec.key))
    throw std::logic_error("setting '" + spec.key + "' is already a group of other settings");
  for (auto dot = spec.key.find('.'); dot != std::string::npos; dot = spec.key.find('.', dot + 1))
    if (specs_.count(spec.key.substr(0, dot)))
      throw std::logic_error("setting '" + spec.key + "' is inside '" + spec.key.substr(0, dot) +
                             "', which is a value");
  std::string key = spec.key;
  specs_.emplace(std::move(key), std::move(spec));
}

const SettingSpec* SettingRegistry::find(const std::string& key) const {
  auto it = specs_.find(key);
  return it == specs_.end() ? nullptr : &it->second;
}

bool config_detail::is_group(const SettingRegistry& reg, const std::string& key) {
  const std::string prefix = key + ".";
  auto it = reg.all().lower_bound(prefix);
  return it != reg.all().end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

SettingRegistrar::SettingRegistrar(std::initializer_list<SettingSpec> specs) {
  for (const auto& s : specs) SettingRegistry::global().add(s);
}

SettingSpec quantity(std::string key, std::string unit, double def, double min, double max,
                     std::string source, std::string description) {
  return quantity2(std::move(key), std::move(unit), def, def, min, max, std::move(source),
                   std::move(description));
}

SettingSpec quantity2(std::string key, std::string unit, double def_mouse, double def_human, double min,
                      double max, std::string source, std::string description) {
  SettingSpec s;
  s.key = std::move(key);
  s.kind = SettingKind::Quantity;
  s.unit = std::move(unit);
  s.default_mouse = def_mouse;
  s.default_human = def_human;
  s.min = min;
  s.max = max;
  s.source = std::move(source);
  s.description = std::move(description);
  return s;
}

SettingSpec integer(std::string key, long def, long min, long max, std::string source,
                    std::string description) {
  SettingSpec s = real(std::move(key), double(def), double(min), double(max), std::move(source),
                       std::move(description));
  s.kind = SettingKind::Integer;
  return s;
}

SettingSpec real(std::string key, double def, double min, double max, std::string source,
                 std::string description) {
  return real2(std::move(key), def, def, min, max, std::move(source), std::move(description));
}

SettingSpec real2(std::string key, double def_mouse, double def_human, double min, double max,
                  std::string source, std::string description) {
  SettingSpec s = quantity2(std::move(key), "", def_mouse, def_human, min, max, std::move(source),
                            std::move(description));
  s.kind = SettingKind::Real;
  return s;
}

SettingSpec choice(std::string key, std::string def, std::vector<std::string> choices, std::string source,
                   std::string description) {
  SettingSpec s;
  s.key = std::move(key);
  s.kind = SettingKind::Choice;
  s.default_text = std::move(def);
  s.choices = std::move(choices);
  s.source = std::move(source);
  s.description = std::move(description);
  return s;
}

SettingSpec boolean(std::string key, bool def, std::string source, std::string description) {
  return boolean2(std::move(key), def, def, std::move(source), std::move(description));
}

SettingSpec boolean2(std::string key, bool def_mouse, bool def_human, std::string source, std::string description) {
  SettingSpec s;
  s.key = std::move(key);
  s.kind = SettingKind::Boolean;
  s.default_mouse = def_mouse ? 1.0 : 0.0;
  s.default_human = def_human ? 1.0 : 0.0;
  s.min = 0.0;
  s.max = 1.0;
  s.source = std::move(source);
  s.description = std::move(description);
  return s;
}

SettingSpec text(std::string key, std::string def, std::string description) {
  SettingSpec s;
  s.key = std::move(key);
  s.kind = SettingKind::Text;
  s.default_text = std::move(def);
  s.description = std::move(description);
  return s;
}

}  // namespace marrow
