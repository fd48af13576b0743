// Host settings: genotypes (host.genotype.<name>) and treatments (treatments.<name>.{dose,start,stop}),
// declared from the tables in marrow/host.hpp so that a misspelt name is an unknown key with the nearest
// valid one suggested.
#include "marrow/host_settings.hpp"

#include <string>

#include "marrow/settings.hpp"

namespace marrow {
namespace {

struct TreatmentSpec {
  const char* unit;
  double max;
  const char* description;
};

// Unit, largest dose and meaning of each treatment, in kTreatmentNames order.
constexpr std::array<TreatmentSpec, kTreatmentCount> kTreatmentSpecs = {{
    {"pM", 1e7, "OPG-Fc: RANKL decoy held at this marrow level (binds RANKL through the OPG field)"},
    {"pM", 1e7, "RANK-Fc: RANKL decoy held at this marrow level (acts through the OPG field)"},
    {"pM", 1e7, "denosumab-like anti-RANKL antibody level: clears RANKL at kon * dose"},
    {"1/day", 100, "bisphosphonate-like extra osteoclast apoptosis hazard"},
    {"pM", 1e7, "IL-1 receptor antagonist level: IL-1 signalling scaled by 1 / (1 + dose/K_i)"},
    {"pM", 1e7, "TNF-neutralising antibody level: clears TNF at kon * dose"},
    {"pM", 1e7, "IL-7-neutralising antibody level: clears IL-7 at kon * dose"},
    {"pM", 1e7, "IL-7 administration: raises marrow IL-7 by about this level"},
    {"pM", 1e7, "IL-17-neutralising antibody level: clears IL-17 at kon * dose"},
    {"pM", 1e7, "IFN-gamma administration: raises marrow IFN-gamma by about this level"},
    {"1/day", 100, "T-cell depletion (anti-CD4/CD8-like): extra T-cell death hazard"},
    {"1", 1, "thymectomy: fraction of thymic T-cell output removed"},
    {"1", 1, "CD137L ligation: fraction of CD137L on osteoclast precursors engaged by an agonist"},
    {"1/day", 100, "in-vivo T-cell activation (anti-CD3-like): extra activation hazard of naive T cells"},
    {"pM", 1e7, "TLR stimulus (bacterial ligand, periodontitis-like): marrow level delivered"},
    {"pM", 1e7, "wear particles (periprosthetic): marrow level delivered"},
    {"pM", 1e7, "arthritis-like milieu: joint antigen level delivered"},
    {"1", 1, "estrogen add-back: estrogen restored to at least this level (relative to replete)"},
    {"1/mm^3", 1e7, "adoptive transfer: T cells injected on the start day, per mm^3 of marrow"},
}};

// The field a dosed treatment delivers (source) or clears (antibody), -1 for neither.
int delivered_field(int t) {
  switch (t) {
    case kTreatOpg:
    case kTreatRankFc: return kOpg;
    case kTreatIl7: return kIl7;
    case kTreatIfng: return kIfng;
    case kTreatTlrStimulus: return kTlrLigand;
    case kTreatWearParticles: return kWear;
    case kTreatArthritis: return kAntigen;
    default: return -1;
  }
}
int neutralised_field(int t) {
  switch (t) {
    case kTreatAntiRankl: return kRankl;
    case kTreatTnfBlocker: return kTnf;
    case kTreatAntiIl7: return kIl7;
    case kTreatAntiIl17: return kIl17;
    default: return -1;
  }
}

const struct HostSettings {
  HostSettings() {
    auto& reg = SettingRegistry::global();
    for (const auto& g : kHostGenotypeNames)
      reg.add(boolean("host.genotype." + std::string(g), false, "experiment setting",
                      "host genotype: " + std::string(g)));
    for (int t = 0; t < kTreatmentCount; ++t) {
      const std::string k = "treatments." + std::string(kTreatmentNames[t]);
      const TreatmentSpec& s = kTreatmentSpecs[t];
      const std::string unit = s.unit;
      reg.add(unit == "1" ? real(k + ".dose", 0, 0, s.max, "experiment setting (0 = not given)", s.description)
                          : quantity(k + ".dose", unit, 0, 0, s.max, "experiment setting (0 = not given)", s.description));
      reg.add(quantity(k + ".start", "day", 0, 0, 1e5, "experiment setting", "first day of " + std::string(kTreatmentNames[t])));
      reg.add(quantity(k + ".stop", "day", 1e5, 0, 1e5, "experiment setting",
                       "day " + std::string(kTreatmentNames[t]) + " stops (exclusive)"));
    }
    reg.add(choice("mode", "in_vivo", {"in_vivo", "culture"}, "experiment setting",
                   "in_vivo: marrow beside bone in a living host; culture: a closed dish on a bone slice"));
    reg.add(choice("treatments.adoptive_transfer.genotype", "wild_type",
                   {"wild_type", "tnf_knockout", "ifng_knockout", "rankl_knockout", "p55_knockout"},
                   "experiment setting", "genotype of the donor of adoptively transferred T cells"));
    reg.add(quantity("treatments.antibody_kon", "1/(M*s)", 1e6, 0, 1e9,
                     "assumed: typical antibody-cytokine association rate constant (1e5-1e7 /M/s)",
                     "association rate of neutralising antibodies with their cytokine"));
    reg.add(quantity("treatments.il1ra_ki", "pM", 100, 1e-3, 1e7,
                     "assumed: IL-1Ra binds IL-1R1 about as tightly as IL-1 (sub-nM); excess is needed in vivo",
                     "IL-1 receptor antagonist inhibition constant"));
  }
} kHostSettings;

}  // namespace

HostPlan host_plan_from_config(const ResolvedConfig& cfg) {
  HostPlan p;
  for (int g = 0; g < kHostGenotypeCount; ++g)
    if (cfg.flag("host.genotype." + std::string(kHostGenotypeNames[g]))) p.genotype |= (1u << g);
  for (int t = 0; t < kTreatmentCount; ++t) {
    const std::string k = "treatments." + std::string(kTreatmentNames[t]);
    p.courses[t] = {cfg.number(k + ".dose"), cfg.number(k + ".start"), cfg.number(k + ".stop")};
  }
  p.culture = cfg.text("mode") == "culture";
  p.antibody_kon_per_pm_s = cfg.number("treatments.antibody_kon") * 1e-12;  // 1/(M s) -> 1/(pM s)
  p.il1ra_ki_pm = cfg.number("treatments.il1ra_ki");
  const std::string& donor = cfg.text("treatments.adoptive_transfer.genotype");
  if (donor == "tnf_knockout") p.transfer_genotype = kGenoTnfKo;
  if (donor == "ifng_knockout") p.transfer_genotype = kGenoIfngKo;
  if (donor == "rankl_knockout") p.transfer_genotype = kGenoRanklKo;
  if (donor == "p55_knockout") p.transfer_genotype = kGenoP55Ko;
  return p;
}

void apply_host_plan(const HostPlan& plan, double day, const std::array<double, kFieldCount>& decay_per_s,
                     HostState& host) {
  host.genotype = plan.genotype;
  host.culture = plan.culture;
  host.field_source.fill(0.0);
  host.field_sink.fill(0.0);
  host.signal_scale.fill(1.0);
  for (int t = 0; t < kTreatmentCount; ++t) {
    const double d = plan.courses[t].active(day) ? plan.courses[t].dose : 0.0;
    host.treatment[t] = d;
    if (d <= 0) continue;
    if (const int f = delivered_field(t); f >= 0) host.field_source[f] += d * decay_per_s[f];
    if (const int f = neutralised_field(t); f >= 0) host.field_sink[f] += plan.antibody_kon_per_pm_s * d;
  }
  host.signal_scale[kIl1] = 1.0 / (1.0 + host.treatment[kTreatIl1Ra] / plan.il1ra_ki_pm);
}

std::uint16_t cell_genotype_bits(std::uint32_t g, CellType t) {
  std::uint16_t b = 0;
  if (g & kHostTnfKo) b |= kGenoTnfKo;
  if (g & kHostP55Ko) b |= kGenoP55Ko;
  if (g & kHostP75Ko) b |= kGenoP75Ko;
  if (g & kHostIfngrKo) b |= kGenoIfngrKo;
  if (g & kHostIl17rKo) b |= kGenoIl17rKo;
  if (g & kHostIfngKo) b |= kGenoIfngKo;
  if ((g & kHostRanklKoB) && t == CellType::BCell) b |= kGenoRanklKo;
  if ((g & kHostRanklKoT) && t == CellType::TCell) b |= kGenoRanklKo;
  return b;
}

}  // namespace marrow
