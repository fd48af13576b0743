// Reading back what a batch needs from a run's finished output (run_files.hpp).
#include "run_files.hpp"

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "../output/h5_read.hpp"

namespace marrow::ckpt {

bool is_finished_output(const std::string& h5_path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(h5_path, ec)) return false;
  try {
    h5::Reader r(h5_path);
    const auto c = r.attr_number("/", "complete");
    return c && *c == 1;
  } catch (const OutputError&) {
    return false;
  }
}

std::string output_attribute(const std::string& h5_path, const std::string& name) {
  h5::Reader r(h5_path);
  return r.has_attr("/", name) ? r.attr_text("/", name) : std::string();
}

TimeseriesRow read_final_row(const std::string& h5_path) {
  h5::Reader r(h5_path);
  TimeseriesRow row;
  const auto shape = r.shape("/timeseries/time");
  if (shape.size() != 1 || shape[0] == 0) throw OutputError(h5_path + ": /timeseries is empty");
  const hsize_t last = shape[0] - 1;
  row.time_days = r.element("/timeseries/time", last);
  row.tick = static_cast<std::int64_t>(r.element("/timeseries/tick", last));
  r.walk(
      "/timeseries",
      [&](const std::string& path) {
        const std::string name = path.substr(std::string("/timeseries/").size());
        if (name == "time" || name == "tick") return;
        row.values.emplace_back(name, r.element(path, last));
      },
      [](const std::string&) { return false; });
  return row;
}

std::string config_without(const std::string& yaml, const std::set<std::string>& keys) {
  std::istringstream in(yaml);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos || line[0] == ' ' || !keys.count(line.substr(0, colon))) out += line + "\n";
  }
  return out;
}

std::string config_without_duration(const std::string& yaml) { return config_without(yaml, {"duration"}); }

namespace {
// The nested YAML of ResolvedConfig::to_yaml() (two spaces per level) as dotted key -> value text.
std::map<std::string, std::string> flatten(const std::string& yaml) {
  std::map<std::string, std::string> out;
  std::vector<std::string> path;
  std::istringstream in(yaml);
  for (std::string line; std::getline(in, line);) {
    const std::size_t indent = line.find_first_not_of(' ');
    const std::size_t colon = line.find(':');
    if (indent == std::string::npos || colon == std::string::npos) continue;
    path.resize(indent / 2);
    path.push_back(line.substr(indent, colon - indent));
    std::string key;
    for (const auto& p : path) key += (key.empty() ? "" : ".") + p;
    const std::size_t v = line.find_first_not_of(' ', colon + 1);
    if (v != std::string::npos) out[key] = line.substr(v);
  }
  return out;
}
}  // namespace

std::string describe_config_difference(const std::string& before, const std::string& now,
                                       const std::set<std::string>& ignored) {
  if (config_without(before, ignored) == config_without(now, ignored)) return "";
  const auto a = flatten(before), b = flatten(now);
  std::string out;
  int shown = 0;
  auto note = [&](const std::string& key, const std::string& x, const std::string& y) {
    if (ignored.count(key) || x == y) return;
    if (shown++ < 5) out += (out.empty() ? "" : "; ") + key + ": " + x + " -> " + y;
  };
  for (const auto& [k, v] : a) note(k, v, b.count(k) ? b.at(k) : "(absent)");
  for (const auto& [k, v] : b)
    if (!a.count(k)) note(k, "(absent)", v);
  if (shown > 5) out += "; and " + std::to_string(shown - 5) + " more";
  return out.empty() ? "the configurations differ" : out;
}

std::string describe_config_change(const std::string& before, const std::string& now) {
  return describe_config_difference(before, now, {"duration"});
}

}  // namespace marrow::ckpt
