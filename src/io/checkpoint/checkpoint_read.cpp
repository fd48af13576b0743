// Reading a checkpoint: identity, state, and the output history it carries (checkpoint.hpp).
#include <cstdio>
#include <sstream>

#include "../output/h5_read.hpp"
#include "checkpoint.hpp"
#include "h5_io.hpp"

namespace marrow::ckpt {

struct Reader::Impl {
  h5::Reader file;
  explicit Impl(const std::string& path) : file(path) {}
  const std::string& path() const { return file.path(); }
  std::string text(const std::string& obj, const std::string& name) const {
    if (!file.has_attr(obj, name)) throw OutputError(path() + ": attribute " + name + " of " + obj + " is missing");
    return file.attr_text(obj, name);
  }
  double number(const std::string& obj, const std::string& name) const {
    const auto v = file.attr_number(obj, name);
    if (!v) throw OutputError(path() + ": numeric attribute " + name + " of " + obj + " is missing");
    return *v;
  }
  std::int64_t integer(const std::string& obj, const std::string& name) const { return std::stoll(text(obj, name)); }
  std::uint64_t unsigned_text(const std::string& obj, const std::string& name) const {
    return std::stoull(text(obj, name));
  }
};

Reader::Reader(const std::string& path) : impl_(new Impl(path)) {
  try {
    const Impl& m = *impl_;
    if (!m.file.exists("/checkpoint")) throw OutputError(path + ": not a Marrow checkpoint (no /checkpoint group)");
    const std::string g = "/checkpoint";
    info_.format = int(m.integer(g, "format"));
    if (info_.format != kFormat)
      throw OutputError(path + ": checkpoint format " + std::to_string(info_.format) + ", this marrow reads " +
                        std::to_string(kFormat));
    info_.rng_scheme = m.text(g, "rng_scheme");
    info_.run_name = m.text(g, "run_name");
    info_.experiment = m.text(g, "experiment");
    info_.arm = m.text(g, "arm");
    info_.replicate = int(m.integer(g, "replicate"));
    info_.seed = m.unsigned_text(g, "seed");
    info_.base_seed = m.unsigned_text(g, "base_seed");
    info_.config_yaml = m.text(g, "config");
    info_.tick = m.integer(g, "tick");
    info_.tick_hours = m.number(g, "tick_hours");
    info_.marrow_version = m.text(g, "marrow_version");
    info_.git_revision = m.text(g, "git_revision");
    info_.start_time = m.text(g, "start_time");
    std::istringstream origin(m.text(g, "origin"));
    for (std::string line; std::getline(origin, line);)
      if (auto eq = line.find('='); eq != std::string::npos)
        info_.origin.emplace_back(line.substr(0, eq), line.substr(eq + 1));
  } catch (const std::invalid_argument&) {
    delete impl_;
    throw OutputError(path + ": malformed checkpoint attributes");
  } catch (...) {
    delete impl_;
    throw;
  }
}

Reader::~Reader() { delete impl_; }

const std::string& Reader::path() const { return impl_->path(); }

std::string Reader::root_attribute(const std::string& name) const {
  return impl_->file.has_attr("/", name) ? impl_->file.attr_text("/", name) : std::string();
}

SimState Reader::state() const {
  const Impl& m = *impl_;
  const hid_t f = m.file.id();
  const std::string& file = m.path();
  const std::string g = "/checkpoint";
  SimState s;
  s.grid.nx = int(m.number(g, "nx"));
  s.grid.ny = int(m.number(g, "ny"));
  s.grid.nz = int(m.number(g, "nz"));
  s.grid.voxel_um = m.number(g, "voxel_um");
  s.tick = std::int64_t(m.number(g, "state_tick"));
  s.tick_hours = m.number(g, "state_tick_hours");
  s.initial_bone_um3 = m.number(g, "initial_bone_um3");
  s.total_resorbed_um3 = m.number(g, "total_resorbed_um3");
  s.total_formed_um3 = m.number(g, "total_formed_um3");
  s.host.estrogen = m.number(g, "host_estrogen");
  s.agents.next_id = m.unsigned_text(g, "next_id");
  const std::size_t n = s.grid.size();
  auto voxels = [&](auto& v, const char* name) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    v.resize(n);
    h5io::read_raw(f, file, g + "/bone/" + name, h5io::mem_type<T>(), n, v.data());
  };
  voxels(s.bone.mineral, "mineral");
  voxels(s.bone.resorbed, "resorbed");
  voxels(s.bone.formed, "formed");
  voxels(s.bone.deficit, "deficit");
  voxels(s.bone.depth0, "depth0");
  voxels(s.bone.last_resorbed_tick, "last_resorbed_tick");
  for (int k = 0; k < kFieldCount; ++k) {
    s.fields.c[k].resize(n);
    h5io::read_raw(f, file, g + "/fields/" + std::string(kFieldNames[k]), H5T_NATIVE_DOUBLE, n, s.fields.c[k].data());
  }
  std::size_t agents = 0;
  bool first = true;
  auto column = [&](const std::string& name, auto& col) {
    using T = typename std::decay_t<decltype(col)>::value_type;
    const std::string path = g + "/agents/" + name;
    if (!h5io::exists(f, path))
      throw OutputError(file + ": the checkpoint has no agent column '" + name +
                        "' (written by another version of marrow?)");
    col = h5io::read<T>(f, file, path);
    if (!first && col.size() != agents) throw OutputError(file + ": agent columns differ in length at '" + name + "'");
    agents = col.size();
    first = false;
  };
  s.agents.for_each_column(column, column);
  return s;
}

std::vector<TimeseriesRow> Reader::timeseries(const std::vector<std::string>& names) const {
  const hid_t f = impl_->file.id();
  const std::string& file = impl_->path();
  const auto time = h5io::read<double>(f, file, "/timeseries/time");
  const auto tick = h5io::read<std::int64_t>(f, file, "/timeseries/tick");
  if (tick.size() != time.size()) throw OutputError(file + ": /timeseries/time and /timeseries/tick differ in length");
  std::vector<TimeseriesRow> rows(time.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].time_days = time[i];
    rows[i].tick = tick[i];
    rows[i].values.reserve(names.size());
  }
  for (const auto& name : names) {
    std::vector<double> col(rows.size());
    h5io::read_raw(f, file, "/timeseries/" + name, H5T_NATIVE_DOUBLE, col.size(), col.data());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].values.emplace_back(name, col[i]);
  }
  return rows;
}

std::vector<PitEvent> Reader::pit_events() const {
  const hid_t f = impl_->file.id();
  const std::string& file = impl_->path();
  const std::string g = "/pits/events/";
  const std::size_t n = h5io::size(f, file, g + "osteoclast_id");
  std::vector<PitEvent> ev(n);
  auto col = [&](const char* name, auto member) {
    using T = std::decay_t<decltype(ev[0].*member)>;
    std::vector<T> v(n);
    h5io::read_raw(f, file, g + name, h5io::mem_type<T>(), n, v.data());
    for (std::size_t i = 0; i < n; ++i) ev[i].*member = v[i];
  };
  col("osteoclast_id", &PitEvent::osteoclast_id);
  col("start_tick", &PitEvent::start_tick);
  col("end_tick", &PitEvent::end_tick);
  col("x_um", &PitEvent::x_um);
  col("y_um", &PitEvent::y_um);
  col("z_um", &PitEvent::z_um);
  col("volume_um3", &PitEvent::volume_um3);
  col("max_depth_um", &PitEvent::max_depth_um);
  col("lineage", &PitEvent::lineage);
  col("max_nuclei", &PitEvent::max_nuclei);
  return ev;
}

std::vector<std::int64_t> Reader::snapshot_ticks() const {
  std::vector<std::int64_t> ticks;
  for (const auto& name : impl_->file.children("/snapshots")) ticks.push_back(std::stoll(name));
  return ticks;  // names are zero-padded, so name order is tick order
}

Snapshot Reader::snapshot(std::int64_t tick, const Snapshot& layout) const {
  const Impl& m = *impl_;
  const hid_t f = m.file.id();
  const std::string& file = m.path();
  char buf[40];
  std::snprintf(buf, sizeof buf, "/snapshots/%09lld", static_cast<long long>(tick));
  const std::string g = buf;
  Snapshot s;
  s.tick = m.integer(g, "tick");
  s.time_days = m.number(g, "time_days");
  s.grid.nx = int(m.number(g, "nx"));
  s.grid.ny = int(m.number(g, "ny"));
  s.grid.nz = int(m.number(g, "nz"));
  s.grid.voxel_um = m.number(g, "voxel_um");
  for (const auto& [name, unused] : layout.volumes)
    s.volumes.emplace_back(name, h5io::read<float>(f, file, g + "/" + name));
  for (const auto& [name, unused] : layout.fields)
    s.fields.emplace_back(name, h5io::read<float>(f, file, g + "/fields/" + name));
  for (const auto& [name, unused] : layout.agent_ints)
    s.agent_ints.emplace_back(name, h5io::read<std::int64_t>(f, file, g + "/agents/" + name));
  for (const auto& [name, unused] : layout.agent_floats)
    s.agent_floats.emplace_back(name, h5io::read<float>(f, file, g + "/agents/" + name));
  return s;
}

}  // namespace marrow::ckpt
