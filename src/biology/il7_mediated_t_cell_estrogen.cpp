// Rule il7_mediated_t_cell_estrogen: estrogen loss acts on T-cell numbers through IL-7. The seed
// ("Cytokines and OC formation"): IL-7 production is up-regulated by estrogen deficiency, and in vivo
// IL-7 blockade suppresses T-cell expansion and TNF and IFN-g production, preventing the bone loss of
// estrogen deprivation. Ryan et al. 2005 (PNAS 102:16735, mouse): ovariectomy stimulates, "through a rise
// in IL-7 levels", both thymic-dependent T lymphopoiesis and the peripheral expansion of mature T cells,
// and attenuating the raised IL-7 "completely prevents the stimulation of T lymphopoiesis and the bone
// loss". The T cells' own estrogen responses (thymic output, the longer life of activated cells, basal
// activation) therefore see the estrogen loss only as far as IL-7 signals:
//   L = (1 - E) x a_7,   a_7 = k_7 / (k_7 + k_on A)
// with a_7 the share of IL-7 that a neutralising antibody at level A leaves at IL-7's clearance k_7
// (fields.il7.decay; treatments.antibody_kon). Without an antibody a_7 = 1 and L = 1 - E exactly.
// L is host.t_cell_estrogen_loss, set to 1 - E by estrogen_schedule and scaled here.
#include "tcell_support.hpp"

namespace marrow::bio {
namespace {

class Il7MediatedTCellEstrogen final : public Rule {
 public:
  explicit Il7MediatedTCellEstrogen(const ResolvedConfig&) {}

  void host(TickContext& ctx) override {
    HostState& h = ctx.state.host;
    const double k = ctx.state.fields.params[kIl7].decay_per_s, sink = h.field_sink[kIl7];
    if (sink > 0) h.t_cell_estrogen_loss *= k / (k + sink);  // no antibody: L stays 1 - E, bit for bit
  }
};

}  // namespace
MARROW_RULE(Il7MediatedTCellEstrogen, "il7_mediated_t_cell_estrogen", 1);
}  // namespace marrow::bio
