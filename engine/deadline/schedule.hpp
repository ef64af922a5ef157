// The structured schedule a deadline phrase denotes: a list of clauses, each one kind of timing
// (months, periodic, a part of the year, a span, an assessment event, another item, an external
// schedule, on demand, by a date). Plain value types, compared field by field.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace roadmap::deadline {

// Language of a rendering. The deadline module links nothing, so it keeps its own enum.
enum class Lang : std::uint8_t { ru, en };

// How "полугодие" is read: school half-years (Sep-Dec, Jan-Aug) or calendar (Jan-Jun, Jul-Dec).
enum class HalfYear : std::uint8_t { school, calendar };

enum class Unit : std::uint8_t {
  none,
  day,
  working_day,
  week,
  month,
  quarter,
  half_year,
  term,  // "четверть": a school term
  year,
  school_year,
};

// A calendar point where any part may be unstated (0): "март" is {0, 3, 0}, "10 января 2023 г" is
// {2023, 1, 10}, "25 числа" is {0, 0, 25}.
struct Point {
  int year = 0;
  int month = 0;
  int day = 0;
  bool operator==(const Point&) const = default;
};

// A month, a run of months or of days: from == to for a single month ("август").
struct Window {
  Point from;
  Point to;
  bool operator==(const Window&) const = default;
};

// Assessment events, as a bit set.
enum Event : std::uint32_t {
  ev_op = 1u << 0,    // ОП: any assessment procedure (the plan may bind it to a kind)
  ev_vpr = 1u << 1,   // ВПР
  ev_oge = 1u << 2,   // ОГЭ
  ev_ege = 1u << 3,   // ЕГЭ
  ev_gve = 1u << 4,   // ГВЭ
  ev_gia = 1u << 5,   // ГИА
  ev_is9 = 1u << 6,   // ИС-9 (итоговое собеседование)
  ev_is11 = 1u << 7,  // ИС(И)-11 (итоговое сочинение / изложение)
  ev_dkr = 1u << 8,   // ДКР
  ev_kdr = 1u << 9,   // КДР
  ev_niko = 1u << 10, // НИКО
  ev_msi = 1u << 11,  // МСИ
  ev_vsosh = 1u << 12,// ВсОШ
  ev_pisa = 1u << 13, // PISA
  ev_timss = 1u << 14,// TIMSS
  ev_pirls = 1u << 15,// PIRLS
};
inline constexpr int kEventCount = 16;

enum class Relation : std::uint8_t {
  none,
  after,        // "после", "через 2 недели после", "на следующий день после"
  before,       // "до ВПР", "за 3 дня до ВПР", "перед"
  during,       // "период ВПР", "при проведении ОП"
  preparation,  // "при подготовке к проведению ОП", "в период подготовки к ГИА"
  checking,     // "при проверке ВПР"
  results,      // "по результатам ОП", "по итогам"
  schedule,     // "в соответствии с графиком проведения ВПР", "по графику проведения ГИА"
  by,           // "до 10 января", "к началу учебного года", "не позднее"
  at,           // "в конце учебного года", "в начале года", "конец мая"
  upon,         // "по окончании учебного года": right after the edge
};

enum class SpanKind : std::uint8_t {
  none,
  plan,         // "постоянно": the whole period of the plan
  year,         // "в течение года": each year of the plan (the school year of a school-year plan)
  school_year,  // "в течение учебного года"
  years,        // "в течение 2023, 2024 гг.", "2019 год", "2019-2020": the calendar years in `years`
  school_years, // "в течение 2022-2023 учебного года": school years starting in `years`
};

enum class Edge : std::uint8_t { none, start, middle, end };

enum class Demand : std::uint8_t {
  none,
  necessity,   // "по мере необходимости", "при необходимости", "as needed"
  need,        // "по потребности"
  violations,  // "по мере выявления фактов нарушений"
  formation,   // "по мере формирования"
  arrival,     // "по мере поступления"
  request,     // "по запросу"
};

enum class ClauseKind : std::uint8_t {
  months,     // windows: "август", "июнь-август", "Апрель-июнь 2023, 2024 гг.", "с 1 по 15 марта"
  periodic,   // unit/every/times: "ежегодно", "не реже 1 раза в квартал", "1 раз в 3 года для каждой ОО"
  part,       // unit/index/years: "I квартал", "во 2 полугодии", "в течение I полугодия 2024 г."
  span,       // span/years: "постоянно", "в течение учебного года", "2023, 2024 гг."
  event,      // events/relation/lag: "после каждой ОП", "по графику проведения ВПР, ГИА"
  item,       // another item: "в течение месяца после завершения анализа" (anchor needs a binding)
  external,   // an external schedule: "по утвержденному графику", "по плану совещаний"
  on_demand,  // demand: "по мере необходимости"
  by_date,    // relation by/at a date or an edge: "до 10 января 2023 г", "к началу учебного года"
};

struct Clause {
  ClauseKind kind = ClauseKind::months;
  bool repeat = false;  // "повторно - ..."

  // months; part/span/event: the years stated ("I квартал 2024 г.", "ВПР в 2022 г.").
  std::vector<Window> windows;
  std::vector<int> years;

  // periodic: `times` per `every` `unit`s ("2 раза в год": times 2, every 1, year).
  // part: the `index`-th `unit` of the year ("2 полугодие": half_year, 2).
  Unit unit = Unit::none;
  int every = 1;
  int times = 1;
  int index = 0;
  int index_last = 0;       // part: "I-II квартал" runs to the II-nd (0: a single part)
  bool at_least = false;    // "не реже"
  bool per_school = false;  // "для каждой образовательной организации"
  Point due;                // periodic: "до 25 числа каждого месяца", "ежегодно до 1 сентября"
  bool due_next = false;    // periodic: the due day is in the month after the period
                            // ("до 5 числа месяца, следующего за отчетным кварталом")

  SpanKind span = SpanKind::none;  // span; periodic: "ежемесячно в течение учебного года"

  // event / item / by_date
  std::uint32_t events = 0;
  Relation relation = Relation::none;
  bool each = false;       // "после каждой ОП"
  int lag = 0;             // "через 2 недели после": 2 weeks; "на следующий день после": 1 day
  Unit lag_unit = Unit::none;
  bool within = false;     // "в течение месяца после": any time within the lag, not exactly at it

  // by_date: a date ("до 10 января 2023 г") or an edge of a unit ("к началу учебного года",
  // "до конца I квартала": edge end, unit quarter, index 1).
  Point date;
  Edge edge = Edge::none;

  // item / external / on_demand: the words naming what the plan must bind, normalised (lower
  // case, single spaces), e.g. "завершения анализа", "утвержденному графику"; item: an item number
  // when the phrase names one ("4.5").
  std::string anchor;
  std::string item_ref;
  Demand demand = Demand::none;

  bool operator==(const Clause&) const = default;
};

struct Schedule {
  std::vector<Clause> clauses;
  bool operator==(const Schedule&) const = default;
};

}  // namespace roadmap::deadline
