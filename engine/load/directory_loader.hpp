// Loads an organisation directory file (plans/README.md, "Organisation directory and
// assessment-event calendar") into model::Directory, with every problem located: unknown keys,
// duplicate names, e-mail syntax, unknown time zones, group members that are not schools.
// Nothing is thrown for bad input: the result carries the directory only when there are no errors.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "load/yaml_reader.hpp"
#include "model/directory.hpp"

namespace roadmap::load {

struct DirectoryLoadOptions {
  std::size_t max_bytes = 16u << 20;  // 1,000 schools with their people take well under a megabyte
};

struct DirectoryLoad {
  std::optional<model::Directory> directory;  // set only when diagnostics has no errors
  diag::Diagnostics diagnostics;
  bool ok() const { return directory.has_value() && !diagnostics.has_errors(); }
};

DirectoryLoad load_directory_file(const std::string& path, const DirectoryLoadOptions& options = {});
// `display_name` is what messages call the file.
DirectoryLoad load_directory_text(std::string_view text, const std::string& display_name,
                                  const DirectoryLoadOptions& options = {});

// True for an address of the form local@domain.tld (RFC 5322 "dot-atom" local part, LDH labels).
bool valid_email(std::string_view email);

namespace detail {

// The steps every YAML file of the directory and the event calendar goes through before its
// content is read: size, byte-order mark, emptiness, UTF-8, YAML syntax, one document, a mapping
// at the top. `build` reads the root mapping; returns false when it was never called.
bool read_yaml_document(std::string_view text, const std::string& display_name, std::size_t max_bytes,
                        diag::Diagnostics& out, const char* root_error_key, const char* root_hint_key,
                        const std::function<void(const YAML::Node&, Reader&)>& build);

// Reads a whole file into `text`, reporting a missing, unreadable or too big file.
bool read_file(const std::string& path, std::size_t max_bytes, std::string& text, diag::Diagnostics& out);

// Strict YYYY-MM-DD; reports load.err.date_format / load.err.date_invalid at the value.
std::optional<model::Date> read_date(Reader& r, const Located& v);
// "2023-2024": the first year; reports load.err.school_year.
std::optional<int> read_school_year(Reader& r, const Located& v);
// An enumerated value; reports load.err.enum with did-you-mean.
std::optional<std::string> read_enum(Reader& r, const MapView& m, std::string_view key,
                                     const std::vector<std::string>& allowed, bool required = false);

}  // namespace detail

}  // namespace roadmap::load
