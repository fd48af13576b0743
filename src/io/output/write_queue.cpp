// The run writer's background thread (write_queue.hpp).
#include "write_queue.hpp"

#include <stdexcept>
#include <utility>

namespace marrow::output_detail {

WriteQueue::WriteQueue(std::size_t max_waiting)
    : max_waiting_(max_waiting < 1 ? 1 : max_waiting), thread_([this] { loop(); }) {}

WriteQueue::~WriteQueue() { stop(); }

void WriteQueue::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping, and everything posted has run
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    const bool run = !error_;
    running_ = true;
    changed_.notify_all();  // room for one more
    lock.unlock();
    std::exception_ptr failure;
    if (run) {
      try {
        job();
      } catch (...) {
        failure = std::current_exception();
      }
    }
    job = nullptr;  // free what the job held (a snapshot) before reporting idleness
    lock.lock();
    running_ = false;
    if (failure && !error_) error_ = failure;
    changed_.notify_all();
  }
}

void WriteQueue::post(std::function<void()> job) {
  std::unique_lock lock(mutex_);
  if (stopping_) throw std::logic_error("WriteQueue::post() after stop()");
  changed_.wait(lock, [&] { return jobs_.size() < max_waiting_; });
  jobs_.push_back(std::move(job));
  work_.notify_one();
}

void WriteQueue::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return jobs_.empty() && !running_; });
}

void WriteQueue::stop() noexcept {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  work_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool WriteQueue::failed() const {
  std::lock_guard lock(mutex_);
  return error_ != nullptr;
}

std::exception_ptr WriteQueue::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace marrow::output_detail
