// libFuzzer target for the server's configuration loader (src/server/config.hpp): any bytes as a
// configuration file. Checks: no crash, hang or sanitizer report; a configuration comes back exactly
// when there is no error; every diagnostic has a catalogue key, renders in Russian and English and
// points inside the file; the limits of a loaded configuration are within their documented ranges.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "i18n/catalogue.hpp"
#include "server/config.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "serve_config_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = roadmap::web::load_serve_config_text(text, "serve.yaml");
  if (r.config.has_value() == r.diagnostics.has_errors()) fail("a configuration together with errors, or neither");
  long lines = 1;
  for (char c : text) lines += c == '\n';
  for (const auto& d : r.diagnostics.items()) {
    if (!roadmap::i18n::has(d.what.key)) fail("a message key not in the catalogue", d.what.key);
    (void)roadmap::diag::render(d, roadmap::i18n::Lang::ru);
    (void)roadmap::diag::render(d, roadmap::i18n::Lang::en);
    if (d.where.line < 0 || d.where.line > lines + 1) fail("a diagnostic outside the file", std::to_string(d.where.line));
  }
  if (r.config) {
    const auto& c = *r.config;
    if (c.threads < 1 || c.threads > 256) fail("threads out of range");
    if (c.limits.body_bytes < 1024 || c.limits.header_bytes < 1024) fail("a limit below its range");
    if (c.notify_every.count() < 1 || c.notify_every.count() > 1440) fail("notify.every_minutes out of range");
    if (!roadmap::web::parse_listen_address(c.listen)) fail("a listen address that does not parse", c.listen);
  }
  return 0;
}
