// Host settings from YAML: genotypes and treatments are validated like every key, reach the host state
// at the right times, and act through the mechanism they target.
#include <catch2/catch.hpp>

#include "../support/sim_fixture.hpp"
#include "marrow/host_settings.hpp"
#include "marrow/settings.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

// Mean of a time-series read-out over the ticks from `from_day` on.
double mean_after(const ResolvedConfig& cfg, const std::string& name, double from_day) {
  Simulation sim(cfg, 5);
  double sum = 0;
  int n = 0;
  while (sim.state().tick < sim.total_ticks()) {
    sim.step();
    if (sim.state().time_days() >= from_day) {
      sum += value_of(sim.timeseries_row(), name);
      ++n;
    }
  }
  return n ? sum / n : 0;
}

}  // namespace

TEST_CASE("host: a misspelt genotype or treatment is a config error naming the nearest valid key", "[host]") {
  const std::string base = small_world(1);
  try {
    config_of(base + "host: {genotype: {tnf_knockot: true}}\n");
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(e.line() == 7);
    CHECK_THAT(e.message(), Catch::Contains("host.genotype.tnf_knockout"));
  }
  try {
    config_of(base + "treatments: {il1_ra: {dose: 10 pM}}\n");
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.message(), Catch::Contains("treatments.il1ra"));
  }
  CHECK_THROWS_AS(config_of(base + "treatments: {opg: {dose: 3 um}}\n"), ConfigError);  // a length is no dose
  CHECK_THROWS_AS(config_of(base + "treatments: {adoptive_transfer: {genotype: tnf_ko}}\n"), ConfigError);
}

TEST_CASE("host: every genotype and treatment is a setting that marrow check lists", "[host]") {
  const auto& all = SettingRegistry::global().all();
  for (const auto& g : kHostGenotypeNames) CHECK(all.count("host.genotype." + std::string(g)) == 1);
  for (const auto& t : kTreatmentNames)
    for (const char* part : {".dose", ".start", ".stop"})
      CHECK(all.count("treatments." + std::string(t) + part) == 1);
}

TEST_CASE("host: a treatment is given from start to stop only, and genotypes set cell genotype bits", "[host]") {
  const ResolvedConfig cfg = config_of(small_world(10) + "treatments: {tnf_blocker: {dose: 500 pM, start: 2 d, stop: 4 d}}\n"
                                       "host: {genotype: {p55_knockout: true, rankl_deleted_in_b_cells: true}}\n");
  const HostPlan plan = host_plan_from_config(cfg);
  std::array<double, kFieldCount> decay{};
  decay.fill(1e-3);
  HostState h;
  apply_host_plan(plan, 1.0, decay, h);
  CHECK(h.dose(kTreatTnfBlocker) == 0);
  CHECK(h.field_sink[kTnf] == 0);
  apply_host_plan(plan, 3.0, decay, h);
  CHECK(h.dose(kTreatTnfBlocker) == Approx(500));
  CHECK(h.field_sink[kTnf] == Approx(500 * 1e6 * 1e-12));  // kon 1e6 /M/s, per pM
  apply_host_plan(plan, 4.0, decay, h);
  CHECK(h.dose(kTreatTnfBlocker) == 0);
  CHECK(h.has(kHostP55Ko));
  CHECK(cell_genotype_bits(h.genotype, CellType::Stromal) == kGenoP55Ko);
  CHECK(cell_genotype_bits(h.genotype, CellType::BCell) == (kGenoP55Ko | kGenoRanklKo));
  CHECK(cell_genotype_bits(h.genotype, CellType::TCell) == kGenoP55Ko);

  Simulation sim(cfg, 1);
  for (std::size_t i = 0; i < sim.state().agents.size(); ++i) CHECK(sim.state().agents.genotype[i] & kGenoP55Ko);
}

TEST_CASE("host: OPG and anti-RANKL treatments lower free RANKL and osteoclast numbers", "[host]") {
  const std::string base = small_world(16, 24, 8);
  const double rankl0 = mean_after(config_of(base), "fields/rankl/mean", 4);
  // Osteoclast-lineage cells past the monocyte stage (pre-osteoclasts outnumber osteoclasts, so less noise),
  // in the bone core: with the immune system a share of the lineage grows without RANKL (SOFAT, TNF), and
  // that share, not the decoy, sets how far one run's count falls.
  const double pre0 = mean_after(config_of(base, core_only()), "counts/preosteoclast", 4);
  const std::string opg = "treatments: {opg: {dose: 1000 pM, start: 2 d}}\n";
  const std::string ab = "treatments: {anti_rankl: {dose: 5000 pM, start: 2 d}}\n";
  CHECK(mean_after(config_of(base + opg), "fields/rankl/mean", 4) < 0.7 * rankl0);
  CHECK(mean_after(config_of(base + opg, core_only()), "counts/preosteoclast", 4) < 0.8 * pre0);
  CHECK(mean_after(config_of(base + ab), "fields/rankl/mean", 4) < 0.7 * rankl0);
}

TEST_CASE("host: a bisphosphonate raises osteoclast apoptosis", "[host]") {
  const std::string base = small_world(16, 24, 8);
  const std::string bp = "treatments: {bisphosphonate: {dose: 2 /d, start: 2 d}}\n";
  CHECK(mean_after(config_of(base + bp), "counts/osteoclast", 6) < 0.6 * mean_after(config_of(base), "counts/osteoclast", 6));
}

TEST_CASE("host: natural menopause declines as a sigmoid and estrogen add-back restores the level", "[host]") {
  const std::string meno = small_world(30, 12, 4) +
                           "host: {estrogen: {schedule: menopause, menopause_day: 10 d, menopause_width: 2 d}}\n";
  Simulation sim(config_of(meno), 1);
  double at_mid = -1, at_start = -1;
  while (sim.state().tick < sim.total_ticks()) {
    sim.step();
    if (sim.state().tick == 1) at_start = sim.state().host.estrogen;
    if (sim.state().tick == 240) at_mid = sim.state().host.estrogen;
  }
  CHECK(at_start > 0.98);
  CHECK(at_mid == Approx(0.55).margin(0.02));  // (1 + E_low)/2 at the midpoint
  CHECK(sim.state().host.estrogen < 0.12);

  const std::string addback = small_world(10, 12, 4) +
                              "host: {estrogen: {schedule: ovx, ovx_day: 1 d, decline_time: 0.5 d}}\n"
                              "treatments: {estrogen: {dose: 0.9, start: 5 d}}\n";
  Simulation s2(config_of(addback), 1);
  double before = -1;
  while (s2.state().tick < s2.total_ticks()) {
    s2.step();
    if (s2.state().tick == 4 * 24) before = s2.state().host.estrogen;
  }
  CHECK(before < 0.2);
  CHECK(s2.state().host.estrogen == Approx(0.9));
}

TEST_CASE("host: transferred T cells recirculate, so a nude host keeps its transferred pool", "[host]") {
  // adoptive_transfer: after the injection donor cells re-enter at thymic_output's recirculating rate,
  // scaled by the transferred density; without re-entry (entry_rate 0) the pool dies out.
  const std::string world = small_world(40, 24, 10) + "host: {genotype: {nude: true}}\n"
                            "treatments: {adoptive_transfer: {dose: 3e4 /mm^3, start: 2 d, genotype: tnf_knockout}}\n";
  auto t_cells = [](const Simulation& sim) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < sim.state().agents.size(); ++i) n += sim.state().agents.cell_type(i) == CellType::TCell;
    return n;
  };
  auto run = [&](Overrides o) {
    Simulation sim(config_of(world, o), 2);
    std::size_t injected = 0;
    while (sim.state().tick < sim.total_ticks()) {
      sim.step();
      if (sim.state().tick == 2 * 24 + 1) injected = t_cells(sim);
    }
    bool all_donor = true;
    const AgentStore& a = sim.state().agents;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a.cell_type(i) == CellType::TCell) all_donor = all_donor && a.genotype[i] == kGenoTnfKo;
    return std::tuple{injected, t_cells(sim), all_donor};
  };
  const auto [injected, kept, donor] = run({});
  const auto [injected0, kept0, donor0] = run({"rules.thymic_output.entry_rate=0 1/(mm^3*day)"});
  INFO("injected " << injected << " kept " << kept << "; without re-entry " << injected0 << " -> " << kept0);
  CHECK(injected > 20);
  CHECK(injected0 == injected);
  CHECK(kept > injected / 2);
  CHECK(kept0 < injected / 3);
  CHECK(donor);
}

TEST_CASE("host: adoptive transfer injects T cells of the donor's genotype on the start day", "[host]") {
  const std::string base = small_world(6, 20, 6) + "host: {genotype: {nude: true}}\n";
  const std::string transfer = "treatments: {adoptive_transfer: {dose: 2e5 /mm^3, start: 3 d, genotype: tnf_knockout}}\n";
  Simulation sim(config_of(base + transfer), 2);
  auto t_cells = [&] {
    std::size_t n = 0;
    for (std::size_t i = 0; i < sim.state().agents.size(); ++i) n += sim.state().agents.cell_type(i) == CellType::TCell;
    return n;
  };
  std::size_t before = 0;
  bool all_donor = true;
  while (sim.state().tick < 3 * 24 + 1) {
    if (sim.state().tick == 3 * 24) before = t_cells();
    sim.step();
  }
  const std::size_t after = t_cells();
  for (std::size_t i = 0; i < sim.state().agents.size(); ++i)
    if (sim.state().agents.cell_type(i) == CellType::TCell && sim.state().agents.birth_tick[i] == 3 * 24)
      all_donor = all_donor && sim.state().agents.genotype[i] == kGenoTnfKo;
  CHECK(after >= before + 50);
  CHECK(all_donor);
  SECTION("without the rule, no cells are transferred") {
    Simulation off(config_of(base + transfer, {"rules.adoptive_transfer.enabled=false"}), 2);
    while (off.state().tick < 3 * 24 + 1) off.step();
    std::size_t n = 0;
    for (std::size_t i = 0; i < off.state().agents.size(); ++i) n += off.state().agents.cell_type(i) == CellType::TCell;
    CHECK(n < before + 50);
  }
}
