// Resolution of every key for every arm: registry default (for the arm's species) <- base file <- the
// arm's overrides <- --set KEY=VALUE. Every written value is validated first, including those that a
// later layer overrides, so that a bad file never runs.
#include <charconv>
#include <stdexcept>

#include "config_detail.hpp"

namespace marrow {
namespace cd = config_detail;
namespace {

using Values = std::map<std::string, Value>;

cd::Layer parse_overrides(const Overrides& overrides) {
  const auto& reg = SettingRegistry::global();
  cd::Layer out;
  for (const auto& o : overrides) {
    auto eq = o.find('=');
    if (eq == std::string::npos) throw ConfigError("--set", 0, 0, "expected KEY=VALUE, found '" + o + "'");
    std::string key = cd::trim(std::string_view(o).substr(0, eq));
    cd::Raw raw;
    raw.text = cd::trim(std::string_view(o).substr(eq + 1));
    raw.origin = "--set";
    if (raw.text.size() >= 2 && (raw.text.front() == '"' || raw.text.front() == '\'') &&
        raw.text.back() == raw.text.front()) {
      raw.text = raw.text.substr(1, raw.text.size() - 2);
      raw.quoted = true;
    }
    if (!reg.find(key)) {
      if (!key.empty() && cd::is_group(reg, key))
        throw ConfigError("--set", 0, 0, "'" + key + "' is a group of settings; --set needs a full key");
      auto dot = key.rfind('.');
      std::string prefix = dot == std::string::npos ? "" : key.substr(0, dot);
      std::string segment = dot == std::string::npos ? key : key.substr(dot + 1);
      throw ConfigError("--set", 0, 0, cd::unknown_key_message(reg, prefix, segment, false));
    }
    out[key] = std::move(raw);  // the last --set of a key wins
  }
  return out;
}

Values convert_layer(const cd::Layer& layer, const std::string& file) {
  const auto& reg = SettingRegistry::global();
  Values out;
  for (const auto& [key, raw] : layer) {
    try {
      out[key] = cd::make_value(*reg.find(key), raw);
    } catch (const std::invalid_argument& e) {
      throw ConfigError(file, raw.pos.line, raw.pos.col, e.what());
    }
  }
  return out;
}

ResolvedConfig resolve_arm(const Values& base, const Values& arm, const Values& set) {
  const auto& reg = SettingRegistry::global();
  auto pick = [&](const std::string& key) -> const Value* {
    for (const Values* layer : {&set, &arm, &base})
      if (auto it = layer->find(key); it != layer->end()) return &it->second;
    return nullptr;
  };
  // The species picks the defaults, so it is resolved first, the same way.
  std::string species = "mouse";
  if (const Value* v = pick("species"))
    species = v->text;
  else if (const SettingSpec* s = reg.find("species"))
    species = s->default_text;
  ResolvedConfig rc;
  for (const auto& [key, spec] : reg.all()) {
    const Value* v = pick(key);
    rc.mutable_values()[key] = v ? *v : cd::default_value(spec, species);
  }
  return rc;
}

void check_declared_units() {
  for (const auto& [key, spec] : SettingRegistry::global().all())
    if (spec.kind == SettingKind::Quantity && !cd::unit_is_known(spec.unit))
      throw std::logic_error("setting '" + key + "' declares the unit '" + spec.unit +
                             "', which udunits-2 does not know");
}

}  // namespace

Experiment parse_experiment(const std::string& yaml_text, const std::string& path,
                            const Overrides& overrides) {
  check_declared_units();
  const cd::YNode root = cd::parse_yaml(yaml_text, path);
  cd::Layer base_raw;
  const cd::YNode* arms = cd::flatten(root, cd::Scope::Base, path, base_raw);
  const Values base = convert_layer(base_raw, path);
  const Values set = convert_layer(parse_overrides(overrides), "--set");

  Experiment ex;
  ex.source_file = path;
  if (!arms) {
    ex.arms.push_back({"default", resolve_arm(base, {}, set)});
  } else {
    if (arms->kind != cd::YNode::Kind::Map || arms->map.empty())
      throw ConfigError(path, arms->pos.line, arms->pos.col,
                        "'arms' must be a map from arm name to overrides, found " +
                            std::string(arms->map.empty() && arms->kind == cd::YNode::Kind::Map
                                            ? "an empty map"
                                            : cd::kind_name(arms->kind)));
    std::map<std::string, cd::Pos> seen;
    for (const auto& [k, v] : arms->map) {
      if (k.kind != cd::YNode::Kind::Scalar || k.scalar.empty())
        throw ConfigError(path, k.pos.line, k.pos.col, "expected an arm name as key");
      if (auto it = seen.find(k.scalar); it != seen.end())
        throw ConfigError(path, k.pos.line, k.pos.col,
                          "duplicate arm '" + k.scalar + "' (first at " + cd::pos_text(it->second) + ")");
      seen[k.scalar] = k.pos;
      cd::Layer arm_raw;
      cd::flatten(v, cd::Scope::Arm, path, arm_raw);
      ex.arms.push_back({k.scalar, resolve_arm(base, convert_layer(arm_raw, path), set)});
    }
  }
  const ResolvedConfig& first = ex.arms.front().config;
  ex.name = first.text("name");
  ex.replicates = int(first.integer("replicates"));
  const std::string& seed = first.value("seed").text;
  std::from_chars(seed.data(), seed.data() + seed.size(), ex.seed);
  return ex;
}

}  // namespace marrow
