// libFuzzer target for the deadline language: any bytes as a phrase. Checks what must hold for
// every input, read or not: no crash or sanitizer report; the stop position lies within the
// phrase; a phrase understood yields at least one clause.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "deadline/parse.hpp"

namespace {

namespace dl = roadmap::deadline;

[[noreturn]] void fail(const char* what, std::string_view phrase, const std::string& detail = {}) {
  std::fprintf(stderr, "deadline_parse_fuzz: %s\nphrase: \"%.*s\"\n%s\n", what,
               static_cast<int>(phrase.size()), phrase.data(), detail.c_str());
  std::abort();
}

// Characters of UTF-8 text: the bytes that do not continue a sequence. A stray continuation byte of
// invalid UTF-8 may count as a character of its own, so the byte count bounds the column as well.
std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80           ? 1
                            : (c >> 5) == 0x6  ? 2
                            : (c >> 4) == 0xE  ? 3
                            : (c >> 3) == 0x1E ? 4
                                               : 0;
    if (len == 0 || i + len > text.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view phrase(reinterpret_cast<const char*>(data), size);
  dl::ParseOptions opts;
  opts.school_year_start = 2023;
  opts.years = {2023, 2024};
  // The first byte, when there is one, also picks the half-year setting, so both readings run.
  if (size > 0 && (data[0] & 1)) opts.half_year = dl::HalfYear::calendar;

  const dl::ParseResult result = dl::parse(phrase, opts);
  if (result.stop_byte > phrase.size() || result.stop_column > phrase.size() ||
      (is_valid_utf8(phrase) && result.stop_column > characters(phrase))) {
    fail("the stop position lies outside the phrase", phrase,
         "stop byte " + std::to_string(result.stop_byte) + ", stop column " +
             std::to_string(result.stop_column) + ", " + std::to_string(phrase.size()) + " bytes");
  }
  if (result.understood() && result.schedule.clauses.empty()) fail("understood, but no clause", phrase);
  return 0;
}
