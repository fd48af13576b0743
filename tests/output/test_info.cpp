// print_info (`marrow info`): the summary of a good file, and clear errors for bad ones.
#include <catch2/catch.hpp>

#include <sstream>

#include "output_test_util.hpp"

using namespace test_output;

namespace {
std::string info_of(const std::string& path) {
  std::ostringstream out;
  REQUIRE(marrow::print_info(path, out) == 0);
  return out.str();
}

void require_error_naming(const std::string& path, const std::string& fragment) {
  std::ostringstream out;
  try {
    marrow::print_info(path, out);
    FAIL("no exception for " + path);
  } catch (const marrow::OutputError& e) {
    CHECK_THAT(e.what(), Catch::Contains(path));
    CHECK_THAT(e.what(), Catch::Contains(fragment));
  }
}
}  // namespace

TEST_CASE("output: print_info summarises a finished run", "[output]") {
  TempDir tmp("info");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "control_r2.h5").string();
  write_small_run(path, true);
  std::string s = info_of(path);
  CHECK_THAT(s, Catch::Contains("format version: 1.0"));
  CHECK_THAT(s, Catch::Contains("complete: yes"));
  CHECK_THAT(s, Catch::Contains("experiment: test-experiment"));
  CHECK_THAT(s, Catch::Contains("arm: control"));
  CHECK_THAT(s, Catch::Contains("seed: 18446744073709551557"));
  CHECK_THAT(s, Catch::Contains("git_revision: abc123"));
  CHECK_THAT(s, Catch::Contains("/timeseries/time  (4,)  float64  [day]"));
  CHECK_THAT(s, Catch::Contains("/pits/events/volume_um3  (3,)  float64  [um^3]"));
  CHECK_THAT(s, Catch::Contains("snapshots: 2 (ticks 0 to 720, days 0 to 30)"));
  CHECK_THAT(s, Catch::Contains("/snapshots/000000720/bone  (3, 4, 5)  float32  [1]"));
  CHECK_THAT(s, Catch::Contains("/snapshots/000000720/fields/rankl  (3, 4, 5)  float32  [pM]"));
  CHECK_THAT(s, Catch::Contains("pit events: 3"));
  CHECK_THAT(s, Catch::Contains("counts/osteoclast = 72 [1]"));
  CHECK_THAT(s, Catch::Contains("bone/volume = 5280 [um^3]"));
  CHECK_THAT(s, !Catch::Contains("/snapshots/000000000/bone"));  // only the last snapshot is listed
}

TEST_CASE("output: print_info says when a run is incomplete", "[output]") {
  TempDir tmp("info-partial");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "run.h5").string();
  write_small_run(path, false);
  CHECK_THAT(info_of(path + ".partial"), Catch::Contains("complete: no"));
}

TEST_CASE("output: print_info rejects missing, corrupt and foreign files with the path", "[output]") {
  TempDir tmp("info-bad");
  const fs::path& dir = tmp.path;
  require_error_naming((dir / "missing.h5").string(), "no such file");

  const std::string text = (dir / "text.h5").string();
  { std::ofstream(text) << "this is not HDF5\n"; }
  require_error_naming(text, "not an HDF5 file");

  // A run file cut short (as by a full disk during copying).
  const std::string good = (dir / "good.h5").string();
  write_small_run(good, true);
  std::string bytes = slurp(good);
  const std::string cut = (dir / "cut.h5").string();
  { std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2); }
  require_error_naming(cut, "cannot open");

  // A valid HDF5 file that Marrow did not write.
  const std::string foreign = (dir / "foreign.h5").string();
  hid_t f = H5Fcreate(foreign.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  H5Fclose(f);
  require_error_naming(foreign, "not a Marrow run file");
}

TEST_CASE("output: print_info warns about a newer major format version", "[output]") {
  TempDir tmp("info-newer");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "run.h5").string();
  write_small_run(path, true);
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  std::int64_t major = marrow::kFormatVersionMajor + 1;
  hid_t a = H5Aopen(f, "format_version_major", H5P_DEFAULT);
  H5Awrite(a, H5T_NATIVE_INT64, &major);
  H5Aclose(a);
  H5Fclose(f);
  CHECK_THAT(info_of(path), Catch::Contains("is newer than this build of marrow understands"));
}
