// `cmake --install` into a prefix (what a user without root does on a cluster, docs/hpc.md): the program
// runs from there, and the Slurm templates and docs are installed beside it.
#include <catch2/catch.hpp>

#include "hpc_test_support.hpp"

using namespace marrow::test;

TEST_CASE("hpc: cmake --install with a prefix gives a working marrow and the Slurm templates", "[hpc][install]") {
  const fs::path prefix = scratch("install");
  const Result install = shell(std::string("'") + MARROW_CMAKE + "' --install '" + MARROW_BINARY_DIR + "' --prefix '" +
                               prefix.string() + "'");
  INFO(install.output);
  REQUIRE(install.code == 0);
  const fs::path exe = prefix / "bin" / "marrow";
  REQUIRE(fs::exists(exe));
  const Result params = shell("env -i '" + exe.string() + "' params");  // no LD_LIBRARY_PATH needed
  CHECK(params.code == 0);
  CHECK(params.output.find("grid.nx") != std::string::npos);
  CHECK(fs::exists(prefix / "share" / "marrow" / "slurm" / "marrow-array.sbatch"));
  CHECK(fs::exists(prefix / "share" / "marrow" / "slurm" / "marrow-mpi.sbatch"));
  CHECK(fs::exists(prefix / "share" / "marrow" / "configs" / "ovx_vs_sham.yaml"));
  CHECK(fs::exists(prefix / "share" / "doc" / "marrow" / "hpc.md"));
  fs::remove_all(prefix);
}
