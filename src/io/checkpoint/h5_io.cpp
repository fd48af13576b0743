// Raw HDF5 helpers of the checkpoint (see h5_io.hpp).
#include "h5_io.hpp"

#include <algorithm>

#include "marrow/output.hpp"

namespace marrow::ckpt::h5io {

using namespace marrow::h5;

namespace {
void write_attr(hid_t obj, const std::string& file, const std::string& name, hid_t ftype, hid_t mtype,
                const void* value) {
  if (H5Aexists(obj, name.c_str()) > 0) check(H5Adelete(obj, name.c_str()), file, "cannot replace attribute " + name);
  Handle space = space_handle(H5Screate(H5S_SCALAR), file, "cannot create a scalar dataspace");
  Handle a = attr_handle(H5Acreate2(obj, name.c_str(), ftype, space, H5P_DEFAULT, H5P_DEFAULT), file,
                         "cannot create attribute " + name);
  check(H5Awrite(a, mtype, value), file, "cannot write attribute " + name);
}
}  // namespace

void attr_string(hid_t obj, const std::string& file, const std::string& name, const std::string& value) {
  Handle t = type_handle(H5Tcopy(H5T_C_S1), file, "cannot create a string type");
  check(H5Tset_size(t, H5T_VARIABLE), file, "cannot create a string type");
  check(H5Tset_cset(t, H5T_CSET_UTF8), file, "cannot create a string type");
  const char* p = value.c_str();
  write_attr(obj, file, name, t, t, &p);
}

void attr_int64(hid_t obj, const std::string& file, const std::string& name, std::int64_t value) {
  write_attr(obj, file, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void attr_double(hid_t obj, const std::string& file, const std::string& name, double value) {
  write_attr(obj, file, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void write_raw(hid_t loc, const std::string& file, const std::string& name, hid_t ftype, hid_t mtype, std::size_t n,
               const void* data) {
  const hsize_t dims = n;
  Handle space = space_handle(H5Screate_simple(1, &dims, nullptr), file, "cannot create a dataspace for " + name);
  Handle dcpl = plist_handle(H5Pcreate(H5P_DATASET_CREATE), file, "cannot create a property list");
  check(H5Pset_obj_track_times(dcpl, 0), file, "cannot disable time stamps");
  constexpr std::size_t kCompressFrom = 4096;  // bone masks and agent columns compress well; small ones need not
  if (n >= kCompressFrom) {
    const hsize_t chunk = std::min<hsize_t>(n, 1 << 18);
    check(H5Pset_chunk(dcpl, 1, &chunk), file, "cannot set the chunk size of " + name);
    check(H5Pset_shuffle(dcpl), file, "cannot set the shuffle filter of " + name);
    check(H5Pset_deflate(dcpl, 1), file, "cannot set the compression of " + name);
  }
  Handle d = dataset_handle(H5Dcreate2(loc, name.c_str(), ftype, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), file,
                            "cannot create dataset " + name);
  if (n > 0) check(H5Dwrite(d, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file, "cannot write dataset " + name);
}

bool exists(hid_t f, const std::string& path) {
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    if (H5Lexists(f, path.substr(0, pos).c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return true;
}

std::size_t size(hid_t f, const std::string& file, const std::string& path) {
  if (!exists(f, path)) throw OutputError(file + ": " + path + " is missing");
  Handle d = dataset_handle(H5Dopen2(f, path.c_str(), H5P_DEFAULT), file, "cannot open " + path);
  Handle s = space_handle(H5Dget_space(d), file, "cannot read the shape of " + path);
  const hssize_t n = H5Sget_simple_extent_npoints(s);
  if (n < 0) fail(file, "cannot read the shape of " + path);
  return std::size_t(n);
}

void read_raw(hid_t f, const std::string& file, const std::string& path, hid_t mtype, std::size_t n, void* out) {
  if (size(f, file, path) != n)
    throw OutputError(file + ": " + path + " has " + std::to_string(size(f, file, path)) + " values, expected " +
                      std::to_string(n));
  if (n == 0) return;
  Handle d = dataset_handle(H5Dopen2(f, path.c_str(), H5P_DEFAULT), file, "cannot open " + path);
  check(H5Dread(d, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, out), file, "cannot read " + path);
}

}  // namespace marrow::ckpt::h5io
