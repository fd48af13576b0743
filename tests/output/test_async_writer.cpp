// RunWriter in the background: write_snapshot_async() gives the same file as write_snapshot(), checks
// its input at the call, surfaces failures of the writer thread at the next call, and sync() leaves a
// .partial that can be copied; and the WriteQueue under it (order, back-pressure, first failure kept).
#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <random>
#include <thread>

#include "../../src/io/output/write_queue.hpp"
#include "output_test_util.hpp"

using namespace test_output;

namespace {

// Twelve snapshots of 3000 agents (compressed columns), rows every 24 ticks, pit events between
// snapshots and a sync() half-way; through write_snapshot() or write_snapshot_async().
void write_long_run(const std::string& path, bool async) {
  marrow::RunWriter w(path, small_meta());
  int pit = 0;
  for (std::int64_t t = 0; t <= 11 * 168; t += 24) {
    w.append(small_row(t));
    if (t % 72 == 48) w.add_pit_event(small_pit(++pit));
    if (t % 168 == 0) {
      marrow::Snapshot s = small_snapshot(t, 3000 + int(t / 24));
      if (async)
        w.write_snapshot_async(std::move(s));
      else
        w.write_snapshot(s);
    }
    if (t == 5 * 168 + 24) w.sync();
  }
  w.add_pit_event(small_pit(++pit));  // after the last snapshot: written by finish()
  w.finish();
}

// Limits the size of files this process writes (a full disk without filling one), restored on scope exit.
struct FileSizeLimit {
  struct sigaction old_action {};
  rlimit old_limit{};
  explicit FileSizeLimit(rlim_t bytes) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGXFSZ, &ignore, &old_action);  // EFBIG instead of SIGXFSZ
    getrlimit(RLIMIT_FSIZE, &old_limit);
    rlimit small = old_limit;
    small.rlim_cur = bytes;
    REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old_limit);
    sigaction(SIGXFSZ, &old_action, nullptr);
  }
};

// A snapshot that cannot fit under a 64 KiB file limit: 256 KiB of noise, even after compression.
marrow::Snapshot noise_snapshot(std::int64_t tick) {
  marrow::Snapshot s = small_snapshot(tick, 0);
  s.grid.nx = s.grid.ny = 64;
  s.grid.nz = 16;
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(0, 1);
  std::vector<float> noise(s.grid.size());
  for (auto& v : noise) v = u(rng);
  s.volumes = {{"bone", noise}};
  s.fields.clear();
  return s;
}

}  // namespace

TEST_CASE("output: snapshots written in the background give the same file as written while waiting", "[output]") {
  TempDir tmp("async_same");
  fs::create_directories(tmp.path / "waited");
  fs::create_directories(tmp.path / "background");
  const std::string a = (tmp.path / "waited" / "run.h5").string(), b = (tmp.path / "background" / "run.h5").string();
  write_long_run(a, false);
  write_long_run(b, true);
  REQUIRE(fs::exists(b));
  CHECK_FALSE(fs::exists(b + ".partial"));
  CHECK(slurp(a) == slurp(b));  // byte for byte, the data and the order of every HDF5 operation
  CHECK(slurp(tmp.path / "waited" / "run.xmf") == slurp(tmp.path / "background" / "run.xmf"));

  H5File f(b);
  CHECK(attr_int(f.id, "/", "complete") == 1);
  std::vector<std::string> groups, dsets;
  walk(f.id, "/snapshots", groups, dsets);
  CHECK(std::count_if(groups.begin(), groups.end(),
                      [](const std::string& g) { return g.find('/', 11) == std::string::npos; }) == 12);
  const auto ticks = read<std::int64_t>(f.id, "/timeseries/tick", H5T_NATIVE_INT64);
  REQUIRE(ticks.size() == 11 * 7 + 1);
  CHECK(ticks.back() == 11 * 168);
  CHECK(read<std::uint64_t>(f.id, "/pits/events/osteoclast_id", H5T_NATIVE_UINT64).back() == 1000 + 27);
  CHECK(read<std::int64_t>(f.id, "/snapshots/000001848/agents/id", H5T_NATIVE_INT64).size() == 3000 + 77);
  CHECK(read<float>(f.id, "/snapshots/000001344/bone", H5T_NATIVE_FLOAT) == small_snapshot(1344, 0).volumes[0].second);
}

TEST_CASE("output: a snapshot handed to the background is checked at the call", "[output]") {
  TempDir tmp("async_checks");
  const std::string path = (tmp.path / "run.h5").string();
  marrow::RunWriter w(path, small_meta());
  auto wrong = small_snapshot(0, 2);
  wrong.fields[0].second.pop_back();
  CHECK_THROWS_WITH(w.write_snapshot_async(wrong), Catch::Contains("field 'rankl' has 59 values, grid has 60"));
  w.write_snapshot_async(small_snapshot(0, 2));
  // Refused at once, whether or not the first one is written yet.
  CHECK_THROWS_WITH(w.write_snapshot_async(small_snapshot(0, 2)), Catch::Contains("already written"));
  CHECK_THROWS_WITH(w.write_snapshot(small_snapshot(0, 3)), Catch::Contains("already written"));
  w.write_snapshot_async(small_snapshot(24, 2));
  w.finish();
  CHECK_THROWS_WITH(w.write_snapshot_async(small_snapshot(48, 2)), Catch::Contains("after finish()"));
  H5File f(path);
  CHECK(read<std::int64_t>(f.id, "/snapshots/000000024/agents/id", H5T_NATIVE_INT64) ==
        std::vector<std::int64_t>{100, 101});
}

TEST_CASE("output: a write that fails in the background is thrown by the writer's next calls", "[output]") {
  TempDir tmp("async_failure");
  const std::string path = (tmp.path / "run.h5").string(), quiet = (tmp.path / "quiet.h5").string();
  {
    FileSizeLimit limit(64 * 1024);
    marrow::RunWriter w(path, small_meta());
    w.append(small_row(0));
    CHECK_NOTHROW(w.write_snapshot_async(noise_snapshot(0)));  // fails later, on the writer thread
    std::string first;
    try {
      w.sync();
      FAIL("sync() did not report the failed snapshot");
    } catch (const marrow::OutputError& e) {
      first = e.what();
    }
    CHECK_THAT(first, Catch::Contains(path + ".partial"));
    // The failure stays: every later call reports it, and the file is never finished.
    CHECK_THROWS_WITH(w.append(small_row(1)), first);
    CHECK_THROWS_WITH(w.add_pit_event(small_pit(1)), first);
    CHECK_THROWS_WITH(w.write_snapshot_async(small_snapshot(24, 0)), first);
    CHECK_THROWS_WITH(w.write_snapshot(small_snapshot(48, 0)), first);
    CHECK_THROWS_WITH(w.finish(), first);
    CHECK_THROWS_WITH(w.finish(), first);

    // A failure that no call saw: the destructor joins the thread and does not throw (it logs).
    auto abandoned = [&] {
      marrow::RunWriter q(quiet, small_meta());
      q.write_snapshot_async(noise_snapshot(0));
    };
    CHECK_NOTHROW(abandoned());
  }
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(quiet));
  CHECK_FALSE(fs::exists(tmp.path / "run.xmf"));
}

TEST_CASE("output: after sync() the .partial can be copied and read while the writer goes on", "[output]") {
  TempDir tmp("async_sync");
  const std::string path = (tmp.path / "run.h5").string(), copy = (tmp.path / "copy.h5").string();
  marrow::RunWriter w(path, small_meta());
  for (std::int64_t t = 0; t <= 480; t += 24) {
    w.append(small_row(t));
    if (t % 240 == 0) w.write_snapshot_async(small_snapshot(t, 2000));
  }
  w.add_pit_event(small_pit(1));
  w.sync();  // the thread is idle now: copying and reading with HDF5 are safe
  fs::copy_file(w.partial_path(), copy);
  {
    H5File f(copy);
    CHECK(attr_int(f.id, "/", "complete") == 0);
    CHECK(read<std::int64_t>(f.id, "/timeseries/tick", H5T_NATIVE_INT64).size() == 21);
    CHECK(read<std::int64_t>(f.id, "/pits/events/start_tick", H5T_NATIVE_INT64) == std::vector<std::int64_t>{10});
    CHECK(read<std::int64_t>(f.id, "/snapshots/000000480/agents/id", H5T_NATIVE_INT64).size() == 2000);
  }
  w.append(small_row(504));
  w.write_snapshot_async(small_snapshot(504, 1));
  w.finish();
  H5File f(path);
  CHECK(read<std::int64_t>(f.id, "/timeseries/tick", H5T_NATIVE_INT64).size() == 22);
  CHECK(dims(f.id, "/snapshots/000000504/bone") == std::vector<hsize_t>{3, 4, 5});
}

TEST_CASE("output: the write queue runs jobs in order, lets one wait, and keeps the first failure", "[output]") {
  using marrow::output_detail::WriteQueue;
  SECTION("order, and stop() runs what was posted") {
    std::vector<int> seen;
    {
      WriteQueue q(1);
      for (int i = 0; i < 50; ++i) q.post([&seen, i] { seen.push_back(i); });
      q.wait();
      CHECK(seen.size() == 50);
      for (int i = 50; i < 60; ++i) q.post([&seen, i] { seen.push_back(i); });
    }  // destructor: stop()
    REQUIRE(seen.size() == 60);
    for (int i = 0; i < 60; ++i) CHECK(seen[std::size_t(i)] == i);
  }
  SECTION("a third job waits while one runs and one waits") {
    WriteQueue q(1);
    std::promise<void> gate;
    std::shared_future<void> open = gate.get_future().share();
    std::atomic<bool> started{false}, third_posted{false};
    std::vector<char> order;
    q.post([&] {
      started = true;
      open.wait();
      order.push_back('a');
    });
    while (!started) std::this_thread::yield();
    q.post([&] { order.push_back('b'); });  // waits its turn; post returns
    std::thread poster([&] {
      q.post([&] { order.push_back('c'); });
      third_posted = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK_FALSE(third_posted);  // back-pressure
    gate.set_value();
    poster.join();
    q.wait();
    CHECK(third_posted);
    CHECK(order == std::vector<char>{'a', 'b', 'c'});
  }
  SECTION("the first failure is kept and the jobs after it are dropped") {
    WriteQueue q(1);
    bool ran = false;
    q.post([] { throw marrow::OutputError("first"); });
    q.post([] { throw marrow::OutputError("second"); });
    q.post([&] { ran = true; });
    q.wait();
    CHECK(q.failed());
    CHECK_THROWS_WITH(std::rethrow_exception(q.error()), "first");
    CHECK_FALSE(ran);
    q.stop();
    CHECK_THROWS_AS(q.post([] {}), std::logic_error);
  }
}
