// Interrupt and resume through the marrow program: a kill at any point (MARROW_FAULT, including inside a
// snapshot write and inside a checkpoint write), a walltime signal (exit 75) or a second signal (exit 143)
// followed by `--resume` gives output whose every /timeseries, /snapshots and /pits dataset equals that
// of an uninterrupted run, byte for byte, at another thread count.
#include <signal.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "hpc_test_support.hpp"
#include "io/checkpoint/checkpoint.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

struct Setup {
  fs::path dir, config, reference;
};

Setup setup(const std::string& name, const std::string& duration = "4 d") {
  Setup s;
  s.dir = scratch(name);
  s.config = write_file(s.dir / "small.yaml", small_experiment(1, duration));
  s.reference = s.dir / "reference";
  const Result r = run_marrow("run " + s.config.string() + " -o " + s.reference.string() + " --threads 1");
  REQUIRE(r.code == 0);
  return s;
}

void require_equal_to_reference(const Setup& s, const fs::path& out) {
  for (const char* run : {"sham_r0", "ovx_r0"}) {
    INFO(run);
    REQUIRE(fs::exists(out / (std::string(run) + ".h5")));
    CHECK(differences(s.reference / (std::string(run) + ".h5"), out / (std::string(run) + ".h5")) == "");
    CHECK_FALSE(fs::exists(out / (std::string(run) + ".ckpt.h5")));
    CHECK_FALSE(fs::exists(out / (std::string(run) + ".h5.partial")));
  }
  CHECK(fs::exists(out / "summary.csv"));
}

}  // namespace

TEST_CASE("hpc: a run killed at any point resumes to output identical to an uninterrupted run", "[hpc][resume]") {
  const Setup s = setup("kill");
  // Checkpoints every day (24 ticks), snapshots every day; 96 ticks per run; runs sham_r0 then ovx_r0.
  // Each fault, and what the resumed run must say it did (so that a resume that silently started over
  // would fail).
  struct Case {
    std::string fault, said, every = "1d";
  };
  const std::vector<Case> faults = {
      {"tick@50", "sham_r0: resumed at day 2.00"},        // between checkpoints
      {"tick@80", "sham_r0: resumed at day 2.00", "2d"},  // the .partial holds a snapshot (72) beyond the checkpoint
      {"snapshot@72", "sham_r0: resumed at day 2.00"},    // inside a snapshot write: the .partial may be corrupt
      {"checkpoint@48", "sham_r0: resumed at day 1.00"},  // inside a checkpoint write: the one before is used
      {"checkpoint-rename@48", "sham_r0: resumed at day 1.00"},  // complete under its temporary name
      {"tick@80/ovx_r0", "ovx_r0: resumed at day 3.00"},         // the second run
      {"snapshot@24/ovx_r0", "sham_r0: already finished"},       // inside the snapshot before its first checkpoint
      {"finish@96/sham_r0", "sham_r0: already finished"},        // renamed into place, checkpoint not yet removed
  };
  for (const auto& [fault, said, every] : faults) {
    INFO("MARROW_FAULT=" << fault);
    const fs::path out =
        s.dir / ("out_" + fault.substr(0, fault.find('@')) + fault.substr(fault.find('@') + 1, 2) + every);
    const Result killed =
        run_marrow("run " + s.config.string() + " -o " + out.string() + " --threads 1 --checkpoint-every " + every,
                   "MARROW_FAULT=" + fault);
    CHECK(killed.code == 128 + SIGKILL);
    CHECK_FALSE(fs::exists(out / "ovx_r0.h5"));
    const Result resumed = run_marrow("run " + s.config.string() + " -o " + out.string() + " --threads 2 --resume");
    INFO(resumed.output);
    REQUIRE(resumed.code == 0);
    CHECK(resumed.output.find(said) != std::string::npos);
    require_equal_to_reference(s, out);
  }
  // Killed again while resuming, then resumed once more.
  const fs::path out = s.dir / "twice";
  const std::string args = "run " + s.config.string() + " -o " + out.string() + " --checkpoint-every 1d --threads 1";
  CHECK(run_marrow(args, "MARROW_FAULT=tick@30").code == 128 + SIGKILL);
  CHECK(run_marrow(args + " --resume", "MARROW_FAULT=checkpoint@72").code == 128 + SIGKILL);
  CHECK(ckpt::Reader((out / "sham_r0.ckpt.h5").string()).info().tick == 48);
  REQUIRE(run_marrow(args + " --resume").code == 0);
  require_equal_to_reference(s, out);
  fs::remove_all(s.dir);
}

TEST_CASE("hpc: the comparison can fail: a run resumed with another seed differs", "[hpc][resume]") {
  const Setup s = setup("canfail");
  const fs::path out = s.dir / "out";
  CHECK(run_marrow("run " + s.config.string() + " -o " + out.string() + " --seed 12").code == 0);
  CHECK(differences(s.reference / "ovx_r0.h5", out / "ovx_r0.h5") != "");
  fs::remove_all(s.dir);
}

TEST_CASE("hpc: SIGTERM, SIGINT and SIGUSR1 finish the tick, checkpoint, flush and exit 75, resume is identical",
          "[hpc][resume][signals]") {
  const Setup s = setup("signal");
  for (const std::string action : {"term", "int", "usr1"}) {
    INFO(action);
    const fs::path out = s.dir / action;
    // No --checkpoint-every: the signal alone makes the checkpoint, at the tick it arrived in.
    const Result stopped = run_marrow("run " + s.config.string() + " -o " + out.string() + " --threads 2",
                                      "MARROW_FAULT=tick@40:" + action + "/ovx_r0");
    CHECK(stopped.code == 75);
    CHECK(fs::exists(out / "sham_r0.h5"));
    CHECK(ckpt::Reader((out / "ovx_r0.ckpt.h5").string()).info().tick == 40);
    // The output was flushed: the .partial is a readable file that holds the rows up to the stop.
    CHECK(root_attribute(out / "ovx_r0.h5.partial", "complete") == "0");
    const Result resumed = run_marrow("run " + s.config.string() + " -o " + out.string() + " --threads 1 --resume");
    INFO(resumed.output);
    REQUIRE(resumed.code == 0);
    CHECK(resumed.output.find("sham_r0: already finished") != std::string::npos);
    CHECK(resumed.output.find("ovx_r0: resumed at day 1.67") != std::string::npos);
    require_equal_to_reference(s, out);
  }
  fs::remove_all(s.dir);
}

TEST_CASE("hpc: a second signal stops at once with exit 143 and leaves the last checkpoint readable",
          "[hpc][resume][signals]") {
  const Setup s = setup("signal2");
  const fs::path out = s.dir / "out";
  const Result stopped = run_marrow("run " + s.config.string() + " -o " + out.string() + " --checkpoint-every 1d",
                                    "MARROW_FAULT=tick@40:term2");
  CHECK(stopped.code == 143);
  CHECK(ckpt::Reader((out / "sham_r0.ckpt.h5").string()).info().tick == 24);
  const Result resumed = run_marrow("run " + s.config.string() + " -o " + out.string() + " --resume");
  REQUIRE(resumed.code == 0);
  CHECK(resumed.output.find("sham_r0: resumed at day 1.00") != std::string::npos);
  require_equal_to_reference(s, out);
  fs::remove_all(s.dir);
}

TEST_CASE("hpc: a real SIGTERM from another process stops a multi-threaded run with exit 75", "[hpc][signals]") {
  const Setup s = setup("sigterm", "30 d");
  const fs::path out = s.dir / "out";
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string exe = marrow_exe(), cfg = s.config.string(), o = out.string();
    freopen("/dev/null", "w", stderr);
    execl(exe.c_str(), exe.c_str(), "run", cfg.c_str(), "-o", o.c_str(), "--threads", "2", (char*)nullptr);
    _exit(127);
  }
  // Once the first output file exists the handlers are in place; then let it run a little.
  for (int i = 0; i < 3000 && !fs::exists(out / "sham_r0.h5.partial"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 75);
  REQUIRE(run_marrow("run " + s.config.string() + " -o " + out.string() + " --resume --threads 1").code == 0);
  require_equal_to_reference(s, out);
  fs::remove_all(s.dir);
}

TEST_CASE("hpc: resuming with another config is refused with a clear message, a new duration is accepted",
          "[hpc][resume][config]") {
  const Setup s = setup("config", "5 d");
  const fs::path dir = s.dir / "out";
  const fs::path four = write_file(s.dir / "four.yaml", small_experiment(1, "4 d"));
  const std::string base = "run " + four.string() + " -o " + dir.string();
  REQUIRE(run_marrow(base, "MARROW_FAULT=tick@40:term").code == 75);

  const Result other = run_marrow(base + " --resume --set rules.osteoclast_survival.enabled=false");
  CHECK(other.code == 2);
  CHECK(other.output.find("cannot resume") != std::string::npos);
  CHECK(other.output.find("rules.osteoclast_survival.enabled: true -> false") != std::string::npos);
  const Result seed = run_marrow(base + " --resume --seed 5");
  CHECK(seed.code == 2);
  CHECK(seed.output.find("seed") != std::string::npos);
  CHECK(fs::exists(dir / "sham_r0.ckpt.h5"));  // refusing touched nothing

  // The same run continued to 5 days equals a 5-day run that never stopped.
  const Result longer = run_marrow(base + " --resume --set duration=5d");
  INFO(longer.output);
  REQUIRE(longer.code == 0);
  CHECK(longer.output.find("sham_r0: resumed at day 1.67") != std::string::npos);
  require_equal_to_reference(s, dir);
  fs::remove_all(s.dir);
}
