// The organisation directory loader: a good file gives the directory with its look-ups; each bad
// input is reported with file, line, column and what to do, in Russian and English, every problem
// in one run, and a file with errors gives no directory.
#include <gtest/gtest.h>

#include <string>

#include "i18n/catalogue.hpp"
#include "load/directory_loader.hpp"

using namespace roadmap;

namespace {

const char* kGood = R"(format: 1
directory:
  id: test
  territory: Тестовый округ
  timezone: Europe/Moscow
bodies:
  - id: МКУ УО
    name: муниципальное казённое учреждение «Управление образования»
    kind: authority
    aliases: [МОУО, Управление образования]
    head: ivanova
  - id: ОО
    name: общеобразовательные организации
    kind: schools
schools:
  - id: sosh-1
    short_name: МКОУ СОШ №1
    aliases: [школа №1]
    body: МОУО
    director: petrov
  - id: sosh-2
    short_name: МКОУ СОШ №2
    timezone: Asia/Yekaterinburg
groups:
  - id: biased
    name: ОО с признаками необъективности
    members:
      - МКОУ СОШ №1
      - {school: sosh-2, from: 2024-02-01, to: 2024-08-31}
people:
  - {id: ivanova, name: Иванова И. И., email: i.ivanova@example.ru, role: coordinator, body: Управление образования}
  - {id: petrov, name: Петров П. П., email: p.petrov@example.ru, role: head, school: школа №1, language: en}
)";

// Replaces the first occurrence of `from` (which must be there).
std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::vector<diag::Diagnostic> with_key(const diag::Diagnostics& ds, const std::string& key) {
  std::vector<diag::Diagnostic> out;
  for (const auto& d : ds.items())
    if (d.what.key == key) out.push_back(d);
  return out;
}

// The one error of a changed file, checked for its key and place.
diag::Diagnostic only_error(const std::string& text, const std::string& key, int line, int column) {
  auto load = load::load_directory_text(text, "dir.yaml");
  EXPECT_FALSE(load.directory.has_value());
  EXPECT_EQ(load.diagnostics.error_count(), 1u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  auto found = with_key(load.diagnostics, key);
  EXPECT_EQ(found.size(), 1u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  if (found.empty()) return {};
  EXPECT_EQ(found[0].where.file, "dir.yaml");
  EXPECT_EQ(found[0].where.line, line) << key;
  EXPECT_EQ(found[0].where.column, column) << key;
  EXPECT_FALSE(found[0].hints.empty()) << key;
  EXPECT_TRUE(i18n::has(key));
  return found[0];
}

std::string hints_en(const diag::Diagnostic& d) {
  std::string out;
  for (const auto& h : d.hints) out += i18n::format(i18n::Lang::en, h.key, h.args) + "\n";
  return out;
}

}  // namespace

TEST(DirectoryLoad, AGoodFileLoadsWithResolvedReferences) {
  auto load = load::load_directory_text(kGood, "dir.yaml");
  ASSERT_TRUE(load.ok()) << diag::render_all(load.diagnostics, i18n::Lang::en);
  EXPECT_TRUE(load.diagnostics.empty());
  const model::Directory& d = *load.directory;
  EXPECT_EQ(d.id, "test");
  EXPECT_EQ(d.source_file, "dir.yaml");
  ASSERT_EQ(d.bodies.size(), 2u);
  EXPECT_EQ(d.bodies[0].short_name, "МКУ УО");  // defaults to the id
  EXPECT_EQ(d.bodies[0].kind, model::BodyKind::authority);
  EXPECT_EQ(d.bodies[1].kind, model::BodyKind::schools);
  // References written by alias are stored as ids.
  EXPECT_EQ(d.schools[0].body, "МКУ УО");
  EXPECT_EQ(d.people[0].body, "МКУ УО");
  EXPECT_EQ(d.people[1].school, "sosh-1");
  EXPECT_EQ(d.people[1].role, model::Role::head);
  EXPECT_EQ(d.people[1].language, "en");
  EXPECT_EQ(d.people[0].language, "ru");
  // Look-ups: every name, any case and spacing; one namespace for bodies, schools and groups.
  EXPECT_EQ(d.resolve("моуо").kind, model::NameRef::Kind::body);
  EXPECT_EQ(d.resolve("  управление   ОБРАЗОВАНИЯ ").kind, model::NameRef::Kind::body);
  EXPECT_EQ(d.resolve("ШКОЛА № 1").kind, model::NameRef::Kind::school);
  EXPECT_EQ(d.resolve("ОО с признаками необъективности").kind, model::NameRef::Kind::group);
  EXPECT_FALSE(d.resolve("МКОУ СОШ №3"));
  EXPECT_EQ(d.find_school("МКОУ СОШ №2")->timezone, "Asia/Yekaterinburg");
  EXPECT_EQ(d.schools_of_body("МКУ УО").size(), 1u);
  EXPECT_EQ(d.people_of("sosh-1").size(), 1u);
  // Group membership by date: sosh-2 only from 1 February to 31 August 2024.
  const model::SchoolGroup* g = d.find_group("biased");
  ASSERT_NE(g, nullptr);
  using namespace std::chrono;
  EXPECT_EQ(g->members_on(year{2024} / January / 31), (std::vector<std::string>{"sosh-1"}));
  EXPECT_EQ(g->members_on(year{2024} / February / 1), (std::vector<std::string>{"sosh-1", "sosh-2"}));
  EXPECT_EQ(g->members_on(year{2024} / August / 31).size(), 2u);
  EXPECT_EQ(g->members_on(year{2024} / September / 1), (std::vector<std::string>{"sosh-1"}));
}

TEST(DirectoryLoad, UnknownKeySuggestsTheRightOne) {
  auto load = load::load_directory_text(replace(kGood, "    short_name: МКОУ СОШ №2", "    shortname: МКОУ СОШ №2"), "dir.yaml");
  EXPECT_FALSE(load.directory.has_value());
  // The unknown key with its suggestion, and the short_name it leaves missing: two errors, both located.
  EXPECT_EQ(load.diagnostics.error_count(), 2u);
  auto unknown = with_key(load.diagnostics, "load.err.unknown_key");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].where.line, 22);
  EXPECT_EQ(unknown[0].where.column, 5);
  EXPECT_EQ(unknown[0].where.field, "schools[2].shortname");
  EXPECT_NE(hints_en(unknown[0]).find("did you mean: short_name"), std::string::npos) << hints_en(unknown[0]);
  auto missing = with_key(load.diagnostics, "load.err.missing");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].where.line, 21);
}

TEST(DirectoryLoad, DuplicateIdsAndAliases) {
  // An alias of a school that is the name of a body.
  auto d = only_error(replace(kGood, "aliases: [школа №1]", "aliases: [школа №1, моуо]"), "dir.err.duplicate_name", 18, 25);
  EXPECT_EQ(d.what.args, (std::vector<std::string>{"моуо", "10"}));
  // A group named like a body, in other case.
  auto g = only_error(replace(kGood, "  - id: biased\n", "  - id: оо\n"), "dir.err.duplicate_name", 25, 9);
  EXPECT_EQ(g.what.args, (std::vector<std::string>{"оо", "12"}));
  // A person's id twice.
  only_error(replace(kGood, "people:\n", "people:\n  - {id: petrov, name: X, email: x@example.ru, role: viewer, body: ОО}\n"),
             "dir.err.duplicate_person", 33, 10);
  // An own alias that repeats the own id is harmless.
  auto load = load::load_directory_text(replace(kGood, "aliases: [школа №1]", "aliases: [школа №1, МКОУ  СОШ №1]"), "dir.yaml");
  EXPECT_TRUE(load.ok()) << diag::render_all(load.diagnostics, i18n::Lang::en);
}

TEST(DirectoryLoad, EmailSyntax) {
  for (const char* bad : {"i.ivanova", "i.ivanova@example", "i ivanova@example.ru", "и.иванова@example.ru",
                          ".ivanova@example.ru", "i..ivanova@example.ru", "i@-example.ru", "i@example.r"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(load::valid_email(bad));
    const std::string text = replace(kGood, "email: i.ivanova@example.ru", std::string("email: \"") + bad + "\"");
    auto d = only_error(text, "dir.err.email", 31, 47);
    EXPECT_NE(diag::render(d, i18n::Lang::ru).find("не адрес электронной почты"), std::string::npos);
  }
  for (const char* good : {"i.ivanova@example.ru", "school-1+vpr@mail.example.org", "A_B@EXAMPLE.RU"}) {
    EXPECT_TRUE(load::valid_email(good)) << good;
  }
  // The same address twice (in another case) is two people sharing one mailbox.
  only_error(replace(kGood, "p.petrov@example.ru", "I.Ivanova@example.ru"), "dir.err.duplicate_email", 32, 45);
}

TEST(DirectoryLoad, UnknownTimeZoneWithSuggestion) {
  auto d = only_error(replace(kGood, "timezone: Asia/Yekaterinburg", "timezone: Asia/Yekaterinbrg"), "load.err.timezone", 23, 15);
  EXPECT_NE(hints_en(d).find("Asia/Yekaterinburg"), std::string::npos) << hints_en(d);
  only_error(replace(kGood, "timezone: Europe/Moscow", "timezone: MSK+3"), "load.err.timezone", 5, 13);
}

TEST(DirectoryLoad, GroupMemberThatIsNotASchool) {
  auto d = only_error(replace(kGood, "      - МКОУ СОШ №1\n", "      - МОУО\n"), "dir.err.not_a_school", 28, 9);
  EXPECT_EQ(d.hints[0].key, "dir.hint.is_body");
  auto g = only_error(replace(kGood, "      - МКОУ СОШ №1\n", "      - ОО с признаками необъективности\n"), "dir.err.not_a_school", 28, 9);
  EXPECT_EQ(g.hints[0].key, "dir.hint.is_group");
  auto u = only_error(replace(kGood, "      - МКОУ СОШ №1\n", "      - МКОУ СОШ №11\n"), "dir.err.unknown_school", 28, 9);
  EXPECT_NE(hints_en(u).find("МКОУ СОШ №1"), std::string::npos) << hints_en(u);
}

TEST(DirectoryLoad, MembershipDates) {
  only_error(replace(kGood, "from: 2024-02-01, to: 2024-08-31", "from: 2024-09-01, to: 2024-08-31"), "dir.err.member_range", 29, 48);
  only_error(replace(kGood, "from: 2024-02-01", "from: 2024-02-30"), "load.err.date_invalid", 29, 32);
  // The same school twice for overlapping dates; apart in time it is fine.
  const std::string twice = replace(kGood, "      - {school: sosh-2, from: 2024-02-01, to: 2024-08-31}\n",
                                    "      - {school: sosh-2, from: 2024-02-01, to: 2024-08-31}\n"
                                    "      - {school: МКОУ СОШ №2, from: 2024-08-01}\n");
  only_error(twice, "dir.err.member_twice", 30, 18);
  auto apart = load::load_directory_text(replace(twice, "from: 2024-08-01}", "from: 2024-10-01}"), "dir.yaml");
  ASSERT_TRUE(apart.ok()) << diag::render_all(apart.diagnostics, i18n::Lang::en);
  using namespace std::chrono;
  EXPECT_EQ(apart.directory->find_group("biased")->members_on(year{2024} / October / 2).size(), 2u);
  EXPECT_EQ(apart.directory->find_group("biased")->members_on(year{2024} / September / 2).size(), 1u);
}

TEST(DirectoryLoad, ReferencesToBodiesSchoolsAndPeople) {
  auto b = only_error(replace(kGood, "    body: МОУО\n", "    body: МОУ0\n"), "dir.err.unknown_body", 19, 11);
  EXPECT_NE(hints_en(b).find("МОУО"), std::string::npos) << hints_en(b);
  only_error(replace(kGood, "    body: МОУО\n", "    body: sosh-2\n"), "dir.err.not_a_body", 19, 11);
  auto p = only_error(replace(kGood, "director: petrov", "director: petrow"), "dir.err.unknown_person", 20, 15);
  EXPECT_NE(hints_en(p).find("petrov"), std::string::npos);
  only_error(replace(kGood, "role: head, school: школа №1", "role: head, school: школа №1, body: ОО"), "dir.err.person_place", 32, 5);
  only_error(replace(kGood, "role: head, school: школа №1", "role: boss, school: школа №1"), "load.err.enum", 32, 72);
}

TEST(DirectoryLoad, EveryProblemInOneRunAndNothingHalfLoaded) {
  std::string text = replace(kGood, "timezone: Europe/Moscow", "timezone: Moscow");
  text = replace(text, "kind: authority", "kind: authorty");
  text = replace(text, "email: p.petrov@example.ru", "email: p.petrov");
  text = replace(text, "      - МКОУ СОШ №1\n", "      - МКУ УО\n");
  auto load = load::load_directory_text(text, "dir.yaml");
  EXPECT_FALSE(load.directory.has_value());
  EXPECT_EQ(load.diagnostics.error_count(), 4u) << diag::render_all(load.diagnostics, i18n::Lang::en);
  // In file order, each with a Russian text by default.
  int last = 0;
  for (const auto& d : load.diagnostics.items()) {
    EXPECT_GE(d.where.line, last);
    last = d.where.line;
    EXPECT_EQ(diag::render(d, i18n::Lang::ru).rfind("dir.yaml:", 0), 0u);
  }
  auto kind = with_key(load.diagnostics, "load.err.enum");
  ASSERT_EQ(kind.size(), 1u);
  EXPECT_NE(hints_en(kind[0]).find("authority"), std::string::npos);
}

TEST(DirectoryLoad, FileLevelProblems) {
  auto missing = load::load_directory_file("/nonexistent/directory.yaml");
  EXPECT_EQ(with_key(missing.diagnostics, "load.err.not_found").size(), 1u);
  EXPECT_EQ(with_key(load::load_directory_text("", "d.yaml").diagnostics, "load.err.empty").size(), 1u);
  EXPECT_EQ(with_key(load::load_directory_text("- a\n- b\n", "d.yaml").diagnostics, "dir.err.root").size(), 1u);
  EXPECT_EQ(with_key(load::load_directory_text("format: 1\ndirectory: {id: x, timezone: Europe/Moscow\n", "d.yaml").diagnostics,
                     "load.err.unclosed_flow").size(), 1u);
  EXPECT_EQ(with_key(load::load_directory_text("format: 1\n\xff\n", "d.yaml").diagnostics, "load.err.utf8").size(), 1u);
  EXPECT_EQ(with_key(load::load_directory_text("format: 2\ndirectory: {id: x, timezone: UTC}\n", "d.yaml").diagnostics,
                     "load.err.format_version").size(), 1u);
  auto big = load::load_directory_text(std::string(100, ' ') + "x: 1", "d.yaml", {.max_bytes = 50});
  EXPECT_EQ(with_key(big.diagnostics, "load.err.too_big").size(), 1u);
  // A minimal directory: a header only.
  EXPECT_TRUE(load::load_directory_text("format: 1\ndirectory: {id: x, timezone: UTC}\n", "d.yaml").ok());
}
