#pragma once
// Cell types, their states, precursor lineages and cell-intrinsic genotype bits: the codes stored in
// agent columns and output files.
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
  TCell = 5,
  BCell = 6,
  Dendritic = 7,
};
inline constexpr int kCellTypeCount = 8;
inline constexpr std::array<std::string_view, kCellTypeCount> kCellTypeNames = {
    "stromal", "monocyte", "preosteoclast", "osteoclast", "osteoblast", "tcell", "bcell", "dendritic"};

// Osteoblast lineage states.
enum class ObState : std::uint8_t { Precursor = 0, Active = 1, Lining = 2, Retracted = 3 };
inline constexpr std::array<std::string_view, 4> kObStateNames = {"precursor", "active", "lining",
                                                                  "retracted"};

// Monocyte subsets: classical CD14+ and the CD14+CD16+ subset expanded in arthritis (seed: "Inflammation
// and bone loss").
enum class MonocyteState : std::uint8_t { Classical = 0, Cd16 = 1 };
inline constexpr std::array<std::string_view, 2> kMonocyteStateNames = {"classical", "cd16"};

// T-cell states, each with its own fixed secretion profile.
enum class TState : std::uint8_t { Cd4Naive = 0, Cd4Effector = 1, Th17 = 2, Cd8 = 3, Cd8Treg = 4 };
inline constexpr std::array<std::string_view, 5> kTStateNames = {"cd4_naive", "cd4_effector", "th17", "cd8",
                                                                 "cd8_treg"};

// B-cell states: B220+IgM- precursors (can become osteoclasts), resting mature B cells (make OPG with
// CD40L help), TLR-activated B cells (over-express RANKL).
enum class BState : std::uint8_t { Precursor = 0, Resting = 1, TlrActivated = 2 };
inline constexpr std::array<std::string_view, 3> kBStateNames = {"b220_precursor", "resting", "tlr_activated"};

// Precursor lineage of osteoclast-lineage cells, as bit flags (an osteoclast may fuse from several).
enum LineageBit : std::uint8_t {
  kLineageMonocyte = 1,
  kLineageCd16Monocyte = 2,
  kLineageDendritic = 4,
  kLineageBCell = 8,
};
inline constexpr std::array<std::string_view, 4> kLineageNames = {"monocyte", "cd16_monocyte", "dendritic",
                                                                  "bcell"};

// Cell-intrinsic knock-outs, stored per agent (column `genotype`) so that adoptively transferred cells
// keep their donor's genotype inside a host of another.
enum GenotypeBit : std::uint16_t {
  kGenoTnfKo = 1,        // cell makes no TNF-alpha
  kGenoP55Ko = 2,        // no TNFR1 (p55)
  kGenoP75Ko = 4,        // no TNFR2 (p75)
  kGenoIfngrKo = 8,      // no IFN-gamma receptor
  kGenoIl17rKo = 16,     // no IL-17 receptor
  kGenoRanklKo = 32,     // cell makes no RANKL (cell-type-specific deletion)
  kGenoIfngKo = 64,      // cell makes no IFN-gamma
};

inline std::string_view cell_type_name(CellType t) { return kCellTypeNames[static_cast<int>(t)]; }

}  // namespace marrow
