#include "importer/columns.hpp"

#include <regex>
#include <set>

#include "importer/text_util.hpp"

namespace roadmap::importer {

bool Cell::empty() const {
  for (const auto& l : lines)
    if (!text::squeeze(l).empty()) return false;
  return true;
}

std::string Cell::text() const { return text::join_lines(lines); }

namespace {

bool has(const std::string& l, std::string_view w) { return l.find(w) != std::string::npos; }

}  // namespace

Column classify_header(std::string_view header) {
  std::string l = text::lower(text::squeeze(header));
  if (l.empty() || l.size() > 200) return Column::unknown;
  if (l.rfind("№", 0) == 0 || l == "n" || l == "no" || l == "n п/п" || has(l, "п/п") || l.rfind("номер", 0) == 0 ||
      l == "#")
    return Column::number;
  if (has(l, "срок") || l.rfind("дата", 0) == 0 || l.rfind("период", 0) == 0 || l.rfind("время", 0) == 0 ||
      has(l, "когда") || has(l, "периодичност"))
    return Column::deadline;
  if (has(l, "ответствен") || has(l, "исполнител") || l.rfind("кто ", 0) == 0) return Column::responsible;
  if (has(l, "участник")) return Column::participants;
  if (has(l, "результат") || has(l, "примечани") || has(l, "ожидаем") || has(l, "форма отч") ||
      has(l, "показател") || has(l, "итог"))
    return Column::expected_result;
  if (has(l, "мероприят") || has(l, "наименован") || has(l, "направлен") || has(l, "содержан") ||
      has(l, "деятельност") || has(l, "вид работ") || has(l, "действи") || has(l, "задач"))
    return Column::measure;
  return Column::unknown;
}

bool header_has_co_executors(std::string_view header) {
  return text::contains_ci(header, "соисполнител");
}

int header_score(const Row& row) {
  std::set<Column> seen;
  int unknown_long = 0;
  for (const auto& c : row.cells) {
    std::string t = c.text();
    if (t.empty()) continue;
    Column k = classify_header(t);
    if (k == Column::unknown) {
      if (text::code_points(t) > 60) ++unknown_long;
      continue;
    }
    seen.insert(k);
  }
  // A data row may mention "срок" in its measure; a header has short cells only.
  if (unknown_long > 0) return 0;
  if (!seen.count(Column::measure) && !seen.count(Column::deadline)) return 0;
  return static_cast<int>(seen.size());
}

bool is_column_numbers_row(const Row& row) {
  int expected = 1, count = 0;
  for (const auto& c : row.cells) {
    std::string t = c.text();
    if (t.empty()) continue;
    if (t != std::to_string(expected)) return false;
    ++expected;
    ++count;
  }
  return count >= 3;
}

bool looks_like_item_number(std::string_view s) {
  static const std::regex re(R"(^\s*(\d{1,3}(\.\d{1,3}){0,3}\.?|[IVXLC]{1,6}\.?)\s*$)");
  std::string t = text::squeeze(s);
  return !t.empty() && t.size() < 20 && std::regex_match(t, re);
}

bool looks_like_deadline(std::string_view s) {
  std::string l = text::lower(text::squeeze(s));
  if (l.empty()) return false;
  static const char* const kWords[] = {
      "январ", "феврал", "март", "апрел", " май", "мая", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
      "декабр", "постоянно", "ежегодно", "ежемесячно", "еженедельно", "ежеквартально", "в течение", "раз в",
      "по мере", "квартал", "полугоди", "по график", "согласно график", "в соответствии с график", "по плану",
      "до ", "в срок", "в период", "после ", "по итогам", "по результатам", "по потребности", "год", "г.",
      "систематически", "регулярно", "ежедневно", "течение", "по запросу", "по необходимости"};
  std::string padded = " " + l;
  for (const char* w : kWords)
    if (padded.find(w) != std::string::npos) return true;
  static const std::regex date(R"(\b(19|20)\d\d\b|\b\d{1,2}\.\d{1,2}\.(\d{2}|\d{4})\b)");
  if (l.size() < 80 && std::regex_search(l, date)) return true;
  if (l == "май") return true;
  return false;
}

bool looks_like_bodies(std::string_view s) {
  std::string t = text::squeeze(s);
  if (t.empty() || text::code_points(t) > 200) return false;
  std::string l = text::lower(t);
  static const char* const kWords[] = {"отдел", "управлени", "комитет", "министерств", "департамент", "администрац",
                                       "руководител", "директор", "специалист", "методист", "учител", "центр",
                                       "учреждени", "организаци", "школ", "педагог"};
  for (const char* w : kWords)
    if (l.find(w) != std::string::npos) return true;
  // Abbreviations of two or more capitals: ОО, МКУ УО, ИМЦ.
  static const std::regex abbr("(^|[ ,;(\"]|«)(ОО|ОУ|МКУ|УО|ИМЦ|ГМК|ГМО|ММО|РМО|ШМО|КО|ОИВ|ОМСУ|РЦОКО|ИРО|МОУО|ДОУ)($|[ ,;)\"]|»)");
  return std::regex_search(t, abbr);
}

}  // namespace roadmap::importer
