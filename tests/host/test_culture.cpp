// Culture mode: a closed dish on a slice, seeded with the chosen cells, added factors held; nothing enters.
#include <catch2/catch.hpp>

#include <cmath>

#include "../support/sim_fixture.hpp"
#include "marrow/field_settings.hpp"

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
    const std::string cfg =
        with_species(dish(5, "monocytes: 1500 /mm^2, t_cells: 6000 /mm^2, effector_share: 0.2" + culture), "human");
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

namespace {

// Marrow-mean M-CSF of a dish of stromal cells (secretion without consumers) after `ticks` ticks, and the
// dish's layer-to-well volume ratio rho for a well of `depth_um`.
struct DishMcsf {
  double mean, rho;
};
DishMcsf stromal_dish_mcsf(const std::string& extra, int ticks, double depth_um) {
  Simulation sim(config_of(dish(3, "monocytes: 0 /mm^2, t_cells: 0 /mm^2, stromal_cells: 500 /mm^2" + extra)), 1);
  for (int k = 0; k < ticks; ++k) sim.step();
  const SimState& s = sim.state();
  std::size_t marrow = 0;
  for (std::size_t v = 0; v < s.grid.size(); ++v) marrow += !s.bone.solid[v];
  const double rho = depth_um > 0 ? marrow * s.grid.voxel_um / (s.grid.nx * s.grid.ny * depth_um) : 0.0;
  return {value_of(sim.timeseries_row(), "fields/mcsf/mean"), rho};
}

}  // namespace

TEST_CASE("culture: with culture.in_vitro_half_life every field decays in the dish at that rate", "[culture]") {
  // No consumers, uniform first-order loss: the marrow mean is S / (k_f + k_m) exactly.
  const double k_m = 0.05 / 60, k_vivo = 0.005 / 60, k_vitro = std::log(2.0) / (24 * 3600.0);  // 1/s
  const double vivo = stromal_dish_mcsf("", 6, 0).mean;
  const double vitro = stromal_dish_mcsf(", in_vitro_half_life: 24 h", 6, 0).mean;
  REQUIRE(vivo > 0);
  CHECK(vitro / vivo == Approx((k_vivo + k_m) / (k_vitro + k_m)).epsilon(1e-4));
  SECTION("outside culture mode the fields keep their in-vivo decay") {
    const ResolvedConfig c = config_of("name: m\nseed: 1\nspecies: mouse\nduration: 1 d\n",
                                       {"culture.in_vitro_half_life=24 h"});
    CHECK(fields_from_config(c, 8).params[kMcsf].decay_per_s == Approx(k_vivo).epsilon(1e-12));
  }
}

TEST_CASE("culture: a well of medium accumulates what the cells secrete (culture.medium_depth)", "[culture]") {
  // Quasi-steady well: A = alpha c, alpha = rho k_m / (rho k_m + k_f + 2/T); the layer gains k_m A, so the
  // mean settles at S / (k_f + k_m (1 - alpha)) against S / (k_f + k_m) without the well.
  const double k_m = 0.05 / 60, k_f = std::log(2.0) / (24 * 3600.0), renewal = 2.0 / (3 * 86400.0);
  const std::string vitro = ", in_vitro_half_life: 24 h";
  const double without = stromal_dish_mcsf(vitro, 40, 0).mean;
  const DishMcsf with = stromal_dish_mcsf(vitro + ", medium_depth: 2.6 mm, medium_change_every: 3 d", 40, 2600);
  const double alpha = with.rho * k_m / (with.rho * k_m + k_f + renewal);
  INFO("rho " << with.rho << " alpha " << alpha);
  CHECK(with.mean / without == Approx((k_f + k_m) / (k_f + k_m * (1 - alpha))).epsilon(2e-3));
  CHECK(with.mean > 1.3 * without);
  SECTION("a medium_depth of 0 (the default) adds nothing") {
    CHECK(stromal_dish_mcsf(vitro + ", medium_depth: 0 mm", 40, 0).mean == without);
  }
}

TEST_CASE("culture: a dish with a well, in-vitro decay and calcitriol continues bit for bit from its state",
          "[culture]") {
  // The well's level is recomputed each tick from the fields, which are part of the state (checkpoints,
  // tests/hpc/test_checkpoint.cpp), so a run restarted from a state must step exactly as the original.
  const ResolvedConfig cfg = config_of(dish(2, "monocytes: 3000 /mm^2, t_cells: 2000 /mm^2, stromal_cells: 800 /mm^2, "
                                               "b_cells: 1000 /mm^2, medium_depth: 2.6 mm, in_vitro_half_life: 24 h, "
                                               "added: {calcitriol: 10 nM, mcsf: 100 pM}"));
  Simulation sim(cfg, 7);
  for (int k = 0; k < 12; ++k) sim.step();
  Simulation restored(cfg, 7, sim.state());
  for (int k = 0; k < 12; ++k) {
    sim.step();
    restored.step();
  }
  for (int f = 0; f < kFieldCount; ++f) CHECK(sim.state().fields.c[f] == restored.state().fields.c[f]);
  CHECK(sim.timeseries_row().values == restored.timeseries_row().values);
  CHECK(value_of(sim.timeseries_row(), "fields/opg/mean") > 0);
}

TEST_CASE("culture: culture_exit_share leaves the marrow's exit out of a dish's monocyte loss", "[culture]") {
  // Without M-CSF a monocyte is lost at d (1 - x_exit) per day in a dish (d 0.5/day): over 2 days about
  // exp(-1.0) = 37% remain at x_exit 0 and exp(-0.2) = 82% at x_exit 0.8.
  auto left = [](const std::string& share) {
    Simulation sim(config_of(dish(2, "monocytes: 4000 /mm^2, t_cells: 0 /mm^2"),
                             {"rules.mcsf_precursor_support.culture_exit_share=" + share}), 1);
    const double n0 = value_of(sim.timeseries_row(), "counts/monocyte");
    while (sim.state().tick < sim.total_ticks()) sim.step();
    return value_of(sim.timeseries_row(), "counts/monocyte") / n0;
  };
  const double all = left("0"), no_exit = left("0.8");
  INFO("left " << all << " vs " << no_exit);
  CHECK(all == Approx(std::exp(-1.0)).margin(0.1));  // 160 monocytes: binomial SD about 0.04
  CHECK(no_exit == Approx(std::exp(-0.2)).margin(0.1));
}
