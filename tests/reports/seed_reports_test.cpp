// Every report's content on seed 002 (Левокумский, 398 tasks) loaded into a real SQLite file, with
// known marks made through the store's API, as of 09.01.2024:
//   A  item 1 (МКУ, due 31.01.2023) done on 31.01.2023: on time
//   B  item 2, the department's task (due 28.02.2023) done on 03.03.2023: 3 working days late
//   C  item 13, every task of МКОУ СОШ №1 (5) done on its due date
//   D  item 18, the four tasks of МКОУ СОШ №3 due before today done on their due date
// Unmarked: 226 tasks are due before 09.01.2024 and 172 after, so 215 stay overdue.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "ru_calendar.hpp"
#include "load/plan_loader.hpp"
#include "planning/planning.hpp"
#include "reports/document.hpp"
#include "reports/error.hpp"
#include "reports/render.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"
#include "../store/temp_dir.hpp"

namespace {

using namespace roadmap;
using namespace std::chrono;

const std::string kPlan = "levokumsky-objectivity-2023";

using roadmap::testing::ru_calendar;

class SeedReports : public ::testing::Test {
 protected:
  void SetUp() override {
    auto load = load::load_plan_file(std::string(ROADMAP_SOURCE_DIR) + "/plans/002-levokumsky-objectivity-2023.yaml");
    ASSERT_TRUE(load.ok());
    db_ = std::make_unique<store::Database>(store::open_store(dir_.file("reports.db")));
    std::vector<model::Plan> plans{*load.plan};
    auto r = planning::load_and_schedule(*db_, std::move(plans), {});
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(count("SELECT count(*) FROM tasks"), 398);
    mark("item_key = '1'", "due");                                   // A
    mark("item_key = '2' AND assignee = 'Отдел образования'", "'2023-03-03'");  // B
    mark("item_key = '13' AND assignee = 'sosh-1'", "due");          // C
    mark("item_key = '18' AND assignee = 'sosh-3' AND due < '2024-01-09'", "due");  // D
  }

  long count(const std::string& sql) {
    auto st = db_->prepare(sql);
    st.step();
    return static_cast<long>(st.column_int(0));
  }

  // Marks the matching tasks done through the store's API, on `done_sql` (a date or the column due).
  void mark(const std::string& where, const std::string& done_sql) {
    auto st = db_->prepare("SELECT id, version, " + done_sql + " FROM tasks WHERE plan_id = ?1 AND " + where);
    st.bind(1, kPlan);
    std::vector<std::tuple<std::int64_t, int, std::string>> rows;
    while (st.step()) rows.emplace_back(st.column_int(0), static_cast<int>(st.column_int(1)), st.column_text(2));
    ASSERT_FALSE(rows.empty()) << where;
    for (auto& [id, version, day] : rows)
      store::update_status(*db_, id, version, "done", "petrova-ma", "", calendar::parse_date(day));
  }

  reports::Input input(std::optional<reports::Period> period = std::nullopt) {
    return reports::load_input(*db_, kPlan, period);
  }

  roadmap::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  reports::Clock today_ = reports::Clock::fixed(2024y / January / 9);
  reports::OverdueRule rule_{ru_calendar(), today_};
};

const reports::OverdueGroup* group(const std::vector<reports::OverdueGroup>& gs, const std::string& name) {
  for (const auto& g : gs)
    if (g.name == name) return &g;
  return nullptr;
}

TEST_F(SeedReports, Overdue) {
  auto in = input();
  auto r = reports::build_overdue(in, rule_);
  ASSERT_EQ(r.rows.size(), 215u);
  // Oldest first: item 13's tasks due 30.09.2022 (8 schools without СОШ №1, and the МКУ).
  EXPECT_EQ(r.rows.front().due, 2022y / September / 30);
  EXPECT_TRUE(std::is_sorted(r.rows.begin(), r.rows.end(), [](const auto& a, const auto& b) {
    return sys_days{a.due} < sys_days{b.due};
  }));
  EXPECT_EQ(std::count_if(r.rows.begin(), r.rows.end(), [](const auto& x) { return x.due == 2022y / September / 30; }), 9);
  // Item 15, due Friday 29.12.2023: one working day on 09.01.2024 (the New Year days off between).
  auto item15 = std::find_if(r.rows.begin(), r.rows.end(), [](const auto& x) { return x.item_number == "15"; });
  ASSERT_NE(item15, r.rows.end());
  EXPECT_EQ(item15->working_days, 1);
  EXPECT_EQ(item15->who.assignee, "МКУ «ИМЦСО ЛМО СК»");
  EXPECT_EQ(item15->who.people, std::vector<std::string>{"Громова Татьяна Андреевна"});
  // Groups.
  ASSERT_EQ(r.by_body.size(), 2u);
  EXPECT_EQ(group(r.by_body, "Отдел образования")->count, 185u);  // its own 24-1 and the schools' 171-9
  EXPECT_EQ(group(r.by_body, "МКУ «ИМЦСО ЛМО СК»")->count, 30u);
  ASSERT_EQ(r.by_school.size(), 9u);
  EXPECT_EQ(group(r.by_school, "МКОУ СОШ №1")->count, 14u);
  EXPECT_EQ(group(r.by_school, "МКОУ СОШ №3")->count, 15u);
  EXPECT_EQ(group(r.by_school, "МКОУ СОШ №7")->count, 19u);
  EXPECT_EQ(group(r.by_person, "Громова Татьяна Андреевна")->count, 30u);
  EXPECT_EQ(group(r.by_person, "Зайцева Ольга Викторовна")->count, 23u);
  EXPECT_EQ(group(r.by_person, "Белова Ирина Николаевна")->count, 14u);  // СОШ №1's director
  EXPECT_EQ(group(r.by_person, "Сидоренко Алла Владимировна")->count, 15u);
  EXPECT_EQ(group(r.by_person, "Громова Татьяна Андреевна")->oldest_due, 2022y / September / 30);
  // Done late stays visible: B, three working days (1, 2, 3 March 2023).
  ASSERT_EQ(r.done_late.size(), 1u);
  EXPECT_EQ(r.done_late[0].item_number, "2");
  EXPECT_EQ(r.done_late[0].who.assignee, "Отдел образования");
  EXPECT_EQ(r.done_late[0].working_days, 3);
  EXPECT_EQ(r.done_late[0].done_on, 2023y / March / 3);

  // The document: Russian headings, "3 рабочих дня".
  auto doc = reports::overdue_document(in, r, {i18n::Lang::ru, "09.01.2024"});
  EXPECT_EQ(doc.title, "Просроченные задачи");
  auto late = std::find_if(doc.tables.begin(), doc.tables.end(), [](const auto& t) { return t.id == "done_late"; });
  ASSERT_NE(late, doc.tables.end());
  EXPECT_EQ(late->rows.at(0).back().text, "3 рабочих дня");
  ASSERT_EQ(doc.charts.size(), 1u);
  EXPECT_EQ(doc.charts[0].points.size(), 2u);
}

TEST_F(SeedReports, Completion) {
  auto in = input();
  auto r = reports::build_completion(in, rule_);
  EXPECT_EQ(r.total, (reports::Counts{398, 11, 1, 215, 172}));
  ASSERT_EQ(r.sections.size(), 1u);
  EXPECT_EQ(r.sections[0].counts, r.total);
  ASSERT_EQ(r.items.size(), 20u);
  EXPECT_EQ(r.items[0].number, "1");
  EXPECT_EQ(r.items[0].counts, (reports::Counts{1, 1, 0, 0, 0}));
  EXPECT_DOUBLE_EQ(r.items[0].counts.percent_done(), 100.0);
  EXPECT_EQ(r.items[1].counts, (reports::Counts{2, 1, 1, 1, 0}));
  EXPECT_EQ(r.items[12].number, "13");
  EXPECT_EQ(r.items[12].counts, (reports::Counts{50, 5, 0, 45, 0}));
  EXPECT_DOUBLE_EQ(r.items[12].counts.percent_done(), 10.0);
  EXPECT_EQ(r.items[17].counts, (reports::Counts{88, 4, 0, 40, 44}));
  ASSERT_EQ(r.bodies.size(), 2u);
  EXPECT_EQ(r.bodies[0].name, "МКУ «ИМЦСО ЛМО СК»");
  EXPECT_EQ(r.bodies[0].counts, (reports::Counts{54, 1, 0, 30, 23}));
  EXPECT_EQ(r.bodies[1].counts, (reports::Counts{344, 10, 1, 185, 149}));
  // The matrix of fan-out items: 9 schools x items 6, 10, 13, 14, 18, 19.
  ASSERT_EQ(r.matrices.size(), 1u);
  const auto& mx = r.matrices[0];
  EXPECT_EQ(mx.item_numbers, (std::vector<std::string>{"6", "10", "13", "14", "18", "19"}));
  ASSERT_EQ(mx.schools.size(), 9u);
  // Schools in the order a head reads them: numbers by value (№2 before №11), СОШ before ООШ by letter.
  EXPECT_EQ(mx.schools, (std::vector<std::string>{"МКОУ ООШ №14", "МКОУ СОШ №1", "МКОУ СОШ №2", "МКОУ СОШ №3",
                                                   "МКОУ СОШ №6", "МКОУ СОШ №7", "МКОУ СОШ №11", "МКОУ СОШ №12",
                                                   "МКОУ СОШ №13"}));
  auto cell = [&](const std::string& school, const std::string& item) {
    auto s = std::find(mx.schools.begin(), mx.schools.end(), school) - mx.schools.begin();
    auto i = std::find(mx.item_numbers.begin(), mx.item_numbers.end(), item) - mx.item_numbers.begin();
    return mx.cells.at(static_cast<std::size_t>(s)).at(static_cast<std::size_t>(i));
  };
  EXPECT_EQ(cell("МКОУ СОШ №1", "13"), reports::Cell::done);
  EXPECT_EQ(cell("МКОУ СОШ №3", "18"), reports::Cell::partly);
  EXPECT_EQ(cell("МКОУ СОШ №1", "18"), reports::Cell::overdue);
  EXPECT_EQ(cell("МКОУ СОШ №3", "13"), reports::Cell::overdue);
  // Completion over time, from the first due month (09.2022) to January 2024.
  ASSERT_EQ(r.timeline.size(), 17u);
  EXPECT_EQ(r.timeline.front().label, "2022-09");
  EXPECT_EQ(r.timeline.back().label, "2024-01");
  const auto& jan23 = r.timeline[4];
  EXPECT_EQ(jan23.label, "2023-01");
  EXPECT_EQ(jan23.due, 21u);
  EXPECT_EQ(jan23.done, 3u);  // A and СОШ №1's item 13 of 30.09 and 30.12.2022
}

TEST_F(SeedReports, CompletionWithinAPeriod) {
  auto in = input(reports::parse_period("2023-Q1"));
  auto r = reports::build_completion(in, rule_);
  EXPECT_EQ(r.total.total, 42u);  // 1 in January, 4 in February, 37 in March 2023
  EXPECT_EQ(r.total.done, 4u);    // A, B, C's task of 31.03.2023 and D's of 31.03.2023
  EXPECT_EQ(r.total.done_late, 1u);
  EXPECT_EQ(r.timeline.size(), 3u);
}

TEST_F(SeedReports, Execution) {
  auto in = input();
  auto r = reports::build_execution(in, rule_);
  ASSERT_EQ(r.plans.size(), 1u);
  const auto& rows = r.plans[0].rows;
  ASSERT_EQ(rows.size(), 20u);
  EXPECT_EQ(rows[0].number, "1");
  EXPECT_EQ(rows[0].deadline, "Январь 2023 г.");
  EXPECT_EQ(rows[0].responsible, std::vector<std::string>{"МКУ «ИМЦСО ЛМО СК»"});
  EXPECT_EQ(rows[0].status, reports::ExecStatus::done);
  ASSERT_EQ(rows[0].done.size(), 1u);
  EXPECT_EQ(rows[0].done[0].done_on, 2023y / January / 31);
  EXPECT_EQ(rows[0].done[0].actor, "petrova-ma");
  EXPECT_EQ(rows[1].status, reports::ExecStatus::overdue);
  ASSERT_EQ(rows[1].done.size(), 1u);
  EXPECT_EQ(rows[1].done[0].late_days, 3);
  EXPECT_EQ(rows[1].overdue_units, std::vector<std::string>{"МКУ «ИМЦСО ЛМО СК»"});
  EXPECT_EQ(rows[1].responsible, (std::vector<std::string>{"Отдел образования", "МКУ «ИМЦСО ЛМО СК»"}));
  EXPECT_EQ(rows[14].number, "15");
  EXPECT_EQ(rows[14].status, reports::ExecStatus::overdue);
  EXPECT_EQ(rows[19].status, reports::ExecStatus::overdue);  // 29.09.2023 passed, 27.04.2024 not yet

  auto doc = reports::execution_document(in, r, {i18n::Lang::ru, "09.01.2024"});
  ASSERT_EQ(doc.tables.size(), 1u);
  std::vector<std::string> heads;
  for (const auto& c : doc.tables[0].columns) heads.push_back(c.title);
  EXPECT_EQ(heads, (std::vector<std::string>{"№", "Мероприятие", "Срок", "Ответственный", "Отметка об исполнении",
                                             "Статус"}));
  const auto& row2 = doc.tables[0].rows[1];
  EXPECT_EQ(row2[4].text,
            "03.03.2023 — Отдел образования (с опозданием на 3 рабочих дня; отметил(а) petrova-ma)\n"
            "не исполнено в срок: МКУ «ИМЦСО ЛМО СК»");
  EXPECT_EQ(row2[5].text, "не исполнено в срок");
  EXPECT_EQ(doc.tables[0].rows[0][5].text, "исполнено");
  ASSERT_FALSE(doc.signature.empty());
  EXPECT_NE(doc.signature[0].find("Начальник Е.А. Шевченко"), std::string::npos);
}

TEST_F(SeedReports, Discipline) {
  auto in = input();
  auto r = reports::build_discipline(in, rule_);
  EXPECT_EQ(r.total, (reports::Counts{398, 11, 1, 215, 172}));
  ASSERT_EQ(r.by_body.size(), 2u);
  EXPECT_EQ(r.by_body[1].counts, (reports::Counts{344, 10, 1, 185, 149}));
  auto month = [&](const std::string& m) {
    for (const auto& x : r.by_month)
      if (x.name == m) return x.counts;
    return reports::Counts{};
  };
  EXPECT_EQ(r.by_month.front().name, "2022-09");
  EXPECT_EQ(month("2022-09"), (reports::Counts{10, 1, 0, 9, 0}));
  EXPECT_EQ(month("2023-01"), (reports::Counts{1, 1, 0, 0, 0}));
  EXPECT_EQ(month("2023-02"), (reports::Counts{4, 1, 1, 3, 0}));
  auto person = std::find_if(r.by_person.begin(), r.by_person.end(),
                             [](const auto& p) { return p.name == "Белова Ирина Николаевна"; });
  ASSERT_NE(person, r.by_person.end());
  EXPECT_EQ(person->counts.done, 5u);
  EXPECT_EQ(person->counts.overdue, 14u);

  auto doc = reports::discipline_document(in, r, {i18n::Lang::ru, "09.01.2024"});
  auto json = boost::json::parse(reports::render_json(doc));
  const auto& total = json.at("tables").at(0).at("rows").at(0);
  EXPECT_EQ(total.at("on_time").as_int64(), 10);
  EXPECT_EQ(total.at("late").as_int64(), 1);
  EXPECT_EQ(total.at("overdue").as_int64(), 215);
  EXPECT_DOUBLE_EQ(total.at("overdue_pct").to_number<double>(), 54.0);  // 215 / 398 = 54.02 %
  EXPECT_EQ(doc.tables[0].rows[0][8].text, "54,0");
}

TEST_F(SeedReports, APeriodOutsideThePlanIsAnErrorAndReadsNothing) {
  try {
    input(reports::parse_period("2030"));
    FAIL();
  } catch (const reports::Error& e) {
    EXPECT_EQ(e.message().key, "report.err.period_outside");
    EXPECT_EQ(e.message().args.at(2), "01.01.2023");
    EXPECT_EQ(e.message().args.at(3), "31.12.2024");
  }
  EXPECT_THROW(reports::load_input(*db_, "no-such-plan", std::nullopt), store::Error);
}

}  // namespace
