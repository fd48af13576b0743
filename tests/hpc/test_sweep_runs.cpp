// `marrow sweep` through the program: --list and runs.csv, one run by --index or SLURM_ARRAY_TASK_ID (the
// same file as `marrow run` with the point's --set), finished runs left alone, a failed run recorded
// while the others go on, a stopped sweep resumed, another sweep's folder refused, Slurm's thread count.
#include <signal.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "hpc_test_support.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

// 2 arms x 2 points x 1 replicate = 4 runs: sham_p000_r0, sham_p001_r0, ovx_p000_r0, ovx_p001_r0.
fs::path small_sweep(const fs::path& dir) {
  write_file(dir / "small.yaml", small_experiment(1, "2 d"));
  return write_file(
      dir / "sweep.yaml",
      "experiment: small.yaml\nsweep:\n  grid:\n    rules.rankl_mcsf_osteoclastogenesis.k_rankl: [30 pM, 60 pM]\n");
}

}  // namespace

TEST_CASE("hpc: sweep --list prints the runs and writes runs.csv and --index or SLURM_ARRAY_TASK_ID runs one",
          "[hpc][sweep]") {
  const fs::path dir = scratch("sweep_list");
  const fs::path sweep = small_sweep(dir), out = dir / "out";
  const Result list = run_marrow("sweep " + sweep.string() + " -o " + out.string() + " --list");
  REQUIRE(list.code == 0);
  CHECK(list.output.find("index,name,arm,point,replicate,seed,rules.rankl_mcsf_osteoclastogenesis.k_rankl") !=
        std::string::npos);
  CHECK(list.output.find("2,ovx_p000_r0,ovx,0,0,") != std::string::npos);
  CHECK(list.output.find(",60 pM") != std::string::npos);
  CHECK(read_text(out / "runs.csv").find("3,ovx_p001_r0,ovx,1,0,") != std::string::npos);

  REQUIRE(run_marrow("sweep " + sweep.string() + " -o " + out.string() + " --index 3 --threads 1").code == 0);
  CHECK(fs::exists(out / "ovx_p001_r0.h5"));
  CHECK_FALSE(fs::exists(out / "ovx_p000_r0.h5"));
  CHECK(root_attribute(out / "ovx_p001_r0.h5", "sweep_parameters") ==
        "rules.rankl_mcsf_osteoclastogenesis.k_rankl=60 pM");
  CHECK(root_attribute(out / "ovx_p001_r0.h5", "sweep_index") == "3");
  REQUIRE(run_marrow("sweep " + sweep.string() + " -o " + out.string(), "SLURM_ARRAY_TASK_ID=1 SLURM_CPUS_PER_TASK=2")
              .code == 0);
  CHECK(fs::exists(out / "sham_p001_r0.h5"));
  CHECK(root_attribute(out / "sham_p001_r0.h5", "threads") == "2");
  CHECK_FALSE(fs::exists(out / "summary.csv"));  // two of four runs done

  // A sweep run is the experiment run with the point's value as --set, same seed (replicate 0).
  const Result run = run_marrow("run " + (dir / "small.yaml").string() + " -o " + (dir / "run").string() +
                                " --set rules.rankl_mcsf_osteoclastogenesis.k_rankl=60pM");
  REQUIRE(run.code == 0);
  CHECK(differences(dir / "run" / "ovx_r0.h5", out / "ovx_p001_r0.h5") == "");
  CHECK(differences(dir / "run" / "sham_r0.h5", out / "sham_p001_r0.h5") == "");

  // Out of range, and a folder that holds another sweep.
  CHECK(run_marrow("sweep " + sweep.string() + " -o " + out.string() + " --index 4").code == 64);
  const fs::path other =
      write_file(dir / "other.yaml", "experiment: small.yaml\nsweep:\n  grid: {geometry.bv_tv: [0.1]}\n");
  const Result refused = run_marrow("sweep " + other.string() + " -o " + out.string() + " --index 0");
  CHECK(refused.code == 2);
  CHECK(refused.output.find("different sweep") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("hpc: finished sweep runs are left alone, a failed run is recorded and the others go on", "[hpc][sweep]") {
  const fs::path dir = scratch("sweep_fail");
  const fs::path sweep = small_sweep(dir), out = dir / "out";
  const std::string cmd = "sweep " + sweep.string() + " -o " + out.string() + " --threads 1";
  REQUIRE(run_marrow(cmd + " --index 0").code == 0);
  const auto first_time = fs::last_write_time(out / "sham_p000_r0.h5");

  const Result failed = run_marrow(cmd, "MARROW_FAULT=tick@10:fail/sham_p001_r0");
  CHECK(failed.code == 1);
  CHECK(failed.output.find("sham_p000_r0: already finished") != std::string::npos);
  CHECK(fs::last_write_time(out / "sham_p000_r0.h5") == first_time);
  CHECK(fs::exists(out / "sham_p001_r0.failed"));
  CHECK(read_text(out / "sham_p001_r0.failed").find("injected failure") != std::string::npos);
  CHECK(fs::exists(out / "ovx_p000_r0.h5"));
  CHECK(fs::exists(out / "ovx_p001_r0.h5"));
  CHECK_FALSE(fs::exists(out / "summary.csv"));
  REQUIRE(run_marrow(cmd + " --collect").code == 0);
  CHECK(read_text(out / "summary.csv").find("sham,0,") != std::string::npos);
  CHECK(read_text(out / "summary.csv").find(",failed,") != std::string::npos);

  // Again without the fault: only the failed run is done; then the summary lists all four.
  const Result again = run_marrow(cmd);
  CHECK(again.code == 0);
  CHECK_FALSE(fs::exists(out / "sham_p001_r0.failed"));
  const std::string summary = read_text(out / "summary.csv");
  CHECK(summary.rfind("arm,replicate,seed,index,point,rules.rankl_mcsf_osteoclastogenesis.k_rankl,status,time_days,",
                      0) == 0);
  CHECK(std::count(summary.begin(), summary.end(), '\n') == 5);
  CHECK(summary.find(",failed,") == std::string::npos);

  // --force reruns a finished run.
  REQUIRE(run_marrow(cmd + " --index 0 --force").code == 0);
  CHECK(fs::last_write_time(out / "sham_p000_r0.h5") != first_time);
  fs::remove_all(dir);
}

TEST_CASE("hpc: a sweep stopped by a signal exits 75 and the same command resumes it", "[hpc][sweep][resume]") {
  const fs::path dir = scratch("sweep_stop");
  const fs::path sweep = small_sweep(dir);
  const std::string cmd = "sweep " + sweep.string() + " --threads 1 --checkpoint-every 12h -o ";
  REQUIRE(run_marrow(cmd + (dir / "through").string()).code == 0);
  CHECK(run_marrow(cmd + (dir / "stopped").string(), "MARROW_FAULT=tick@30:usr1/sham_p001_r0").code == 75);
  CHECK(fs::exists(dir / "stopped" / "sham_p001_r0.ckpt.h5"));
  CHECK_FALSE(fs::exists(dir / "stopped" / "ovx_p000_r0.h5"));
  CHECK(run_marrow(cmd + (dir / "stopped").string(), "MARROW_FAULT=checkpoint@36/sham_p001_r0").code == 128 + SIGKILL);
  const Result resumed = run_marrow(cmd + (dir / "stopped").string());
  REQUIRE(resumed.code == 0);
  CHECK(resumed.output.find("sham_p001_r0: resumed at day 1.25") != std::string::npos);
  CHECK(resumed.output.find("sham_p000_r0: already finished") != std::string::npos);
  for (const char* run : {"sham_p000_r0.h5", "sham_p001_r0.h5", "ovx_p000_r0.h5", "ovx_p001_r0.h5"}) {
    INFO(run);
    CHECK(differences(dir / "through" / run, dir / "stopped" / run) == "");
  }
  CHECK(fs::exists(dir / "stopped" / "summary.csv"));
  fs::remove_all(dir);
}
