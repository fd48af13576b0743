// The marrow program: exit codes, config errors with file:line:col, outputs of run, check and info.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string exe() {
  const char* e = std::getenv("MARROW_EXE");
  return e ? e : std::string(MARROW_BINARY_DIR) + "/marrow";
}

struct Result {
  int code;
  std::string output;
};

Result sh(const std::string& args) {
  const fs::path log = fs::temp_directory_path() / "marrow_cli_test.log";
  const int status = std::system((exe() + " " + args + " > " + log.string() + " 2>&1").c_str());
  std::ifstream in(log);
  std::stringstream s;
  s << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, s.str()};
}

fs::path write(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST_CASE("e2e: config errors exit 2 with file:line:col", "[e2e][cli]") {
  const fs::path p = write("typo.yaml", "name: x\ngrid:\n  nx: 10\n  nyy: 10\n");
  const Result r = sh("check " + p.string());
  CHECK(r.code == 2);
  CHECK(r.output.find("typo.yaml:4:3:") != std::string::npos);
  CHECK(r.output.find("grid.ny") != std::string::npos);
  const Result missing = sh("run /nonexistent/none.yaml");
  CHECK(missing.code == 2);
  CHECK(missing.output.find("none.yaml") != std::string::npos);
  const Result unit = sh("check " + write("unit.yaml", "grid: {voxel: 10 s}\n").string());
  CHECK(unit.code == 2);
  CHECK(unit.output.find("unit.yaml:1:15:") != std::string::npos);
}

TEST_CASE("e2e: usage errors exit 64", "[e2e][cli]") {
  CHECK(sh("").code == 64);
  CHECK(sh("frobnicate").code == 64);
  CHECK(sh("run").code == 64);
}

TEST_CASE("e2e: run writes one file per arm and replicate, a summary, and info reads them", "[e2e][cli]") {
  const fs::path out = fs::temp_directory_path() / "marrow_cli_run";
  fs::remove_all(out);
  const fs::path cfg = write("cli_run.yaml",
                             "name: cli\nreplicates: 2\nduration: 2 d\ngrid: {nx: 12, ny: 12, nz: 6}\n"
                             "geometry: {plate_thickness: 20 um}\narms:\n  a: {}\n  b: {}\n");
  const Result r = sh("run " + cfg.string() + " -o " + out.string() + " --threads 2 --set duration=1d");
  REQUIRE(r.code == 0);
  for (const char* f : {"a_r0.h5", "a_r1.h5", "b_r0.h5", "b_r1.h5", "summary.csv", "a_r0.xmf"})
    CHECK(fs::exists(out / f));
  std::ifstream csv(out / "summary.csv");
  std::string header, line;
  std::getline(csv, header);
  int rows = 0;
  while (std::getline(csv, line)) ++rows;
  CHECK(rows == 4);
  CHECK(header.find("bone/volume") != std::string::npos);
  const Result info = sh("info " + (out / "a_r0.h5").string());
  CHECK(info.code == 0);
  CHECK(info.output.find("cli") != std::string::npos);
  const Result bad = sh("info " + cfg.string());
  CHECK(bad.code == 74);
  fs::remove_all(out);
}

TEST_CASE("e2e: docs/model.md lists every parameter that the program declares", "[e2e][docs]") {
  const Result r = sh("params");
  REQUIRE(r.code == 0);
  std::ifstream in(std::string(MARROW_SOURCE_DIR) + "/docs/model.md");
  std::stringstream s;
  s << in.rdbuf();
  const std::string doc = s.str();
  std::istringstream lines(r.output);
  std::string line;
  int keys = 0;
  while (std::getline(lines, line)) {
    const auto a = line.find("| `");
    if (a != 0) continue;
    const std::string key = line.substr(3, line.find('`', 3) - 3);
    ++keys;
    INFO(key);
    CHECK(doc.find("`" + key + "`") != std::string::npos);
  }
  CHECK(keys > 50);
}
