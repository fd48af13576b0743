// RunWriter: the file layout read back with the HDF5 C API, the .partial/complete convention,
// determinism and error reporting.
#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/resource.h>

#include <random>

#include "output_test_util.hpp"

using namespace test_output;

TEST_CASE("output: a finished run has the documented layout and values", "[output]") {
  TempDir tmp("layout");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "control_r2.h5").string();
  write_small_run(path, true);

  REQUIRE(fs::exists(path));
  REQUIRE_FALSE(fs::exists(path + ".partial"));
  H5File file(path);
  hid_t f = file.id;

  // Root attributes.
  CHECK(attr_string(f, "/", "format_version") == "1.0");
  CHECK(attr_int(f, "/", "format_version_major") == marrow::kFormatVersionMajor);
  CHECK(attr_int(f, "/", "complete") == 1);
  CHECK(attr_string(f, "/", "experiment") == "test-experiment");
  CHECK(attr_string(f, "/", "arm") == "control");
  CHECK(attr_string(f, "/", "git_revision") == "abc123");
  CHECK(attr_string(f, "/", "marrow_version") == "0.1.0");
  CHECK(attr_string(f, "/", "start_time") == "2024-01-02T03:04:05Z");
  CHECK(attr_string(f, "/", "config") == small_meta().config_yaml);
  CHECK(attr_int(f, "/", "replicate") == 2);
  CHECK(attr_int(f, "/", "threads") == 2);
  CHECK(attr_number<std::uint64_t>(f, "/", "seed", H5T_NATIVE_UINT64) == 18446744073709551557ull);
  CHECK(attr_number<std::uint64_t>(f, "/", "base_seed", H5T_NATIVE_UINT64) == 42);
  CHECK(attr_number<double>(f, "/", "tick_hours", H5T_NATIVE_DOUBLE) == 1.0);
  CHECK(attr_string(f, "/units", "timeseries/time") == "day");
  CHECK(attr_string(f, "/units", "snapshots/*/fields/rankl") == "pM");

  // Time series: all rows, in order, with units.
  CHECK(read<double>(f, "/timeseries/time", H5T_NATIVE_DOUBLE) == std::vector<double>{0, 10, 20, 30});
  CHECK(read<std::int64_t>(f, "/timeseries/tick", H5T_NATIVE_INT64) == std::vector<std::int64_t>{0, 240, 480, 720});
  CHECK(read<double>(f, "/timeseries/counts/osteoclast", H5T_NATIVE_DOUBLE) == std::vector<double>{0, 24, 48, 72});
  CHECK(read<double>(f, "/timeseries/bone/volume", H5T_NATIVE_DOUBLE) ==
        std::vector<double>{6000, 5760, 5520, 5280});
  CHECK(attr_string(f, "/timeseries/time", "units") == "day");
  CHECK(attr_string(f, "/timeseries/bone/volume", "units") == "um^3");
  CHECK(attr_string(f, "/timeseries/counts/osteoblast", "units") == "unknown");  // not given by the run

  // Pit events: one column per member, three events.
  CHECK(read<std::uint64_t>(f, "/pits/events/osteoclast_id", H5T_NATIVE_UINT64) ==
        std::vector<std::uint64_t>{1001, 1002, 1003});
  CHECK(read<std::int64_t>(f, "/pits/events/end_tick", H5T_NATIVE_INT64) == std::vector<std::int64_t>{60, 70, 80});
  CHECK(read<double>(f, "/pits/events/volume_um3", H5T_NATIVE_DOUBLE) == std::vector<double>{100, 200, 300});
  CHECK(read<std::int32_t>(f, "/pits/events/max_nuclei", H5T_NATIVE_INT32) == std::vector<std::int32_t>{4, 5, 6});
  CHECK(read<std::int32_t>(f, "/pits/events/lineage", H5T_NATIVE_INT32) == std::vector<std::int32_t>{1, 0, 1});
  CHECK(attr_string(f, "/pits/events/max_depth_um", "units") == "um");

  // Snapshots: (nz, ny, nx) arrays in x-fastest order, attributes, agents.
  const std::string s0 = "/snapshots/000000000", s1 = "/snapshots/000000720";
  CHECK(attr_int(f, s1, "tick") == 720);
  CHECK(attr_number<double>(f, s1, "time_days", H5T_NATIVE_DOUBLE) == 30.0);
  CHECK(attr_number<double>(f, s1, "voxel_um", H5T_NATIVE_DOUBLE) == 10.0);
  CHECK(dims(f, s1 + "/bone") == std::vector<hsize_t>{3, 4, 5});
  CHECK(dims(f, s1 + "/fields/rankl") == std::vector<hsize_t>{3, 4, 5});
  auto expected = small_snapshot(720, 0);
  CHECK(read<float>(f, s1 + "/bone", H5T_NATIVE_FLOAT) == expected.volumes[0].second);
  CHECK(read<float>(f, s1 + "/pits", H5T_NATIVE_FLOAT) == expected.volumes[1].second);
  CHECK(read<float>(f, s1 + "/fields/rankl", H5T_NATIVE_FLOAT) == expected.fields[0].second);
  CHECK(attr_string(f, s1 + "/bone", "units") == "1");
  CHECK(attr_string(f, s1 + "/fields/rankl", "units") == "pM");
  CHECK(read<std::int64_t>(f, s0 + "/agents/id", H5T_NATIVE_INT64) == std::vector<std::int64_t>{100, 101, 102, 103});
  CHECK(read<float>(f, s0 + "/agents/age", H5T_NATIVE_FLOAT) == std::vector<float>{0, 1.5f, 3, 4.5f});
  CHECK(attr_string(f, s0 + "/agents/x", "units") == "voxel");
  CHECK(attr_string(f, s0 + "/agents/age", "units") == "day");  // from the pattern "snapshots/*/agents/ag*"
  CHECK(attr_string(f, s0 + "/agents/id", "units") == "unknown");
  CHECK(dims(f, s1 + "/agents/id") == std::vector<hsize_t>{0});  // no agents at the second snapshot

  // Volumes are chunked and compressed with shuffle + gzip.
  hid_t d = H5Dopen2(f, (s1 + "/bone").c_str(), H5P_DEFAULT);
  hid_t dcpl = H5Dget_create_plist(d);
  CHECK(H5Pget_layout(dcpl) == H5D_CHUNKED);
  int nfilters = H5Pget_nfilters(dcpl);
  std::vector<H5Z_filter_t> filters;
  for (int i = 0; i < nfilters; ++i) {
    unsigned flags = 0;
    size_t nelem = 0;
    unsigned config = 0;
    filters.push_back(H5Pget_filter2(dcpl, unsigned(i), &flags, &nelem, nullptr, 0, nullptr, &config));
  }
  CHECK(filters == std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE});
  H5Pclose(dcpl);
  H5Dclose(d);

  // Every dataset carries a units attribute.
  std::vector<std::string> groups, dsets;
  walk(f, "/", groups, dsets);
  CHECK(dsets.size() > 20);
  for (const auto& p : dsets) {
    INFO(p);
    CHECK(H5Aexists_by_name(f, p.c_str(), "units", H5P_DEFAULT) > 0);
  }
}

TEST_CASE("output: many agents and long series are appended and compressed", "[output]") {
  TempDir tmp("large");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "big.h5").string();
  {
    marrow::RunWriter w(path, small_meta());
    for (int t = 0; t < 3000; ++t) w.append(small_row(t));  // crosses the 1024-element chunks
    w.write_snapshot(small_snapshot(0, 5000));
    for (int t = 3000; t < 3100; ++t) w.append(small_row(t));
    w.finish();
  }
  H5File file(path);
  auto ticks = read<std::int64_t>(file.id, "/timeseries/tick", H5T_NATIVE_INT64);
  REQUIRE(ticks.size() == 3100);
  for (std::size_t i = 0; i < ticks.size(); ++i) REQUIRE(ticks[i] == std::int64_t(i));
  auto ids = read<std::int64_t>(file.id, "/snapshots/000000000/agents/id", H5T_NATIVE_INT64);
  REQUIRE(ids.size() == 5000);
  CHECK(ids.back() == 5099);
  hid_t d = H5Dopen2(file.id, "/snapshots/000000000/agents/age", H5P_DEFAULT);
  hid_t dcpl = H5Dget_create_plist(d);
  CHECK(H5Pget_layout(dcpl) == H5D_CHUNKED);
  CHECK(H5Pget_nfilters(dcpl) == 2);
  H5Pclose(dcpl);
  H5Dclose(d);
}

TEST_CASE("output: a writer destroyed without finish leaves only an incomplete .partial", "[output]") {
  TempDir tmp("partial");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "run.h5").string();
  // A stale .partial from an earlier crash is truncated, not appended to.
  { std::ofstream(path + ".partial") << "stale junk"; }
  write_small_run(path, false);

  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(dir / "run.xmf"));
  REQUIRE(fs::exists(path + ".partial"));
  H5File file(path + ".partial");
  CHECK(attr_int(file.id, "/", "complete") == 0);
  // Everything up to the last snapshot is there.
  CHECK(read<std::int64_t>(file.id, "/timeseries/tick", H5T_NATIVE_INT64) == std::vector<std::int64_t>{0, 240, 480, 720});
  CHECK(dims(file.id, "/snapshots/000000720/bone") == std::vector<hsize_t>{3, 4, 5});
}

TEST_CASE("output: equal data gives byte-identical datasets and no time stamps", "[output]") {
  TempDir tmp("determinism");
  const fs::path& dir = tmp.path;
  const std::string a = (dir / "a.h5").string(), b = (dir / "b.h5").string();
  write_small_run(a, true);
  write_small_run(b, true);  // written at a different wall-clock time
  H5File fa(a), fb(b);
  std::vector<std::string> ga, da, gb, db;
  walk(fa.id, "/", ga, da);
  walk(fb.id, "/", gb, db);
  REQUIRE(ga == gb);
  REQUIRE(da == db);
  for (const auto& p : da) {
    INFO(p);
    CHECK(raw_bytes(fa.id, p) == raw_bytes(fb.id, p));
    CHECK(object_mtime(fa.id, p) == 0);
  }
  for (const auto& p : ga) {
    INFO(p);
    CHECK(object_mtime(fa.id, p) == 0);
  }
  CHECK(object_mtime(fa.id, "/") == 0);
  // With time stamps off, nothing else in the file depends on when it was written.
  CHECK(slurp(a) == slurp(b));
}

TEST_CASE("output: an unwritable location gives an OutputError naming the path", "[output]") {
  TempDir tmp("unwritable");
  const fs::path& dir = tmp.path;
  { std::ofstream(dir / "plain-file") << "x"; }
  // A path under a regular file cannot be created, even by root.
  const std::string path = (dir / "plain-file" / "run.h5").string();
  try {
    marrow::RunWriter w(path, small_meta());
    FAIL("no exception");
  } catch (const marrow::OutputError& e) {
    CHECK_THAT(e.what(), Catch::Contains(path + ".partial"));
    CHECK_THAT(e.what(), Catch::Contains("cannot create"));
  }
  const std::string missing = (dir / "no-such-folder" / "run.h5").string();
  CHECK_THROWS_AS(marrow::RunWriter(missing, small_meta()), marrow::OutputError);
}

TEST_CASE("output: a full disk gives an OutputError and no crash", "[output]") {
  TempDir tmp("fulldisk");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "run.h5").string();
  // Simulate a full disk: cap the file size this process may write (EFBIG instead of SIGXFSZ).
  struct sigaction old_action {};
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGXFSZ, &ignore, &old_action);
  rlimit old_limit{};
  getrlimit(RLIMIT_FSIZE, &old_limit);
  rlimit small = old_limit;
  small.rlim_cur = 64 * 1024;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);

  bool threw = false;
  std::string message;
  try {
    marrow::RunWriter w(path, small_meta());
    marrow::Snapshot s = small_snapshot(0, 0);
    s.grid.nx = s.grid.ny = 64;
    s.grid.nz = 16;
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(0, 1);
    std::vector<float> noise(s.grid.size());  // incompressible: 256 KiB even after gzip
    for (auto& v : noise) v = u(rng);
    s.volumes = {{"bone", noise}};
    s.fields.clear();
    w.write_snapshot(s);
    w.finish();
  } catch (const marrow::OutputError& e) {
    threw = true;
    message = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &old_limit);
  sigaction(SIGXFSZ, &old_action, nullptr);
  CHECK(threw);
  CHECK_THAT(message, Catch::Contains(path));
  CHECK_FALSE(fs::exists(path));  // never renamed into place
}

TEST_CASE("output: misuse is reported as OutputError", "[output]") {
  TempDir tmp("misuse");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "run.h5").string();
  marrow::RunWriter w(path, small_meta());
  w.append(small_row(0));
  auto bad = small_row(1);
  bad.values.pop_back();
  CHECK_THROWS_AS(w.append(bad), marrow::OutputError);  // names differ from the first row
  auto s = small_snapshot(0, 2);
  s.volumes[0].second.pop_back();
  CHECK_THROWS_AS(w.write_snapshot(s), marrow::OutputError);  // wrong size
  auto s2 = small_snapshot(0, 2);
  s2.agent_floats[0].second.push_back(1.0f);
  CHECK_THROWS_AS(w.write_snapshot(s2), marrow::OutputError);  // agent columns of unequal length
  w.write_snapshot(small_snapshot(0, 2));
  CHECK_THROWS_AS(w.write_snapshot(small_snapshot(0, 2)), marrow::OutputError);  // same tick twice
  w.finish();
  CHECK_NOTHROW(w.finish());  // idempotent
  CHECK_THROWS_AS(w.append(small_row(2)), marrow::OutputError);
  CHECK(fs::exists(path));
}
