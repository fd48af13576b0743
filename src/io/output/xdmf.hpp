#pragma once
// The XDMF sidecar that lets ParaView open a run's 3-D snapshots straight from the HDF5 file.
#include <string>
#include <vector>

#include "marrow/grid.hpp"

namespace marrow::output_detail {

// What the sidecar needs to know about one written snapshot.
struct XdmfSnapshot {
  std::string group;  // "/snapshots/000000720"
  double time_days = 0.0;
  GridSpec grid;
  std::vector<std::string> volumes;  // datasets directly under the group
  std::vector<std::string> fields;   // datasets under group/fields
};

// Writes a temporal collection of 3DCoRectMesh grids, one per snapshot, whose cell attributes point
// at "<h5_name>:<group>/<dataset>" (h5_name relative to the .xmf's folder). Throws OutputError.
void write_xdmf(const std::string& xmf_path, const std::string& h5_name, const std::vector<XdmfSnapshot>& snapshots);

// "<path minus .h5>.xmf" ("run.h5" -> "run.xmf"; "run" -> "run.xmf").
std::string xdmf_path_for(const std::string& h5_path);

}  // namespace marrow::output_detail
