// The rule registry: rules register from static initialisers, and are built in a fixed order.
#include <algorithm>
#include <stdexcept>

#include "marrow/rule.hpp"
#include "marrow/settings.hpp"

namespace marrow {

RuleRegistry& RuleRegistry::global() {
  static RuleRegistry registry;
  return registry;
}

void RuleRegistry::add(RuleInfo info) {
  const std::string name = info.name;
  if (!rules_.emplace(name, std::move(info)).second) throw std::logic_error("rule registered twice: " + name);
}

std::vector<const RuleInfo*> RuleRegistry::ordered() const {
  std::vector<const RuleInfo*> out;
  for (const auto& [name, info] : rules_) out.push_back(&info);
  std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->order < b->order; });
  return out;
}

std::vector<std::unique_ptr<Rule>> RuleRegistry::build(const ResolvedConfig& cfg) const {
  std::vector<std::unique_ptr<Rule>> out;
  for (const RuleInfo* info : ordered())
    if (cfg.flag("rules." + info->name + ".enabled")) out.push_back(info->make(cfg));
  return out;
}

RuleRegistrar::RuleRegistrar(std::string name, int order, RuleFactory make, bool on_by_default) {
  SettingRegistry::global().add(boolean("rules." + name + ".enabled", on_by_default,
                                        on_by_default ? "model switch" : "model switch: off in the default parameter set",
                                        "switch the rule '" + name + "' on or off"));
  RuleRegistry::global().add(RuleInfo{std::move(name), order, std::move(make)});
}

}  // namespace marrow
