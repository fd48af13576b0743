// Rule culture_seeding: the in-vitro culture mode (config `mode: culture`). A closed dish on a bone or
// dentine slice (geometry.type: slice) is seeded with a chosen mix of cells: PBMC (monocytes plus T
// cells, optionally T-cell-depleted) or purified precursors, dendritic cells, B cells, osteoblasts or
// stromal cells; factors added to the medium (M-CSF, RANKL, OPG, SOFAT, TNF, IL-1, IFN-gamma, IL-7,
// antigen, wear particles) are held at their dosed level (added calcitriol acts through the rule
// calcitriol_stromal_rankl). Read-outs: multinucleated osteoclasts, nuclei per osteoclast, pit area and
// the secreted factors (fields and per-cell secretion). Experiment setting, not a mechanism: it decides
// what is in the dish; the rules decide what the cells do. The donor's host settings (estrogen schedule,
// genotype) are the arm's own.
//   cells of type t seeded = density_t x slice area, on marrow voxels touching the slice first
//   the thin layer of medium on the slice exchanges with the well's medium (a reservoir ~1000x its volume,
//   holding the added level D_f and diluting what cells secrete) at rate k_m:
//   source D_f (k_f + k_m), extra clearance k_m for every field (k_f the field's decay)
#include <algorithm>
#include <array>
#include <cmath>

#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "culture.";
const SettingRegistrar kSettings{
    quantity(P + "monocytes", "1/mm^2", 1500, 0, 1e5,
             "experiment setting; PBMC at ~1e6/cm^2 with ~15% monocytes", "monocytes seeded per mm^2 of slice"),
    quantity(P + "t_cells", "1/mm^2", 6000, 0, 1e5, "experiment setting; ~60-70% of PBMC are T cells",
             "T cells seeded per mm^2 of slice"),
    real(P + "t_cell_depletion", 0, 0, 1, "experiment setting (e.g. anti-CD3 beads remove ~95-99%)",
         "fraction of the T cells removed before seeding"),
    real(P + "cd8_share", 0.33, 0, 1, "CD4:CD8 about 2:1 in blood", "share of seeded T cells that are CD8"),
    real(P + "effector_share", 0.05, 0, 1, "assumed: few circulating CD4 T cells are activated",
         "share of seeded CD4 T cells already activated (effector)"),
    quantity(P + "b_cells", "1/mm^2", 0, 0, 1e5, "experiment setting", "B cells seeded per mm^2 (resting)"),
    quantity(P + "b220_precursors", "1/mm^2", 0, 0, 1e5, "experiment setting",
             "B220+IgM- B-cell precursors seeded per mm^2"),
    quantity(P + "dendritic_cells", "1/mm^2", 0, 0, 1e5, "experiment setting", "immature DCs seeded per mm^2"),
    quantity(P + "osteoblasts", "1/mm^2", 0, 0, 1e5, "experiment setting", "active osteoblasts seeded per mm^2"),
    quantity(P + "stromal_cells", "1/mm^2", 0, 0, 1e5, "experiment setting", "stromal cells seeded per mm^2"),
    quantity(P + "added.mcsf", "pM", 0, 0, 1e7, "experiment setting; 25 ng/mL M-CSF ~ 600 pM (dimer)", "M-CSF added to the medium"),
    quantity(P + "added.rankl", "pM", 0, 0, 1e7, "experiment setting; 50 ng/mL sRANKL ~ 600 pM (trimer)", "RANKL added"),
    quantity(P + "added.opg", "pM", 0, 0, 1e7, "experiment setting", "OPG added"),
    quantity(P + "added.sofat", "pM", 0, 0, 1e7, "experiment setting", "SOFAT added"),
    quantity(P + "added.tnf", "pM", 0, 0, 1e7, "experiment setting", "TNF-alpha added"),
    quantity(P + "added.il1", "pM", 0, 0, 1e7, "experiment setting", "IL-1 added"),
    quantity(P + "added.ifng", "pM", 0, 0, 1e7, "experiment setting", "IFN-gamma added"),
    quantity(P + "added.il7", "pM", 0, 0, 1e7, "experiment setting", "IL-7 added"),
    quantity(P + "added.antigen", "pM", 0, 0, 1e7, "experiment setting", "antigen added (presented to T cells)"),
    quantity(P + "added.wear", "pM", 0, 0, 1e7, "experiment setting", "wear particles added (as a particle-equivalent level)"),
    quantity(P + "added.calcitriol", "nM", 0, 0, 1e4,
             "experiment setting; 10 nM (1e-8 M) 1,25-dihydroxyvitamin D3 is the usual dose of mouse marrow "
             "osteoclast cultures (Takahashi 1988; Grcevic 2000); it acts on the stromal cells "
             "(rule calcitriol_stromal_rankl), it is not a diffusing field",
             "1,25-dihydroxyvitamin D3 (calcitriol) added to the medium"),
    quantity(P + "medium_exchange", "1/min", 0.05, 0, 100,
             "assumed: the cells' layer mixes with millimetres of medium above it within tens of minutes "
             "(diffusion over ~300 um at 10 um^2/s), and medium is renewed every few days",
             "exchange rate of the medium at the cells with the well's reservoir"),
    quantity(P + "medium_depth", "mm", 0, 0, 100,
             "experiment setting; 0: the well holds only the added levels, what the cells secrete is diluted away "
             "(the validated default); 0.5 mL in a 24-well plate stands about 2.6 mm deep",
             "depth of the well's medium above the cells, h_w"),
    quantity(P + "medium_change_every", "d", 3, 0.01, 1000, "experiment setting: medium renewed every few days",
             "interval between medium changes, T (what the cells secreted goes with the old medium)"),
    quantity(P + "in_vitro_half_life", "h", 0, 0, 1e5,
             "0: the fields keep their in-vivo clearance in the dish (the validated default); recombinant "
             "cytokines in medium at 37 C last hours to days (assumed)",
             "half-life of every field in the dish, replacing its in-vivo decay (src/core/field_settings.cpp)"),
};

struct Added {
  FieldId field;
  const char* key;
};
constexpr Added kAdded[] = {{kMcsf, "mcsf"}, {kRankl, "rankl"}, {kOpg, "opg"},   {kSofat, "sofat"},
                            {kTnf, "tnf"},   {kIl1, "il1"},     {kIfng, "ifng"}, {kIl7, "il7"},
                            {kAntigen, "antigen"}, {kWear, "wear"}};

class CultureSeeding final : public Rule {
 public:
  explicit CultureSeeding(const ResolvedConfig& c) : culture_(c.text("mode") == "culture") {
    for (const char* k : {"monocytes", "t_cells", "b_cells", "b220_precursors", "dendritic_cells", "osteoblasts",
                          "stromal_cells"})
      density_[k] = c.number(P + k);
    depletion_ = c.number(P + "t_cell_depletion");
    cd8_ = c.number(P + "cd8_share");
    effector_ = c.number(P + "effector_share");
    for (const auto& a : kAdded) added_[a.field] = c.number(P + "added." + a.key);
    // Added RANKL and OPG meet in millimetres of well-mixed medium for hours before they reach the cells,
    // and OPG binds RANKL far more tightly than RANK does (VALIDATION.md), so the medium holds only the
    // excess of either (1:1, as the field binding fields.opg_rankl_kon counts it).
    const double bound = std::min(added_[kRankl], added_[kOpg]);
    added_[kRankl] -= bound;
    added_[kOpg] -= bound;
    exchange_per_s_ = c.number(P + "medium_exchange") / 60.0;
    well_depth_um_ = c.number(P + "medium_depth") * 1000.0;
    renewal_per_s_ = 2.0 / (c.number(P + "medium_change_every") * 86400.0);
  }

  void host(TickContext& ctx) override {
    if (!culture_) return;
    HostState& h = ctx.state.host;
    for (int f = 0; f < kFieldCount; ++f) {
      h.field_sink[f] += exchange_per_s_;
      if (added_[f] > 0) h.field_source[f] += added_[f] * (ctx.state.fields.params[f].decay_per_s + exchange_per_s_);
    }
    if (well_depth_um_ > 0) accumulate_in_well(ctx.state);
  }

  void initialise(SimState& s, std::uint64_t seed) override {
    if (!culture_) return;
    const GridSpec& g = s.grid;
    const double area_mm2 = g.nx * g.ny * g.voxel_um * g.voxel_um * 1e-6;
    // Cells settle onto the slice: free marrow voxels touching bone first (in a seeded random order),
    // then the rest of the medium.
    RandomStream r(seed, Stream::Culture, 0, 0);
    std::vector<std::size_t> near, far;
    for (std::size_t v = 0; v < g.size(); ++v) {
      if (s.bone.solid[v] || s.occupant[v] >= 0) continue;
      const VoxelCoords c = g.coords(v);
      (near_bone(s, c.x, c.y, c.z, 1) ? near : far).push_back(v);
    }
    shuffle(near, r);
    shuffle(far, r);
    near.insert(near.end(), far.begin(), far.end());
    std::size_t next = 0;
    auto seed_cells = [&](CellType t, double per_mm2, auto&& state_of, std::uint8_t lineage) {
      const auto n = static_cast<std::size_t>(std::llround(per_mm2 * area_mm2));
      for (std::size_t k = 0; k < n && next < near.size(); ++k, ++next) {
        const std::size_t v = near[next];
        const VoxelCoords c = g.coords(v);
        const std::size_t i = s.agents.add(t, state_of(k), c.x, c.y, c.z, 0);
        s.agents.lineage[i] = lineage;
        s.occupant[v] = static_cast<std::int32_t>(i);
      }
    };
    auto fixed = [](std::uint8_t st) { return [st](std::size_t) { return st; }; };
    seed_cells(CellType::Monocyte, density_["monocytes"], fixed(0), kLineageMonocyte);
    // T cells: CD8 share, and among CD4 an effector share; states by deterministic interleaving.
    const double t_density = density_["t_cells"] * (1.0 - depletion_);
    seed_cells(CellType::TCell, t_density, [&](std::size_t k) {
      const double u = std::fmod((k + 0.5) * 0.6180339887498949, 1.0);  // low-discrepancy split
      if (u < cd8_) return static_cast<std::uint8_t>(TState::Cd8);
      return static_cast<std::uint8_t>((u - cd8_) / (1.0 - cd8_) < effector_ ? TState::Cd4Effector : TState::Cd4Naive);
    }, 0);
    seed_cells(CellType::BCell, density_["b_cells"], fixed(static_cast<std::uint8_t>(BState::Resting)), 0);
    seed_cells(CellType::BCell, density_["b220_precursors"], fixed(static_cast<std::uint8_t>(BState::Precursor)),
               kLineageBCell);
    seed_cells(CellType::Dendritic, density_["dendritic_cells"], fixed(0), kLineageDendritic);
    seed_cells(CellType::Osteoblast, density_["osteoblasts"], fixed(static_cast<std::uint8_t>(ObState::Active)), 0);
    seed_cells(CellType::Stromal, density_["stromal_cells"], fixed(0), 0);
  }

 private:
  static void shuffle(std::vector<std::size_t>& v, RandomStream& r) {
    for (std::size_t k = v.size(); k > 1; --k) std::swap(v[k - 1], v[static_cast<std::size_t>(r.below(static_cast<int>(k)))]);
  }

  // The well's medium (depth h_w) also holds what the cells secrete, A_f on top of the added level, until
  // the medium is changed. Quasi-steady, from the layer's mean c_f of the last tick:
  //   A_f = rho k_m (c_f - D_f) / (rho k_m + k_f + 2/T),  rho = layer volume / well volume
  // (2/T: a level that builds up from 0 over T averages half its end value); the layer gains k_m A_f.
  // A_f < 0 when the cells consume an added factor; the well never holds less than nothing.
  void accumulate_in_well(SimState& s) const {
    const GridSpec& g = s.grid;
    std::size_t n = 0;  // one pass over the dish: its marrow voxels and every field's sum over them
    std::array<double, kFieldCount> sum{};
    for (std::size_t v = 0; v < g.size(); ++v) {
      if (s.bone.solid[v]) continue;
      ++n;
      for (int f = 0; f < kFieldCount; ++f) sum[f] += s.fields.c[f][v];
    }
    if (n == 0) return;
    const double rho = n * g.voxel_volume_um3() / (g.nx * g.ny * g.voxel_um * g.voxel_um * well_depth_um_);
    const double k = rho * exchange_per_s_;
    for (int f = 0; f < kFieldCount; ++f) {
      const double mean = sum[f] / static_cast<double>(n);
      const double held = std::max(k * (mean - added_[f]) / (k + s.fields.params[f].decay_per_s + renewal_per_s_),
                                   -added_[f]);
      s.host.field_source[f] += exchange_per_s_ * held;
    }
  }

  bool culture_;
  std::map<std::string, double> density_;
  double depletion_, cd8_, effector_, exchange_per_s_, well_depth_um_, renewal_per_s_;
  double added_[kFieldCount] = {};
};

}  // namespace
MARROW_RULE(CultureSeeding, "culture_seeding", 1);
}  // namespace marrow::bio
