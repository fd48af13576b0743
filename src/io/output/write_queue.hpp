#pragma once
// One background thread that runs jobs one at a time, in the order they were posted: the run
// writer's HDF5 work (docs/output-format.md, "Writing in the background"). HDF5 is built without
// thread safety, so the owner makes every other HDF5 call of its own only while the queue is idle
// (after wait()).
//
// The first job that throws is kept: the jobs after it are dropped, and failed()/error() report it,
// so that the owner can rethrow it at its next call.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace marrow::output_detail {

class WriteQueue {
 public:
  // At most max_waiting posted jobs wait to start (the running one not counted); post() blocks beyond.
  explicit WriteQueue(std::size_t max_waiting);
  ~WriteQueue();  // stop()
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  void post(std::function<void()> job);  // not after stop()
  void wait();  // until every posted job has run or been dropped; afterwards the thread is idle
  void stop() noexcept;  // runs (or drops) what was posted, then joins; idempotent

  bool failed() const;
  std::exception_ptr error() const;

 private:
  void loop();

  const std::size_t max_waiting_;
  mutable std::mutex mutex_;
  std::condition_variable work_;     // the thread waits for jobs or stop
  std::condition_variable changed_;  // posters and waiters wait for room or idleness
  std::deque<std::function<void()>> jobs_;
  bool running_ = false, stopping_ = false;
  std::exception_ptr error_;
  std::thread thread_;  // last: started once everything above is constructed
};

}  // namespace marrow::output_detail
