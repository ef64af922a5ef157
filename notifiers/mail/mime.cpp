// The message builder (see mime.hpp).
#include "mail/mime.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "calendar/local_time.hpp"

namespace roadmap::mail {

namespace {

constexpr std::string_view kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The length of the UTF-8 sequence starting at s[i] when it is well formed, else 0.
std::size_t utf8_len(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  // Overlong forms and surrogates are not characters.
  std::uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

bool is_ascii_printable(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7F) return false;
  return true;
}

std::string part_header(std::string_view content_type) {
  std::string h = "Content-Type: ";
  h += content_type;
  h += "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  return h;
}

}  // namespace

bool valid_email(std::string_view email) {
  if (email.empty() || email.size() > 254) return false;
  auto at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size() || at > 64) return false;
  for (std::size_t i = 0; i < email.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(email[i]);
    if (c <= 0x20 || c >= 0x7F) return false;
    if (std::string_view("<>()[]\\,;:\"").find(static_cast<char>(c)) != std::string_view::npos) return false;
    if (c == '@' && i != at) return false;
  }
  auto domain = email.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos) return false;
  auto local = email.substr(0, at);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  return true;
}

std::string clean_header_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_len(text, i);
    std::string_view ch;
    bool blank = false;
    if (n == 0) {
      ch = "\xEF\xBF\xBD";  // U+FFFD
      n = 1;
    } else {
      ch = text.substr(i, n);
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (n == 1 && (c < 0x20 || c == 0x7F || c == ' ')) blank = true;
      // U+0085 NEL, U+00A0 NBSP stays, U+2028 / U+2029 separators.
      if (ch == "\xC2\x85" || ch == "\xE2\x80\xA8" || ch == "\xE2\x80\xA9") blank = true;
    }
    i += n;
    if (blank) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

namespace {
std::string encode_words(const std::string& text);
}  // namespace

std::string encode_header_text(std::string_view raw, std::size_t first_line_used) {
  std::string text = clean_header_text(raw);
  if (is_ascii_printable(text) && text.find("=?") == std::string::npos && first_line_used + text.size() <= 998)
    return text;
  return encode_words(text);
}

namespace {
// Always as encoded words (a display name with specials, or non-ASCII text).
std::string encode_words(const std::string& text) {
  // Each encoded word: "=?UTF-8?B?" + base64 + "?=" <= 75 chars -> at most 63 base64 chars -> 45 bytes.
  constexpr std::size_t kMaxBytes = 45;
  std::string out;
  std::size_t i = 0;
  bool first = true;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      std::size_t n = utf8_len(text, end);
      if (n == 0) n = 1;  // cannot happen after clean_header_text
      if (end + n - i > kMaxBytes) break;
      end += n;
    }
    if (!first) out += "\r\n ";
    first = false;
    out += "=?UTF-8?B?" + base64(std::string_view(text).substr(i, end - i), 0) + "?=";
    i = end;
  }
  return out;
}
}  // namespace

std::string base64(std::string_view data, std::size_t line_length) {
  std::string out;
  out.reserve(data.size() * 4 / 3 + data.size() / 38 + 8);
  std::size_t col = 0;
  auto put = [&](char c) {
    if (line_length && col == line_length) {
      out += "\r\n";
      col = 0;
    }
    out += c;
    ++col;
  };
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    std::uint32_t v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                      static_cast<unsigned char>(data[i + 2]);
    put(kB64[(v >> 18) & 63]);
    put(kB64[(v >> 12) & 63]);
    put(kB64[(v >> 6) & 63]);
    put(kB64[v & 63]);
  }
  if (i < data.size()) {
    std::uint32_t v = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    put(kB64[(v >> 18) & 63]);
    put(kB64[(v >> 12) & 63]);
    put(i + 1 < data.size() ? kB64[(v >> 6) & 63] : '=');
    put('=');
  }
  return out;
}

std::string base64_decode(std::string_view text) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    auto p = kB64.find(c);
    if (p == std::string_view::npos) continue;  // white space, '='
    acc = (acc << 6) | static_cast<std::uint32_t>(p);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

std::string decode_header_text(std::string_view text) {
  // Unfold first.
  std::string s;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (text[i] == '\n') continue;
    s += text[i];
  }
  std::string out;
  std::size_t i = 0;
  bool last_was_word = false;
  std::string pending_space;
  while (i < s.size()) {
    if (s.compare(i, 2, "=?") == 0) {
      auto q1 = s.find('?', i + 2);
      auto q2 = q1 == std::string::npos ? q1 : s.find('?', q1 + 1);
      auto end = q2 == std::string::npos ? q2 : s.find("?=", q2 + 1);
      if (end != std::string::npos) {
        std::string enc = s.substr(q1 + 1, q2 - q1 - 1);
        std::string payload = s.substr(q2 + 1, end - q2 - 1);
        std::string decoded;
        if (enc == "B" || enc == "b") {
          decoded = base64_decode(payload);
        } else {
          for (std::size_t k = 0; k < payload.size(); ++k) {
            if (payload[k] == '_') decoded += ' ';
            else if (payload[k] == '=' && k + 2 < payload.size()) {
              decoded += static_cast<char>(std::stoi(payload.substr(k + 1, 2), nullptr, 16));
              k += 2;
            } else decoded += payload[k];
          }
        }
        if (!last_was_word) out += pending_space;  // white space between encoded words is dropped
        pending_space.clear();
        out += decoded;
        last_was_word = true;
        i = end + 2;
        continue;
      }
    }
    if (s[i] == ' ' || s[i] == '\t') {
      pending_space += s[i];
      ++i;
      continue;
    }
    out += pending_space;
    pending_space.clear();
    out += s[i];
    last_was_word = false;
    ++i;
  }
  out += pending_space;
  return out;
}

std::string format_address(const Address& a) {
  if (!valid_email(a.email)) throw BadAddress("bad e-mail address");
  std::string name = clean_header_text(a.name);
  if (name.empty()) return a.email;
  bool plain = is_ascii_printable(name) && name.find("=?") == std::string::npos;
  for (char c : name)
    if (std::string_view("()<>[]:;@\\,.\"").find(c) != std::string_view::npos) plain = false;
  return (plain ? name : encode_words(name)) + " <" + a.email + ">";
}

std::string rfc5322_date(std::chrono::sys_seconds t, std::string_view tz) {
  using namespace std::chrono;
  auto local = calendar::to_local(t, tz);
  sys_seconds local_as_sys = sys_days(local.date) + hours(local.hour) + minutes(local.minute) + seconds(local.second);
  long offset_min = static_cast<long>(duration_cast<minutes>(local_as_sys - t).count());
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  weekday wd{sys_days(local.date)};
  char sign = offset_min < 0 ? '-' : '+';
  long off = offset_min < 0 ? -offset_min : offset_min;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d %c%02ld%02ld", kDays[wd.c_encoding()],
                static_cast<unsigned>(local.date.day()), kMonths[static_cast<unsigned>(local.date.month()) - 1],
                static_cast<int>(local.date.year()), local.hour, local.minute, local.second, sign, off / 60, off % 60);
  return buf;
}

std::string make_message_id(std::string_view seed, std::string_view host) {
  std::uint64_t a = fnv1a(seed, 0xcbf29ce484222325ULL);
  std::uint64_t b = fnv1a(seed, a ^ 0x9e3779b97f4a7c15ULL);
  std::string h;
  for (char c : host)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') h += c;
  if (h.empty()) h = "roadmap.invalid";
  return hex64(a) + hex64(b).substr(0, 8) + "@" + h;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render(const Message& m) {
  std::string from = format_address(m.from);
  std::string to = format_address(m.to);
  std::string seed = m.boundary_seed.empty() ? m.message_id : m.boundary_seed;
  std::string b_alt = "=_alt_" + hex64(fnv1a(seed, 0x84222325cbf29ce4ULL));
  std::string b_mix = "=_mix_" + hex64(fnv1a(seed, 0x2325cbf29ce48422ULL));

  auto crlf = [](std::string_view body) {  // normalise every line end to CRLF
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\r') {
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        out += "\r\n";
      } else if (body[i] == '\n') {
        out += "\r\n";
      } else {
        out += body[i];
      }
    }
    return out;
  };

  std::string alt;
  alt += "--" + b_alt + "\r\n" + part_header("text/plain; charset=UTF-8") + base64(crlf(m.text)) + "\r\n";
  alt += "--" + b_alt + "\r\n" + part_header("text/html; charset=UTF-8") + base64(crlf(m.html)) + "\r\n";
  std::string calendar, fname;
  if (m.calendar) {
    std::string method;
    for (char ch : m.calendar->method)
      if (std::isalpha(static_cast<unsigned char>(ch))) method += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (char ch : m.calendar->filename)
      if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_') fname += ch;
    if (fname.empty()) fname = "invite.ics";
    calendar = base64(crlf(m.calendar->text)) + "\r\n";
    alt += "--" + b_alt + "\r\n" + part_header("text/calendar; charset=UTF-8; method=" + method) + calendar;
  }
  alt += "--" + b_alt + "--\r\n";
  std::string alt_type = "multipart/alternative; boundary=\"" + b_alt + "\"";

  std::string out;
  out += "From: " + from + "\r\n";
  out += "To: " + to + "\r\n";
  out += "Subject: " + encode_header_text(m.subject, 9) + "\r\n";
  out += "Date: " + rfc5322_date(m.date, m.date_zone) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  if (!m.calendar) {
    out += "Content-Type: " + alt_type + "\r\n\r\n";
    out += alt;
    return out;
  }
  out += "Content-Type: multipart/mixed; boundary=\"" + b_mix + "\"\r\n\r\n";
  out += "--" + b_mix + "\r\nContent-Type: " + alt_type + "\r\n\r\n" + alt;
  out += "--" + b_mix + "\r\n";
  out += "Content-Type: application/ics; name=\"" + fname + "\"\r\n";
  out += "Content-Disposition: attachment; filename=\"" + fname + "\"\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += calendar;
  out += "--" + b_mix + "--\r\n";
  return out;
}

}  // namespace roadmap::mail
