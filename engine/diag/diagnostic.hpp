// Located diagnostics: what went wrong, where (file, line, column or field), and what to do.
// Loaders and parsers return every diagnostic they find instead of stopping at the first;
// the text is looked up in the catalogue only when shown, so one result renders in any language.
#pragma once

#include <string>
#include <vector>

#include "i18n/catalogue.hpp"

namespace roadmap::diag {

enum class Severity { error, warning, note };

struct Location {
  std::string file;   // as the user named it
  int line = 0;       // 1-based; 0 = unknown
  int column = 0;     // 1-based, in characters (code points); 0 = unknown
  std::string field;  // dotted path into the document, e.g. "sections[2].items[3].deadline"
};

struct Message {
  std::string key;                // catalogue key
  std::vector<std::string> args;  // already rendered arguments
};

struct Diagnostic {
  Severity severity = Severity::error;
  Location where;
  Message what;
  std::vector<Message> hints;  // "what to do": did-you-mean, the forms that are understood, ...
};

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  Diagnostic& error(Location where, std::string key, std::vector<std::string> args = {});
  Diagnostic& warning(Location where, std::string key, std::vector<std::string> args = {});
  void append(const Diagnostics& other);

  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  // Stable order for output: by file, line, column, then insertion.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// "plan.yaml:12:5: ошибка: ..." followed by indented hint lines, in the style of compilers,
// so editors can jump to the place.
std::string render(const Diagnostic& d, i18n::Lang lang);
std::string render_all(const Diagnostics& ds, i18n::Lang lang);

}  // namespace roadmap::diag
