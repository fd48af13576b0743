// `marrow info FILE.h5`: a human-readable summary of a run file (provenance, completeness, datasets
// with shapes and units, snapshots, pit events and the last time-series row).
#include <cstdio>
#include <cstdlib>
#include <ostream>

#include "h5_read.hpp"
#include "marrow/output.hpp"

namespace marrow {

namespace {
std::string join_dims(const std::vector<hsize_t>& dims) {
  std::string s = "(";
  for (std::size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + (dims.size() == 1 ? ",)" : ")");
}

std::string unit_of(const h5::Reader& r, const std::string& dset) {
  return r.has_attr(dset, "units") ? r.attr_text(dset, "units") : "(no unit)";
}

void describe(const h5::Reader& r, const std::string& dset, std::ostream& out) {
  out << "  " << dset << "  " << join_dims(r.shape(dset)) << "  " << r.type_name(dset) << "  [" << unit_of(r, dset)
      << "]\n";
}
}  // namespace

int print_info(const std::string& path, std::ostream& out) {
  h5::Reader r(path);
  if (!r.has_attr("/", "format_version"))
    throw OutputError(path + ": an HDF5 file without Marrow's attributes (no format_version): not a Marrow run file");

  std::string version = r.attr_text("/", "format_version");
  int major = 0;
  if (auto m = r.attr_number("/", "format_version_major")) major = int(*m);
  else major = std::atoi(version.c_str());
  out << "file: " << path << "\n";
  out << "format version: " << version << "\n";
  if (major > kFormatVersionMajor)
    out << "WARNING: format version " << version << " is newer than this build of marrow understands ("
        << kFormatVersionMajor << "." << kFormatVersionMinor << "); use a newer marrow. What follows may be "
        << "incomplete.\n";
  auto complete = r.attr_number("/", "complete");
  out << "complete: "
      << (complete && *complete == 1 ? "yes" : "no (the run was interrupted or is still running)") << "\n";

  for (const char* key : {"experiment", "arm", "replicate", "seed", "base_seed", "threads", "start_time",
                          "tick_hours", "marrow_version", "git_revision"}) {
    if (r.has_attr("/", key)) out << key << ": " << r.attr_text("/", key) << "\n";
  }
  if (r.has_attr("/", "config")) {
    std::string cfg = r.attr_text("/", "config");
    std::size_t lines = 0;
    for (char c : cfg) lines += c == '\n';
    if (!cfg.empty() && cfg.back() != '\n') ++lines;
    out << "config: " << lines << " lines of resolved YAML (root attribute 'config')\n";
  }

  std::vector<std::string> snaps = r.exists("/snapshots") ? r.children("/snapshots") : std::vector<std::string>{};
  out << "datasets (path, shape, type, unit):\n";
  r.walk("/", [&](const std::string& d) { describe(r, d, out); },
         [](const std::string& g) { return g == "/snapshots"; });
  out << "snapshots: " << snaps.size();
  if (!snaps.empty()) {
    const std::string first = "/snapshots/" + snaps.front(), last = "/snapshots/" + snaps.back();
    out << " (ticks " << r.attr_text(first, "tick") << " to " << r.attr_text(last, "tick") << ", days "
        << r.attr_text(first, "time_days") << " to " << r.attr_text(last, "time_days") << ")\n";
    out << "last snapshot " << last << ":\n";
    r.walk(last, [&](const std::string& d) { describe(r, d, out); }, [](const std::string&) { return false; });
  } else {
    out << "\n";
  }

  std::size_t n_pits = 0;
  if (r.exists("/pits/events/osteoclast_id")) n_pits = std::size_t(r.shape("/pits/events/osteoclast_id").at(0));
  out << "pit events: " << n_pits << "\n";

  hsize_t n_rows = r.exists("/timeseries/time") ? r.shape("/timeseries/time").at(0) : 0;
  out << "time-series rows: " << n_rows << "\n";
  if (n_rows > 0) {
    out << "last time-series row (tick " << r.element("/timeseries/tick", n_rows - 1) << ", day "
        << r.element("/timeseries/time", n_rows - 1) << "):\n";
    r.walk("/timeseries", [&](const std::string& d) {
      auto dims = r.shape(d);
      if (dims.size() != 1 || dims[0] != n_rows || d == "/timeseries/time" || d == "/timeseries/tick") return;
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.10g", r.element(d, n_rows - 1));
      out << "  " << d.substr(std::string("/timeseries/").size()) << " = " << buf << " [" << unit_of(r, d) << "]\n";
    }, [](const std::string&) { return false; });
  }
  return 0;
}

}  // namespace marrow
