// `marrow params`: every registered setting (name, unit, defaults for mouse and human, range, source)
// as a Markdown table; docs/model.md carries its output, and a test keeps the two in step.
#include <sstream>

#include "commands.hpp"
#include "marrow/settings.hpp"

namespace marrow::app {
namespace {

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string range(const SettingSpec& s) {
  if (s.kind == SettingKind::Choice) {
    std::string out;
    for (const auto& c : s.choices) out += (out.empty() ? "" : " \\| ") + c;
    return out;
  }
  if (s.kind == SettingKind::Boolean || s.kind == SettingKind::Text) return "";
  const std::string lo = s.min <= -1e299 ? "-inf" : num(s.min), hi = s.max >= 1e299 ? "inf" : num(s.max);
  return (s.min_exclusive ? "(" : "[") + lo + ", " + hi + "]";
}

std::string defaults(const SettingSpec& s) {
  switch (s.kind) {
    case SettingKind::Choice:
    case SettingKind::Text: return s.default_text;
    case SettingKind::Boolean: {
      auto word = [](double v) { return std::string(v != 0 ? "true" : "false"); };
      return s.default_mouse == s.default_human ? word(s.default_mouse)
                                                : word(s.default_mouse) + " (human " + word(s.default_human) + ")";
    }
    default:
      return s.default_mouse == s.default_human ? num(s.default_mouse)
                                                : num(s.default_mouse) + " (human " + num(s.default_human) + ")";
  }
}

}  // namespace

int command_params(std::ostream& out) {
  out << "| key | unit | default (mouse) | range | source | meaning |\n|---|---|---|---|---|---|\n";
  for (const auto& [key, s] : SettingRegistry::global().all())
    out << "| `" << key << "` | " << s.unit << " | " << defaults(s) << " | " << range(s) << " | " << s.source << " | "
        << s.description << " |\n";
  return 0;
}

}  // namespace marrow::app
