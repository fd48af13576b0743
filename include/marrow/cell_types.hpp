#pragma once
// Cell types, their states and precursor lineages: the codes stored in agent columns and output files.
#include <array>
#include <cstdint>
#include <string_view>

namespace marrow {

enum class CellType : std::uint8_t {
  Stromal = 0,
  Monocyte = 1,
  PreOsteoclast = 2,
  Osteoclast = 3,
  Osteoblast = 4,
};
inline constexpr int kCellTypeCount = 5;
inline constexpr std::array<std::string_view, kCellTypeCount> kCellTypeNames = {
    "stromal", "monocyte", "preosteoclast", "osteoclast", "osteoblast"};

// Osteoblast lineage states.
enum class ObState : std::uint8_t { Precursor = 0, Active = 1, Lining = 2, Retracted = 3 };
inline constexpr std::array<std::string_view, 4> kObStateNames = {"precursor", "active", "lining",
                                                                  "retracted"};

// Precursor lineage of osteoclast-lineage cells, as bit flags (an osteoclast may fuse from several).
enum LineageBit : std::uint8_t {
  kLineageMonocyte = 1,
  kLineageCd16Monocyte = 2,
  kLineageDendritic = 4,
  kLineageBCell = 8,
};

inline std::string_view cell_type_name(CellType t) { return kCellTypeNames[static_cast<int>(t)]; }

}  // namespace marrow
