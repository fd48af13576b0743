// Rule osteoblast_coupling: OBs are recruited to resorbed surfaces and refill the pits, so that in
// physiological conditions formation equals resorption (seed, "Conclusion": OB and OC activity is
// coupled so that the amount of resorption is equal to the amount of formation).
//  - coupling factor: resorbed surface not yet refilled releases TGF-beta, rate q_m * deficit per voxel
//    (osteoclast_resorption releases it during resorption too);
//  - commitment: a stromal cell divides asymmetrically into an osteoblast precursor at
//    k_commit * f_T * g_diff,  f_T = TGF/(TGF + K_T), g_diff the stromal cell's differentiation_gain
//    (1 unless a cytokine acts on commitment);  precursors die at d_pre unless they reach a pit;
//  - activation: a precursor on the surface next to a deficit becomes an active osteoblast (k_act);
//  - formation: an active osteoblast adds mineral to the deficit voxels in contact (free, or its own),
//    the one nearest the pit floor (most mineral) first, at the apposition rate a: dm = a * dt / h per
//    tick, never beyond the deficit, so a pit is refilled to its original level and no further; when
//    its own voxel fills it steps up into free marrow, or stays buried and leaves (an osteocyte);
//  - end: after its working life, or when no deficit is left in reach, an active osteoblast becomes a
//    lining cell where none is in contact, else it dies (apoptosis). With `follow_deficit` (on in the
//    human parameter set, off in the mouse one) an active osteoblast whose reach is filled first steps
//    to a free face neighbour that touches a deficit, so that the team lines the whole cavity
//    (docs/model.md, "Session 16: human remodeling units"). With `lining_reactivation` (human set only
//    too) a lining cell with a fillable deficit in contact becomes active at k_act (lining cells are a
//    source of adult osteoblasts: Matic et al. 2016).
//  - With `keep_cavities_open` (on in both species; off restores the sealing) a cavity is refilled
//    from the inside out: no marrow voxel is raised past half its mineral (closed) while marrow that
//    cells reach only through it is left, since the deficit around that marrow would be sealed in and
//    never refilled (docs/model.md, "Session 20: cavities refilled from the inside"); such a voxel
//    is held just under the threshold until the cavity behind it is closed.
#include <algorithm>

#include "cavity_closure.hpp"
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.osteoblast_coupling.";
const SettingRegistrar kSettings{
    quantity(P + "k_tgfb", "pM", 10, 1e-6, 1e6, "assumed", "coupling factor half-saturation"),
    quantity(P + "commitment", "1/day", 0.3, 0, 100, "assumed", "maximal stromal commitment to OB precursors"),
    quantity(P + "precursor_death", "1/day", 0.2, 0, 100, "assumed", "death rate of OB precursors"),
    quantity(P + "activation", "1/day", 4, 0, 1000, "assumed", "precursor to active OB rate at a pit"),
    quantity2(P + "apposition", "um/day", 1.5, 0.8, 0, 100,
              "VALIDATION.md: human formation 0.6-1 um/day (Eriksen 1984); mouse assumed faster",
              "mineral apposition rate of one active osteoblast"),
    quantity2(P + "working_life", "day", 30, 90, 0.1, 1e4,
              "VALIDATION.md: active OBs work about 3 months (human); mouse assumed shorter",
              "working life of an active osteoblast"),
    quantity(P + "matrix_release", "zmol/h", 5, 0, 1e7, "assumed",
             "coupling factor released by one fully resorbed, unrefilled voxel"),
    boolean2(P + "lining_reactivation", false, true,
             "human set: lining cells are a source of adult osteoblasts (Matic et al. 2016, in mice); with follow_deficit and "
             "keep_cavities_open the human plate is in steady state (docs/model.md 'Session 20'); off in the mouse set, "
             "where on it removes most of the OVX loss (docs/model.md 'Session 22')",
             "a lining cell with a fillable deficit in contact becomes an active osteoblast at the activation rate"),
    boolean2(P + "follow_deficit", false, true,
             "human set, assumed: the osteoblast team lines the whole cavity; measured in docs/model.md "
             "'Session 16' and 'Session 20'; off in the mouse set, where on it halves the OVX loss (docs/model.md 'Session 22')",
             "an active osteoblast with no deficit in reach steps to a free face neighbour that has one, "
             "instead of retiring"),
    boolean(P + "keep_cavities_open", true,
            "a fix: without it cavities are sealed with their deficit inside (docs/model.md 'Session 19'); see "
            "'Session 20: cavities refilled from the inside'",
            "no marrow voxel is refilled past half its mineral while marrow reachable only through it is left"),
};

// With `keep_cavities_open`: whether adding `add` to voxel v must stop at kHeldOpenMineral, because v is
// marrow whose closing would cut marrow off. The search for a cut is made only when the addition would
// cross the held level, which is rare.
bool must_hold_open(const SimState& s, std::size_t v, double add) {
  const float m = s.bone.mineral[v];
  return m < kSolidThreshold && m + add > kHeldOpenMineral && closing_cuts_off_marrow(s, v);
}

// A voxel an osteoblast can fill: resorbed and not refilled, short of full mineral (a full voxel takes no
// more, whatever single-precision residue of deficit it still records), not held open at the threshold
// (with keep_open), and free or its own (it then moves up).
bool fillable(const SimState& s, std::size_t v, std::size_t self, bool keep_open) {
  return s.bone.deficit[v] > 1e-6f && s.bone.mineral[v] < 1.0f &&
         (s.occupant[v] < 0 || s.occupant[v] == static_cast<std::int32_t>(self)) &&
         !(keep_open && kHeldOpenMineral - s.bone.mineral[v] <= 1e-6f && must_hold_open(s, v, 1.0));
}

// A fillable deficit among the 27 voxels around (x, y, z), for osteoblast `self`.
bool deficit_around(const SimState& s, int x, int y, int z, std::size_t self, bool keep_open) {
  const GridSpec& g = s.grid;
  for (int dz = -1; dz <= 1; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int a = x + dx, b = y + dy, c = z + dz;
        if (g.contains(a, b, c) && fillable(s, g.index(a, b, c), self, keep_open)) return true;
      }
  return false;
}

bool deficit_in_contact(const SimState& s, std::size_t i, bool keep_open) {
  return deficit_around(s, s.agents.x[i], s.agents.y[i], s.agents.z[i], i, keep_open);
}

// A free marrow face neighbour of osteoblast i with a fillable deficit around it, chosen at random; -1 if none.
std::int32_t step_to_deficit(const SimState& s, std::size_t i, RandomStream& r, bool keep_open) {
  return random_free_step(s, i, r, [&](int x, int y, int z) { return deficit_around(s, x, y, z, i, keep_open); });
}

bool lining_in_contact(const SimState& s, std::size_t i) {
  const GridSpec& g = s.grid;
  for (int dz = -1; dz <= 1; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int a = s.agents.x[i] + dx, b = s.agents.y[i] + dy, c = s.agents.z[i] + dz;
        if (!g.contains(a, b, c) || (dx == 0 && dy == 0 && dz == 0)) continue;
        const std::int32_t j = s.occupant[g.index(a, b, c)];
        if (j >= 0 && s.agents.cell_type(j) == CellType::Osteoblast &&
            s.agents.state[j] == static_cast<std::uint8_t>(ObState::Lining))
          return true;
      }
  return false;
}

class OsteoblastCoupling final : public Rule {
 public:
  explicit OsteoblastCoupling(const ResolvedConfig& c)
      : k_t_(c.number(P + "k_tgfb")),
        commit_(c.number(P + "commitment")),
        d_pre_(c.number(P + "precursor_death")),
        act_(c.number(P + "activation")),
        apposition_(c.number(P + "apposition")),
        life_h_(24.0 * c.number(P + "working_life")),
        release_(c.number(P + "matrix_release")),
        follow_(c.flag(P + "follow_deficit")),
        reactivate_(c.flag(P + "lining_reactivation")),
        keep_open_(c.flag(P + "keep_cavities_open")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    Intent& in = ctx.intents[i];
    const CellType t = a.cell_type(i);
    if (t == CellType::Stromal) {
      RandomStream r = ctx.stream(Stream::Stromal, a.id[i]);
      // differentiation_gain: the cytokine actions on commitment (tnf_p55_osteoblast_suppression).
      const double rate = commit_ * occupancy(field_at(s, kTgfb, i), k_t_) * a.differentiation_gain[i];
      if (r.event(per_tick(rate, ctx.dt_h))) {
        in.divide = 1;
        in.daughter_type = static_cast<std::uint8_t>(CellType::Osteoblast);
        in.daughter_state = static_cast<std::uint8_t>(ObState::Precursor);
        in.choice = static_cast<std::uint32_t>(r.below(1 << 16));
      }
      return;
    }
    if (t != CellType::Osteoblast) return;
    const auto st = static_cast<ObState>(a.state[i]);
    if (s.bone.solid[voxel_of(s, i)]) {  // buried in the matrix it made: leaves the marrow (osteocyte)
      in.die = 1;
      return;
    }
    RandomStream r = ctx.stream(Stream::Osteoblast, a.id[i]);
    if (st == ObState::Precursor) {
      if (s.bone.surface[voxel_of(s, i)] && deficit_in_contact(s, i, keep_open_)) {
        if (r.event(per_tick(act_, ctx.dt_h))) become(in, CellType::Osteoblast, std::uint8_t(ObState::Active));
      } else if (r.event(per_tick(d_pre_, ctx.dt_h))) {
        in.die = 1;
      }
    } else if (st == ObState::Active) {
      const bool worn_out = (ctx.tick - a.state_tick[i]) * ctx.dt_h >= life_h_;
      if (!worn_out && deficit_in_contact(s, i, keep_open_)) return;
      if (!worn_out && follow_) {
        in.move_to = step_to_deficit(s, i, r, keep_open_);
        if (in.move_to >= 0) return;
      }
      if (lining_in_contact(s, i)) in.die = 1;
      else become(in, CellType::Osteoblast, std::uint8_t(ObState::Lining));
    } else if (st == ObState::Lining && reactivate_ && deficit_in_contact(s, i, keep_open_)) {
      if (r.event(per_tick(act_, ctx.dt_h))) become(in, CellType::Osteoblast, std::uint8_t(ObState::Active));
    }
  }

  void add_sources(const SimState& s, std::vector<std::vector<double>>& src) const override {
    const double per_voxel = release_ * 1e6 / 3600.0 / s.grid.voxel_volume_um3();  // zmol/h -> pM/s
    const GridSpec& g = s.grid;
    for (std::size_t v = 0; v < g.size(); ++v) {
      if (s.bone.deficit[v] <= 0) continue;
      const double q = per_voxel * std::min(1.0f, s.bone.deficit[v]);
      if (!s.bone.solid[v]) {
        src[kTgfb][v] += q;
        continue;
      }
      // A partly resorbed solid voxel releases into the first marrow voxel it faces.
      any_face_neighbour(g, v, [&](std::size_t j) {
        if (s.bone.solid[j]) return false;
        src[kTgfb][j] += q;
        return true;
      });
    }
  }

  void bone(TickContext& ctx) override {
    SimState& s = ctx.state;
    AgentStore& a = s.agents;
    const GridSpec& g = s.grid;
    const double step = apposition_ / 24.0 * ctx.dt_h / g.voxel_um;  // mineral fraction per tick
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a.cell_type(i) != CellType::Osteoblast || a.state[i] != static_cast<std::uint8_t>(ObState::Active)) continue;
      double left = step * a.formation_gain[i];
      // Voxels of its reach held open this tick (keep_cavities_open): passed over for the next fullest.
      std::size_t held[27];
      int n_held = 0;
      while (left > 0) {
        std::int64_t best = -1;
        for (int dz = -1; dz <= 1; ++dz)
          for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
              const int x = a.x[i] + dx, y = a.y[i] + dy, z = a.z[i] + dz;
              if (!g.contains(x, y, z)) continue;
              const std::size_t v = g.index(x, y, z);
              if (!fillable(s, v, i, false) || std::find(held, held + n_held, v) != held + n_held) continue;
              if (best < 0 || s.bone.mineral[v] > s.bone.mineral[best]) best = static_cast<std::int64_t>(v);
            }
        if (best < 0) break;
        double room = std::min<double>({left, s.bone.deficit[best], 1.0 - s.bone.mineral[best]});
        if (keep_open_ && must_hold_open(s, best, room)) {
          room = std::min<double>(room, kHeldOpenMineral - s.bone.mineral[best]);
          if (room <= 1e-6) {  // held open: pass it over this tick
            held[n_held++] = static_cast<std::size_t>(best);
            continue;
          }
        }
        const float add = static_cast<float>(room);
        s.bone.mineral[best] += add;
        s.bone.formed[best] += add;
        s.bone.deficit[best] -= add;
        // Refilled: clear the rounding residue, so that a full voxel records no deficit.
        if (s.bone.deficit[best] < 1e-6f || s.bone.mineral[best] >= 1.0f) s.bone.deficit[best] = 0;
        s.total_formed_um3 += add * g.voxel_volume_um3();
        left -= add;
        if (add <= 0) break;
      }
      const std::size_t own = voxel_of(s, i);
      if (s.bone.mineral[own] >= kSolidThreshold) move_up(s, i, own);
    }
  }

 private:
  // An osteoblast whose own voxel filled up steps into a free marrow neighbour, as the pit fills.
  static void move_up(SimState& s, std::size_t i, std::size_t own) {
    const GridSpec& g = s.grid;
    AgentStore& a = s.agents;
    for (int f = 0; f < face_neighbour_count(g); ++f) {
      const int x = a.x[i] + kFaceOffsets[f][0], y = a.y[i] + kFaceOffsets[f][1], z = a.z[i] + kFaceOffsets[f][2];
      if (!g.contains(x, y, z)) continue;
      const std::size_t v = g.index(x, y, z);
      if (s.bone.mineral[v] >= kSolidThreshold || s.occupant[v] >= 0) continue;
      s.occupant[own] = -1;
      s.occupant[v] = static_cast<std::int32_t>(i);
      a.x[i] = x;
      a.y[i] = y;
      a.z[i] = z;
      return;
    }
  }
  double k_t_, commit_, d_pre_, act_, apposition_, life_h_, release_;
  bool follow_, reactivate_, keep_open_;
};

}  // namespace
MARROW_RULE(OsteoblastCoupling, "osteoblast_coupling", 610);
}  // namespace marrow::bio
