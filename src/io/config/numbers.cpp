// Strict number reading and exact number writing. yaml-cpp 0.7 follows YAML 1.1 (010 is octal 8,
// `yes` is true), so the loader never lets yaml-cpp convert scalars: it reads the text itself here.
#include <cctype>
#include <charconv>
#include <cmath>

#include "config_detail.hpp"

namespace marrow::config_detail {

std::string trim(std::string_view s) {
  const char* ws = " \t\r\n";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

std::size_t scan_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t n = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++n;
    return n;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t whole = digits();
  std::size_t frac = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    frac = digits();
  }
  if (whole + frac == 0) return 0;
  // An exponent only when 'e' is followed by digits: "2e-3" is a number, "2 eV" / "2em" are not.
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
      i = j;
      digits();
    }
  }
  return i;
}

bool has_leading_zero(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
  return i + 1 < s.size() && s[i] == '0' && std::isdigit(static_cast<unsigned char>(s[i + 1]));
}

std::optional<double> parse_real(std::string_view s) {
  if (s.empty() || scan_number(s) != s.size() || has_leading_zero(s)) return std::nullopt;
  if (s[0] == '+') s.remove_prefix(1);
  double v = 0.0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long> parse_integer(std::string_view s) {
  if (s.empty() || has_leading_zero(s)) return std::nullopt;
  if (s[0] == '+') {
    s.remove_prefix(1);
    if (s.empty() || s[0] == '+' || s[0] == '-') return std::nullopt;
  }
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string format_number(double v) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
  return std::string(buf, p);
}

}  // namespace marrow::config_detail
