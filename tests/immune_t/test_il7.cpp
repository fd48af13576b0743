// il7_lymphocyte_expansion: IL-7 expands T cells (divisions capped) and raises their RANKL and IFN-g, not TNF per cell.
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
// A dose well above the rule's half-saturation (k_il7 = 50 pM), so that occ ~ 500/(500 + 50) = 0.91.
const std::string kIl7Dose = "treatments: {il7: {dose: 500 pM}}\n";
struct Result {
  double tcells = 0, effector_tnf = 0, effector_ifng = 0, effector_rankl = 0;
  int max_div = 0;
};
Result run(const std::string& yaml, Overrides o) {
  // No entries or deaths; B cells (which IL-7 also expands) left out so that they do not take the space the
  // T-cell daughters need.
  for (const char* k : {"rules.thymic_output.entry_rate=0", "rules.t_cell_lifespan.enabled=false",
                        "rules.t_cell_antigen_activation.basal_rate=0.3", "rules.b_lymphopoiesis.enabled=false"})
    o.push_back(k);
  Simulation sim(config_of(yaml, o), 5);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  Result r;
  const AgentStore& a = sim.state().agents;
  double n_eff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.cell_type(i) != CellType::TCell) continue;
    r.tcells += 1;
    r.max_div = std::max(r.max_div, a.divisions[i]);
    // effector cells that were effectors during the last tick (state unchanged in it)
    if (a.state[i] == ts(TState::Cd4Effector) && a.state_tick[i] < sim.state().tick - 1) {
      n_eff += 1;
      r.effector_tnf += a.secretion[kTnf][i];
      r.effector_ifng += a.secretion[kIfng][i];
      r.effector_rankl += a.secretion[kRankl][i];
    }
  }
  if (n_eff > 0) r.effector_tnf /= n_eff, r.effector_ifng /= n_eff, r.effector_rankl /= n_eff;
  return r;
}
}  // namespace

TEST_CASE("il7_lymphocyte_expansion: IL-7 expands T cells and raises their cytokines, not without the rule",
          "[immune_t]") {
  const std::string yaml = small_world(4) + kIl7Dose;
  const Overrides off{"rules.il7_lymphocyte_expansion.enabled=false"};
  // Without IL-7: no dose and no IL-7 producers (il7_production), so the marrow holds none.
  const Result on = run(yaml, {}), no = run(yaml, off);
  const Result no_il7 = run(small_world(4), {"rules.il7_production.enabled=false"});
  CHECK(on.tcells > 1.5 * no.tcells);  // 0.2/day x 0.91 for 4 days: exp(0.73) ~ 2-fold
  // The declared effector profile (t_cell_cytokine_profiles), read rather than copied.
  const ResolvedConfig c = config_of(yaml);
  const std::string q = "rules.t_cell_cytokine_profiles.effector_";
  const double q_tnf = c.number(q + "tnf"), q_ifng = c.number(q + "ifng"), q_rankl = c.number(q + "rankl");
  CHECK(no.max_div == 0);
  // Without IL-7 the rule does nothing: no divisions, no secretion boost.
  CHECK(no_il7.max_div == 0);
  CHECK(no_il7.effector_tnf == Approx(q_tnf));
  // Per effector: IFN-g and RANKL x (1 + g occ), occ ~ 0.91 at the dosed level; TNF per cell unchanged
  // (Cenci 2000: OVX raises IL-7 but not TNF per TNF-producing T cell).
  CHECK(no.effector_ifng == Approx(q_ifng));
  CHECK(on.effector_ifng > 1.8 * q_ifng);
  CHECK(on.effector_ifng < 2.0 * q_ifng);
  CHECK(on.effector_rankl / on.effector_ifng == Approx(q_rankl / q_ifng).epsilon(1e-4));
  CHECK(on.effector_tnf == Approx(q_tnf));
}

TEST_CASE("il7_lymphocyte_expansion: divisions are capped", "[immune_t]") {
  const std::string yaml = small_world(4) + kIl7Dose;
  CHECK(run(yaml, {"rules.il7_lymphocyte_expansion.max_divisions=1"}).max_div == 1);
  CHECK(run(yaml, {"rules.il7_lymphocyte_expansion.max_divisions=3"}).max_div <= 3);
}
