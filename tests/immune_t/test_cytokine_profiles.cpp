// t_cell_cytokine_profiles: the secretion of each T-cell state, the knock-outs, and estrogen-dependent RANKL
// with TNF per effector cell unchanged.
#include <catch2/catch.hpp>

#include <map>

#include "tcell_fixture.hpp"

using namespace marrow;
using namespace marrow::test;

namespace {
// Mean secretion (zmol/h) of field f per T-cell state after two ticks, with states frozen: a quarter of the
// naive CD4 cells made effector, a quarter Th17, half of the CD8 cells Tregs.
struct Profile {
  double q[5][kFieldCount] = {};
  double n[5] = {};
};
Profile profile(const std::string& host, Overrides o = {}) {
  for (const char* k : {"rules.t_cell_antigen_activation.enabled=false", "rules.th17_differentiation.enabled=false",
                        "rules.osteoclast_cd8_treg_induction.enabled=false", "rules.cd8_treg_suppression.enabled=false",
                        "rules.il7_lymphocyte_expansion.enabled=false", "rules.thymic_output.initial_density=0.1"})
    o.push_back(k);
  Simulation sim(config_of(small_world(1, 20, 6) + host, o), 5);
  AgentStore& a = sim.mutable_state().agents;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.cell_type(i) != CellType::TCell) continue;
    if (a.state[i] == ts(TState::Cd4Naive) && i % 4 == 1) a.state[i] = ts(TState::Cd4Effector);
    if (a.state[i] == ts(TState::Cd4Naive) && i % 4 == 2) a.state[i] = ts(TState::Th17);
    if (a.state[i] == ts(TState::Cd8) && i % 2 == 1) a.state[i] = ts(TState::Cd8Treg);
  }
  sim.step();
  sim.step();
  Profile p;
  const AgentStore& b = sim.state().agents;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b.cell_type(i) != CellType::TCell) continue;
    p.n[b.state[i]] += 1;
    for (int f = 0; f < kFieldCount; ++f) p.q[b.state[i]][f] += b.secretion[f][i];
  }
  for (int st = 0; st < 5; ++st)
    for (int f = 0; f < kFieldCount; ++f) p.q[st][f] = p.n[st] > 0 ? p.q[st][f] / p.n[st] : -1;
  return p;
}
const int kNaive = 0, kEff = 1, kTh17 = 2, kCd8 = 3, kTreg = 4;
// The declared profile (the rule's defaults), read from the registry rather than copied here.
double declared(const std::string& key) {
  return config_of(small_world(1)).number("rules.t_cell_cytokine_profiles." + key);
}
}  // namespace

TEST_CASE("t_cell_cytokine_profiles: each state's profile, nothing without the rule", "[immune_t]") {
  const Profile p = profile("");
  for (int st = 0; st < 5; ++st) REQUIRE(p.n[st] > 0);
  CHECK(p.q[kNaive][kRankl] == Approx(declared("naive_rankl")));
  CHECK(p.q[kNaive][kTnf] == 0);
  CHECK(p.q[kEff][kRankl] == Approx(declared("effector_rankl")));
  CHECK(p.q[kEff][kMcsf] == Approx(declared("effector_mcsf")));
  CHECK(p.q[kEff][kTnf] == Approx(declared("effector_tnf")));
  CHECK(p.q[kEff][kIfng] == Approx(declared("effector_ifng")));
  CHECK(p.q[kEff][kSofat] == Approx(declared("effector_sofat")));
  CHECK(p.q[kTh17][kRankl] == Approx(declared("th17_rankl")));
  CHECK(p.q[kTh17][kTnf] == Approx(declared("th17_tnf")));
  CHECK(p.q[kTh17][kIl17] == Approx(declared("th17_il17")));
  CHECK(p.q[kTh17][kIfng] == 0);
  CHECK(p.q[kCd8][kTnf] == Approx(declared("cd8_tnf")));
  CHECK(p.q[kCd8][kIfng] == Approx(declared("cd8_ifng")));
  CHECK(p.q[kCd8][kRankl] == 0);
  for (int f = 0; f < kFieldCount; ++f) CHECK(p.q[kTreg][f] == 0);
  // CD8 TNF is 0 in the default set, so the check above cannot see the CD8 TNF path: set it.
  const Profile cd8 = profile("", {"rules.t_cell_cytokine_profiles.cd8_tnf=0.2"});
  CHECK(cd8.q[kCd8][kTnf] == Approx(0.2));
  const Profile off = profile("", {"rules.t_cell_cytokine_profiles.enabled=false"});
  for (int st = 0; st < 5; ++st)
    for (int f = 0; f < kFieldCount; ++f) CHECK(off.q[st][f] == 0);
}

TEST_CASE("t_cell_cytokine_profiles: knock-outs, and estrogen loss raises RANKL but not TNF per cell", "[immune_t]") {
  const Profile tnf = profile("host: {genotype: {tnf_knockout: true}}\n");
  CHECK(tnf.q[kEff][kTnf] == 0);
  CHECK(tnf.q[kTh17][kTnf] == 0);
  CHECK(tnf.q[kEff][kRankl] == Approx(declared("effector_rankl")));
  const Profile rankl = profile("host: {genotype: {rankl_deleted_in_t_cells: true}}\n");
  CHECK(rankl.q[kEff][kRankl] == 0);
  CHECK(rankl.q[kTh17][kRankl] == 0);
  CHECK(rankl.q[kEff][kTnf] == Approx(declared("effector_tnf")));
  const Profile ifng = profile("host: {genotype: {ifng_knockout: true}}\n");
  CHECK(ifng.q[kEff][kIfng] == 0);
  CHECK(ifng.q[kCd8][kIfng] == 0);
  const Profile ovx = profile(kOvxNow);
  CHECK(ovx.q[kEff][kRankl] == Approx(declared("effector_rankl") * 2.5).epsilon(0.01));  // 1 + w_R at E ~ 0
  CHECK(ovx.q[kNaive][kRankl] == Approx(declared("naive_rankl") * 2.5).epsilon(0.01));
  CHECK(ovx.q[kEff][kTnf] == Approx(declared("effector_tnf")));  // VALIDATION.md S09: TNF per cell about unchanged
}

TEST_CASE("t_cell_cytokine_profiles: estrogen loss raises T-cell IFN-gamma only with its weight", "[immune_t]") {
  // Off in the default set (weight 0): IFN-gamma per cell is the same after OVX.
  const Profile ovx = profile(kOvxNow);
  CHECK(ovx.q[kEff][kIfng] == Approx(declared("effector_ifng")));
  CHECK(ovx.q[kCd8][kIfng] == Approx(declared("cd8_ifng")));
  // With weight 2: 1 + 2 (1 - E) = 3-fold at E ~ 0, and nothing at full estrogen.
  const Overrides w2{"rules.t_cell_cytokine_profiles.estrogen_ifng_weight=2"};
  const Profile ovx2 = profile(kOvxNow, w2), sham2 = profile("", w2);
  CHECK(ovx2.q[kEff][kIfng] == Approx(declared("effector_ifng") * 3).epsilon(0.02));  // E is ~0.005 two ticks in
  CHECK(ovx2.q[kCd8][kIfng] == Approx(declared("cd8_ifng") * 3).epsilon(0.02));
  CHECK(sham2.q[kEff][kIfng] == Approx(declared("effector_ifng")));
  CHECK(ovx2.q[kEff][kTnf] == Approx(declared("effector_tnf")));
}
