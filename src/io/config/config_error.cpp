// ConfigError: "file:line:col: message" (or "file: message" when there is no position), and the
// small position helpers the loader uses to build it.
#include "config_detail.hpp"

namespace marrow {
namespace {
std::string render(const std::string& file, int line, int column, const std::string& message) {
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}
}  // namespace

ConfigError::ConfigError(std::string file, int line, int column, std::string message)
    : std::runtime_error(render(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)) {}

std::string config_detail::pos_text(const Pos& p) {
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

}  // namespace marrow
