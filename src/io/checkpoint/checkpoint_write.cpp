// Writing a checkpoint: the run's output so far (a byte copy of the synced ".partial") plus the state
// in /checkpoint, under a temporary name that is renamed into place only when complete (checkpoint.hpp).
#include <filesystem>

#include "checkpoint.hpp"
#include "durable_file.hpp"
#include "fault_injection.hpp"
#include "h5_io.hpp"

namespace marrow::ckpt {

using namespace marrow::h5;

namespace {

void write_info(hid_t g, const std::string& file, const Info& info) {
  h5io::attr_int64(g, file, "format", info.format);
  h5io::attr_string(g, file, "rng_scheme", info.rng_scheme);
  h5io::attr_string(g, file, "run_name", info.run_name);
  h5io::attr_string(g, file, "experiment", info.experiment);
  h5io::attr_string(g, file, "arm", info.arm);
  h5io::attr_int64(g, file, "replicate", info.replicate);
  h5io::attr_string(g, file, "seed", std::to_string(info.seed));  // text: uint64 exactly
  h5io::attr_string(g, file, "base_seed", std::to_string(info.base_seed));
  h5io::attr_string(g, file, "config", info.config_yaml);
  h5io::attr_int64(g, file, "tick", info.tick);
  h5io::attr_double(g, file, "tick_hours", info.tick_hours);
  h5io::attr_string(g, file, "marrow_version", info.marrow_version);
  h5io::attr_string(g, file, "git_revision", info.git_revision);
  h5io::attr_string(g, file, "start_time", info.start_time);
  std::string origin;  // "name=value" lines
  for (const auto& [k, v] : info.origin) origin += k + "=" + v + "\n";
  h5io::attr_string(g, file, "origin", origin);
}

// Everything of SimState that is not derived; `half` lets the fault injection stop half-way.
void write_state(hid_t f, const std::string& file, const SimState& s, std::int64_t tick) {
  Handle root = group_handle(H5Gopen2(f, "/checkpoint", H5P_DEFAULT), file, "cannot open /checkpoint");
  h5io::attr_int64(root, file, "nx", s.grid.nx);
  h5io::attr_int64(root, file, "ny", s.grid.ny);
  h5io::attr_int64(root, file, "nz", s.grid.nz);
  h5io::attr_double(root, file, "voxel_um", s.grid.voxel_um);
  h5io::attr_int64(root, file, "state_tick", s.tick);
  h5io::attr_double(root, file, "state_tick_hours", s.tick_hours);
  h5io::attr_double(root, file, "initial_bone_um3", s.initial_bone_um3);
  h5io::attr_double(root, file, "total_resorbed_um3", s.total_resorbed_um3);
  h5io::attr_double(root, file, "total_formed_um3", s.total_formed_um3);
  h5io::attr_double(root, file, "host_estrogen", s.host.estrogen);
  h5io::attr_string(root, file, "next_id", std::to_string(s.agents.next_id));

  Handle bone = group_handle(H5Gcreate2(f, "/checkpoint/bone", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), file,
                             "cannot create /checkpoint/bone");
  h5io::write(bone, file, "mineral", s.bone.mineral);
  h5io::write(bone, file, "resorbed", s.bone.resorbed);
  h5io::write(bone, file, "formed", s.bone.formed);
  h5io::write(bone, file, "deficit", s.bone.deficit);
  h5io::write(bone, file, "depth0", s.bone.depth0);
  h5io::write(bone, file, "last_resorbed_tick", s.bone.last_resorbed_tick);
  fault::point("checkpoint", tick);  // tests: a kill half-way through the state

  Handle fields = group_handle(H5Gcreate2(f, "/checkpoint/fields", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), file,
                               "cannot create /checkpoint/fields");
  for (int k = 0; k < kFieldCount; ++k) h5io::write(fields, file, std::string(kFieldNames[k]), s.fields.c[k]);

  Handle agents = group_handle(H5Gcreate2(f, "/checkpoint/agents", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), file,
                               "cannot create /checkpoint/agents");
  auto column = [&](const std::string& name, const auto& col) { h5io::write(agents, file, name, col); };
  const_cast<AgentStore&>(s.agents).for_each_column(column, column);  // read only
}

}  // namespace

void write_checkpoint(const std::string& path, RunWriter& writer, const Info& info, const SimState& state) {
  const std::string tmp = path + ".tmp";
  writer.sync();
  durable::copy_file(writer.partial_path(), tmp);
  {
    quiet_errors();
    Handle fapl = plist_handle(H5Pcreate(H5P_FILE_ACCESS), tmp, "cannot create a file access property list");
    check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18), tmp, "cannot select the HDF5 1.8 format");
    check(H5Pset_fclose_degree(fapl, H5F_CLOSE_STRONG), tmp, "cannot set the close degree");
    Handle f = file_handle(H5Fopen(tmp.c_str(), H5F_ACC_RDWR, fapl), tmp, "cannot open the checkpoint copy");
    {
      Handle g = group_handle(H5Gcreate2(f, "/checkpoint", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), tmp,
                              "cannot create /checkpoint");
      write_info(g, tmp, info);
    }
    write_state(f, tmp, state, info.tick);
    if (f.close() < 0) {
      note_failed_file_close();
      fail(tmp, "cannot close the checkpoint (disk full?)");
    }
  }
  fault::point("checkpoint-rename", info.tick);
  durable::commit(tmp, path);
}

void remove_checkpoint(const std::string& path) {
  durable::remove(path + ".tmp");
  durable::remove(path);
}

}  // namespace marrow::ckpt
