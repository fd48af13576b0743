#pragma once
// anchor1: the grid and the implicit LOD diffusion solver (backward Euler split into x, y, z; Thomas
// algorithm with constant coefficients; one third of the decay in each direction), float fields.
//
// Schedule of one step (two passes over each field, so each voxel is read and written twice):
//  1. per z plane (160 KB, stays in L2): the x sweep, then the y sweep;
//  2. per tile of 4 y rows x 25 planes (80 KB, stays in L2): the z sweep.
// The x sweep runs along contiguous memory, one serial recurrence per line; it is solved for 8 lines
// (AVX2) or 16 lines (AVX-512) at once by transposing 8 x 8 blocks in registers, and several such
// groups are eliminated side by side so that the chains' latencies overlap. The y and z sweeps run
// across x and vectorise as they stand.
// Results are bit-identical for any thread count (each task owns whole planes or tiles, and every
// voxel sees the same operations in the same order). They differ in the last bits between machines
// with and without FMA: GCC contracts a * b - c into one instruction where the clone's target has it.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

namespace anchor1 {

constexpr int NX = 200, NY = 200, NZ = 25;
constexpr std::size_t PLANE = std::size_t(NX) * NY;
constexpr std::size_t N = PLANE * NZ;
constexpr double H = 10.0, DT = 0.01;
constexpr int Z_TILE_ROWS = 4;  // 4 rows x 25 planes x 4 bytes = 80 KB per z tile (4 measured best)
static_assert(NX % 8 == 0 && NY % 8 == 0 && NY % Z_TILE_ROWS == 0);

// The sweeps' kernels are compiled for AVX-512, AVX2 and baseline x86-64, chosen when the program
// starts: the build uses no -march, and the same binary must run on any x86-64 (baseline x86-64 runs
// the 8-lane shuffles as several SSE instructions each: correct, several times slower). AVX-512 and
// AVX2 give the same bits.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define ANCHOR1_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define ANCHOR1_CLONES
#endif
#define ANCHOR1_INLINE [[gnu::always_inline]] inline

// A float field, 64-byte aligned so that every row (800 bytes) starts on a 32-byte boundary.
struct Field {
  struct Free {
    void operator()(float* p) const { std::free(p); }
  };
  std::unique_ptr<float[], Free> data;
  explicit Field(float init)
      : data(static_cast<float*>(std::aligned_alloc(64, N * sizeof(float)))) {
    if (!data) throw std::bad_alloc();
    std::fill(data.get(), data.get() + N, init);
  }
  float* get() const { return data.get(); }
};

// Thomas coefficients of the constant tridiagonal matrix of one direction, in the form
//   forward  y[i] = x[i] * im[i] - aim[i] * y[i-1]     (aim[0] = 0)
//   backward x[i] = y[i] - cp[i] * x[i+1]              (cp[n-1] = 0)
// so that the first and last element need no special case.
struct Thomas {
  std::vector<float> im, aim, cp;
  Thomas(int n, double D, double decay) : im(n), aim(n), cp(n) {
    const double k = DT * D / (H * H), third = DT * decay / 3.0;
    double prev_cp = 0;
    for (int i = 0; i < n; ++i) {
      const double diag = 1.0 + third + (n == 1 ? 0.0 : (i == 0 || i == n - 1) ? k : 2 * k);
      const double m = diag + (i > 0 ? k * prev_cp : 0.0);  // diag - a * cp[i-1], a = -k
      im[i] = static_cast<float>(1.0 / m);
      aim[i] = i > 0 ? static_cast<float>(-k / m) : 0.0f;
      prev_cp = -k / m;
      cp[i] = i < n - 1 ? static_cast<float>(prev_cp) : 0.0f;
    }
  }
};

namespace lod {

// The vector helpers are always inlined, so GCC's note that passing vectors without AVX changes the
// ABI is moot (not popped: template instances are diagnosed at the end of the file that includes this).
#pragma GCC diagnostic ignored "-Wpsabi"

using v8 = float __attribute__((vector_size(32)));   // 8 lanes: AVX, or 2 SSE registers
using v16 = float __attribute__((vector_size(64)));  // 16 lanes: AVX-512
template <class V>
constexpr int kLanes = sizeof(V) / sizeof(float);

ANCHOR1_INLINE v8 load8(const float* p) {
  v8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
ANCHOR1_INLINE void store8(float* p, v8 v) { std::memcpy(p, &v, sizeof v); }

// Row k of a group of kLanes<V> rows, columns [c, c + 8): a v16 carries rows k and k + 8 in its halves.
template <class V>
ANCHOR1_INLINE V load_rows(const float* rows, int k, int c) {
  if constexpr (kLanes<V> == 8)
    return load8(rows + k * NX + c);
  else
    return __builtin_shufflevector(load8(rows + k * NX + c), load8(rows + (k + 8) * NX + c), 0, 1, 2, 3, 4, 5,
                                   6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}
template <class V>
ANCHOR1_INLINE void store_rows(float* rows, int k, int c, V v) {
  if constexpr (kLanes<V> == 8) {
    store8(rows + k * NX + c, v);
  } else {
    store8(rows + k * NX + c, __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7));
    store8(rows + (k + 8) * NX + c, __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15));
  }
}

// In-register 8 x 8 transpose (r[k] row k -> r[k] column k), in each 8-lane half for v16; each
// shuffle is one instruction (unpcklps/unpckhps, shufps, then vperm2f128 or vpermt2ps).
#define ANCHOR1_SHUF(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
ANCHOR1_INLINE void transpose8(v8 (&r)[8]) {
  v8 t[8], u[8];
  for (int k = 0; k < 8; k += 2) {
    t[k] = ANCHOR1_SHUF(r[k], r[k + 1], 0, 8, 1, 9, 4, 12, 5, 13);
    t[k + 1] = ANCHOR1_SHUF(r[k], r[k + 1], 2, 10, 3, 11, 6, 14, 7, 15);
  }
  for (int k = 0; k < 8; k += 4)
    for (int h = 0; h < 2; ++h) {
      u[k + 2 * h] = ANCHOR1_SHUF(t[k + h], t[k + h + 2], 0, 1, 8, 9, 4, 5, 12, 13);
      u[k + 2 * h + 1] = ANCHOR1_SHUF(t[k + h], t[k + h + 2], 2, 3, 10, 11, 6, 7, 14, 15);
    }
  for (int k = 0; k < 4; ++k) {
    r[k] = ANCHOR1_SHUF(u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
    r[k + 4] = ANCHOR1_SHUF(u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
  }
}
ANCHOR1_INLINE void transpose8(v16 (&r)[8]) {
  v16 t[8], u[8];
  for (int k = 0; k < 8; k += 2) {
    t[k] = ANCHOR1_SHUF(r[k], r[k + 1], 0, 16, 1, 17, 4, 20, 5, 21, 8, 24, 9, 25, 12, 28, 13, 29);
    t[k + 1] = ANCHOR1_SHUF(r[k], r[k + 1], 2, 18, 3, 19, 6, 22, 7, 23, 10, 26, 11, 27, 14, 30, 15, 31);
  }
  for (int k = 0; k < 8; k += 4)
    for (int h = 0; h < 2; ++h) {
      u[k + 2 * h] = ANCHOR1_SHUF(t[k + h], t[k + h + 2], 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
      u[k + 2 * h + 1] =
          ANCHOR1_SHUF(t[k + h], t[k + h + 2], 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
    }
  for (int k = 0; k < 4; ++k) {
    r[k] = ANCHOR1_SHUF(u[k], u[k + 4], 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
    r[k + 4] = ANCHOR1_SHUF(u[k], u[k + 4], 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
  }
}
#undef ANCHOR1_SHUF

// x sweep of G groups of kLanes<V> consecutive rows (stride NX), in place; buf holds G x NX vectors.
// The groups' recurrences are independent, so interleaving them hides each chain's latency.
template <class V, int G>
ANCHOR1_INLINE void x_rows(float* rows, const Thomas& t, V* buf) {
  constexpr int L = kLanes<V>;
  V carry[G] = {};
  for (int j = 0; j < NX / 8; ++j)
    for (int g = 0; g < G; ++g) {
      V r[8];
      for (int k = 0; k < 8; ++k) r[k] = load_rows<V>(rows + g * L * NX, k, 8 * j);
      transpose8(r);
      for (int k = 0; k < 8; ++k) {
        const int i = 8 * j + k;
        carry[g] = r[k] * t.im[i] - t.aim[i] * carry[g];
        buf[g * NX + i] = carry[g];
      }
    }
  for (int g = 0; g < G; ++g) carry[g] = V{};
  for (int j = NX / 8 - 1; j >= 0; --j)
    for (int g = 0; g < G; ++g) {
      V r[8];
      for (int k = 7; k >= 0; --k) {
        const int i = 8 * j + k;
        carry[g] = buf[g * NX + i] - t.cp[i] * carry[g];
        r[k] = carry[g];
      }
      transpose8(r);
      for (int k = 0; k < 8; ++k) store_rows<V>(rows + g * L * NX, k, 8 * j, r[k]);
    }
}

ANCHOR1_INLINE void forward_row(float* __restrict row, const float* __restrict prev, float im, float aim, int n) {
  for (int x = 0; x < n; ++x) row[x] = row[x] * im - aim * prev[x];
}
ANCHOR1_INLINE void backward_row(float* __restrict row, const float* __restrict next, float cp, int n) {
  for (int x = 0; x < n; ++x) row[x] = row[x] - cp * next[x];
}
ANCHOR1_INLINE void scale_row(float* row, float im, int n) {
  for (int x = 0; x < n; ++x) row[x] *= im;
}

// Pass 1 on one z plane: the x sweep in batches of G groups of rows (G x 200 vectors of buffer: 32 KB
// for 5 x 8 rows, 25.6 KB for 2 x 16, which measured best), the y forward elimination on each batch
// while it is in cache, then the y back substitution. Rows left over (200 = 6 x 32 + 8 with 16 lanes)
// are solved in groups of 8.
template <class V, int G>
ANCHOR1_INLINE void xy_sweeps(float* plane, const Thomas& tx, const Thomas& ty) {
  constexpr int B = G * kLanes<V>;
  static_assert(NY % B % 8 == 0);
  auto y_forward = [&](int y0, int y1) {
    for (int y = y0; y < y1; ++y) {
      float* row = plane + std::size_t(y) * NX;
      if (y == 0)
        scale_row(row, ty.im[0], NX);
      else
        forward_row(row, row - NX, ty.im[y], ty.aim[y], NX);
    }
  };
  alignas(64) V buf[G * NX];
  int y0 = 0;
  for (; y0 + B <= NY; y0 += B) {
    x_rows<V, G>(plane + std::size_t(y0) * NX, tx, buf);
    y_forward(y0, y0 + B);
  }
  for (; y0 < NY; y0 += 8) {
    alignas(32) v8 buf8[NX];
    x_rows<v8, 1>(plane + std::size_t(y0) * NX, tx, buf8);
    y_forward(y0, y0 + 8);
  }
  for (int y = NY - 2; y >= 0; --y) {
    float* row = plane + std::size_t(y) * NX;
    backward_row(row, row + NX, ty.cp[y], NX);
  }
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
[[gnu::target("arch=x86-64-v4")]] inline void plane_xy_avx512(float* plane, const Thomas& tx, const Thomas& ty) {
  xy_sweeps<v16, 2>(plane, tx, ty);
}
__attribute__((target_clones("arch=x86-64-v3", "default"))) inline void plane_xy_avx2(float* plane, const Thomas& tx,
                                                                                       const Thomas& ty) {
  xy_sweeps<v8, 5>(plane, tx, ty);
}
inline void plane_xy(float* plane, const Thomas& tx, const Thomas& ty) {
  static const bool avx512 = __builtin_cpu_supports("x86-64-v4");
  avx512 ? plane_xy_avx512(plane, tx, ty) : plane_xy_avx2(plane, tx, ty);
}
#else
inline void plane_xy(float* plane, const Thomas& tx, const Thomas& ty) { xy_sweeps<v8, 5>(plane, tx, ty); }
#endif

// Pass 2 on one tile of rows [y0, y0 + Z_TILE_ROWS) through all planes: z sweep.
ANCHOR1_CLONES inline void tile_z(float* field, int y0, const Thomas& tz) {
  constexpr int n = Z_TILE_ROWS * NX;
  float* base = field + std::size_t(y0) * NX;
  scale_row(base, tz.im[0], n);
  for (int z = 1; z < NZ; ++z) {
    float* cur = base + z * PLANE;
    forward_row(cur, cur - PLANE, tz.im[z], tz.aim[z], n);
  }
  for (int z = NZ - 2; z >= 0; --z) {
    float* cur = base + z * PLANE;
    backward_row(cur, cur + PLANE, tz.cp[z], n);
  }
}

}  // namespace lod

// The three substances' coefficients and one LOD step over all of them.
struct Lod {
  std::vector<Thomas> tx, ty, tz;
  void add(double D, double decay) {
    tx.emplace_back(NX, D, decay);
    ty.emplace_back(NY, D, decay);
    tz.emplace_back(NZ, D, decay);
  }
  void step(const std::vector<Field>& f) const {
    const int ns = static_cast<int>(f.size());
    tbb::parallel_for(tbb::blocked_range<int>(0, ns * NZ, 1), [&](const auto& r) {
      for (int k = r.begin(); k != r.end(); ++k) {
        const int s = k / NZ, z = k % NZ;
        lod::plane_xy(f[s].get() + z * PLANE, tx[s], ty[s]);
      }
    });
    constexpr int tiles = NY / Z_TILE_ROWS;
    tbb::parallel_for(tbb::blocked_range<int>(0, ns * tiles, 1), [&](const auto& r) {
      for (int k = r.begin(); k != r.end(); ++k) {
        const int s = k / tiles, t = k % tiles;
        lod::tile_z(f[s].get(), t * Z_TILE_ROWS, tz[s]);
      }
    });
  }
};

}  // namespace anchor1
