// The MPI scheduler of `marrow sweep` (mpi_sweep.hpp). Messages: a worker sends RESULT (a finished,
// failed, interrupted or skipped run; the first one, index -1, just says it is ready); rank 0 answers
// with CONTROL carrying the next run index, kExit (no more work) or kStopNow (a signal: checkpoint the
// current run and stop). Workers poll for kStopNow after every tick. Only the calling thread uses MPI.
#include "../mpi_sweep.hpp"

#include <cstdlib>
#include <stdexcept>

#ifdef MARROW_HAVE_MPI
#include <mpi.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <thread>

#include "../signals.hpp"
#include "io/checkpoint/run_files.hpp"
#include "marrow/config.hpp"
#include "marrow/output.hpp"
#endif

namespace marrow::hpc {

bool launched_under_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(v)) return true;
  return false;
}

#ifndef MARROW_HAVE_MPI

bool mpi_built_in() { return false; }

int run_sweep_mpi(const std::vector<RunSpec>&, const RunOptions&, const std::function<int()>&,
                  const std::function<void(const BatchResult&)>&) {
  throw std::runtime_error("this marrow was built without MPI; run the sweep with --index or as a Slurm array");
}

#else

bool mpi_built_in() { return true; }

namespace {

constexpr int kTagResult = 1, kTagControl = 2;
constexpr int kExit = -1, kStopNow = -2;

struct Result {
  std::int32_t index = -1;  // -1: ready for work
  std::int32_t status = 0;  // RunStatus
  char message[480] = {};
};

struct Session {
  Session() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  }
  ~Session() { MPI_Finalize(); }
};

int exit_status(const BatchResult& r) { return r.interrupted ? kExitStopped : r.failed > 0 ? 1 : 0; }

int worker(const std::vector<RunSpec>& runs, RunOptions opt) {
  // Stop on a signal of our own or when rank 0 says so (checked between ticks).
  bool told_to_stop = false;
  auto stop_message = [&] {
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(0, kTagControl, MPI_COMM_WORLD, &flag, &st);
    if (flag) {
      int v = 0;
      MPI_Recv(&v, 1, MPI_INT, 0, kTagControl, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (v == kStopNow) told_to_stop = true;  // nothing else is sent while a run is going
    }
    return told_to_stop;
  };
  opt.stop_requested = [&] { return stop_requested() || stop_message(); };
  opt.progress_on_terminal = false;
  Result res;
  for (;;) {
    MPI_Send(&res, sizeof res, MPI_BYTE, 0, kTagResult, MPI_COMM_WORLD);
    int v = kStopNow;
    while (v == kStopNow) MPI_Recv(&v, 1, MPI_INT, 0, kTagControl, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (v == kExit) break;
    res = Result{};
    res.index = v;
    if (stop_requested() || told_to_stop) {  // stopping: do not start another run
      res.status = int(RunStatus::Interrupted);
      continue;
    }
    try {
      const BatchResult r = run_batch({runs[std::size_t(v)]}, opt);
      res.status = int(r.interrupted ? RunStatus::Interrupted
                       : r.failed    ? RunStatus::Failed
                       : r.skipped   ? RunStatus::Skipped
                                     : RunStatus::Finished);
      if (!r.failures.empty()) std::strncpy(res.message, r.failures.front().second.c_str(), sizeof res.message - 1);
    } catch (const std::exception& e) {
      res.status = int(RunStatus::Failed);
      std::strncpy(res.message, e.what(), sizeof res.message - 1);
      spdlog::error("{} failed: {}", runs[std::size_t(v)].name, e.what());
    }
  }
  int status = 0;
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return status;
}

BatchResult scheduler(const std::vector<RunSpec>& runs, const RunOptions& opt, int size) {
  BatchResult total;
  std::deque<int> pending;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (opt.resume && ckpt::is_finished_output(output_path(opt.out_dir, runs[i]))) {
      ++total.skipped;
      continue;
    }
    pending.push_back(int(i));
  }
  spdlog::info("{} run(s) to do over {} worker rank(s); {} already finished", pending.size(), size - 1, total.skipped);
  std::vector<int> busy(std::size_t(size), -1);  // run index per rank
  int active = size - 1;
  bool stopping = false;
  auto stop_all = [&](const char* why) {
    stopping = true;
    spdlog::warn("{}: asking every busy rank to checkpoint its run and stop", why);
    for (int w = 1; w < size; ++w)
      if (busy[std::size_t(w)] >= 0) {
        int v = kStopNow;
        MPI_Send(&v, 1, MPI_INT, w, kTagControl, MPI_COMM_WORLD);
      }
  };
  while (active > 0) {
    if (!stopping && stop_requested()) stop_all("signal");
    int flag = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, kTagResult, MPI_COMM_WORLD, &flag, &st);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    Result res;
    MPI_Recv(&res, sizeof res, MPI_BYTE, st.MPI_SOURCE, kTagResult, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const int w = st.MPI_SOURCE;
    busy[std::size_t(w)] = -1;
    if (res.index >= 0) {
      const std::string& name = runs[std::size_t(res.index)].name;
      switch (RunStatus(res.status)) {
        case RunStatus::Finished:
          ++total.finished;
          spdlog::info("rank {}: {} finished", w, name);
          break;
        case RunStatus::Skipped:
          ++total.skipped;
          break;
        case RunStatus::Failed:
          ++total.failed;
          total.failures.emplace_back(name, res.message);
          spdlog::error("rank {}: {} failed: {}", w, name, res.message);
          break;
        case RunStatus::Interrupted:
          total.interrupted = true;
          spdlog::warn("rank {}: {} stopped (checkpoint written)", w, name);
          if (!stopping) stop_all("a rank was stopped");
          break;
      }
    }
    int v = kExit;
    if (!stopping && !pending.empty()) {
      v = pending.front();
      pending.pop_front();
      busy[std::size_t(w)] = v;
    } else {
      --active;
    }
    MPI_Send(&v, 1, MPI_INT, w, kTagControl, MPI_COMM_WORLD);
  }
  if (stopping && !pending.empty()) total.interrupted = true;
  return total;
}

}  // namespace

int run_sweep_mpi(const std::vector<RunSpec>& runs, const RunOptions& opt, const std::function<int()>& prepare,
                  const std::function<void(const BatchResult&)>& collect) {
  Session session;
  install_stop_handlers();  // after MPI_Init, so that ours are the handlers in place
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  spdlog::set_pattern("[%Y-%m-%d %H:%M:%S] [rank " + std::to_string(rank) + "] [%l] %v");
  int status = 0;
  if (rank == 0) {
    // An exception stops the other ranks with the status main() will give it, then propagates here.
    auto stop_others = [&](int code) {
      MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
      throw;
    };
    try {
      status = prepare();
    } catch (const ConfigError&) {
      stop_others(2);
    } catch (const OutputError&) {
      stop_others(74);
    } catch (...) {
      stop_others(1);
    }
  }
  // A failed preparation stops every rank with rank 0's status (ConfigError etc. are re-thrown on rank 0).
  MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (status != 0) return status;
  if (rank != 0) return worker(runs, opt);
  try {
    BatchResult total;
    if (size == 1) {
      RunOptions o = opt;
      o.stop_requested = [] { return stop_requested(); };
      total = run_batch(runs, o);
    } else {
      total = scheduler(runs, opt, size);
    }
    collect(total);
    status = exit_status(total);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  if (size > 1) MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return status;
}

#endif

}  // namespace marrow::hpc
