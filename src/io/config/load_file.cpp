// load_experiment: reads the file, then parse_experiment does the rest. A file that cannot be read is
// a ConfigError naming the path, with no position.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "marrow/config.hpp"

namespace marrow {

Experiment load_experiment(const std::string& path, const Overrides& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path, 0, 0, "cannot open experiment file '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ConfigError(path, 0, 0, "cannot read experiment file '" + path + "'");
  return parse_experiment(text.str(), path, overrides);
}

}  // namespace marrow
