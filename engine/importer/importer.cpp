#include "importer/importer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "importer/csv_reader.hpp"
#include "importer/docx_reader.hpp"
#include "importer/interpret.hpp"
#include "importer/text_reader.hpp"
#include "importer/text_util.hpp"
#include "importer/yaml_writer.hpp"
#ifdef ROADMAP_IMPORTER_HAS_DEADLINE
#include "deadline/parse.hpp"
#endif

namespace roadmap::importer {
namespace {

std::string extension(const std::string& name) {
  auto ext = std::filesystem::path(name).extension().string();
  return text::lower(ext);
}

std::string stem(const std::string& name) { return std::filesystem::path(name).stem().string(); }

diag::Location at(const std::string& file, int line = 0) { return diag::Location{file, line, 0, {}}; }

// Text in any encoding Word saves Russian text in, as UTF-8; false for binary data.
bool decode_text(std::string_view bytes, std::string& out, bool& was_cp1251) {
  was_cp1251 = false;
  if (text::utf16_to_utf8(bytes, out)) return true;
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.remove_prefix(3);
  if (bytes.find('\0') != std::string_view::npos) return false;
  std::size_t controls = 0;
  for (unsigned char c : bytes)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ++controls;
  if (controls > bytes.size() / 100 + 2) return false;
  if (text::invalid_utf8_at(bytes) == std::string_view::npos) {
    out.assign(bytes);
    return true;
  }
  // Windows-1251: most high bytes are Cyrillic letters (0xC0..0xFF).
  std::size_t high = 0, letters = 0;
  for (unsigned char c : bytes) {
    if (c >= 0x80) ++high;
    if (c >= 0xC0 || c == 0xA8 || c == 0xB8) ++letters;
  }
  if (high == 0 || letters * 10 < high * 8) return false;
  out = text::cp1251_to_utf8(bytes);
  was_cp1251 = true;
  return true;
}

// Every deadline phrase through the deadline language; the ones it cannot read are flagged.
void check_deadlines(const model::Plan& plan, const std::string& name, diag::Diagnostics& diags) {
#ifdef ROADMAP_IMPORTER_HAS_DEADLINE
  deadline::ParseOptions opts;
  if (plan.period.school_year_start) opts.school_year_start = *plan.period.school_year_start;
  opts.years = plan.period.years;
  opts.half_year = plan.half_year == model::HalfYear::calendar ? deadline::HalfYear::calendar : deadline::HalfYear::school;
  auto check = [&](const std::string& phrase, int line, const std::string& path) {
    if (phrase.empty()) return;
    if (!deadline::parse(phrase, opts).understood())
      diags.warning(diag::Location{name, line, 0, path}, "import.warn.deadline_unreadable", {text::shorten(phrase, 80)});
  };
  for (std::size_t s = 0; s < plan.sections.size(); ++s)
    for (std::size_t i = 0; i < plan.sections[s].items.size(); ++i) {
      const auto& it = plan.sections[s].items[i];
      std::string path = "sections[" + std::to_string(s) + "].items[" + std::to_string(i) + "]";
      if (it.sub_measures.empty()) check(it.deadline, it.deadline_pos.line, path + ".deadline");
      for (std::size_t k = 0; k < it.sub_measures.size(); ++k)
        check(it.sub_measures[k].deadline, it.sub_measures[k].deadline_pos.line,
              path + ".sub_measures[" + std::to_string(k) + "].deadline");
    }
#else
  (void)plan, (void)name, (void)diags;
#endif
}

}  // namespace

ImportResult import_bytes(std::string_view bytes, const std::string& name, const ImportOptions& options) {
  ImportResult result;
  result.display_name = name;
  auto& diags = result.diagnostics;
  if (bytes.size() > options.max_bytes) {
    diags.error(at(name), "import.err.too_big", {std::to_string(bytes.size()), std::to_string(options.max_bytes)});
    return result;
  }
  if (bytes.empty() || text::squeeze(bytes).empty()) {
    diags.error(at(name), "import.err.empty").hints.push_back({"import.hint.no_table", {}});
    return result;
  }
  Format format = options.format;
  std::string ext = extension(name);
  bool zip = bytes.rfind("PK\x03\x04", 0) == 0 || bytes.rfind("PK\x05\x06", 0) == 0;
  if (format == Format::automatic) {
    if (zip || ext == ".docx" || ext == ".docm") format = Format::docx;
    else if (ext == ".csv") format = Format::csv;
    else format = Format::text;
  }
  if (bytes.rfind("\xD0\xCF\x11\xE0", 0) == 0) {
    diags.error(at(name), "import.err.old_doc").hints.push_back({"import.hint.old_doc", {}});
    return result;
  }
  if (bytes.rfind("%PDF", 0) == 0) {
    diags.error(at(name), "import.err.pdf").hints.push_back({"import.hint.binary", {}});
    return result;
  }

  Document doc;
  if (format == Format::docx) {
    doc = read_docx_document(bytes, name, diags);
    if (diags.has_errors()) return result;
  } else {
    if (zip) {
      diags.error(at(name), "import.err.binary").hints.push_back({"import.hint.binary", {}});
      return result;
    }
    std::string utf8;
    bool cp1251 = false;
    if (!decode_text(bytes, utf8, cp1251)) {
      diags.error(at(name), "import.err.binary").hints.push_back({"import.hint.binary", {}});
      return result;
    }
    if (cp1251) diags.warning(at(name), "import.warn.encoding_cp1251");
    if (format == Format::csv) {
      doc = read_csv_document(utf8, name, diags);
      if (diags.has_errors()) return result;
    } else {
      doc = read_text_document(utf8);
    }
  }

  Interpretation in = interpret(doc, name, stem(name));
  diags.append(in.notes);
  if (in.ok()) {
    check_deadlines(in.plan, name, diags);
    in.plan.source_file = name;
    result.plan = std::move(in.plan);
  }
  return result;
}

ImportResult import_file(const std::string& path, const ImportOptions& options) {
  ImportResult result;
  result.display_name = path;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    result.diagnostics.error(at(path), "import.err.is_directory");
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    if (!std::filesystem::exists(path, ec)) result.diagnostics.error(at(path), "import.err.not_found");
    else if (err == EACCES) result.diagnostics.error(at(path), "import.err.no_access");
    else result.diagnostics.error(at(path), "import.err.unreadable", {std::string(std::strerror(err))});
    return result;
  }
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > options.max_bytes) {
    result.diagnostics.error(at(path), "import.err.too_big", {std::to_string(size), std::to_string(options.max_bytes)});
    return result;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    result.diagnostics.error(at(path), "import.err.unreadable", {std::string(std::strerror(errno))});
    return result;
  }
  return import_bytes(buf.str(), path, options);
}

std::string render_yaml(const ImportResult& result, i18n::Lang lang) {
  if (!result.plan) return {};
  Comments comments;
  for (const auto& d : result.diagnostics.items()) {
    if (d.severity == diag::Severity::error || d.where.field.empty()) continue;
    comments[d.where.field].push_back(i18n::format(lang, d.what.key, d.what.args));
  }
  return write_plan_yaml(*result.plan, comments, std::string(i18n::text(lang, "import.check")));
}

std::string render_report(const ImportResult& result, i18n::Lang lang) {
  std::string out;
  diag::Diagnostics sorted = result.diagnostics;
  sorted.sort();
  if (result.plan) {
    const auto& p = *result.plan;
    out += i18n::format(lang, "import.report.summary",
                        {result.display_name, std::to_string(p.sections.size()), std::to_string(p.item_count()),
                         std::to_string(p.bodies.size())}) +
           "\n";
    std::size_t n = sorted.warning_count();
    if (n == 0) out += i18n::format(lang, "import.report.nothing", {}) + "\n";
    else out += i18n::format(lang, "import.report.check_header", {std::to_string(n)}) + "\n";
  }
  out += diag::render_all(sorted, lang);
  return out;
}

}  // namespace roadmap::importer
