// libFuzzer target for the notification policy loader (notifiers/mail/policy.hpp) and the header
// encoder it feeds: any bytes as a policy file, and the same bytes as a subject. Checks what must
// hold for every input: no crash, hang or sanitizer report; a result carries a policy exactly when
// there is no error; every diagnostic has a catalogue key, renders in Russian and English and
// points inside the file; a loaded policy's numbers are in range and its offsets distinct and
// sorted; an encoded header has no CR/LF except folding, lines within 998 octets, and decodes back
// to the cleaned text.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "i18n/catalogue.hpp"
#include "mail/mime.hpp"
#include "mail/policy.hpp"

namespace {

namespace diag = roadmap::diag;
namespace i18n = roadmap::i18n;
namespace mail = roadmap::mail;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "notify_policy_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto l = mail::load_policy_text(text, "notify.yaml");
  if (l.policy.has_value() == l.diagnostics.has_errors()) fail("a policy exactly when there is no error");
  const long lines = 1 + static_cast<long>(std::count(text.begin(), text.end(), '\n'));
  for (const auto& d : l.diagnostics.items()) {
    if (!i18n::has(d.what.key)) fail("diagnostic without a catalogue entry", d.what.key);
    if (d.where.line < 0 || d.where.line > lines) fail("diagnostic outside the file", d.what.key);
    if (diag::render(d, i18n::Lang::ru).empty() || diag::render(d, i18n::Lang::en).empty()) fail("empty rendering");
  }
  if (l.policy) {
    const auto& p = *l.policy;
    if (p.local_hour < 0 || p.local_hour > 23) fail("local_hour out of range");
    if (!std::is_sorted(p.before_due.rbegin(), p.before_due.rend())) fail("offsets not sorted");
    if (std::adjacent_find(p.before_due.begin(), p.before_due.end()) != p.before_due.end()) fail("offsets repeat");
    if (!mail::valid_email(p.from_email)) fail("a bad from address accepted", p.from_email);
  }
  std::string enc = mail::encode_header_text(text, 9);
  for (std::size_t i = 0; i < enc.size(); ++i) {
    if (enc[i] == '\r' && (i + 2 >= enc.size() || enc[i + 1] != '\n' || enc[i + 2] != ' ')) fail("CR outside folding");
    if (enc[i] == '\n' && (i == 0 || enc[i - 1] != '\r')) fail("bare LF");
  }
  if (mail::decode_header_text(enc) != mail::clean_header_text(text)) fail("encoding does not round-trip");
  return 0;
}
