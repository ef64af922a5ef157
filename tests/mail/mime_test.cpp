// The MIME builder: RFC 2047 subjects split between whole characters and decoding back to the same
// text, no header injection from plan text, addresses checked, RFC 5322 dates in a zone, CRLF only,
// the iMIP layout.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "mail/mime.hpp"

using namespace roadmap::mail;
using namespace std::chrono;

namespace {

// Header lines (unfolded) of a rendered message, up to the first empty line.
std::vector<std::string> header_lines(const std::string& msg) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    auto end = msg.find("\r\n", pos);
    std::string line = msg.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') out.back() += line;
    else out.push_back(line);
  }
  return out;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!n || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

Message sample() {
  Message m;
  m.from = {"Дорожные карты", "roadmap@example.ru"};
  m.to = {"Петрова Марина Александровна", "m.petrova@example.ru"};
  m.subject = "Дорожные карты, 01.09.2023: сроки — 3, просрочено — 2";
  m.date = sys_days{2023y / 9 / 1} + 7h;
  m.date_zone = "Europe/Moscow";
  m.message_id = make_message_id("digest|x|2023-09-01", "example.ru");
  m.text = "Здравствуйте!\nСрок 01.09.2023.\n";
  m.html = "<p>Здравствуйте!</p>";
  return m;
}

}  // namespace

TEST(Mime, AsciiSubjectStaysPlainAndRussianIsEncodedWords) {
  EXPECT_EQ(encode_header_text("Roadmap digest"), "Roadmap digest");
  std::string enc = encode_header_text("Дорожные карты");
  EXPECT_EQ(enc.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(decode_header_text(enc), "Дорожные карты");
  // "=?" in plain text would be read as an encoded word: it is encoded.
  EXPECT_NE(encode_header_text("a =?x?= b"), "a =?x?= b");
  EXPECT_EQ(decode_header_text(encode_header_text("a =?x?= b")), "a =?x?= b");
}

TEST(Mime, LongSubjectsSplitBetweenWholeCharactersAndRoundTrip) {
  for (std::string text : {std::string(300, 'a') + "я", std::string("п. 4.2 · ") + std::string(40, 'x'),
                           std::string("Ёжик 🦔 в тумане — «кавычки» ") + "Проведение мониторинга объективности ВПР "
                                                                         "в общеобразовательных организациях района"}) {
    std::string enc = encode_header_text(text, 9);
    EXPECT_EQ(decode_header_text(enc), text);
    std::regex word("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]+)\\?=");
    std::size_t lines = 0;
    for (std::sregex_iterator it(enc.begin(), enc.end(), word), end; it != end; ++it) {
      EXPECT_LE(it->str().size(), 75u);
      // every word alone is whole UTF-8: no character is split across two words
      EXPECT_TRUE(valid_utf8(base64_decode((*it)[1].str()))) << it->str();
      ++lines;
    }
    if (text.size() > 45) {
      EXPECT_GT(lines, 1u);
    }
    EXPECT_EQ(enc.find('\n') == std::string::npos || enc.find("\r\n ") != std::string::npos, true);
  }
}

TEST(Mime, HeaderInjectionFromPlanTextIsImpossible) {
  Message m = sample();
  m.subject = "Отчёт\r\nBcc: victim@example.com\r\nX-Evil: 1";
  m.to.name = "Иванов\nCc: other@example.com";
  m.from.name = "Roadmap\r\n\r\nbody";
  std::string out = render(m);
  for (const auto& h : header_lines(out)) {
    EXPECT_NE(h.rfind("Bcc:", 0), 0u) << h;
    EXPECT_NE(h.rfind("Cc:", 0), 0u) << h;
    EXPECT_NE(h.rfind("X-Evil:", 0), 0u) << h;
  }
  EXPECT_EQ(clean_header_text("a\r\nb\tc\x7f" "d\xE2\x80\xA8" "e"), "a b c d e");
  EXPECT_EQ(clean_header_text("bad \xFF byte"), "bad \xEF\xBF\xBD byte");
  auto hs = header_lines(out);
  auto subj = std::find_if(hs.begin(), hs.end(), [](auto& h) { return h.rfind("Subject: ", 0) == 0; });
  ASSERT_NE(subj, hs.end());
  EXPECT_EQ(decode_header_text(subj->substr(9)), "Отчёт Bcc: victim@example.com X-Evil: 1");
}

TEST(Mime, AddressesAreCheckedAndNamesEncoded) {
  EXPECT_TRUE(valid_email("sosh1.director@example.ru"));
  for (auto bad : {"", "no-at", "@example.ru", "a@", "a b@example.ru", "a@example.ru\r\nBcc: x@y.z", "a<b>@x.ru",
                   "a@b@c.ru", "a@x..ru", "\xD0\xB0@x.ru", "a,b@x.ru"})
    EXPECT_FALSE(valid_email(bad)) << bad;
  EXPECT_THROW(format_address({"x", "a@example.ru\nBcc: v@x.ru"}), BadAddress);
  EXPECT_EQ(format_address({"", "a@example.ru"}), "a@example.ru");
  EXPECT_EQ(format_address({"Roadmap", "a@example.ru"}), "Roadmap <a@example.ru>");
  std::string ru = format_address({"Петрова М. А.", "a@example.ru"});
  EXPECT_EQ(ru.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(decode_header_text(ru), "Петрова М. А. <a@example.ru>");
  // Specials in an ASCII name are encoded rather than quoted.
  EXPECT_EQ(decode_header_text(format_address({"Doe, John", "j@x.ru"})), "Doe, John <j@x.ru>");
  EXPECT_NE(format_address({"Doe, John", "j@x.ru"}).rfind("Doe, John", 0), 0u);
}

TEST(Mime, DateIsRfc5322InTheZone) {
  auto t = sys_days{2023y / 9 / 1} + 7h + 5min + 9s;
  EXPECT_EQ(rfc5322_date(t, "Europe/Moscow"), "Fri, 01 Sep 2023 10:05:09 +0300");
  EXPECT_EQ(rfc5322_date(t, ""), "Fri, 01 Sep 2023 07:05:09 +0000");
  EXPECT_EQ(rfc5322_date(t, "Asia/Vladivostok"), "Fri, 01 Sep 2023 17:05:09 +1000");
  EXPECT_EQ(rfc5322_date(t, "America/New_York"), "Fri, 01 Sep 2023 03:05:09 -0400");
  // 2012: Moscow was UTC+4.
  EXPECT_EQ(rfc5322_date(sys_days{2012y / 1 / 31} + 23h, "Europe/Moscow"), "Wed, 01 Feb 2012 03:00:00 +0400");
}

TEST(Mime, MessageIdIsStableAndUnique) {
  auto a = make_message_id("digest|p|2023-09-01", "example.ru");
  EXPECT_EQ(a, make_message_id("digest|p|2023-09-01", "example.ru"));
  EXPECT_NE(a, make_message_id("digest|p|2023-09-04", "example.ru"));
  EXPECT_TRUE(std::regex_match(a, std::regex("[0-9a-f]{24}@example\\.ru")));
  EXPECT_TRUE(std::regex_match(make_message_id("x", "bad host>\r\n"), std::regex("[0-9a-f]{24}@badhost")));
}

TEST(Mime, Base64RoundTripsAndWrapsAt76) {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += static_cast<char>(i * 7);
  std::string enc = base64(data);
  EXPECT_EQ(base64_decode(enc), data);
  std::size_t pos = 0;
  while (pos < enc.size()) {
    auto end = enc.find("\r\n", pos);
    if (end == std::string::npos) end = enc.size();
    EXPECT_LE(end - pos, 76u);
    pos = end + 2;
  }
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
}

namespace {

// The parts of a MIME body between "--boundary" lines (preamble and epilogue dropped).
std::vector<std::string> parts_of(const std::string& body, const std::string& boundary) {
  std::vector<std::string> out;
  const std::string delim = "--" + boundary;
  std::size_t at = body.find(delim);
  while (at != std::string::npos) {
    std::size_t start = at + delim.size();
    if (body.compare(start, 2, "--") == 0) break;
    std::size_t next = body.find("\r\n" + delim, start);
    if (next == std::string::npos) break;
    out.push_back(body.substr(start + 2, next - start - 2));
    at = next + 2;
  }
  return out;
}

std::string boundary_of(const std::string& entity) {
  std::string headers = entity.substr(0, entity.find("\r\n\r\n"));
  auto at = headers.find("boundary=\"");
  if (at == std::string::npos) return {};
  return headers.substr(at + 10, headers.find('"', at + 10) - at - 10);
}

std::string body_of(const std::string& entity) { return entity.substr(entity.find("\r\n\r\n") + 4); }

}  // namespace

TEST(Mime, AnInviteIsOneCalendarBesideItsTextWithACopyToImportAndCrlfOnly) {
  Message m = sample();
  m.calendar = CalendarPart{"request", "BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR\n", "../../etc/x\".ics"};
  std::string out = render(m);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\n') {
      ASSERT_TRUE(i > 0 && out[i - 1] == '\r') << "bare LF at " << i;
    }
    if (out[i] == '\r') {
      ASSERT_TRUE(i + 1 < out.size() && out[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  for (std::size_t pos = 0; pos < out.size();) {
    auto end = out.find("\r\n", pos);
    EXPECT_LE(end - pos, 998u);
    pos = end + 2;
  }
  EXPECT_NE(out.find("Message-ID: <" + m.message_id + ">\r\n"), std::string::npos);
  EXPECT_NE(out.find("Date: Fri, 01 Sep 2023 10:00:00 +0300\r\n"), std::string::npos);
  EXPECT_NE(out.find("MIME-Version: 1.0\r\n"), std::string::npos);
  // multipart/mixed = [multipart/alternative = [plain, html, text/calendar], application/ics]
  EXPECT_NE(out.substr(0, out.find("\r\n\r\n")).find("Content-Type: multipart/mixed;"), std::string::npos);
  auto mixed = parts_of(body_of(out), boundary_of(out));
  ASSERT_EQ(mixed.size(), 2u) << out;
  EXPECT_TRUE(mixed[0].starts_with("Content-Type: multipart/alternative;")) << mixed[0];
  auto alt = parts_of(body_of(mixed[0]), boundary_of(mixed[0]));
  ASSERT_EQ(alt.size(), 3u) << mixed[0];
  EXPECT_TRUE(alt[0].starts_with("Content-Type: text/plain; charset=UTF-8\r\n")) << alt[0];
  EXPECT_TRUE(alt[1].starts_with("Content-Type: text/html; charset=UTF-8\r\n")) << alt[1];
  EXPECT_TRUE(alt[2].starts_with("Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n")) << alt[2];
  EXPECT_EQ(alt[2].find("Content-Disposition"), std::string::npos) << "the scheduling part is inline";
  EXPECT_TRUE(mixed[1].starts_with("Content-Type: application/ics; name=\"....etcx.ics\"\r\n"
                                   "Content-Disposition: attachment; filename=\"....etcx.ics\"\r\n"))
      << mixed[1];
  // One object in both places, its line ends made CRLF; no second text/calendar anywhere.
  std::string encoded = base64("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n");
  EXPECT_EQ(body_of(alt[2]), encoded);  // (the CRLF before a boundary belongs to the boundary)
  EXPECT_EQ(body_of(mixed[1]), encoded);
  EXPECT_EQ(out.find("text/calendar", out.find("text/calendar") + 1), std::string::npos);
  EXPECT_EQ(body_of(alt[0]), base64("Здравствуйте!\r\nСрок 01.09.2023.\r\n"));

  // Without a calendar: the alternative alone.
  std::string p = render(sample());
  EXPECT_EQ(p.find("multipart/mixed"), std::string::npos);
  EXPECT_EQ(p.find("calendar"), std::string::npos);
  EXPECT_NE(p.substr(0, p.find("\r\n\r\n")).find("Content-Type: multipart/alternative;"), std::string::npos);
  EXPECT_EQ(parts_of(body_of(p), boundary_of(p)).size(), 2u);
}

TEST(Mime, HtmlEscape) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}
