#pragma once
// Host state: what the organism (or the culture dish) imposes on the marrow at time t: estrogen level,
// genotype, the treatments being given and the exogenous field sources and sinks they make. Recomputed
// at the start of every tick from the config and the time (src/core/host_settings.cpp and the host
// rules), so it needs no checkpointing beyond the estrogen level.
#include <array>
#include <cstdint>
#include <string_view>

#include "marrow/fields.hpp"

namespace marrow {

// Host genotypes (config host.genotype.<name>: true). Cell-intrinsic knock-outs also set GenotypeBit
// flags on the cells born in the host (cell_genotype_bits).
enum HostGenotype : std::uint32_t {
  kHostTnfKo = 1,
  kHostP55Ko = 2,
  kHostP75Ko = 4,
  kHostNude = 8,  // athymic: no thymic T-cell output, no resident T cells
  kHostIfngrKo = 16,
  kHostIl17rKo = 32,
  kHostCd8Deficient = 64,
  kHostRanklKoB = 128,  // RANKL deleted in B cells only
  kHostRanklKoT = 256,  // RANKL deleted in T cells only
  kHostIfngKo = 512,
};
inline constexpr int kHostGenotypeCount = 10;
inline constexpr std::array<std::string_view, kHostGenotypeCount> kHostGenotypeNames = {
    "tnf_knockout",   "p55_knockout",  "p75_knockout", "nude", "ifngr_knockout", "il17r_knockout",
    "cd8_deficient", "rankl_deleted_in_b_cells", "rankl_deleted_in_t_cells", "ifng_knockout"};

// Treatments (config treatments.<name>.{dose,start,stop}); dose 0 = not given.
enum Treatment : int {
  kTreatOpg = 0,            // OPG-Fc: exogenous RANKL decoy, pM
  kTreatRankFc,             // RANK-Fc: exogenous RANKL decoy, pM (acts like OPG here)
  kTreatAntiRankl,          // denosumab-like antibody, pM
  kTreatBisphosphonate,     // osteoclast apoptosis hazard, 1/day
  kTreatIl1Ra,              // IL-1 receptor antagonist, pM
  kTreatTnfBlocker,         // TNF-neutralising antibody, pM
  kTreatAntiIl7,            // IL-7-neutralising antibody, pM
  kTreatIl7,                // IL-7 administration, pM
  kTreatAntiIl17,           // IL-17-neutralising antibody, pM
  kTreatIfng,               // IFN-gamma administration, pM
  kTreatTCellDepletion,     // anti-CD4/CD8 depletion, 1/day
  kTreatThymectomy,         // fraction of thymic output removed, 0..1
  kTreatCd137lLigation,     // agonist occupancy of CD137L on precursors, 0..1
  kTreatTCellActivation,    // in-vivo polyclonal activation (anti-CD3-like), 1/day
  kTreatTlrStimulus,        // TLR ligand delivered, pM
  kTreatWearParticles,      // wear particles delivered, pM-equivalent
  kTreatArthritis,          // arthritis-like milieu: antigen delivered, pM
  kTreatEstrogen,           // estrogen add-back: level restored, relative to replete (0..1)
  kTreatAdoptiveTransfer,   // T cells injected at `start`: count per mm^3 of marrow
};
inline constexpr int kTreatmentCount = 19;
inline constexpr std::array<std::string_view, kTreatmentCount> kTreatmentNames = {
    "opg",           "rank_fc",       "anti_rankl",    "bisphosphonate",   "il1ra",       "tnf_blocker",  "anti_il7",
    "il7",           "anti_il17",     "ifng",             "t_cell_depletion", "thymectomy", "cd137l_ligation",
    "t_cell_activation", "tlr_stimulus", "wear_particles", "arthritis_milieu", "estrogen", "adoptive_transfer"};

template <class T = double>
constexpr std::array<T, kFieldCount> filled(T v) {
  std::array<T, kFieldCount> a{};
  for (auto& x : a) x = v;
  return a;
}

struct HostState {
  double estrogen = 1.0;   // relative to the replete level: 1 = replete, 0 = none
  // The estrogen loss 1 - E as the T cells' estrogen responses (thymic output, activated-cell life, basal
  // activation) see it: estrogen_schedule sets 1 - E, il7_mediated_t_cell_estrogen scales it by the IL-7
  // that neutralising antibodies leave (these responses run through IL-7 in the mouse, Ryan 2005).
  double t_cell_estrogen_loss = 0.0;
  // In-vitro culture (config `mode: culture`): a closed dish on a bone or dentine slice. No cells enter
  // from outside (no recruitment, thymic output or lymphopoiesis) and the in-vivo initial populations are
  // not placed: the culture_seeding rule seeds the dish. Rules that add cells from outside check this.
  bool culture = false;
  std::uint32_t genotype = 0;  // HostGenotype bits
  std::array<double, kTreatmentCount> treatment{};  // dose being given now, in the treatment's unit; 0 = none
  std::array<double, kFieldCount> field_source{};   // uniform exogenous source in marrow, pM/s
  std::array<double, kFieldCount> field_sink{};     // uniform extra first-order clearance, 1/s
  // Receptor-level antagonism: a cell senses c * signal_scale[f] (a competitive antagonist such as
  // IL-1Ra at I pM with K_i gives 1 / (1 + I/K_i): occupancy c/(c + K (1 + I/K_i))).
  std::array<double, kFieldCount> signal_scale = filled(1.0);

  bool has(HostGenotype g) const { return (genotype & g) != 0; }
  double dose(Treatment t) const { return treatment[t]; }
};

}  // namespace marrow
