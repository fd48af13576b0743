// Basal osteoclast formation does not rest on T-cell TNF: TNF-/- (and nude) mice keep their basal
// remodeling (seed: they lose no bone after OVX, and T-cell-deficient mice have more osteoclasts, not
// fewer; S06, S16). With graded p55 responses (Hill n = 1) basal T-cell TNF ran the wild type's
// osteoclast formation at about five times the knock-out's (docs/model.md, "Basal osteoclastogenesis
// without T-cell TNF"); with the switch-like responses (n = 3) the knock-out formed about 0.6 of the
// wild type's when this test was written (graded: about 0.25).
//
// KNOWN FAILURE since the mouse erosion rate went from 4 to 16 um/day (docs/model.md, "Adoption of the
// 16 um/day mouse erosion rate"): in this world the knock-out now forms 0.30 of the wild type's
// osteoclast-ticks (0.47 at 4 um/day, 0.44 at 8), and on S06's 48 x 48 plates 0.48. Basal marrow
// TNF barely moved (4.1 -> 4.4 pM); what grew is what its small responses are worth: switched off alone,
// each of stromal RANKL, IL-1 amplification, precursor recruitment and precursor sensitisation takes
// 26-34% of the wild type's osteoclasts. [!shouldfail] keeps the check running: it reports a failure
// the day the claim holds again, and the tag must then go. The seed-side symptom is S16 (nude mice
// should have more osteoclasts than wild type; they have fewer, on the set as on this rate).
#include <catch2/catch.hpp>

#include "../support/sim_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string kSham = small_world(35, 24, 10) + "host: {estrogen: {schedule: sham}}\n";
const std::string kTnfKoSham =
    small_world(35, 24, 10) + "host: {estrogen: {schedule: sham}, genotype: {tnf_knockout: true}}\n";

// Osteoclast-ticks summed over 4 replicates (one run's count varies by about a fifth).
double oc_ticks(const std::string& yaml, const Overrides& o) {
  double sum = 0;
  for (int r = 0; r < 4; ++r) sum += run_totals(config_of(yaml, o), r).oc_ticks;
  return sum;
}
}  // namespace

TEST_CASE("biology: basal osteoclast formation barely depends on TNF, and would with graded p55 responses",
          "[biology][tnf_p55_precursor_sensitisation][tnf_p55_stromal_rankl_mcsf][!shouldfail]") {
  const double wt_switch = oc_ticks(kSham, {}), ko_switch = oc_ticks(kTnfKoSham, {});
  Overrides graded;
  for (const char* rule : {"tnf_p55_precursor_sensitisation", "tnf_p55_stromal_rankl_mcsf", "il1_tnf_amplification"})
    graded.push_back(std::string("rules.") + rule + ".hill=1");
  const double wt_graded = oc_ticks(kSham, graded), ko_graded = oc_ticks(kTnfKoSham, graded);
  INFO("osteoclast-ticks: switch-like wild type " << wt_switch << ", TNF-/- " << ko_switch << "; graded wild type "
                                                  << wt_graded << ", TNF-/- " << ko_graded);
  REQUIRE(wt_switch > 0);
  CHECK(ko_switch > 0.4 * wt_switch);
  CHECK(ko_graded < 0.35 * wt_graded);
  CHECK(ko_graded == Approx(ko_switch).epsilon(0.05));  // without TNF the Hill coefficient cannot matter
}
