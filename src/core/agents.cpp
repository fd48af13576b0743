// Agent storage operations, written once over the column table so that a new column needs no change here.
#include "marrow/agents.hpp"

namespace marrow {

std::size_t AgentStore::add(CellType t, std::uint8_t s, int px, int py, int pz, std::int64_t tick) {
  auto grow = [](const auto&, auto& col) { col.emplace_back(); };
  for_each_column(grow, grow);
  const std::size_t i = id.size() - 1;
  id[i] = next_id++;
  type[i] = static_cast<std::uint8_t>(t);
  state[i] = s;
  x[i] = px;
  y[i] = py;
  z[i] = pz;
  birth_tick[i] = tick;
  state_tick[i] = tick;
  nuclei[i] = 1;
  max_nuclei[i] = 1;
  nuclei_cd16[i] = -1;
  resorb_start_tick[i] = -1;
  genotype[i] = kGenotypeUnset;
  mhc2[i] = 1.0f;
  rankl_gain[i] = differentiation_gain[i] = fusion_gain[i] = resorption_gain[i] = formation_gain[i] = 1.0f;
  return i;
}

void AgentStore::remove_if(const std::vector<std::uint8_t>& flags) {
  auto compact = [&flags](const auto&, auto& col) {
    std::size_t w = 0;
    for (std::size_t r = 0; r < col.size(); ++r)
      if (!flags[r]) col[w++] = col[r];
    col.resize(w);
  };
  for_each_column(compact, compact);
}

void AgentStore::clear() {
  auto wipe = [](const auto&, auto& col) { col.clear(); };
  for_each_column(wipe, wipe);
}

}  // namespace marrow
