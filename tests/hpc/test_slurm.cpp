// The Slurm templates of scripts/slurm, run by bash outside Slurm with a stand-in `scontrol`: USR1 to the
// batch script (what --signal=B:USR1@300 sends) reaches marrow (through mpirun for the MPI template),
// which checkpoints and exits 75; the script requeues the job; running it again finishes the work.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <thread>

#include "hpc_test_support.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

const std::string kSlurmDir = std::string(MARROW_SOURCE_DIR) + "/scripts/slurm/";

// Starts `bash script` with extra environment variables; stdout and stderr go to `log`.
pid_t start_script(const std::string& script, const std::vector<std::string>& env, const fs::path& log) {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  for (const char* v :
       {"SLURM_ARRAY_TASK_ID", "SLURM_CPUS_PER_TASK", "OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MARROW_FAULT"})
    unsetenv(v);
  for (const auto& kv : env) putenv(strdup(kv.c_str()));
  if (!freopen(log.c_str(), "w", stdout) || !freopen(log.c_str(), "a", stderr)) _exit(126);
  execlp("bash", "bash", script.c_str(), (char*)nullptr);
  _exit(127);
}

int wait_for(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Sends USR1 to the batch script once marrow has started writing `file` (its handlers are in place).
void usr1_when_started(pid_t pid, const fs::path& file) {
  for (int i = 0; i < 6000 && !fs::exists(file); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGUSR1);
}

std::vector<std::string> common_env(const fs::path& dir) {
  fs::create_directories(dir / "bin");
  write_file(dir / "bin" / "scontrol", "#!/bin/sh\necho \"$@\" >> \"" + (dir / "scontrol.log").string() + "\"\n");
  fs::permissions(dir / "bin" / "scontrol", fs::perms::owner_all);
  return {"PATH=" + (dir / "bin").string() + ":" + std::getenv("PATH"), "MARROW=" + marrow_exe(),
          "SWEEP=" + (dir / "sweep.yaml").string(), "OUT=" + (dir / "out").string(), "CHECKPOINT_EVERY=1d"};
}

}  // namespace

TEST_CASE("hpc: the Slurm templates ask for USR1 300 s before the walltime and are valid bash", "[hpc][slurm]") {
  for (const char* t : {"marrow-array.sbatch", "marrow-mpi.sbatch"}) {
    INFO(t);
    const std::string text = read_text(kSlurmDir + t);
    CHECK(text.find("#SBATCH --signal=B:USR1@300") != std::string::npos);
    CHECK(text.find("#SBATCH --requeue") != std::string::npos);
    CHECK(shell("bash -n '" + kSlurmDir + t + "'").code == 0);
  }
}

TEST_CASE("hpc: the array template forwards USR1 to marrow and requeues the task on exit 75", "[hpc][slurm]") {
  const fs::path dir = scratch("slurm_array");
  write_file(dir / "small.yaml", small_experiment(1, "30 d"));
  write_file(dir / "sweep.yaml", "experiment: small.yaml\nsweep:\n  grid: {geometry.bv_tv: [0.12, 0.15]}\n");
  std::vector<std::string> env = common_env(dir);
  env.insert(env.end(), {"SLURM_ARRAY_JOB_ID=77", "SLURM_ARRAY_TASK_ID=1", "SLURM_CPUS_PER_TASK=2"});
  const std::string script = kSlurmDir + "marrow-array.sbatch";
  const pid_t pid = start_script(script, env, dir / "first.log");
  usr1_when_started(pid, dir / "out" / "sham_p001_r0.h5.partial");
  const int first = wait_for(pid);
  INFO(read_text(dir / "first.log"));
  CHECK(first == 75);
  CHECK(read_text(dir / "scontrol.log") == "requeue 77_1\n");
  CHECK(fs::exists(dir / "out" / "sham_p001_r0.ckpt.h5"));

  // The requeued task: the same script, which resumes and finishes.
  const int second = wait_for(start_script(script, env, dir / "second.log"));
  INFO(read_text(dir / "second.log"));
  CHECK(second == 0);
  CHECK(read_text(dir / "second.log").find("sham_p001_r0: resumed at day") != std::string::npos);
  CHECK(read_text(dir / "scontrol.log") == "requeue 77_1\n");
  REQUIRE(
      run_marrow("sweep " + (dir / "sweep.yaml").string() + " -o " + (dir / "alone").string() + " --index 1").code ==
      0);
  CHECK(differences(dir / "alone" / "sham_p001_r0.h5", dir / "out" / "sham_p001_r0.h5") == "");
  fs::remove_all(dir);
}

#ifdef MARROW_TEST_MPI
TEST_CASE("hpc: the MPI template forwards USR1 through mpirun to every rank and requeues the job on exit 75",
          "[hpc][slurm][mpi]") {
  const fs::path dir = scratch("slurm_mpi");
  write_file(dir / "small.yaml", small_experiment(1, "30 d"));
  write_file(dir / "sweep.yaml", "experiment: small.yaml\nsweep:\n  replicates: 1\n");
  std::vector<std::string> env = common_env(dir);
  env.insert(env.end(), {"SLURM_JOB_ID=4242", "SLURM_CPUS_PER_TASK=1", "OMPI_ALLOW_RUN_AS_ROOT=1",
                         "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1",
                         "MPIRUN=" + std::string(MARROW_MPIEXEC) + " --oversubscribe --bind-to none -n 3"});
  const std::string script = kSlurmDir + "marrow-mpi.sbatch";
  const pid_t pid = start_script(script, env, dir / "first.log");
  usr1_when_started(pid, dir / "out" / "ovx_p000_r0.h5.partial");
  const int first = wait_for(pid);
  INFO(read_text(dir / "first.log"));
  CHECK(first == 75);
  CHECK(read_text(dir / "scontrol.log") == "requeue 4242\n");
  CHECK(fs::exists(dir / "out" / "sham_p000_r0.ckpt.h5"));
  CHECK(fs::exists(dir / "out" / "ovx_p000_r0.ckpt.h5"));

  const int second = wait_for(start_script(script, env, dir / "second.log"));
  INFO(read_text(dir / "second.log"));
  CHECK(second == 0);
  CHECK(fs::exists(dir / "out" / "sham_p000_r0.h5"));
  CHECK(fs::exists(dir / "out" / "ovx_p000_r0.h5"));
  CHECK(fs::exists(dir / "out" / "summary.csv"));
  fs::remove_all(dir);
}
#endif
