// Transport parameters of the cytokine fields (diffusivity, decay, OPG-RANKL binding).
#include "marrow/field_settings.hpp"

#include <cmath>

#include "marrow/settings.hpp"

namespace marrow {
namespace {

const SettingRegistrar kSettings{
    quantity("fields.rankl.diffusivity", "um^2/s", 15, 0.01, 1e4,
             "VALIDATION.md transport: cytokines 10-20 um^2/s in tissue", "soluble RANKL diffusivity"),
    quantity("fields.rankl.decay", "1/min", 0.046, 0, 100,
             "VALIDATION.md: plasma half-lives 10-20 min reflect clearance (t1/2 = 15 min)", "soluble RANKL decay"),
    quantity("fields.opg.diffusivity", "um^2/s", 10, 0.01, 1e4,
             "VALIDATION.md: the OPG dimer (~120 kDa) diffuses somewhat slower", "OPG diffusivity"),
    quantity("fields.opg.decay", "1/min", 0.035, 0, 100, "assumed, t1/2 = 20 min (VALIDATION.md range)",
             "OPG decay"),
    quantity("fields.mcsf.diffusivity", "um^2/s", 10, 0.01, 1e4,
             "VALIDATION.md: M-CSF at 70-90 kDa diffuses somewhat slower", "M-CSF diffusivity"),
    quantity("fields.mcsf.decay", "1/min", 0.005, 0, 100,
             "VALIDATION.md: M-CSF is cleared mainly by receptor uptake, so its free decay is slow (assumed)",
             "M-CSF decay outside receptor uptake"),
    quantity("fields.tgfb.diffusivity", "um^2/s", 15, 0.01, 1e4, "VALIDATION.md transport range",
             "coupling factor (TGF-beta) diffusivity"),
    quantity("fields.tgfb.decay", "1/min", 0.035, 0, 100, "assumed, t1/2 = 20 min", "coupling factor decay"),
    // Immune cytokines: small soluble proteins (15-50 kDa) in the VALIDATION.md transport range.
    quantity("fields.tnf.diffusivity", "um^2/s", 15, 0.01, 1e4, "VALIDATION.md transport range (TNF trimer ~51 kDa)",
             "TNF-alpha diffusivity"),
    quantity("fields.tnf.decay", "1/min", 0.046, 0, 100, "VALIDATION.md: plasma t1/2 10-20 min (15 min)", "TNF-alpha decay"),
    quantity("fields.il1.diffusivity", "um^2/s", 20, 0.01, 1e4, "VALIDATION.md transport range (IL-1 ~17 kDa)",
             "IL-1 diffusivity"),
    quantity("fields.il1.decay", "1/min", 0.046, 0, 100, "VALIDATION.md: t1/2 10-20 min (15 min)", "IL-1 decay"),
    quantity("fields.il6.diffusivity", "um^2/s", 20, 0.01, 1e4, "VALIDATION.md transport range (IL-6 ~21 kDa)",
             "IL-6 diffusivity"),
    quantity("fields.il6.decay", "1/min", 0.046, 0, 100, "VALIDATION.md: t1/2 10-20 min (15 min)", "IL-6 decay"),
    quantity("fields.il7.diffusivity", "um^2/s", 20, 0.01, 1e4, "VALIDATION.md transport range (IL-7 ~17 kDa)",
             "IL-7 diffusivity"),
    quantity("fields.il7.decay", "1/min", 0.035, 0, 100, "assumed, t1/2 = 20 min (VALIDATION.md range)", "IL-7 decay"),
    quantity("fields.il17.diffusivity", "um^2/s", 15, 0.01, 1e4, "VALIDATION.md transport range (IL-17A dimer ~35 kDa)",
             "IL-17 diffusivity"),
    quantity("fields.il17.decay", "1/min", 0.046, 0, 100, "VALIDATION.md: t1/2 10-20 min (15 min)", "IL-17 decay"),
    quantity("fields.ifng.diffusivity", "um^2/s", 15, 0.01, 1e4, "VALIDATION.md transport range (IFN-g dimer ~34 kDa)",
             "IFN-gamma diffusivity"),
    quantity("fields.ifng.decay", "1/min", 0.046, 0, 100, "VALIDATION.md: t1/2 10-20 min (15 min)", "IFN-gamma decay"),
    quantity("fields.sofat.diffusivity", "um^2/s", 15, 0.01, 1e4, "assumed, VALIDATION.md transport range",
             "SOFAT diffusivity"),
    quantity("fields.sofat.decay", "1/min", 0.035, 0, 100, "assumed, t1/2 = 20 min", "SOFAT decay"),
    // Stimuli: a bacterial TLR ligand (LPS-like, small), wear particles (micrometre debris: barely move,
    // cleared slowly by phagocytes) and a generic soluble antigen.
    quantity("fields.tlr_ligand.diffusivity", "um^2/s", 20, 0.01, 1e4, "assumed, small soluble ligand",
             "TLR ligand diffusivity"),
    quantity("fields.tlr_ligand.decay", "1/min", 0.01, 0, 100, "assumed, t1/2 ~ 70 min", "TLR ligand decay"),
    quantity("fields.wear.diffusivity", "um^2/s", 0.1, 0.01, 1e4,
             "assumed: micrometre particles spread by tissue flow, far slower than proteins", "wear-particle spread"),
    quantity("fields.wear.decay", "1/min", 0.0005, 0, 100, "assumed: cleared over about a day by phagocytes",
             "wear-particle clearance"),
    quantity("fields.antigen.diffusivity", "um^2/s", 10, 0.01, 1e4, "assumed, soluble protein antigen",
             "antigen diffusivity"),
    quantity("fields.antigen.decay", "1/min", 0.01, 0, 100, "assumed, t1/2 ~ 70 min", "antigen decay"),
    quantity("fields.opg_rankl_kon", "1/(nM*s)", 0.01, 0, 1,
             "assumed ~1e7 /M/s association; OPG binds RANKL far more tightly than RANK (VALIDATION.md); the "
             "complex is treated as inactive and cleared",
             "OPG-RANKL association rate constant"),
    integer("solver.binding_passes", 3, 1, 20,
            "assumed: later passes converge in 0-1 iterations (warm start), so 3 cost little",
            "alternating OPG/RANKL solves per tick for their mutual binding"),
    real("solver.tolerance", 1e-6, 1e-14, 1e-2, "assumed",
         "relative residual of the bone-core field solves (RANKL, OPG, M-CSF, TGF-beta)"),
    real("solver.signal_tolerance", 1e-4, 1e-14, 1e-2,
         "assumed: the immune cytokines and stimuli act through saturating occupancies whose half-saturations are "
         "known to a factor of a few, so a 1e-4 residual is far inside their uncertainty; it saves ~40% of the "
         "exchange time (docs/solver.md)",
         "relative residual of the other field solves (immune cytokines, stimuli)"),
};

}  // namespace

FieldSet fields_from_config(const ResolvedConfig& cfg, std::size_t voxels) {
  FieldSet f;
  // A dish has no renal, hepatic or tissue clearance: with culture.in_vitro_half_life set, every field
  // decays there with that half-life instead (culture_seeding's well uses the same rate).
  const double half_life_h = cfg.text("mode") == "culture" ? cfg.number("culture.in_vitro_half_life") : 0.0;
  for (int i = 0; i < kFieldCount; ++i) {
    const std::string p = "fields." + std::string(kFieldNames[i]);
    f.params[i].diffusivity_um2_s = cfg.number(p + ".diffusivity");
    f.params[i].decay_per_s =
        half_life_h > 0 ? std::log(2.0) / (half_life_h * 3600.0) : cfg.number(p + ".decay") / 60.0;
    f.c[i].assign(voxels, 0.0);
  }
  f.opg_rankl_kon = cfg.number("fields.opg_rankl_kon") * 1e-3;  // 1/(nM s) -> 1/(pM s)
  return f;
}

}  // namespace marrow
