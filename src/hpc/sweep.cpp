// Reading a sweep file and numbering its runs (sweep.hpp, docs/hpc.md).
#include "sweep.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "marrow/rng.hpp"
#include "marrow/settings.hpp"
#include "sampling.hpp"

namespace marrow::hpc {
namespace {

[[noreturn]] void error(const std::string& file, const YAML::Node& at, const std::string& message) {
  const YAML::Mark m = at.Mark();
  throw ConfigError(file, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0, message);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path, 0, 0, "cannot open sweep file '" + path + "'");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The experiment text of a file with an inline top-level `sweep:` block: that block's lines blanked, so
// that the config loader's line numbers stay those of the file.
std::string without_sweep_block(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    const bool top = !line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '#';
    if (top) inside = line.rfind("sweep:", 0) == 0 || line.rfind("sweep :", 0) == 0;
    if (!inside) out += line;
    out += '\n';
  }
  return out;
}

std::string number_text(double v) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, p);
}

const SettingSpec& setting(const std::string& file, const YAML::Node& key_node) {
  const std::string key = key_node.Scalar();
  const SettingSpec* spec = SettingRegistry::global().find(key);
  if (!spec)
    error(file, key_node, "unknown setting '" + key + "' (write the full dotted key; `marrow params` lists them)");
  if (key == "name" || key == "replicates")
    error(file, key_node, "'" + key + "' applies to the whole sweep and cannot be swept");
  return *spec;
}

std::vector<std::string> value_list(const std::string& file, const YAML::Node& list, const std::string& key) {
  if (!list.IsSequence() || list.size() == 0) error(file, list, "'" + key + "': expected a non-empty list of values");
  std::vector<std::string> out;
  for (const auto& v : list) {
    if (!v.IsScalar()) error(file, v, "'" + key + "': each value must be a single value");
    out.push_back(v.Scalar());
  }
  return out;
}

// A range end in the setting's declared unit.
double range_end(const std::string& file, const YAML::Node& n, const SettingSpec& spec) {
  if (!n.IsScalar()) error(file, n, "'" + spec.key + "': a range end must be a number (with a unit)");
  try {
    return convert_quantity(n.Scalar(), spec.kind == SettingKind::Quantity ? spec.unit : "");
  } catch (const std::exception& e) {
    error(file, n, "'" + spec.key + "': " + e.what());
  }
}

struct Range {
  const SettingSpec* spec;
  double lo, hi;
  bool log;
};

void add_key(Sweep& s, std::set<std::string>& seen, const std::string& file, const YAML::Node& key) {
  if (!seen.insert(key.Scalar()).second) error(file, key, "'" + key.Scalar() + "' is swept twice");
  s.keys.push_back(key.Scalar());
}

}  // namespace

Sweep load_sweep(const std::string& path) {
  Sweep s;
  s.file = path;
  const std::string text = read_text(path);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ConfigError(path, e.mark.line + 1, e.mark.column + 1, "YAML syntax error: " + e.msg);
  }
  if (!root.IsMap()) throw ConfigError(path, 0, 0, "a sweep file is a map with a `sweep:` block");
  const YAML::Node block = root["sweep"];
  if (!block) throw ConfigError(path, 0, 0, "no `sweep:` block (see docs/hpc.md)");
  if (!block.IsMap()) error(path, block, "`sweep` must be a map (grid, zip, sample, replicates, seeds)");
  if (const YAML::Node exp = root["experiment"]) {
    for (const auto& kv : root)
      if (kv.first.Scalar() != "experiment" && kv.first.Scalar() != "sweep")
        error(path, kv.first, "a sweep file with `experiment:` holds only `experiment` and `sweep`");
    if (!exp.IsScalar()) error(path, exp, "`experiment` must be the path of an experiment file");
    std::filesystem::path p = exp.Scalar();
    if (p.is_relative()) p = std::filesystem::path(path).parent_path() / p;
    s.experiment_file = p.lexically_normal().string();
    std::ifstream in(s.experiment_file);
    if (!in) error(path, exp, "cannot open experiment file '" + s.experiment_file + "'");
    std::stringstream t;
    t << in.rdbuf();
    s.experiment_text = t.str();
  } else {
    s.experiment_file = path;
    s.experiment_text = without_sweep_block(text);
  }

  std::set<std::string> seen;
  std::vector<std::vector<std::string>> grid_values, zip_values;
  std::vector<Range> ranges;
  std::string method;
  int sample_points = 0;
  std::uint64_t sample_seed = 0;
  bool have_sample_seed = false;
  for (const auto& kv : block) {
    const std::string what = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (what == "replicates") {
      try {
        s.replicates = v.as<int>();
      } catch (const YAML::Exception&) {
        error(path, v, "`replicates` must be a whole number");
      }
      if (s.replicates < 1 || s.replicates > 10000) error(path, v, "`replicates` must be in [1, 10000]");
    } else if (what == "seeds") {
      if (!v.IsScalar() || (v.Scalar() != "common" && v.Scalar() != "independent"))
        error(path, v, "`seeds` is `common` (default: replicate k has the same seed at every point) or `independent`");
      s.independent_seeds = v.Scalar() == "independent";
    } else if (what == "grid" || what == "zip") {
      if (!v.IsMap() || v.size() == 0) error(path, v, "`" + what + "` maps settings to lists of values");
      for (const auto& p : v) {
        setting(path, p.first);
        add_key(s, seen, path, p.first);
        (what == "grid" ? grid_values : zip_values).push_back(value_list(path, p.second, p.first.Scalar()));
      }
      if (what == "zip")
        for (const auto& list : zip_values)
          if (list.size() != zip_values.front().size()) error(path, v, "the lists of `zip` must have the same length");
    } else if (what == "sample") {
      if (!v.IsMap()) error(path, v, "`sample` holds method, points, ranges (and seed)");
      for (const auto& p : v) {
        const std::string k = p.first.Scalar();
        if (k == "method") {
          method = p.second.Scalar();
          if (method != "lhs" && method != "sobol") error(path, p.second, "`method` is `lhs` or `sobol`");
        } else if (k == "points") {
          try {
            sample_points = p.second.as<int>();
          } catch (const YAML::Exception&) {
            error(path, p.second, "`points` must be a whole number");
          }
          if (sample_points < 1 || sample_points > 1000000) error(path, p.second, "`points` must be in [1, 1000000]");
        } else if (k == "seed") {
          try {
            sample_seed = p.second.as<std::uint64_t>();
            have_sample_seed = true;
          } catch (const YAML::Exception&) {
            error(path, p.second, "`seed` must be a whole number >= 0");
          }
        } else if (k == "ranges") {
          if (!p.second.IsMap() || p.second.size() == 0) error(path, p.second, "`ranges` maps settings to [min, max]");
          for (const auto& r : p.second) {
            const SettingSpec& spec = setting(path, r.first);
            if (spec.kind != SettingKind::Quantity && spec.kind != SettingKind::Real &&
                spec.kind != SettingKind::Integer)
              error(path, r.first, "'" + spec.key + "' is not a number: list its values under `grid` instead");
            add_key(s, seen, path, r.first);
            Range range{&spec, 0, 0, false};
            if (r.second.IsSequence() && r.second.size() == 2) {
              range.lo = range_end(path, r.second[0], spec);
              range.hi = range_end(path, r.second[1], spec);
            } else if (r.second.IsMap() && r.second["min"] && r.second["max"]) {
              range.lo = range_end(path, r.second["min"], spec);
              range.hi = range_end(path, r.second["max"], spec);
              if (const YAML::Node sc = r.second["scale"]) {
                if (sc.Scalar() != "linear" && sc.Scalar() != "log") error(path, sc, "`scale` is `linear` or `log`");
                range.log = sc.Scalar() == "log";
              }
            } else {
              error(path, r.second, "'" + spec.key + "': expected [min, max] or {min: .., max: .., scale: log}");
            }
            if (!(range.hi > range.lo)) error(path, r.second, "'" + spec.key + "': max must be greater than min");
            if (range.log && !(range.lo > 0)) error(path, r.second, "'" + spec.key + "': a log scale needs min > 0");
            ranges.push_back(range);
          }
        } else {
          error(path, p.first, "unknown key '" + k + "' in `sample` (method, points, seed, ranges)");
        }
      }
      if (method.empty() || sample_points == 0 || ranges.empty())
        error(path, v, "`sample` needs `method` (lhs or sobol), `points` and `ranges`");
    } else {
      error(path, kv.first, "unknown key '" + what + "' in `sweep` (grid, zip, sample, replicates, seeds)");
    }
  }

  // The design in the unit cube, mapped to each range (log scale: geometric; integers: equal-width bins).
  std::vector<std::vector<std::string>> sampled;
  if (!ranges.empty()) {
    if (!have_sample_seed) {
      // Default: the experiment's seed, so that a design is fixed by the files alone.
      const Experiment e = parse_experiment(s.experiment_text, s.experiment_file);
      sample_seed = e.seed;
    }
    std::vector<std::vector<double>> unit;
    try {
      unit = method == "sobol" ? sobol(sample_points, int(ranges.size()))
                               : latin_hypercube(sample_points, int(ranges.size()), sample_seed);
    } catch (const std::invalid_argument& e) {
      error(path, block["sample"], e.what());
    }
    for (const auto& u : unit) {
      std::vector<std::string> values;
      for (std::size_t d = 0; d < ranges.size(); ++d) {
        const Range& r = ranges[d];
        if (r.spec->kind == SettingKind::Integer) {
          const double lo = std::ceil(r.lo), hi = std::floor(r.hi);
          const double v = std::min(hi, lo + std::floor(u[d] * (hi - lo + 1)));
          values.push_back(std::to_string(static_cast<long long>(v)));
        } else {
          values.push_back(number_text(r.log ? r.lo * std::pow(r.hi / r.lo, u[d]) : r.lo + u[d] * (r.hi - r.lo)));
        }
      }
      sampled.push_back(std::move(values));
    }
  }

  // Points: every grid combination (last key fastest) x each zip position x each sampled point.
  std::size_t n_grid = 1;
  for (const auto& list : grid_values) n_grid *= list.size();
  const std::size_t n_zip = zip_values.empty() ? 1 : zip_values.front().size();
  const std::size_t n_sample = sampled.empty() ? 1 : sampled.size();
  for (std::size_t g = 0; g < n_grid; ++g)
    for (std::size_t z = 0; z < n_zip; ++z)
      for (std::size_t q = 0; q < n_sample; ++q) {
        std::vector<std::string> point;
        std::size_t rest = g, stride = n_grid;
        for (const auto& list : grid_values) {
          stride /= list.size();
          point.push_back(list[rest / stride]);
          rest %= stride;
        }
        for (const auto& list : zip_values) point.push_back(list[z]);
        if (!sampled.empty()) point.insert(point.end(), sampled[q].begin(), sampled[q].end());
        s.points.push_back(std::move(point));
      }
  return s;
}

SweepRuns enumerate_runs(const Sweep& s, const Overrides& overrides) {
  SweepRuns out;
  const Experiment base = parse_experiment(s.experiment_text, s.experiment_file, overrides);  // clean errors first
  std::vector<Experiment> resolved;
  for (std::size_t p = 0; p < s.points.size(); ++p) {
    Overrides o = overrides;
    std::string described;
    for (std::size_t k = 0; k < s.keys.size(); ++k) {
      o.push_back(s.keys[k] + "=" + s.points[p][k]);
      if (k) described += ", ";
      described += o.back();
    }
    try {
      resolved.push_back(parse_experiment(s.experiment_text, s.experiment_file, o));
    } catch (const ConfigError& e) {
      if (e.file() != "--set" || s.keys.empty()) throw;
      throw ConfigError(s.file, 0, 0, "sweep point " + std::to_string(p) + " (" + described + "): " + e.message());
    }
  }
  out.experiment = base.name;
  out.arms = int(base.arms.size());
  out.points = int(s.points.size());
  out.replicates = s.replicates > 0 ? s.replicates : base.replicates;
  const int width = std::max<int>(3, int(std::to_string(std::max(0, out.points - 1)).size()));
  for (int a = 0; a < out.arms; ++a)
    for (int p = 0; p < out.points; ++p)
      for (int r = 0; r < out.replicates; ++r) {
        const Experiment& e = resolved[std::size_t(p)];
        const int index = (a * out.points + p) * out.replicates + r;
        std::string pt = std::to_string(p);
        pt.insert(0, std::size_t(std::max<int>(0, width - int(pt.size()))), '0');
        RunSpec run;
        run.name = e.arms[std::size_t(a)].name + "_p" + pt + "_r" + std::to_string(r);
        run.experiment = e.name;
        run.arm = e.arms[std::size_t(a)].name;
        run.replicate = r;
        run.base_seed = e.seed;
        run.seed = replicate_seed(e.seed, s.independent_seeds ? index : r);
        run.config = e.arms[std::size_t(a)].config;
        std::string params;
        run.columns = {{"index", std::to_string(index)}, {"point", std::to_string(p)}};
        for (std::size_t k = 0; k < s.keys.size(); ++k) {
          run.columns.emplace_back(s.keys[k], s.points[std::size_t(p)][k]);
          if (k) params += "; ";
          params += s.keys[k];
          params += '=';
          params += s.points[std::size_t(p)][k];
        }
        run.attributes = {{"sweep_file", s.file},
                          {"sweep_index", std::to_string(index)},
                          {"sweep_point", std::to_string(p)},
                          {"sweep_parameters", params}};
        out.runs.push_back(std::move(run));
      }
  return out;
}

std::string runs_table(const Sweep& s, const SweepRuns& runs) {
  std::string t;
  auto field = [&t](const std::string& v) {
    t += ',';
    if (v.find_first_of(",\"\n") == std::string::npos) {
      t += v;
      return;
    }
    t += '"';
    for (char c : v) {
      if (c == '"') t += '"';
      t += c;
    }
    t += '"';
  };
  t = "index,name,arm,point,replicate,seed";
  for (const auto& k : s.keys) field(k);
  t += '\n';
  for (const RunSpec& r : runs.runs) {
    t += r.columns[0].second;  // index
    field(r.name);
    field(r.arm);
    field(r.columns[1].second);  // point
    field(std::to_string(r.replicate));
    field(std::to_string(r.seed));
    for (std::size_t k = 2; k < r.columns.size(); ++k) field(r.columns[k].second);
    t += '\n';
  }
  return t;
}

}  // namespace marrow::hpc
