// Damerau-Levenshtein (optimal string alignment) over case-folded code points.
#include "load/did_you_mean.hpp"

#include <algorithm>
#include <limits>

namespace roadmap::load {

namespace {
// Decodes UTF-8 (invalid bytes become U+FFFD) and folds Latin and Cyrillic letters to lower case.
std::u32string fold(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0xFFFD;
    std::size_t len = 1;
    if (c < 0x80) cp = c;
    else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    if (len > 1) {
      if (i + len > s.size()) { cp = 0xFFFD; len = 1; }
      else for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    i += len;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    else if (cp >= 0x0410 && cp <= 0x042F) cp += 0x20;  // А-Я -> а-я
    else if (cp == 0x0401) cp = 0x0451;                 // Ё -> ё
    out.push_back(cp);
  }
  return out;
}

// Three rolling rows (the transposition looks two rows back); stops early once every entry of a
// row exceeds `cap`, since the distance can only grow from there.
std::size_t osa_distance(const std::u32string& a, const std::u32string& b,
                         std::size_t cap = std::numeric_limits<std::size_t>::max()) {
  const std::size_t m = b.size();
  std::vector<std::size_t> rows(3 * (m + 1));
  std::size_t* prev2 = rows.data();
  std::size_t* prev = prev2 + (m + 1);
  std::size_t* cur = prev + (m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, prev2[j - 2] + 1);
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > cap) return row_min;
    std::size_t* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) { return osa_distance(fold(a), fold(b)); }

std::vector<std::string> suggest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit) {
  const std::u32string w = fold(word);
  if (w.empty() || w.size() > 200) return {};  // nothing to compare, or not a word
  const std::size_t threshold = std::max<std::size_t>(1, std::min<std::size_t>(3, w.size() / 3));
  std::size_t best = std::numeric_limits<std::size_t>::max();
  std::vector<std::string> out;
  for (const auto& c : candidates) {
    const std::u32string f = fold(c);
    if (f.size() > w.size() + threshold || w.size() > f.size() + threshold) continue;  // too far anyway
    std::size_t d = osa_distance(w, f, std::min(threshold, best));
    if (d > threshold || d > best) continue;
    if (d < best) { best = d; out.clear(); }
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace roadmap::load
