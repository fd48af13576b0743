#pragma once
// The cytokine and stimulus fields (pM) and their transport parameters. Fields are flat double arrays
// on the grid. A new field is one enum value, one name here and its transport settings in
// src/core/field_settings.cpp; agents' secretion and clearance columns, snapshots, checkpoints and the
// exchange phase follow the table.
#include <array>
#include <string_view>
#include <vector>

namespace marrow {

enum FieldId : int {
  kRankl = 0,
  kOpg = 1,
  kMcsf = 2,
  kTgfb = 3,
  kTnf = 4,
  kIl1 = 5,
  kIl6 = 6,
  kIl7 = 7,
  kIl17 = 8,
  kIfng = 9,
  kSofat = 10,
  kTlrLigand = 11,  // stimulus: bacterial TLR ligand (periodontitis-like)
  kWear = 12,       // stimulus: prosthetic wear particles (periprosthetic osteolysis)
  kAntigen = 13,    // stimulus: a generic antigen presented to T cells
};
inline constexpr int kFieldCount = 14;
inline constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "rankl", "opg", "mcsf", "tgfb", "tnf", "il1", "il6", "il7", "il17", "ifng", "sofat", "tlr_ligand", "wear", "antigen"};

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
