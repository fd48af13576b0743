// Stop handlers for walltime signals (signals.hpp).
#include "signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <initializer_list>

namespace marrow::hpc {
namespace {

volatile sig_atomic_t g_signal = 0;

void say(const char* text) {
  const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
  (void)ignored;
}

void on_stop_signal(int sig) {
  if (g_signal != 0) {
    say("marrow: second signal: stopping now (the last checkpoint is intact)\n");
    ::_exit(128 + sig);
  }
  g_signal = sig;
  say("marrow: signal received: finishing this tick, then writing a checkpoint (signal again to stop at once)\n");
}

}  // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (int sig : {SIGTERM, SIGINT, SIGUSR1}) sigaction(sig, &sa, nullptr);
}

int stop_signal() { return g_signal; }

}  // namespace marrow::hpc
