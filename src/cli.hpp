// The CLI's frame: global options, the command registry, help in the user's language.
// Each command lives in commands/cmd_<name>.cpp and registers itself with ROADMAP_COMMAND.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <iostream>
#include <string>
#include <vector>

#include "i18n/catalogue.hpp"

namespace roadmap::cli {

// What every command gets: the language and the streams (tests pass string streams).
struct Context {
  i18n::Lang lang = i18n::Lang::ru;
  std::ostream* out = &std::cout;
  std::ostream* err = &std::cerr;
  std::string db_path;  // --db, the SQLite file; empty = the default
  int exit_code = 0;    // set by the command's callback

  std::string tr(std::string_view key, const std::vector<std::string>& args = {}) const {
    return i18n::format(lang, key, args);
  }
};

// A command adds its subcommand to the root app and sets the callback that runs it.
struct Command {
  const char* name;
  int order;  // position in `roadmap --help`
  std::function<void(CLI::App& root, Context& ctx)> setup;
};

std::vector<Command>& registry();

struct Registrar {
  explicit Registrar(Command c) { registry().push_back(std::move(c)); }
};

// Runs the CLI; returns the process exit status (0 ok, 1 the input has errors, 2 usage error).
int run(int argc, char** argv, Context& ctx);

// Default database file: $ROADMAP_DB, else ./roadmap.db
std::string default_db_path();

// A UTC moment as given with --now: "2023-09-01T07:00:00Z" (also without seconds or Z).
std::optional<std::chrono::sys_seconds> parse_utc_moment(const std::string& text);

}  // namespace roadmap::cli

#define ROADMAP_CLI_CAT2(a, b) a##b
#define ROADMAP_CLI_CAT(a, b) ROADMAP_CLI_CAT2(a, b)
#define ROADMAP_COMMAND(...) \
  static ::roadmap::cli::Registrar ROADMAP_CLI_CAT(roadmap_cmd_, __LINE__){::roadmap::cli::Command{__VA_ARGS__}}
