#pragma once
// Field solvers for solving independent fields at the same time (Simulation::diffuse). A task leases a
// solver, making one if none is free, and returns it when done. Which solver a task gets does not change
// its result: a solver's workspace holds only what the grid and bone mask determine, and scratch that
// every solve overwrites, so the fields are bit-identical however the tasks are scheduled.
#include <memory>
#include <mutex>
#include <vector>

#include "marrow/diffusion.hpp"

namespace marrow {

class SolverPool {
 public:
  explicit SolverPool(double tolerance) : tolerance_(tolerance) {}

  template <class F>
  decltype(auto) with_solver(F&& f) {
    std::unique_ptr<SteadyStateSolver> s;
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        s = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (!s) s = std::make_unique<SteadyStateSolver>(tolerance_);
    struct Return {
      SolverPool& pool;
      std::unique_ptr<SteadyStateSolver>& solver;
      ~Return() {
        std::lock_guard lock(pool.mutex_);
        pool.free_.push_back(std::move(solver));
      }
    } give_back{*this, s};
    return f(*s);
  }

 private:
  double tolerance_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<SteadyStateSolver>> free_;
};

}  // namespace marrow
