#pragma once
// `marrow sweep` under mpirun (docs/hpc.md): rank 0 hands out run indices to the other ranks as they
// become free (dynamic, so slow runs do not stall the rest), records what each run did and writes the
// summary; every rank writes its runs' own serial HDF5 files. MPI is initialised only here, so plain
// runs never need mpirun. Built into the marrow program only (src/hpc/mpi/), when CMake finds MPI.
#include <functional>
#include <vector>

#include "marrow/runner.hpp"

namespace marrow::hpc {

// True when the environment says this process is one rank of an MPI job (mpirun or srun).
bool launched_under_mpi();
// True when this marrow was built with MPI.
bool mpi_built_in();

// Runs `runs` over the ranks of MPI_COMM_WORLD and returns the exit status, the same on every rank:
// 0 all finished, 1 some failed, 75 stopped by a signal (checkpoints written), or what `prepare` returned.
// `prepare` runs on rank 0 before any run (checks and bookkeeping; a non-zero status stops every rank);
// `collect` runs on rank 0 after the last run. With one rank, rank 0 runs everything itself.
int run_sweep_mpi(const std::vector<RunSpec>& runs, const RunOptions& options, const std::function<int()>& prepare,
                  const std::function<void(const BatchResult&)>& collect);

}  // namespace marrow::hpc
