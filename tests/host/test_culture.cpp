// Culture mode: a closed dish on a slice, seeded with the chosen cells, added factors held; nothing enters.
#include <catch2/catch.hpp>

#include "../support/sim_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

std::string dish(int days, const std::string& culture) {
  return "name: dish\nseed: 3\nspecies: mouse\nmode: culture\nduration: " + std::to_string(days) +
         " d\ngrid: {nx: 20, ny: 20, nz: 5}\ngeometry: {type: slice, plate_thickness: 20 um}\n"
         "culture: {" + culture + "}\n";
}

std::size_t count(const Simulation& sim, CellType t) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < sim.state().agents.size(); ++i) n += sim.state().agents.cell_type(i) == t;
  return n;
}

}  // namespace

TEST_CASE("culture: the dish holds what was seeded and nothing enters", "[culture]") {
  Simulation sim(config_of(dish(4, "monocytes: 2000 /mm^2, t_cells: 0 /mm^2, stromal_cells: 500 /mm^2")), 1);
  // 20 x 20 voxels of 10 um = 0.04 mm^2
  CHECK(count(sim, CellType::Monocyte) == 80);
  CHECK(count(sim, CellType::Stromal) == 20);
  CHECK(count(sim, CellType::TCell) == 0);
  CHECK(count(sim, CellType::Osteoblast) == 0);  // no lining cells on a bare slice
  // Seeded on the slice: the layer just above the bone.
  for (std::size_t i = 0; i < sim.state().agents.size(); ++i) CHECK(sim.state().agents.z[i] == 2);
  const std::size_t mono0 = count(sim, CellType::Monocyte);
  while (sim.state().tick < sim.total_ticks()) sim.step();
  CHECK(count(sim, CellType::Monocyte) <= mono0);  // no recruitment; without M-CSF no proliferation
  SECTION("T-cell depletion removes the T cells") {
    Simulation d(config_of(dish(1, "t_cells: 5000 /mm^2, t_cell_depletion: 1")), 1);
    CHECK(count(d, CellType::TCell) == 0);
    Simulation nd(config_of(dish(1, "t_cells: 5000 /mm^2")), 1);
    CHECK(count(nd, CellType::TCell) == 200);
  }
}

TEST_CASE("culture: added M-CSF and RANKL are held in the medium and make osteoclasts that pit the slice",
          "[culture]") {
  const std::string both = "monocytes: 4000 /mm^2, t_cells: 0 /mm^2, added: {mcsf: 200 pM, rankl: 200 pM}";
  Simulation sim(config_of(dish(12, both)), 1);
  double oc = 0;
  while (sim.state().tick < sim.total_ticks()) {
    sim.step();
    oc += value_of(sim.timeseries_row(), "counts/osteoclast");
  }
  const TimeseriesRow row = sim.timeseries_row();
  CHECK(value_of(row, "fields/mcsf/mean") > 50);  // held near the added level, less receptor uptake
  CHECK(oc > 0);
  CHECK(value_of(row, "bone/pit_area") > 0);
  SECTION("without the seeding rule the added factors are not held and no cells are placed") {
    Simulation off(config_of(dish(1, both), {"rules.culture_seeding.enabled=false"}), 1);
    off.step();
    CHECK(off.state().agents.size() == 0);
    CHECK(value_of(off.timeseries_row(), "fields/mcsf/mean") == 0);
  }
}

TEST_CASE("culture: added OPG binds added RANKL in the medium, so only the excess of either is held",
          "[culture]") {
  auto held = [](const std::string& added, const char* field) {
    Simulation sim(config_of(dish(1, "monocytes: 0 /mm^2, t_cells: 0 /mm^2, added: {" + added + "}")), 1);
    for (int k = 0; k < 12; ++k) sim.step();
    return value_of(sim.timeseries_row(), field);
  };
  const double alone = held("rankl: 200 pM", "fields/rankl/mean");
  const double half = held("rankl: 200 pM, opg: 100 pM", "fields/rankl/mean");
  CHECK(alone > 150);
  CHECK(half == Approx(alone / 2).epsilon(0.05));
  CHECK(held("rankl: 200 pM, opg: 300 pM", "fields/rankl/mean") < 0.01 * alone);
  CHECK(held("rankl: 200 pM, opg: 300 pM", "fields/opg/mean") == Approx(held("opg: 100 pM", "fields/opg/mean")));
}

TEST_CASE("culture: in a human PBMC dish the activated T cells' M-CSF keeps the monocytes alive",
          "[culture]") {
  // Seed, "Estrogen loss and immune system": T-cell-depleted PBMC form OCs only with added M-CSF and
  // RANKL, so the T cells are the dish's M-CSF (t_cell_cytokine_profiles.effector_mcsf, human set).
  auto run = [](const std::string& culture, std::vector<std::string> sets = {}) {
    std::string cfg = dish(5, "monocytes: 1500 /mm^2, t_cells: 6000 /mm^2, effector_share: 0.2" + culture);
    cfg.replace(cfg.find("species: mouse"), 14, "species: human");
    Simulation sim(config_of(cfg, sets), 1);
    while (sim.state().tick < sim.total_ticks()) sim.step();
    const TimeseriesRow row = sim.timeseries_row();
    return std::pair{value_of(row, "counts/monocyte") + value_of(row, "counts/preosteoclast") +
                         value_of(row, "counts/osteoclast"),
                     value_of(row, "fields/mcsf/mean")};
  };
  const auto [pbmc, mcsf] = run("");
  const auto [depleted, mcsf_depleted] = run(", t_cell_depletion: 0.98");
  const auto [no_t_mcsf, mcsf_none] = run("", {"rules.t_cell_cytokine_profiles.effector_mcsf=0 zmol/h"});
  INFO("pbmc " << pbmc << " depleted " << depleted << " no T M-CSF " << no_t_mcsf << " mcsf " << mcsf << " "
                  << mcsf_depleted << " " << mcsf_none);
  CHECK(mcsf > 10);  // above the monocytes' half-saturation (10 pM)
  CHECK(mcsf_depleted < 0.2 * mcsf);
  CHECK(mcsf_none < 0.1 * mcsf);
  CHECK(pbmc > 1.5 * depleted);
  CHECK(pbmc > 1.5 * no_t_mcsf);
}

TEST_CASE("culture: added calcitriol makes the stromal cells secrete more RANKL and less OPG "
          "(calcitriol_stromal_rankl)", "[culture]") {
  // RANKL x (1 + g_R f_D), OPG / (1 + g_O f_D), f_D = D/(D + K_D); defaults g_R 10, g_O 1, K_D 0.5 nM.
  auto per_stromal = [](const std::string& added, std::vector<std::string> sets = {}) {
    Simulation sim(config_of(dish(1, "monocytes: 0 /mm^2, t_cells: 0 /mm^2, stromal_cells: 500 /mm^2" + added), sets), 1);
    sim.step();
    const TimeseriesRow row = sim.timeseries_row();
    return std::pair{value_of(row, "secretion/rankl_per_stromal"), value_of(row, "secretion/opg_per_stromal")};
  };
  const auto [rankl0, opg0] = per_stromal("");
  const auto [rankl, opg] = per_stromal(", added: {calcitriol: 10 nM}");
  const double f = 10.0 / (10.0 + 0.5);
  REQUIRE(rankl0 > 0);
  REQUIRE(opg0 > 0);
  CHECK(rankl / rankl0 == Approx(1 + 10 * f).epsilon(1e-5));
  CHECK(opg0 / opg == Approx(1 + 1 * f).epsilon(1e-5));
  SECTION("a dose at K_D gives half the response") {
    const auto [rankl_k, opg_k] = per_stromal(", added: {calcitriol: 0.5 nM}");
    CHECK(rankl_k / rankl0 == Approx(1 + 10 * 0.5).epsilon(1e-5));
    CHECK(opg0 / opg_k == Approx(1 + 1 * 0.5).epsilon(1e-5));
  }
  SECTION("with the rule off calcitriol changes nothing") {
    const auto off = per_stromal(", added: {calcitriol: 10 nM}", {"rules.calcitriol_stromal_rankl.enabled=false"});
    CHECK(off.first == rankl0);
    CHECK(off.second == opg0);
  }
}

TEST_CASE("culture: in a calcitriol marrow dish T-cell depletion lowers the B cells' OPG and raises free RANKL",
          "[culture]") {
  // Grcevic 2000 (seed): T-cell-depleted marrow forms more OCs since OPG production is suppressed. The
  // dish's OPG comes from resting B cells with naive CD4 help (b_cell_cd40_opg) and from the stromal cells.
  auto run = [](const std::string& extra) {
    Simulation sim(config_of(dish(3, "monocytes: 0 /mm^2, stromal_cells: 1000 /mm^2, t_cells: 2000 /mm^2, "
                                     "b_cells: 2000 /mm^2, effector_share: 0, added: {calcitriol: 10 nM}" + extra)),
                   1);
    while (sim.state().tick < sim.total_ticks()) sim.step();
    const TimeseriesRow row = sim.timeseries_row();
    return std::pair{value_of(row, "fields/opg/mean"), value_of(row, "fields/rankl/mean")};
  };
  const auto [opg, rankl] = run("");
  const auto [opg_depleted, rankl_depleted] = run(", t_cell_depletion: 0.98");
  INFO("OPG " << opg << " -> " << opg_depleted << ", RANKL " << rankl << " -> " << rankl_depleted);
  CHECK(opg_depleted < 0.5 * opg);
  CHECK(rankl_depleted > rankl);
}
