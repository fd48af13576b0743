#pragma once
// The few raw HDF5 operations the checkpoint needs on a file it opened itself: scalar attributes,
// whole 1-D datasets of any column type, and reading them back. Errors throw OutputError (through the
// output library's handle helpers).
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "../output/h5_handles.hpp"

namespace marrow::ckpt::h5io {

// Memory and file types of each column element type (file types little-endian, as in the output).
template <class T>
hid_t mem_type() {
  if constexpr (std::is_same_v<T, float>)
    return H5T_NATIVE_FLOAT;
  else if constexpr (std::is_same_v<T, double>)
    return H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, std::uint8_t>)
    return H5T_NATIVE_UINT8;
  else if constexpr (std::is_same_v<T, std::uint16_t>)
    return H5T_NATIVE_UINT16;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, std::uint64_t>)
    return H5T_NATIVE_UINT64;
  else
    static_assert(sizeof(T) == 0, "no HDF5 type for this column type");
}
template <class T>
hid_t file_type() {
  if constexpr (std::is_same_v<T, float>)
    return H5T_IEEE_F32LE;
  else if constexpr (std::is_same_v<T, double>)
    return H5T_IEEE_F64LE;
  else if constexpr (std::is_same_v<T, std::uint8_t>)
    return H5T_STD_U8LE;
  else if constexpr (std::is_same_v<T, std::uint16_t>)
    return H5T_STD_U16LE;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return H5T_STD_I32LE;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return H5T_STD_I64LE;
  else if constexpr (std::is_same_v<T, std::uint64_t>)
    return H5T_STD_U64LE;
  else
    static_assert(sizeof(T) == 0, "no HDF5 type for this column type");
}

void attr_string(hid_t obj, const std::string& file, const std::string& name, const std::string& value);
void attr_int64(hid_t obj, const std::string& file, const std::string& name, std::int64_t value);
void attr_double(hid_t obj, const std::string& file, const std::string& name, double value);

// A 1-D dataset written at once (chunked and compressed when large).
void write_raw(hid_t loc, const std::string& file, const std::string& name, hid_t ftype, hid_t mtype, std::size_t n,
               const void* data);
template <class T>
void write(hid_t loc, const std::string& file, const std::string& name, const std::vector<T>& v) {
  write_raw(loc, file, name, file_type<T>(), mem_type<T>(), v.size(), v.data());
}

// Number of elements of a dataset at an absolute path; reads it whole into memory of mem type.
std::size_t size(hid_t f, const std::string& file, const std::string& path);
void read_raw(hid_t f, const std::string& file, const std::string& path, hid_t mtype, std::size_t n, void* out);
template <class T>
std::vector<T> read(hid_t f, const std::string& file, const std::string& path) {
  std::vector<T> v(size(f, file, path));
  read_raw(f, file, path, mem_type<T>(), v.size(), v.data());
  return v;
}
bool exists(hid_t f, const std::string& path);

}  // namespace marrow::ckpt::h5io
