// Suggestions by edit distance over code points; only computed on failure, so plain and simple.
#include "deadline/suggest.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace roadmap::deadline {
namespace {

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0) { cp = c & 0x07; len = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; len = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; len = 2; }
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::size_t distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Whole forms the language reads, one per family, to show the user what is expected.
constexpr std::string_view kExamples[] = {
    "сентябрь", "июнь-август", "январь, июль", "Апрель-июнь 2023, 2024 гг.",
    "ежегодно", "ежемесячно", "ежеквартально", "не реже 1 раза в квартал",
    "не реже 1 раза в полугодие", "1 раз в 3 года", "I квартал", "2 полугодие",
    "постоянно", "в течение года", "в течение учебного года", "в течение 2023, 2024 гг.",
    "в течение 2022-2023 учебного года", "после каждой ОП", "на следующий день после ОП",
    "по результатам ОП", "период ВПР", "при подготовке к проведению ОП",
    "в соответствии с графиком проведения ВПР", "по графику проведения ГИА",
    "в течение месяца после завершения анализа", "по утвержденному графику", "согласно графику",
    "по плану совещаний", "по мере необходимости", "по мере выявления фактов нарушений",
    "по потребности", "до 10 января 2023 г.", "не позднее 31 января", "к началу учебного года",
    "в конце учебного года", "до 25 числа каждого месяца",
};

// Decoded once: suggestions are computed for every unreadable phrase (and a fuzzer makes many).
const std::vector<std::pair<std::u32string, std::string_view>>& decoded_forms() {
  static const auto forms = [] {
    std::vector<std::pair<std::u32string, std::string_view>> v;
    for (auto f : lex::known_forms()) v.emplace_back(decode(f), f);
    return v;
  }();
  return forms;
}

const std::vector<std::pair<std::u32string, std::string_view>>& decoded_examples() {
  static const auto examples = [] {
    std::vector<std::pair<std::u32string, std::string_view>> v;
    for (auto e : kExamples) {
      auto ex = decode(e);
      for (auto& ch : ex)
        if (ch >= U'А' && ch <= U'Я') ch += 32;
      v.emplace_back(std::move(ex), e);
    }
    return v;
  }();
  return examples;
}

// Long fragments cost quadratic time and say no more about the nearest form than their start.
constexpr std::size_t kMaxFragment = 64;

}  // namespace

std::vector<std::string> suggest(const lex::Lexed& lx, std::size_t stop_token) {
  std::vector<std::string> out;
  const auto& toks = lx.tokens;
  if (stop_token >= toks.size()) stop_token = toks.size() - 1;
  const auto& t = toks[stop_token];
  // 1. Close spellings of the word where understanding stopped.
  if (t.kind == lex::Tk::unknown || t.kind == lex::Tk::word) {
    auto w = decode(lx.view(t));
    std::vector<std::pair<std::size_t, std::string_view>> near;
    std::size_t limit = std::max<std::size_t>(1, w.size() / 3);
    if (w.size() > kMaxFragment) w.resize(kMaxFragment);
    for (const auto& [form, text] : decoded_forms()) {
      std::size_t gap = form.size() > w.size() ? form.size() - w.size() : w.size() - form.size();
      if (gap > limit) continue;  // the distance is at least the difference in length
      auto d = distance(w, form);
      if (d > 0 && d <= limit) near.emplace_back(d, text);
    }
    std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 0; k < near.size() && out.size() < 3; ++k) {
      std::string s(near[k].second);
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
  }
  // 2. The whole forms closest to the clause being read (from the last separator on).
  std::size_t from = 0;
  for (std::size_t k = stop_token; k > 0; --k) {
    auto kind = toks[k - 1].kind;
    if (kind == lex::Tk::comma || kind == lex::Tk::semicolon || toks[k].nl_before) {
      from = toks[k].begin;
      break;
    }
  }
  auto frag = decode(std::string_view(lx.text).substr(from));
  if (frag.size() > kMaxFragment) frag.resize(kMaxFragment);
  std::vector<std::pair<std::size_t, std::string_view>> ranked;
  for (const auto& [ex, text] : decoded_examples()) ranked.emplace_back(distance(frag, ex), text);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t k = 0; k < ranked.size() && k < 3; ++k) out.emplace_back(ranked[k].second);
  return out;
}

}  // namespace roadmap::deadline
