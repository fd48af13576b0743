#pragma once
// Agent storage as structure-of-arrays: one contiguous column per property, agents kept in ascending
// id order (births append with fresh ids; removals compact stably), so "in id order" is "in index
// order". The column table (for_each_column) is what snapshots and checkpoints serialise: a new
// column is one member plus one line there.
#include <cstdint>
#include <string>
#include <vector>

#include "marrow/cell_types.hpp"
#include "marrow/fields.hpp"

namespace marrow {

// Marks an agent whose genotype the simulation fills from the host's after the phase that made it.
inline constexpr std::uint16_t kGenotypeUnset = 0xFFFF;

struct AgentStore {
  std::vector<std::uint64_t> id;
  std::vector<std::uint8_t> type;     // CellType
  std::vector<std::uint8_t> state;    // per-type state (ObState for osteoblasts)
  std::vector<std::int32_t> x, y, z;  // voxel coordinates
  std::vector<std::int64_t> birth_tick;
  std::vector<std::int64_t> state_tick;  // tick of the last change of type or state
  std::vector<std::int32_t> nuclei;      // osteoclasts: nuclei count; others 1
  std::vector<std::uint8_t> lineage;     // LineageBit flags of the precursors it came from
  std::vector<float> resorbed_um3;       // osteoclasts: bone removed so far
  std::vector<float> last_resorbed_um3;  // osteoclasts: bone removed in the last tick (TGF-b release)
  std::vector<std::int64_t> resorb_start_tick;  // osteoclasts: first tick of resorption, -1 before
  std::vector<float> pit_sx, pit_sy, pit_sz;    // osteoclasts: resorbed-volume-weighted position sums, um^4
  std::vector<float> pit_max_depth_um;          // osteoclasts: deepest point reached below the initial surface
  std::vector<std::int32_t> max_nuclei;
  std::vector<std::int32_t> nuclei_cd16;  // nuclei from CD16+ monocytes, tallied from the first fusion; -1 before
                                          // (then the cell's own lineage bit says it); cd16_nuclei()
  std::vector<std::uint16_t> genotype;  // GenotypeBit flags (cell-intrinsic knock-outs); kGenotypeUnset at birth
  std::vector<float> mhc2;              // antigen-presenting cells: MHC-II level, relative to resting (1)
  std::vector<std::int32_t> divisions;  // lymphocytes: divisions since entry (clonal expansion)
  // Per-agent signal modifiers of this tick, reset to neutral before decide and written by the rules that
  // run earlier in rule order for the same agent (one agent is decided by all rules in turn), read by the
  // rules of the effect: how cytokines act on the osteoclast lineage and on osteoblasts.
  std::vector<float> rankl_gain;           // OC lineage: RANK responsiveness, multiplies the sensed RANKL (1)
  std::vector<float> rankl_free_drive;     // OC lineage: RANKL-independent drive (e.g. SOFAT), occupancy 0..1 (0)
  std::vector<float> differentiation_gain; // OC precursors: differentiation rate; stromal cells: OB commitment (1)
  std::vector<float> fusion_gain;          // pre-osteoclasts: multiplies the fusion rate (1)
  std::vector<float> resorption_gain;      // osteoclasts: multiplies the resorption rate (1)
  std::vector<float> formation_gain;       // osteoblasts: multiplies the apposition rate (1)
  // Per-agent outputs of this tick: secretion (zmol/h) and receptor clearance (um^3/s) per field.
  std::vector<float> secretion[kFieldCount];
  std::vector<float> clearance[kFieldCount];

  std::uint64_t next_id = 1;

  std::size_t size() const { return id.size(); }
  CellType cell_type(std::size_t i) const { return static_cast<CellType>(type[i]); }

  // Appends an agent with a fresh id; returns its index.
  std::size_t add(CellType t, std::uint8_t s, int px, int py, int pz, std::int64_t tick);
  // Removes the agents whose flag is set, keeping order.
  void remove_if(const std::vector<std::uint8_t>& flags);
  void clear();

  // Visits every column as (name, vector&) — ints and floats separately.
  template <class IntFn, class FloatFn>
  void for_each_column(IntFn&& on_int, FloatFn&& on_float);
};

// Nuclei of agent i that came from CD16+ monocytes (the read-out of Chiu 2010's CD16+ precursor share).
inline std::int32_t cd16_nuclei(const AgentStore& a, std::size_t i) {
  if (a.nuclei_cd16[i] >= 0) return a.nuclei_cd16[i];
  return (a.lineage[i] & kLineageCd16Monocyte) ? a.nuclei[i] : 0;
}

template <class IntFn, class FloatFn>
void AgentStore::for_each_column(IntFn&& on_int, FloatFn&& on_float) {
  on_int("id", id);
  on_int("type", type);
  on_int("state", state);
  on_int("x", x);
  on_int("y", y);
  on_int("z", z);
  on_int("birth_tick", birth_tick);
  on_int("state_tick", state_tick);
  on_int("nuclei", nuclei);
  on_int("lineage", lineage);
  on_int("resorb_start_tick", resorb_start_tick);
  on_int("max_nuclei", max_nuclei);
  on_int("nuclei_cd16", nuclei_cd16);
  on_int("genotype", genotype);
  on_int("divisions", divisions);
  on_float("resorbed_um3", resorbed_um3);
  on_float("last_resorbed_um3", last_resorbed_um3);
  on_float("pit_sx", pit_sx);
  on_float("pit_sy", pit_sy);
  on_float("pit_sz", pit_sz);
  on_float("pit_max_depth_um", pit_max_depth_um);
  on_float("mhc2", mhc2);
  on_float("rankl_gain", rankl_gain);
  on_float("rankl_free_drive", rankl_free_drive);
  on_float("differentiation_gain", differentiation_gain);
  on_float("fusion_gain", fusion_gain);
  on_float("resorption_gain", resorption_gain);
  on_float("formation_gain", formation_gain);
  for (int f = 0; f < kFieldCount; ++f) {
    on_float("secretion_" + std::string(kFieldNames[f]), secretion[f]);
    on_float("clearance_" + std::string(kFieldNames[f]), clearance[f]);
  }
}

}  // namespace marrow
