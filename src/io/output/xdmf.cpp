// Writes the XDMF (.xmf) sidecar of a finished run (see xdmf.hpp).
#include "xdmf.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "marrow/output.hpp"

namespace marrow::output_detail {

namespace {
std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

void attribute(std::ostream& x, const std::string& name, const std::string& dims, const std::string& ref) {
  x << "        <Attribute Name=\"" << escape(name) << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
    << "          <DataItem Dimensions=\"" << dims << "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">"
    << escape(ref) << "</DataItem>\n"
    << "        </Attribute>\n";
}
}  // namespace

std::string xdmf_path_for(const std::string& h5_path) {
  const std::string ext = ".h5";
  if (h5_path.size() > ext.size() && h5_path.compare(h5_path.size() - ext.size(), ext.size(), ext) == 0)
    return h5_path.substr(0, h5_path.size() - ext.size()) + ".xmf";
  return h5_path + ".xmf";
}

void write_xdmf(const std::string& xmf_path, const std::string& h5_name, const std::vector<XdmfSnapshot>& snapshots) {
  std::ostringstream x;
  x << "<?xml version=\"1.0\" ?>\n"
    << "<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n"
    << "<Xdmf Version=\"2.0\">\n"
    << "  <Domain>\n"
    << "    <Grid Name=\"run\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (const auto& s : snapshots) {
    const GridSpec& g = s.grid;
    // Topology counts nodes (cells + 1); XDMF lists dimensions slowest first: z y x.
    std::string nodes = std::to_string(g.nz + 1) + " " + std::to_string(g.ny + 1) + " " + std::to_string(g.nx + 1);
    std::string cells = std::to_string(g.nz) + " " + std::to_string(g.ny) + " " + std::to_string(g.nx);
    std::string h = num(g.voxel_um);
    x << "      <Grid Name=\"" << escape(s.group.substr(s.group.find_last_of('/') + 1)) << "\" GridType=\"Uniform\">\n"
      << "        <Time Value=\"" << num(s.time_days) << "\"/>\n"
      << "        <Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"" << nodes << "\"/>\n"
      << "        <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n"
      << "          <DataItem Name=\"Origin\" Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">"
      << "0 0 0</DataItem>\n"
      << "          <DataItem Name=\"Spacing\" Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">"
      << h << " " << h << " " << h << "</DataItem>\n"
      << "        </Geometry>\n";
    for (const auto& v : s.volumes) attribute(x, v, cells, h5_name + ":" + s.group + "/" + v);
    for (const auto& f : s.fields) {
      // A field named like a volume gets a prefix, so that ParaView shows two distinct arrays.
      bool clash = std::find(s.volumes.begin(), s.volumes.end(), f) != s.volumes.end();
      attribute(x, clash ? "field_" + f : f, cells, h5_name + ":" + s.group + "/fields/" + f);
    }
    x << "      </Grid>\n";
  }
  x << "    </Grid>\n"
    << "  </Domain>\n"
    << "</Xdmf>\n";

  // Write beside, then rename, so that a reader never sees half a sidecar.
  const std::string tmp = xmf_path + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError(xmf_path + ": cannot create the XDMF sidecar");
    out << x.str();
    out.flush();
    if (!out) throw OutputError(xmf_path + ": cannot write the XDMF sidecar (is the disk full?)");
  }
  if (std::rename(tmp.c_str(), xmf_path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw OutputError(xmf_path + ": cannot rename the XDMF sidecar into place");
  }
}

}  // namespace marrow::output_detail
