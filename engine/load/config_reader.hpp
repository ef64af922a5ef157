// Typed, located reading of small configuration files in YAML (the server's configuration, the
// notification policy): booleans, bounded integers, texts, durations, and mappings whose keys are
// checked against what is allowed. Every problem becomes a located diagnostic (file, line, column,
// field) and reading goes on, so a user sees all of them at once. Messages: "config.err.*" (or
// the family a file's own reader names, e.g. "notify.err.*" for the notification policy).
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"

namespace roadmap::load {

// The catalogue family every message key here goes under: "<family>.not_bool", "<family>.yaml", ...
inline constexpr std::string_view kConfigMessages = "config.err";

class ConfigReader {
 public:
  ConfigReader(std::string file, diag::Diagnostics& out, std::string_view family = kConfigMessages)
      : file_(std::move(file)), out_(out), family_(family) {}

  diag::Location at(const YAML::Node& n, const std::string& field) const;
  void error(const YAML::Node& n, const std::string& field, std::string key, std::vector<std::string> args = {});

  // true / false (also yes / no, да / нет).
  std::optional<bool> boolean(const YAML::Node& n, const std::string& field);
  // A whole number within [lo, hi].
  std::optional<long> integer(const YAML::Node& n, const std::string& field, long lo, long hi);
  std::optional<std::string> text(const YAML::Node& n, const std::string& field);
  // Every key of `map` must be one of `known`; false when `map` is not a mapping.
  bool keys(const YAML::Node& map, const std::string& field, std::initializer_list<std::string_view> known);

 private:
  std::string file_;
  diag::Diagnostics& out_;
  std::string family_;
};

// Parses `text` as a YAML document whose root is a mapping, behind the guard every loader uses
// (load/yaml_guard.hpp); a syntax error or another root is a located diagnostic and nullopt. An
// empty document is an empty mapping: every default holds.
std::optional<YAML::Node> parse_config_root(std::string_view text, const std::string& display_name,
                                            diag::Diagnostics& out, std::string_view family = kConfigMessages);

// Reads a configuration file of at most `max_bytes`; nullopt with a diagnostic when it cannot
// ("<family>.open" {path}, "<family>.too_big" {path, max_bytes}).
std::optional<std::string> read_config_file(const std::string& path, std::size_t max_bytes, diag::Diagnostics& out,
                                            std::string_view family = kConfigMessages);

}  // namespace roadmap::load
