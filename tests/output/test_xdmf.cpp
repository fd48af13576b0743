// The XDMF sidecar: present after finish(), well-formed XML, node dimensions in z y x order and
// references to the right datasets of the final (renamed) file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

#include "output_test_util.hpp"

using namespace test_output;

namespace {
// Minimal well-formedness check: every element closes in order and attribute quotes balance.
bool well_formed(const std::string& xml, std::string& why) {
  std::vector<std::string> stack;
  std::size_t pos = 0;
  while ((pos = xml.find('<', pos)) != std::string::npos) {
    auto end = xml.find('>', pos);
    if (end == std::string::npos) return why = "unterminated tag", false;
    std::string tag = xml.substr(pos + 1, end - pos - 1);
    pos = end + 1;
    if (tag.empty()) return why = "empty tag", false;
    if (tag[0] == '?' || tag[0] == '!') continue;  // declaration, DOCTYPE
    if (std::count(tag.begin(), tag.end(), '"') % 2) return why = "unbalanced quotes in <" + tag + ">", false;
    if (tag[0] == '/') {
      std::string name = tag.substr(1);
      if (stack.empty() || stack.back() != name) return why = "unexpected </" + name + ">", false;
      stack.pop_back();
      continue;
    }
    std::string name = tag.substr(0, tag.find_first_of(" \t\n/"));
    if (tag.back() != '/') stack.push_back(name);
  }
  if (!stack.empty()) return why = "unclosed <" + stack.back() + ">", false;
  return true;
}
}  // namespace

TEST_CASE("output: the XDMF sidecar describes every snapshot for ParaView", "[output]") {
  TempDir tmp("xdmf");
  const fs::path& dir = tmp.path;
  const std::string path = (dir / "control_r2.h5").string();
  write_small_run(path, true);
  const fs::path xmf = dir / "control_r2.xmf";
  REQUIRE(fs::exists(xmf));
  std::string x = slurp(xmf);
  std::string why;
  INFO(x);
  CHECK(well_formed(x, why));
  INFO(why);
  CHECK_THAT(x, Catch::Contains("CollectionType=\"Temporal\""));
  // Grid 5x4x3 (nx ny nz): nodes nz+1 ny+1 nx+1, cells nz ny nx.
  std::regex topo("TopologyType=\"3DCoRectMesh\" Dimensions=\"4 5 6\"");
  CHECK(std::distance(std::sregex_iterator(x.begin(), x.end(), topo), std::sregex_iterator()) == 2);
  CHECK_THAT(x, Catch::Contains("GeometryType=\"ORIGIN_DXDYDZ\""));
  CHECK_THAT(x, Catch::Contains(">10 10 10</DataItem>"));
  CHECK_THAT(x, Catch::Contains("<Time Value=\"0\"/>"));
  CHECK_THAT(x, Catch::Contains("<Time Value=\"30\"/>"));
  CHECK_THAT(x, Catch::Contains("Center=\"Cell\""));
  CHECK_THAT(x, Catch::Contains("Dimensions=\"3 4 5\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">"
                                "control_r2.h5:/snapshots/000000720/bone</DataItem>"));
  CHECK_THAT(x, Catch::Contains(">control_r2.h5:/snapshots/000000000/pits<"));
  CHECK_THAT(x, Catch::Contains(">control_r2.h5:/snapshots/000000720/fields/rankl<"));
  CHECK_THAT(x, !Catch::Contains(".partial"));
  CHECK_FALSE(fs::exists(dir / "control_r2.xmf.partial"));
}
