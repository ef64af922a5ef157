#include "diag/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace roadmap::diag {

Diagnostic& Diagnostics::error(Location where, std::string key, std::vector<std::string> args) {
  items_.push_back(Diagnostic{Severity::error, std::move(where), Message{std::move(key), std::move(args)}, {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(Location where, std::string key, std::vector<std::string> args) {
  items_.push_back(Diagnostic{Severity::warning, std::move(where), Message{std::move(key), std::move(args)}, {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
      [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
      [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
}

std::string render(const Diagnostic& d, i18n::Lang lang) {
  std::string out;
  const auto& w = d.where;
  if (!w.file.empty()) {
    out += w.file;
    if (w.line > 0) {
      out += ':' + std::to_string(w.line);
      if (w.column > 0) out += ':' + std::to_string(w.column);
    }
    out += ": ";
  }
  const char* sev = d.severity == Severity::error     ? "diag.error"
                    : d.severity == Severity::warning ? "diag.warning"
                                                      : "diag.note";
  out += std::string(i18n::text(lang, sev)) + ": ";
  out += i18n::format(lang, d.what.key, d.what.args);
  if (!w.field.empty()) {
    out += " [" + std::string(i18n::text(lang, "diag.field")) + " " + w.field + "]";
  }
  out += '\n';
  for (const auto& h : d.hints) {
    out += "    " + std::string(i18n::text(lang, "diag.hint")) + ": " + i18n::format(lang, h.key, h.args) + '\n';
  }
  return out;
}

std::string render_all(const Diagnostics& ds, i18n::Lang lang) {
  std::string out;
  for (const auto& d : ds.items()) out += render(d, lang);
  return out;
}

}  // namespace roadmap::diag
