#pragma once
// Reading side of the HDF5 helpers, for `marrow info`: attributes of any scalar type as text,
// dataset shapes and types, and a walk over every dataset. All failures throw OutputError naming
// the file.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "h5_handles.hpp"

namespace marrow::h5 {

class Reader {
 public:
  explicit Reader(const std::string& path);  // opens read-only; errors say missing / not HDF5 / corrupt

  const std::string& path() const { return path_; }
  hid_t id() const { return file_; }
  bool exists(const std::string& obj) const;
  bool has_attr(const std::string& obj, const std::string& name) const;

  // A scalar attribute as text (strings verbatim, integers exactly, floats with %g).
  std::string attr_text(const std::string& obj, const std::string& name) const;
  std::optional<double> attr_number(const std::string& obj, const std::string& name) const;

  std::vector<std::string> children(const std::string& group) const;  // link names, in name order
  std::vector<hsize_t> shape(const std::string& dset) const;
  std::string type_name(const std::string& dset) const;  // "float32", "int64", "string", ...
  double element(const std::string& dset, hsize_t index) const;  // one element of a 1-D dataset

  // Calls visit(path) for every dataset below group (depth first, names in order), skipping the
  // groups for which skip(path) is true.
  void walk(const std::string& group, const std::function<void(const std::string&)>& visit,
            const std::function<bool(const std::string&)>& skip) const;

 private:
  std::string path_;
  Handle file_;
};

}  // namespace marrow::h5
