// RAII handles and error translation for every HDF5 call of the output library.
#include "h5_handles.hpp"

#include <atomic>
#include <cstdlib>

#include "marrow/output.hpp"

namespace marrow::h5 {

namespace {
// HDF5 1.10 frees a file whose close failed (e.g. on a full disk) but keeps its identifier, and its
// own exit handler then crashes on it (HDFFV-11052, fixed in HDF5 1.14.1). So the library's exit
// handler is replaced by one that calls H5close() only while no file close has failed; the
// failure itself has already been reported as an OutputError.
std::atomic<bool> g_file_close_failed{false};
void close_library_at_exit() {
  if (!g_file_close_failed) H5close();
}
[[maybe_unused]] const bool g_exit_handler_installed = [] {
  // Only possible before HDF5 initialises; otherwise HDF5 keeps its own handler.
  return H5dont_atexit() >= 0 && std::atexit(close_library_at_exit) == 0;
}();
}  // namespace

void note_failed_file_close() { g_file_close_failed = true; }

herr_t Handle::close() {
  herr_t status = 0;
  if (id_ >= 0 && closer_) status = closer_(id_);
  id_ = -1;
  return status;
}

void Handle::reset() noexcept {
  if (id_ >= 0 && closer_) closer_(id_);
  id_ = -1;
}

void quiet_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

namespace {
herr_t innermost(unsigned n, const H5E_error2_t* err, void* data) {
  // Walking upward, entry 0 is the most specific error (e.g. "errno = 28, No space left on device").
  if (n == 0 && err && err->desc) *static_cast<std::string*>(data) = err->desc;
  return 0;
}
}  // namespace

std::string error_detail() {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &detail);
  H5Eclear2(H5E_DEFAULT);
  return detail;
}

void fail(const std::string& file, const std::string& what) {
  std::string detail = error_detail();
  std::string msg = file + ": " + what;
  if (!detail.empty()) msg += " (HDF5: " + detail + ")";
  throw OutputError(msg);
}

hid_t check_id(hid_t id, const std::string& file, const std::string& what) {
  if (id < 0) fail(file, what);
  return id;
}

herr_t check(herr_t status, const std::string& file, const std::string& what) {
  if (status < 0) fail(file, what);
  return status;
}

Handle file_handle(hid_t id, const std::string& f, const std::string& w) { return {check_id(id, f, w), H5Fclose}; }
Handle group_handle(hid_t id, const std::string& f, const std::string& w) { return {check_id(id, f, w), H5Gclose}; }
Handle dataset_handle(hid_t id, const std::string& f, const std::string& w) { return {check_id(id, f, w), H5Dclose}; }
Handle space_handle(hid_t id, const std::string& f, const std::string& w) { return {check_id(id, f, w), H5Sclose}; }
Handle type_handle(hid_t id, const std::string& f, const std::string& w) { return {check_id(id, f, w), H5Tclose}; }
Handle plist_handle(hid_t id, const std::string& f, const std::string& w) { return {check_id(id, f, w), H5Pclose}; }
Handle attr_handle(hid_t id, const std::string& f, const std::string& w) { return {check_id(id, f, w), H5Aclose}; }

}  // namespace marrow::h5
