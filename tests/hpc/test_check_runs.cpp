// `marrow check CONFIG --runs DIR`: kept runs are accepted as a config's runs only when each is there,
// finished, and was made with the same resolved config and seed (scripts/validate --reuse relies on it, so
// that runs of a candidate value, an edited scenario or other quick settings are never reported as the
// parameter set's).
#include <catch2/catch.hpp>

#include "hpc_test_support.hpp"

using namespace marrow::test;

TEST_CASE("hpc: check --runs accepts the runs of its config and names every run that differs",
          "[hpc][check][provenance]") {
  const fs::path dir = scratch("check_runs");
  const fs::path config = write_file(dir / "small.yaml", small_experiment(1, "1 d"));
  const fs::path runs = dir / "runs";
  const std::string candidate = " --set \"rules.osteoclast_resorption.rate=8 um/day\"";
  REQUIRE(run_marrow("run " + config.string() + " -o " + runs.string() + " --threads 1" + candidate).code == 0);
  const std::string check = "check " + config.string() + " --runs " + runs.string();

  const Result same = run_marrow(check + candidate);
  INFO(same.output);
  CHECK(same.code == 0);
  CHECK(same.output.find("2 of 2 runs of small match this config") != std::string::npos);

  // The experiment's name is a label: the same runs under another name (a sweep of the scenario) count.
  std::string renamed = small_experiment(1, "1 d");
  renamed.replace(renamed.find("name: small"), 11, "name: renamed");
  const fs::path other = write_file(dir / "renamed.yaml", renamed);
  CHECK(run_marrow("check " + other.string() + " --runs " + runs.string() + candidate).code == 0);

  // Without the value they were made with: every run is named with the key and both values.
  const Result plain = run_marrow(check);
  INFO(plain.output);
  CHECK(plain.code == 1);
  CHECK(plain.output.find("sham_r0: made with another config") != std::string::npos);
  CHECK(plain.output.find("ovx_r0: made with another config") != std::string::npos);
  CHECK(plain.output.find("rules.osteoclast_resorption.rate: 8 um/day -> ") != std::string::npos);
  CHECK(plain.output.find("0 of 2 runs") != std::string::npos);

  // Another duration or seed is another run; a replicate that was never run is missing.
  CHECK(run_marrow(check + candidate + " --set duration=2d").output.find("duration: ") != std::string::npos);
  const Result seed = run_marrow(check + candidate + " --set seed=12");
  CHECK(seed.code == 1);
  CHECK(seed.output.find("made with seed") != std::string::npos);
  const Result more = run_marrow(check + candidate + " --set replicates=2");
  CHECK(more.code == 1);
  CHECK(more.output.find("sham_r1: missing") != std::string::npos);

  // A run cut short (no `complete` flag) is not a run of the config.
  const fs::path cut = dir / "cut";
  REQUIRE(run_marrow("run " + config.string() + " -o " + cut.string() + " --threads 1" + candidate,
                     "MARROW_FAULT=tick@10:term")
              .code == 75);
  const Result unfinished = run_marrow("check " + config.string() + " --runs " + cut.string() + candidate);
  CHECK(unfinished.code == 1);
  CHECK(unfinished.output.find("sham_r0: ") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("hpc: check --resolved prints what --runs compares, the same for a value set on the command line "
          "or written into the file",
          "[hpc][check][provenance]") {
  const fs::path dir = scratch("check_resolved");
  const fs::path config = write_file(dir / "small.yaml", small_experiment(2, "1 d"));
  std::string written = small_experiment(2, "1 d");  // the grid change adopted into the file, renamed
  written.replace(written.find("nx: 16"), 6, "nx: 20");
  written.replace(written.find("name: small"), 11, "name: adopted");
  const fs::path adopted = write_file(dir / "adopted.yaml", written);

  const Result as_set = run_marrow("check " + config.string() + " --resolved --set grid.nx=20");
  INFO(as_set.output);
  REQUIRE(as_set.code == 0);
  // One block per run, named with its seed, in the order the runs are made; the labels are left out.
  for (const char* run : {"--- run sham_r0 seed ", "--- run sham_r1 seed ", "--- run ovx_r0 seed ", "--- run ovx_r1 seed "})
    CHECK(as_set.output.find(run) != std::string::npos);
  CHECK(as_set.output.find("--- run sham_r0") < as_set.output.find("--- run sham_r1"));
  CHECK(as_set.output.find("name: small") == std::string::npos);
  CHECK(as_set.output.find("nx: 20") != std::string::npos);

  // The same runs whether the value came from --set or from the file (a candidate adopted) ...
  const Result in_file = run_marrow("check " + adopted.string() + " --resolved");
  CHECK(in_file.code == 0);
  CHECK(in_file.output == as_set.output);
  // ... and other runs when the value, a seed or the replicate count differs.
  CHECK(run_marrow("check " + config.string() + " --resolved").output != as_set.output);
  CHECK(run_marrow("check " + adopted.string() + " --resolved --set seed=12").output != as_set.output);
  CHECK(run_marrow("check " + adopted.string() + " --resolved --set replicates=1").output != as_set.output);
  CHECK(run_marrow("check " + config.string() + " --resolved --runs " + dir.string()).code == 64);
  fs::remove_all(dir);
}
