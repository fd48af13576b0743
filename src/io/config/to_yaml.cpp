// ResolvedConfig::to_yaml: every resolved value as nested YAML with its unit ("duration: 30 day"), in
// key order, deterministic, and loadable again by parse_experiment. Embedded in every output file.
#include <cctype>
#include <cstdio>

#include "config_detail.hpp"

namespace marrow {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += char(c);
        }
    }
  }
  return out + "\"";
}

// Simple words are written plain (species: mouse); anything YAML could read as something else
// (true, null, yes, 1e3, text with ':' or '#') is double-quoted.
std::string text_scalar(const std::string& s) {
  static const char* reserved[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  bool plain = !s.empty() && (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (unsigned char c : s) plain = plain && (std::isalnum(c) || c == '_' || c == '-' || c == '.');
  std::string low;
  for (unsigned char c : s) low += char(std::tolower(c));
  for (const char* r : reserved) plain = plain && low != r;
  return plain ? s : quote(s);
}

std::string scalar(const SettingSpec* spec, const Value& v) {
  using config_detail::format_number;
  if (!spec) return v.text.empty() ? format_number(v.number) : text_scalar(v.text);
  switch (spec->kind) {
    case SettingKind::Integer: return std::to_string(long(v.number));
    case SettingKind::Real: return format_number(v.number);
    case SettingKind::Quantity:
      return spec->unit.empty() ? format_number(v.number) : format_number(v.number) + " " + spec->unit;
    case SettingKind::Boolean: return v.number != 0.0 ? "true" : "false";
    case SettingKind::Choice:
    case SettingKind::Text: return text_scalar(v.text);
  }
  return text_scalar(v.text);
}

std::vector<std::string> split(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (auto dot = key.find('.'); dot != std::string::npos; dot = key.find('.', start)) {
    parts.push_back(key.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(key.substr(start));
  return parts;
}

}  // namespace

std::string ResolvedConfig::to_yaml() const {
  // std::map orders keys so that every group's keys are contiguous: open and close groups as we go.
  const auto& reg = SettingRegistry::global();
  std::string out;
  std::vector<std::string> open;  // the groups currently open
  for (const auto& [key, v] : values_) {
    auto parts = split(key);
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) ++common;
    open.resize(common);
    for (; open.size() + 1 < parts.size(); open.push_back(parts[open.size()]))
      out += std::string(2 * open.size(), ' ') + parts[open.size()] + ":\n";
    out += std::string(2 * open.size(), ' ') + parts.back() + ": " + scalar(reg.find(key), v) + "\n";
  }
  return out;
}

}  // namespace marrow
