// Unit lookup for the "units" attribute of every dataset (see units.hpp).
#include "units.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace marrow::output_detail {

std::map<std::string, std::string> merged_units(const std::map<std::string, std::string>& run_units) {
  std::map<std::string, std::string> u = {
      {"timeseries/time", "day"},
      {"timeseries/tick", "1"},
      {"pits/events/osteoclast_id", "1"},
      {"pits/events/start_tick", "1"},
      {"pits/events/end_tick", "1"},
      {"pits/events/x_um", "um"},
      {"pits/events/y_um", "um"},
      {"pits/events/z_um", "um"},
      {"pits/events/volume_um3", "um^3"},
      {"pits/events/max_depth_um", "um"},
      {"pits/events/lineage", "1"},
      {"pits/events/max_nuclei", "1"},
  };
  for (const auto& [k, v] : run_units) u[k] = v;
  return u;
}

std::string unit_for(const std::map<std::string, std::string>& units, const std::string& path) {
  if (auto it = units.find(path); it != units.end()) return it->second;
  // Patterns: '*' matches within one path component; the most literal (longest without '*') wins.
  const std::string* best = nullptr;
  std::size_t best_literal = 0;
  for (const auto& [key, unit] : units) {
    if (key.find('*') == std::string::npos || fnmatch(key.c_str(), path.c_str(), FNM_PATHNAME) != 0) continue;
    std::size_t literal = key.size() - std::size_t(std::count(key.begin(), key.end(), '*'));
    if (!best || literal > best_literal) best = &unit, best_literal = literal;
  }
  if (best) return *best;
  // "snapshots/bone" also names "snapshots/<tick>/bone".
  const std::string prefix = "snapshots/";
  if (path.rfind(prefix, 0) == 0) {
    auto slash = path.find('/', prefix.size());
    if (slash != std::string::npos) {
      if (auto it = units.find(prefix + path.substr(slash + 1)); it != units.end()) return it->second;
    }
  }
  return kUnknownUnit;
}

}  // namespace marrow::output_detail
