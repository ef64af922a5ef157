// Layouts and formats beyond the seeds: tab-separated rows with wrapped cells, cell-a-line rows,
// headers that say other words, tables without a header, CSV in its dialects, encodings.
#include <gtest/gtest.h>

#include "importer/importer.hpp"
#include "importer/preamble.hpp"

using namespace roadmap;

namespace {

importer::ImportResult import_text(const std::string& text, const std::string& name = "plan.txt") {
  return importer::import_bytes(text, name);
}

std::string all(const importer::ImportResult& r) { return diag::render_all(r.diagnostics, i18n::Lang::ru); }

TEST(TextLayout, TabRowsWithCellsWrappedOverLines) {
  auto r = import_text(
      "№ п/п\tНаименование мероприятия\tСрок исполнения\tОтветственный исполнитель\n"
      "1.\tПервое мероприятие,\nпродолжение текста\tянварь\tУправление образования, ИМЦ\n"
      "2.\tВторое мероприятие\tежегодно\n"
      "до 1 марта\tИМЦ\n");
  ASSERT_TRUE(r.ok()) << all(r);
  ASSERT_EQ(r.plan->item_count(), 2u);
  const auto& items = r.plan->sections[0].items;
  EXPECT_EQ(items[0].measure, "Первое мероприятие,\nпродолжение текста");
  EXPECT_EQ(items[0].responsible, (std::vector<std::string>{"Управление образования", "ИМЦ"}));
  EXPECT_EQ(items[1].deadline, "ежегодно\nдо 1 марта");
  EXPECT_EQ(items[1].responsible, std::vector<std::string>{"ИМЦ"});
}

TEST(TextLayout, CellPerLineRowsWithNumberedSections) {
  auto r = import_text(
      "\t№\n\tМероприятие\n\tСроки\n\tОтветственные\n\n"
      "\t1\n\t2\n\t3\n\t4\n\n"
      "\tI. Организационные меры\n\n"
      "\t1.1.\n\tСоздать рабочую группу\n\tсентябрь\n\tОтдел образования\n\n"
      "\t1.2.\n\tУтвердить положение\n\t\n\t\n\n"
      "\tII. Методическая работа\n\n"
      "\t2.1.\n\tСеминар\n\tпо плану ИМЦ\n\tИМЦ\n");
  ASSERT_TRUE(r.ok()) << all(r);
  ASSERT_EQ(r.plan->sections.size(), 2u);
  EXPECT_EQ(r.plan->sections[0].number, "I");
  EXPECT_EQ(r.plan->sections[0].title, "Организационные меры");
  const model::Item* i12 = r.plan->find_item("1.2");
  ASSERT_TRUE(i12);
  EXPECT_EQ(i12->deadline, "сентябрь");  // vertically merged with 1.1
  EXPECT_EQ(i12->responsible, std::vector<std::string>{"Отдел образования"});
  EXPECT_EQ(r.plan->find_item("2.1")->deadline, "по плану ИМЦ");
}

TEST(TextLayout, RepeatedHeaderAtPageBreakIsSkipped) {
  auto r = import_text(
      "№\tМероприятие\tСрок\tОтветственный\n"
      "1\tА\tмай\tОО\n"
      "№\tМероприятие\tСрок\tОтветственный\n"
      "2\tБ\tиюнь\tОО\n");
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.plan->item_count(), 2u);
}

TEST(TextLayout, OtherHeaderWordsMapToColumns) {
  auto r = import_text(
      "№\tСодержание деятельности\tКатегория участников\tДата проведения\tИсполнитель\tОжидаемый результат\n"
      "1\tСовещание\tДиректора\tоктябрь 2024 г.\tРЦОКО\tПротокол\n");
  ASSERT_TRUE(r.ok()) << all(r);
  const auto& it = r.plan->sections[0].items[0];
  EXPECT_EQ(it.measure, "Совещание");
  EXPECT_EQ(it.participants, "Директора");
  EXPECT_EQ(it.deadline, "октябрь 2024 г.");
  EXPECT_EQ(it.expected_result, "Протокол");
  EXPECT_EQ(r.plan->find_body("РЦОКО")->kind, model::BodyKind::institute);
}

TEST(TextLayout, ColumnsGuessedFromContentWithoutHeader) {
  auto r = import_text(
      "1.\tПровести мониторинг результатов оценочных процедур в школах района\tсентябрь\tОтдел образования\n"
      "2.\tОрганизовать обучение экспертов предметных комиссий района\tв течение года\tИМЦ\n"
      "3.\tПровести совещание с руководителями образовательных организаций\tежеквартально\tОтдел образования\n");
  ASSERT_TRUE(r.ok()) << all(r);
  ASSERT_EQ(r.plan->item_count(), 3u);
  EXPECT_EQ(r.plan->find_item("2")->deadline, "в течение года");
  EXPECT_EQ(r.plan->find_item("2")->responsible, std::vector<std::string>{"ИМЦ"});
  EXPECT_NE(all(r).find("графы определены по содержимому"), std::string::npos);
  // The guess is marked in the YAML.
  EXPECT_NE(importer::render_yaml(r, i18n::Lang::ru).find("# ПРОВЕРИТЬ"), std::string::npos);
}

TEST(TextLayout, SubMeasuresEachWithItsDeadline) {
  auto r = import_text(
      "№\tМероприятие\tСрок\tОтветственный\n"
      "1\tМониторинг:\n- сбор данных;\n- анализ;\n- отчёт.\tмарт\nапрель\nмай\tОО\n");
  ASSERT_TRUE(r.ok()) << all(r);
  const auto& it = r.plan->sections[0].items[0];
  ASSERT_EQ(it.sub_measures.size(), 3u);
  EXPECT_EQ(it.sub_measures[0].text, "сбор данных");
  EXPECT_EQ(it.sub_measures[2].text, "отчёт");
  EXPECT_EQ(it.sub_measures[2].deadline, "май");
  EXPECT_EQ(it.deadline, "март\nапрель\nмай");
}

TEST(TextLayout, AbbreviationsGiveBodiesTheirNames) {
  auto r = import_text(
      "Перечень сокращений:\nУО – управление образования\nОО - общеобразовательные организации\n\n"
      "№\tМероприятие\tСрок\tОтветственный\n1\tА\tмай\tУО, общеобразовательные организации\n");
  ASSERT_TRUE(r.ok()) << all(r);
  ASSERT_EQ(r.plan->abbreviations.size(), 2u);
  const model::Body* uo = r.plan->find_body("УО");
  ASSERT_TRUE(uo);
  EXPECT_EQ(uo->name, "управление образования");
  // Written in full, the body takes its abbreviation as id and keeps the full form as alias.
  EXPECT_EQ(r.plan->sections[0].items[0].responsible, (std::vector<std::string>{"УО", "ОО"}));
  EXPECT_EQ(r.plan->find_body("общеобразовательные организации")->id, "ОО");
}

TEST(Preamble, DatesNumbersAndPeriods) {
  std::chrono::year_month_day d{};
  ASSERT_TRUE(importer::find_date("приказом от 29.12.2018 г. № 170", d));
  EXPECT_EQ(d, std::chrono::year{2018} / 12 / 29);
  ASSERT_TRUE(importer::find_date("от \"20\" сентября 2021 г.", d));
  EXPECT_EQ(d, std::chrono::year{2021} / 9 / 20);
  ASSERT_TRUE(importer::find_date("«1» мая 2020 г.", d));
  EXPECT_EQ(d, std::chrono::year{2020} / 5 / 1);
  EXPECT_FALSE(importer::find_date("31.02.2020", d));
  model::Period p;
  ASSERT_TRUE(importer::find_period("План на 2023-2024 годы", p));
  EXPECT_EQ(p.years, (std::vector<int>{2023, 2024}));
  ASSERT_TRUE(importer::find_period("в 2020-2021 учебном году", p));
  EXPECT_EQ(p.school_year_start, 2020);
  ASSERT_TRUE(importer::find_period("Срок реализации: 2021-2022 учебный год.", p));
  EXPECT_EQ(p.school_year_start, 2021);
  ASSERT_TRUE(importer::find_period("в 2023, 2024 годах", p));
  EXPECT_EQ(p.years, (std::vector<int>{2023, 2024}));
  EXPECT_FALSE(importer::find_period("по мере необходимости", p));
}

TEST(Csv, SemicolonQuotedCellsWithLineBreaksAndBom) {
  auto r = importer::import_bytes(
      "\xEF\xBB\xBFПлан мероприятий на 2024 год;;;\n"
      "№;Мероприятие;Срок;Ответственный\n"
      "1;\"Совещание \"\"Итоги\"\";\nвторая строка\";январь;\"Отдел образования, ИМЦ\"\n"
      "2;Семинар;февраль;ИМЦ\n",
      "plan.csv");
  ASSERT_TRUE(r.ok()) << all(r);
  ASSERT_EQ(r.plan->item_count(), 2u);
  EXPECT_EQ(r.plan->sections[0].items[0].measure, "Совещание \"Итоги\";\nвторая строка");
  EXPECT_EQ(r.plan->sections[0].items[0].responsible, (std::vector<std::string>{"Отдел образования", "ИМЦ"}));
  EXPECT_EQ(r.plan->title, "План мероприятий на 2024 год");
  EXPECT_EQ(r.plan->period.years, std::vector<int>{2024});
}

TEST(Csv, CommaDelimited) {
  auto r = importer::import_bytes("№,Мероприятие,Сроки,Ответственные\n1,Совещание,\"май, июнь\",ОО\n", "p.csv");
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.plan->sections[0].items[0].deadline, "май, июнь");
}

TEST(Csv, UnclosedQuoteIsAnErrorWithItsLine) {
  auto r = importer::import_bytes("№;Мероприятие;Срок;Ответственный\n1;\"Совещание;май;ОО\n", "p.csv");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(all(r).find("p.csv:2: ошибка: незакрытая кавычка"), std::string::npos) << all(r);
}

TEST(Encoding, Windows1251TextIsRead) {
  // "№\tМероприятие\tСрок\tОтветственный\n1\tСовещание\tмай\tОО\n" in Windows-1251.
  std::string cp = "\xB9\t\xCC\xE5\xF0\xEE\xEF\xF0\xE8\xFF\xF2\xE8\xE5\t\xD1\xF0\xEE\xEA\t"
                   "\xCE\xF2\xE2\xE5\xF2\xF1\xF2\xE2\xE5\xED\xED\xFB\xE9\n1\t\xD1\xEE\xE2\xE5\xF9\xE0\xED\xE8\xE5\t"
                   "\xEC\xE0\xE9\t\xCE\xCE\n";
  auto r = importer::import_bytes(cp, "plan.txt");
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.plan->sections[0].items[0].measure, "Совещание");
  EXPECT_EQ(r.plan->sections[0].items[0].deadline, "май");
  EXPECT_NE(all(r).find("Windows-1251"), std::string::npos);
}

TEST(Encoding, Utf16WithBom) {
  std::u16string u = u"№\tМероприятие\tСрок\tОтветственный\n1\tСовещание\tмай\tОО\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : u) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  auto r = importer::import_bytes(bytes, "plan.txt");
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.plan->sections[0].items[0].measure, "Совещание");
}

TEST(Deadlines, EveryPhraseGoesThroughTheDeadlineLanguage) {
  auto r = import_text(
      "№\tМероприятие\tСрок\tОтветственный\n"
      "1\tСовещание\tкогда-нибудь потом, наверное\tОО\n"
      "2\tСеминар\tежегодно\tОО\n");
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_NE(all(r).find("plan.txt:2: предупреждение: срок «когда-нибудь потом, наверное» не понят"), std::string::npos)
      << all(r);
  EXPECT_EQ(all(r).find("«ежегодно» не понят"), std::string::npos);
  EXPECT_NE(importer::render_yaml(r, i18n::Lang::ru).find("# ПРОВЕРИТЬ: срок «когда-нибудь"), std::string::npos);
}

TEST(YamlOutput, QuotesWhatYamlWouldMisread) {
  auto r = import_text(
      "№\tМероприятие\tСрок\tОтветственный\n"
      "1\t- начинается с дефиса: и двоеточие # решётка\t2024\tОО\n");
  ASSERT_TRUE(r.ok()) << all(r);
  std::string yaml = importer::render_yaml(r, i18n::Lang::ru);
  EXPECT_NE(yaml.find("measure: \"- начинается с дефиса: и двоеточие # решётка\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("deadline: \"2024\""), std::string::npos) << yaml;
}

}  // namespace
