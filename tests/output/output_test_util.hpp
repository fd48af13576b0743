#pragma once
// Shared fixtures of the output tests: a small run (5x4x3 grid, four rows, two snapshots, pit events)
// and independent readers built directly on the HDF5 C API, so that the tests do not trust the
// library's own reading code.
#include <hdf5.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "marrow/output.hpp"

namespace test_output {

namespace fs = std::filesystem;

// A fresh, empty folder for one test, removed afterwards (kept if MARROW_KEEP_TEST_FILES is set).
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("marrow-test-output-" + std::to_string(::getpid()) + "-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    if (!std::getenv("MARROW_KEEP_TEST_FILES")) fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

inline marrow::GridSpec small_grid() {
  marrow::GridSpec g;
  g.nx = 5;
  g.ny = 4;
  g.nz = 3;
  g.voxel_um = 10.0;
  return g;
}

inline marrow::RunMetadata small_meta() {
  marrow::RunMetadata m;
  m.marrow_version = "0.1.0";
  m.git_revision = "abc123";
  m.experiment = "test-experiment";
  m.arm = "control";
  m.replicate = 2;
  m.seed = 18446744073709551557ull;  // needs all 64 bits
  m.base_seed = 42;
  m.threads = 2;
  m.start_time = "2024-01-02T03:04:05Z";
  m.config_yaml = "grid:\n  nx: 5\n  ny: 4\n  nz: 3\n";
  m.tick_hours = 1.0;
  m.units = {{"timeseries/counts/osteoclast", "1"},
             {"timeseries/bone/volume", "um^3"},
             {"snapshots/*/bone", "1"},
             {"snapshots/*/pits", "1"},
             {"snapshots/*/fields/rankl", "pM"},
             {"snapshots/*/fields/*", "nM"},      // less specific than the rankl entry
             {"snapshots/*/agents/ag*", "day"},   // a pattern within one component
             {"snapshots/*/agents/x", "voxel"}};
  return m;
}

inline marrow::Snapshot small_snapshot(std::int64_t tick, int n_agents) {
  marrow::Snapshot s;
  s.tick = tick;
  s.time_days = double(tick) / 24.0;
  s.grid = small_grid();
  std::vector<float> bone(s.grid.size()), pits(s.grid.size()), rankl(s.grid.size());
  for (std::size_t i = 0; i < bone.size(); ++i) {
    bone[i] = float(i) + float(tick);  // distinct values reveal any transposition
    pits[i] = (i % 7 == 0) ? 0.5f : 0.0f;
    rankl[i] = 0.25f * float(i);
  }
  s.volumes = {{"bone", bone}, {"pits", pits}};
  s.fields = {{"rankl", rankl}};
  std::vector<std::int64_t> id, x;
  std::vector<float> age;
  for (int a = 0; a < n_agents; ++a) {
    id.push_back(100 + a);
    x.push_back(a % 5);
    age.push_back(1.5f * float(a));
  }
  s.agent_ints = {{"id", id}, {"x", x}};
  s.agent_floats = {{"age", age}};
  return s;
}

inline marrow::TimeseriesRow small_row(std::int64_t tick) {
  marrow::TimeseriesRow r;
  r.tick = tick;
  r.time_days = double(tick) / 24.0;
  r.values = {{"counts/osteoclast", double(tick) / 10.0},
              {"counts/osteoblast", 3.0},
              {"bone/volume", 6000.0 - double(tick)}};
  return r;
}

inline marrow::PitEvent small_pit(int k) {
  marrow::PitEvent p;
  p.osteoclast_id = 1000 + k;
  p.start_tick = 10 * k;
  p.end_tick = 10 * k + 50;
  p.x_um = 1.0 * k;
  p.y_um = 2.0 * k;
  p.z_um = 3.0 * k;
  p.volume_um3 = 100.0 * k;
  p.max_depth_um = 5.0 + k;
  p.lineage = k % 2;
  p.max_nuclei = 3 + k;
  return p;
}

// The standard small run: rows at ticks 0, 240, 480, 720; snapshots at 0 (4 agents) and 720 (no
// agents); pits added before and after the first snapshot. finish() only if asked.
inline void write_small_run(const std::string& path, bool finish) {
  marrow::RunWriter w(path, small_meta());
  w.append(small_row(0));
  w.add_pit_event(small_pit(1));
  w.write_snapshot(small_snapshot(0, 4));
  for (std::int64_t t : {240, 480, 720}) w.append(small_row(t));
  w.add_pit_event(small_pit(2));
  w.add_pit_event(small_pit(3));
  w.write_snapshot(small_snapshot(720, 0));
  if (finish) w.finish();
}

// ---- independent readers (HDF5 C API) ----

struct H5File {
  hid_t id;
  explicit H5File(const std::string& path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (id < 0) throw std::runtime_error("test: cannot open " + path);
  }
  ~H5File() { H5Fclose(id); }
  H5File(const H5File&) = delete;
  H5File& operator=(const H5File&) = delete;
};

inline bool has_link(hid_t f, const std::string& path) {
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    if (H5Lexists(f, path.substr(0, pos).c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return true;
}

inline std::string attr_string(hid_t f, const std::string& obj, const std::string& name) {
  hid_t a = H5Aopen_by_name(f, obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
  if (a < 0) throw std::runtime_error("test: no attribute " + name + " on " + obj);
  hid_t t = H5Aget_type(a);
  bool ok = H5Tget_class(t) == H5T_STRING && H5Tis_variable_str(t) > 0 && H5Tget_cset(t) == H5T_CSET_UTF8;
  H5Tclose(t);
  if (!ok) {
    H5Aclose(a);
    throw std::runtime_error("test: attribute " + name + " is not a variable-length UTF-8 string");
  }
  hid_t mt = H5Tcopy(H5T_C_S1);
  H5Tset_size(mt, H5T_VARIABLE);
  H5Tset_cset(mt, H5T_CSET_UTF8);
  char* s = nullptr;
  H5Aread(a, mt, &s);
  std::string out = s ? s : "";
  H5free_memory(s);
  H5Tclose(mt);
  H5Aclose(a);
  return out;
}

template <class T>
T attr_number(hid_t f, const std::string& obj, const std::string& name, hid_t mem_type) {
  hid_t a = H5Aopen_by_name(f, obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
  if (a < 0) throw std::runtime_error("test: no attribute " + name + " on " + obj);
  T v{};
  H5Aread(a, mem_type, &v);
  H5Aclose(a);
  return v;
}
inline std::int64_t attr_int(hid_t f, const std::string& obj, const std::string& name) {
  return attr_number<std::int64_t>(f, obj, name, H5T_NATIVE_INT64);
}

inline std::vector<hsize_t> dims(hid_t f, const std::string& dset) {
  hid_t d = H5Dopen2(f, dset.c_str(), H5P_DEFAULT);
  if (d < 0) throw std::runtime_error("test: no dataset " + dset);
  hid_t s = H5Dget_space(d);
  std::vector<hsize_t> out(std::size_t(H5Sget_simple_extent_ndims(s)));
  H5Sget_simple_extent_dims(s, out.data(), nullptr);
  H5Sclose(s);
  H5Dclose(d);
  return out;
}

template <class T>
std::vector<T> read(hid_t f, const std::string& dset, hid_t mem_type) {
  hsize_t n = 1;
  for (auto d : dims(f, dset)) n *= d;
  std::vector<T> v(n);
  hid_t d = H5Dopen2(f, dset.c_str(), H5P_DEFAULT);
  if (n > 0 && H5Dread(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) < 0)
    throw std::runtime_error("test: cannot read " + dset);
  H5Dclose(d);
  return v;
}

// The dataset's raw bytes in its file type, and a description of the type.
inline std::string raw_bytes(hid_t f, const std::string& dset) {
  hid_t d = H5Dopen2(f, dset.c_str(), H5P_DEFAULT);
  hid_t t = H5Dget_type(d);
  hsize_t n = 1;
  for (auto x : dims(f, dset)) n *= x;
  std::string buf(n * H5Tget_size(t), '\0');
  if (n > 0) H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
  std::string desc = std::to_string(H5Tget_class(t)) + "/" + std::to_string(H5Tget_size(t)) + ":";
  H5Tclose(t);
  H5Dclose(d);
  return desc + buf;
}

// Every object path below group (groups and datasets), depth first in name order.
inline void walk(hid_t f, const std::string& group, std::vector<std::string>& groups, std::vector<std::string>& dsets) {
  hid_t g = H5Gopen2(f, group.c_str(), H5P_DEFAULT);
  H5G_info_t info;
  H5Gget_info(g, &info);
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    char name[512];
    H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, name, sizeof name, H5P_DEFAULT);
    std::string p = (group == "/" ? "/" : group + "/") + name;
    hid_t o = H5Oopen(f, p.c_str(), H5P_DEFAULT);
    H5I_type_t type = H5Iget_type(o);
    H5Oclose(o);
    if (type == H5I_GROUP) {
      groups.push_back(p);
      walk(f, p, groups, dsets);
    } else if (type == H5I_DATASET) {
      dsets.push_back(p);
    }
  }
  H5Gclose(g);
}

// The modification time HDF5 stored for an object (0 when time tracking is off).
inline long long object_mtime(hid_t f, const std::string& path) {
  H5O_info_t info{};
#if H5_VERSION_GE(1, 12, 0)
  H5O_info2_t info2{};
  H5Oget_info_by_name3(f, path.c_str(), &info2, H5O_INFO_TIME, H5P_DEFAULT);
  return (long long)info2.mtime + (long long)info2.ctime + (long long)info2.btime;
#else
  H5Oget_info_by_name2(f, path.c_str(), &info, H5O_INFO_TIME, H5P_DEFAULT);
  return (long long)info.mtime + (long long)info.ctime + (long long)info.btime;
#endif
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace test_output
