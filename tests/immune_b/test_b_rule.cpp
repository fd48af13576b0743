// The test-only rule `test_b`: stands in for the rules of other groups that these tests need (TNF, IL-1
// and RANKL in the marrow; T cells beside dendritic or B cells). Does nothing at its defaults.
#include "../../src/biology/rule_support.hpp"

namespace marrow::bio {
namespace {

const std::string P = "rules.test_b.";
const SettingRegistrar kSettings{
    quantity(P + "tnf", "pM", 0, 0, 1e6, "test", "uniform TNF level delivered to the marrow"),
    quantity(P + "il1", "pM", 0, 0, 1e6, "test", "uniform IL-1 level delivered to the marrow"),
    quantity(P + "rankl", "pM", 0, 0, 1e6, "test", "uniform RANKL level delivered to the marrow"),
    boolean(P + "t_beside_dc", false, "test", "place a T cell beside every initial dendritic cell"),
    boolean(P + "t_beside_b", false, "test", "place a T cell beside every initial resting B cell"),
    integer(P + "t_state", 1, 0, 4, "test", "TState of the placed T cells"),
    boolean(P + "t_rankl_ko", false, "test", "the placed T cells lack RANKL"),
};

class TestB final : public Rule {
 public:
  explicit TestB(const ResolvedConfig& c)
      : level_{{kTnf, c.number(P + "tnf")}, {kIl1, c.number(P + "il1")}, {kRankl, c.number(P + "rankl")}},
        beside_dc_(c.flag(P + "t_beside_dc")),
        beside_b_(c.flag(P + "t_beside_b")),
        t_state_(static_cast<std::uint8_t>(c.integer(P + "t_state"))),
        ko_(c.flag(P + "t_rankl_ko")) {}

  void initialise(SimState& s, std::uint64_t) override {
    AgentStore& a = s.agents;
    const std::size_t n = a.size();
    for (std::size_t i = 0; i < n; ++i) {
      const bool dc = beside_dc_ && a.cell_type(i) == CellType::Dendritic;
      const bool b = beside_b_ && a.cell_type(i) == CellType::BCell &&
                     a.state[i] == static_cast<std::uint8_t>(BState::Resting);
      if (!dc && !b) continue;
      const GridSpec& g = s.grid;
      bool placed = false;
      for (int dz = -1; dz <= 1 && !placed; ++dz)
        for (int dy = -1; dy <= 1 && !placed; ++dy)
          for (int dx = -1; dx <= 1 && !placed; ++dx) {
            const int x = a.x[i] + dx, y = a.y[i] + dy, z = a.z[i] + dz;
            if (!g.contains(x, y, z)) continue;
            const std::size_t v = g.index(x, y, z);
            if (s.bone.solid[v] || s.occupant[v] >= 0) continue;
            const std::size_t t = a.add(CellType::TCell, t_state_, x, y, z, 0);
            if (ko_) a.genotype[t] = kGenoRanklKo;
            s.occupant[v] = static_cast<std::int32_t>(t);
            placed = true;
          }
    }
  }

  void add_sources(const SimState& s, std::vector<std::vector<double>>& source) const override {
    for (const auto& [f, level] : level_) {
      if (level <= 0) continue;
      const double q = level * s.fields.params[f].decay_per_s;
      for (std::size_t v = 0; v < source[f].size(); ++v)
        if (!s.bone.solid[v]) source[f][v] += q;
    }
  }

 private:
  std::vector<std::pair<FieldId, double>> level_;
  bool beside_dc_, beside_b_;
  std::uint8_t t_state_;
  bool ko_;
};

}  // namespace
MARROW_RULE(TestB, "test_b", 249);
}  // namespace marrow::bio
