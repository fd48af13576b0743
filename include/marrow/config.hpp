#pragma once
// Experiment configs: YAML in, a validated, immutable Experiment out.
//
// An experiment file holds top-level settings (name, seed, duration, replicates, species, grid, ...
// every key of the SettingRegistry), and `arms`: a map from arm name to a tree of overrides.
// The value of a key in one arm is resolved as: registry default (for the arm's species) <- base file
// <- the arm's overrides <- command-line --set KEY=VALUE (the command line wins).
// Quantities are written with units ("40 um^2/s", "6 h", "50 pM", "20d"); a bare number is in the
// setting's declared unit. Everything is converted to the declared unit when loaded.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace marrow {

// file:line:col: message   (line and column 1-based; both 0 when there is no position)
class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string file, int line, int column, std::string message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_, column_;
  std::string message_;
};

// Where a value came from: "default", "file.yaml:12:5", "--set".
struct Value {
  double number = 0.0;  // Integer/Real/Quantity (in the declared unit), Boolean as 0/1
  std::string text;     // Choice/Text; for numbers, the text as written
  std::string origin;
};

// The resolved settings of one arm: every registered key has a value.
class ResolvedConfig {
 public:
  double number(const std::string& key) const;  // throws std::out_of_range naming the key
  long integer(const std::string& key) const;
  bool flag(const std::string& key) const;
  const std::string& text(const std::string& key) const;
  const Value& value(const std::string& key) const;
  const std::map<std::string, Value>& values() const { return values_; }
  std::map<std::string, Value>& mutable_values() { return values_; }
  // The resolved config as YAML text (nested, with units), embedded in every output file.
  std::string to_yaml() const;

 private:
  std::map<std::string, Value> values_;
};

struct Arm {
  std::string name;
  ResolvedConfig config;
};

struct Experiment {
  std::string name;         // the `name:` key
  std::string source_file;  // as given
  std::uint64_t seed = 0;
  int replicates = 1;
  std::vector<Arm> arms;  // in file order; a file without `arms` has one arm named "default"
};

// "KEY=VALUE" pairs from --set, applied last.
using Overrides = std::vector<std::string>;

// Loads, validates and resolves. Throws ConfigError (file:line:col) on any problem: unknown key (with
// the nearest valid key suggested), duplicate key, wrong type, unknown or incompatible unit, value out
// of range, unknown choice, missing file, YAML syntax error.
Experiment load_experiment(const std::string& path, const Overrides& overrides = {});
// The same from text (path is used in messages only).
Experiment parse_experiment(const std::string& yaml_text, const std::string& path,
                            const Overrides& overrides = {});

// Converts "<number> [unit]" to `to_unit` (udunits-2 syntax). Throws std::invalid_argument with a
// readable message when the unit is unknown or not convertible.
double convert_quantity(const std::string& text, const std::string& to_unit);

}  // namespace marrow
