// Rule cell_motility: random motion of marrow cells, and chemotaxis where the seed implies it:
// osteoclast precursors are "attracted in bone by stimulatory cytokines" (seed, "OC modulates T cell
// activity"), here up the RANKL gradient; osteoblast precursors are recruited to resorbed surfaces up
// the gradient of the coupling factor released from the matrix (TGF-beta).
// Lattice motility: at most one face-neighbour hop per tick, taken with probability
//   p = min(1, speed * dt / h)
// and, when taken, it goes up-gradient with probability `bias` (if a free neighbour is higher), else to
// a random free neighbour. At h = 10 um and dt = 1 h this caps speeds at 10 um/h (0.17 um/min): the
// lattice under-represents fast amoeboid migration; that is what it is.
#include <algorithm>

#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.cell_motility.";
const SettingRegistrar kSettings{
    quantity(P + "monocyte_speed", "um/h", 10, 0, 1e4, "assumed; capped by the lattice", "monocyte speed"),
    quantity(P + "precursor_speed", "um/h", 10, 0, 1e4, "assumed; capped by the lattice",
             "pre-osteoclast and osteoblast-precursor speed"),
    quantity(P + "osteoclast_speed", "um/h", 2, 0, 1e4, "assumed: OCs migrate slowly along the surface",
             "osteoclast speed along the bone surface"),
    real(P + "rankl_bias", 0.5, 0, 1, "assumed", "probability that a precursor's hop follows the RANKL gradient"),
    real(P + "tgfb_bias", 0.7, 0, 1, "assumed", "probability that an osteoblast precursor's hop follows TGF-beta"),
};

class CellMotility final : public Rule {
 public:
  explicit CellMotility(const ResolvedConfig& c)
      : v_mono_(c.number(P + "monocyte_speed")),
        v_pre_(c.number(P + "precursor_speed")),
        v_oc_(c.number(P + "osteoclast_speed")),
        bias_r_(c.number(P + "rankl_bias")),
        bias_t_(c.number(P + "tgfb_bias")) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    Intent& in = ctx.intents[i];
    if (in.die || in.fuse) return;
    const CellType t = a.cell_type(i);
    double speed = 0, bias = 0;
    FieldId f = kRankl;
    switch (t) {
      case CellType::Monocyte: speed = v_mono_; bias = bias_r_; break;
      case CellType::PreOsteoclast: speed = v_pre_; bias = bias_r_; break;
      case CellType::Osteoclast: speed = v_oc_; break;
      case CellType::Osteoblast:
        if (a.state[i] != static_cast<std::uint8_t>(ObState::Precursor)) return;
        speed = v_pre_; bias = bias_t_; f = kTgfb;
        break;
      default: return;
    }
    RandomStream r = ctx.stream(Stream::Motility, a.id[i]);
    if (r.uniform() >= std::min(1.0, speed * ctx.dt_h / s.grid.voxel_um)) return;
    if (t == CellType::Osteoclast) {  // stay on the surface: only hop between surface voxels
      const std::int32_t v = random_step(s, i, r);
      if (v >= 0 && s.bone.surface[v]) in.move_to = v;
      return;
    }
    std::int32_t v = r.uniform() < bias ? uphill_step(s, i, f) : -1;
    if (v < 0) v = random_step(s, i, r);
    in.move_to = v;
  }

 private:
  double v_mono_, v_pre_, v_oc_, bias_r_, bias_t_;
};

}  // namespace
MARROW_RULE(CellMotility, "cell_motility", 400);
}  // namespace marrow::bio
