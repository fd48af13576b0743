// Bandwidth probe: STREAM-like triad on the same oneTBB threads the simulator uses, on arrays far
// larger than the last-level cache and on arrays of a given working-set size, so that every benchmark
// figure can be given as a fraction of what the machine allows at that size.
//   bandwidth_probe [--threads N] [--working-set-mb M]
#include <tbb/global_control.h>

#include <tbb/info.h>

#include <cstdlib>
#include <memory>
#include <cstring>

#include "bench_common.hpp"

int main(int argc, char** argv) {
  int threads = 0;
  double ws_mb = 24;  // anchor1's three float fields are 12 MB; a double pair of them 24 MB
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--working-set-mb")) ws_mb = std::atof(argv[i + 1]);
  }
  std::unique_ptr<tbb::global_control> gc;
  if (threads > 0) gc = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, threads);
  marrow::bench::Table t;
  t.add("threads", threads > 0 ? threads : double(tbb::info::default_concurrency()), "%.0f");
  const std::size_t big = std::size_t(1) << 27;  // 3 x 1 GiB: far beyond any last-level cache
  t.add("triad, 3 GiB arrays (GB/s)", marrow::bench::triad_gbs(big, 5));
  const std::size_t ws = static_cast<std::size_t>(ws_mb * 1e6 / 24);
  t.add("triad, " + std::to_string(ws_mb).substr(0, 5) + " MB working set (GB/s)", marrow::bench::triad_gbs(ws, 20));
  t.print("bandwidth probe");
  return 0;
}
