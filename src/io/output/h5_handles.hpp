#pragma once
// RAII ownership of HDF5 identifiers, and the one place where a failed HDF5 call becomes an
// OutputError naming the file, what failed and HDF5's own innermost reason (the automatic error
// stack printing is switched off, so these messages are the only ones a user sees).
#include <hdf5.h>

#include <string>
#include <utility>

namespace marrow::h5 {

using Closer = herr_t (*)(hid_t);

// Owns one identifier and closes it with the matching H5?close on destruction.
class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~Handle() { reset(); }
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, -1)), closer_(o.closer_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, -1);
      closer_ = o.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  operator hid_t() const { return id_; }  // NOLINT: pass straight to HDF5 calls
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  herr_t close();          // closes now and returns HDF5's status (for error reporting)
  void reset() noexcept;   // closes now, ignoring errors (destructors, unwinding)

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

// Records that closing a file failed (see h5_handles.cpp: HDF5 1.10 then must not clean up at exit).
void note_failed_file_close();

// Switches off HDF5's printing of its error stack to stderr (for this thread).
void quiet_errors();

// The innermost message of the current HDF5 error stack ("" if none); clears the stack.
std::string error_detail();

// Throws OutputError "<file>: <what> (HDF5: <detail>)".
[[noreturn]] void fail(const std::string& file, const std::string& what);

// Throw via fail() when an HDF5 call returned a negative id or status.
hid_t check_id(hid_t id, const std::string& file, const std::string& what);
herr_t check(herr_t status, const std::string& file, const std::string& what);

// Wrap a checked id in a Handle with the right closer.
Handle file_handle(hid_t id, const std::string& file, const std::string& what);
Handle group_handle(hid_t id, const std::string& file, const std::string& what);
Handle dataset_handle(hid_t id, const std::string& file, const std::string& what);
Handle space_handle(hid_t id, const std::string& file, const std::string& what);
Handle type_handle(hid_t id, const std::string& file, const std::string& what);
Handle plist_handle(hid_t id, const std::string& file, const std::string& what);
Handle attr_handle(hid_t id, const std::string& file, const std::string& what);

}  // namespace marrow::h5
