// Rule osteoclast_fusion: RANKL promotes the differentiation of precursors into mature multinucleated
// OCs, and M-CSF the fusion of more mature ones (seed, "Cytokines and OC formation"). A pre-osteoclast
// near the bone surface (within `reach` voxels of bone) fuses with an osteoclast or a fusing
// pre-osteoclast in contact (26-neighbourhood; resolved in id order by the simulation) at
//   rate = k_fuse * f_R * f_M
// Two pre-osteoclasts found an osteoclast with two nuclei; each further fusion adds its nuclei, which
// also renews the nuclei of a living osteoclast (osteoclast_survival removes them).
#include "rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.osteoclast_fusion.";
const SettingRegistrar kSettings{
    quantity(P + "rate", "1/day", 4.0, 0, 1000, "assumed: fusion within a day of contact in culture",
             "maximal fusion rate of a pre-osteoclast in contact"),
    quantity(P + "k_rankl", "pM", 20, 1e-6, 1e6, "assumed, as rankl_mcsf_osteoclastogenesis.k_rankl",
             "RANKL half-saturation for fusion"),
    quantity(P + "k_mcsf", "pM", 10, 1e-6, 1e6, "assumed", "M-CSF half-saturation for fusion"),
    integer(P + "reach", 2, 0, 10, "assumed: OCs form on bone surfaces", "fusion only within this many voxels of bone"),
};

class OsteoclastFusion final : public Rule {
 public:
  explicit OsteoclastFusion(const ResolvedConfig& c)
      : rate_(c.number(P + "rate")),
        k_r_(c.number(P + "k_rankl")),
        k_m_(c.number(P + "k_mcsf")),
        reach_(static_cast<int>(c.integer(P + "reach"))) {}

  void decide(TickContext& ctx, std::size_t i) const override {
    const SimState& s = ctx.state;
    const AgentStore& a = s.agents;
    if (a.cell_type(i) != CellType::PreOsteoclast || ctx.intents[i].die) return;
    if (!near_bone(s, a.x[i], a.y[i], a.z[i], reach_)) return;
    const double f = rank_signal(s, i, k_r_) * occupancy(field_at(s, kMcsf, i), k_m_) * a.fusion_gain[i];
    RandomStream r = ctx.stream(Stream::Fusion, a.id[i]);
    if (r.event(per_tick(rate_ * f, ctx.dt_h))) {
      ctx.intents[i].fuse = 1;
      ctx.intents[i].divide = 0;
      ctx.intents[i].choice = static_cast<std::uint32_t>(r.below(1 << 16));
    }
  }

 private:
  double rate_, k_r_, k_m_;
  int reach_;
};

}  // namespace
MARROW_RULE(OsteoclastFusion, "osteoclast_fusion", 310);
}  // namespace marrow::bio
