// Read-outs of a run for the output file: the per-tick time-series row, snapshots and pit events.
#include <iterator>
#include <string>

#include "marrow/simulation.hpp"

namespace marrow {
namespace {

// Secretion read-outs: mean secretion per cell of a type (zmol/h), a fixed list so that every row of
// a run has the same columns (seed: RANKL per stromal, T and B cell; TNF per T cell; ...).
// A cell counts as RANKL+ when it secretes at least this much RANKL (zmol/h): about a tenth of an
// activated CD4 T cell's RANKL, far above a resting lymphocyte's basal trace, as a flow-cytometric
// RANKL+ gate counts the expressing cells rather than every cell with any RANKL (S13, S20).
constexpr float kRanklPositiveZmolPerH = 0.1f;

struct SecretionReadout {
  FieldId field;
  CellType type;
};
constexpr SecretionReadout kSecretionReadouts[] = {
    {kRankl, CellType::Stromal}, {kRankl, CellType::Osteoblast}, {kRankl, CellType::TCell},
    {kRankl, CellType::BCell},   {kOpg, CellType::Stromal},      {kOpg, CellType::Osteoblast},
    {kOpg, CellType::BCell},     {kMcsf, CellType::Stromal},     {kMcsf, CellType::TCell},
    {kTnf, CellType::TCell},     {kTnf, CellType::Monocyte},     {kIl1, CellType::Monocyte},
    {kIl6, CellType::Osteoblast}, {kIl7, CellType::Stromal},     {kIl7, CellType::Dendritic},
    {kIl17, CellType::TCell},    {kIfng, CellType::TCell},       {kSofat, CellType::TCell},
};

}  // namespace

void Simulation::add_immune_readouts(TimeseriesRow& row, const double* counts) const {
  const SimState& s = state_;
  const AgentStore& a = s.agents;
  double t_states[5] = {}, b_states[3] = {}, mono_states[2] = {};
  double lineage[4] = {}, nuclei_all = 0, nuclei_cd16 = 0, multinucleated = 0, tnf_positive = 0, rankl_positive_b = 0, rankl_positive_t = 0;
  double mhc2_sum = 0, presenters = 0, tnf_by_t = 0;
  constexpr std::size_t nr = std::size(kSecretionReadouts);
  double secretion[nr] = {};
  for (std::size_t i = 0; i < a.size(); ++i) {
    const CellType t = a.cell_type(i);
    if (t == CellType::TCell && a.state[i] < 5) t_states[a.state[i]] += 1;
    if (t == CellType::BCell && a.state[i] < 3) b_states[a.state[i]] += 1;
    if (t == CellType::Monocyte && a.state[i] < 2) mono_states[a.state[i]] += 1;
    if (t == CellType::Osteoclast) {
      for (int l = 0; l < 4; ++l) lineage[l] += (a.lineage[i] >> l) & 1;
      multinucleated += a.nuclei[i] >= 3;
      nuclei_all += a.nuclei[i];
      nuclei_cd16 += cd16_nuclei(a, i);
    }
    if (t == CellType::TCell) {
      tnf_positive += a.secretion[kTnf][i] > 0;
      tnf_by_t += a.secretion[kTnf][i];
      rankl_positive_t += a.secretion[kRankl][i] >= kRanklPositiveZmolPerH;
    }
    if (t == CellType::BCell) rankl_positive_b += a.secretion[kRankl][i] >= kRanklPositiveZmolPerH;
    if (t == CellType::Dendritic || t == CellType::Monocyte) {
      mhc2_sum += a.mhc2[i];
      presenters += 1;
    }
    for (std::size_t r = 0; r < nr; ++r)
      if (kSecretionReadouts[r].type == t) secretion[r] += a.secretion[kSecretionReadouts[r].field][i];
  }
  for (int k = 0; k < 5; ++k) row.values.emplace_back("counts/tcell_" + std::string(kTStateNames[k]), t_states[k]);
  for (int k = 0; k < 3; ++k) row.values.emplace_back("counts/bcell_" + std::string(kBStateNames[k]), b_states[k]);
  for (int k = 0; k < 2; ++k)
    row.values.emplace_back("counts/monocyte_" + std::string(kMonocyteStateNames[k]), mono_states[k]);
  row.values.emplace_back("counts/tcell_tnf_positive", tnf_positive);
  row.values.emplace_back("counts/tcell_rankl_positive", rankl_positive_t);
  row.values.emplace_back("counts/bcell_rankl_positive", rankl_positive_b);
  for (int l = 0; l < 4; ++l)
    row.values.emplace_back("counts/osteoclast_from_" + std::string(kLineageNames[l]), lineage[l]);
  row.values.emplace_back("counts/osteoclast_multinucleated", multinucleated);
  // Share of osteoclast nuclei that came from CD16+ monocytes (Chiu 2010 sort CD16+ from CD16- precursors;
  // "OCs from CD16+" above counts any OC holding one such nucleus).
  row.values.emplace_back("osteoclast/nuclei_cd16_share", nuclei_all > 0 ? nuclei_cd16 / nuclei_all : 0.0);
  for (int t = 0; t < kCellTypeCount; ++t)
    row.values.emplace_back("deaths/" + std::string(kCellTypeNames[t]), s.deaths_last_tick[t]);
  // TNF per TNF-producing T cell: OVX raises TNF through more producers, not more per producer (seed
  // section "Estrogen deficiency and T cells"; Cenci 2000), so this is read apart from their number.
  row.values.emplace_back("secretion/tnf_per_tnf_positive_tcell", tnf_positive > 0 ? tnf_by_t / tnf_positive : 0.0);
  row.values.emplace_back("presenting/mhc2_mean", presenters > 0 ? mhc2_sum / presenters : 0.0);
  for (std::size_t r = 0; r < nr; ++r) {
    const auto& ro = kSecretionReadouts[r];
    const double n = counts[int(ro.type)];
    row.values.emplace_back("secretion/" + std::string(kFieldNames[ro.field]) + "_per_" +
                                std::string(kCellTypeNames[int(ro.type)]),
                            n > 0 ? secretion[r] / n : 0.0);
  }
}

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
  add_immune_readouts(row, counts);
  const double bv = s.bone.volume_um3(s.grid);
  row.values.emplace_back("bone/volume", bv);
  row.values.emplace_back("bone/volume_change", s.initial_bone_um3 > 0 ? bv / s.initial_bone_um3 - 1.0 : 0.0);
  row.values.emplace_back("bone/resorbed", s.total_resorbed_um3);
  row.values.emplace_back("bone/formed", s.total_formed_um3);
  row.values.emplace_back("bone/surface_voxels", double(s.bone.surface_count));
  // Pit area: the bone area, seen from above (along z), under which any voxel has lost >= 5% of its
  // mineral to resorption (the culture read-out of a dentine slice; also meaningful for a plate).
  std::size_t pit_columns = 0;
  for (int y = 0; y < s.grid.ny; ++y)
    for (int x = 0; x < s.grid.nx; ++x)
      for (int z = 0; z < s.grid.nz; ++z)
        if (s.bone.resorbed[s.grid.index(x, y, z)] >= 0.05f) {
          ++pit_columns;
          break;
        }
  row.values.emplace_back("bone/pit_area", pit_columns * s.grid.voxel_um * s.grid.voxel_um);
  const double per_day = 24.0 / s.tick_hours;
  row.values.emplace_back("bone/resorption_rate", s.resorbed_last_tick_um3 * per_day);
  row.values.emplace_back("bone/formation_rate", s.formed_last_tick_um3 * per_day);
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
