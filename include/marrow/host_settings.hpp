#pragma once
// The host settings of an arm (genotype, treatments with start, stop and dose) read once from the
// resolved config, and what they impose at a given time: HostState's genotype, treatment doses and the
// uniform field sources, sinks and receptor antagonism that dosed drugs make. Each treatment acts through
// the mechanism that it targets (a decoy binds RANKL through the OPG field, an antibody clears its
// cytokine, an antagonist lowers receptor occupancy); rules read the other doses (docs/model.md).
#include <array>
#include <cstdint>

#include "marrow/cell_types.hpp"
#include "marrow/config.hpp"
#include "marrow/host.hpp"

namespace marrow {

struct TreatmentCourse {
  double dose = 0;            // in the treatment's unit; 0 = not given
  double start_day = 0;       // given from start (inclusive) ...
  double stop_day = 1e300;    // ... until stop (exclusive)
  bool active(double day) const { return dose > 0 && day >= start_day && day < stop_day; }
};

struct HostPlan {
  std::uint32_t genotype = 0;
  bool culture = false;
  std::array<TreatmentCourse, kTreatmentCount> courses{};
  double antibody_kon_per_pm_s = 0;  // neutralising antibodies: extra clearance kon * dose
  double il1ra_ki_pm = 1;            // IL-1Ra inhibition constant
  std::uint16_t transfer_genotype = 0;  // GenotypeBit flags of adoptively transferred T cells
};

HostPlan host_plan_from_config(const ResolvedConfig& cfg);

// Fills host.genotype, treatment doses, field sources, sinks and signal scales for day `day` (estrogen is
// left to the estrogen_schedule rule). `decay_per_s` are the fields' own decay rates: a dosed factor at
// dose D pM is a source D * k_decay, so that alone it would hold the marrow at D.
void apply_host_plan(const HostPlan& plan, double day, const std::array<double, kFieldCount>& decay_per_s,
                     HostState& host);

// GenotypeBit flags of a cell of type t born in a host of the given genotype.
std::uint16_t cell_genotype_bits(std::uint32_t host_genotype, CellType t);

}  // namespace marrow
