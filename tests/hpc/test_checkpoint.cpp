// Checkpoint files in-process: every part of the state comes back exactly, a simulation restored from a
// checkpoint steps exactly as the original does, and files that are not checkpoints are refused.
#include <catch2/catch.hpp>

#include "hpc_test_support.hpp"
#include "io/checkpoint/checkpoint.hpp"
#include "marrow/output.hpp"
#include "marrow/rng.hpp"
#include "marrow/simulation.hpp"

using namespace marrow;
namespace fs = std::filesystem;

namespace {

ResolvedConfig small_config() {
  return parse_experiment(test::small_experiment(), "small.yaml").arms.at(1).config;  // the ovx arm
}

// Every serialised member, compared exactly (NaN-free data, so == is bit equality here).
void require_same_state(SimState& a, SimState& b) {
  CHECK(a.tick == b.tick);
  CHECK(a.tick_hours == b.tick_hours);
  CHECK(a.grid.nx == b.grid.nx);
  CHECK(a.grid.voxel_um == b.grid.voxel_um);
  CHECK(a.initial_bone_um3 == b.initial_bone_um3);
  CHECK(a.total_resorbed_um3 == b.total_resorbed_um3);
  CHECK(a.total_formed_um3 == b.total_formed_um3);
  CHECK(a.host.estrogen == b.host.estrogen);
  CHECK(a.agents.next_id == b.agents.next_id);
  CHECK(a.bone.mineral == b.bone.mineral);
  CHECK(a.bone.resorbed == b.bone.resorbed);
  CHECK(a.bone.formed == b.bone.formed);
  CHECK(a.bone.deficit == b.bone.deficit);
  CHECK(a.bone.depth0 == b.bone.depth0);
  CHECK(a.bone.last_resorbed_tick == b.bone.last_resorbed_tick);
  for (int f = 0; f < kFieldCount; ++f) CHECK(a.fields.c[f] == b.fields.c[f]);
  std::vector<std::string> names;
  a.agents.for_each_column([&](const std::string& n, const auto&) { names.push_back(n); },
                           [&](const std::string& n, const auto&) { names.push_back(n); });
  std::size_t k = 0;
  auto compare = [&](const std::string& n, const auto& col) {
    INFO("agent column " << n);
    bool same = false;
    a.agents.for_each_column(
        [&](const std::string& m, const auto& other) {
          if (m == n) same = std::equal(col.begin(), col.end(), other.begin(), other.end());
        },
        [&](const std::string& m, const auto& other) {
          if (m == n) same = std::equal(col.begin(), col.end(), other.begin(), other.end());
        });
    CHECK(same);
    ++k;
  };
  b.agents.for_each_column(compare, compare);
  CHECK(k == names.size());
  CHECK(a.agents.size() > 20);
}

}  // namespace

TEST_CASE("hpc: a checkpoint holds the whole state, and a restored simulation steps exactly like the original",
          "[hpc][checkpoint]") {
  const fs::path dir = test::scratch("ckpt_state");
  const ResolvedConfig cfg = small_config();
  const std::uint64_t seed = replicate_seed(11, 0);
  Simulation sim(cfg, seed);
  for (int k = 0; k < 40; ++k) sim.step();
  RunMetadata meta;
  meta.config_yaml = cfg.to_yaml();
  RunWriter writer((dir / "run.h5").string(), meta);
  writer.append(sim.timeseries_row());
  ckpt::Info info;
  info.run_name = "ovx_r0";
  info.seed = seed;
  info.tick = sim.state().tick;
  info.config_yaml = cfg.to_yaml();
  info.origin = {{"branched_from", "x.ckpt.h5"}};
  const std::string path = (dir / "run.ckpt.h5").string();
  ckpt::write_checkpoint(path, writer, info, sim.state());
  CHECK_FALSE(fs::exists(path + ".tmp"));

  const ckpt::Reader r(path);
  CHECK(r.info().run_name == "ovx_r0");
  CHECK(r.info().seed == seed);
  CHECK(r.info().tick == 40);
  CHECK(r.info().rng_scheme == ckpt::kRngScheme);
  CHECK(r.info().config_yaml == cfg.to_yaml());
  REQUIRE(r.info().origin.size() == 1);
  CHECK(r.info().origin[0].second == "x.ckpt.h5");
  SimState saved = r.state();
  SimState& live = sim.mutable_state();
  require_same_state(live, saved);

  // The restored run continues bit for bit: 30 more ticks, then every array compared.
  Simulation restored(cfg, seed, r.state());
  for (int k = 0; k < 30; ++k) {
    sim.step();
    restored.step();
  }
  require_same_state(sim.mutable_state(), restored.mutable_state());
  const auto a = sim.timeseries_row(), b = restored.timeseries_row();
  CHECK(a.values == b.values);

  // The check can fail: a different seed diverges.
  Simulation other(cfg, seed + 1, ckpt::Reader(path).state());
  Simulation again(cfg, seed, ckpt::Reader(path).state());
  for (int k = 0; k < 30; ++k) {
    other.step();
    again.step();
  }
  CHECK(other.mutable_state().fields.c[kRankl] != again.mutable_state().fields.c[kRankl]);
  fs::remove_all(dir);
}

TEST_CASE("hpc: a state that does not fit the config is refused, and so is a file that is not a checkpoint",
          "[hpc][checkpoint]") {
  const fs::path dir = test::scratch("ckpt_refuse");
  const ResolvedConfig cfg = small_config();
  Simulation sim(cfg, 1);
  SimState s = sim.state();
  s.grid.nx = 15;
  CHECK_THROWS_AS(Simulation(cfg, 1, s), std::invalid_argument);
  SimState t = sim.state();
  t.agents.x.pop_back();
  CHECK_THROWS_AS(Simulation(cfg, 1, t), std::invalid_argument);
  CHECK_NOTHROW(Simulation(cfg, 1, sim.state()));

  const std::string out = (dir / "plain.h5").string();
  {
    RunWriter w(out, RunMetadata{});
    w.finish();
  }
  CHECK_THROWS_AS(ckpt::Reader(out), OutputError);
  test::write_file(dir / "junk.ckpt.h5", "not hdf5");
  CHECK_THROWS_AS(ckpt::Reader((dir / "junk.ckpt.h5").string()), OutputError);
  fs::remove_all(dir);
}
