// Entry points of the plan loader: the file's size, encoding and YAML syntax are checked here,
// the document's content by plan_builder. Every yaml-cpp exception becomes a diagnostic.
#include "load/plan_loader.hpp"
#include "load/yaml_guard.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>
#include <utility>
#include <cctype>

#include "load/plan_builder.hpp"
#include "load/text_checks.hpp"
#include "load/yaml_reader.hpp"

namespace roadmap::load {

namespace {

constexpr std::size_t kMaxUtf8Reports = 20;

diag::Location file_loc(const std::string& name, int line = 0, int column = 0) {
  diag::Location l;
  l.file = name;
  l.line = line;
  l.column = column;
  return l;
}

void file_error(diag::Diagnostics& out, const std::string& name, const char* key, const char* hint,
                std::vector<std::string> args = {}) {
  auto& d = out.error(file_loc(name), key, std::move(args));
  d.hints.push_back({hint, {}});
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

int indent_of(std::string_view line) {
  std::size_t n = line.find_first_not_of(' ');
  return static_cast<int>(n == std::string_view::npos ? line.size() : n);
}

// "key: value" followed by a line indented differently: yaml-cpp reads the second line as the
// continuation of the value and then stumbles on its colon ("illegal map value").
bool misindented(const LineIndex& lines, int line0) {
  std::string_view here = lines.line_text(line0);
  for (int prev = line0 - 1; prev >= 0; --prev) {
    std::string_view p = lines.line_text(prev);
    std::size_t first = p.find_first_not_of(" \r");
    if (first == std::string_view::npos || p[first] == '#') continue;
    std::size_t colon = p.find(": ");
    bool key_value = colon != std::string_view::npos && p.find_first_not_of(" \r", colon + 1) != std::string_view::npos;
    return key_value && p[first] != '-' && indent_of(p) != indent_of(here);
  }
  return false;
}

bool key_line(std::string_view line) {
  std::size_t i = line.find_first_not_of(" -");
  if (i == std::string_view::npos) return false;
  std::size_t colon = line.find(':', i);
  if (colon == std::string_view::npos || colon == i) return false;
  for (std::size_t k = i; k < colon; ++k)
    if (!(std::isalnum(static_cast<unsigned char>(line[k])) || line[k] == '_')) return false;
  return colon + 1 == line.size() || line[colon + 1] == ' ' || line[colon + 1] == '\r';
}

// A value that opens a quote and does not close it on its line, followed by a "key:" line: the
// quote then runs on until some later quote and the parser fails far away from the real mistake.
// Returns the 0-based line and byte column of the opening quote, or line -1.
std::pair<int, int> find_unclosed_quote(const LineIndex& lines, int up_to_line0) {
  for (int l = 0; l < up_to_line0 && l + 1 < lines.line_count(); ++l) {
    std::string_view s = lines.line_text(l);
    std::size_t v = s.find(": ");
    std::size_t start = v == std::string_view::npos ? s.find_first_not_of(' ') : v + 2;
    if (v == std::string_view::npos && (start == std::string_view::npos || s[start] != '-')) continue;
    if (v == std::string_view::npos) start = s.find_first_not_of(' ', start + 1);
    if (start == std::string_view::npos || start >= s.size() || (s[start] != '"' && s[start] != '\'')) continue;
    const char q = s[start];
    bool closed = false;
    for (std::size_t i = start + 1; i < s.size(); ++i) {
      if (q == '"' && s[i] == '\\') { ++i; continue; }
      if (s[i] == q) {
        if (q == '\'' && i + 1 < s.size() && s[i + 1] == '\'') { ++i; continue; }
        closed = true;
        break;
      }
    }
    if (closed) continue;
    int next = l + 1;
    while (next < lines.line_count() && lines.line_text(next).find_first_not_of(" \r") == std::string_view::npos) ++next;
    if (next < lines.line_count() && key_line(lines.line_text(next))) return {l, static_cast<int>(start)};
  }
  return {-1, 0};
}

// An unclosed quote swallows the rest of the file: what the loader says about that rest (missing
// fields, odd values) only repeats the one mistake, so it is left out.
void drop_swallowed(diag::Diagnostics& out) {
  const diag::Diagnostic* quote = nullptr;
  for (const auto& d : out.items())
    if (d.what.key == "load.err.unclosed_quote") { quote = &d; break; }
  if (!quote) return;
  diag::Diagnostics kept;
  for (const auto& d : out.items()) {
    const bool after = std::tie(d.where.line, d.where.column) >= std::tie(quote->where.line, quote->where.column);
    if (&d == quote || (!after && d.what.key != "load.err.missing")) kept.add(d);
  }
  out = std::move(kept);
}

// yaml-cpp's message -> our explanation of the common cases, in the user's language.
void report_syntax_error(const YAML::Exception& e, Reader& r, std::string_view text) {
  const int line0 = e.mark.is_null() ? -1 : e.mark.line;
  model::SourcePos pos{line0 + 1, line0 >= 0 ? r.lines().char_column(line0, e.mark.column) : 0};
  if (line0 < 0) pos = {};
  // A tab in the indentation is the usual cause of a failure at or just after it.
  bool tabs = false;
  for (const auto& t : find_tabs_in_indentation(text)) {
    if (line0 >= 0 && t.line > line0 + 2) break;
    auto* d = r.error({t.line, t.column}, "", "load.err.tab");
    r.hint(d, "load.hint.tab");
    tabs = true;
  }
  if (tabs) return;
  if (line0 >= 0) {
    auto [ql, qc] = find_unclosed_quote(r.lines(), line0 + 1);
    if (ql >= 0) {
      const std::string_view line = r.lines().line_text(ql);
      auto* d = r.error({ql + 1, r.lines().char_column(ql, qc)}, "", "load.err.unclosed_quote",
                        {std::string(1, line[static_cast<std::size_t>(qc)])});
      r.hint(d, "load.hint.unclosed_quote");
      return;
    }
  }
  const std::string& m = e.msg;
  auto report = [&](const char* key, const char* hint, std::vector<std::string> args = {}) {
    auto* d = r.error(pos, "", key, std::move(args));
    r.hint(d, hint);
  };
  if (dynamic_cast<const YAML::DeepRecursion*>(&e)) report("load.err.too_deep", "load.hint.too_deep");
  else if (starts_with(m, YAML::ErrorMsg::END_OF_MAP_FLOW)) report("load.err.unclosed_flow", "load.hint.unclosed_flow", {"{"});
  else if (starts_with(m, YAML::ErrorMsg::END_OF_SEQ_FLOW)) report("load.err.unclosed_flow", "load.hint.unclosed_flow", {"["});
  else if (starts_with(m, YAML::ErrorMsg::END_OF_MAP) || starts_with(m, YAML::ErrorMsg::END_OF_SEQ))
    report("load.err.indent", "load.hint.indent");
  else if (starts_with(m, YAML::ErrorMsg::MAP_VALUE)) {
    if (line0 >= 0 && misindented(r.lines(), line0)) {
      pos.column = indent_of(r.lines().line_text(line0)) + 1;
      report("load.err.indent", "load.hint.indent");
    } else {
      report("load.err.map_value", "load.hint.map_value");
    }
  }
  else if (starts_with(m, YAML::ErrorMsg::BLOCK_ENTRY)) report("load.err.block_entry", "load.hint.block_entry");
  else if (starts_with(m, YAML::ErrorMsg::EOF_IN_SCALAR)) report("load.err.unclosed_quote", "load.hint.unclosed_quote", {"\""});
  else if (starts_with(m, YAML::ErrorMsg::TAB_IN_INDENTATION)) report("load.err.tab", "load.hint.tab");
  else if (starts_with(m, YAML::ErrorMsg::UNKNOWN_ANCHOR)) report("load.err.unknown_anchor", "load.hint.unknown_anchor");
  else report("load.err.syntax", "load.hint.syntax", {m});
}

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

PlanLoad load_plan_text(std::string_view text, const std::string& display_name, const LoadOptions& options) {
  PlanLoad result;
  diag::Diagnostics& out = result.diagnostics;
  if (text.size() > options.max_bytes) {
    file_error(out, display_name, "load.err.too_big", "load.hint.too_big",
               {std::to_string(text.size()), std::to_string(options.max_bytes)});
    return result;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte-order mark is no content
  if (blank(text)) {
    file_error(out, display_name, "load.err.empty", "load.hint.empty");
    return result;
  }
  std::size_t bad_total = 0;
  auto bad = find_utf8_errors(text, kMaxUtf8Reports, &bad_total);
  if (!bad.empty()) {
    static const char* hex = "0123456789ABCDEF";
    for (const auto& b : bad) {
      auto& d = out.error(file_loc(display_name, b.line, b.column), "load.err.utf8",
                          {std::string{hex[b.byte >> 4], hex[b.byte & 15]}});
      d.hints.push_back({"load.hint.utf8", {}});
    }
    if (bad_total > bad.size())
      out.error(file_loc(display_name), "load.err.utf8_more", {std::to_string(bad_total - bad.size())});
    return result;
  }

  Reader reader(display_name, text, out);
  if (auto bad_root = unsafe_yaml_root(text)) {
    auto* d = reader.error({bad_root->first, reader.lines().char_column(bad_root->first - 1, bad_root->second)}, "",
                           "load.err.root");
    reader.hint(d, "load.hint.root");
    reader.finish();
    out.sort();
    return result;
  }
  try {
    // yaml-cpp parses a std::string (it copies the input once; the size is bounded above).
    std::vector<YAML::Node> docs = YAML::LoadAll(std::string(text));
    if (docs.empty() || docs.front().IsNull()) {
      file_error(out, display_name, "load.err.empty", "load.hint.empty");
    } else {
      if (docs.size() > 1) {
        auto* d = reader.error(reader.pos_of(docs[1]), "", "load.err.many_documents");
        reader.hint(d, "load.hint.many_documents");
      }
      if (!docs.front().IsMap()) {
        auto* d = reader.error(reader.pos_of(docs.front(), {1, 1}), "", "load.err.root");
        reader.hint(d, "load.hint.root");
      } else {
        model::Plan plan = build_plan(docs.front(), reader, &result.items_read);
        plan.source_file = display_name;
        result.plan = std::move(plan);
      }
    }
  } catch (const YAML::ParserException& e) {
    report_syntax_error(e, reader, text);
  } catch (const YAML::Exception& e) {
    auto* d = reader.error({}, "", "load.err.internal", {e.what()});
    reader.hint(d, "load.hint.internal");
  } catch (const std::exception& e) {
    auto* d = reader.error({}, "", "load.err.internal", {e.what()});
    reader.hint(d, "load.hint.internal");
  }
  reader.finish();
  // A plan is understood only when its deadlines are: an unreadable phrase is an error, never a
  // guess. Phrases are read only once the structure is sound, so every message is about the plan.
  if (result.plan && !out.has_errors()) {
    result.deadlines = plancheck::check_deadlines(*result.plan);
    out.append(result.deadlines->diagnostics);
  }
  drop_swallowed(out);
  out.sort();
  if (out.has_errors()) result.plan.reset();
  return result;
}

PlanLoad load_plan_file(const std::string& path, const LoadOptions& options) {
  PlanLoad result;
  namespace fs = std::filesystem;
  std::error_code ec;
  // The size is checked before reading: a wrong 100 MB file never enters memory.
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    file_error(result.diagnostics, path, "load.err.not_found", "load.hint.open", {path});
    return result;
  }
  if (fs::is_directory(status)) {
    file_error(result.diagnostics, path, "load.err.is_directory", "load.hint.open", {path});
    return result;
  }
  const auto size = fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
  if (!ec && size > options.max_bytes) {
    file_error(result.diagnostics, path, "load.err.too_big", "load.hint.too_big",
               {std::to_string(size), std::to_string(options.max_bytes)});
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    file_error(result.diagnostics, path, "load.err.open", "load.hint.open", {path});
    return result;
  }
  // Read at most one byte over the limit: a pipe or special file may not know its size.
  std::string text;
  text.resize(std::min<std::size_t>(options.max_bytes + 1, fs::is_regular_file(status) ? size + 1 : options.max_bytes + 1));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    file_error(result.diagnostics, path, "load.err.open", "load.hint.open", {path});
    return result;
  }
  return load_plan_text(text, path, options);
}

}  // namespace roadmap::load
