#pragma once
// Shared by the model tests: a small experiment from inline YAML, run in-process.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "marrow/config.hpp"
#include "marrow/rng.hpp"
#include "marrow/simulation.hpp"

namespace marrow::test {

// A small mouse marrow with a plate of bone: runs in seconds.
inline std::string small_world(int days, int nx = 30, int nz = 8) {
  return "name: t\nseed: 11\nspecies: mouse\nduration: " + std::to_string(days) + " d\n" +
         "grid: {nx: " + std::to_string(nx) + ", ny: " + std::to_string(nx) + ", nz: " + std::to_string(nz) +
         "}\ngeometry: {type: plate, plate_thickness: 30 um}\n";
}

// The same world for another species (`species: mouse` -> `species: <species>`), which picks that
// species' parameter defaults.
inline std::string with_species(std::string yaml, const std::string& species) {
  const std::string mouse = "species: mouse";
  return yaml.replace(yaml.find(mouse), mouse.size(), "species: " + species);
}

// The bone core alone: no lymphocytes, dendritic cells or inflammatory recruitment, so that a core test
// (RANKL and M-CSF essential, OPG as decoy, the direct estrogen route) removes every source of a signal.
inline Overrides core_only(Overrides extra = {}) {
  Overrides o{"rules.thymic_output.enabled=false", "rules.b_lymphopoiesis.enabled=false",
              "rules.dendritic_cell_life.enabled=false", "rules.inflammatory_precursor_recruitment.enabled=false",
              "rules.monocyte_inflammatory_cytokines.enabled=false", "rules.il7_production.enabled=false"};
  o.insert(o.end(), extra.begin(), extra.end());
  return o;
}

inline ResolvedConfig config_of(const std::string& yaml, const Overrides& overrides = {}) {
  return parse_experiment(yaml, "test.yaml", overrides).arms.at(0).config;
}

struct RunTotals {
  double oc_ticks = 0;          // sum over ticks of the osteoclast count
  double max_oc = 0;
  double preoc_ticks = 0;
  double resorbed_um3 = 0;
  double formed_um3 = 0;
  double bone_change = 0;       // relative, at the end
  std::vector<double> bone_volume;  // per tick
};

inline double value_of(const TimeseriesRow& row, const std::string& name) {
  for (const auto& [n, v] : row.values)
    if (n == name) return v;
  return -1;
}

inline RunTotals run_totals(const ResolvedConfig& cfg, int replicate = 0) {
  Simulation sim(cfg, replicate_seed(11, replicate));
  RunTotals t;
  for (std::int64_t k = 0; k < sim.total_ticks(); ++k) {
    sim.step();
    const TimeseriesRow row = sim.timeseries_row();
    const double oc = value_of(row, "counts/osteoclast");
    t.oc_ticks += oc;
    t.max_oc = std::max(t.max_oc, oc);
    t.preoc_ticks += value_of(row, "counts/preosteoclast");
    t.bone_volume.push_back(value_of(row, "bone/volume"));
  }
  t.resorbed_um3 = sim.state().total_resorbed_um3;
  t.formed_um3 = sim.state().total_formed_um3;
  t.bone_change = sim.state().bone.volume_um3(sim.state().grid) / sim.state().initial_bone_um3 - 1;
  return t;
}

// After a test has edited the bone of a world without osteoblasts: refreshes the derived bone masks,
// puts one active osteoblast (the only one) at the free marrow voxel (x, y, z), and runs to the end.
inline void run_with_one_osteoblast(Simulation& sim, int x, int y, int z) {
  SimState& s = sim.mutable_state();
  s.bone.refresh(s.grid);
  for (std::size_t i = 0; i < s.agents.size(); ++i) REQUIRE(s.agents.cell_type(i) != CellType::Osteoblast);
  REQUIRE(s.occupant[s.grid.index(x, y, z)] < 0);
  s.agents.add(CellType::Osteoblast, static_cast<std::uint8_t>(ObState::Active), x, y, z, 0);
  s.rebuild_occupancy();
  while (sim.state().tick < sim.total_ticks()) sim.step();
}

// Osteoblasts in the given state (ObState), e.g. those still active at the end of a run.
inline int osteoblasts_in(const SimState& s, ObState state) {
  int n = 0;
  for (std::size_t i = 0; i < s.agents.size(); ++i)
    if (s.agents.cell_type(i) == CellType::Osteoblast && s.agents.state[i] == static_cast<std::uint8_t>(state)) ++n;
  return n;
}

}  // namespace marrow::test
