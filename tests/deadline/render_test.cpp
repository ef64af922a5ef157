// Canonical rendering: the texts the user checks a reading by, and the round trip
// render(parse(x)) -> parse -> the same schedule, in Russian and in English.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "deadline/parse.hpp"
#include "deadline/render.hpp"

namespace roadmap::deadline {
namespace {

std::string unescape(const std::string& line) {
  std::string s;
  for (std::size_t k = 0; k < line.size(); ++k) {
    if (line[k] == '\\' && k + 1 < line.size() && line[k + 1] == 'n') {
      s.push_back('\n');
      ++k;
    } else {
      s.push_back(line[k]);
    }
  }
  return s;
}

void expect_round_trip(const std::string& phrase) {
  SCOPED_TRACE(phrase);
  ParseResult r = parse(phrase);
  if (!r.understood()) return;
  for (Lang lang : {Lang::ru, Lang::en}) {
    std::string text = render(r.schedule, lang);
    ParseResult back = parse(text);
    EXPECT_TRUE(back.understood()) << text << " stopped at column " << back.stop_column;
    EXPECT_EQ(back.schedule, r.schedule) << text;
  }
}

TEST(Render, CanonicalTexts) {
  struct Case {
    const char* phrase;
    const char* ru;
    const char* en;
  };
  const Case cases[] = {
      {"не реже 1 раза в квартал", "ежеквартально, не реже 1 раза", "quarterly, at least once"},
      {"январь, июль", "январь и июль каждого года плана", "January and July of each year of the plan"},
      {"после каждой ОП", "после каждой оценочной процедуры (ОП)", "after each assessment"},
      {"Апрель-июнь 2023, 2024 гг.", "апрель–июнь 2023, 2024 гг.", "April–June 2023 and 2024"},
      {"в течение месяца после завершения анализа", "в течение месяца после завершения анализа",
       "within a month after completion of анализа"},
      {"1 раз в 3 года для каждой образовательной организации",
       "1 раз в 3 года для каждой образовательной организации", "once every 3 years for each school"},
      {"в течение 2022-2023 учебного года", "в течение 2022-2023 учебного года", "during the 2022-2023 school year"},
      {"до 10 января 2023 г", "не позднее 10 января 2023 г.", "by 10 January 2023"},
      {"По графику проведения ВПР, ГИА", "по графику проведения ВПР, ГИА", "according to the schedule of VPR and GIA"},
      {"2 полугодие", "II полугодие", "the second half-year"},
      {"в течение 2 недель после ВПР", "в течение 2 недель после ВПР", "within 2 weeks after VPR"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.phrase);
    ParseResult r = parse(c.phrase);
    ASSERT_TRUE(r.understood());
    EXPECT_EQ(render(r.schedule, Lang::ru), c.ru);
    EXPECT_EQ(render(r.schedule, Lang::en), c.en);
  }
}

TEST(Render, RoundTripsInBothLanguages) {
  const char* phrases[] = {
      "сентябрь, повторно - после каждой ОП", "Август, ноябрь 2023г, март, август, ноябрь 2024 г.",
      "постоянно\nпериод ВПР\nиюль-август", "Декабрь 2023 года, февраль, май 2024 года",
      "декабрь 2023 - январь 2024", "с 01.09.2023 по 31.12.2023", "1-5 сентября", "ежегодно до 1 сентября",
      "до 25 числа каждого месяца", "ежеквартально до 5 числа месяца, следующего за отчетным кварталом",
      "по итогам каждой четверти", "I-II квартал 2024 г.", "II полугодие 2023-2024 учебного года",
      "по итогам I полугодия", "за 3 дня до ВПР", "накануне проведения ОП", "через 2 недели после ВПР",
      "на следующий день после ОП", "в 2-недельный срок после ВПР", "после выполнения п. 4.5",
      "по итогам анализа", "по плану совещаний", "согласно плану-графику",
      "в сроки, установленные приказом министерства", "в соответствии с приказом Министерства",
      "по мере поступления документов", "по запросу ОО", "по потребности", "к началу 2024/2025 учебного года",
      "конец мая", "до конца I квартала", "в конце каждой четверти", "по окончании учебного года",
      "не позднее 31 января", "до марта 2024 г.", "2019-2020", "в течение 2023, 2024 гг.", "регулярно",
      "ежегодно, 2 раза", "не реже 2 раз в год", "в дни проведения ЕГЭ", "при проверке ВПР", "ВсОШ",
      "постоянно при подготовке к проведению ОП", "в соответствии с графиком проведения ВПР в 2022 г.",
  };
  for (const char* p : phrases) {
    ASSERT_TRUE(parse(p).understood()) << p;
    expect_round_trip(p);
  }
}

// The benchmark corpora (seeds, wider forms, English): whatever is read round-trips.
TEST(Render, CorporaRoundTrip) {
  int read = 0;
  for (const char* name : {"seeds.txt", "wider.txt", "english.txt"}) {
    std::ifstream in(std::string(ROADMAP_SOURCE_DIR) + "/bench/phrases/" + name);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      expect_round_trip(unescape(line));
      ++read;
    }
  }
  if (read == 0) GTEST_SKIP() << "bench/phrases is not in this tree";
}

}  // namespace
}  // namespace roadmap::deadline
