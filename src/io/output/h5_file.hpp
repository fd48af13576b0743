#pragma once
// A writable HDF5 file with the few operations the run writer needs: groups, attributes,
// extendible 1-D series that grow by appending, and compressed N-D arrays. Every group and
// dataset is created without time stamps and with the HDF5 1.8 file format, so equal data gives
// equal files and any HDF5 >= 1.8 reader (h5py, ParaView) can open them.
#include <cstdint>
#include <string>
#include <vector>

#include "h5_handles.hpp"

namespace marrow::h5 {

class File {
 public:
  // Creates (truncates) the file at path; errors name that path.
  explicit File(const std::string& path);
  ~File();  // closes if still open (errors ignored; use close() to see them)
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  const std::string& path() const { return path_; }
  bool exists(const std::string& obj) const;  // group or dataset at an absolute path

  // Creates every missing group along an absolute path ("/a/b/c").
  void ensure_group(const std::string& group);

  // Scalar attributes on the object at obj ("/" for the root); an existing attribute is overwritten.
  void attr_string(const std::string& obj, const std::string& name, const std::string& value);
  void attr_int64(const std::string& obj, const std::string& name, std::int64_t value);
  void attr_uint64(const std::string& obj, const std::string& name, std::uint64_t value);
  void attr_double(const std::string& obj, const std::string& name, double value);

  // An empty, chunked 1-D dataset of unlimited length (creates parent groups).
  void create_series(const std::string& dset, hid_t file_type);
  // Appends n elements of mem_type to an existing series.
  void append(const std::string& dset, hid_t mem_type, const void* data, std::size_t n);

  // A dataset of fixed shape written at once; compressed (shuffle + gzip 1) in chunks when
  // compress is true and it holds any data, contiguous otherwise.
  void write_array(const std::string& dset, hid_t file_type, hid_t mem_type, const std::vector<hsize_t>& dims,
                   const void* data, bool compress);

  // Throws OutputError when the file system holding the file has fewer than bytes free, so that a
  // full disk is reported before HDF5 fails half-way through a write.
  void require_space(std::uintmax_t bytes, const std::string& what) const;

  void flush();
  void close();  // reports a failed close (e.g. a full disk) as OutputError

 private:
  void write_attr(const std::string& obj, const std::string& name, hid_t file_type, hid_t mem_type,
                  const void* value);
  Handle dataset_plist() const;

  std::string path_;
  Handle file_;
};

// The parent of an absolute object path ("/a/b/c" -> "/a/b"; "/a" -> "/").
std::string parent_path(const std::string& obj);

}  // namespace marrow::h5
