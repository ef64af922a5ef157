// The loader's helpers: UTF-8 validation with positions, byte -> character columns, tabs in
// indentation, and "did you mean" by Damerau-Levenshtein distance.
#include <gtest/gtest.h>

#include "load/did_you_mean.hpp"
#include "load/text_checks.hpp"

using namespace roadmap::load;

TEST(Utf8, ValidTextHasNoErrors) {
  EXPECT_TRUE(find_utf8_errors("план: «ВПР» — 𝄞\n", 10).empty());
}

TEST(Utf8, OverlongSurrogateAndTruncatedSequencesAreErrors) {
  std::size_t total = 0;
  auto e = find_utf8_errors("a\xC0\xAF\nб\xED\xA0\x80x\n\xD0", 10, &total);
  ASSERT_EQ(total, 6u);  // C0, AF, ED, A0, 80, lone D0
  EXPECT_EQ(e[0].line, 1);
  EXPECT_EQ(e[0].column, 2);
  EXPECT_EQ(e[0].byte, 0xC0);
  EXPECT_EQ(e[2].line, 2);
  EXPECT_EQ(e[2].column, 2);  // after one Cyrillic letter
  EXPECT_EQ(e[5].line, 3);
  EXPECT_EQ(e[5].column, 1);
  EXPECT_EQ(find_utf8_errors("\xFF\xFF\xFF", 2, &total).size(), 2u);
  EXPECT_EQ(total, 3u);
}

TEST(LineIndexTest, ByteColumnsBecomeCharacterColumns) {
  LineIndex idx("a: b\nключ: значение\n");
  EXPECT_EQ(idx.char_column(0, 3), 4);
  EXPECT_EQ(idx.char_column(1, 10), 7);  // "ключ: " is 10 bytes, 6 characters
  EXPECT_EQ(idx.line_text(1), "ключ: значение");
}

TEST(Tabs, OnlyLeadingTabsOfNonBlankLines) {
  auto t = find_tabs_in_indentation("a:\n\tb: 1\n  c: \td\n \t\n  \te: 1\n");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].line, 2);
  EXPECT_EQ(t[0].column, 1);
  EXPECT_EQ(t[1].line, 5);
  EXPECT_EQ(t[1].column, 3);
}

TEST(DidYouMean, DistanceCountsTranspositionsAndIgnoresCase) {
  EXPECT_EQ(edit_distance("deadline", "deadlien"), 1u);
  EXPECT_EQ(edit_distance("deadline", "dedline"), 1u);
  EXPECT_EQ(edit_distance("ОИВ", "оив"), 0u);
  EXPECT_EQ(edit_distance("РЦОКО", "РЦОКа"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(DidYouMean, SuggestsOnlyCloseCandidates) {
  const std::vector<std::string> keys = {"number", "measure", "deadline", "responsible", "co_executors"};
  EXPECT_EQ(suggest("deadlne", keys), std::vector<std::string>{"deadline"});
  EXPECT_EQ(suggest("responsibel", keys), std::vector<std::string>{"responsible"});
  EXPECT_TRUE(suggest("colour", keys).empty());
  EXPECT_TRUE(suggest("", keys).empty());
}
