#pragma once
// Deterministic fault injection for the interrupt-and-resume tests (tests/hpc, docs/hpc.md).
//
// MARROW_FAULT=PHASE@TICK[:ACTION][/RUN] makes the process hurt itself when it reaches the named point
// of the run RUN (a file stem such as "ovx_r0"; any run when omitted) at tick TICK:
//   phases   tick (after the tick's step, before it is recorded), snapshot (inside a snapshot write,
//            half of its datasets written), checkpoint (inside a checkpoint write, half of the state
//            written to the temporary file), checkpoint-rename (temporary file complete, not renamed),
//            finish (output renamed into place, checkpoint not yet removed)
//   actions  kill (default: SIGKILL, as a node failure or `kill -9`), term / int / usr1 (that signal
//            once), term2 (SIGTERM twice: the second one stops at once), fail (throw: a failed run)
// Unset, it costs one getenv at the first call. Header-only so that the output library and the runner
// share it without a link dependency.
#include <signal.h>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace marrow::fault {

struct Spec {
  bool armed = false;
  std::string phase, action = "kill", run;
  std::int64_t tick = -1;
};

inline Spec parse(const char* text) {
  Spec s;
  if (!text || !*text) return s;
  std::string t = text;
  if (auto slash = t.find('/'); slash != std::string::npos) {
    s.run = t.substr(slash + 1);
    t.resize(slash);
  }
  if (auto colon = t.find(':'); colon != std::string::npos) {
    s.action = t.substr(colon + 1);
    t.resize(colon);
  }
  const auto at = t.find('@');
  if (at == std::string::npos) return s;
  s.phase = t.substr(0, at);
  s.tick = std::strtoll(t.c_str() + at + 1, nullptr, 10);
  s.armed = true;
  return s;
}

// The run being computed on this thread of control (set by the runner; "" outside a run).
inline std::string& current_run() {
  static std::string run;
  return run;
}

inline const Spec& spec() {
  static const Spec s = parse(std::getenv("MARROW_FAULT"));
  return s;
}

// Called at each named point; does nothing unless MARROW_FAULT names this phase, tick and run.
inline void point(const char* phase, std::int64_t tick) {
  const Spec& s = spec();
  if (!s.armed || s.tick != tick || s.phase != phase) return;
  if (!s.run.empty() && s.run != current_run()) return;
  if (s.action == "fail")
    throw std::runtime_error("injected failure (MARROW_FAULT) at " + s.phase + "@" + std::to_string(tick));
  if (s.action == "term")
    raise(SIGTERM);
  else if (s.action == "int")
    raise(SIGINT);
  else if (s.action == "usr1")
    raise(SIGUSR1);
  else if (s.action == "term2") {
    raise(SIGTERM);
    raise(SIGTERM);
  } else
    raise(SIGKILL);
}

}  // namespace marrow::fault
