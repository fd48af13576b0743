// Bit-identical output for any thread count: every dataset under /timeseries, /snapshots and /pits.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../support/sim_fixture.hpp"
#include "h5_compare.hpp"
#include "marrow/runner.hpp"

using namespace marrow;

TEST_CASE("e2e: output is bit-identical for 1, 2 and 4 threads", "[e2e][determinism]") {
  const std::string yaml = test::small_world(12) +
                           "replicates: 1\noutput: {snapshot_every: 4 d}\n"
                           "arms:\n  sham: {}\n  ovx: {host: {estrogen: {schedule: ovx, ovx_day: 2 d}}}\n"
                           // The cavity search of keep_cavities_open runs in the parallel decide phase.
                           "  open: {rules: {osteoblast_coupling: {keep_cavities_open: true}}}\n";
  const Experiment e = parse_experiment(yaml, "det.yaml");
  const auto root = std::filesystem::temp_directory_path() / "marrow_determinism";
  std::filesystem::remove_all(root);
  for (int threads : {1, 2, 4}) {
    RunOptions opt;
    opt.out_dir = (root / std::to_string(threads)).string();
    opt.threads = threads;
    opt.progress_on_terminal = false;
    REQUIRE(run_experiment(e, opt) == 0);
  }
  for (const std::string arm : {"sham", "ovx", "open"})
    for (int threads : {2, 4}) {
      const auto d = test::compare_h5((root / "1" / (arm + "_r0.h5")).string(),
                                      (root / std::to_string(threads) / (arm + "_r0.h5")).string(),
                                      {"/timeseries", "/snapshots", "/pits"});
      INFO(arm << " threads " << threads);
      CHECK(d.compared > 50);
      CHECK(d.differing.empty());
      for (const auto& p : d.differing) UNSCOPED_INFO(p);
    }
  // The check can fail: a different seed differs.
  Experiment other = e;
  other.seed += 1;
  RunOptions opt;
  opt.out_dir = (root / "other").string();
  opt.threads = 1;
  opt.progress_on_terminal = false;
  REQUIRE(run_experiment(other, opt) == 0);
  const auto d = test::compare_h5((root / "1" / "sham_r0.h5").string(), (root / "other" / "sham_r0.h5").string(),
                                  {"/timeseries"});
  CHECK_FALSE(d.differing.empty());
  std::filesystem::remove_all(root);
}
