// Typed, located reading of a yaml-cpp tree: every wrong type, missing field, unknown key (with
// "did you mean") and duplicate key becomes a diagnostic, and reading goes on. Field paths are
// dotted with 1-based list positions ("sections[2].items[3].deadline"), as a person counts.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostic.hpp"
#include "load/text_checks.hpp"
#include "model/plan.hpp"

namespace roadmap::load {

class Reader;

// A scalar value with where it was written.
struct Located {
  std::string value;
  model::SourcePos pos;
  std::string path;
};

// One mapping of the document, its keys checked against what is allowed at that level.
class MapView {
 public:
  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  model::SourcePos pos() const { return pos_; }
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // The value of `key`, or nullptr when it is absent.
  const YAML::Node* find(std::string_view key) const;
  model::SourcePos key_pos(std::string_view key) const;
  model::SourcePos value_pos(std::string_view key) const;
  std::string child_path(std::string_view key) const;

  // Text field. Missing and `required` -> error; null -> "" (error when required and not
  // `allow_empty`); a list or mapping -> error. Returns nullopt when absent or wrong.
  std::optional<Located> text(std::string_view key, bool required, bool allow_empty = false) const;
  // List of texts; a single value or a mapping -> error.
  std::optional<std::vector<Located>> text_list(std::string_view key, bool required) const;
  // A list node (each element is then read by the caller); nullopt when absent or not a list.
  std::optional<YAML::Node> list(std::string_view key, bool required, bool non_empty = false) const;
  // A nested mapping with its allowed keys.
  std::optional<MapView> map(std::string_view key, bool required, std::vector<std::string> allowed) const;

 private:
  friend class Reader;
  Reader* reader_ = nullptr;
  bool valid_ = false;
  std::string path_;
  model::SourcePos pos_;
  std::vector<std::pair<std::string, std::pair<YAML::Node, YAML::Node>>> entries_;  // key -> (key node, value)
};

class Reader {
 public:
  Reader(std::string file, std::string_view text, diag::Diagnostics& out);

  // Checks that `node` is a mapping and its keys are among `allowed`. `where` locates a node
  // without a position of its own (a null value).
  MapView map(const YAML::Node& node, std::string path, const std::vector<std::string>& allowed,
              model::SourcePos where = {});

  model::SourcePos pos_of(const YAML::Node& node, model::SourcePos fallback = {}) const;
  diag::Location loc(model::SourcePos pos, std::string field) const;
  // Adds a diagnostic unless the error limit is reached; returns nullptr then.
  diag::Diagnostic* error(model::SourcePos pos, std::string field, std::string key,
                          std::vector<std::string> args = {});
  diag::Diagnostic* warning(model::SourcePos pos, std::string field, std::string key,
                            std::vector<std::string> args = {});
  void hint(diag::Diagnostic* d, std::string key, std::vector<std::string> args = {});
  void did_you_mean(diag::Diagnostic* d, std::string_view word, const std::vector<std::string>& candidates);

  // Reports a value of the wrong kind: `want` is "string", "list" or "map".
  void wrong_type(const YAML::Node& node, model::SourcePos pos, const std::string& path, std::string_view want);
  // A scalar's text, checking a quoted one for a missing closing quote.
  std::string scalar(const YAML::Node& node, model::SourcePos pos, const std::string& path);

  // Guards against aliases that expand into a huge tree: false once the budget of nodes is spent.
  bool spend(std::size_t nodes = 1);
  bool exhausted() const { return exhausted_; }
  // Called once at the end: reports the limits that were hit.
  void finish();

  const std::string& file() const { return file_; }
  const LineIndex& lines() const { return lines_; }
  diag::Diagnostics& out() { return out_; }

 private:
  std::string file_;
  std::string_view text_;
  LineIndex lines_;
  diag::Diagnostics& out_;
  std::size_t errors_ = 0;
  std::size_t dropped_ = 0;
  std::size_t budget_;
  std::set<std::size_t> quotes_checked_;  // offsets of quoted scalars already checked
  bool exhausted_ = false;
};

// "a, b, c" of a list of names.
std::string join(const std::vector<std::string>& names, std::string_view sep = ", ");

inline constexpr std::size_t kMaxErrors = 200;
inline constexpr std::size_t kNodeBudget = 200'000;  // a real plan has a few thousand nodes

}  // namespace roadmap::load
