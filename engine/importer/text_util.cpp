#include "importer/text_util.hpp"

#include <array>
#include <cstdint>

namespace roadmap::importer::text {
namespace {

// Decodes one code point at s[i]; returns its length (1 for an invalid byte, decoded as U+FFFD).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) { cp = b; return 1; }
  std::size_t len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) { cp = 0xFFFD; return 1; }
  char32_t v = b & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) { cp = 0xFFFD; return 1; }
    v = (v << 6) | (c & 0x3F);
  }
  cp = v;
  return len;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t lower_cp(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20;
  if (c == 0x0401) return 0x0451;
  if (c >= 0x0400 && c <= 0x040F) return c + 0x50;
  return c;
}

bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') { len = 1; return true; }
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    len = 2;
    return true;
  }
  return false;
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t n = decode(s, i, cp);
    if (cp == 0xFFFD && n == 1) out += s[i];
    else encode(lower_cp(cp), out);
    i += n;
  }
  return out;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, len = 0;
  while (b < s.size() && is_space_at(s, b, len)) b += len;
  std::size_t e = s.size();
  while (e > b) {
    if (is_space_at(s, e - 1, len)) { --e; continue; }
    if (e >= b + 2 && static_cast<unsigned char>(s[e - 2]) == 0xC2 && static_cast<unsigned char>(s[e - 1]) == 0xA0) {
      e -= 2;
      continue;
    }
    break;
  }
  return std::string(s.substr(b, e - b));
}

std::string squeeze(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    if (is_space_at(s, i, len)) {
      space = true;
      i += len;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += s[i];
    ++i;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::size_t b = 0, e = lines.size();
  while (b < e && squeeze(lines[b]).empty()) ++b;
  while (e > b && squeeze(lines[e - 1]).empty()) --e;
  std::string out;
  for (std::size_t i = b; i < e; ++i) {
    if (i > b) out += '\n';
    out += squeeze(lines[i]);
  }
  return out;
}

std::string name_key(std::string_view s) {
  std::string l = lower(s);
  std::string out;
  for (std::size_t i = 0; i < l.size();) {
    char32_t cp;
    std::size_t n = decode(l, i, cp);
    bool drop = cp == ' ' || cp == '\t' || cp == '\n' || cp == '.' || cp == '"' || cp == '\'' || cp == 0xAB ||
                cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xA0 || cp == ',';
    if (cp == 0x0451) { out += "\xD0\xB5"; i += n; continue; }  // ё -> е
    if (!drop) out.append(l, i, n);
    i += n;
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::vector<std::string> split_lines(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out.push_back(std::move(cur));
      cur.clear();
    } else if (c == '\n') {
      out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return lower(s.substr(0, std::min(s.size(), prefix.size() * 2))).rfind(prefix, 0) == 0;
}

bool contains_ci(std::string_view s, std::string_view needle) {
  return lower(s).find(needle) != std::string::npos;
}

std::size_t invalid_utf8_at(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) { ++i; continue; }
    std::size_t len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || b == 0xC0 || b == 0xC1 || b > 0xF4 || i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string cp1251_to_utf8(std::string_view s) {
  // 0x80..0xBF of Windows-1251; 0xC0..0xFF are А..я (U+0410..U+044F).
  static constexpr std::array<char16_t, 64> kHigh = {
      0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A,
      0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122,
      0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6,
      0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456,
      0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457};
  std::string out;
  out.reserve(s.size() * 2);
  for (char ch : s) {
    auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) out += ch;
    else if (b >= 0xC0) encode(0x0410 + (b - 0xC0), out);
    else encode(kHigh[b - 0x80], out);
  }
  return out;
}

bool utf16_to_utf8(std::string_view s, std::string& out) {
  if (s.size() < 2) return false;
  auto b0 = static_cast<unsigned char>(s[0]), b1 = static_cast<unsigned char>(s[1]);
  bool le = b0 == 0xFF && b1 == 0xFE;
  bool be = b0 == 0xFE && b1 == 0xFF;
  if (!le && !be) return false;
  out.clear();
  auto unit = [&](std::size_t i) -> char32_t {
    auto x = static_cast<unsigned char>(s[i]), y = static_cast<unsigned char>(s[i + 1]);
    return le ? static_cast<char32_t>(x | (y << 8)) : static_cast<char32_t>((x << 8) | y);
  };
  for (std::size_t i = 2; i + 1 < s.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
      char32_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        encode(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), out);
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;
    encode(u, out);
  }
  return true;
}

int code_points(std::string_view s) {
  int n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  char32_t cp;
  decode(s, 0, cp);
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0x0400 && cp <= 0x042F);
}

std::string shorten(std::string_view s, std::size_t max) {
  std::string flat = squeeze(s);
  std::size_t count = 0;
  for (std::size_t i = 0; i < flat.size();) {
    char32_t cp;
    std::size_t n = decode(flat, i, cp);
    if (++count > max) return flat.substr(0, i) + "…";
    i += n;
  }
  return flat;
}

}  // namespace roadmap::importer::text
