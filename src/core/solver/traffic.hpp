#pragma once
// Bytes that the solver's kernels stream per call (traffic.cpp), for the benchmarks' floor.
#include <cstddef>
#include <cstdint>

#include "multigrid.hpp"

namespace marrow::solver_detail::traffic {

std::uint64_t setup(std::size_t n);              // right-hand side and reaction from source and uptake
std::uint64_t dot(std::size_t n, int vectors);   // a dot product of 1 (a . a) or 2 vectors
std::uint64_t apply(std::size_t n);              // y = A x with (x, y)
std::uint64_t residual(std::size_t n);           // r = b - A x
std::uint64_t update_solution(std::size_t n);    // x += a p, r -= a q with (r, r)
std::uint64_t update_direction(std::size_t n);   // p = z + b p
std::uint64_t copy(std::size_t n);
std::uint64_t vcycle(const Hierarchy& h);          // one V-cycle
std::uint64_t reaction_update(const Hierarchy& h);  // Hierarchy::update_reaction

}  // namespace marrow::solver_detail::traffic
