// Builds our own YAML tree from yaml-cpp parser events. yaml-cpp's Node silently keeps only the first
// of two duplicate keys and converts scalars by YAML 1.1 rules; the event stream gives us every entry
// in file order, every position (converted to 1-based) and whether a scalar was quoted.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>

#include "config_detail.hpp"

namespace marrow::config_detail {
namespace {

Pos to_pos(const YAML::Mark& m) {
  if (m.is_null() || m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

class TreeBuilder : public YAML::EventHandler {
 public:
  std::optional<YNode> root;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override {
    YNode n;
    n.pos = to_pos(m);
    emit(std::move(n), a);
  }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override {
    YNode n = anchors_.count(a) ? anchors_[a] : YNode{};
    n.pos = to_pos(m);
    emit(std::move(n), 0);
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                const std::string& value) override {
    YNode n;
    n.kind = YNode::Kind::Scalar;
    n.pos = to_pos(m);
    n.scalar = value;
    n.quoted = tag == "!";  // yaml-cpp tags quoted scalars "!" and plain ones "?"
    emit(std::move(n), a);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a,
                       YAML::EmitterStyle::value) override {
    open(YNode::Kind::Sequence, m, a);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a,
                  YAML::EmitterStyle::value) override {
    open(YNode::Kind::Map, m, a);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    YNode node;
    YAML::anchor_t anchor = 0;
    std::optional<YNode> key;  // maps: the key waiting for its value
  };
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, YNode> anchors_;

  void open(YNode::Kind kind, const YAML::Mark& m, YAML::anchor_t a) {
    Frame f;
    f.node.kind = kind;
    f.node.pos = to_pos(m);
    f.anchor = a;
    stack_.push_back(std::move(f));
  }
  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    emit(std::move(f.node), f.anchor);
  }
  void emit(YNode n, YAML::anchor_t anchor) {
    if (anchor) anchors_[anchor] = n;
    if (stack_.empty()) {
      root = std::move(n);
      return;
    }
    Frame& f = stack_.back();
    if (f.node.kind == YNode::Kind::Sequence) {
      f.node.seq.push_back(std::move(n));
    } else if (!f.key) {
      f.key = std::move(n);
    } else {
      f.node.map.emplace_back(std::move(*f.key), std::move(n));
      f.key.reset();
    }
  }
};

}  // namespace

const char* kind_name(YNode::Kind k) {
  switch (k) {
    case YNode::Kind::Null: return "nothing";
    case YNode::Kind::Scalar: return "a single value";
    case YNode::Kind::Sequence: return "a list";
    case YNode::Kind::Map: return "a map";
  }
  return "?";
}

YNode parse_yaml(const std::string& text, const std::string& file) {
  std::istringstream in(text);
  TreeBuilder builder;
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      TreeBuilder second;
      if (parser.HandleNextDocument(second))
        throw ConfigError(file, second.root ? second.root->pos.line : 0,
                          second.root ? second.root->pos.col : 0,
                          "a second YAML document ('---'); an experiment file holds exactly one");
    }
  } catch (const YAML::ParserException& e) {
    Pos p = to_pos(e.mark);
    throw ConfigError(file, p.line, p.col, "YAML syntax error: " + e.msg);
  }
  if (!builder.root || builder.root->kind == YNode::Kind::Null) {
    YNode empty;
    empty.kind = YNode::Kind::Map;
    empty.pos = {1, 1};
    return empty;
  }
  return std::move(*builder.root);
}

}  // namespace marrow::config_detail
