// Bad input to the plan loader: each case gets its exact located message (file:line:column, the
// field, what to do) in Russian and in English; every error of a file comes out in one run; nothing
// is thrown, and a plan with errors is never returned.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <unistd.h>
#include <string>
#include <utility>

#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"

using namespace roadmap;

namespace {

// A small valid plan; each case edits it (line numbers in the expectations refer to it).
const std::string kBase =
    "format: 1\n"                                  // 1
    "plan:\n"                                      // 2
    "  id: test-plan\n"                            // 3
    "  title: План\n"                              // 4
    "  owner: ОО\n"                                // 5
    "  period:\n"                                  // 6
    "    school_year: 2021-2022\n"                 // 7
    "  timezone: Europe/Moscow\n"                  // 8
    "bodies:\n"                                    // 9
    "  - id: ОО\n"                                 // 10
    "    name: общеобразовательные организации\n"  // 11
    "    kind: schools\n"                          // 12
    "sections:\n"                                  // 13
    "  - title: Раздел\n"                          // 14
    "    items:\n"                                 // 15
    "      - number: \"1\"\n"                      // 16
    "        measure: Мероприятие\n"               // 17
    "        deadline: сентябрь\n"                 // 18
    "        responsible: [ОО]\n";                 // 19

std::string edit(std::initializer_list<std::pair<std::string, std::string>> replacements) {
  std::string t = kBase;
  for (const auto& [from, to] : replacements) {
    auto pos = t.find(from);
    EXPECT_NE(pos, std::string::npos) << "the base plan has no " << from;
    if (pos != std::string::npos) t.replace(pos, from.size(), to);
  }
  return t;
}

void expect_messages(const std::string& text, const std::string& ru, const std::string& en) {
  load::PlanLoad r = load::load_plan_text(text, "plan.yaml");
  EXPECT_EQ(diag::render_all(r.diagnostics, i18n::Lang::ru), ru);
  EXPECT_EQ(diag::render_all(r.diagnostics, i18n::Lang::en), en);
  // A plan comes back only when there are no errors.
  EXPECT_EQ(r.plan.has_value(), !r.diagnostics.has_errors());
}

std::set<std::string> keys(const diag::Diagnostics& ds) {
  std::set<std::string> out;
  for (const auto& d : ds.items()) out.insert(d.what.key);
  return out;
}

}  // namespace

TEST(LoaderBadInput, TheBasePlanIsValid) {
  load::PlanLoad r = load::load_plan_text(kBase, "plan.yaml");
  EXPECT_TRUE(r.ok()) << diag::render_all(r.diagnostics, i18n::Lang::en);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(LoaderBadInput, SyntaxErrorBadIndentation) {
  const std::string text = edit({{"  title: План", "   title: План"}});
  expect_messages(text,
      "plan.yaml:4:4: ошибка: неверный отступ: строка сдвинута не так, как поля того же уровня\n"
      "    что сделать: выровняйте поля одного уровня по одной колонке пробелами (вложенные — на 2 пробела правее)\n",
      "plan.yaml:4:4: error: bad indentation: this line is not aligned with the fields of its level\n"
      "    what to do: align the fields of one level at the same column with spaces (nested ones 2 spaces further right)\n");
}

TEST(LoaderBadInput, SyntaxErrorUnclosedQuote) {
  const std::string text = edit({{"  title: План", "  title: \"План"}});
  expect_messages(text,
      "plan.yaml:4:10: ошибка: не закрыта кавычка \"\n"
      "    что сделать: поставьте закрывающую кавычку в конце значения; кавычку внутри текста удвойте ('') или замените на «ёлочки»\n",
      "plan.yaml:4:10: error: the quote \" is not closed\n"
      "    what to do: put the closing quote at the end of the value; double a quote inside the text ('') or use «guillemets»\n");
}

TEST(LoaderBadInput, SyntaxErrorTabInIndentation) {
  const std::string text = edit({{"  title: План", "\ttitle: План"}});
  expect_messages(text,
      "plan.yaml:4:1: ошибка: символ табуляции в отступе\n"
      "    что сделать: в отступах YAML допускаются только пробелы: замените табуляцию пробелами\n",
      "plan.yaml:4:1: error: a tab character in the indentation\n"
      "    what to do: YAML allows only spaces in indentation: replace the tab with spaces\n");
}

TEST(LoaderBadInput, SyntaxErrorColonInPlainValue) {
  const std::string text = edit({{"  title: План", "  title: План: мероприятия"}});
  expect_messages(text,
      "plan.yaml:4:14: ошибка: двоеточие в неожиданном месте\n"
      "    что сделать: если в тексте есть «: », заключите значение в кавычки; иначе проверьте отступ строки\n",
      "plan.yaml:4:14: error: a colon where none is expected\n"
      "    what to do: if the text contains ': ', put the value in quotes; otherwise check the line's indentation\n");
}

TEST(LoaderBadInput, SyntaxErrorUnclosedBracket) {
  const std::string text = edit({{"responsible: [ОО]", "responsible: [ОО"}});
  expect_messages(text,
      "plan.yaml:20:1: ошибка: не закрыта скобка «[»\n"
      "    что сделать: закройте скобку в конце списка или набора полей\n",
      "plan.yaml:20:1: error: the bracket '[' is not closed\n"
      "    what to do: close the bracket at the end of the list or mapping\n");
}

TEST(LoaderBadInput, UnknownKeySuggestsTheClosestAllowedKey) {
  const std::string text = edit({{"        deadline: сентябрь", "        deadlne: сентябрь"}});
  expect_messages(text,
      "plan.yaml:16:9: ошибка: нет обязательного поля «deadline» [поле sections[1].items[1].deadline]\n"
      "    что сделать: добавьте поле «deadline» (см. plans/README.md)\n"
      "plan.yaml:18:9: ошибка: неизвестное поле «deadlne» [поле sections[1].items[1].deadlne]\n"
      "    что сделать: возможно, имелось в виду: deadline\n",
      "plan.yaml:16:9: error: the required field 'deadline' is missing [field sections[1].items[1].deadline]\n"
      "    what to do: add the field 'deadline' (see plans/README.md)\n"
      "plan.yaml:18:9: error: unknown field 'deadlne' [field sections[1].items[1].deadlne]\n"
      "    what to do: did you mean: deadline\n");
}

TEST(LoaderBadInput, MissingRequiredField) {
  const std::string text = edit({{"  timezone: Europe/Moscow\n", ""}});
  expect_messages(text,
      "plan.yaml:3:3: ошибка: нет обязательного поля «timezone» [поле plan.timezone]\n"
      "    что сделать: добавьте поле «timezone» (см. plans/README.md)\n",
      "plan.yaml:3:3: error: the required field 'timezone' is missing [field plan.timezone]\n"
      "    what to do: add the field 'timezone' (see plans/README.md)\n");
}

TEST(LoaderBadInput, WrongTypeMappingWhereTextExpected) {
  const std::string text = edit({{"  title: План", "  title: {a: 1}"}});
  expect_messages(text,
      "plan.yaml:4:10: ошибка: поле «title» должно быть текстом [поле plan.title]\n"
      "    что сделать: здесь записан набор полей «ключ: значение»; если это текст с двоеточием, заключите его в кавычки\n",
      "plan.yaml:4:10: error: the field 'title' must be text [field plan.title]\n"
      "    what to do: a 'key: value' mapping is written here; if it is text with a colon, put it in quotes\n");
}

TEST(LoaderBadInput, WrongTypeListWhereTextExpected) {
  const std::string text = edit({{"  title: План", "  title: [План]"}});
  expect_messages(text,
      "plan.yaml:4:10: ошибка: поле «title» должно быть текстом [поле plan.title]\n"
      "    что сделать: здесь записан список; запишите одно значение или объедините элементы в один текст\n",
      "plan.yaml:4:10: error: the field 'title' must be text [field plan.title]\n"
      "    what to do: a list is written here; write a single value or join the entries into one text\n");
}

TEST(LoaderBadInput, WrongTypeNumberWhereListExpected) {
  const std::string text = edit({{"responsible: [ОО]", "responsible: 5"}});
  expect_messages(text,
      "plan.yaml:19:22: ошибка: поле «responsible» должно быть списком [поле sections[1].items[1].responsible]\n"
      "    что сделать: здесь записано одно значение; запишите список: [5] или строками, начинающимися с «- »\n",
      "plan.yaml:19:22: error: the field 'responsible' must be a list [field sections[1].items[1].responsible]\n"
      "    what to do: a single value is written here; write a list: [5] or lines starting with '- '\n");
}

TEST(LoaderBadInput, DuplicateKey) {
  const std::string text = edit({{"  owner: ОО\n", "  owner: ОО\n  owner: ОО\n"}});
  expect_messages(text,
      "plan.yaml:6:3: ошибка: поле «owner» записано повторно (первый раз в строке 5) [поле plan.owner]\n"
      "    что сделать: оставьте одно из двух значений\n",
      "plan.yaml:6:3: error: the field 'owner' is written again (first on line 5) [field plan.owner]\n"
      "    what to do: keep one of the two values\n");
}

TEST(LoaderBadInput, DuplicateItemNumberInPlan) {
  const std::string text = edit({}) + "      - number: \"1\"\n        measure: Второе\n        deadline: октябрь\n        responsible: [ОО]\n";
  expect_messages(text,
      "plan.yaml:20:17: ошибка: номер пункта «1» уже занят (строка 16) [поле sections[1].items[2].number]\n"
      "    что сделать: исправьте номер; если в каждом разделе своя нумерация, укажите в plan numbering: per_section\n",
      "plan.yaml:20:17: error: the item number '1' is already taken (line 16) [field sections[1].items[2].number]\n"
      "    what to do: correct the number; if every section numbers its items anew, write numbering: per_section in plan\n");
}

TEST(LoaderBadInput, DuplicateItemNumberInSection) {
  const std::string text = edit({{"  timezone: Europe/Moscow\n", "  timezone: Europe/Moscow\n  numbering: per_section\n"}}) + "      - number: \"1\"\n        measure: Второе\n        deadline: октябрь\n        responsible: [ОО]\n";
  expect_messages(text,
      "plan.yaml:21:17: ошибка: номер пункта «1» уже занят в этом разделе (строка 17) [поле sections[1].items[2].number]\n"
      "    что сделать: исправьте номер пункта\n",
      "plan.yaml:21:17: error: the item number '1' is already taken in this section (line 17) [field sections[1].items[2].number]\n"
      "    what to do: correct the item number\n");
}

TEST(LoaderBadInput, ReferenceToMissingItem) {
  const std::string text = edit({}) + "        refs: [\"2\"]\n";
  expect_messages(text,
      "plan.yaml:20:16: ошибка: ссылка на несуществующий пункт «2» [поле sections[1].items[1].refs[1]]\n"
      "    что сделать: возможно, имелось в виду: 1\n"
      "    что сделать: укажите номер существующего пункта; при numbering: per_section пункт другого раздела пишется как «раздел:пункт», например 2:3\n",
      "plan.yaml:20:16: error: a reference to a missing item '2' [field sections[1].items[1].refs[1]]\n"
      "    what to do: did you mean: 1\n"
      "    what to do: give the number of an existing item; with numbering: per_section an item of another section is written 'section:item', e.g. 2:3\n");
}

TEST(LoaderBadInput, BindingToMissingItem) {
  const std::string text = edit({}) + "        bindings:\n          - anchor: после анализа\n            item: \"3.1\"\n";
  expect_messages(text,
      "plan.yaml:22:19: ошибка: ссылка на несуществующий пункт «3.1» [поле sections[1].items[1].bindings[1].item]\n"
      "    что сделать: укажите номер существующего пункта; при numbering: per_section пункт другого раздела пишется как «раздел:пункт», например 2:3\n",
      "plan.yaml:22:19: error: a reference to a missing item '3.1' [field sections[1].items[1].bindings[1].item]\n"
      "    what to do: give the number of an existing item; with numbering: per_section an item of another section is written 'section:item', e.g. 2:3\n");
}

TEST(LoaderBadInput, UnknownBodySuggestsDeclaredOne) {
  const std::string text = edit({{"responsible: [ОО]", "responsible: [ОУ]"}});
  expect_messages(text,
      "plan.yaml:19:23: ошибка: орган «ОУ» не объявлен в списке bodies [поле sections[1].items[1].responsible[1]]\n"
      "    что сделать: возможно, имелось в виду: ОО\n"
      "    что сделать: добавьте его в bodies (id, name, kind) или исправьте написание\n",
      "plan.yaml:19:23: error: the body 'ОУ' is not declared in bodies [field sections[1].items[1].responsible[1]]\n"
      "    what to do: did you mean: ОО\n"
      "    what to do: add it to bodies (id, name, kind) or correct the spelling\n");
}

TEST(LoaderBadInput, DuplicateBodyAlias) {
  const std::string text = edit({{"sections:", "  - id: МКУ УО\n    name: управление образования\n    aliases: [ОО]\nsections:"}});
  expect_messages(text,
      "plan.yaml:15:15: ошибка: «ОО» уже объявлен (строка 10) [поле bodies[2].aliases[1]]\n"
      "    что сделать: у каждого органа свой id; одинаковые написания объедините в aliases одного органа\n",
      "plan.yaml:15:15: error: 'ОО' is already declared (line 10) [field bodies[2].aliases[1]]\n"
      "    what to do: every body has its own id; put spellings of the same body into the aliases of one body\n");
}

TEST(LoaderBadInput, UnknownTimeZone) {
  const std::string text = edit({{"Europe/Moscow", "Europe/Moskow"}});
  expect_messages(text,
      "plan.yaml:8:13: ошибка: неизвестный часовой пояс «Europe/Moskow» [поле plan.timezone]\n"
      "    что сделать: возможно, имелось в виду: Europe/Moscow\n"
      "    что сделать: укажите зону IANA, например Europe/Moscow, Asia/Yekaterinburg или Asia/Vladivostok\n",
      "plan.yaml:8:13: error: unknown time zone 'Europe/Moskow' [field plan.timezone]\n"
      "    what to do: did you mean: Europe/Moscow\n"
      "    what to do: use an IANA zone, e.g. Europe/Moscow, Asia/Yekaterinburg or Asia/Vladivostok\n");
}

TEST(LoaderBadInput, MalformedSchoolYear) {
  const std::string text = edit({{"2021-2022", "2021-2023"}});
  expect_messages(text,
      "plan.yaml:7:18: ошибка: учебный год «2021-2023» записан неверно [поле plan.period.school_year]\n"
      "    что сделать: запишите два года подряд через дефис, например 2021-2022\n",
      "plan.yaml:7:18: error: the school year '2021-2023' is malformed [field plan.period.school_year]\n"
      "    what to do: write two consecutive years with a hyphen, e.g. 2021-2022\n");
}

TEST(LoaderBadInput, PeriodWithTwoForms) {
  const std::string text = edit({{"    school_year: 2021-2022\n", "    school_year: 2021-2022\n    years: [2021]\n"}});
  expect_messages(text,
      "plan.yaml:7:5: ошибка: период задаётся ровно одним способом: school_year, years или from и to [поле plan.period]\n"
      "    что сделать: оставьте один из способов, например school_year: 2021-2022\n",
      "plan.yaml:7:5: error: a period takes exactly one form: school_year, years, or from and to [field plan.period]\n"
      "    what to do: keep one of the forms, e.g. school_year: 2021-2022\n");
}

TEST(LoaderBadInput, PeriodYearsOutOfOrder) {
  const std::string text = edit({{"    school_year: 2021-2022\n", "    years: [2024, 2023]\n"}});
  expect_messages(text,
      "plan.yaml:7:12: ошибка: годы периода должны идти по возрастанию без повторов: 2024, 2023 [поле plan.period.years]\n"
      "    что сделать: запишите годы по порядку, например [2023, 2024]\n",
      "plan.yaml:7:12: error: the years of a period must ascend without repeats: 2024, 2023 [field plan.period.years]\n"
      "    what to do: list the years in order, e.g. [2023, 2024]\n");
}

TEST(LoaderBadInput, PeriodWithOneBound) {
  const std::string text = edit({{"    school_year: 2021-2022\n", "    from: 2021-01-01\n"}});
  expect_messages(text,
      "plan.yaml:7:5: ошибка: у периода должны быть обе границы: from и to [поле plan.period]\n"
      "    что сделать: добавьте недостающую границу, например to: 2020-12-31\n",
      "plan.yaml:7:5: error: a period needs both bounds: from and to [field plan.period]\n"
      "    what to do: add the missing bound, e.g. to: 2020-12-31\n");
}

TEST(LoaderBadInput, InvalidCalendarDate) {
  const std::string text = edit({{"  timezone:", "  approved:\n    date: 2021-02-30\n  timezone:"}});
  expect_messages(text,
      "plan.yaml:9:11: ошибка: даты 2021-02-30 нет в календаре [поле plan.approved.date]\n"
      "    что сделать: проверьте день и месяц\n",
      "plan.yaml:9:11: error: there is no such day as 2021-02-30 [field plan.approved.date]\n"
      "    what to do: check the day and the month\n");
}

TEST(LoaderBadInput, DateNotInIsoForm) {
  const std::string text = edit({{"  timezone:", "  approved:\n    date: 20.09.2021\n  timezone:"}});
  expect_messages(text,
      "plan.yaml:9:11: ошибка: «20.09.2021» — не дата [поле plan.approved.date]\n"
      "    что сделать: запишите дату в виде ГГГГ-ММ-ДД, например 2021-09-20\n",
      "plan.yaml:9:11: error: '20.09.2021' is not a date [field plan.approved.date]\n"
      "    what to do: write the date as YYYY-MM-DD, e.g. 2021-09-20\n");
}

TEST(LoaderBadInput, BadPlanId) {
  const std::string text = edit({{"test-plan", "Test_Plan"}});
  expect_messages(text,
      "plan.yaml:3:7: ошибка: недопустимый идентификатор плана «Test_Plan» [поле plan.id]\n"
      "    что сделать: только строчные латинские буквы, цифры и дефисы, без дефиса в начале и в конце, например khabarovsk-vpr-2021\n",
      "plan.yaml:3:7: error: invalid plan id 'Test_Plan' [field plan.id]\n"
      "    what to do: only lower-case Latin letters, digits and hyphens, no hyphen at either end, e.g. khabarovsk-vpr-2021\n");
}

TEST(LoaderBadInput, UnknownFormatVersion) {
  const std::string text = edit({{"format: 1", "format: 2"}});
  expect_messages(text,
      "plan.yaml:1:9: ошибка: неизвестная версия формата «2» [поле format]\n"
      "    что сделать: укажите format: 1\n",
      "plan.yaml:1:9: error: unknown format version '2' [field format]\n"
      "    what to do: write format: 1\n");
}

TEST(LoaderBadInput, UnknownBodyKind) {
  const std::string text = edit({{"kind: schools", "kind: school"}});
  expect_messages(text,
      "plan.yaml:12:11: ошибка: недопустимое значение «school» поля «kind» [поле bodies[1].kind]\n"
      "    что сделать: возможно, имелось в виду: schools\n"
      "    что сделать: допустимые значения: authority, methodical, institute, schools, school_group, school_unit, other\n",
      "plan.yaml:12:11: error: invalid value 'school' of the field 'kind' [field bodies[1].kind]\n"
      "    what to do: did you mean: schools\n"
      "    what to do: allowed values: authority, methodical, institute, schools, school_group, school_unit, other\n");
}

TEST(LoaderBadInput, EmptySectionList) {
  const std::string text = edit({{"sections:\n  - title: Раздел\n    items:\n      - number: \"1\"\n        measure: Мероприятие\n        deadline: сентябрь\n        responsible: [ОО]\n", "sections: []\n"}});
  expect_messages(text,
      "plan.yaml:13:11: ошибка: список «sections» пуст [поле sections]\n"
      "    что сделать: добавьте хотя бы один элемент\n",
      "plan.yaml:13:11: error: the list 'sections' is empty [field sections]\n"
      "    what to do: add at least one entry\n");
}

TEST(LoaderBadInput, SeveralDocuments) {
  const std::string text = edit({}) + "---\nformat: 1\n";
  expect_messages(text,
      "plan.yaml:21:1: ошибка: в файле несколько документов YAML (разделитель ---)\n"
      "    что сделать: оставьте в файле один план, остальные вынесите в отдельные файлы\n",
      "plan.yaml:21:1: error: the file holds several YAML documents (separator ---)\n"
      "    what to do: keep one plan a file and move the others to files of their own\n");
}

TEST(LoaderBadInput, EmptyDeadlineWithoutSubMeasuresIsAWarning) {
  const std::string text = edit({{"deadline: сентябрь", "deadline: \"\""}});
  expect_messages(text,
      "plan.yaml:18:19: предупреждение: у пункта «1» пустой срок, а не у всех подмероприятий есть свой [поле sections[1].items[1].deadline]\n"
      "    что сделать: впишите срок из документа дословно, в пункт или в каждое подмероприятие\n",
      "plan.yaml:18:19: warning: item '1' has an empty deadline and not every sub-measure has its own [field sections[1].items[1].deadline]\n"
      "    what to do: copy the deadline from the document verbatim, into the item or into every sub-measure\n");
}

TEST(LoaderBadInput, InvalidUtf8NamesEveryBadByte) {
  // "План" in Windows-1251: four bytes, none of them valid UTF-8 here.
  const std::string text = edit({{"  title: План", "  title: \xCF\xEB\xE0\xED"}});
  load::PlanLoad r = load::load_plan_text(text, "plan.yaml");
  EXPECT_FALSE(r.plan);
  EXPECT_EQ(diag::render_all(r.diagnostics, i18n::Lang::ru),
            "plan.yaml:4:10: ошибка: недопустимый байт 0xCF — файл не в кодировке UTF-8\n"
            "    что сделать: сохраните файл в UTF-8 (из Windows-1251: iconv -f cp1251 -t utf-8 ФАЙЛ)\n"
            "plan.yaml:4:11: ошибка: недопустимый байт 0xEB — файл не в кодировке UTF-8\n"
            "    что сделать: сохраните файл в UTF-8 (из Windows-1251: iconv -f cp1251 -t utf-8 ФАЙЛ)\n"
            "plan.yaml:4:12: ошибка: недопустимый байт 0xE0 — файл не в кодировке UTF-8\n"
            "    что сделать: сохраните файл в UTF-8 (из Windows-1251: iconv -f cp1251 -t utf-8 ФАЙЛ)\n"
            "plan.yaml:4:13: ошибка: недопустимый байт 0xED — файл не в кодировке UTF-8\n"
            "    что сделать: сохраните файл в UTF-8 (из Windows-1251: iconv -f cp1251 -t utf-8 ФАЙЛ)\n");
  const std::string en = diag::render_all(r.diagnostics, i18n::Lang::en);
  EXPECT_EQ(en.substr(0, en.find('\n') + 1), "plan.yaml:4:10: error: invalid byte 0xCF: the file is not UTF-8\n");
  EXPECT_NE(en.find("    what to do: save the file as UTF-8 (from Windows-1251: iconv -f cp1251 -t utf-8 FILE)\n"),
            std::string::npos);
}

TEST(LoaderBadInput, ColumnsCountCharactersNotBytes) {
  // Cyrillic letters take two bytes each; the column of the unknown body is in characters.
  const std::string text = edit({{"responsible: [ОО]", "responsible: [ОО, Отдел]"}});
  load::PlanLoad r = load::load_plan_text(text, "plan.yaml");
  ASSERT_EQ(r.diagnostics.error_count(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].where.line, 19);
  EXPECT_EQ(r.diagnostics.items()[0].where.column, 27);
}

TEST(LoaderBadInput, EmptyFile) {
  const std::string ru =
      "plan.yaml: ошибка: файл пуст\n"
      "    что сделать: напишите план по образцу из plans/README.md (поля format, plan, bodies, sections)\n";
  const std::string en =
      "plan.yaml: error: the file is empty\n"
      "    what to do: write the plan following plans/README.md (fields format, plan, bodies, sections)\n";
  expect_messages("", ru, en);
  expect_messages("  \n\n", ru, en);                // only blanks
  expect_messages("# a comment only\n", ru, en);    // YAML with no document
  expect_messages("\xEF\xBB\xBF\n", ru, en);        // a byte-order mark and nothing else
}

TEST(LoaderBadInput, TopLevelIsNotAMapping) {
  expect_messages("- a\n- b\n",
                  "plan.yaml:1:1: ошибка: план должен быть набором полей «ключ: значение» верхнего уровня\n"
                  "    что сделать: начните файл с format: 1 и plan:, как в plans/README.md\n",
                  "plan.yaml:1:1: error: a plan must be a mapping of top-level 'key: value' fields\n"
                  "    what to do: start the file with format: 1 and plan:, as in plans/README.md\n");
}

TEST(LoaderBadInput, TextOverTheSizeLimit) {
  load::LoadOptions small;
  small.max_bytes = 100;
  load::PlanLoad r = load::load_plan_text(kBase, "plan.yaml", small);
  EXPECT_FALSE(r.plan);
  EXPECT_EQ(diag::render_all(r.diagnostics, i18n::Lang::ru),
            "plan.yaml: ошибка: файл слишком большой: " + std::to_string(kBase.size()) +
                " байт, предел 100 байт\n"
                "    что сделать: план занимает несколько килобайт: проверьте, что указан нужный файл\n");
}

TEST(LoaderBadInput, HundredMegabyteFileIsRefusedBySize) {
  // A sparse file: 100 MB on paper, nothing on disk. The loader must refuse it by its size.
  const auto dir = std::filesystem::temp_directory_path() / ("roadmap_load_big_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "big.yaml";
  { std::ofstream(path) << "format: 1\n"; }
  std::filesystem::resize_file(path, 100u << 20);
  load::PlanLoad r = load::load_plan_file(path.string());
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(r.plan);
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  EXPECT_EQ(diag::render_all(r.diagnostics, i18n::Lang::en),
            path.string() + ": error: the file is too big: 104857600 bytes, the limit is 16777216 bytes\n"
            "    what to do: a plan takes a few kilobytes: check that this is the right file\n");
  EXPECT_EQ(diag::render_all(r.diagnostics, i18n::Lang::ru),
            path.string() + ": ошибка: файл слишком большой: 104857600 байт, предел 16777216 байт\n"
            "    что сделать: план занимает несколько килобайт: проверьте, что указан нужный файл\n");
}

TEST(LoaderBadInput, MissingFile) {
  load::PlanLoad r = load::load_plan_file("/nonexistent/dir/plan.yaml");
  EXPECT_FALSE(r.plan);
  EXPECT_EQ(diag::render_all(r.diagnostics, i18n::Lang::ru),
            "/nonexistent/dir/plan.yaml: ошибка: файл не найден: /nonexistent/dir/plan.yaml\n"
            "    что сделать: проверьте путь к файлу и права на чтение\n");
}

TEST(LoaderBadInput, EveryErrorOfAFileInOneRun) {
  const std::string text = edit({
      {"test-plan", "Test_Plan"},                                 // bad plan id
      {"  title: План", "  title: {a: 1}"},                       // wrong type
      {"Europe/Moscow", "Europe/Moskow"},                         // unknown time zone
      {"2021-2022", "2021-2023"},                                 // malformed period
      {"kind: schools", "kind: school"},                          // unknown body kind
      {"        deadline: сентябрь", "        deadlne: сентябрь"},  // unknown key + missing deadline
      {"responsible: [ОО]", "responsible: [ОУ]\n        refs: [\"7\"]"},  // unknown body, missing item
  }) + "      - number: \"1\"\n        measure: Второе\n        deadline: май\n        responsible: [ОО]\n";  // duplicate
  load::PlanLoad r = load::load_plan_text(text, "plan.yaml");
  EXPECT_FALSE(r.plan);
  EXPECT_EQ(r.diagnostics.error_count(), 10u) << diag::render_all(r.diagnostics, i18n::Lang::en);
  EXPECT_EQ(keys(r.diagnostics),
            (std::set<std::string>{"load.err.plan_id", "load.err.want_string", "load.err.timezone",
                                   "load.err.school_year", "load.err.enum", "load.err.unknown_key",
                                   "load.err.missing", "load.err.unknown_body", "load.err.missing_item",
                                   "load.err.duplicate_item"}));
  // In file order.
  int line = 0;
  for (const auto& d : r.diagnostics.items()) {
    EXPECT_GE(d.where.line, line);
    line = d.where.line;
  }
  EXPECT_EQ(r.items_read, 2u);
}

TEST(LoaderBadInput, GarbageNeverThrows) {
  const char* inputs[] = {"{", "[", ":", "- - - -", "&a [*a]", "*x", "plan: *nowhere", "? [a]: b",
                          "format: !!binary xyz", "sections: [[[[[[[[[[]]]]]]]]]]", "\"", "'",
                          "plan:\n  period: {school_year: [1]}\n", "%YAML 9.9\n---\na: 1\n",
                          "sections:\n  - items:\n      - {number: [1], refs: {a: b}, bindings: [1, {}]}\n"};
  for (const char* in : inputs) {
    load::PlanLoad r;
    EXPECT_NO_THROW(r = load::load_plan_text(in, "plan.yaml")) << in;
    EXPECT_TRUE(r.diagnostics.has_errors()) << in;
    EXPECT_FALSE(r.plan) << in;
    for (const auto& d : r.diagnostics.items()) {
      EXPECT_TRUE(i18n::has(d.what.key)) << d.what.key;
      EXPECT_FALSE(d.hints.empty() && d.what.key != "load.err.utf8_more") << d.what.key << " has no hint";
    }
  }
}

TEST(LoaderBadInput, AliasBombIsStoppedByTheNodeBudget) {
  // 1000 sections x 1000 items x 1000 sub-measures if the aliases were expanded: 10^9 nodes from
  // a 20 KB file. The loader stops at its node budget and says so.
  auto thousand = [](const std::string& alias) {
    std::string s = "[";
    for (int k = 0; k < 1000; ++k) s += (k ? ", *" : "*") + alias;
    return s + "]";
  };
  std::string text = kBase.substr(0, kBase.find("sections:"));
  text += "anchors:\n  - &sub {measure: m, deadline: d}\n  - &subs " + thousand("sub") +
          "\n  - &item {number: \"1\", measure: m, deadline: d, responsible: [ОО], sub_measures: *subs}\n"
          "  - &items " + thousand("item") + "\n  - &sec {title: t, items: *items}\n";
  text += "sections: " + thousand("sec") + "\n";
  load::PlanLoad r = load::load_plan_text(text, "plan.yaml");
  EXPECT_FALSE(r.plan);
  EXPECT_TRUE(keys(r.diagnostics).count("load.err.too_complex"));
  EXPECT_EQ(diag::render_all(r.diagnostics, i18n::Lang::en).substr(0, 94),
            "plan.yaml: error: YAML aliases (*anchor) expand into a document that is too big\n"
            "    what to do");
}
