// The `validate` and `show` commands through the real CLI frame: exit status, located messages,
// the summary line, the table's headings, widths and wrapping, Russian and English.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "load/text_checks.hpp"

using namespace roadmap;

namespace {

std::string fixture(const char* name) { return std::string(ROADMAP_SOURCE_DIR) + "/tests/load/fixtures/" + name; }

struct CliRun {
  int code = 0;
  std::string out, err;
};

CliRun run(std::vector<std::string> args) {
  args.insert(args.begin(), "roadmap");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  cli::Context ctx;
  ctx.out = &out;
  ctx.err = &err;
  CliRun r;
  r.code = cli::run(static_cast<int>(argv.size()), argv.data(), ctx);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// A bad plan written next to the build: unknown body and a missing deadline.
std::string bad_plan() {
  const std::string path = ::testing::TempDir() + "roadmap_cmd_bad.yaml";
  std::ofstream(path) << "format: 1\nplan:\n  id: x\n  title: T\n  owner: ОО\n  period: {years: [2023]}\n"
                         "  timezone: Europe/Moscow\nbodies:\n  - {id: ОО, name: школы}\nsections:\n"
                         "  - items:\n      - {number: \"1\", measure: m, responsible: [ОУ]}\n";
  return path;
}

}  // namespace

TEST(ValidateCommand, GoodFilesExitZeroWithSummary) {
  CliRun r = run({"validate", fixture("complete.yaml"), fixture("per_section.yaml")});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  // Other sections (the deadline readings) may come between; the summaries close each file.
  std::vector<std::string> summaries;
  for (const auto& l : lines(r.out))
    if (l.find(": ошибок ") != std::string::npos) summaries.push_back(l);
  EXPECT_EQ(summaries, (std::vector<std::string>{fixture("complete.yaml") + ": ошибок 0, предупреждений 0, пунктов 4",
                                                 fixture("per_section.yaml") + ": ошибок 0, предупреждений 0, пунктов 4"}));
  EXPECT_EQ(r.out.find("ошибка:"), std::string::npos) << r.out;
}

TEST(ValidateCommand, BadFileExitsOneAndNamesLineAndColumn) {
  const std::string bad = bad_plan();
  CliRun r = run({"validate", fixture("complete.yaml"), bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(fixture("complete.yaml") + ": ошибок 0, предупреждений 0, пунктов 4\n"), std::string::npos);
  EXPECT_NE(r.out.find(
            bad + ":12:9: ошибка: нет обязательного поля «deadline» [поле sections[1].items[1].deadline]\n"
            "    что сделать: добавьте поле «deadline» (см. plans/README.md)\n" +
            bad + ":12:49: ошибка: орган «ОУ» не объявлен в списке bodies [поле sections[1].items[1].responsible[1]]\n"
            "    что сделать: возможно, имелось в виду: ОО\n"
            "    что сделать: добавьте его в bodies (id, name, kind) или исправьте написание\n"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find(bad + ": ошибок 2, предупреждений 0, пунктов 1\n"), std::string::npos) << r.out;
  CliRun en = run({"--lang", "en", "validate", bad});
  EXPECT_EQ(en.code, 1);
  EXPECT_NE(en.out.find(bad + ":12:49: error: the body 'ОУ' is not declared in bodies"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find(bad + ": 2 errors, 0 warnings, 1 items\n"), std::string::npos) << en.out;
}

TEST(ValidateCommand, HelpAndMissingArgument) {
  CliRun help = run({"validate", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("проверить файлы планов"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("Пример: roadmap validate plans/*.yaml"), std::string::npos);
  CliRun none = run({"validate"});
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("не указан обязательный аргумент"), std::string::npos) << none.err;
}

TEST(ShowCommand, PrintsHeaderAndTableWithRussianHeadings) {
  ::setenv("COLUMNS", "100", 1);
  CliRun r = run({"show", fixture("complete.yaml")});
  ::unsetenv("COLUMNS");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto ls = lines(r.out);
  EXPECT_EQ(ls[0].rfind("ПЛАН МЕРОПРИЯТИЙ \"ДОРОЖНАЯ КАРТА\"", 0), 0u);
  EXPECT_NE(r.out.find("\nУтверждён: утверждено № 679-од от 20.09.2021; "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nПериод: 2021–2022 учебный год\n"), std::string::npos);
  EXPECT_NE(r.out.find("\nВладелец: ОИВ — министерство образования и науки Хабаровского края\n"), std::string::npos);
  EXPECT_NE(r.out.find("\nЧасовой пояс: Asia/Vladivostok\n"), std::string::npos);
  EXPECT_NE(r.out.find("\nРаздел 1. Мероприятия по обеспечению объективности проведения ВПР\n"), std::string::npos);
  // Headings, then every line within the terminal width, counted in characters.
  bool heading = false;
  for (const auto& l : ls) {
    if (l.rfind("№", 0) == 0) {
      heading = true;
      EXPECT_NE(l.find("│ Мероприятие"), std::string::npos);
      EXPECT_NE(l.find("│ Срок"), std::string::npos);
      EXPECT_NE(l.find("│ Ответственные"), std::string::npos);
      EXPECT_NE(l.find("│ Соисполнители"), std::string::npos);
    }
    EXPECT_LE(load::count_code_points(l), 100u) << l;
  }
  EXPECT_TRUE(heading);
  // The item row, and its sub-measures indented under it with their own deadlines.
  bool item = false, sub = false;
  for (const auto& l : ls) {
    if (l.rfind("1.3 ", 0) == 0) item = true;
    if (l.find("│ – присутствие специалистов") != std::string::npos && l.find("│ постоянно") != std::string::npos &&
        l.rfind("    │", 0) == 0)
      sub = true;
  }
  EXPECT_TRUE(item) << r.out;
  EXPECT_TRUE(sub) << r.out;
  EXPECT_NE(r.out.find("\nПунктов: 4\n"), std::string::npos);
}

TEST(ShowCommand, NarrowTerminalWrapsCellsWithoutCuttingWords) {
  ::setenv("COLUMNS", "70", 1);
  CliRun r = run({"--lang", "en", "show", fixture("per_section.yaml")});
  ::unsetenv("COLUMNS");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("No. │ Measure"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("│ Co-executors"), std::string::npos);
  EXPECT_NE(r.out.find("\nPeriod: year(s) 2023, 2024\n"), std::string::npos);
  EXPECT_NE(r.out.find("ежеквартально"), std::string::npos) << r.out;  // a word is never cut when it fits
  for (const auto& l : lines(r.out)) EXPECT_LE(load::count_code_points(l), 70u) << l;
  // "Отдел образования" does not fit its column: it wraps onto a second line of the same row.
  bool wrapped = false;
  const auto ls = lines(r.out);
  for (std::size_t i = 0; i + 1 < ls.size(); ++i)
    if (ls[i].find("│ Отдел") != std::string::npos && ls[i + 1].find("│ образования") != std::string::npos) wrapped = true;
  EXPECT_TRUE(wrapped) << r.out;
}

TEST(ShowCommand, PlanWithErrorsIsNotShown) {
  const std::string bad = bad_plan();
  CliRun r = run({"show", bad});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find(bad + ":12:49: ошибка: орган «ОУ»"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("содержит ошибки и не показан"), std::string::npos);
}
