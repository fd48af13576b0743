// Read-outs of a run for the output file: the per-tick time-series row, snapshots and pit events.
#include <string>

#include "marrow/simulation.hpp"

namespace marrow {

TimeseriesRow Simulation::timeseries_row() const {
  const SimState& s = state_;
  const AgentStore& a = s.agents;
  TimeseriesRow row;
  row.time_days = s.time_days();
  row.tick = s.tick;
  double counts[kCellTypeCount] = {};
  double ob_states[4] = {};
  double oc_nuclei = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    counts[a.type[i]] += 1;
    if (a.cell_type(i) == CellType::Osteoblast) ob_states[a.state[i]] += 1;
    if (a.cell_type(i) == CellType::Osteoclast) oc_nuclei += a.nuclei[i];
  }
  for (int t = 0; t < kCellTypeCount; ++t) row.values.emplace_back("counts/" + std::string(kCellTypeNames[t]), counts[t]);
  for (int st = 0; st < 4; ++st)
    row.values.emplace_back("counts/osteoblast_" + std::string(kObStateNames[st]), ob_states[st]);
  row.values.emplace_back("osteoclast/nuclei_mean",
                          counts[int(CellType::Osteoclast)] > 0 ? oc_nuclei / counts[int(CellType::Osteoclast)] : 0.0);
  const double bv = s.bone.volume_um3(s.grid);
  row.values.emplace_back("bone/volume", bv);
  row.values.emplace_back("bone/volume_change", s.initial_bone_um3 > 0 ? bv / s.initial_bone_um3 - 1.0 : 0.0);
  row.values.emplace_back("bone/resorbed", s.total_resorbed_um3);
  row.values.emplace_back("bone/formed", s.total_formed_um3);
  row.values.emplace_back("bone/surface_voxels", double(s.bone.surface_count));
  std::size_t marrow = 0;
  for (auto v : s.bone.solid) marrow += !v;
  for (int f = 0; f < kFieldCount; ++f) {
    double sum = 0;
    for (std::size_t v = 0; v < s.grid.size(); ++v)
      if (!s.bone.solid[v]) sum += s.fields.c[f][v];
    row.values.emplace_back("fields/" + std::string(kFieldNames[f]) + "/mean", marrow ? sum / marrow : 0.0);
  }
  row.values.emplace_back("host/estrogen", s.host.estrogen);
  return row;
}

Snapshot Simulation::snapshot() const {
  const SimState& s = state_;
  Snapshot snap;
  snap.tick = s.tick;
  snap.time_days = s.time_days();
  snap.grid = s.grid;
  snap.volumes.emplace_back("bone", s.bone.mineral);
  snap.volumes.emplace_back("pits", s.bone.resorbed);
  snap.volumes.emplace_back("formed", s.bone.formed);
  for (int f = 0; f < kFieldCount; ++f)
    snap.fields.emplace_back(std::string(kFieldNames[f]),
                             std::vector<float>(s.fields.c[f].begin(), s.fields.c[f].end()));
  AgentStore& a = const_cast<AgentStore&>(s.agents);  // for_each_column is non-const; read only here
  a.for_each_column(
      [&](const std::string& name, const auto& col) {
        snap.agent_ints.emplace_back(name, std::vector<std::int64_t>(col.begin(), col.end()));
      },
      [&](const std::string& name, const auto& col) {
        snap.agent_floats.emplace_back(name, std::vector<float>(col.begin(), col.end()));
      });
  return snap;
}

std::vector<PitEvent> Simulation::take_pit_events() {
  std::vector<PitEvent> out;
  for (const auto& e : pit_events_)
    out.push_back({e.osteoclast_id, e.start_tick, e.end_tick, e.x_um, e.y_um, e.z_um, e.volume_um3, e.max_depth_um,
                   e.lineage, e.max_nuclei});
  pit_events_.clear();
  return out;
}

}  // namespace marrow
