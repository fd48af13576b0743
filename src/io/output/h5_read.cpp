// Read-only access to a run file for `marrow info` (see h5_read.hpp).
#include "h5_read.hpp"

#include <cstdio>
#include <filesystem>

#include "marrow/output.hpp"

namespace marrow::h5 {

Reader::Reader(const std::string& path) : path_(path) {
  quiet_errors();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw OutputError(path + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw OutputError(path + ": is a folder, not an HDF5 file");
  htri_t is_h5 = H5Fis_hdf5(path.c_str());
  if (is_h5 < 0) fail(path, "cannot read the file");
  if (is_h5 == 0) {
    error_detail();  // clear the stack
    throw OutputError(path + ": not an HDF5 file (no HDF5 signature; is it a Marrow run file?)");
  }
  file_ = file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), path,
                      "cannot open the HDF5 file (truncated or corrupt?)");
}

bool Reader::exists(const std::string& obj) const {
  if (obj == "/") return true;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = obj.find('/', pos + 1);
    htri_t e = H5Lexists(file_, obj.substr(0, pos).c_str(), H5P_DEFAULT);
    if (e < 0) fail(path_, "cannot look up " + obj);
    if (e == 0) return false;
  }
  return true;
}

bool Reader::has_attr(const std::string& obj, const std::string& name) const {
  htri_t e = H5Aexists_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT);
  if (e < 0) fail(path_, "cannot look up attribute " + name + " of " + obj);
  return e > 0;
}

std::string Reader::attr_text(const std::string& obj, const std::string& name) const {
  const std::string what = "attribute " + name + " of " + obj;
  Handle a = attr_handle(H5Aopen_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), path_,
                         "cannot open " + what);
  Handle t = type_handle(H5Aget_type(a), path_, "cannot read the type of " + what);
  H5T_class_t cls = H5Tget_class(t);
  if (cls == H5T_STRING) {
    if (H5Tis_variable_str(t) > 0) {
      Handle mt = type_handle(H5Tcopy(H5T_C_S1), path_, "cannot create string type");
      check(H5Tset_size(mt, H5T_VARIABLE), path_, "cannot create string type");
      check(H5Tset_cset(mt, H5Tget_cset(t)), path_, "cannot create string type");
      char* s = nullptr;
      check(H5Aread(a, mt, &s), path_, "cannot read " + what);
      std::string out = s ? s : "";
      H5free_memory(s);
      return out;
    }
    std::string buf(H5Tget_size(t), '\0');
    check(H5Aread(a, t, buf.data()), path_, "cannot read " + what);
    return buf.substr(0, buf.find('\0'));
  }
  if (cls == H5T_INTEGER) {
    char buf[32];
    if (H5Tget_sign(t) == H5T_SGN_NONE) {
      unsigned long long v = 0;
      check(H5Aread(a, H5T_NATIVE_ULLONG, &v), path_, "cannot read " + what);
      std::snprintf(buf, sizeof buf, "%llu", v);
    } else {
      long long v = 0;
      check(H5Aread(a, H5T_NATIVE_LLONG, &v), path_, "cannot read " + what);
      std::snprintf(buf, sizeof buf, "%lld", v);
    }
    return buf;
  }
  if (cls == H5T_FLOAT) {
    double v = 0;
    check(H5Aread(a, H5T_NATIVE_DOUBLE, &v), path_, "cannot read " + what);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
  }
  return "(unreadable type)";
}

std::optional<double> Reader::attr_number(const std::string& obj, const std::string& name) const {
  if (!has_attr(obj, name)) return std::nullopt;
  Handle a = attr_handle(H5Aopen_by_name(file_, obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT), path_,
                         "cannot open attribute " + name);
  Handle t = type_handle(H5Aget_type(a), path_, "cannot read the type of attribute " + name);
  H5T_class_t cls = H5Tget_class(t);
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) return std::nullopt;
  double v = 0;
  check(H5Aread(a, H5T_NATIVE_DOUBLE, &v), path_, "cannot read attribute " + name + " of " + obj);
  return v;
}

std::vector<std::string> Reader::children(const std::string& group) const {
  Handle g = group_handle(H5Gopen2(file_, group.c_str(), H5P_DEFAULT), path_, "cannot open group " + group);
  H5G_info_t info;
  check(H5Gget_info(g, &info), path_, "cannot list group " + group);
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    ssize_t n = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (n < 0) fail(path_, "cannot list group " + group);
    std::string name(std::size_t(n) + 1, '\0');
    if (H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT) < 0)
      fail(path_, "cannot list group " + group);
    name.resize(std::size_t(n));
    names.push_back(name);
  }
  return names;
}

std::vector<hsize_t> Reader::shape(const std::string& dset) const {
  Handle d = dataset_handle(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), path_, "cannot open dataset " + dset);
  Handle s = space_handle(H5Dget_space(d), path_, "cannot read the shape of " + dset);
  int rank = H5Sget_simple_extent_ndims(s);
  if (rank < 0) fail(path_, "cannot read the shape of " + dset);
  std::vector<hsize_t> dims(std::size_t(rank), 0);
  if (rank > 0) check(H5Sget_simple_extent_dims(s, dims.data(), nullptr), path_, "cannot read the shape of " + dset);
  return dims;
}

std::string Reader::type_name(const std::string& dset) const {
  Handle d = dataset_handle(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), path_, "cannot open dataset " + dset);
  Handle t = type_handle(H5Dget_type(d), path_, "cannot read the type of " + dset);
  std::string bits = std::to_string(8 * H5Tget_size(t));
  switch (H5Tget_class(t)) {
    case H5T_FLOAT: return "float" + bits;
    case H5T_INTEGER: return (H5Tget_sign(t) == H5T_SGN_NONE ? "uint" : "int") + bits;
    case H5T_STRING: return "string";
    default: return "other";
  }
}

double Reader::element(const std::string& dset, hsize_t index) const {
  Handle d = dataset_handle(H5Dopen2(file_, dset.c_str(), H5P_DEFAULT), path_, "cannot open dataset " + dset);
  Handle fs = space_handle(H5Dget_space(d), path_, "cannot read the shape of " + dset);
  hsize_t one = 1;
  check(H5Sselect_hyperslab(fs, H5S_SELECT_SET, &index, nullptr, &one, nullptr), path_, "cannot select in " + dset);
  Handle ms = space_handle(H5Screate_simple(1, &one, nullptr), path_, "cannot create memory dataspace");
  double v = 0;
  check(H5Dread(d, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, &v), path_, "cannot read " + dset);
  return v;
}

void Reader::walk(const std::string& group, const std::function<void(const std::string&)>& visit,
                  const std::function<bool(const std::string&)>& skip) const {
  for (const auto& name : children(group)) {
    std::string p = (group == "/" ? "/" : group + "/") + name;
    H5O_type_t type = H5O_TYPE_UNKNOWN;
    {
      Handle o{check_id(H5Oopen(file_, p.c_str(), H5P_DEFAULT), path_, "cannot open " + p), H5Oclose};
      H5I_type_t it = H5Iget_type(o);
      type = it == H5I_GROUP ? H5O_TYPE_GROUP : it == H5I_DATASET ? H5O_TYPE_DATASET : H5O_TYPE_UNKNOWN;
    }
    if (type == H5O_TYPE_GROUP && !skip(p)) walk(p, visit, skip);
    if (type == H5O_TYPE_DATASET) visit(p);
  }
}

}  // namespace marrow::h5
