// Agent storage, bone masks and geometry.
#include <catch2/catch.hpp>

#include "marrow/agents.hpp"
#include "marrow/bone.hpp"
#include "marrow/config.hpp"
#include "marrow/geometry.hpp"

using namespace marrow;

TEST_CASE("core: agents keep id order through births and removals", "[core]") {
  AgentStore a;
  for (int k = 0; k < 5; ++k) a.add(CellType::Monocyte, 0, k, 0, 0, 0);
  std::vector<std::uint8_t> dead{0, 1, 0, 1, 0};
  a.remove_if(dead);
  REQUIRE(a.size() == 3);
  CHECK(a.id == std::vector<std::uint64_t>{1, 3, 5});
  CHECK(a.x == std::vector<std::int32_t>{0, 2, 4});
  a.add(CellType::Stromal, 0, 9, 0, 0, 3);
  CHECK(a.id.back() == 6);
  // Every column has the same length.
  std::size_t n = a.size();
  bool same = true;
  auto check = [&](const auto&, const auto& col) { same = same && col.size() == n; };
  a.for_each_column(check, check);
  CHECK(same);
}

TEST_CASE("core: voxel coordinates invert the flat index and face neighbours stay in the grid", "[core]") {
  const GridSpec g{4, 3, 5, 10.0};
  bool inverse = true;
  for (std::size_t v = 0; v < g.size(); ++v) {
    const VoxelCoords c = g.coords(v);
    inverse = inverse && g.contains(c.x, c.y, c.z) && g.index(c.x, c.y, c.z) == v;
  }
  CHECK(inverse);
  std::vector<std::size_t> seen;
  any_face_neighbour(g, g.index(0, 0, 0), [&](std::size_t j) { seen.push_back(j); return false; });
  CHECK(seen == std::vector<std::size_t>{g.index(1, 0, 0), g.index(0, 1, 0), g.index(0, 0, 1)});
  // Stops at the first neighbour for which f is true.
  int calls = 0;
  CHECK(any_face_neighbour(g, g.index(1, 1, 1), [&](std::size_t) { return ++calls == 2; }));
  CHECK(calls == 2);
}

TEST_CASE("core: bone surface and depth", "[core]") {
  GridSpec g{5, 5, 5, 10.0};
  std::vector<float> m(g.size(), 0.f);
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 5; ++x) m[g.index(x, y, 2)] = 1.f;
  BoneState b;
  b.init(g, m);
  CHECK(b.solid[g.index(0, 0, 2)] == 1);
  CHECK(b.surface[g.index(2, 2, 1)] == 1);
  CHECK(b.surface[g.index(2, 2, 0)] == 0);
  CHECK(b.surface_count == 50);
  CHECK(b.depth0[g.index(2, 2, 2)] == 1.f);
  CHECK(b.volume_um3(g) == Approx(25 * 1000.0));
}

TEST_CASE("core: plate and trabecular geometry", "[core]") {
  const auto cfg = [](const std::string& geo) {
    return parse_experiment("grid: {nx: 40, ny: 40, nz: 20}\ngeometry: " + geo + "\n", "g.yaml").arms[0].config;
  };
  {
    const ResolvedConfig c = cfg("{type: plate, plate_thickness: 35 um}");
    const GridSpec g = grid_from_config(c);
    const auto m = make_geometry(c, g, 1);
    double s = 0;
    for (float v : m) s += v;
    CHECK(s * 10 / (40 * 40) == Approx(35.0));  // partial voxels keep the exact thickness
  }
  {
    const ResolvedConfig c = cfg("{type: trabecular, bv_tv: 0.2, trabecular_thickness: 30 um}");
    const GridSpec g = grid_from_config(c);
    const auto a = make_geometry(c, g, 1), b = make_geometry(c, g, 1), other = make_geometry(c, g, 2);
    double s = 0;
    for (float v : a) s += v;
    CHECK(s / g.size() == Approx(0.2).margin(0.03));
    CHECK(a == b);
    CHECK(a != other);
  }
}
