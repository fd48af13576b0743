// B cells: lymphopoiesis (estrogen and IL-7), B220+IgM- precursors becoming osteoclasts, TLR-driven and
// estrogen-sensitive B-cell RANKL, and CD40L-dependent B-cell OPG. Each rule is shown on and off.
#include <catch2/catch.hpp>

#include "immune_b_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

constexpr auto kPre = static_cast<int>(BState::Precursor);
constexpr auto kRest = static_cast<int>(BState::Resting);
constexpr auto kAct = static_cast<int>(BState::TlrActivated);

// Mean per-tick count of B220+IgM- precursors over the second half of the run.
double late_precursors(const ResolvedConfig& cfg) {
  Simulation sim(cfg, kTestSeed);
  const std::int64_t half = sim.total_ticks() / 2;
  double sum = 0, n = 0;
  run_each(sim, [&](const Simulation& s) {
    if (s.state().tick <= half) return;
    sum += value_of(s.timeseries_row(), "counts/bcell_b220_precursor");
    n += 1;
  });
  return sum / n;
}

}  // namespace

TEST_CASE("b_lymphopoiesis: places B cells, precursors enter and mature, none without the rule", "[immune_b]") {
  const std::string yaml = b_world(6);
  Simulation sim(config_of(yaml), kTestSeed);
  const AgentStore& a0 = sim.state().agents;
  const auto pre0 = count_if(sim.state(), [&](std::size_t i) { return is_type(a0, i, CellType::BCell, kPre); });
  const auto rest0 = count_if(sim.state(), [&](std::size_t i) { return is_type(a0, i, CellType::BCell, kRest); });
  CHECK(pre0 > 0);
  CHECK(rest0 > pre0);  // resting B cells outnumber the precursors
  CHECK(count_if(sim.state(), [&](std::size_t i) {
          return a0.cell_type(i) == CellType::BCell && a0.lineage[i] != kLineageBCell;
        }) == 0);
  std::set<std::uint64_t> born, matured;
  std::size_t wrong_lineage = 0;
  run_each(sim, [&](const Simulation& s) {
    const AgentStore& a = s.state().agents;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a.cell_type(i) != CellType::BCell) continue;
      if (a.birth_tick[i] > 0) {
        born.insert(a.id[i]);
        wrong_lineage += a.lineage[i] != kLineageBCell;
      }
      if (a.state[i] == kRest && a.state_tick[i] > 0) matured.insert(a.id[i]);
    }
  });
  CHECK(wrong_lineage == 0);
  CHECK(born.size() > 3);
  CHECK(matured.size() > 3);

  Simulation off(config_of(yaml, {"rules.b_lymphopoiesis.enabled=false"}), kTestSeed);
  double b_cells = 0;
  run_each(off, [&](const Simulation& s) { b_cells += value_of(s.timeseries_row(), "counts/bcell"); });
  CHECK(b_cells == 0);
}

TEST_CASE("b_lymphopoiesis: estrogen deficiency and IL-7 expand the B220+IgM- precursors", "[immune_b]") {
  // Denser entry (about 110 precursors at steady state) so that the time-mean is within a few per cent;
  // precursors do not leave as osteoclasts here, so only entry, maturation and death set their number.
  // Without the other groups: no marrow IL-7 production, so the sham arm sees no IL-7 and ovariectomy acts
  // only through the estrogen term of this rule (il7_production's own estrogen response is its test's).
  const Overrides more = without_other_groups(
      {"rules.b_lymphopoiesis.rate=20000", "rules.b_lymphopoiesis.initial_precursor_density=0.065",
       "rules.b_lymphopoiesis.initial_resting_density=0", "rules.b_precursor_osteoclastogenesis.enabled=false"});
  const std::string base = b_world(12);
  const std::string ovx = "host: {estrogen: {schedule: ovx, decline_time: 1 d}}\n";
  const double sham = late_precursors(config_of(base, more));
  const double def = late_precursors(config_of(base + ovx, more));
  const double il7 = late_precursors(config_of(base + "treatments: {il7: {dose: 100 pM}}\n", more));
  // Entry rises by 1 + w_E (1 - E) = 1.9 at E = 0.1 and by 1 + g_7 f_IL7 ~ 2.8 at 100 pM.
  CHECK(def > 1.4 * sham);
  CHECK(il7 > 1.8 * sham);
  SECTION("with zero estrogen and IL-7 weights there is no expansion") {
    Overrides flat = more;
    flat.push_back("rules.b_lymphopoiesis.estrogen_weight=0");
    flat.push_back("rules.b_lymphopoiesis.il7_gain=0");
    const double sham0 = late_precursors(config_of(base, flat));
    CHECK(late_precursors(config_of(base + ovx, flat)) == Approx(sham0).epsilon(0.15));
    CHECK(late_precursors(config_of(base + "treatments: {il7: {dose: 100 pM}}\n", flat)) == Approx(sham0).epsilon(0.15));
  }
}

TEST_CASE("b_precursor_osteoclastogenesis: B220+IgM- precursors become pre-osteoclasts with RANKL", "[immune_b]") {
  const Overrides dense{"rules.b_lymphopoiesis.initial_precursor_density=0.05", "rules.b_lymphopoiesis.maturation=0"};
  const std::string yaml = b_world(4);
  Overrides rankl = dense;
  rankl.push_back("rules.test_b.rankl=100 pM");
  const std::size_t with_rankl = preosteoclasts_from(config_of(yaml, rankl), kLineageBCell);
  // RANKL neutralised (denosumab-like antibody): RANK signalling is needed.
  const std::size_t blocked =
      preosteoclasts_from(config_of(yaml + "treatments: {anti_rankl: {dose: 10 nM}}\n", dense), kLineageBCell);
  Overrides off = rankl;
  off.push_back("rules.b_precursor_osteoclastogenesis.enabled=false");
  const std::size_t without_rule = preosteoclasts_from(config_of(yaml, off), kLineageBCell);
  CHECK(with_rankl >= 10);
  CHECK(with_rankl > 3 * blocked);
  CHECK(without_rule == 0);
}

TEST_CASE("tlr_b_cell_rankl: TLR stimulus activates B cells, which over-express RANKL", "[immune_b]") {
  const std::string base = b_world(4);
  const std::string tlr = "treatments: {tlr_stimulus: {dose: 100 pM}}\n";
  const std::vector<std::string> names{"counts/bcell_tlr_activated", "secretion/rankl_per_bcell",
                                       "counts/bcell_rankl_positive"};
  const std::vector<double> with_tlr = readout_sums(config_of(base + tlr), names);
  const std::vector<double> none = readout_sums(config_of(base), names);
  CHECK(none[0] == 0);
  CHECK(with_tlr[0] > 0);
  CHECK(none[1] > 0);
  CHECK(with_tlr[1] > 5 * none[1]);
  CHECK(with_tlr[2] > 0);
  CHECK(with_tlr[2] > none[2]);  // RANKL+ counts expressing cells, not the resting cells' basal trace
  // (Blocks, not SECTIONs: Catch would rerun the arms above once per section.)
  {  // Without the rule: no activation, no B-cell RANKL.
    const std::vector<double> off = readout_sums(config_of(base + tlr, {"rules.tlr_b_cell_rankl.enabled=false"}), names);
    CHECK(off[0] == 0);
    CHECK(off[1] == 0);
  }
  {  // B cells lacking RANKL are activated but make none.
    const std::vector<double> ko =
        readout_sums(config_of(base + tlr + "host: {genotype: {rankl_deleted_in_b_cells: true}}\n"), names);
    CHECK(ko[0] > 0);
    CHECK(ko[1] == 0);
  }
}

TEST_CASE("tlr_b_cell_rankl: estrogen deficiency raises RANKL per resting B cell", "[immune_b]") {
  auto resting_rankl = [](const ResolvedConfig& cfg, double* estrogen) {
    Simulation sim(cfg, kTestSeed);
    run_each(sim, [](const Simulation&) {});
    const AgentStore& a = sim.state().agents;
    double sum = 0, n = 0;
    for (std::size_t i = 0; i < a.size(); ++i)  // resting during the last decide (not matured in its resolve)
      if (is_type(a, i, CellType::BCell, kRest) && a.state_tick[i] < sim.state().tick - 1) {
        sum += a.secretion[kRankl][i];
        n += 1;
      }
    *estrogen = sim.state().host.estrogen;
    return sum / n;
  };
  const std::string base = b_world(5);
  const std::string ovx = "host: {estrogen: {schedule: ovx, decline_time: 1 d}}\n";
  double e_sham = 0, e_ovx = 0;
  const double sham = resting_rankl(config_of(base), &e_sham);
  const double def = resting_rankl(config_of(base + ovx), &e_ovx);
  REQUIRE(e_sham == 1.0);
  REQUIRE(e_ovx < 0.2);
  CHECK(def > 2 * sham);  // S17: a 2-3 fold rise per cell
  CHECK(def / sham == Approx(1.0 + 1.5 * (1.0 - e_ovx)).epsilon(1e-4));
  const double off = resting_rankl(config_of(base + ovx, {"rules.tlr_b_cell_rankl.enabled=false"}), &e_ovx);
  CHECK(off == 0);
}

TEST_CASE("b_cell_cd40_opg: resting B cells make more OPG in contact with resting T cells", "[immune_b]") {
  // One tick: B-cell OPG and the marrow OPG it sustains, with naive CD4 T cells beside every resting B cell,
  // with effector T cells there instead (no CD40L help from resting T cells), and with no T cells (a nude
  // host: no T cells but those placed here).
  struct Result {
    double opg_per_b, marrow_opg;
  };
  auto one_tick = [](const Overrides& o) {
    Simulation sim(config_of(b_world(1, "host: {genotype: {nude: true}}\n"), o), kTestSeed);
    sim.step();
    const TimeseriesRow row = sim.timeseries_row();
    return Result{value_of(row, "secretion/opg_per_bcell"), value_of(row, "fields/opg/mean")};
  };
  const Result naive = one_tick({"rules.test_b.t_beside_b=true", "rules.test_b.t_state=0"});
  const Result effector = one_tick({"rules.test_b.t_beside_b=true", "rules.test_b.t_state=1"});
  const Result none = one_tick({});
  const Result off = one_tick({"rules.test_b.t_beside_b=true", "rules.test_b.t_state=0", "rules.b_cell_cd40_opg.enabled=false"});
  CHECK(none.opg_per_b > 0);
  CHECK(naive.opg_per_b > 3 * none.opg_per_b);
  CHECK(effector.opg_per_b == Approx(none.opg_per_b).epsilon(0.05));
  // T-cell-deficient marrow has less OPG (S16); here lining cells make most of it, so the rise is smaller.
  CHECK(naive.marrow_opg > 1.2 * none.marrow_opg);
  CHECK(off.opg_per_b == 0);
  CHECK(off.marrow_opg < none.marrow_opg);
  {  // Resting CD8 cells help with weight w_CD8 (Grcevic 2000); CD8 Tregs do not; w_CD8 = 0 removes the help.
    auto beside = [&](const char* t_state, const char* w_cd8) {
      return one_tick({"rules.test_b.t_beside_b=true", std::string("rules.test_b.t_state=") + t_state,
                       std::string("rules.b_cell_cd40_opg.cd8_weight=") + w_cd8});
    };
    const Result half = beside("3", "0.5");
    CHECK(half.opg_per_b > 2 * none.opg_per_b);
    CHECK(half.opg_per_b < naive.opg_per_b);
    CHECK(beside("3", "0").opg_per_b == Approx(none.opg_per_b).epsilon(0.05));
    CHECK(beside("4", "0.5").opg_per_b == Approx(none.opg_per_b).epsilon(0.05));
  }
}
