// `mpirun -n 3 --oversubscribe marrow sweep`: rank 0 hands out runs to two workers; every run's file
// equals the one `--index` writes alone; SIGUSR1 to mpirun (forwarded to every rank) stops the sweep
// with exit 75 and the same command finishes it. Built only when CMake found MPI.
#include <catch2/catch.hpp>

#ifdef MARROW_TEST_MPI

#include <signal.h>

#include <algorithm>

#include "hpc_test_support.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

// As root (CI containers), OpenMPI needs these two; harmless otherwise.
const std::string kMpiEnv =
    "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 ";

std::string mpirun(int ranks) {
  return std::string("env -u SLURM_ARRAY_TASK_ID -u MARROW_FAULT ") + kMpiEnv + "'" + MARROW_MPIEXEC +
         "' --oversubscribe -n " + std::to_string(ranks) + " ";
}

// 2 arms x 3 points x 1 replicate = 6 runs of 2 days.
fs::path six_runs(const fs::path& dir) {
  write_file(dir / "small.yaml", small_experiment(1, "2 d"));
  return write_file(dir / "sweep.yaml",
                    "experiment: small.yaml\nsweep:\n  grid:\n    rules.rankl_mcsf_osteoclastogenesis.k_rankl: [30 pM, "
                    "45 pM, 60 pM]\n");
}

const char* kRuns[] = {"sham_p000_r0", "sham_p001_r0", "sham_p002_r0", "ovx_p000_r0", "ovx_p001_r0", "ovx_p002_r0"};

}  // namespace

TEST_CASE("hpc: mpirun -n 3 marrow sweep gives the same per-run files as running each index alone", "[hpc][mpi]") {
  const fs::path dir = scratch("mpi");
  const fs::path sweep = six_runs(dir);
  for (int i = 0; i < 6; ++i)
    REQUIRE(run_marrow("sweep " + sweep.string() + " -o " + (dir / "alone").string() + " --threads 1 --index " +
                       std::to_string(i))
                .code == 0);
  const Result mpi = shell(mpirun(3) + "'" + marrow_exe() + "' sweep " + sweep.string() + " -o " +
                           (dir / "mpi").string() + " --threads 1");
  INFO(mpi.output);
  REQUIRE(mpi.code == 0);
  CHECK(mpi.output.find("[rank 1]") != std::string::npos);
  CHECK(mpi.output.find("[rank 2]") != std::string::npos);
  for (const char* run : kRuns) {
    INFO(run);
    CHECK(differences(dir / "alone" / (std::string(run) + ".h5"), dir / "mpi" / (std::string(run) + ".h5")) == "");
  }
  CHECK(read_text(dir / "mpi" / "runs.csv") == read_text(dir / "alone" / "runs.csv"));
  const std::string summary = read_text(dir / "mpi" / "summary.csv");
  CHECK(std::count(summary.begin(), summary.end(), '\n') == 7);
  // Everything done: a second mpirun leaves every run alone.
  const Result again = shell(mpirun(3) + "'" + marrow_exe() + "' sweep " + sweep.string() + " -o " +
                             (dir / "mpi").string() + " --threads 1");
  CHECK(again.code == 0);
  CHECK(again.output.find("0 run(s) to do") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("hpc: a stopped MPI sweep exits 75 on every rank and the same command finishes it", "[hpc][mpi][signals]") {
  const fs::path dir = scratch("mpi_stop");
  const fs::path sweep = six_runs(dir);
  REQUIRE(run_marrow("sweep " + sweep.string() + " -o " + (dir / "serial").string() + " --threads 1").code == 0);
  const std::string cmd = std::string("'") + marrow_exe() + "' sweep " + sweep.string() + " -o " +
                          (dir / "mpi").string() + " --threads 1 --checkpoint-every 12h";
  // The rank that runs ovx_p001_r0 gets SIGUSR1 in its tick 30: it checkpoints, rank 0 stops the others.
  const Result stopped = shell(mpirun(3) + "-x MARROW_FAULT=tick@30:usr1/ovx_p001_r0 " + cmd);
  INFO(stopped.output);
  CHECK(stopped.code == 75);
  CHECK(fs::exists(dir / "mpi" / "ovx_p001_r0.ckpt.h5"));
  const Result resumed = shell(mpirun(3) + cmd);
  INFO(resumed.output);
  REQUIRE(resumed.code == 0);
  for (const char* run : kRuns) {
    INFO(run);
    CHECK(differences(dir / "serial" / (std::string(run) + ".h5"), dir / "mpi" / (std::string(run) + ".h5")) == "");
  }
  fs::remove_all(dir);
}

#endif
