// Writing side of the HDF5 helpers: groups, attributes, series and arrays without time stamps.
#include "h5_file.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "marrow/output.hpp"

namespace marrow::h5 {

namespace {
constexpr hsize_t kSeriesChunk = 256;        // elements per chunk of an appended 1-D series
constexpr hsize_t kArrayChunkElems = 1 << 16;  // upper bound on elements per chunk of an array
// Level 1 (with shuffle): on a 200x200x25 snapshot (17 float32 volumes, 164k agents x 56 columns, 114 MB
// raw) it compresses 25-30% faster than level 4 for a file 3% larger (22.5 vs 21.8 MB).
constexpr unsigned kGzipLevel = 1;

// Chunk shape: the whole array, halving its largest dimension until the chunk is small enough.
std::vector<hsize_t> chunk_dims(const std::vector<hsize_t>& dims) {
  std::vector<hsize_t> c = dims;
  for (auto& d : c) d = std::max<hsize_t>(d, 1);
  auto product = [&] {
    hsize_t p = 1;
    for (auto d : c) p *= d;
    return p;
  };
  while (product() > kArrayChunkElems) {
    auto it = std::max_element(c.begin(), c.end());
    *it = (*it + 1) / 2;
  }
  return c;
}
}  // namespace

std::string parent_path(const std::string& obj) {
  auto pos = obj.find_last_of('/');
  if (pos == std::string::npos || pos == 0) return "/";
  return obj.substr(0, pos);
}

File::File(const std::string& path) : path_(path) {
  quiet_errors();
  Handle fcpl = plist_handle(H5Pcreate(H5P_FILE_CREATE), path_, "cannot create file property list");
  check(H5Pset_obj_track_times(fcpl, 0), path_, "cannot disable time stamps of the root group");
  Handle fapl = plist_handle(H5Pcreate(H5P_FILE_ACCESS), path_, "cannot create file access property list");
  check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18), path_, "cannot select the HDF5 1.8 format");
  check(H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG), path_, "cannot set the close degree");
  file_ = file_handle(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, fcpl, fapl), path_,
                      "cannot create the output file (does the folder exist and is it writable?)");
}

File::~File() {
  if (file_.valid() && file_.close() < 0) note_failed_file_close();
}

void File::require_space(std::uintmax_t bytes, const std::string& what) const {
  std::error_code ec;
  auto dir = std::filesystem::absolute(path_, ec).parent_path();
  auto info = std::filesystem::space(dir, ec);
  if (ec) return;  // unknown: let HDF5 report any failure
  if (info.available < bytes) {
    constexpr double MiB = 1024.0 * 1024.0;
    char buf[160];
    std::snprintf(buf, sizeof buf, "not enough disk space for %s (needs up to %.1f MiB, %.1f MiB free)",
                  what.c_str(), double(bytes) / MiB, double(info.available) / MiB);
    throw OutputError(path_ + ": " + buf);
  }
}

bool File::exists(const std::string& obj) const {
  if (obj == "/") return true;
  // Check each link along the path: H5Lexists fails on a missing intermediate group.
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = obj.find('/', pos + 1);
    std::string prefix = obj.substr(0, pos);
    htri_t e = H5Lexists(file_, prefix.c_str(), H5P_DEFAULT);
    if (e < 0) fail(path_, "cannot check whether " + prefix + " exists");
    if (e == 0) return false;
  }
  return true;
}

void File::ensure_group(const std::string& group) {
  if (exists(group)) return;
  std::string parent = parent_path(group);
  if (parent != "/") ensure_group(parent);
  Handle gcpl = plist_handle(H5Pcreate(H5P_GROUP_CREATE), path_, "cannot create group property list");
  check(H5Pset_obj_track_times(gcpl, 0), path_, "cannot disable time stamps of " + group);
  group_handle(H5Gcreate2(file_, group.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), path_,
               "cannot create group " + group);
}

void File::write_attr(const std::string& obj, const std::string& name, hid_t file_type, hid_t mem_type,
                      const void* value) {
  const std::string what = "attribute " + name + " of " + obj;
  htri_t e = H5Aexists_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT);
  if (e < 0) fail(path_, "cannot check " + what);
  Handle attr;
  if (e > 0) {
    attr = attr_handle(H5Aopen_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), path_,
                       "cannot open " + what);
  } else {
    Handle space = space_handle(H5Screate(H5S_SCALAR), path_, "cannot create dataspace for " + what);
    attr = attr_handle(H5Acreate_by_name(file_, obj.c_str(), name.c_str(), file_type, space, H5P_DEFAULT,
                                         H5P_DEFAULT, H5P_DEFAULT),
                       path_, "cannot create " + what);
  }
  check(H5Awrite(attr, mem_type, value), path_, "cannot write " + what);
  check(attr.close(), path_, "cannot close " + what);
}

void File::attr_string(const std::string& obj, const std::string& name, const std::string& value) {
  // Variable-length UTF-8, so that h5py returns str rather than bytes.
  Handle type = type_handle(H5Tcopy(H5T_C_S1), path_, "cannot create string type");
  check(H5Tset_size(type, H5T_VARIABLE), path_, "cannot create string type");
  check(H5Tset_cset(type, H5T_CSET_UTF8), path_, "cannot create string type");
  const char* ptr = value.c_str();
  write_attr(obj, name, type, type, &ptr);
}

void File::attr_int64(const std::string& obj, const std::string& name, std::int64_t value) {
  write_attr(obj, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void File::attr_uint64(const std::string& obj, const std::string& name, std::uint64_t value) {
  write_attr(obj, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value);
}

void File::attr_double(const std::string& obj, const std::string& name, double value) {
  write_attr(obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

Handle File::dataset_plist() const {
  Handle dcpl = plist_handle(H5Pcreate(H5P_DATASET_CREATE), path_, "cannot create dataset property list");
  check(H5Pset_obj_track_times(dcpl, 0), path_, "cannot disable dataset time stamps");
  return dcpl;
}

void File::create_series(const std::string& dset, hid_t file_type) {
  ensure_group(parent_path(dset));
  hsize_t dims = 0, maxdims = H5S_UNLIMITED, chunk = kSeriesChunk;
  Handle space = space_handle(H5Screate_simple(1, &dims, &maxdims), path_, "cannot create dataspace for " + dset);
  Handle dcpl = dataset_plist();
  check(H5Pset_chunk(dcpl, 1, &chunk), path_, "cannot set chunking of " + dset);
  dataset_handle(H5Dcreate2(file_, dset.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), path_,
                 "cannot create dataset " + dset);
}

void File::append(const std::string& dset, hid_t mem_type, const void* data, std::size_t n) {
  if (n == 0) return;
  Handle d = dataset_handle(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), path_, "cannot open dataset " + dset);
  Handle old_space = space_handle(H5Dget_space(d), path_, "cannot read the shape of " + dset);
  hsize_t old_n = 0;
  check(H5Sget_simple_extent_dims(old_space, &old_n, nullptr), path_, "cannot read the shape of " + dset);
  hsize_t new_n = old_n + n, count = n;
  check(H5Dset_extent(d, &new_n), path_, "cannot extend dataset " + dset);
  Handle fspace = space_handle(H5Dget_space(d), path_, "cannot read the shape of " + dset);
  check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, &old_n, nullptr, &count, nullptr), path_,
        "cannot select the tail of " + dset);
  Handle mspace = space_handle(H5Screate_simple(1, &count, nullptr), path_, "cannot create memory dataspace");
  check(H5Dwrite(d, mem_type, mspace, fspace, H5P_DEFAULT, data), path_, "cannot append to dataset " + dset);
  check(d.close(), path_, "cannot close dataset " + dset);
}

void File::write_array(const std::string& dset, hid_t file_type, hid_t mem_type, const std::vector<hsize_t>& dims,
                       const void* data, bool compress) {
  ensure_group(parent_path(dset));
  hsize_t total = 1;
  for (auto d : dims) total *= d;
  Handle space = space_handle(H5Screate_simple(int(dims.size()), dims.data(), nullptr), path_,
                              "cannot create dataspace for " + dset);
  Handle dcpl = dataset_plist();
  if (compress && total > 0) {
    auto chunk = chunk_dims(dims);
    check(H5Pset_chunk(dcpl, int(chunk.size()), chunk.data()), path_, "cannot set chunking of " + dset);
    check(H5Pset_shuffle(dcpl), path_, "cannot set the shuffle filter of " + dset);
    check(H5Pset_deflate(dcpl, kGzipLevel), path_, "cannot set gzip compression of " + dset);
  }
  Handle d = dataset_handle(H5Dcreate2(file_, dset.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                            path_, "cannot create dataset " + dset);
  if (total > 0) check(H5Dwrite(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), path_, "cannot write " + dset);
  check(d.close(), path_, "cannot close dataset " + dset);
}

void File::flush() { check(H5Fflush(file_, H5F_SCOPE_LOCAL), path_, "cannot flush the file to disk"); }

void File::close() {
  if (!file_.valid()) return;
  if (file_.close() < 0) {
    note_failed_file_close();
    fail(path_, "cannot close the file (is the disk full?)");
  }
}

}  // namespace marrow::h5
