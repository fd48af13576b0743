// RunWriter: one HDF5 file per run, written as "<path>.partial" and renamed by finish()
// (layout in docs/output-format.md). Time series and pit events are buffered and appended at each
// snapshot; snapshots are written whole and followed by a flush, so an interrupted run keeps
// everything up to its last snapshot.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include "../checkpoint/fault_injection.hpp"
#include "h5_file.hpp"
#include "marrow/output.hpp"
#include "units.hpp"
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
  std::string final_path, partial_path;
  std::map<std::string, std::string> units;
  std::optional<h5::File> file;
  bool finished = false;

  // Buffered time series, column by column, in the order of the first row's names.
  std::vector<std::string> names;
  bool have_names = false, series_created = false;
  std::vector<double> time;
  std::vector<std::int64_t> tick;
  std::vector<std::vector<double>> columns;

  std::vector<PitEvent> pits;
  std::vector<output_detail::XdmfSnapshot> snapshots;  // for the sidecar

  void require_open(const char* what) const {
    if (finished || !file) throw OutputError(final_path + ": " + what + " after finish()");
  }

  // Creates a dataset that carries a "units" attribute.
  void series(const std::string& rel, hid_t type) {
    file->create_series("/" + rel, type);
    file->attr_string("/" + rel, "units", unit_for(units, rel));
  }

  template <class T>
  void append_column(const std::string& rel, hid_t mem_type, const std::vector<T>& v) {
    file->append("/" + rel, mem_type, v.data(), v.size());
  }

  void flush_buffers() {
    if (have_names && !series_created && !time.empty()) {
      for (const auto& n : names) series("timeseries/" + n, H5T_IEEE_F64LE);
      series_created = true;
    }
    if (!time.empty()) {
      append_column("timeseries/time", H5T_NATIVE_DOUBLE, time);
      append_column("timeseries/tick", H5T_NATIVE_INT64, tick);
      for (std::size_t k = 0; k < names.size(); ++k) {
        append_column("timeseries/" + names[k], H5T_NATIVE_DOUBLE, columns[k]);
        columns[k].clear();
      }
      time.clear();
      tick.clear();
    }
    if (!pits.empty()) {
      auto col = [&](const char* name, hid_t mem_type, auto member) {
        using T = std::decay_t<decltype(pits[0].*member)>;
        std::vector<T> v;
        v.reserve(pits.size());
        for (const auto& p : pits) v.push_back(p.*member);
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
      pits.clear();
    }
  }
};

RunWriter::RunWriter(const std::string& path, const RunMetadata& meta) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.final_path = path;
  m.partial_path = path + ".partial";
  m.units = output_detail::merged_units(meta.units);
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
}

RunWriter::~RunWriter() {
  if (!impl_ || impl_->finished || !impl_->file) return;
  // Interrupted: keep what is buffered if the file still accepts it, but never mark it complete.
  try {
    impl_->flush_buffers();
  } catch (...) {
  }
  try {
    impl_->file->close();
  } catch (...) {
  }
}

void RunWriter::append(const TimeseriesRow& row) {
  Impl& m = *impl_;
  m.require_open("append()");
  if (!m.have_names) {
    std::set<std::string> seen;
    for (const auto& [name, value] : row.values) {
      if (!valid_name(name, true) || name == "time" || name == "tick" || !seen.insert(name).second)
        throw OutputError(m.final_path + ": invalid or repeated time-series name '" + name + "'");
      m.names.push_back(name);
    }
    m.columns.resize(m.names.size());
    m.have_names = true;
  }
  bool same = row.values.size() == m.names.size();
  for (std::size_t k = 0; same && k < m.names.size(); ++k) same = row.values[k].first == m.names[k];
  if (!same)
    throw OutputError(m.final_path + ": time-series row at tick " + std::to_string(row.tick) +
                      " does not have the names of the first row, in the same order");
  m.time.push_back(row.time_days);
  m.tick.push_back(row.tick);
  for (std::size_t k = 0; k < m.names.size(); ++k) m.columns[k].push_back(row.values[k].second);
}

void RunWriter::add_pit_event(const PitEvent& event) {
  impl_->require_open("add_pit_event()");
  impl_->pits.push_back(event);
}

void RunWriter::write_snapshot(const Snapshot& s) {
  Impl& m = *impl_;
  m.require_open("write_snapshot()");
  h5::File& f = *m.file;
  const GridSpec& g = s.grid;
  const std::string where = m.final_path + ": snapshot at tick " + std::to_string(s.tick) + ": ";
  if (s.tick < 0) throw OutputError(where + "negative tick");
  if (g.nx < 1 || g.ny < 1 || g.nz < 1) throw OutputError(where + "grid dimensions must be positive");
  const std::string group = tick_group(s.tick);
  if (f.exists(group)) throw OutputError(where + "a snapshot for this tick was already written");

  // Validate everything before writing anything, so that a bad snapshot leaves no half group.
  std::set<std::string> names;
  for (const auto& [name, data] : s.volumes) {
    if (!valid_name(name, false) || name == "fields" || name == "agents" || !names.insert(name).second)
      throw OutputError(where + "invalid or repeated volume name '" + name + "'");
    if (data.size() != g.size())
      throw OutputError(where + "volume '" + name + "' has " + std::to_string(data.size()) + " values, grid has " +
                        std::to_string(g.size()));
  }
  names.clear();
  for (const auto& [name, data] : s.fields) {
    if (!valid_name(name, false) || !names.insert(name).second)
      throw OutputError(where + "invalid or repeated field name '" + name + "'");
    if (data.size() != g.size())
      throw OutputError(where + "field '" + name + "' has " + std::to_string(data.size()) + " values, grid has " +
                        std::to_string(g.size()));
  }
  names.clear();
  std::optional<std::size_t> n_agents;
  auto check_column = [&](const std::string& name, std::size_t n) {
    if (!valid_name(name, false) || !names.insert(name).second)
      throw OutputError(where + "invalid or repeated agent column '" + name + "'");
    if (n_agents && *n_agents != n) throw OutputError(where + "agent columns differ in length ('" + name + "')");
    n_agents = n;
  };
  for (const auto& [name, data] : s.agent_ints) check_column(name, data.size());
  for (const auto& [name, data] : s.agent_floats) check_column(name, data.size());

  // Uncompressed size of everything this snapshot writes, plus room for metadata.
  std::uintmax_t bytes = 1 << 20;
  for (const auto& v : s.volumes) bytes += v.second.size() * sizeof(float);
  for (const auto& v : s.fields) bytes += v.second.size() * sizeof(float);
  for (const auto& v : s.agent_ints) bytes += v.second.size() * sizeof(std::int64_t);
  for (const auto& v : s.agent_floats) bytes += v.second.size() * sizeof(float);
  bytes += m.time.size() * (m.names.size() + 2) * sizeof(double) + m.pits.size() * sizeof(PitEvent);
  f.require_space(bytes, "the snapshot at tick " + std::to_string(s.tick));

  f.ensure_group(group);
  f.attr_int64(group, "tick", s.tick);
  f.attr_double(group, "time_days", s.time_days);
  f.attr_int64(group, "nx", g.nx);
  f.attr_int64(group, "ny", g.ny);
  f.attr_int64(group, "nz", g.nz);
  f.attr_double(group, "voxel_um", g.voxel_um);

  const std::vector<hsize_t> dims = {hsize_t(g.nz), hsize_t(g.ny), hsize_t(g.nx)};
  output_detail::XdmfSnapshot info{group, s.time_days, g, {}, {}};
  auto write = [&](const std::string& path, hid_t ft, hid_t mt, const std::vector<hsize_t>& d, const void* data,
                   bool compress) {
    f.write_array(path, ft, mt, d, data, compress);
    f.attr_string(path, "units", unit_for(m.units, path.substr(1)));
  };
  for (const auto& [name, data] : s.volumes) {
    write(group + "/" + name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, dims, data.data(), true);
    info.volumes.push_back(name);
  }
  fault::point("snapshot", s.tick);  // tests: a kill half-way through a snapshot (docs/hpc.md)
  f.ensure_group(group + "/fields");
  for (const auto& [name, data] : s.fields) {
    write(group + "/fields/" + name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, dims, data.data(), true);
    info.fields.push_back(name);
  }
  f.ensure_group(group + "/agents");
  constexpr std::size_t kCompressAgentsFrom = 1024;  // smaller columns are not worth a chunk index
  for (const auto& [name, data] : s.agent_ints)
    write(group + "/agents/" + name, H5T_STD_I64LE, H5T_NATIVE_INT64, {hsize_t(data.size())}, data.data(),
          data.size() >= kCompressAgentsFrom);
  for (const auto& [name, data] : s.agent_floats)
    write(group + "/agents/" + name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, {hsize_t(data.size())}, data.data(),
          data.size() >= kCompressAgentsFrom);

  m.flush_buffers();
  f.flush();
  m.snapshots.push_back(std::move(info));
}

void RunWriter::sync() {
  Impl& m = *impl_;
  m.require_open("sync()");
  m.flush_buffers();
  m.file->flush();
}

const std::string& RunWriter::partial_path() const { return impl_->partial_path; }

void RunWriter::finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  m.require_open("finish()");
  m.flush_buffers();
  m.file->attr_int64("/", "complete", 1);
  m.file->close();
  m.file.reset();
  m.finished = true;
  std::error_code ec;
  std::filesystem::rename(m.partial_path, m.final_path, ec);
  if (ec) throw OutputError(m.final_path + ": cannot rename " + m.partial_path + " into place: " + ec.message());
  std::string h5_name = std::filesystem::path(m.final_path).filename().string();
  output_detail::write_xdmf(output_detail::xdmf_path_for(m.final_path), h5_name, m.snapshots);
}

}  // namespace marrow
