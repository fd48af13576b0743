// Turns one written value into a typed, checked Value for its SettingSpec: strict numbers, units
// converted to the declared unit, ranges, choices, true/false only. Errors are std::invalid_argument
// messages that the caller places at the value's file:line:col.
#include <cmath>
#include <stdexcept>

#include "config_detail.hpp"

namespace marrow::config_detail {
namespace {

[[noreturn]] void bad(const SettingSpec& s, const std::string& msg) {
  throw std::invalid_argument("'" + s.key + "': " + msg);
}

std::string with_unit(const std::string& number, const SettingSpec& s) {
  return s.unit.empty() ? number : number + " " + s.unit;
}

void check_range(const SettingSpec& s, double v, const std::string& written) {
  if (v < s.min || v > s.max || (s.min_exclusive && v == s.min))
    bad(s, written + " is out of range: " + range_text(s));
}

double read_number(const SettingSpec& s, const std::string& t) {
  if (has_leading_zero(t)) bad(s, "'" + t + "' has a leading zero (octal is not read); write it without");
  auto v = parse_real(t);
  if (!v) bad(s, "expected a number, found '" + t + "'");
  return *v;
}

}  // namespace

std::string range_text(const SettingSpec& s) {
  const bool lo = s.min > -1e299, hi = s.max < 1e299;
  const std::string mn = format_number(s.min), mx = format_number(s.max);
  if (lo && hi) return "must be in " + std::string(s.min_exclusive ? "(" : "[") + mn + ", " +
                       with_unit(mx + "]", s);
  if (lo) return with_unit(std::string("must be ") + (s.min_exclusive ? "> " : ">= ") + mn, s);
  if (hi) return with_unit("must be <= " + mx, s);
  return "any value";
}

Value make_value(const SettingSpec& s, const Raw& raw) {
  Value v;
  v.origin = raw.origin;
  const std::string t = trim(raw.text);
  v.text = t;
  if (raw.is_null || t.empty()) {
    if (s.kind == SettingKind::Text) return v;
    bad(s, "no value given");
  }
  switch (s.kind) {
    case SettingKind::Integer: {
      if (has_leading_zero(t)) bad(s, "'" + t + "' has a leading zero (octal is not read); write it without");
      auto i = parse_integer(t);
      if (!i) {
        bool number = parse_real(t).has_value();
        bad(s, "expected a whole number, found '" + t + "'" + (number ? "" : " (not a number)"));
      }
      v.number = double(*i);
      v.text = std::to_string(*i);
      check_range(s, v.number, v.text);
      return v;
    }
    case SettingKind::Real:
      v.number = read_number(s, t);
      check_range(s, v.number, t);
      return v;
    case SettingKind::Quantity: {
      auto q = split_quantity(t);
      if (!q) {
        std::size_t n = scan_number(t);
        if (n > 0 && has_leading_zero(t.substr(0, n))) read_number(s, t.substr(0, n));  // throws
        bad(s, "expected a number with a unit like '" + with_unit("1", s) + "', found '" + t + "'");
      }
      if (q->second.empty()) {
        v.number = q->first;  // a bare number is in the declared unit
      } else {
        try {
          v.number = convert_units(q->first, q->second, s.unit);
        } catch (const std::invalid_argument& e) {
          bad(s, std::string(e.what()) + " in '" + t + "'");
        }
      }
      const std::string written = q->second.empty()    ? with_unit(t, s)
                                  : q->second == s.unit ? t
                                                        : t + " (= " + with_unit(format_number(v.number), s) + ")";
      check_range(s, v.number, written);
      return v;
    }
    case SettingKind::Choice:
      for (const auto& c : s.choices)
        if (c == t) return v;
      {
        std::string list;
        for (const auto& c : s.choices) list += (list.empty() ? "" : ", ") + c;
        bad(s, "unknown choice '" + t + "'; valid choices: " + list);
      }
    case SettingKind::Boolean:
      if (t == "true" || t == "false") {
        v.number = t == "true" ? 1.0 : 0.0;
        return v;
      }
      bad(s, "expected true or false, found '" + t + "'");
    case SettingKind::Text:
      return v;
  }
  bad(s, "unknown setting kind");
}

Value default_value(const SettingSpec& s, const std::string& species) {
  Value v;
  v.origin = "default";
  v.number = species == "human" ? s.default_human : s.default_mouse;
  switch (s.kind) {
    case SettingKind::Choice:
    case SettingKind::Text: v.text = s.default_text; v.number = 0.0; break;
    case SettingKind::Boolean: v.text = v.number != 0.0 ? "true" : "false"; break;
    case SettingKind::Integer: v.text = std::to_string(long(v.number)); break;
    case SettingKind::Quantity: v.text = with_unit(format_number(v.number), s); break;
    case SettingKind::Real: v.text = format_number(v.number); break;
  }
  return v;
}

}  // namespace marrow::config_detail
