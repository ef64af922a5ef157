// A report as a document: titles, tables of text cells (numbers kept as numbers for JSON), charts
// and a signature block, in the user's language. One model, four renderers (render.hpp and the
// CLI's terminal table), so every format shows the same thing.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "i18n/catalogue.hpp"
#include "reports/reports.hpp"

namespace roadmap::reports {

struct DocCell {
  std::string text;
  std::optional<double> number;  // set for counts and percentages: JSON writes the number
  std::string css;               // an HTML class for status cells ("done", "overdue" ...), may be empty
};
struct DocColumn {
  std::string id;     // JSON key
  std::string title;  // heading in the user's language
  bool numeric = false;
};
struct DocTable {
  std::string id;  // "by_body", "items" ...
  std::string title;
  std::vector<DocColumn> columns;
  std::vector<std::vector<DocCell>> rows;
  bool wide = false;  // a matrix: printed on A4 landscape
  std::string empty;  // what to say when there are no rows
  std::optional<std::size_t> total_rows;  // set when `rows` are the first of more
  std::string note;                        // under the table: how many are shown of how many
};
struct DocChart {
  enum class Kind { line, bars } kind = Kind::line;
  std::string title;
  std::string unit;  // "%" or ""
  std::vector<std::pair<std::string, double>> points;
};
struct Document {
  std::string kind;  // overdue, completion, execution, discipline
  std::string title;
  std::vector<std::string> subtitle;  // plan, period, "as of"
  std::vector<DocTable> tables;
  std::vector<DocChart> charts;
  std::vector<std::string> signature;  // lines under the tables (execution: who signs)
  std::vector<std::pair<std::string, std::string>> meta;  // for JSON: period, today ...
  bool landscape = false;
};

struct DocOptions {
  i18n::Lang lang = i18n::Lang::ru;
  std::string as_of;  // "09.01.2024" or a note on time zones
};

Document overdue_document(const Input& in, const OverdueReport& r, const DocOptions& o);
Document completion_document(const Input& in, const CompletionReport& r, const DocOptions& o);
Document execution_document(const Input& in, const ExecutionReport& r, const DocOptions& o);
Document discipline_document(const Input& in, const DisciplineReport& r, const DocOptions& o);

// "просрочено на 3 рабочих дня" with the right Russian plural form.
std::string working_days_text(i18n::Lang lang, long n);

}  // namespace roadmap::reports
