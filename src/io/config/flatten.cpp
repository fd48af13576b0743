// Walks the nested YAML of the base file or of one arm into dotted keys ("grid: {nx: 40}" ->
// "grid.nx"), rejecting unknown keys (with a suggestion), duplicate keys, keys that an arm cannot
// set, and maps or lists where a single value belongs. Values are converted later (values.cpp).
#include "config_detail.hpp"

namespace marrow::config_detail {
namespace {

bool experiment_wide(const std::string& key) {
  return key == "arms" || key == "seed" || key == "replicates" || key == "name" || key == "validation";
}

struct Walker {
  const SettingRegistry& reg;
  Scope scope;
  const std::string& file;
  Layer& out;
  const YNode* arms = nullptr;
  std::map<std::string, Pos> leaf_pos;  // for keys written twice in different forms

  [[noreturn]] void fail(const Pos& p, const std::string& msg) { throw ConfigError(file, p.line, p.col, msg); }

  void walk(const YNode& map, const std::string& prefix) {
    std::map<std::string, Pos> seen;  // keys of this map
    for (const auto& [k, v] : map.map) {
      if (k.kind != YNode::Kind::Scalar || k.scalar.empty())
        fail(k.pos, "expected a setting name as key, found " + std::string(kind_name(k.kind)));
      const std::string& name = k.scalar;
      if (auto it = seen.find(name); it != seen.end())
        fail(k.pos, "duplicate key '" + name + "' (first at " + pos_text(it->second) + ")");
      seen[name] = k.pos;
      const std::string key = prefix.empty() ? name : prefix + "." + name;

      if (prefix.empty() && scope == Scope::Arm && experiment_wide(name))
        fail(k.pos, "'" + name + "' applies to the whole experiment and cannot be set inside an arm");
      if (prefix.empty() && name == "arms") {
        arms = &v;
        continue;
      }
      // A validation scenario's expectations (configs/validation/, docs/validation-format.md) are read
      // by scripts/validate, not by the simulator: they must not change what a run does.
      if (prefix.empty() && name == "validation") {
        if (v.kind != YNode::Kind::Map) fail(v.pos, "'validation' must be a map, found " + std::string(kind_name(v.kind)));
        continue;
      }
      if (reg.find(key)) {
        if (v.kind == YNode::Kind::Map || v.kind == YNode::Kind::Sequence)
          fail(v.pos, "'" + key + "': expected a single value, found " + kind_name(v.kind));
        if (auto it = leaf_pos.find(key); it != leaf_pos.end())
          fail(k.pos, "duplicate key '" + key + "' (first at " + pos_text(it->second) + ")");
        leaf_pos[key] = k.pos;
        Raw raw;
        raw.text = v.scalar;
        raw.quoted = v.quoted;
        raw.is_null = v.kind == YNode::Kind::Null;
        raw.pos = raw.is_null ? k.pos : v.pos;  // yaml-cpp marks a missing value at the next token
        raw.origin = file + ":" + pos_text(raw.pos);
        out[key] = std::move(raw);
      } else if (is_group(reg, key)) {
        if (v.kind == YNode::Kind::Map)
          walk(v, key);
        else if (v.kind != YNode::Kind::Null)
          fail(v.pos, "'" + key + "' is a group of settings, expected a map under it, found " +
                          kind_name(v.kind));
      } else {
        fail(k.pos, unknown_key_message(reg, prefix, name, scope == Scope::Base));
      }
    }
  }
};

}  // namespace

const YNode* flatten(const YNode& root, Scope scope, const std::string& file, Layer& out) {
  if (root.kind == YNode::Kind::Null) return nullptr;
  if (root.kind != YNode::Kind::Map)
    throw ConfigError(file, root.pos.line, root.pos.col,
                      std::string(scope == Scope::Base ? "the experiment file" : "an arm") +
                          " must be a map of settings (key: value), found " + kind_name(root.kind));
  Walker w{SettingRegistry::global(), scope, file, out, nullptr, {}};
  w.walk(root, "");
  return w.arms;
}

}  // namespace marrow::config_detail
