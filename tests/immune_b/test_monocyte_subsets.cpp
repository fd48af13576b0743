// The CD14+CD16+ monocyte subset and the recruitment of circulating precursors in an inflammatory or
// estrogen-deficient milieu; and the culture mode, where none of this group's cells are placed or enter.
#include <catch2/catch.hpp>

#include "immune_b_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

constexpr int kCd16 = static_cast<int>(MonocyteState::Cd16);

// Monocytes that entered the marrow during the run. Monocyte division is off, so every monocyte born
// after the start was recruited (by monocyte_recruitment or by the rule under test).
double monocyte_entries(const std::string& yaml, Overrides o) {
  o.push_back("rules.mcsf_precursor_support.proliferation=0");
  Simulation sim(config_of(yaml, o), kTestSeed);
  std::set<std::uint64_t> born;
  run_each(sim, [&](const Simulation& s) {
    const AgentStore& a = s.state().agents;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a.cell_type(i) == CellType::Monocyte && a.birth_tick[i] > 0) born.insert(a.id[i]);
  });
  return static_cast<double>(born.size());
}

}  // namespace

TEST_CASE("cd16_monocyte_expansion: an arthritis-like or TNF milieu expands CD16+ monocytes", "[immune_b]") {
  // Extra recruitment of CD16+ precursors is switched off here: only the switch of resident monocytes counts.
  // Monocytes do not leave the pool as osteoclast precursors either, so the pool does not depend on the
  // osteoclastogenesis rules and their modifiers (the IFN-gamma block changed it by a quarter).
  const Overrides only_switch{"rules.inflammatory_precursor_recruitment.enabled=false",
                              "rules.rankl_mcsf_osteoclastogenesis.enabled=false"};
  const std::string base = b_world(4);
  const std::string arthritis = "treatments: {arthritis_milieu: {dose: 100 pM}}\n";
  const double healthy = readout_sum(config_of(base, only_switch), "counts/monocyte_cd16");
  const double arth = readout_sum(config_of(base + arthritis, only_switch), "counts/monocyte_cd16");
  Overrides tnf = only_switch;
  tnf.push_back("rules.test_b.tnf=100 pM");
  const double with_tnf = readout_sum(config_of(base, tnf), "counts/monocyte_cd16");
  CHECK(arth > 100);  // monocyte-ticks
  CHECK(arth > 5 * healthy);
  CHECK(with_tnf > 5 * healthy);
  SECTION("without TNFR1 (p55) the TNF route is closed") {  // and no antigen: no switch at all
    CHECK(readout_sum(config_of(base + "host: {genotype: {p55_knockout: true}}\n", tnf), "counts/monocyte_cd16") == 0);
  }
  SECTION("without the rule no monocyte switches") {
    Overrides off = only_switch;
    off.push_back("rules.cd16_monocyte_expansion.enabled=false");
    off.push_back("rules.test_b.tnf=100 pM");
    CHECK(readout_sum(config_of(base + arthritis, off), "counts/monocyte_cd16") == 0);
  }
}

TEST_CASE("cd16_monocyte_expansion: CD16+ monocytes are more osteoclastogenic and mark their OCs", "[immune_b]") {
  // Without the other groups' T cells (activated by the arthritis antigen) and cytokine sources, no other
  // rule (IFN-gamma, IL-1/TNF, IL-6, IL-7, CD8 Treg) scales the differentiation gain, so the gain on a
  // CD16+ monocyte is g_16 alone.
  const Overrides o =
      without_other_groups({"rules.inflammatory_precursor_recruitment.enabled=false", "rules.test_b.rankl=30 pM"});
  const std::string yaml = b_world(4) + "treatments: {arthritis_milieu: {dose: 100 pM}}\n";
  Simulation sim(config_of(yaml, o), kTestSeed);
  std::size_t cd16 = 0, gain_ok = 0, lineage_ok = 0;
  run_each(sim, [&](const Simulation& s) {
    const AgentStore& a = s.state().agents;
    for (std::size_t i = 0; i < a.size(); ++i) {
      // Those that were CD16+ during this tick's decide (not switched in its resolve).
      if (a.cell_type(i) != CellType::Monocyte || a.state[i] != kCd16 || a.state_tick[i] >= s.state().tick - 1) continue;
      ++cd16;
      gain_ok += a.differentiation_gain[i] == 3.0f;
      lineage_ok += a.lineage[i] == kLineageCd16Monocyte;
    }
  });
  REQUIRE(cd16 > 0);
  CHECK(gain_ok == cd16);
  CHECK(lineage_ok == cd16);
  // Per monocyte-tick, CD16+ monocytes become pre-osteoclasts more often than classical ones.
  auto per_cell_rate = [&](const Overrides& ov, double* r16, double* rclassical) {
    Simulation sm(config_of(yaml, ov), kTestSeed);
    double ticks16 = 0, ticks_cl = 0, conv16 = 0, conv_cl = 0;
    std::set<std::uint64_t> pre;
    run_each(sm, [&](const Simulation& s) {
      const AgentStore& a = s.state().agents;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (a.cell_type(i) == CellType::Monocyte) (a.state[i] == kCd16 ? ticks16 : ticks_cl) += 1;
        if (a.cell_type(i) == CellType::PreOsteoclast && pre.insert(a.id[i]).second)
          ((a.lineage[i] & kLineageCd16Monocyte) ? conv16 : conv_cl) += 1;
      }
    });
    *r16 = conv16 / ticks16;
    *rclassical = conv_cl / ticks_cl;
  };
  double r16 = 0, rcl = 0;
  per_cell_rate(o, &r16, &rcl);
  CHECK(r16 > 1.5 * rcl);  // g_16 = 3
}

TEST_CASE("cd16_monocyte_expansion: lineage bits follow the subset and OC nuclei are tallied by origin",
          "[immune_b]") {
  // Classical daughters of CD16+ monocytes carry the monocyte bit; osteoclasts count their CD16+ nuclei,
  // so the CD16+ share of nuclei stays below the share of OCs that hold any CD16+ nucleus.
  const Overrides o = without_other_groups({"rules.test_b.rankl=60 pM", "rules.cd16_monocyte_expansion.rate=1 /d"});
  const std::string yaml = b_world(20) + "treatments: {arthritis_milieu: {dose: 100 pM}}\n";
  Simulation sim(config_of(yaml, o), kTestSeed);
  std::size_t monocytes = 0, consistent = 0, fused = 0, tally_ok = 0;
  double share_sum = 0, any_sum = 0;
  run_each(sim, [&](const Simulation& s) {
    const AgentStore& a = s.state().agents;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a.cell_type(i) == CellType::Monocyte) {
        ++monocytes;
        const bool cd16 = a.state[i] == kCd16;
        consistent += (a.lineage[i] & (kLineageMonocyte | kLineageCd16Monocyte)) ==
                      (cd16 ? kLineageCd16Monocyte : kLineageMonocyte);
      }
      if (a.cell_type(i) == CellType::Osteoclast && a.nuclei_cd16[i] >= 0) {
        ++fused;
        tally_ok += a.nuclei_cd16[i] <= a.nuclei[i] &&
                    (a.nuclei_cd16[i] == 0 || (a.lineage[i] & kLineageCd16Monocyte) != 0);
      }
    }
    const TimeseriesRow row = s.timeseries_row();
    share_sum += value_of(row, "osteoclast/nuclei_cd16_share");
    const double oc = value_of(row, "counts/osteoclast");
    any_sum += oc > 0 ? value_of(row, "counts/osteoclast_from_cd16_monocyte") / oc : 0.0;
  });
  REQUIRE(monocytes > 0);
  CHECK(consistent == monocytes);
  REQUIRE(fused > 0);
  CHECK(tally_ok == fused);
  CHECK(share_sum > 0);
  CHECK(share_sum < any_sum);
  SECTION("without the subset switch no nucleus is CD16+") {
    Overrides off = o;
    off.push_back("rules.cd16_monocyte_expansion.enabled=false");
    off.push_back("rules.inflammatory_precursor_recruitment.enabled=false");
    CHECK(readout_sum(config_of(yaml, off), "osteoclast/nuclei_cd16_share") == 0);
  }
}

TEST_CASE("inflammatory_precursor_recruitment: TNF and estrogen deficiency recruit more precursors", "[immune_b]") {
  const std::string base = b_world(8, "", 32);
  const std::string ovx = "host: {estrogen: {schedule: ovx, decline_time: 1 d}}\n";
  // Without the other groups' T cells and monocyte TNF, marrow TNF is the test source alone (ovariectomy
  // would otherwise raise it through T cells, and the TNF arm's dose would not be the only TNF).
  // The switch of resident monocytes is off: CD16+ monocytes can then only have entered as such.
  const Overrides tnf = without_other_groups({"rules.test_b.tnf=100 pM", "rules.cd16_monocyte_expansion.enabled=false"});
  Overrides tnf_off = tnf;
  tnf_off.push_back("rules.inflammatory_precursor_recruitment.enabled=false");
  const Overrides none = without_other_groups();
  const Overrides off = without_other_groups({"rules.inflammatory_precursor_recruitment.enabled=false"});
  // Basal entries are drawn from their own stream, the same in both arms: the extra entries are
  // r (w_T <f_TNF> + w_E (1 - E)), about 0.9 and 0.45 of the basal rate here.
  const double entries_tnf_off = monocyte_entries(base, tnf_off);
  CHECK(monocyte_entries(base, tnf) > 1.5 * entries_tnf_off);
  CHECK(monocyte_entries(base + ovx, none) > 1.25 * monocyte_entries(base + ovx, off));
  // Estrogen-replete and the TNF route closed: the rule adds nothing, even with TNF present.
  Overrides closed = tnf;
  closed.push_back("rules.inflammatory_precursor_recruitment.tnf_weight=0");
  CHECK(monocyte_entries(base, closed) == entries_tnf_off);
  {  // In an arthritis-like milieu a share of the recruits are CD16+.
    const std::string arth = "treatments: {arthritis_milieu: {dose: 100 pM}}\n";
    // (monocyte-ticks over the run)
    CHECK(readout_sum(config_of(base + arth, tnf), "counts/monocyte_cd16") > 100);
    CHECK(readout_sum(config_of(base, tnf), "counts/monocyte_cd16") == 0);
    CHECK(readout_sum(config_of(base + arth, tnf_off), "counts/monocyte_cd16") == 0);
  }
}

TEST_CASE("inflammatory_precursor_recruitment: a Hill coefficient above 1 ignores basal TNF, not inflamed TNF", "[immune_b]") {
  const std::string base = b_world(8, "", 32);
  // TNF at a basal marrow level (3 pM) and at an inflamed one (100 pM), K_T = 10 pM; extra entries over the
  // rule switched off. n = 1: 3/13 and 100/110 of r; n = 3: 0.026 and 0.999 of r.
  auto extra = [&](const char* tnf, const char* hill) {
    const Overrides on = without_other_groups({std::string("rules.test_b.tnf=") + tnf,
                                               "rules.cd16_monocyte_expansion.enabled=false",
                                               std::string("rules.inflammatory_precursor_recruitment.hill=") + hill});
    Overrides off = on;
    off.push_back("rules.inflammatory_precursor_recruitment.enabled=false");
    return monocyte_entries(base, on) - monocyte_entries(base, off);
  };
  const double basal_graded = extra("3 pM", "1"), basal_switch = extra("3 pM", "3");
  const double inflamed_graded = extra("100 pM", "1"), inflamed_switch = extra("100 pM", "3");
  CHECK(basal_graded > 0.1 * inflamed_graded);
  CHECK(basal_switch < 0.35 * basal_graded);
  CHECK(inflamed_switch > 0.9 * inflamed_graded);
}

TEST_CASE("immune_b rules: in culture no B cells, DCs or recruited precursors appear", "[immune_b]") {
  const std::string yaml = b_world(2) + "mode: culture\nhost: {estrogen: {schedule: ovx}}\n";
  const Overrides tnf{"rules.test_b.tnf=100 pM"};
  CHECK(readout_sum(config_of(yaml, tnf), "counts/bcell") == 0);
  CHECK(readout_sum(config_of(yaml, tnf), "counts/dendritic") == 0);
  Overrides off = tnf;
  off.push_back("rules.inflammatory_precursor_recruitment.enabled=false");
  CHECK(readout_sum(config_of(yaml, tnf), "counts/monocyte") == readout_sum(config_of(yaml, off), "counts/monocyte"));
}
