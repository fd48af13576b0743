#pragma once
// Internal pieces of the config loader, shared by the small .cpp files of marrow_config.
// Not part of the public interface (include/marrow/config.hpp is).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "marrow/config.hpp"
#include "marrow/settings.hpp"

namespace marrow::config_detail {

// A 1-based position in a file; 0:0 when there is none.
struct Pos {
  int line = 0, col = 0;
};
std::string pos_text(const Pos& p);  // "12:5"

// Our own YAML tree, built from parser events: it keeps every map entry in file order (duplicates
// included), the position of every node and whether a scalar was quoted.
struct YNode {
  enum class Kind { Null, Scalar, Sequence, Map } kind = Kind::Null;
  Pos pos;
  std::string scalar;
  bool quoted = false;
  std::vector<std::pair<YNode, YNode>> map;
  std::vector<YNode> seq;
};
const char* kind_name(YNode::Kind k);  // "a map", "a list", ...

// Parses one YAML document; an empty text is an empty map. Syntax errors -> ConfigError.
YNode parse_yaml(const std::string& text, const std::string& file);

// A setting value as written, before conversion.
struct Raw {
  std::string text;
  bool quoted = false;
  bool is_null = false;
  Pos pos;             // of the value (of the key for a missing value)
  std::string origin;  // "file:line:col" or "--set"
};
using Layer = std::map<std::string, Raw>;  // dotted key -> raw value

// Walks a map of settings (the base file or one arm) into `out`, checking keys (unknown, duplicate,
// misplaced) and shapes (a map where a value belongs). In the base file, the `arms` node is returned.
enum class Scope { Base, Arm };
const YNode* flatten(const YNode& root, Scope scope, const std::string& file, Layer& out);

// True when `key` is a prefix group of registered keys ("grid" for "grid.nx").
bool is_group(const SettingRegistry& reg, const std::string& key);

// Nearest registered key to an unknown one ("" if none is reasonably close). `prefix` is the group the
// key was found in ("" at the top level), `segment` the unknown name itself.
std::string suggest_key(const SettingRegistry& reg, const std::string& prefix, const std::string& segment,
                        bool allow_arms);
std::size_t edit_distance(std::string_view a, std::string_view b);  // Damerau (optimal alignment)
std::string unknown_key_message(const SettingRegistry& reg, const std::string& prefix,
                                const std::string& segment, bool allow_arms);

// Strict numbers: optional sign, decimal digits, optional fraction and exponent, no leading zeros
// (so "010" is an error, never octal), no hex, inf or nan. Returns the length of the number at the
// start of `s` (0 if none).
std::size_t scan_number(std::string_view s);
std::optional<double> parse_real(std::string_view s);       // whole string must be a number
std::optional<long> parse_integer(std::string_view s);      // whole string must be an integer
bool has_leading_zero(std::string_view s);                   // "010", "-007"
std::string format_number(double v);                         // shortest text that reads back exactly
std::string trim(std::string_view s);

// Quantity text "<number>[ ]<unit>" -> (number, unit); nullopt when there is no leading number.
std::optional<std::pair<double, std::string>> split_quantity(std::string_view text);
// value * from -> to, through udunits-2; throws std::invalid_argument naming both units.
double convert_units(double value, const std::string& from, const std::string& to);
bool unit_is_known(const std::string& unit);

// Converts and validates one raw value for `spec`; throws std::invalid_argument with the message.
Value make_value(const SettingSpec& spec, const Raw& raw);
// The default value of `spec` for a species ("mouse" or "human").
Value default_value(const SettingSpec& spec, const std::string& species);
// "must be in [1, 10000]", "must be > 0 day".
std::string range_text(const SettingSpec& spec);

// Link anchor: referenced by SettingRegistry::global() so that the archive member that registers the
// top-level settings (name, seed, duration, ...) is always linked in.
void link_experiment_settings();

}  // namespace marrow::config_detail
