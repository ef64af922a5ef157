// The catalogue is complete: every message has Russian and English text, keys are unique, and
// both languages take the same arguments.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "i18n/catalogue.hpp"

using namespace roadmap::i18n;

namespace {
int count_placeholders(std::string_view s) {
  int n = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '{' && s[i + 1] == '{') { ++i; continue; }
    if (s[i] == '{') ++n;
  }
  return n;
}
}  // namespace

TEST(Catalogue, EveryEntryHasBothLanguagesAndUniqueKey) {
  std::set<std::string_view> keys;
  ASSERT_FALSE(entries().empty());
  for (const auto& e : entries()) {
    EXPECT_TRUE(keys.insert(e.key).second) << "duplicate key " << e.key;
    EXPECT_FALSE(e.ru.empty()) << e.key;
    EXPECT_FALSE(e.en.empty()) << e.key;
    EXPECT_EQ(count_placeholders(e.ru), count_placeholders(e.en)) << e.key;
  }
}

TEST(Catalogue, RussianIsDefaultAndEnglishOnRequest) {
  EXPECT_EQ(text(Lang::ru, "diag.error"), "ошибка");
  EXPECT_EQ(text(Lang::en, "diag.error"), "error");
  EXPECT_EQ(tr(Lang::ru, "cli.err.bad_lang", "de"), "неизвестный язык «de»: укажите ru или en");
}

TEST(Catalogue, UnknownKeyFallsBackToKeyAndBadArgsDoNotThrow) {
  EXPECT_EQ(text(Lang::ru, "no.such.key"), "no.such.key");
  EXPECT_FALSE(has("no.such.key"));
  // Fewer arguments than placeholders: the raw text, no exception.
  EXPECT_EQ(format(Lang::en, "cli.err.bad_lang", {}), text(Lang::en, "cli.err.bad_lang"));
}

TEST(Catalogue, ParseLang) {
  Lang l = Lang::ru;
  EXPECT_TRUE(parse_lang("en", l));
  EXPECT_EQ(l, Lang::en);
  EXPECT_TRUE(parse_lang("ru", l));
  EXPECT_EQ(l, Lang::ru);
  EXPECT_FALSE(parse_lang("de", l));
}
