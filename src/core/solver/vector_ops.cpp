// Whole-vector operations of conjugate gradients. Reductions cut the index range into blocks fixed by the
// vector length alone (simple_partitioner, fixed grain) and join the partial sums in a fixed tree, so dot
// products are bit-identical for any number of threads.
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>

#include "multigrid.hpp"

namespace marrow::solver_detail {

namespace {

constexpr std::size_t kGrain = 8192;
using Range = tbb::blocked_range<std::size_t>;

template <class F>
double reduce(std::size_t n, F&& f) {
  return tbb::parallel_deterministic_reduce(
      Range(0, n, kGrain), 0.0,
      [&](const Range& r, double acc) {
        // Four independent chains (fixed by the index), so the loop is not bound by one add's latency.
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        std::size_t i = r.begin();
        for (; i + 4 <= r.end(); i += 4) {
          s0 += f(i);
          s1 += f(i + 1);
          s2 += f(i + 2);
          s3 += f(i + 3);
        }
        for (; i != r.end(); ++i) s0 += f(i);
        return acc + ((s0 + s1) + (s2 + s3));
      },
      [](double a, double b) { return a + b; }, tbb::simple_partitioner());
}

template <class F>
void for_each(std::size_t n, F&& f) {
  tbb::parallel_for(Range(0, n, kGrain), [&](const Range& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
  });
}

}  // namespace

double dot(const double* a, const double* b, std::size_t n) {
  return reduce(n, [=](std::size_t i) { return a[i] * b[i]; });
}

double update_solution(double* x, double* r, const double* p, const double* q, double alpha, std::size_t n) {
  return reduce(n, [=](std::size_t i) {
    x[i] += alpha * p[i];
    const double ri = r[i] - alpha * q[i];
    r[i] = ri;
    return ri * ri;
  });
}

void update_direction(double* p, const double* z, double beta, std::size_t n) {
  for_each(n, [=](std::size_t i) { p[i] = z[i] + beta * p[i]; });
}

}  // namespace marrow::solver_detail
