// Units through udunits-2: one ut_system per process, loaded on first use and freed at exit, with the
// molar "M" (mol/L) added so that "50 pM" and "nM" work with the usual prefixes.
#include <udunits2.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "config_detail.hpp"

namespace marrow::config_detail {
namespace {

struct UnitFree {
  void operator()(ut_unit* u) const { ut_free(u); }
};
using UnitPtr = std::unique_ptr<ut_unit, UnitFree>;

class UnitSystem {
 public:
  // Function-local static: thread-safe construction, destroyed (and the system freed) at exit.
  static UnitSystem& instance() {
    static UnitSystem system;
    return system;
  }
  // udunits' parser keeps global state: every call goes through this lock.
  std::mutex mutex;

  UnitPtr parse(const std::string& unit) {
    std::string u = trim(unit);
    if (!u.empty() && u[0] == '/') u = "1" + u;  // "/s" is 1/s
    return UnitPtr(ut_parse(sys_, u.c_str(), UT_UTF8));
  }

  ~UnitSystem() { ut_free_system(sys_); }

 private:
  UnitSystem() {
    ut_set_error_message_handler(ut_ignore);
    sys_ = ut_read_xml(nullptr);
    if (!sys_)
      throw std::runtime_error("cannot read the udunits-2 unit database (status " +
                               std::to_string(int(ut_get_status())) +
                               "); set UDUNITS2_XML_PATH to its udunits2.xml");
    UnitPtr molar(ut_parse(sys_, "mol/L", UT_ASCII));
    if (!molar || ut_map_symbol_to_unit("M", UT_ASCII, molar.get()) != UT_SUCCESS)
      throw std::runtime_error("cannot define the molar unit M = mol/L in udunits-2");
    ut_map_name_to_unit("molar", UT_ASCII, molar.get());  // UT_EXISTS is fine
  }
  ut_system* sys_ = nullptr;
};

}  // namespace

bool unit_is_known(const std::string& unit) {
  auto& us = UnitSystem::instance();
  std::lock_guard lock(us.mutex);
  return us.parse(unit) != nullptr;
}

double convert_units(double value, const std::string& from, const std::string& to) {
  auto& us = UnitSystem::instance();
  std::lock_guard lock(us.mutex);
  UnitPtr target = us.parse(to);
  if (!target) throw std::invalid_argument("unknown unit '" + to + "'");
  UnitPtr source = us.parse(from);
  if (!source) throw std::invalid_argument("unknown unit '" + from + "' (expected a unit convertible to '" + to + "')");
  cv_converter* cv = ut_get_converter(source.get(), target.get());
  if (!cv) throw std::invalid_argument("unit '" + from + "' is not convertible to '" + to + "'");
  double out = cv_convert_double(cv, value);
  cv_free(cv);
  return out;
}

std::optional<std::pair<double, std::string>> split_quantity(std::string_view text) {
  std::string t = trim(text);
  std::size_t n = scan_number(t);
  if (n == 0) return std::nullopt;
  auto number = parse_real(std::string_view(t).substr(0, n));
  if (!number) return std::nullopt;
  return std::make_pair(*number, trim(std::string_view(t).substr(n)));
}

}  // namespace marrow::config_detail

namespace marrow {

double convert_quantity(const std::string& text, const std::string& to_unit) {
  auto q = config_detail::split_quantity(text);
  if (!q) throw std::invalid_argument("expected '<number> [unit]', found '" + text + "'");
  if (q->second.empty()) return q->first;  // a bare number is already in the target unit
  return config_detail::convert_units(q->first, q->second, to_unit);
}

}  // namespace marrow
