#include "importer/columns.hpp"

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
  std::string t = text::squeeze(s);
  if (t.empty() || t.size() >= 20) return false;
  // Roman numerals: "IV", "IV."
  if (t.find_first_not_of("IVXLC.") == std::string::npos && t.front() != '.') {
    auto dot = t.find('.');
    return dot == std::string::npos || dot == t.size() - 1;
  }
  // 1 to 4 groups of 1 to 3 digits separated by dots, an optional trailing dot.
  int groups = 0, digits = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      if (++digits > 3) return false;
    } else if (c == '.') {
      if (digits == 0) return false;
      ++groups;
      digits = 0;
    } else {
      return false;
    }
  }
  if (digits > 0) ++groups;
  return groups >= 1 && groups <= 4;
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
  if (l.size() < 80) {
    // A year (19xx, 20xx) or a date dd.mm.yy(yy) standing as its own number.
    auto digit = [&](std::size_t i) { return i < l.size() && l[i] >= '0' && l[i] <= '9'; };
    for (std::size_t i = 0; i < l.size(); ++i) {
      if (!digit(i) || (i > 0 && digit(i - 1))) continue;
      std::size_t j = i;
      while (digit(j)) ++j;
      if (j - i == 4 && (l.compare(i, 2, "19") == 0 || l.compare(i, 2, "20") == 0)) return true;
      if (j - i <= 2 && j < l.size() && l[j] == '.' && digit(j + 1)) return true;
    }
  }
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
  // Abbreviations of bodies standing as words: ОО, МКУ УО, ИМЦ.
  static const char* const kAbbr[] = {"ОО", "ОУ", "МКУ", "УО", "ИМЦ", "ГМК", "ГМО", "ММО", "РМО", "ШМО",
                                      "КО", "ОИВ", "ОМСУ", "РЦОКО", "ИРО", "МОУО", "ДОУ"};
  auto boundary = [&](std::size_t i) {
    if (i >= t.size()) return true;
    unsigned char c = static_cast<unsigned char>(t[i]);
    return c == ' ' || c == ',' || c == ';' || c == '(' || c == ')' || c == '"' || c == 0xC2 /* « » */;
  };
  for (const char* a : kAbbr) {
    std::string_view w(a);
    for (auto at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
      bool left = at == 0 || boundary(at - 1) ||
                  (at >= 2 && static_cast<unsigned char>(t[at - 2]) == 0xC2);  // after « or »
      if (left && boundary(at + w.size())) return true;
    }
  }
  return false;
}

}  // namespace roadmap::importer
