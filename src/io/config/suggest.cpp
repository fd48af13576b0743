// "did you mean 'grid.nx'?": the nearest registered key to an unknown one, by Damerau-Levenshtein
// distance over the siblings in the same group, then over key names elsewhere (a key written at the
// wrong level), then over full dotted keys. Only reasonably close candidates are suggested.
#include <algorithm>
#include <cctype>
#include <set>

#include "config_detail.hpp"

namespace marrow::config_detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions, adjacent transpositions.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

namespace {

std::size_t max_distance(std::size_t length) { return length <= 3 ? 1 : length <= 8 ? 2 : 3; }

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

// Best candidate within the distance limit of `typed`; ties go to the first in order.
std::string nearest(const std::string& typed, const std::vector<std::string>& names,
                    const std::vector<std::string>& results) {
  std::size_t best = max_distance(typed.size()) + 1;
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::size_t d = edit_distance(lower(typed), lower(names[i]));
    if (d < best) best = d, out = results[i];
  }
  return out;
}

}  // namespace

std::string suggest_key(const SettingRegistry& reg, const std::string& prefix, const std::string& segment,
                        bool allow_arms) {
  // 1. Siblings: the names directly inside the same group.
  std::set<std::string> sibling_set;
  const std::string group = prefix.empty() ? "" : prefix + ".";
  for (const auto& [key, spec] : reg.all()) {
    if (key.compare(0, group.size(), group) != 0) continue;
    std::string rest = key.substr(group.size());
    sibling_set.insert(rest.substr(0, rest.find('.')));
  }
  if (allow_arms && prefix.empty()) {
    sibling_set.insert("arms");
    sibling_set.insert("validation");
  }
  std::vector<std::string> siblings(sibling_set.begin(), sibling_set.end()), full;
  for (const auto& s : siblings) full.push_back(join(prefix, s));
  if (auto s = nearest(segment, siblings, full); !s.empty()) return s;

  // 2. The same name elsewhere (a key at the wrong level), 3. the full dotted key.
  std::vector<std::string> keys, last;
  for (const auto& [key, spec] : reg.all()) {
    keys.push_back(key);
    last.push_back(key.substr(key.rfind('.') + 1));
  }
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (lower(last[i]) == lower(segment)) return keys[i];
  return nearest(join(prefix, segment), keys, keys);
}

std::string unknown_key_message(const SettingRegistry& reg, const std::string& prefix,
                                const std::string& segment, bool allow_arms) {
  std::string msg = "unknown key '" + join(prefix, segment) + "'";
  std::string s = suggest_key(reg, prefix, segment, allow_arms);
  if (!s.empty()) msg += "; did you mean '" + s + "'?";
  return msg;
}

}  // namespace marrow::config_detail
