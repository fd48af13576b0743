// RunWriter: one HDF5 file per run, written as "<path>.partial" and renamed by finish()
// (layout in docs/output-format.md). Time series and pit events are buffered and appended at each
// snapshot; snapshots are written whole and followed by a flush, so an interrupted run keeps
// everything up to its last snapshot.
//
// Threads: the calls check their input and fill the buffers on the caller's thread, without HDF5; every
// HDF5 call after the constructor runs on the writer's WriteQueue thread, as a job, in call order. A
// snapshot job takes over the snapshot and the rows and events buffered before it, so the file gets the
// same operations in the same order whether the caller waits (write_snapshot, sync, finish) or not
// (write_snapshot_async).
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include "../checkpoint/fault_injection.hpp"
#include "h5_file.hpp"
#include "marrow/output.hpp"
#include "units.hpp"
#include "write_queue.hpp"
#include "xdmf.hpp"

namespace marrow {

using output_detail::unit_for;

namespace {
// A dataset name below a fixed group: non-empty components without "." or "..".
bool valid_name(const std::string& name, bool allow_slash) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  if (!allow_slash && name.find('/') != std::string::npos) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string tick_group(std::int64_t tick) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%09lld", static_cast<long long>(tick));
  return std::string("/snapshots/") + buf;
}
}  // namespace

struct RunWriter::Impl {
  // Rows and events appended since the last job that wrote them, handed to the next such job.
  struct Pending {
    std::vector<std::string> names;  // of the time series, in order (empty before the first row)
    std::vector<double> time;
    std::vector<std::int64_t> tick;
    std::vector<std::vector<double>> columns;
    std::vector<PitEvent> pits;
  };

  // Fixed at construction, read by both threads.
  std::string final_path, partial_path;
  std::map<std::string, std::string> units;

  // Caller's thread only.
  bool finished = false, error_reported = false;
  bool have_names = false;
  Pending pending;
  std::set<std::int64_t> snapshot_ticks;               // accepted so far
  std::vector<output_detail::XdmfSnapshot> snapshots;  // for the sidecar

  // Writer thread only (or the caller's, while the queue is idle or stopped).
  std::optional<h5::File> file;
  bool series_created = false;

  // Declared last: destroyed (joined) before the state its jobs use.
  std::optional<output_detail::WriteQueue> queue;

  void require_open(const char* what) const {
    if (finished || !queue) throw OutputError(final_path + ": " + what + " after finish()");
  }

  // Rethrows a failure of an earlier background job.
  void check_background() {
    if (!queue || !queue->failed()) return;
    error_reported = true;
    std::rethrow_exception(queue->error());
  }

  Pending take_pending() {
    Pending p;
    p.names = pending.names;
    std::swap(p.time, pending.time);
    std::swap(p.tick, pending.tick);
    std::swap(p.pits, pending.pits);
    p.columns.resize(pending.columns.size());
    for (std::size_t k = 0; k < p.columns.size(); ++k) std::swap(p.columns[k], pending.columns[k]);
    return p;
  }

  // Runs a job on the writer thread and waits for it; rethrows its failure (or an earlier one).
  void run_and_wait(std::function<void()> job) {
    queue->post(std::move(job));
    queue->wait();
    check_background();
  }

  // ---- the rest runs on the writer thread ----

  // Creates a dataset that carries a "units" attribute.
  void series(const std::string& rel, hid_t type) {
    file->create_series("/" + rel, type);
    file->attr_string("/" + rel, "units", unit_for(units, rel));
  }

  template <class T>
  void append_column(const std::string& rel, hid_t mem_type, const std::vector<T>& v) {
    file->append("/" + rel, mem_type, v.data(), v.size());
  }

  void flush_buffers(const Pending& p) {
    if (!p.names.empty() && !series_created && !p.time.empty()) {
      for (const auto& n : p.names) series("timeseries/" + n, H5T_IEEE_F64LE);
      series_created = true;
    }
    if (!p.time.empty()) {
      append_column("timeseries/time", H5T_NATIVE_DOUBLE, p.time);
      append_column("timeseries/tick", H5T_NATIVE_INT64, p.tick);
      for (std::size_t k = 0; k < p.names.size(); ++k)
        append_column("timeseries/" + p.names[k], H5T_NATIVE_DOUBLE, p.columns[k]);
    }
    if (!p.pits.empty()) {
      const auto& pits = p.pits;
      auto col = [&](const char* name, hid_t mem_type, auto member) {
        using T = std::decay_t<decltype(pits[0].*member)>;
        std::vector<T> v;
        v.reserve(pits.size());
        for (const auto& e : pits) v.push_back(e.*member);
        append_column(std::string("pits/events/") + name, mem_type, v);
      };
      col("osteoclast_id", H5T_NATIVE_UINT64, &PitEvent::osteoclast_id);
      col("start_tick", H5T_NATIVE_INT64, &PitEvent::start_tick);
      col("end_tick", H5T_NATIVE_INT64, &PitEvent::end_tick);
      col("x_um", H5T_NATIVE_DOUBLE, &PitEvent::x_um);
      col("y_um", H5T_NATIVE_DOUBLE, &PitEvent::y_um);
      col("z_um", H5T_NATIVE_DOUBLE, &PitEvent::z_um);
      col("volume_um3", H5T_NATIVE_DOUBLE, &PitEvent::volume_um3);
      col("max_depth_um", H5T_NATIVE_DOUBLE, &PitEvent::max_depth_um);
      col("lineage", H5T_NATIVE_INT32, &PitEvent::lineage);
      col("max_nuclei", H5T_NATIVE_INT32, &PitEvent::max_nuclei);
    }
  }

  // A checked snapshot, then the rows and events buffered before it, then a flush to disk.
  void write_snapshot_now(const Snapshot& s, const Pending& p) {
    h5::quiet_errors();
    h5::File& f = *file;
    const GridSpec& g = s.grid;
    const std::string group = tick_group(s.tick);

    // Uncompressed size of everything this snapshot writes, plus room for metadata.
    std::uintmax_t bytes = 1 << 20;
    for (const auto& v : s.volumes) bytes += v.second.size() * sizeof(float);
    for (const auto& v : s.fields) bytes += v.second.size() * sizeof(float);
    for (const auto& v : s.agent_ints) bytes += v.second.size() * sizeof(std::int64_t);
    for (const auto& v : s.agent_floats) bytes += v.second.size() * sizeof(float);
    bytes += p.time.size() * (p.names.size() + 2) * sizeof(double) + p.pits.size() * sizeof(PitEvent);
    f.require_space(bytes, "the snapshot at tick " + std::to_string(s.tick));

    f.ensure_group(group);
    f.attr_int64(group, "tick", s.tick);
    f.attr_double(group, "time_days", s.time_days);
    f.attr_int64(group, "nx", g.nx);
    f.attr_int64(group, "ny", g.ny);
    f.attr_int64(group, "nz", g.nz);
    f.attr_double(group, "voxel_um", g.voxel_um);

    const std::vector<hsize_t> dims = {hsize_t(g.nz), hsize_t(g.ny), hsize_t(g.nx)};
    auto write = [&](const std::string& path, hid_t ft, hid_t mt, const std::vector<hsize_t>& d, const void* data,
                     bool compress) {
      f.write_array(path, ft, mt, d, data, compress);
      f.attr_string(path, "units", unit_for(units, path.substr(1)));
    };
    for (const auto& [name, data] : s.volumes)
      write(group + "/" + name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, dims, data.data(), true);
    fault::point("snapshot", s.tick);  // tests: a kill half-way through a snapshot (docs/hpc.md)
    f.ensure_group(group + "/fields");
    for (const auto& [name, data] : s.fields)
      write(group + "/fields/" + name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, dims, data.data(), true);
    f.ensure_group(group + "/agents");
    constexpr std::size_t kCompressAgentsFrom = 1024;  // smaller columns are not worth a chunk index
    for (const auto& [name, data] : s.agent_ints)
      write(group + "/agents/" + name, H5T_STD_I64LE, H5T_NATIVE_INT64, {hsize_t(data.size())}, data.data(),
            data.size() >= kCompressAgentsFrom);
    for (const auto& [name, data] : s.agent_floats)
      write(group + "/agents/" + name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, {hsize_t(data.size())}, data.data(),
            data.size() >= kCompressAgentsFrom);

    flush_buffers(p);
    f.flush();
  }

  // ---- caller's thread ----

  // Checks a snapshot before anything is written, so that a bad one leaves no half group; returns what
  // the sidecar lists for it.
  output_detail::XdmfSnapshot check_snapshot(const Snapshot& s) const {
    const GridSpec& g = s.grid;
    const std::string where = final_path + ": snapshot at tick " + std::to_string(s.tick) + ": ";
    if (s.tick < 0) throw OutputError(where + "negative tick");
    if (g.nx < 1 || g.ny < 1 || g.nz < 1) throw OutputError(where + "grid dimensions must be positive");
    if (snapshot_ticks.count(s.tick)) throw OutputError(where + "a snapshot for this tick was already written");

    output_detail::XdmfSnapshot info{tick_group(s.tick), s.time_days, g, {}, {}};
    // Volumes and fields: unique valid names (volumes live beside the "fields" and "agents" groups, so
    // those two names are taken), one value per voxel.
    auto check_grids = [&](const auto& grids, const std::string& kind, bool is_volume, std::vector<std::string>& out) {
      std::set<std::string> seen;
      for (const auto& [name, data] : grids) {
        if (!valid_name(name, false) || (is_volume && (name == "fields" || name == "agents")) ||
            !seen.insert(name).second)
          throw OutputError(where + "invalid or repeated " + kind + " name '" + name + "'");
        if (data.size() != g.size())
          throw OutputError(where + kind + " '" + name + "' has " + std::to_string(data.size()) + " values, grid has " +
                            std::to_string(g.size()));
        out.push_back(name);
      }
    };
    check_grids(s.volumes, "volume", true, info.volumes);
    check_grids(s.fields, "field", false, info.fields);
    std::set<std::string> names;
    std::optional<std::size_t> n_agents;
    auto check_column = [&](const std::string& name, std::size_t n) {
      if (!valid_name(name, false) || !names.insert(name).second)
        throw OutputError(where + "invalid or repeated agent column '" + name + "'");
      if (n_agents && *n_agents != n) throw OutputError(where + "agent columns differ in length ('" + name + "')");
      n_agents = n;
    };
    for (const auto& [name, data] : s.agent_ints) check_column(name, data.size());
    for (const auto& [name, data] : s.agent_floats) check_column(name, data.size());
    return info;
  }

  // After check_snapshot(): the snapshot is accepted.
  void accept(const Snapshot& s, output_detail::XdmfSnapshot info) {
    snapshot_ticks.insert(s.tick);
    snapshots.push_back(std::move(info));
  }
};

RunWriter::RunWriter(const std::string& path, const RunMetadata& meta) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.final_path = path;
  m.partial_path = path + ".partial";
  m.units = output_detail::merged_units(meta.units);
  // Written here, before the writer thread starts.
  m.file.emplace(m.partial_path);
  h5::File& f = *m.file;
  f.attr_string("/", "format_version", std::to_string(kFormatVersionMajor) + "." + std::to_string(kFormatVersionMinor));
  f.attr_int64("/", "format_version_major", kFormatVersionMajor);
  f.attr_int64("/", "format_version_minor", kFormatVersionMinor);
  f.attr_string("/", "marrow_version", meta.marrow_version);
  f.attr_string("/", "git_revision", meta.git_revision);
  f.attr_string("/", "experiment", meta.experiment);
  f.attr_string("/", "arm", meta.arm);
  f.attr_int64("/", "replicate", meta.replicate);
  f.attr_uint64("/", "seed", meta.seed);
  f.attr_uint64("/", "base_seed", meta.base_seed);
  f.attr_int64("/", "threads", meta.threads);
  f.attr_string("/", "start_time", meta.start_time);
  f.attr_double("/", "tick_hours", meta.tick_hours);
  f.attr_string("/", "config", meta.config_yaml);
  f.attr_int64("/", "complete", 0);
  for (const auto& [name, value] : meta.extra_attributes) f.attr_string("/", name, value);

  // /units lists every known unit: one string attribute per dataset path (or "snapshots/*/..." pattern).
  f.ensure_group("/units");
  for (const auto& [key, unit] : m.units) f.attr_string("/units", key, unit);

  m.series("timeseries/time", H5T_IEEE_F64LE);
  m.series("timeseries/tick", H5T_STD_I64LE);
  for (const char* n : {"osteoclast_id"}) m.series(std::string("pits/events/") + n, H5T_STD_U64LE);
  for (const char* n : {"start_tick", "end_tick"}) m.series(std::string("pits/events/") + n, H5T_STD_I64LE);
  for (const char* n : {"x_um", "y_um", "z_um", "volume_um3", "max_depth_um"})
    m.series(std::string("pits/events/") + n, H5T_IEEE_F64LE);
  for (const char* n : {"lineage", "max_nuclei"}) m.series(std::string("pits/events/") + n, H5T_STD_I32LE);
  f.ensure_group("/snapshots");
  f.flush();
  m.queue.emplace(1);  // one snapshot waiting while another is written
}

RunWriter::~RunWriter() {
  if (!impl_ || !impl_->queue) return;
  Impl& m = *impl_;
  // Interrupted: keep what is buffered if the file still accepts it, but never mark it complete.
  if (!m.finished && !m.queue->failed()) {
    try {
      m.queue->post([&m, p = m.take_pending()] {
        h5::quiet_errors();
        m.flush_buffers(p);
        m.file->close();
      });
    } catch (...) {
    }
  }
  m.queue->stop();
  if (m.queue->failed() && !m.error_reported) {
    try {
      std::rethrow_exception(m.queue->error());
    } catch (const std::exception& e) {
      spdlog::warn("output left incomplete: {}", e.what());
    } catch (...) {
    }
  }
  try {
    if (m.file) m.file->close();
  } catch (...) {
  }
}

void RunWriter::append(const TimeseriesRow& row) {
  Impl& m = *impl_;
  m.require_open("append()");
  m.check_background();
  Impl::Pending& p = m.pending;
  if (!m.have_names) {
    std::set<std::string> seen;
    std::vector<std::string> names;
    for (const auto& [name, value] : row.values) {
      if (!valid_name(name, true) || name == "time" || name == "tick" || !seen.insert(name).second)
        throw OutputError(m.final_path + ": invalid or repeated time-series name '" + name + "'");
      names.push_back(name);
    }
    p.names = std::move(names);
    p.columns.resize(p.names.size());
    m.have_names = true;
  }
  bool same = row.values.size() == p.names.size();
  for (std::size_t k = 0; same && k < p.names.size(); ++k) same = row.values[k].first == p.names[k];
  if (!same)
    throw OutputError(m.final_path + ": time-series row at tick " + std::to_string(row.tick) +
                      " does not have the names of the first row, in the same order");
  p.time.push_back(row.time_days);
  p.tick.push_back(row.tick);
  for (std::size_t k = 0; k < p.names.size(); ++k) p.columns[k].push_back(row.values[k].second);
}

void RunWriter::add_pit_event(const PitEvent& event) {
  impl_->require_open("add_pit_event()");
  impl_->check_background();
  impl_->pending.pits.push_back(event);
}

void RunWriter::write_snapshot(const Snapshot& s) {
  Impl& m = *impl_;
  m.require_open("write_snapshot()");
  m.check_background();
  m.accept(s, m.check_snapshot(s));
  m.run_and_wait([&m, &s, p = m.take_pending()] { m.write_snapshot_now(s, p); });
}

void RunWriter::write_snapshot_async(Snapshot s) {
  Impl& m = *impl_;
  m.require_open("write_snapshot_async()");
  m.check_background();
  m.accept(s, m.check_snapshot(s));
  m.queue->post([&m, s = std::move(s), p = m.take_pending()] { m.write_snapshot_now(s, p); });
}

void RunWriter::sync() {
  Impl& m = *impl_;
  m.require_open("sync()");
  m.check_background();
  m.run_and_wait([&m, p = m.take_pending()] {
    h5::quiet_errors();
    m.flush_buffers(p);
    m.file->flush();
  });
}

const std::string& RunWriter::partial_path() const { return impl_->partial_path; }

void RunWriter::finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  m.require_open("finish()");
  m.check_background();
  m.run_and_wait([&m, p = m.take_pending()] {
    h5::quiet_errors();
    m.flush_buffers(p);
    m.file->attr_int64("/", "complete", 1);
    m.file->close();
    m.file.reset();
  });
  m.queue->stop();
  m.finished = true;
  std::error_code ec;
  std::filesystem::rename(m.partial_path, m.final_path, ec);
  if (ec) throw OutputError(m.final_path + ": cannot rename " + m.partial_path + " into place: " + ec.message());
  std::string h5_name = std::filesystem::path(m.final_path).filename().string();
  output_detail::write_xdmf(output_detail::xdmf_path_for(m.final_path), h5_name, m.snapshots);
}

}  // namespace marrow
