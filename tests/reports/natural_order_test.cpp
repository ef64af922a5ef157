// The order of names in lists of schools and bodies (model/natural_order.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/natural_order.hpp"

using roadmap::model::natural_less;

TEST(NaturalOrder, NumbersCompareByValue) {
  EXPECT_TRUE(natural_less("МКОУ СОШ №2", "МКОУ СОШ №11"));
  EXPECT_FALSE(natural_less("МКОУ СОШ №11", "МКОУ СОШ №2"));
  EXPECT_TRUE(natural_less("Школа 9", "Школа 10"));
  EXPECT_TRUE(natural_less("СОШ №1 им. Пушкина", "СОШ №1 им. Толстого"));  // equal numbers: the rest decides
  EXPECT_TRUE(natural_less("гимназия 3 корпус 2", "гимназия 3 корпус 10"));
}

TEST(NaturalOrder, LettersAndPrefixesAsBytes) {
  EXPECT_TRUE(natural_less("МКОУ ООШ №14", "МКОУ СОШ №1"));  // О before С
  EXPECT_TRUE(natural_less("СОШ", "СОШ №1"));                 // a prefix first
  EXPECT_FALSE(natural_less("СОШ №1", "СОШ №1"));             // irreflexive
  EXPECT_TRUE(natural_less("№ 5", "№5"));                     // a space before a digit, as bytes
}

TEST(NaturalOrder, LeadingZerosTieBreakByBytesSoTheOrderIsStrict) {
  EXPECT_TRUE(natural_less("№01", "№1"));
  EXPECT_FALSE(natural_less("№1", "№01"));
  EXPECT_TRUE(natural_less("№01", "№2"));
  std::vector<std::string> v{"СОШ №10", "СОШ №01", "СОШ №1", "СОШ №2", "СОШ №002", "ООШ №3", "СОШ"};
  std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return natural_less(a, b); });
  EXPECT_EQ(v, (std::vector<std::string>{"ООШ №3", "СОШ", "СОШ №01", "СОШ №1", "СОШ №002", "СОШ №2", "СОШ №10"}));
}
