#pragma once
// Shared by the hpc tests: a private scratch folder per test, the marrow program run with extra
// environment variables, a small two-arm experiment, and the dataset comparison of tests/e2e.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../e2e/h5_compare.hpp"

namespace marrow::test {

namespace fs = std::filesystem;

inline std::string marrow_exe() {
  const char* e = std::getenv("MARROW_EXE");
  return e ? e : std::string(MARROW_BINARY_DIR) + "/marrow";
}

// A fresh folder of its own (other builds may run the same tests on this machine at the same time).
inline fs::path scratch(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("marrow_hpc_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

struct Result {
  int code;  // exit status, or 128 + signal when killed by one
  std::string output;
};

// Runs `env marrow args` (env: "NAME=value ..." or ""), capturing stdout and stderr. Slurm and MPI
// variables of the environment the tests run in are removed first, so that only `env` sets them.
inline Result run_marrow(const std::string& args, const std::string& env = "", const fs::path& cwd = {}) {
  static int counter = 0;
  const fs::path log = fs::temp_directory_path() /
                       ("marrow_hpc_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".log");
  std::string cmd = (cwd.empty() ? "" : "cd '" + cwd.string() + "' && ") +
                    "env -u SLURM_ARRAY_TASK_ID -u SLURM_CPUS_PER_TASK -u OMPI_COMM_WORLD_SIZE -u PMI_SIZE -u "
                    "PMIX_RANK -u MPI_LOCALNRANKS " +
                    "-u MARROW_FAULT " + env + " '" + marrow_exe() + "' " + args + " > '" + log.string() + "' 2>&1";
  const int status = std::system(cmd.c_str());
  std::ifstream in(log);
  std::stringstream s;
  s << in.rdbuf();
  fs::remove(log);
  int code = -1;
  if (WIFEXITED(status))
    code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    code = 128 + WTERMSIG(status);
  return {code, s.str()};
}

// Runs a shell command line as it is (stdout and stderr captured).
inline Result shell(const std::string& command) {
  static int counter = 0;
  const fs::path log = fs::temp_directory_path() /
                       ("marrow_hpc_sh_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".log");
  const int status = std::system((command + " > '" + log.string() + "' 2>&1").c_str());
  std::ifstream in(log);
  std::stringstream s;
  s << in.rdbuf();
  fs::remove(log);
  int code = -1;
  if (WIFEXITED(status))
    code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    code = 128 + WTERMSIG(status);
  return {code, s.str()};
}

inline fs::path write_file(const fs::path& p, const std::string& text) {
  std::ofstream(p) << text;
  return p;
}

// Two arms on a 16x16x8 grid for 4 days (96 ticks of 1 h), a snapshot every day, with fast biology so
// that every part of the state changes within hours: osteoclasts form, fuse, resorb and die (pit events),
// osteoblasts refill the pits. A run takes ~0.3 s.
inline std::string fast_biology() {
  return "rules:\n"
         "  rankl_mcsf_osteoclastogenesis: {rate: 10 /day}\n"
         "  osteoclast_fusion: {rate: 40 /day}\n"
         "  osteoclast_survival: {apoptosis: 2 /day}\n"
         "  osteoclast_resorption: {rate: 40 um/day}\n"
         "  osteoblast_coupling: {commitment: 5 /day, activation: 40 /day, apposition: 20 um/day}\n"
         "  remodeling_initiation: {rate: 0.05 /day}\n";
}
inline std::string small_experiment(int replicates = 1, const std::string& duration = "4 d") {
  return "name: small\nseed: 11\nreplicates: " + std::to_string(replicates) + "\nduration: " + duration +
         "\ngrid: {nx: 16, ny: 16, nz: 8}\ngeometry: {type: plate, plate_thickness: 30 um}\n"
         "output: {snapshot_every: 1 d}\n" +
         fast_biology() + "arms:\n  sham: {}\n  ovx: {host: {estrogen: {schedule: ovx, ovx_day: 1 d}}}\n";
}

// Every dataset under /timeseries, /snapshots and /pits, byte for byte; "" when equal.
inline std::string differences(const fs::path& a, const fs::path& b) {
  const H5Diff d = compare_h5(a.string(), b.string(), {"/timeseries", "/snapshots", "/pits"});
  if (d.compared < 50) return "only " + std::to_string(d.compared) + " datasets compared";
  std::string out;
  for (const auto& p : d.differing) out += p + " ";
  return out;
}

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A root attribute of an HDF5 file as text ("" when absent).
inline std::string root_attribute(const fs::path& file, const std::string& name) {
  const hid_t f = H5Fopen(file.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return "";
  std::string out;
  if (H5Aexists(f, name.c_str()) > 0) {
    const hid_t a = H5Aopen(f, name.c_str(), H5P_DEFAULT);
    const hid_t t = H5Aget_type(a);
    if (H5Tget_class(t) == H5T_STRING) {
      const hid_t mt = H5Tcopy(H5T_C_S1);
      H5Tset_size(mt, H5T_VARIABLE);
      H5Tset_cset(mt, H5Tget_cset(t));
      char* s = nullptr;
      H5Aread(a, mt, &s);
      out = s ? s : "";
      H5free_memory(s);
      H5Tclose(mt);
    } else {
      long long v = 0;
      H5Aread(a, H5T_NATIVE_LLONG, &v);
      out = std::to_string(v);
    }
    H5Tclose(t);
    H5Aclose(a);
  }
  H5Fclose(f);
  return out;
}

}  // namespace marrow::test
