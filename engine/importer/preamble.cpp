#include "importer/preamble.hpp"

#include <algorithm>
#include <regex>

#include "importer/text_util.hpp"

namespace roadmap::importer {
namespace {

using namespace std::chrono;

const char* const kMonthsGenitive[] = {"январ", "феврал", "март", "апрел", "ма", "июн",
                                       "июл", "август", "сентябр", "октябр", "ноябр", "декабр"};

bool is_stop_word(const std::string& lower) {
  static const char* const kStops[] = {"цел", "задач", "срок", "перечень", "сокращени", "утвержд", "приложени",
                                       "№", "от ", "приказ"};
  for (const char* s : kStops)
    if (lower.rfind(s, 0) == 0) return true;
  return false;
}

std::string strip_quotes_start(const std::string& s) {
  std::string t = s;
  for (const char* q : {"«", "\"", "“", "'"})
    if (t.rfind(q, 0) == 0) t = t.substr(std::string(q).size());
  return text::trim(t);
}

bool is_title_start(const std::string& text) {
  std::string l = text::lower(strip_quotes_start(text));
  static const char* const kStarts[] = {"план", "дорожная карта", "«дорожная карта", "\"дорожная карта",
                                        "комплекс мер", "программа", "перечень мероприятий", "межведомственный план"};
  for (const char* s : kStarts)
    if (l.rfind(s, 0) == 0) return true;
  return false;
}

bool ends_sentence(const std::string& s) {
  return !s.empty() && (s.back() == '.' || s.back() == ':' || s.back() == ';');
}

std::string list_item_text(const std::string& s, bool& is_item) {
  static const std::regex marker(R"(^\s*(-|–|—|•|·|\*|\d{1,2}[.)])\s*)");
  std::smatch m;
  is_item = std::regex_search(s, m, marker);
  return is_item ? text::trim(s.substr(static_cast<std::size_t>(m.length(0)))) : s;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "... в Хабаровском крае" -> "Хабаровском крае"; "на территории городского округа Верхний Тагил"
// -> "городского округа Верхний Тагил": the word naming a kind of territory, the adjectives before
// it and the capitalised names after it, as printed.
std::string territory_of(const std::string& title) {
  auto words = text::split(text::squeeze(title), ' ');
  static const char* const kKinds[] = {"кра", "област", "округ", "район", "республик", "город"};
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::string w = text::lower(words[k]);
    bool kind = false;
    for (const char* s : kKinds)
      if (w.rfind(s, 0) == 0 && !ends_with(w, "ого") && !ends_with(w, "ом") && !ends_with(w, "ой") &&
          !ends_with(w, "ий") && !ends_with(w, "ых"))
        kind = true;
    if (!kind) continue;
    std::size_t b = k;
    while (b > 0) {
      std::string prev = text::lower(words[b - 1]);
      bool adjective = ends_with(prev, "ого") || ends_with(prev, "ом") || ends_with(prev, "ой") ||
                       ends_with(prev, "ий") || ends_with(prev, "ый") || ends_with(prev, "ая") ||
                       ends_with(prev, "ем") || ends_with(prev, "ей");
      if (!adjective && !text::starts_upper(words[b - 1])) break;
      if (prev == "в" || prev == "во" || prev == "на") break;
      --b;
    }
    std::size_t e = k + 1;
    while (e < words.size() && text::starts_upper(words[e]) && e - k < 4) ++e;
    if (b == k && e == k + 1) continue;
    std::string out;
    for (std::size_t i = b; i < e; ++i) out += (out.empty() ? "" : " ") + words[i];
    while (!out.empty() && (out.back() == ',' || out.back() == '.' || out.back() == ';')) out.pop_back();
    return out;
  }
  return {};
}

}  // namespace

bool find_date(const std::string& s, year_month_day& out) {
  static const std::regex numeric(R"((^|[^\d])(\d{1,2})\.(\d{1,2})\.(\d{4})($|[^\d]))");
  static const std::regex words(R"((\d{1,2})\s*(»|"|”|“)?\s+([^\s\d]+)\s+(\d{4}))");
  std::smatch m;
  if (std::regex_search(s, m, numeric)) {
    year_month_day d{year{std::stoi(m[4])}, month{static_cast<unsigned>(std::stoi(m[3]))},
                     day{static_cast<unsigned>(std::stoi(m[2]))}};
    if (d.ok()) { out = d; return true; }
  }
  auto it = std::sregex_iterator(s.begin(), s.end(), words);
  for (; it != std::sregex_iterator(); ++it) {
    std::string mon = text::lower((*it)[3].str());
    for (unsigned k = 0; k < 12; ++k) {
      std::string stem = kMonthsGenitive[k];
      bool match = k == 4 ? (mon == "мая" || mon == "май") : mon.rfind(stem, 0) == 0;
      if (!match) continue;
      year_month_day d{year{std::stoi((*it)[4])}, month{k + 1}, day{static_cast<unsigned>(std::stoi((*it)[1]))}};
      if (d.ok()) { out = d; return true; }
    }
  }
  return false;
}

bool find_period(const std::string& s, model::Period& out) {
  std::string l = text::lower(s);
  std::smatch m;
  static const std::regex school(R"((20\d\d)\s*(-|–|—|/)\s*(20\d\d|\d\d)\s*(уч|г\.\s*г\.|гг\.?\s*уч))");
  if (std::regex_search(l, m, school)) {
    int a = std::stoi(m[1]);
    out = model::Period{};
    out.school_year_start = a;
    return true;
  }
  static const std::regex range(R"((20\d\d)\s*(-|–|—)\s*(20\d\d)\s*(год|гг|г\.))");
  if (std::regex_search(l, m, range)) {
    int a = std::stoi(m[1]), b = std::stoi(m[3]);
    if (b >= a && b - a < 10) {
      out = model::Period{};
      for (int y = a; y <= b; ++y) out.years.push_back(y);
      return true;
    }
  }
  static const std::regex list(R"((20\d\d)((\s*(,|и)\s*20\d\d)+)\s*(год|гг|г\.))");
  if (std::regex_search(l, m, list)) {
    out = model::Period{};
    std::string all = m[0].str();
    static const std::regex year_re(R"(20\d\d)");
    for (auto it = std::sregex_iterator(all.begin(), all.end(), year_re); it != std::sregex_iterator(); ++it)
      out.years.push_back(std::stoi(it->str()));
    std::sort(out.years.begin(), out.years.end());
    out.years.erase(std::unique(out.years.begin(), out.years.end()), out.years.end());
    return true;
  }
  static const std::regex single(R"((на|в)\s+(20\d\d)\s*(год|г\.))");
  if (std::regex_search(l, m, single)) {
    out = model::Period{};
    out.years.push_back(std::stoi(m[2]));
    return true;
  }
  return false;
}

Preamble read_preamble(const std::vector<Paragraph>& before, const std::vector<Paragraph>& after) {
  Preamble p;
  // Title: the last paragraph before the table that starts like a plan's title, with the lines
  // that continue it.
  std::size_t title_at = before.size();
  for (std::size_t i = 0; i < before.size(); ++i)
    if (is_title_start(before[i].text)) title_at = i;
  std::size_t title_end = title_at;
  if (title_at < before.size()) {
    std::string title = before[title_at].text;
    p.title_line = before[title_at].line;
    std::size_t j = title_at + 1;
    for (; j < before.size() && j - title_at < 6; ++j) {
      const std::string& next = before[j].text;
      std::string l = text::lower(next);
      bool lower_start = !text::starts_upper(next);
      if (is_stop_word(l)) break;
      if (!(lower_start || (!ends_sentence(before[j - 1].text) && text::code_points(next) < 150))) break;
      title += " " + next;
    }
    title_end = j;
    p.title = text::squeeze(title);
    p.territory = territory_of(p.title);
  }

  // The approving order: the block before the title.
  std::string order_kind;
  std::vector<std::string> signer;
  bool in_approval = false;
  std::size_t approval_limit = title_at < before.size() ? title_at : before.size();
  for (std::size_t i = 0; i < approval_limit; ++i) {
    const std::string& t = before[i].text;
    std::string l = text::lower(t);
    if (l.rfind("утверждаю", 0) == 0 || l.rfind("утверждено", 0) == 0 || l.rfind("утвержден", 0) == 0 ||
        l.rfind("утверждён", 0) == 0) {
      if (order_kind.empty()) order_kind = "утверждено";
      in_approval = l.rfind("утверждаю", 0) == 0;
      if (!p.approved_line) p.approved_line = before[i].line;
      if (l.find("приказ") != std::string::npos) order_kind = "приказ";
      if (l.find("распоряжени") != std::string::npos) order_kind = "распоряжение";
      continue;
    }
    if (l == "приказ" || l.rfind("приказом", 0) == 0 || l.rfind("приказ №", 0) == 0 || l.rfind("приказ от", 0) == 0) {
      order_kind = "приказ";
      if (!p.approved_line) p.approved_line = before[i].line;
      if (l == "приказ") {
        std::vector<std::string> issuer;
        for (std::size_t k = 0; k < i; ++k) issuer.push_back(before[k].text);
        if (!issuer.empty() && issuer.size() <= 4) {
          std::string s;
          for (auto& x : issuer) s += (s.empty() ? "" : " ") + x;
          p.approved.issuer = text::squeeze(s);
        }
      }
    }
    if (l == "распоряжение" || l.rfind("распоряжением", 0) == 0) order_kind = "распоряжение";
    if (l == "постановление" || l.rfind("постановлением", 0) == 0) order_kind = "постановление";
    year_month_day d{};
    bool date_here = find_date(t, d);
    bool order_line = !order_kind.empty() || l.rfind("№", 0) == 0 || l.rfind("от ", 0) == 0;
    if (date_here && !p.approved.date && order_line) {
      p.approved.date = d;
      if (!p.approved_line) p.approved_line = before[i].line;
      in_approval = false;
    }
    static const std::regex number(R"(№\s*([^\s,;)]+))");
    std::smatch m;
    if (p.approved.number.empty() && order_line && std::regex_search(t, m, number)) p.approved.number = m[1].str();
    if (in_approval && !date_here && !t.empty()) signer.push_back(t);
  }
  p.approved.kind = order_kind;
  if (!signer.empty()) {
    std::string s;
    for (auto& x : signer) s += (s.empty() ? "" : " ") + x;
    p.approved.signed_by = text::squeeze(s);
  }

  // Period: the title first, then any line that speaks of the term.
  if (!p.title.empty()) p.period_found = find_period(p.title, p.period);
  for (const auto& par : before) {
    if (p.period_found) break;
    std::string l = text::lower(par.text);
    if (l.find("срок") != std::string::npos || l.find("период") != std::string::npos || is_title_start(par.text))
      p.period_found = find_period(par.text, p.period);
  }

  // Goals and tasks; abbreviations.
  auto scan = [&](const std::vector<Paragraph>& pars, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      std::string l = text::lower(pars[i].text);
      if (l.rfind("цель", 0) == 0 || l.rfind("цели", 0) == 0) {
        auto colon = pars[i].text.find(':');
        if (l.rfind("целью", 0) == 0 || l.find(" является ") != std::string::npos) {
          p.goals.push_back(pars[i].text);
          continue;
        }
        if (colon != std::string::npos && colon + 1 < pars[i].text.size()) {
          std::string rest = text::trim(pars[i].text.substr(colon + 1));
          if (!rest.empty()) { p.goals.push_back(rest); continue; }
        }
      }
      bool list_head = !l.empty() && l.back() == ':' &&
                       (l.rfind("задач", 0) == 0 || l.rfind("цел", 0) == 0 || l.find("задач") != std::string::npos);
      if (list_head) {
        for (std::size_t j = i + 1; j < to; ++j) {
          bool item = false;
          std::string t = list_item_text(pars[j].text, item);
          if (!item) break;
          p.goals.push_back(t);
          i = j;
        }
        continue;
      }
      if (l.find("сокращени") != std::string::npos && l.size() < 120) {
        static const std::regex abbr(R"(^\s*(\S.{0,40}?)\s+(–|—|-)\s+(\S.*)$)");
        for (std::size_t j = i + 1; j < to; ++j) {
          std::smatch m;
          const std::string& t = pars[j].text;
          if (!std::regex_match(t, m, abbr)) break;
          std::string short_form = text::trim(m[1].str());
          bool has_upper = false;
          for (std::size_t k = 0; k < short_form.size(); ++k)
            if (text::starts_upper(std::string_view(short_form).substr(k))) has_upper = true;
          if (!has_upper) break;
          p.abbreviations.push_back(model::Abbreviation{short_form, text::trim(m[3].str())});
          p.abbreviation_lines.push_back(pars[j].line);
          i = j;
        }
      }
    }
  };
  scan(before, 0, std::min(title_at, before.size()));
  if (title_end < before.size()) scan(before, title_end, before.size());
  scan(after, 0, after.size());
  return p;
}

}  // namespace roadmap::importer
