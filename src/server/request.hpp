// Reading what a browser or a script sends: the target's path and query (Boost.URL), cookies, forms
// (application/x-www-form-urlencoded, and multipart/form-data for a result file), the preferred
// language; and building the common responses. Parsers here see untrusted bytes: each has a fuzz
// target (fuzz/web_request_fuzz.cpp) and refuses rather than guesses.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "i18n/catalogue.hpp"
#include "server/http_server.hpp"

namespace roadmap::web {

// Name -> values in the order given ("?status=open&status=done" keeps both).
class Params {
 public:
  void add(std::string name, std::string value) { values_.emplace(std::move(name), std::move(value)); }
  // The first value, or "" when absent.
  std::string get(std::string_view name) const;
  std::optional<std::string> find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name).has_value(); }
  std::vector<std::string> all(std::string_view name) const;
  std::size_t size() const { return values_.size(); }

 private:
  std::multimap<std::string, std::string, std::less<>> values_;
};

struct Target {
  std::string path;  // percent-decoded, e.g. "/tasks/42"
  Params query;
};
// Nullopt for a target that is not an origin-form path ("/a/b?c=d") or does not decode to UTF-8
// without NUL.
std::optional<Target> parse_target(std::string_view target);

// application/x-www-form-urlencoded ("+" is a space). Nullopt when malformed.
std::optional<Params> parse_urlencoded(std::string_view body);

struct UploadedFile {
  std::string field;     // the form field's name
  std::string filename;  // as the browser gave it, without any directory part
  std::string content_type;
  std::string data;
};
struct MultipartForm {
  Params fields;
  std::vector<UploadedFile> files;
};
// multipart/form-data (RFC 7578) with the boundary from the Content-Type header. Nullopt when
// the boundary is missing or the body is not well formed. At most `max_parts` parts.
std::optional<MultipartForm> parse_multipart(std::string_view content_type, std::string_view body,
                                             std::size_t max_parts = 64);

// The value of a cookie of the Cookie header, if present.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// The language a browser prefers among Russian and English (Accept-Language), Russian otherwise.
i18n::Lang preferred_lang(std::string_view accept_language);

// Responses.
Response html_response(http::status status, std::string body);
Response json_response(http::status status, std::string body);
Response text_response(http::status status, std::string body, std::string_view content_type);
Response redirect(std::string_view location, http::status status = http::status::see_other);

// True when `s` is well-formed UTF-8 (sequences of 1 to 4 octets) with no NUL: what every parsed
// path, query value, form field and file name here must be.
bool valid_utf8_without_nul(std::string_view s);

// Percent-encodes a text for a query value or a path segment.
std::string url_encode(std::string_view text);

}  // namespace roadmap::web
