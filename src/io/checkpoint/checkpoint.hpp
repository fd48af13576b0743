#pragma once
// Checkpoints: everything a run is at one tick, in one file of its own beside the run's output
// (DIR/<run>.ckpt.h5), so that a resumed run is indistinguishable from one that never stopped
// (docs/hpc.md explains the design).
//
// A checkpoint file is a byte copy of the run's output file as it stood at the checkpoint tick (after
// RunWriter::sync(): every row, event and snapshot so far; complete = 0) plus a group /checkpoint that
// holds the state (bone, fields, every agent column, totals, host) and what identifies the run (config,
// seed, random-stream scheme). It is written to "<path>.tmp", fsync'ed and renamed over the previous
// checkpoint, so a kill at any moment leaves the previous checkpoint intact; nothing depends on HDF5
// surviving a crash inside one file. On resume the output file is rebuilt from the checkpoint's copy
// (replay_output), so a ".partial" that is corrupt or ahead of the checkpoint does not matter.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "marrow/output.hpp"
#include "marrow/sim_state.hpp"

namespace marrow::ckpt {

inline constexpr int kFormat = 1;
// The random-number scheme of include/marrow/rng.hpp: counter-based Philox keyed by (run seed, stream),
// counter (entity, tick, draw). A checkpoint of another scheme cannot be continued exactly.
inline constexpr const char* kRngScheme = "philox4x32-10 v1";

// What identifies the run a checkpoint belongs to.
struct Info {
  int format = kFormat;
  std::string rng_scheme = kRngScheme;
  std::string run_name;  // file stem, e.g. "ovx_r0"
  std::string experiment, arm;
  int replicate = 0;
  std::uint64_t seed = 0, base_seed = 0;
  std::string config_yaml;  // ResolvedConfig::to_yaml() of the run
  std::int64_t tick = 0;    // ticks completed
  double tick_hours = 1.0;
  std::string marrow_version, git_revision, start_time;
  // Root attributes of the run's output that must survive a resume (e.g. branched_from*).
  std::vector<std::pair<std::string, std::string>> origin;
};

// Writes the checkpoint of `state` to `path` atomically: writer.sync(), copy of the output to
// "<path>.tmp", state added, fsync, rename, fsync of the folder. Throws OutputError.
void write_checkpoint(const std::string& path, RunWriter& writer, const Info& info, const SimState& state);

// Removes a checkpoint and any temporary file a killed write left behind (missing files are fine).
void remove_checkpoint(const std::string& path);

// Reads a checkpoint. Throws OutputError for a missing, truncated or foreign file.
class Reader {
 public:
  explicit Reader(const std::string& path);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  const std::string& path() const;
  const Info& info() const { return info_; }
  // The state at the checkpoint tick. Derived data (bone masks, occupancy) is left to the caller
  // (Simulation rebuilds it); field transport parameters come from the config, not from here.
  SimState state() const;

  // The output written up to the checkpoint, read back exactly.
  // Rows, with the values in the order of `names` (every name must be in the file).
  std::vector<TimeseriesRow> timeseries(const std::vector<std::string>& names) const;
  std::vector<PitEvent> pit_events() const;
  std::vector<std::int64_t> snapshot_ticks() const;
  // One snapshot, with the volumes, fields and agent columns that `layout` names (values ignored).
  Snapshot snapshot(std::int64_t tick, const Snapshot& layout) const;
  std::string root_attribute(const std::string& name) const;  // "" when absent

 private:
  struct Impl;
  Impl* impl_;
  Info info_;
};

// Writes the output history of a checkpoint into a fresh RunWriter in the order an uninterrupted run
// wrote it: rows and events up to each snapshot, the snapshot, then the rest up to the checkpoint tick.
// `row` and `snapshot` are the current read-outs of the restored simulation: they give the names and
// their order (values ignored).
void replay_output(const Reader& checkpoint, RunWriter& writer, const TimeseriesRow& row, const Snapshot& snapshot);

}  // namespace marrow::ckpt
