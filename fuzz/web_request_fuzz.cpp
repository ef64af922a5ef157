// libFuzzer target for what the web server parses from untrusted bytes (src/server/request.hpp):
// the request target, urlencoded forms, multipart forms (the first line of the input is the
// Content-Type), cookies, Accept-Language, the listen address, and the next-path of a sign-in link.
// Checks for every input: no crash, hang or sanitizer report; parsed texts are valid UTF-8 without
// NUL; a target's path starts with "/"; an uploaded file's name has no folder in it; a safe next
// path is local ("/..." and never "//" or "/\").
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "access/sessions.hpp"
#include "server/http_server.hpp"
#include "server/request.hpp"

namespace {

namespace web = roadmap::web;

[[noreturn]] void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "web_request_fuzz: %s\n%.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

bool clean_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (auto t = web::parse_target(in)) {
    if (t->path.empty() || t->path.front() != '/') fail("a path that does not start with /", t->path);
    if (!clean_utf8(t->path)) fail("a path that is not clean UTF-8", t->path);
    for (const char* k : {"plan", "status", "page", "token"})
      if (!clean_utf8(t->query.get(k))) fail("a query value that is not clean UTF-8");
  }
  if (auto f = web::parse_urlencoded(in))
    for (const char* k : {"csrf", "action", "text"})
      if (!clean_utf8(f->get(k))) fail("a form value that is not clean UTF-8");
  auto nl = in.find('\n');
  std::string_view type = nl == std::string_view::npos ? in : in.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  if (auto m = web::parse_multipart(type, body)) {
    for (const auto& f : m->files) {
      if (f.filename.find('/') != std::string::npos || f.filename.find('\\') != std::string::npos)
        fail("an uploaded file name with a folder", f.filename);
      if (!clean_utf8(f.filename) || !clean_utf8(f.field)) fail("a file or field name that is not clean UTF-8");
      if (f.data.size() > body.size()) fail("a file larger than the body");
    }
  }
  (void)web::cookie_value(in, "rm_session");
  (void)web::preferred_lang(in);
  (void)web::parse_listen_address(in);
  std::string next = roadmap::access::safe_next_path(in);
  if (next.empty() || next.front() != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\')))
    fail("a next path that leaves the site", next);
  return 0;
}
