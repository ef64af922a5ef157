// Request parsing and common responses: see request.hpp.
#include "server/request.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url_view.hpp>

#include <cctype>

namespace roadmap::web {

namespace urls = boost::urls;

namespace {

bool fill_params(urls::params_view pv, Params& out) {
  for (auto p : pv) {
    std::string key = p.key, value = p.has_value ? std::string(p.value) : std::string();
    if (!valid_utf8_without_nul(key) || !valid_utf8_without_nul(value)) return false;
    out.add(std::move(key), std::move(value));
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A header parameter ("name", "filename", "boundary"): `key=value` or `key="quoted \" value"`
// among ";"-separated parameters, after the first token.
std::optional<std::string> header_param(std::string_view header, std::string_view key) {
  std::size_t i = header.find(';');
  while (i != std::string_view::npos && i < header.size()) {
    ++i;
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
    std::size_t eq = header.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string name = lower(trim(header.substr(i, eq - i)));
    std::size_t v = eq + 1;
    std::string value;
    if (v < header.size() && header[v] == '"') {
      ++v;
      bool closed = false;
      while (v < header.size()) {
        char c = header[v++];
        if (c == '\\' && v < header.size()) {
          value += header[v++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) return std::nullopt;
      i = header.find(';', v);
    } else {
      std::size_t end = header.find(';', v);
      value = std::string(trim(header.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v)));
      i = end;
    }
    if (name == key) return value;
  }
  return std::nullopt;
}

}  // namespace

bool valid_utf8_without_nul(std::string_view s) {
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

std::string Params::get(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string() : it->second;
}

std::optional<std::string> Params::find(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Params::all(std::string_view name) const {
  std::vector<std::string> out;
  auto [a, b] = values_.equal_range(name);
  for (auto it = a; it != b; ++it) out.push_back(it->second);
  return out;
}

std::optional<Target> parse_target(std::string_view target) {
  auto r = urls::parse_origin_form(target);
  if (!r) return std::nullopt;
  Target t;
  t.path = r->path();
  if (t.path.empty() || t.path.front() != '/' || !valid_utf8_without_nul(t.path)) return std::nullopt;
  if (!fill_params(r->params(urls::encoding_opts(true)), t.query)) return std::nullopt;
  return t;
}

std::optional<Params> parse_urlencoded(std::string_view body) {
  Params out;
  if (body.empty()) return out;
  // As the query of a path: Boost.URL then decodes "+" as a space (url_view::params(encoding_opts)).
  std::string target = "/?" + std::string(body);
  auto r = urls::parse_origin_form(target);
  if (!r) return std::nullopt;
  if (!fill_params(r->params(urls::encoding_opts(true)), out)) return std::nullopt;
  return out;
}

std::optional<MultipartForm> parse_multipart(std::string_view content_type, std::string_view body,
                                             std::size_t max_parts) {
  if (lower(trim(content_type.substr(0, content_type.find(';')))) != "multipart/form-data") return std::nullopt;
  auto boundary = header_param(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  const std::string delim = "--" + *boundary;
  const std::string next_delim = "\r\n" + delim;
  MultipartForm form;
  // The first delimiter may follow a preamble; it starts a line.
  std::size_t pos;
  if (body.substr(0, delim.size()) == delim) {
    pos = delim.size();
  } else {
    pos = body.find(next_delim);
    if (pos == std::string_view::npos) return std::nullopt;
    pos += next_delim.size();
  }
  for (std::size_t parts = 0;; ++parts) {
    if (body.substr(pos, 2) == "--") return form;  // the closing delimiter
    if (parts >= max_parts) return std::nullopt;
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;  // transport padding
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    std::size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    std::string_view head = body.substr(pos, head_end - pos + 2);
    std::string disposition, type;
    for (std::size_t l = 0; l < head.size();) {
      std::size_t e = head.find("\r\n", l);
      std::string_view line = head.substr(l, e - l);
      l = e + 2;
      auto colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      std::string name = lower(trim(line.substr(0, colon)));
      if (name == "content-disposition") disposition = std::string(trim(line.substr(colon + 1)));
      else if (name == "content-type") type = std::string(trim(line.substr(colon + 1)));
    }
    std::size_t data_start = head_end + 4;
    std::size_t data_end = body.find(next_delim, data_start);
    if (data_end == std::string_view::npos) return std::nullopt;
    if (lower(disposition.substr(0, disposition.find(';'))) != "form-data") return std::nullopt;
    auto name = header_param(disposition, "name");
    if (!name || !valid_utf8_without_nul(*name)) return std::nullopt;
    std::string_view data = body.substr(data_start, data_end - data_start);
    if (auto filename = header_param(disposition, "filename")) {
      std::string base = *filename;
      if (auto slash = base.find_last_of("/\\"); slash != std::string::npos) base = base.substr(slash + 1);
      if (!valid_utf8_without_nul(base)) return std::nullopt;
      form.files.push_back({*name, base, type, std::string(data)});
    } else {
      if (!valid_utf8_without_nul(data)) return std::nullopt;
      form.fields.add(*name, std::string(data));
    }
    pos = data_end + next_delim.size();
  }
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  std::size_t i = 0;
  while (i < header.size()) {
    std::size_t end = header.find(';', i);
    std::string_view pair = trim(header.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) {
      std::string_view v = trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return std::nullopt;
}

i18n::Lang preferred_lang(std::string_view accept) {
  // The first of "ru" / "en" by quality; ties go to the order written.
  double best_q = -1;
  i18n::Lang best = i18n::Lang::ru;
  std::size_t i = 0;
  while (i <= accept.size()) {
    std::size_t end = accept.find(',', i);
    std::string_view item = trim(accept.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    std::string tag = lower(trim(item.substr(0, item.find(';'))));
    double q = 1.0;
    if (auto qp = item.find(";q="); qp != std::string_view::npos) {
      try {
        q = std::stod(std::string(item.substr(qp + 3)));
      } catch (...) {
        q = 0;
      }
    }
    std::string primary = tag.substr(0, tag.find('-'));
    if ((primary == "ru" || primary == "en") && q > best_q) {
      best_q = q;
      best = primary == "en" ? i18n::Lang::en : i18n::Lang::ru;
    }
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return best;
}

Response text_response(http::status status, std::string body, std::string_view content_type) {
  Response res{status, 11};
  res.set(http::field::content_type, content_type);
  res.body() = std::move(body);
  return res;
}

Response html_response(http::status status, std::string body) {
  return text_response(status, std::move(body), "text/html; charset=utf-8");
}

Response json_response(http::status status, std::string body) {
  return text_response(status, std::move(body), "application/json; charset=utf-8");
}

Response redirect(std::string_view location, http::status status) {
  Response res{status, 11};
  res.set(http::field::location, location);
  return res;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace roadmap::web
