// The deadline language, read as specifications: one TEST per phrase family, table-driven; every
// deadline phrase of the five seeds verbatim with the structure it must give.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "deadline/parse.hpp"
#include "deadline/render.hpp"

namespace roadmap::deadline {
namespace {

// --- builders of expected schedules --------------------------------------------------------------

Window mon(int m, int y = 0) { return Window{Point{y, m, 0}, Point{y, m, 0}}; }
Window win(int a, int b, int y = 0) {
  return Window{Point{y ? (a > b ? y - 1 : y) : 0, a, 0}, Point{y, b, 0}};
}
Window days(int d1, int m1, int d2, int m2, int y = 0) { return Window{Point{y, m1, d1}, Point{y, m2, d2}}; }

Clause months(std::vector<Window> ws) {
  Clause c;
  c.kind = ClauseKind::months;
  c.windows = std::move(ws);
  return c;
}
Clause periodic(Unit u, int every = 1, int times = 1, bool at_least = false) {
  Clause c;
  c.kind = ClauseKind::periodic;
  c.unit = u;
  c.every = every;
  c.times = times;
  c.at_least = at_least;
  return c;
}
Clause part(Unit u, int index, std::vector<int> years = {}) {
  Clause c;
  c.kind = ClauseKind::part;
  c.unit = u;
  c.index = index;
  c.years = std::move(years);
  return c;
}
Clause span(SpanKind k, std::vector<int> years = {}) {
  Clause c;
  c.kind = ClauseKind::span;
  c.span = k;
  c.years = std::move(years);
  return c;
}
Clause event(Relation r, std::uint32_t events, bool each = false) {
  Clause c;
  c.kind = ClauseKind::event;
  c.relation = r;
  c.events = events;
  c.each = each;
  return c;
}
Clause lagged(Clause c, int lag, Unit u, bool within = false) {
  c.lag = lag;
  c.lag_unit = u;
  c.within = within;
  return c;
}
Clause with_years(Clause c, std::vector<int> ys) {
  c.years = std::move(ys);
  return c;
}
Clause constantly(Clause c) {
  c.span = SpanKind::plan;
  return c;
}
Clause repeated(Clause c) {
  c.repeat = true;
  return c;
}
Clause item(Relation r, std::string anchor, std::string ref = {}) {
  Clause c;
  c.kind = ClauseKind::item;
  c.relation = r;
  c.anchor = std::move(anchor);
  c.item_ref = std::move(ref);
  return c;
}
Clause external(std::string anchor) {
  Clause c;
  c.kind = ClauseKind::external;
  c.anchor = std::move(anchor);
  return c;
}
Clause demand(Demand d, std::string object = {}) {
  Clause c;
  c.kind = ClauseKind::on_demand;
  c.demand = d;
  c.anchor = std::move(object);
  return c;
}
Clause by(int d, int m, int y = 0) {
  Clause c;
  c.kind = ClauseKind::by_date;
  c.relation = Relation::by;
  c.date = Point{y, m, d};
  return c;
}
Clause edge(Relation r, Edge e, Unit u) {
  Clause c;
  c.kind = ClauseKind::by_date;
  c.relation = r;
  c.edge = e;
  c.unit = u;
  return c;
}

Schedule S(std::vector<Clause> cs) { return Schedule{std::move(cs)}; }

struct Case {
  std::string phrase;
  Schedule expected;
};

std::string show(const Schedule& s) { return render(s, Lang::ru) + "  |  " + render(s, Lang::en); }

void expect_all(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.phrase);
    ParseResult r = parse(c.phrase);
    ASSERT_TRUE(r.understood()) << "stopped at column " << r.stop_column;
    EXPECT_EQ(r.schedule, c.expected) << "got: " << show(r.schedule) << "\nwant: " << show(c.expected);
  }
}

constexpr std::uint32_t OP = ev_op;
constexpr std::uint32_t VPR = ev_vpr;

// --- the seeds -----------------------------------------------------------------------------------

TEST(SeedPhrases, EveryDeadlineOfEverySeedReadsAsMeant) {
  expect_all({
      // seed 000
      {"июнь-август", S({months({win(6, 8)})})},
      {"август", S({months({mon(8)})})},
      {"по утвержденному графику", S({external("утвержденному графику")})},
      {"сентябрь", S({months({mon(9)})})},
      {"сентябрь, повторно - после каждой ОП",
       S({months({mon(9)}), repeated(event(Relation::after, OP, true))})},
      {"октябрь", S({months({mon(10)})})},
      {"согласно графику", S({external("графику")})},
      {"сентябрь-октябрь", S({months({win(9, 10)})})},
      {"по плану совещаний", S({external("плану совещаний")})},
      {"постоянно", S({span(SpanKind::plan)})},
      {"в соответствии с графиком проведения ОП", S({event(Relation::schedule, OP)})},
      {"по мере формирования", S({demand(Demand::formation)})},
      {"по мере необходимости", S({demand(Demand::necessity)})},
      {"постоянно при подготовке к проведению ОП", S({constantly(event(Relation::preparation, OP))})},
      {"по результатам ОП", S({event(Relation::results, OP)})},
      {"на следующий день после ОП", S({lagged(event(Relation::after, OP), 1, Unit::day)})},
      {"постоянно \nпри проведении ОП", S({constantly(event(Relation::during, OP))})},
      {"постоянно\nпри проведении ОП", S({constantly(event(Relation::during, OP))})},
      {"в течение месяца после завершения анализа",
       S({lagged(item(Relation::after, "завершения анализа"), 1, Unit::month, true)})},
      {"не реже 1 раза в полугодие", S({periodic(Unit::half_year, 1, 1, true)})},
      {"постоянно\nпериод ВПР\n\nиюль-август", S({constantly(event(Relation::during, VPR)), months({win(7, 8)})})},
      {"постоянно\nпериод ВПР\nиюль-август", S({constantly(event(Relation::during, VPR)), months({win(7, 8)})})},
      {"период ВПР", S({event(Relation::during, VPR)})},
      {"июль-август", S({months({win(7, 8)})})},
      {"январь, июль", S({months({mon(1), mon(7)})})},
      {"ежегодно", S({periodic(Unit::year)})},
      {"не реже 1 раза в квартал", S({periodic(Unit::quarter, 1, 1, true)})},
      // seed 001
      {"2019 год", S({span(SpanKind::years, {2019})})},
      {"  2019 год", S({span(SpanKind::years, {2019})})},
      {"Июнь – август\n2019", S({months({win(6, 8, 2019)})})},
      {"по потребности", S({demand(Demand::need)})},
      {"в соответствии с графиком проведения МСИ", S({event(Relation::schedule, ev_msi)})},
      {"в соответствии с графиком проведения НИКО", S({event(Relation::schedule, ev_niko)})},
      {"1 раз в 3 года для каждой образовательной организации",
       [] {
         Clause c = periodic(Unit::year, 3, 1);
         c.per_school = true;
         return S({c});
       }()},
      {"Постоянно", S({span(SpanKind::plan)})},
      {"Август\nежегодно", S({months({mon(8)})})},
      {"Август\n ежегодно", S({months({mon(8)})})},
      {"2019-2020", S({span(SpanKind::years, {2019, 2020})})},
      {"2019-2020 ", S({span(SpanKind::years, {2019, 2020})})},
      {"2019", S({span(SpanKind::years, {2019})})},
      // seed 002 (and its order: "срок до 10 января 2023 г", "срок до 31 января 2023 г")
      {"Январь 2023 г.", S({months({mon(1, 2023)})})},
      {"Февраль 2023г.", S({months({mon(2, 2023)})})},
      {"Февраль 2023, 2024 гг.", S({months({mon(2, 2023), mon(2, 2024)})})},
      {"Март 2023г.", S({months({mon(3, 2023)})})},
      {"Март 2023, 2024 гг.", S({months({mon(3, 2023), mon(3, 2024)})})},
      {"Апрель-июнь 2023, 2024 гг.", S({months({win(4, 6, 2023), win(4, 6, 2024)})})},
      {"Май 2023, 2024 гг.", S({months({mon(5, 2023), mon(5, 2024)})})},
      {"Август 2023, 2024 гг.", S({months({mon(8, 2023), mon(8, 2024)})})},
      {"Август, ноябрь 2023г, март, август, ноябрь 2024 г.",
       S({months({mon(8, 2023), mon(11, 2023), mon(3, 2024), mon(8, 2024), mon(11, 2024)})})},
      {"в течение 2023, 2024 гг.", S({span(SpanKind::years, {2023, 2024})})},
      {"Сентябрь 2023 г.", S({months({mon(9, 2023)})})},
      {"Сентябрь 2023 г, июнь 2023 г", S({months({mon(9, 2023), mon(6, 2023)})})},
      {"в течение 2022-2023 учебного года", S({span(SpanKind::school_years, {2022})})},
      {"Октябрь 2023г. Февраль 2024г.", S({months({mon(10, 2023), mon(2, 2024)})})},
      {"Октябрь 2023г.", S({months({mon(10, 2023)})})},
      {"Февраль 2024г.", S({months({mon(2, 2024)})})},
      {"Декабрь 2023 г.", S({months({mon(12, 2023)})})},
      {"в течение учебного года", S({span(SpanKind::school_year)})},
      {"Декабрь 2023 года, февраль, май 2024 года", S({months({mon(12, 2023), mon(2, 2024), mon(5, 2024)})})},
      {"2023, 2024 гг.", S({span(SpanKind::years, {2023, 2024})})},
      {"По графику проведения ВПР, ГИА", S({event(Relation::schedule, VPR | ev_gia)})},
      {"Сентябрь 2023 г, апрель 2024 г", S({months({mon(9, 2023), mon(4, 2024)})})},
      {"до 10 января 2023 г", S({by(10, 1, 2023)})},
      {"до 31 января 2023 г", S({by(31, 1, 2023)})},
      // seed 003
      {"август-сентябрь", S({months({win(8, 9)})})},
      {"по мере выявления фактов нарушений", S({demand(Demand::violations)})},
      {"в течение года", S({span(SpanKind::year)})},
      {"январь-март", S({months({win(1, 3)})})},
      {"в соответствии с графиком проведения ВПР в 2022 г.",
       S({with_years(event(Relation::schedule, VPR), {2022})})},
      {"февраль-март", S({months({win(2, 3)})})},
      {"январь-февраль", S({months({win(1, 2)})})},
      {"май-июнь", S({months({win(5, 6)})})},
      // seed 004
      {"В течение года", S({span(SpanKind::year)})},
      {"Раз в квартал", S({periodic(Unit::quarter)})},
  });
}

// The corpus the benchmarks use (extracted from the seeds by bench/phrases/extract_seeds.py):
// every line is read in full.
TEST(SeedPhrases, TheExtractedSeedCorpusIsReadInFull) {
  std::ifstream in(std::string(ROADMAP_SOURCE_DIR) + "/bench/phrases/seeds.txt");
  if (!in) GTEST_SKIP() << "bench/phrases/seeds.txt is not in this tree";
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string phrase;
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (line[k] == '\\' && k + 1 < line.size() && line[k + 1] == 'n') {
        phrase.push_back('\n');
        ++k;
      } else {
        phrase.push_back(line[k]);
      }
    }
    ++n;
    ParseResult r = parse(phrase);
    EXPECT_TRUE(r.understood()) << line << " stopped at column " << r.stop_column;
  }
  EXPECT_GT(n, 50);
}

// --- everyday forms ------------------------------------------------------------------------------

TEST(Months, Forms) {
  expect_all({
      {"в январе", S({months({mon(1)})})},
      {"в мае", S({months({mon(5)})})},
      {"ДЕКАБРЬ", S({months({mon(12)})})},
      {"сент.", S({months({mon(9)})})},
      {"янв.", S({months({mon(1)})})},
      {"нояб.-дек.", S({months({win(11, 12)})})},
      {"с сентября по декабрь", S({months({win(9, 12)})})},
      {"с сентября по декабрь 2023 г.", S({months({win(9, 12, 2023)})})},
      {"сентябрь – октябрь", S({months({win(9, 10)})})},
      {"сентябрь — октябрь", S({months({win(9, 10)})})},
      {"сентябрь ‑ октябрь", S({months({win(9, 10)})})},
      {"в июле-августе", S({months({win(7, 8)})})},
      {"в течение сентября-октября", S({months({win(9, 10)})})},
      {"май, сентябрь", S({months({mon(5), mon(9)})})},
      {"январь и июль", S({months({mon(1), mon(7)})})},
      {"декабрь 2023 - январь 2024", S({months({Window{Point{2023, 12, 0}, Point{2024, 1, 0}}})})},
      {"сентябрь 2023 г. – май 2024 г.", S({months({Window{Point{2023, 9, 0}, Point{2024, 5, 0}}})})},
      {"март 2024, март 2025", S({months({mon(3, 2024), mon(3, 2025)})})},
      {"в апреле 2024 года", S({months({mon(4, 2024)})})},
      {"1-5 сентября", S({months({days(1, 9, 5, 9)})})},
      {"с 1 по 15 марта", S({months({days(1, 3, 15, 3)})})},
      {"с 1 сентября по 31 декабря", S({months({days(1, 9, 31, 12)})})},
      {"в период с 15 марта по 20 мая", S({months({days(15, 3, 20, 5)})})},
      {"10 января 2024 г.", S({months({days(10, 1, 10, 1, 2024)})})},
      {"01.09.2023", S({months({days(1, 9, 1, 9, 2023)})})},
      {"с 01.09.2023 по 31.12.2023", S({months({days(1, 9, 31, 12, 2023)})})},
      {"ежегодно в сентябре", S({months({mon(9)})})},
      {"ежегодно: январь, июль", S({months({mon(1), mon(7)})})},
      {"январь и июль каждого года плана", S({months({mon(1), mon(7)})})},
  });
}

TEST(Periodic, AdverbsCountsAndPeriods) {
  Clause monthly25 = periodic(Unit::month);
  monthly25.due.day = 25;
  Clause yearly_sep = periodic(Unit::year);
  yearly_sep.due = Point{0, 9, 1};
  Clause quarterly_next = periodic(Unit::quarter);
  quarterly_next.due.day = 5;
  quarterly_next.due_next = true;
  Clause term_results = periodic(Unit::term);
  term_results.relation = Relation::results;
  expect_all({
      {"ежемесячно", S({periodic(Unit::month)})},
      {"еженедельно", S({periodic(Unit::week)})},
      {"ежеквартально", S({periodic(Unit::quarter)})},
      {"ежедневно", S({periodic(Unit::day)})},
      {"раз в месяц", S({periodic(Unit::month)})},
      {"1 раз в четверть", S({periodic(Unit::term)})},
      {"2 раза в год", S({periodic(Unit::year, 1, 2)})},
      {"не реже одного раза в квартал", S({periodic(Unit::quarter, 1, 1, true)})},
      {"не реже 2 раз в год", S({periodic(Unit::year, 1, 2, true)})},
      {"один раз в два года", S({periodic(Unit::year, 2, 1)})},
      {"раз в полгода", S({periodic(Unit::half_year)})},
      {"ежеквартально, не реже 1 раза", S({periodic(Unit::quarter, 1, 1, true)})},
      {"до 25 числа каждого месяца", S({monthly25})},
      {"ежемесячно до 25 числа", S({monthly25})},
      {"ежегодно до 1 сентября", S({yearly_sep})},
      {"ежеквартально до 5 числа месяца, следующего за отчетным кварталом", S({quarterly_next})},
      {"по итогам четверти", S({term_results})},
      {"по итогам каждой четверти", S({term_results})},
  });
}

TEST(Parts, QuartersHalvesTermsRomanAndOrdinal) {
  Clause q12 = part(Unit::quarter, 1, {2024});
  q12.index_last = 2;
  Clause h2sy = part(Unit::half_year, 2, {2023});
  h2sy.span = SpanKind::school_years;
  Clause h1res = part(Unit::half_year, 1);
  h1res.relation = Relation::results;
  expect_all({
      {"I квартал", S({part(Unit::quarter, 1)})},
      {"1 квартал", S({part(Unit::quarter, 1)})},
      {"в I квартале", S({part(Unit::quarter, 1)})},
      {"во II квартале", S({part(Unit::quarter, 2)})},
      {"IV квартал 2023 года", S({part(Unit::quarter, 4, {2023})})},
      {"2 полугодие", S({part(Unit::half_year, 2)})},
      {"второе полугодие учебного года", S({part(Unit::half_year, 2)})},
      {"в течение I полугодия", S({part(Unit::half_year, 1)})},
      {"первое полугодие", S({part(Unit::half_year, 1)})},
      {"1-й квартал", S({part(Unit::quarter, 1)})},
      {"в течение 3 четверти", S({part(Unit::term, 3)})},
      {"I-II квартал 2024 г.", S({q12})},
      {"II полугодие 2023-2024 учебного года", S({h2sy})},
      {"по итогам I полугодия", S({h1res})},
  });
}

TEST(Spans, ContinuousOverAPeriod) {
  expect_all({
      {"в течении года", S({span(SpanKind::year)})},
      {"в течении учебного года", S({span(SpanKind::school_year)})},
      {"на протяжении учебного года", S({span(SpanKind::school_year)})},
      {"в течение всего периода", S({span(SpanKind::plan)})},
      {"в течение периода реализации плана", S({span(SpanKind::plan)})},
      {"2023-2024 учебный год", S({span(SpanKind::school_years, {2023})})},
      {"2023/2024 уч.г.", S({span(SpanKind::school_years, {2023})})},
      {"в течение 2024 года", S({span(SpanKind::years, {2024})})},
      {"2023 - 2025 годы", S({span(SpanKind::years, {2023, 2024, 2025})})},
      {"регулярно", S({span(SpanKind::plan)})},
  });
}

TEST(Events, TiedToAssessmentProcedures) {
  expect_all({
      {"после каждой ОП", S({event(Relation::after, OP, true)})},
      {"после каждой оценочной процедуры", S({event(Relation::after, OP, true)})},
      {"после проведения ВПР", S({event(Relation::after, VPR)})},
      {"через 2 недели после ВПР", S({lagged(event(Relation::after, VPR), 2, Unit::week)})},
      {"в течение 10 рабочих дней после ВПР", S({lagged(event(Relation::after, VPR), 10, Unit::working_day, true)})},
      {"в 2-недельный срок после ВПР", S({lagged(event(Relation::after, VPR), 2, Unit::week, true)})},
      {"за 3 дня до ВПР", S({lagged(event(Relation::before, VPR), 3, Unit::day)})},
      {"за 2 недели до начала ГИА", S({lagged(event(Relation::before, ev_gia), 2, Unit::week)})},
      {"накануне проведения ОП", S({lagged(event(Relation::before, OP), 1, Unit::day)})},
      {"перед проведением ВПР", S({event(Relation::before, VPR)})},
      {"в период подготовки к ГИА", S({event(Relation::preparation, ev_gia)})},
      {"при подготовке к ГИА", S({event(Relation::preparation, ev_gia)})},
      {"в дни проведения ЕГЭ", S({event(Relation::during, ev_ege)})},
      {"при проверке ВПР", S({event(Relation::checking, VPR)})},
      {"по итогам ВПР", S({event(Relation::results, VPR)})},
      {"согласно графику проведения ВПР", S({event(Relation::schedule, VPR)})},
      {"в соответствии с расписанием ГИА", S({event(Relation::schedule, ev_gia)})},
      {"по графику ВПР", S({event(Relation::schedule, VPR)})},
      {"после ИС(И)-11", S({event(Relation::after, ev_is11)})},
      {"в день проведения итогового сочинения", S({event(Relation::during, ev_is11)})},
      {"в день проведения ИС-9", S({event(Relation::during, ev_is9)})},
      {"ВсОШ", S({event(Relation::none, ev_vsosh)})},
      {"в течение 2-х недель после ВПР", S({lagged(event(Relation::after, VPR), 2, Unit::week, true)})},
      {"не позднее чем за 10 дней до ОГЭ", S({lagged(event(Relation::before, ev_oge), 10, Unit::day)})},
  });
}

TEST(Items, TiedToAnotherItemNeedABinding) {
  expect_all({
      {"после утверждения плана", S({item(Relation::after, "утверждения плана")})},
      {"через 10 дней после получения результатов",
       S({lagged(item(Relation::after, "получения результатов"), 10, Unit::day)})},
      {"в месячный срок после проведения мониторинга",
       S({lagged(item(Relation::after, "проведения мониторинга"), 1, Unit::month, true)})},
      {"по итогам анализа", S({item(Relation::results, "анализа")})},
      {"после выполнения п. 4.5", S({item(Relation::after, "", "4.5")})},
  });
  ParseResult r = parse("в течение месяца после завершения анализа");
  ASSERT_EQ(r.anchors.size(), 1u);
  EXPECT_EQ(r.anchors[0].kind, AnchorKind::item);
  EXPECT_EQ(r.anchors[0].text, "завершения анализа");
  EXPECT_TRUE(r.anchors[0].required);
  ParseResult ref = parse("после выполнения п. 4.5");
  ASSERT_EQ(ref.anchors.size(), 1u);
  EXPECT_FALSE(ref.anchors[0].required);  // the phrase names the item itself
}

TEST(External, NamedSchedulesAndDocumentsNeedABinding) {
  expect_all({
      {"по графику", S({external("графику")})},
      {"в соответствии с утвержденным графиком", S({external("утвержденному графику")})},
      {"по отдельному плану", S({external("отдельному плану")})},
      {"по плану работы ГМО", S({external("плану работы ГМО")})},
      {"согласно плану-графику", S({external("плану-графику")})},
      {"в сроки, установленные приказом министерства", S({external("сроки установленные приказом министерства")})},
      {"в соответствии с приказом Министерства", S({external("в соответствии с приказом Министерства")})},
      {"в установленные сроки", S({external("сроки установленные")})},
  });
  ParseResult r = parse("по утвержденному графику");
  ASSERT_EQ(r.anchors.size(), 1u);
  EXPECT_EQ(r.anchors[0].kind, AnchorKind::schedule);
  EXPECT_EQ(r.anchors[0].text, "утвержденному графику");
}

TEST(OnDemand, Triggers) {
  expect_all({
      {"по необходимости", S({demand(Demand::necessity)})},
      {"при необходимости", S({demand(Demand::necessity)})},
      {"по запросу", S({demand(Demand::request)})},
      {"по требованию", S({demand(Demand::request)})},
      {"по запросу ОО", S({demand(Demand::request, "ОО")})},
      {"по мере поступления документов", S({demand(Demand::arrival, "документов")})},
  });
}

TEST(ByDate, DatesAndEdges) {
  Clause sy2024 = edge(Relation::by, Edge::start, Unit::school_year);
  sy2024.years = {2024};
  sy2024.span = SpanKind::school_years;
  Clause end_may = edge(Relation::at, Edge::end, Unit::month);
  end_may.date.month = 5;
  Clause end_q1 = edge(Relation::by, Edge::end, Unit::quarter);
  end_q1.index = 1;
  expect_all({
      {"не позднее 31 января", S({by(31, 1)})},
      {"до 1 марта", S({by(1, 3)})},
      {"к 1 сентября 2024 г.", S({by(1, 9, 2024)})},
      {"до 15.05.2024 года", S({by(15, 5, 2024)})},
      {"к началу учебного года", S({edge(Relation::by, Edge::start, Unit::school_year)})},
      {"в конце учебного года", S({edge(Relation::at, Edge::end, Unit::school_year)})},
      {"в начале учебного года", S({edge(Relation::at, Edge::start, Unit::school_year)})},
      {"к началу 2024/2025 учебного года", S({sy2024})},
      {"конец мая", S({end_may})},
      {"до конца I квартала", S({end_q1})},
      {"в конце каждой четверти", S({edge(Relation::at, Edge::end, Unit::term)})},
      {"по окончании учебного года", S({edge(Relation::upon, Edge::end, Unit::school_year)})},
  });
}

TEST(Compounds, SeveralClausesInOneCell) {
  expect_all({
      {"январь-март\nпо мере необходимости", S({months({win(1, 3)}), demand(Demand::necessity)})},
      {"до 1 октября, далее - ежегодно", S({by(1, 10), repeated(periodic(Unit::year))})},
      {"в течение учебного года, по итогам четверти",
       [] {
         Clause t = periodic(Unit::term);
         t.relation = Relation::results;
         return S({span(SpanKind::school_year), t});
       }()},
      {"сентябрь; после каждой ОП", S({months({mon(9)}), event(Relation::after, OP, true)})},
      {"по мере необходимости, но не реже 1 раза в квартал",
       S({demand(Demand::necessity), periodic(Unit::quarter, 1, 1, true)})},
      {"в течение года по отдельному графику", S({span(SpanKind::year), external("отдельному графику")})},
  });
}

// --- English ------------------------------------------------------------------------------------

TEST(English, EquivalentsParseToTheSameSchedules) {
  const std::pair<const char*, const char*> pairs[] = {
      {"January, July", "январь, июль"},
      {"after each assessment", "после каждой ОП"},
      {"quarterly", "ежеквартально"},
      {"at least once every half-year", "не реже 1 раза в полугодие"},
      {"at least once a quarter", "не реже 1 раза в квартал"},
      {"by 10 January 2023", "до 10 января 2023 г"},
      {"within a month after item 4.5 is done", "в течение месяца после выполнения п. 4.5"},
      {"as needed", "по мере необходимости"},
      {"June-August", "июнь-август"},
      {"June to August 2019", "Июнь – август\n2019"},
      {"April-June 2023 and 2024", "Апрель-июнь 2023, 2024 гг."},
      {"annually", "ежегодно"},
      {"continuously", "постоянно"},
      {"during the school year", "в течение учебного года"},
      {"during the 2022-2023 school year", "в течение 2022-2023 учебного года"},
      {"the day after an assessment", "на следующий день после ОП"},
      {"on the results of assessments", "по результатам ОП"},
      {"according to the approved schedule", "по утвержденному графику"},
      {"according to the VPR schedule in 2022", "в соответствии с графиком проведения ВПР в 2022 г."},
      {"once every 3 years for each school", "1 раз в 3 года для каждой образовательной организации"},
      {"as violations are found", "по мере выявления фактов нарушений"},
      {"the first quarter", "I квартал"},
      {"by the start of the school year", "к началу учебного года"},
      {"at the end of the school year", "в конце учебного года"},
      {"3 days before VPR", "за 3 дня до ВПР"},
      {"monthly by the 25th", "до 25 числа каждого месяца"},
  };
  for (const auto& [en, ru] : pairs) {
    SCOPED_TRACE(en);
    ParseResult a = parse(en), b = parse(ru);
    ASSERT_TRUE(a.understood()) << "stopped at column " << a.stop_column;
    ASSERT_TRUE(b.understood()) << ru;
    EXPECT_EQ(a.schedule, b.schedule) << show(a.schedule) << "\nvs " << show(b.schedule);
  }
}

// --- failures -----------------------------------------------------------------------------------

TEST(Failures, StopColumnAndNearestForms) {
  struct Fail {
    std::string phrase;
    std::size_t column;  // characters, 0-based
    std::string suggestion;  // one of the suggestions
  };
  const Fail fails[] = {
      {"в течени года", 2, "течение"},
      {"сентябрь, потом посмотрим", 10, ""},
      {"ежегодно или когда-нибудь", 9, ""},
      {"не реже 1 раза в квартал по средам", 28, ""},  // "по ..." starts a clause; "средам" is unknown
      {"ежиквартально", 0, "ежеквартально"},
      {"", 0, ""},
      {"Ёлка в январе", 0, ""},
  };
  for (const auto& f : fails) {
    SCOPED_TRACE(f.phrase);
    ParseResult r = parse(f.phrase);
    EXPECT_FALSE(r.understood());
    EXPECT_TRUE(r.schedule.clauses.empty());
    EXPECT_EQ(r.stop_column, f.column);
    if (!f.suggestion.empty()) {
      bool found = false;
      for (const auto& s : r.suggestions) found = found || s == f.suggestion;
      EXPECT_TRUE(found) << "no suggestion " << f.suggestion;
    }
    if (!f.phrase.empty()) EXPECT_FALSE(r.suggestions.empty());
  }
  // byte offset and character column differ for Cyrillic
  ParseResult r = parse("январь абракадабра");
  EXPECT_FALSE(r.understood());
  EXPECT_EQ(r.stop_column, 7u);
  EXPECT_EQ(r.stop_byte, std::string("январь ").size());
}

TEST(Failures, UnknownTrailingWordsAreNeverDropped) {
  for (const char* p : {"август примерно", "постоянно и вообще", "ежегодно 2019 раз", "после каждой ОП и так далее"}) {
    SCOPED_TRACE(p);
    EXPECT_FALSE(parse(p).understood());
  }
}

// --- settings, anchors, notes -------------------------------------------------------------------

TEST(Notes, HalfYearReadingFollowsThePlanSettingAndIsShown) {
  ParseOptions school;
  ParseOptions calendar;
  calendar.half_year = HalfYear::calendar;
  ParseResult a = parse("не реже 1 раза в полугодие", school);
  ParseResult b = parse("не реже 1 раза в полугодие", calendar);
  ASSERT_TRUE(a.understood());
  ASSERT_EQ(a.notes.size(), 1u);
  EXPECT_EQ(a.notes[0].kind, NoteKind::half_year_school);
  ASSERT_EQ(b.notes.size(), 1u);
  EXPECT_EQ(b.notes[0].kind, NoteKind::half_year_calendar);
  EXPECT_EQ(a.schedule, b.schedule);
  EXPECT_TRUE(parse("ежеквартально").notes.empty());
}

TEST(Anchors, GenericAssessmentMayBeBoundButNeedNotBe) {
  ParseResult r = parse("сентябрь, повторно - после каждой ОП");
  ASSERT_EQ(r.anchors.size(), 1u);
  EXPECT_EQ(r.anchors[0].kind, AnchorKind::event);
  EXPECT_EQ(r.anchors[0].clause, 1u);
  EXPECT_FALSE(r.anchors[0].required);
  EXPECT_TRUE(parse("по графику проведения ВПР").anchors.empty());
}

}  // namespace
}  // namespace roadmap::deadline
