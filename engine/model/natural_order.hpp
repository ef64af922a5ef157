// Names in the order people expect in a list of schools: a run of digits compares by its value, so
// "МКОУ СОШ №2" comes before "МКОУ СОШ №11"; everything else compares byte by byte (UTF-8, so
// letters in code point order: Cyrillic А-Я, а-я as in the alphabet, apart from Ё/ё).
#pragma once

#include <cstddef>
#include <string_view>

namespace roadmap::model {

// A strict weak order: names equal but for leading zeros ("№01", "№1") fall back to their bytes.
inline bool natural_less(std::string_view a, std::string_view b) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      while (i < a.size() && a[i] == '0') ++i;
      while (j < b.size() && b[j] == '0') ++j;
      std::size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      if (ei - i != ej - j) return ei - i < ej - j;  // fewer significant digits: a smaller number
      if (int c = a.substr(i, ei - i).compare(b.substr(j, ej - j)); c != 0) return c < 0;
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  if (i < a.size() || j < b.size()) return i == a.size();  // a prefix comes first
  return a < b;
}

struct NaturalLess {
  bool operator()(std::string_view a, std::string_view b) const { return natural_less(a, b); }
};

}  // namespace roadmap::model
