// A test-only rule, test_dose: holds TNF, IL-1, IL-6, IL-17 or SOFAT at about a given uniform marrow
// level (pM) for the whole run, as the host treatments do for the cytokines they deliver (a source
// dose * k_decay in marrow). Its settings default to 0 (nothing dosed), so registering it changes no
// other test in this executable.
#include <string>

#include "marrow/rule.hpp"
#include "marrow/settings.hpp"

namespace marrow::test {
namespace {

const std::string P = "rules.test_dose.";
constexpr FieldId kDosed[] = {kTnf, kIl1, kIl6, kIl17, kSofat};

const SettingRegistrar kSettings{
    quantity(P + "tnf", "pM", 0, 0, 1e7, "test only", "TNF held in the marrow"),
    quantity(P + "il1", "pM", 0, 0, 1e7, "test only", "IL-1 held in the marrow"),
    quantity(P + "il6", "pM", 0, 0, 1e7, "test only", "IL-6 held in the marrow"),
    quantity(P + "il17", "pM", 0, 0, 1e7, "test only", "IL-17 held in the marrow"),
    quantity(P + "sofat", "pM", 0, 0, 1e7, "test only", "SOFAT held in the marrow"),
};

class TestDose final : public Rule {
 public:
  explicit TestDose(const ResolvedConfig& c) {
    for (int k = 0; k < 5; ++k) dose_[k] = c.number(P + std::string(kFieldNames[kDosed[k]]));
  }
  // After the host plan (treatments) of this tick: add a uniform source like a delivered treatment.
  void host(TickContext& ctx) override {
    for (int k = 0; k < 5; ++k)
      ctx.state.host.field_source[kDosed[k]] += dose_[k] * ctx.state.fields.params[kDosed[k]].decay_per_s;
  }

 private:
  double dose_[5] = {};
};

}  // namespace
MARROW_RULE(TestDose, "test_dose", 1);
}  // namespace marrow::test
