// Sweep files in-process: the documented order of points and runs, seeds, Latin hypercube and Sobol
// designs, and errors that name the place in the file.
#include <gsl/gsl_qrng.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "hpc/sampling.hpp"
#include "hpc/sweep.hpp"
#include "hpc_test_support.hpp"
#include "marrow/rng.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

hpc::Sweep sweep_from(const fs::path& dir, const std::string& block, int replicates = 1) {
  write_file(dir / "small.yaml", small_experiment(replicates));
  return hpc::load_sweep(write_file(dir / "sweep.yaml", "experiment: small.yaml\nsweep:\n" + block).string());
}

}  // namespace

TEST_CASE("hpc: sweep points are grid x zip x samples, runs are arms x points x replicates, in that order",
          "[hpc][sweep]") {
  const fs::path dir = scratch("sweep_order");
  const hpc::Sweep s = sweep_from(dir,
                                  "  replicates: 2\n"
                                  "  grid:\n"
                                  "    rules.rankl_mcsf_osteoclastogenesis.k_rankl: [30 pM, 50 pM]\n"
                                  "    geometry.bv_tv: [0.1, 0.2, 0.3]\n"
                                  "  zip:\n"
                                  "    rules.osteoclast_survival.enabled: [true, false]\n"
                                  "    output.snapshot_every: [1 d, 2 d]\n");
  CHECK(s.keys == std::vector<std::string>{"rules.rankl_mcsf_osteoclastogenesis.k_rankl", "geometry.bv_tv",
                                           "rules.osteoclast_survival.enabled", "output.snapshot_every"});
  REQUIRE(s.points.size() == 12);
  CHECK(s.points[0] == std::vector<std::string>{"30 pM", "0.1", "true", "1 d"});
  CHECK(s.points[1] == std::vector<std::string>{"30 pM", "0.1", "false", "2 d"});
  CHECK(s.points[2] == std::vector<std::string>{"30 pM", "0.2", "true", "1 d"});
  CHECK(s.points[11] == std::vector<std::string>{"50 pM", "0.3", "false", "2 d"});

  const hpc::SweepRuns runs = hpc::enumerate_runs(s);
  CHECK(runs.arms == 2);
  CHECK(runs.points == 12);
  CHECK(runs.replicates == 2);
  REQUIRE(runs.runs.size() == 48);
  // index = (arm * points + point) * replicates + replicate
  const RunSpec& r = runs.runs[(1 * 12 + 5) * 2 + 1];
  CHECK(r.name == "ovx_p005_r1");
  CHECK(r.arm == "ovx");
  CHECK(r.replicate == 1);
  CHECK(r.columns[0] == std::pair<std::string, std::string>{"index", "35"});
  CHECK(r.config.number("geometry.bv_tv") == 0.3);
  CHECK(r.config.number("rules.rankl_mcsf_osteoclastogenesis.k_rankl") == 30);
  CHECK(r.config.flag("rules.osteoclast_survival.enabled") == false);
  CHECK(r.config.text("host.estrogen.schedule") == "ovx");  // the arm's own settings stay
  // Common random numbers: replicate k has the same seed at every point and in every arm.
  CHECK(runs.runs[0].seed == replicate_seed(11, 0));
  CHECK(runs.runs[1].seed == replicate_seed(11, 1));
  CHECK(r.seed == replicate_seed(11, 1));
  const std::string table = hpc::runs_table(s, runs);
  CHECK(table.rfind("index,name,arm,point,replicate,seed,rules.rankl_mcsf_osteoclastogenesis.k_rankl,", 0) == 0);
  CHECK(table.find("\n35,ovx_p005_r1,ovx,5,1,") != std::string::npos);

  const hpc::Sweep ind = sweep_from(dir, "  seeds: independent\n  grid: {geometry.bv_tv: [0.1, 0.2]}\n", 2);
  const hpc::SweepRuns ir = hpc::enumerate_runs(ind);
  std::set<std::uint64_t> seeds;
  for (const auto& run : ir.runs) seeds.insert(run.seed);
  CHECK(seeds.size() == ir.runs.size());
  CHECK(ir.runs[3].seed == replicate_seed(11, 3));
  fs::remove_all(dir);
}

TEST_CASE("hpc: a Latin hypercube puts one point in each stratum of each parameter, reproducibly",
          "[hpc][sweep][sampling]") {
  const auto a = hpc::latin_hypercube(10, 3, 7), b = hpc::latin_hypercube(10, 3, 7), c = hpc::latin_hypercube(10, 3, 8);
  CHECK(a == b);
  CHECK(a != c);
  for (int d = 0; d < 3; ++d) {
    std::set<int> strata;
    for (const auto& p : a) {
      CHECK(p[d] >= 0.0);
      CHECK(p[d] < 1.0);
      strata.insert(int(p[d] * 10));
    }
    CHECK(strata.size() == 10);
  }
  // Mapped to ranges in the declared unit (nM given, pM declared), on a log scale, and to integers.
  const fs::path dir = scratch("sweep_lhs");
  const hpc::Sweep s = sweep_from(dir,
                                  "  sample:\n    method: lhs\n    points: 8\n    seed: 3\n    ranges:\n"
                                  "      rules.rankl_mcsf_osteoclastogenesis.k_rankl: [0.01 nM, 0.1 nM]\n"
                                  "      geometry.bv_tv: {min: 0.05, max: 0.4, scale: log}\n"
                                  "      grid.nz: [6, 9]\n");
  REQUIRE(s.points.size() == 8);
  std::set<std::string> nz;
  for (const auto& p : s.points) {
    const double km = std::stod(p[0]), bv = std::stod(p[1]);
    CHECK(km >= 10);
    CHECK(km < 100);
    CHECK(bv >= 0.05);
    CHECK(bv < 0.4);
    nz.insert(p[2]);
    CHECK(p[2].find('.') == std::string::npos);
  }
  CHECK(nz == std::set<std::string>{"6", "7", "8", "9"});
  fs::remove_all(dir);
}

TEST_CASE("hpc: a Sobol design is GSL's Sobol sequence mapped to the ranges", "[hpc][sweep][sampling]") {
  const auto x = hpc::sobol(16, 2);
  gsl_qrng* q = gsl_qrng_alloc(gsl_qrng_sobol, 2);
  for (const auto& p : x) {
    double v[2];
    gsl_qrng_get(q, v);
    CHECK(p[0] == v[0]);
    CHECK(p[1] == v[1]);
  }
  gsl_qrng_free(q);
  CHECK_THROWS_AS(hpc::sobol(4, 41), std::invalid_argument);
  const fs::path dir = scratch("sweep_sobol");
  const hpc::Sweep s = sweep_from(dir, "  sample: {method: sobol, points: 4, ranges: {geometry.bv_tv: [0.1, 0.3]}}\n");
  REQUIRE(s.points.size() == 4);
  CHECK(std::stod(s.points[0][0]) == Approx(0.1 + 0.2 * x[0][0]));
  CHECK(std::stod(s.points[1][0]) == Approx(0.1 + 0.2 * x[1][0]));
  fs::remove_all(dir);
}

TEST_CASE("hpc: sweep file errors name the file, line and column, or the point", "[hpc][sweep][errors]") {
  const fs::path dir = scratch("sweep_errors");
  auto message = [&](const std::string& block) -> std::string {
    try {
      hpc::enumerate_runs(sweep_from(dir, block));
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(message("  grid:\n    grid.nxx: [10, 12]\n").find("sweep.yaml:4:5: unknown setting 'grid.nxx'") !=
        std::string::npos);
  CHECK(message("  zip: {grid.nx: [10, 12], grid.ny: [10]}\n").find("same length") != std::string::npos);
  CHECK(message("  grid: {grid.nx: [10, 0]}\n").find("sweep point 1 (grid.nx=0)") != std::string::npos);
  CHECK(message("  grid: {replicates: [1, 2]}\n").find("cannot be swept") != std::string::npos);
  CHECK(message("  sample: {method: lhs, points: 4, ranges: {geometry.type: [1, 2]}}\n").find("not a number") !=
        std::string::npos);
  CHECK(message("  grids: {grid.nx: [10]}\n").find("unknown key 'grids'") != std::string::npos);
  // An experiment file with an inline sweep block: the config loader's positions stay those of the file.
  write_file(dir / "inline.yaml", small_experiment() + "sweep:\n  grid: {grid.nx: [10, 12]}\nbogus: 1\n");
  try {
    hpc::enumerate_runs(hpc::load_sweep((dir / "inline.yaml").string()));
    FAIL("no error");
  } catch (const ConfigError& e) {
    const std::string text = small_experiment();
    const auto lines = std::count(text.begin(), text.end(), '\n');
    CHECK(std::string(e.what()).find("inline.yaml:" + std::to_string(lines + 3) + ":1: unknown key 'bogus'") !=
          std::string::npos);
  }
  fs::remove_all(dir);
}
