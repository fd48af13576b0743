// Typed accessors of one arm's resolved settings. A missing key is std::out_of_range naming it; asking
// integer() of a setting that is not a whole number is a programming error (std::logic_error).
#include <cmath>
#include <stdexcept>

#include "marrow/config.hpp"
#include "marrow/settings.hpp"

namespace marrow {

const Value& ResolvedConfig::value(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw std::out_of_range("no setting '" + key + "' in the resolved config");
  return it->second;
}

double ResolvedConfig::number(const std::string& key) const { return value(key).number; }

long ResolvedConfig::integer(const std::string& key) const {
  const Value& v = value(key);
  const SettingSpec* spec = SettingRegistry::global().find(key);
  if ((spec && spec->kind != SettingKind::Integer) || v.number != std::floor(v.number) ||
      std::abs(v.number) > 9.2e18)
    throw std::logic_error("setting '" + key + "' is not an integer setting");
  return long(v.number);
}

bool ResolvedConfig::flag(const std::string& key) const {
  const Value& v = value(key);
  const SettingSpec* spec = SettingRegistry::global().find(key);
  if (spec && spec->kind != SettingKind::Boolean)
    throw std::logic_error("setting '" + key + "' is not a true/false setting");
  return v.number != 0.0;
}

const std::string& ResolvedConfig::text(const std::string& key) const { return value(key).text; }

}  // namespace marrow
