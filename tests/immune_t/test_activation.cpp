// t_cell_antigen_activation: antigen on presenting cells, the in-vivo activation treatment, and the two
// estrogen effects on T cells (more responsive to antigen with estrogen; more basal activation without).
#include <catch2/catch.hpp>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
const std::string kEff = "counts/tcell_cd4_effector";
// Effector cells at the end, with no deaths, divisions or Th17 conversion, so the count is the number of
// activations.
double activated(const std::string& yaml, Overrides o) {
  for (const char* k : {"rules.t_cell_lifespan.enabled=false", "rules.rankl_rank_reverse_signal.enabled=false",
                        "rules.cd8_treg_suppression.enabled=false", "rules.thymic_output.entry_rate=0",
                        "rules.thymic_output.initial_density=0.2", "rules.il7_lymphocyte_expansion.enabled=false",
                        "rules.th17_differentiation.enabled=false"})
    o.push_back(k);
  Simulation sim(config_of(yaml, o), 5);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  return count_cells(sim.state(), CellType::TCell, ts(TState::Cd4Effector));
}
}  // namespace

TEST_CASE("t_cell_antigen_activation: antigen on presenting cells activates naive CD4 cells", "[immune_t]") {
  const std::string yaml = small_world(3);
  const std::string antigen = "treatments: {arthritis_milieu: {dose: 100 pM}}\n";
  const double none = activated(yaml, {}), with_antigen = activated(yaml + antigen, {});
  CHECK(none > 0);  // basal activation
  CHECK(with_antigen > 3 * none);
  const Overrides off{"rules.t_cell_antigen_activation.enabled=false"};
  CHECK(activated(yaml + antigen, off) == 0);
}

TEST_CASE("t_cell_antigen_activation: bacterial products (a TLR stimulus) activate naive CD4 cells", "[immune_t]") {
  const std::string yaml = small_world(3);
  const std::string bacteria = "treatments: {tlr_stimulus: {dose: 100 pM}}\n";
  const double none = activated(yaml, {}), with_bacteria = activated(yaml + bacteria, {});
  const double not_antigen = activated(yaml + bacteria, {"rules.t_cell_antigen_activation.bacterial_antigen_weight=0"});
  INFO("effectors: none " << none << ", TLR stimulus " << with_bacteria << ", TLR stimulus without its antigen " << not_antigen);
  CHECK(with_bacteria > 3 * none);
  CHECK(not_antigen < 1.5 * none);  // the TLR stimulus acts on T cells only as antigen
}

TEST_CASE("t_cell_antigen_activation: the in-vivo activation treatment", "[immune_t]") {
  const std::string yaml = small_world(2) + "treatments: {t_cell_activation: {dose: 1 1/day}}\n";
  const Overrides quiet{"rules.t_cell_antigen_activation.basal_rate=0", "rules.t_cell_antigen_activation.self_antigen=0"};
  const double treated = activated(yaml, quiet), untreated = activated(small_world(2), quiet);
  CHECK(untreated == 0);
  CHECK(treated > 100);  // ~600 naive cells at 1/day for 2 days: most activate
  Overrides off = quiet;
  off.push_back("rules.t_cell_antigen_activation.enabled=false");
  CHECK(activated(yaml, off) == 0);
}

TEST_CASE("t_cell_antigen_activation: estrogen raises the antigen response and lowers basal activation",
          "[immune_t]") {
  // Only the T-cell side of estrogen acts: MHC-II held at 1, and the presenting cells the same in both arms
  // (no dendritic cells; no extra monocyte recruitment in estrogen deficiency; monocytes not drained into
  // osteoclastogenesis, which estrogen loss speeds up).
  const std::string yaml = small_world(3);
  const Overrides same_presenters{"rules.ciita_mhc2_expression.enabled=false", "rules.dendritic_cell_life.enabled=false",
                                  "rules.dendritic_rankl_t_cell_crosstalk.enabled=false",
                                  "rules.inflammatory_precursor_recruitment.enabled=false",
                                  "rules.rankl_mcsf_osteoclastogenesis.enabled=false"};
  Overrides basal_only = same_presenters;
  for (const char* k : {"rules.t_cell_antigen_activation.self_antigen=0", "rules.t_cell_antigen_activation.basal_rate=0.1"})
    basal_only.push_back(k);
  // Basal: 1 - exp(-0.3) = 26% of naive cells (sham) vs 1 - exp(-0.45) = 36% (OVX).
  CHECK(activated(yaml + kOvxNow, basal_only) > 1.15 * activated(yaml, basal_only));
  Overrides antigen_only = same_presenters;
  for (const char* k : {"rules.t_cell_antigen_activation.basal_rate=0", "rules.t_cell_antigen_activation.rate=0.5"})
    antigen_only.push_back(k);
  const std::string antigen = "treatments: {arthritis_milieu: {dose: 100 pM}}\n";
  // Antigen response 1.5x with estrogen (less in the counts: the cells next to a presenting cell saturate).
  CHECK(activated(yaml + antigen, antigen_only) > 1.15 * activated(yaml + antigen + kOvxNow, antigen_only));
}
