#pragma once
// The cytokine fields (pM) and their transport parameters. Fields are flat double arrays on the grid.
#include <array>
#include <string_view>
#include <vector>

namespace marrow {

enum FieldId : int { kRankl = 0, kOpg = 1, kMcsf = 2, kTgfb = 3 };
inline constexpr int kFieldCount = 4;
inline constexpr std::array<std::string_view, kFieldCount> kFieldNames = {"rankl", "opg", "mcsf", "tgfb"};

struct FieldParams {
  double diffusivity_um2_s = 0;  // D
  double decay_per_s = 0;        // k_decay
};

struct FieldSet {
  std::vector<double> c[kFieldCount];  // concentration, pM
  FieldParams params[kFieldCount];
  double opg_rankl_kon = 0;  // binding rate constant, 1/(pM s)
};

}  // namespace marrow
