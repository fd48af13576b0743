#pragma once
// Compares every dataset under the given groups of two HDF5 files, byte for byte.
#include <hdf5.h>

#include <string>
#include <vector>

namespace marrow::test {

struct H5Diff {
  std::size_t compared = 0;
  std::vector<std::string> differing;
};

namespace detail {
inline herr_t collect(hid_t, const char* name, const H5O_info_t* info, void* data) {
  if (info->type == H5O_TYPE_DATASET) static_cast<std::vector<std::string>*>(data)->push_back(name);
  return 0;
}
inline std::vector<char> read_all(hid_t file, const std::string& path) {
  const hid_t d = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
  if (d < 0) return {};
  const hid_t type = H5Dget_type(d), space = H5Dget_space(d);
  const hid_t mem = H5Tget_native_type(type, H5T_DIR_DEFAULT);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::vector<char> buf(static_cast<std::size_t>(n) * H5Tget_size(mem) + 1, 0);
  if (n > 0) H5Dread(d, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
  H5Tclose(mem);
  H5Sclose(space);
  H5Tclose(type);
  H5Dclose(d);
  return buf;
}
}  // namespace detail

inline H5Diff compare_h5(const std::string& a, const std::string& b, const std::vector<std::string>& groups) {
  H5Diff diff;
  const hid_t fa = H5Fopen(a.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), fb = H5Fopen(b.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (fa < 0 || fb < 0) {
    diff.differing.push_back("cannot open " + a + " or " + b);
    return diff;
  }
  for (const std::string& g : groups) {
    std::vector<std::string> na, nb;
    if (H5Lexists(fa, g.c_str(), H5P_DEFAULT) > 0) H5Ovisit_by_name2(fa, g.c_str(), H5_INDEX_NAME, H5_ITER_INC, detail::collect, &na, H5O_INFO_BASIC, H5P_DEFAULT);
    if (H5Lexists(fb, g.c_str(), H5P_DEFAULT) > 0) H5Ovisit_by_name2(fb, g.c_str(), H5_INDEX_NAME, H5_ITER_INC, detail::collect, &nb, H5O_INFO_BASIC, H5P_DEFAULT);
    if (na != nb) diff.differing.push_back(g + ": different dataset lists");
    for (const std::string& n : na) {
      const std::string path = g + "/" + n;
      ++diff.compared;
      if (detail::read_all(fa, path) != detail::read_all(fb, path)) diff.differing.push_back(path);
    }
  }
  H5Fclose(fa);
  H5Fclose(fb);
  return diff;
}

}  // namespace marrow::test
