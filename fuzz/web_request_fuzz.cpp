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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (auto t = web::parse_target(in)) {
    if (t->path.empty() || t->path.front() != '/') fail("a path that does not start with /", t->path);
    if (!web::valid_utf8_without_nul(t->path)) fail("a path that is not clean UTF-8", t->path);
    for (const char* k : {"plan", "status", "page", "token"})
      if (!web::valid_utf8_without_nul(t->query.get(k))) fail("a query value that is not clean UTF-8");
  }
  if (auto f = web::parse_urlencoded(in))
    for (const char* k : {"csrf", "action", "text"})
      if (!web::valid_utf8_without_nul(f->get(k))) fail("a form value that is not clean UTF-8");
  auto nl = in.find('\n');
  std::string_view type = nl == std::string_view::npos ? in : in.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  if (auto m = web::parse_multipart(type, body)) {
    for (const auto& f : m->files) {
      if (f.filename.find('/') != std::string::npos || f.filename.find('\\') != std::string::npos)
        fail("an uploaded file name with a folder", f.filename);
      if (!web::valid_utf8_without_nul(f.filename) || !web::valid_utf8_without_nul(f.field))
        fail("a file or field name that is not clean UTF-8");
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
