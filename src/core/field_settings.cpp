// Transport parameters of the cytokine fields (diffusivity, decay, OPG-RANKL binding).
#include "marrow/field_settings.hpp"

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
    quantity("fields.opg_rankl_kon", "1/(nM*s)", 0.01, 0, 1,
             "assumed ~1e7 /M/s association; OPG binds RANKL far more tightly than RANK (VALIDATION.md); the "
             "complex is treated as inactive and cleared",
             "OPG-RANKL association rate constant"),
    integer("solver.binding_passes", 3, 1, 20,
            "assumed: later passes converge in 0-1 iterations (warm start), so 3 cost little",
            "alternating OPG/RANKL solves per tick for their mutual binding"),
    real("solver.tolerance", 1e-6, 1e-14, 1e-2, "assumed", "relative residual of each field solve"),
};

}  // namespace

FieldSet fields_from_config(const ResolvedConfig& cfg, std::size_t voxels) {
  FieldSet f;
  for (int i = 0; i < kFieldCount; ++i) {
    const std::string p = "fields." + std::string(kFieldNames[i]);
    f.params[i].diffusivity_um2_s = cfg.number(p + ".diffusivity");
    f.params[i].decay_per_s = cfg.number(p + ".decay") / 60.0;
    f.c[i].assign(voxels, 0.0);
  }
  f.opg_rankl_kon = cfg.number("fields.opg_rankl_kon") * 1e-3;  // 1/(nM s) -> 1/(pM s)
  return f;
}

}  // namespace marrow
