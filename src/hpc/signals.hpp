#pragma once
// Walltime signals (docs/hpc.md): SIGTERM, SIGINT and SIGUSR1 ask the program to finish the current
// tick, write a checkpoint, flush the output and exit 75; a second signal ends it at once with exit
// 128 + signal (143 for SIGTERM), which still leaves the last checkpoint readable because checkpoints
// are only ever renamed into place when complete.
namespace marrow::hpc {

inline constexpr int kExitStopped = 75;  // EX_TEMPFAIL: stopped after writing a checkpoint; resume later

// Installs the handlers (idempotent). The handler only records the signal (async-signal-safe).
void install_stop_handlers();
// The first stop signal received, or 0.
int stop_signal();
inline bool stop_requested() { return stop_signal() != 0; }

}  // namespace marrow::hpc
