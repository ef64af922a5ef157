// What the server reads from untrusted bytes: targets, forms (urlencoded, multipart with a file),
// cookies and the preferred language; the listen address. Malformed input is refused, not guessed.
#include <gtest/gtest.h>

#include "server/http_server.hpp"
#include "server/request.hpp"

using namespace roadmap::web;

TEST(Target, PathAndQueryAreDecoded) {
  auto t = parse_target("/tasks?plan=levokumsky-objectivity-2023&body=%D0%9E%D1%82%D0%B4%D0%B5%D0%BB+%D0%BE%D0%B1%D1%80&status=open&status=done");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/tasks");
  EXPECT_EQ(t->query.get("plan"), "levokumsky-objectivity-2023");
  EXPECT_EQ(t->query.get("body"), "Отдел обр");  // "+" is a space in a query
  EXPECT_EQ(t->query.all("status"), (std::vector<std::string>{"open", "done"}));
  EXPECT_EQ(t->query.get("missing"), "");
  auto cyr = parse_target("/ics/body/%D0%9E%D1%82%D0%B4%D0%B5%D0%BB%20%D0%BE%D0%B1%D1%80%D0%B0%D0%B7%D0%BE%D0%B2%D0%B0%D0%BD%D0%B8%D1%8F.ics");
  ASSERT_TRUE(cyr);
  EXPECT_EQ(cyr->path, "/ics/body/Отдел образования.ics");
}

TEST(Target, MalformedOnesAreRefused) {
  EXPECT_FALSE(parse_target("tasks"));           // not origin-form
  EXPECT_FALSE(parse_target("http://x/tasks"));  // absolute-form is not ours
  EXPECT_FALSE(parse_target("/a%00b"));          // NUL
  EXPECT_FALSE(parse_target("/a%FFb"));          // not UTF-8
  EXPECT_FALSE(parse_target("/a?x=%ZZ"));        // a broken escape
}

TEST(Form, UrlencodedDecodesPlusAndEscapes) {
  auto f = parse_urlencoded("action=done&text=%D0%A1%D0%B5%D0%BC%D0%B8%D0%BD%D0%B0%D1%80+%D0%BF%D1%80%D0%BE%D0%B2%D0%B5%D0%B4%D1%91%D0%BD&version=3&empty=");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->get("action"), "done");
  EXPECT_EQ(f->get("text"), "Семинар проведён");
  EXPECT_EQ(f->get("version"), "3");
  EXPECT_TRUE(f->has("empty"));
  EXPECT_FALSE(parse_urlencoded("a=%E0%A4"));  // truncated UTF-8
  EXPECT_EQ(parse_urlencoded("")->size(), 0u);
}

TEST(Form, MultipartWithAFile) {
  std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
      "tok\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"text\"\r\n\r\n"
      "Строка 1\r\nСтрока 2\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\me\\\\протокол \\\"№2\\\".pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n"
      "%PDF-1.4\r\n\x01\x02" "binary--XyZ not a delimiter\r\n"
      "--XyZ--\r\n";
  auto f = parse_multipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->fields.get("csrf"), "tok");
  EXPECT_EQ(f->fields.get("text"), "Строка 1\r\nСтрока 2");
  ASSERT_EQ(f->files.size(), 1u);
  EXPECT_EQ(f->files[0].field, "file");
  EXPECT_EQ(f->files[0].filename, "протокол \"№2\".pdf");  // no folder of the sender's machine
  EXPECT_EQ(f->files[0].content_type, "application/pdf");
  EXPECT_EQ(f->files[0].data, std::string("%PDF-1.4\r\n\x01\x02") + "binary--XyZ not a delimiter");
  // A quoted boundary and a preamble.
  auto q = parse_multipart("multipart/form-data; boundary=\"a b\"", "preamble\r\n--a b\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b--");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->fields.get("x"), "1");
}

TEST(Form, BrokenMultipartIsRefused) {
  const std::string type = "multipart/form-data; boundary=B";
  EXPECT_FALSE(parse_multipart("multipart/form-data", "--B--"));                       // no boundary
  EXPECT_FALSE(parse_multipart("text/plain; boundary=B", "--B--"));                    // not a form
  EXPECT_FALSE(parse_multipart(type, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"));  // never closed
  EXPECT_FALSE(parse_multipart(type, "--B\r\nContent-Disposition: attachment\r\n\r\nv\r\n--B--"));       // not form-data
  EXPECT_FALSE(parse_multipart(type, "--B\r\nNoColonHere\r\n\r\nv\r\n--B--"));
  std::string many;
  for (int i = 0; i < 70; ++i) many += "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
  EXPECT_FALSE(parse_multipart(type, many + "--B--", 64));
}

TEST(Cookies, FoundByName) {
  std::string h = "rm_lang=en; rm_session=abc_DEF-123; other=\"quoted\"";
  EXPECT_EQ(cookie_value(h, "rm_session"), "abc_DEF-123");
  EXPECT_EQ(cookie_value(h, "rm_lang"), "en");
  EXPECT_EQ(cookie_value(h, "other"), "quoted");
  EXPECT_FALSE(cookie_value(h, "rm_sess"));
  EXPECT_FALSE(cookie_value("", "rm_session"));
}

TEST(Language, RussianUnlessEnglishIsPreferred) {
  EXPECT_EQ(preferred_lang(""), roadmap::i18n::Lang::ru);
  EXPECT_EQ(preferred_lang("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"), roadmap::i18n::Lang::ru);
  EXPECT_EQ(preferred_lang("en-GB,en;q=0.9,ru;q=0.5"), roadmap::i18n::Lang::en);
  EXPECT_EQ(preferred_lang("de-DE,de;q=0.9"), roadmap::i18n::Lang::ru);
  EXPECT_EQ(preferred_lang("de;q=1, en;q=0.4, ru;q=0.6"), roadmap::i18n::Lang::ru);
}

TEST(ListenAddress, Forms) {
  auto a = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->port(), 8080);
  EXPECT_EQ(a->address().to_string(), "127.0.0.1");
  auto b = parse_listen_address("[::1]:0");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->address().is_v6());
  EXPECT_EQ(parse_listen_address(":9000")->address().to_string(), "0.0.0.0");
  EXPECT_EQ(parse_listen_address("localhost:1")->address().to_string(), "127.0.0.1");
  EXPECT_FALSE(parse_listen_address("127.0.0.1:99999"));
  EXPECT_FALSE(parse_listen_address("host:80"));
  EXPECT_FALSE(parse_listen_address("[::1]8080"));
  EXPECT_FALSE(parse_listen_address(""));
}
