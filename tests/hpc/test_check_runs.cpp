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
  const std::string candidate = " --set \"rules.osteoclast_resorption.rate=16 um/day\"";
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
  CHECK(plain.output.find("rules.osteoclast_resorption.rate: 16 um/day -> ") != std::string::npos);
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
