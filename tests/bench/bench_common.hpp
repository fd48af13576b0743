#pragma once
// Shared by the benchmarks: wall clock, peak memory, a STREAM-like triad on the same threads, and the
// final table every benchmark prints.
#include <sys/resource.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace marrow::bench {

inline double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;  // Linux: KiB
}

// Triad a = b + s*c over n doubles, best of `reps`, in GB/s counting 3 x 8 bytes per element
// (STREAM's convention: no write-allocate traffic counted).
inline double triad_gbs(std::size_t n, int reps) {
  std::vector<double> a(n), b(n, 1.0), c(n, 2.0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) a[i] = 0.0;
  });
  double best = 1e30;
  for (int k = 0; k < reps; ++k) {
    const double t0 = now_s();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1 << 14), [&](const auto& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) a[i] = b[i] + 3.0 * c[i];
    });
    best = std::min(best, now_s() - t0);
  }
  volatile double sink = a[n / 2];
  (void)sink;
  return 3.0 * 8.0 * n / best / 1e9;
}

// FNV-1a over raw bytes, continuing from h: a bit-exact fingerprint of results (e.g. to show that
// the thread count does not change them).
constexpr std::uint64_t kFnv1aStart = 0xcbf29ce484222325ull;
inline std::uint64_t fnv1a(const void* data, std::size_t bytes, std::uint64_t h = kFnv1aStart) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

struct Table {
  std::vector<std::pair<std::string, std::string>> rows;
  void add(const std::string& k, double v, const char* fmt = "%.4g") {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    rows.emplace_back(k, buf);
  }
  void add(const std::string& k, const std::string& v) { rows.emplace_back(k, v); }
  void print(const std::string& title) const {
    std::printf("\n| %s | value |\n|---|---|\n", title.c_str());
    for (const auto& [k, v] : rows) std::printf("| %s | %s |\n", k.c_str(), v.c_str());
  }
};

}  // namespace marrow::bench
