// Branching: `--keep-checkpoint` keeps the final state of a spin-up, `--from` starts new arms from it.
// The branch records where it came from; a branch with the parent's own config and seed continues
// exactly as the parent would have; a branched run interrupted and resumed equals one that was not.
#include <signal.h>

#include <catch2/catch.hpp>

#include "hpc_test_support.hpp"
#include "io/checkpoint/checkpoint.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {

std::vector<double> read_doubles(const fs::path& file, const std::string& dset) {
  const hid_t f = H5Fopen(file.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, dset.c_str(), H5P_DEFAULT);
  const hid_t sp = H5Dget_space(d);
  std::vector<double> v(std::size_t(H5Sget_simple_extent_npoints(sp)));
  H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  H5Sclose(sp);
  H5Dclose(d);
  H5Fclose(f);
  return v;
}

const std::string kSpinUp =
    "name: spinup\nseed: 11\nduration: 2 d\ngrid: {nx: 16, ny: 16, nz: 8}\n"
    "geometry: {type: plate, plate_thickness: 30 um}\noutput: {snapshot_every: 1 d}\n" +
    fast_biology();

}  // namespace

TEST_CASE("hpc: --from starts new arms from a kept checkpoint and records where they branched from", "[hpc][branch]") {
  const fs::path dir = scratch("branch");
  const fs::path spin = write_file(dir / "spinup.yaml", kSpinUp);
  REQUIRE(run_marrow("run " + spin.string() + " -o " + (dir / "spin").string() + " --keep-checkpoint").code == 0);
  const fs::path ckpt = dir / "spin" / "default_r0.ckpt.h5";
  REQUIRE(fs::exists(ckpt));
  CHECK(ckpt::Reader(ckpt.string()).info().tick == 48);

  // Two treatments from the one equilibrated state, to day 4.
  const fs::path arms =
      write_file(dir / "arms.yaml", kSpinUp +
                                        "arms:\n  default: {duration: 4 d}\n"
                                        "  ovx: {duration: 4 d, host: {estrogen: {schedule: ovx, ovx_day: 2 d}}}\n");
  const Result b = run_marrow("run " + arms.string() + " -o " + (dir / "branch").string() + " --from " + ckpt.string());
  INFO(b.output);
  REQUIRE(b.code == 0);
  for (const char* run : {"default_r0.h5", "ovx_r0.h5"}) {
    const fs::path f = dir / "branch" / run;
    CHECK(root_attribute(f, "branched_from") == ckpt.string());
    CHECK(root_attribute(f, "branched_from_tick") == "48");
    CHECK(root_attribute(f, "branched_from_run") == "default_r0");
    const auto ticks = read_doubles(f, "/timeseries/tick");
    REQUIRE(ticks.size() == 49);
    CHECK(ticks.front() == 48);
    CHECK(ticks.back() == 96);
  }
  CHECK(read_doubles(dir / "branch" / "ovx_r0.h5", "/timeseries/host/estrogen").back() < 1.0);

  // The branch with the parent's config and seed is the parent's own continuation: compare with an
  // uninterrupted 4-day run from tick 48 on.
  const fs::path whole = write_file(dir / "whole.yaml", kSpinUp);
  REQUIRE(run_marrow("run " + whole.string() + " -o " + (dir / "whole").string() + " --set duration=4d").code == 0);
  for (const char* series :
       {"/timeseries/bone/volume", "/timeseries/counts/osteoclast", "/timeseries/fields/rankl/mean"}) {
    INFO(series);
    const auto full = read_doubles(dir / "whole" / "default_r0.h5", series);
    const auto branch = read_doubles(dir / "branch" / "default_r0.h5", series);
    REQUIRE(full.size() == 97);
    CHECK(std::vector<double>(full.begin() + 48, full.end()) == branch);
  }
  const H5Diff snaps =
      compare_h5((dir / "whole" / "default_r0.h5").string(), (dir / "branch" / "default_r0.h5").string(),
                 {"/snapshots/000000048", "/snapshots/000000072", "/snapshots/000000096"});
  CHECK(snaps.compared > 30);
  CHECK(snaps.differing.empty());

  // A state that does not fit the new config is refused: another grid.
  const Result grid = run_marrow("run " + arms.string() + " -o " + (dir / "bad").string() + " --from " + ckpt.string() +
                                 " --set grid.nx=20");
  CHECK(grid.code == 2);
  CHECK(grid.output.find("grid") != std::string::npos);
  // ... and so is an end time before the checkpoint's.
  CHECK(run_marrow("run " + arms.string() + " -o " + (dir / "bad2").string() + " --from " + ckpt.string() +
                   " --set duration=1d")
            .code == 2);
  fs::remove_all(dir);
}

TEST_CASE("hpc: a branched run killed and resumed with --from --resume equals one that ran through",
          "[hpc][branch][resume]") {
  const fs::path dir = scratch("branch_resume");
  const fs::path spin = write_file(dir / "spinup.yaml", kSpinUp);
  REQUIRE(run_marrow("run " + spin.string() + " -o " + (dir / "spin").string() + " --keep-checkpoint").code == 0);
  const std::string ckpt = (dir / "spin" / "default_r0.ckpt.h5").string();
  const fs::path arms =
      write_file(dir / "arms.yaml", kSpinUp +
                                        "arms:\n  a: {duration: 4 d}\n"
                                        "  b: {duration: 4 d, host: {estrogen: {schedule: ovx, ovx_day: 2 d}}}\n");
  const std::string base = "run " + arms.string() + " --from " + ckpt + " --checkpoint-every 1d -o ";
  REQUIRE(run_marrow(base + (dir / "through").string()).code == 0);
  CHECK(run_marrow(base + (dir / "killed").string(), "MARROW_FAULT=snapshot@72/b_r0").code == 128 + SIGKILL);
  const Result resumed = run_marrow(base + (dir / "killed").string() + " --resume --threads 2");
  INFO(resumed.output);
  REQUIRE(resumed.code == 0);
  for (const char* run : {"a_r0.h5", "b_r0.h5"}) {
    INFO(run);
    CHECK(differences(dir / "through" / run, dir / "killed" / run) == "");
    CHECK(root_attribute(dir / "killed" / run, "branched_from_tick") == "48");
  }
  fs::remove_all(dir);
}
