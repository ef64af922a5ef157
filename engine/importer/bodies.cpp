#include "importer/bodies.hpp"

#include <algorithm>
#include <functional>

#include "importer/text_util.hpp"

namespace roadmap::importer {

std::vector<std::string> split_bodies(const std::string& cell) {
  // Join lines that continue a name: a hyphenated break, or an open quote / bracket.
  std::vector<std::string> lines;
  int open = 0;
  for (auto& raw : text::split(cell, '\n')) {
    std::string l = text::squeeze(raw);
    if (l.empty()) continue;
    bool join = !lines.empty() && (open > 0 || (lines.back().size() > 1 && lines.back().back() == '-') ||
                                   l.front() == '(');
    if (join) {
      if (lines.back().back() == '-') lines.back() += l;
      else lines.back() += " " + l;
    } else {
      lines.push_back(l);
    }
    for (std::size_t i = 0; i < l.size(); ++i) {
      std::string_view rest(l.data() + i, l.size() - i);
      if (rest.rfind("«", 0) == 0 || l[i] == '(') ++open;
      if (rest.rfind("»", 0) == 0 || l[i] == ')') open = std::max(0, open - 1);
    }
  }
  std::vector<std::string> out;
  for (const auto& line : lines) {
    std::string cur;
    int depth = 0;
    bool in_quote = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      std::string_view rest(line.data() + i, line.size() - i);
      if (rest.rfind("«", 0) == 0 || line[i] == '(') ++depth;
      if (rest.rfind("»", 0) == 0 || line[i] == ')') depth = std::max(0, depth - 1);
      if (line[i] == '"') in_quote = !in_quote;
      if ((line[i] == ',' || line[i] == ';') && depth == 0 && !in_quote) {
        out.push_back(cur);
        cur.clear();
        continue;
      }
      cur += line[i];
    }
    out.push_back(cur);
  }
  std::vector<std::string> clean;
  for (auto& p : out) {
    std::string t = text::squeeze(p);
    while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ';') &&
           !(t.size() > 2 && t[t.size() - 2] == '.'))  // keep initials "Н.А."
      t.pop_back();
    t = text::trim(t);
    if (t.rfind("- ", 0) == 0) t = text::trim(t.substr(2));
    if (!t.empty()) clean.push_back(t);
  }
  return clean;
}

std::vector<std::string> split_known(const std::string& piece, const std::set<std::string>& known) {
  for (const auto& common : common_body_names())
    if (text::name_key(common) == text::name_key(piece)) return {piece};
  std::vector<std::string> words = text::split(text::squeeze(piece), ' ');
  const std::size_t n = words.size();
  if (n < 2 || n > 24) return {piece};
  // best[i] = fewest known names covering words[i..n); -1 = impossible.
  std::vector<int> best(n + 1, -1), next(n + 1, -1);
  best[n] = 0;
  for (std::size_t i = n; i-- > 0;) {
    std::string joined;
    for (std::size_t j = i; j < n; ++j) {
      joined += (j > i ? " " : "") + words[j];
      if (best[j + 1] < 0 || (i == 0 && j + 1 == n)) continue;  // the piece itself does not count
      bool is_and = j == i && (words[j] == "и" || words[j] == "совместно" || words[j] == "с");
      if (!is_and && !known.count(text::name_key(joined))) continue;
      int cost = best[j + 1] + (is_and ? 0 : 1);
      if (best[i] < 0 || cost < best[i]) { best[i] = cost; next[i] = static_cast<int>(j + 1); }
    }
  }
  if (best[0] < 2) return {piece};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n;) {
    auto j = static_cast<std::size_t>(next[i]);
    std::string joined;
    for (std::size_t k = i; k < j; ++k) joined += (k > i ? " " : "") + words[k];
    if (!(j == i + 1 && (joined == "и" || joined == "совместно" || joined == "с"))) out.push_back(joined);
    i = j;
  }
  return out;
}

const std::vector<std::string>& common_body_names() {
  static const std::vector<std::string> names = {
      "ОО",  "ОУ",  "ДОУ", "КО",  "УО",   "МКУ УО", "МОУО", "ОМСУ", "ОИВ", "ИМЦ", "ГМК", "ГМО",
      "ММО", "РМО", "ШМО", "РЦОКО", "ИРО", "ХК ИРО", "ЛОИРО", "Отдел образования", "Управление образования",
      "Комитет образования", "руководители ОО", "образовательные учреждения", "общеобразовательные организации"};
  return names;
}

model::BodyKind guess_kind(const std::string& id, const std::string& name, bool& sure) {
  using K = model::BodyKind;
  sure = true;
  std::string l = " " + text::lower(text::squeeze(id + " " + name)) + " ";
  auto has = [&](std::string_view w) { return l.find(w) != std::string::npos; };
  std::string key = text::lower(text::squeeze(id));
  bool schools_word = has(" оо ") || has(" оу ") || has(" оо,") || has("образовательн") || has("школ") ||
                      has(" оо)") || has("учреждени");
  if (has("шмо") || has("руководител") || has("администраци оо") || has("администрация оо") ||
      has("заместител") || has("директор") || has("учител") || has("педагог") || has("классн"))
    return K::school_unit;
  if (schools_word && (has("включенн") || has("признак") || has("риск") || has("низкими") || has("контрольн") ||
                       has("списк") || has("перечн") || has("необъектив")))
    return K::school_group;
  if (has("рцоко") || has(" иро ") || has("лоиро") || has("скиро") || has("институт") || has("центр оценки") ||
      has("регионального центра") || has("региональный центр"))
    return K::institute;
  if (has("имц") || has(" гмк ") || has(" гмо ") || has(" ммо ") || has(" рмо ") || has("методическ") ||
      has("методист"))
    return K::methodical;
  if (has("отдел") || has("управлени") || has("комитет") || key == "ко" || has(" оив ") || has("омсу") ||
      has(" уо ") || has("моуо") || has("министерств") || has("департамент") || has("администрац") ||
      has("органы местного"))
    return K::authority;
  if (key == "оо" || key == "оу" || key == "доу" || schools_word) return K::schools;
  sure = false;
  return K::other;
}

}  // namespace roadmap::importer
