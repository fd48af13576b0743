#pragma once
// One HDF5 file per run (layout in docs/output-format.md, after DESIGN.md section 5).
//
// The writer never leaves a file that looks complete after an interruption: it writes to
// "<path>.partial", flushes after each snapshot, and only finish() sets the root attribute
// complete=1, closes and renames to <path> (and writes the XDMF sidecar <path minus .h5>.xmf).
// Object time stamps are off, so two runs with equal data give equal datasets.
// All calls come from one thread (HDF5 is not called inside TBB regions). Each writer does its HDF5
// work on one background thread of its own, in call order: write_snapshot_async() returns as soon as the
// snapshot is checked and handed over, and the file is the same, byte for byte, as with write_snapshot().
// HDF5 is not thread-safe, so the caller makes other HDF5 calls (e.g. reading a checkpoint) only while
// no write_snapshot_async() is pending: after write_snapshot(), sync() or finish() returned.
// A failure in the background (HDF5, full disk) is thrown, as the OutputError it was, by the writer's
// next call (append, add_pit_event, write_snapshot*, sync, finish), and by every call after it; such a
// file is never marked complete.
#include <cstdint>
#include <map>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "marrow/grid.hpp"

namespace marrow {

inline constexpr int kFormatVersionMajor = 1;
inline constexpr int kFormatVersionMinor = 0;

struct RunMetadata {
  std::string marrow_version, git_revision;
  std::string experiment, arm;
  int replicate = 0;
  std::uint64_t seed = 0;        // the run's seed (derived from the experiment seed and replicate)
  std::uint64_t base_seed = 0;   // the experiment seed
  int threads = 1;
  std::string start_time;        // ISO 8601
  std::string config_yaml;       // the resolved config
  double tick_hours = 1.0;
  // Units of every dataset, keyed by dataset path relative to the file root ("timeseries/time" -> "day").
  // Keys may use '*' within a path component ("snapshots/*/bone", "snapshots/*/fields/*"); an exact key
  // wins, then the most literal pattern. Datasets without a match get the unit "unknown".
  std::map<std::string, std::string> units;
  // Further root attributes, written as strings (e.g. "branched_from" for a run started from another
  // run's checkpoint, "sweep_point" for a run of a sweep; docs/hpc.md).
  std::vector<std::pair<std::string, std::string>> extra_attributes;
};

// One row of /timeseries: named scalar values at one time. Names are dataset paths under /timeseries,
// e.g. "counts/osteoclast", "bone/volume", "fields/rankl/mean". Every row has the same names, in order.
struct TimeseriesRow {
  double time_days = 0.0;
  std::int64_t tick = 0;
  std::vector<std::pair<std::string, double>> values;
};

// A resorption event, recorded when an osteoclast ends (dies or stops resorbing).
struct PitEvent {
  std::uint64_t osteoclast_id = 0;
  std::int64_t start_tick = 0, end_tick = 0;
  double x_um = 0, y_um = 0, z_um = 0;  // centroid of the resorbed voxels
  double volume_um3 = 0;                // bone removed
  double max_depth_um = 0;
  std::int32_t lineage = 0;             // precursor lineage code (see cell_types.hpp)
  std::int32_t max_nuclei = 0;
};

// A snapshot: 3-D arrays on the grid (flat, x fastest) and agent columns.
struct Snapshot {
  std::int64_t tick = 0;
  double time_days = 0.0;
  GridSpec grid;
  std::vector<std::pair<std::string, std::vector<float>>> volumes;  // "bone", "pits", ...
  std::vector<std::pair<std::string, std::vector<float>>> fields;   // "rankl", ...
  std::vector<std::pair<std::string, std::vector<std::int64_t>>> agent_ints;   // "id", "type", "x", ...
  std::vector<std::pair<std::string, std::vector<float>>> agent_floats;        // "age", "secretion_rankl", ...
};

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RunWriter {
 public:
  // Creates <path>.partial (truncating a stale one) and writes the root attributes.
  RunWriter(const std::string& path, const RunMetadata& meta);
  // Closes without marking complete if finish() was not called (writing what is buffered and queued,
  // unless a write failed); joins the background thread; never throws (a failure no call reported is
  // logged).
  ~RunWriter();
  RunWriter(const RunWriter&) = delete;
  RunWriter& operator=(const RunWriter&) = delete;

  void append(const TimeseriesRow& row);          // buffered; written at each snapshot and at finish
  void add_pit_event(const PitEvent& event);      // buffered likewise
  // Writes /snapshots/<tick>/..., then the buffered rows and events, then H5Fflush; returns when done.
  // A snapshot that is invalid (sizes, names, a tick already written) throws here and writes nothing.
  void write_snapshot(const Snapshot& snapshot);
  // The same, in the background: checks the snapshot here (throwing as above), takes it over and
  // returns; blocks only while one earlier snapshot is being written and another waits its turn (so the
  // writer holds at most two).
  void write_snapshot_async(Snapshot snapshot);
  void finish();                                  // flush, complete=1, close, rename, write .xmf

  // Checkpoints and stops (docs/hpc.md): writes every buffered row and event and flushes the file, so
  // that "<path>.partial" on disk is a consistent HDF5 file holding everything appended so far (it stays
  // open and incomplete). The caller may then copy it byte for byte; no HDF5 call may run meanwhile
  // (sync() returns once the background thread is idle, and it stays so until the writer's next call).
  void sync();
  const std::string& partial_path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `marrow info FILE.h5`: prints provenance, format version, completeness, units, datasets and the final
// time-series values. Returns 0, or throws OutputError with a clear message for a missing, corrupt or
// non-Marrow file.
int print_info(const std::string& path, std::ostream& out);

}  // namespace marrow
