// The reading of a phrase in words a coordinator understands, for `roadmap explain` and for
// `roadmap validate`. Its vocabulary is domain data of the deadline language (this module links
// no message catalogue); the CLI adds its own headings from the catalogue.
#include "deadline/describe.hpp"

#include <cstdio>

#include "deadline/dates.hpp"
#include "deadline/render.hpp"

namespace roadmap::deadline {
namespace {

std::string_view kind_name(ClauseKind k, Lang l) {
  bool ru = l == Lang::ru;
  switch (k) {
    case ClauseKind::months: return ru ? "месяцы" : "months";
    case ClauseKind::periodic: return ru ? "периодически" : "periodic";
    case ClauseKind::part: return ru ? "часть года" : "part of the year";
    case ClauseKind::span: return ru ? "непрерывно в течение периода" : "continuous over a span";
    case ClauseKind::event: return ru ? "по оценочной процедуре" : "tied to an assessment event";
    case ClauseKind::item: return ru ? "по другому пункту плана" : "tied to another item";
    case ClauseKind::external: return ru ? "по внешнему графику" : "by an external schedule";
    case ClauseKind::on_demand: return ru ? "по мере необходимости" : "on demand";
    case ClauseKind::by_date: return ru ? "к сроку" : "by a date";
  }
  return "";
}

std::string date_text(const std::chrono::year_month_day& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buf;
}

std::string need_text(Need n, Lang l) {
  bool ru = l == Lang::ru;
  switch (n) {
    case Need::plan_period:
      return ru ? "нужен период плана (учебный год или годы): укажите --school-year или --years"
                : "needs the plan's period (school year or years): give --school-year or --years";
    case Need::event_calendar:
      return ru ? "даты зависят от календаря оценочных процедур (event_calendar)"
                : "the dates depend on the assessment-event calendar (event_calendar)";
    case Need::item_binding:
      return ru ? "даты зависят от пункта плана, к которому привязан срок"
                : "the dates depend on the item the deadline is bound to";
    case Need::schedule_binding:
      return ru ? "даты задаёт внешний график, к которому привязан срок"
                : "the dates come from the external schedule the deadline is bound to";
    case Need::demand:
      return ru ? "по мере необходимости: заранее дат нет" : "on demand: no dates in advance";
    case Need::none: break;
  }
  return "";
}

std::string anchor_text(const Anchor& a, Lang l) {
  bool ru = l == Lang::ru;
  switch (a.kind) {
    case AnchorKind::item:
      return ru ? "«" + a.text + "»: пункт плана — укажите bindings: [{anchor: " + a.text + ", item: НОМЕР}]"
                : "'" + a.text + "': an item of the plan — give bindings: [{anchor: " + a.text + ", item: NUMBER}]";
    case AnchorKind::schedule:
      return ru ? "«" + a.text + "»: внешний график — укажите bindings: [{anchor: " + a.text + ", schedule: НАЗВАНИЕ}]"
                : "'" + a.text + "': an external schedule — give bindings: [{anchor: " + a.text + ", schedule: NAME}]";
    case AnchorKind::event:
      return ru ? "«ОП»: любая оценочная процедура; можно уточнить bindings: [{anchor: ОП, event: ВПР}]"
                : "'ОП': any assessment procedure; may be narrowed with bindings: [{anchor: ОП, event: ВПР}]";
  }
  return "";
}

std::string note_text(NoteKind k, Lang l) {
  bool ru = l == Lang::ru;
  switch (k) {
    case NoteKind::half_year_school:
      return ru ? "«полугодие» прочитано как учебное (сентябрь–декабрь, январь–август): настройка плана half_year: school"
                : "'полугодие' read as a school half-year (Sep-Dec, Jan-Aug): plan setting half_year: school";
    case NoteKind::half_year_calendar:
      return ru ? "«полугодие» прочитано как календарное (январь–июнь, июль–декабрь): настройка плана half_year: calendar"
                : "'полугодие' read as a calendar half-year (Jan-Jun, Jul-Dec): plan setting half_year: calendar";
    case NoteKind::years_as_calendar:
      return ru ? "годы через дефис прочитаны как календарные; для учебного года напишите «2019-2020 учебный год»"
                : "years with a dash read as calendar years; for a school year write '2019-2020 учебный год'";
    case NoteKind::months_each_year:
      return ru ? "месяц без года — в каждом году плана (в учебном году плана: сентябрь–декабрь первого года, январь–август второго)"
                : "a month without a year falls in each year of the plan (in a school-year plan: Sep-Dec of its first year, Jan-Aug of its second)";
  }
  return "";
}

}  // namespace

Description describe(std::string_view phrase, const ParseOptions& opts, Lang lang) {
  Description d;
  ParseResult r = parse(phrase, opts);
  d.understood = r.understood();
  if (!d.understood) {
    d.shown.reserve(phrase.size());
    for (char ch : phrase) d.shown.push_back(ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch);
    d.caret = std::string(r.stop_column, ' ') + "^";
    d.suggestions = r.suggestions;
    return d;
  }
  for (const auto& c : r.schedule.clauses)
    d.readings.push_back(std::string(kind_name(c.kind, lang)) + ": " + render(c, lang));
  d.canonical = render(r.schedule, lang);
  for (const auto& a : r.anchors) d.anchors.push_back(anchor_text(a, lang));
  for (const auto& n : r.notes) d.notes.push_back(note_text(n.kind, lang));
  for (const auto& o : dates(r.schedule, opts)) {
    std::string prefix = r.schedule.clauses.size() > 1 ? std::to_string(o.clause + 1) + ") " : "";
    if (o.need != Need::none) d.dates.push_back(prefix + need_text(o.need, lang));
    else if (o.first == o.last) d.dates.push_back(prefix + date_text(o.first));
    else d.dates.push_back(prefix + date_text(o.first) + " – " + date_text(o.last));
  }
  return d;
}

std::string describe_line(std::string_view phrase, const ParseOptions& opts, Lang lang) {
  ParseResult r = parse(phrase, opts);
  if (r.understood()) return render(r.schedule, lang);
  std::string s = lang == Lang::ru ? "не понято с позиции " : "not understood from column ";
  s += std::to_string(r.stop_column + 1);
  if (!r.suggestions.empty()) {
    s += lang == Lang::ru ? "; известные формы: " : "; known forms: ";
    for (std::size_t k = 0; k < r.suggestions.size(); ++k) {
      if (k) s += ", ";
      s += r.suggestions[k];
    }
  }
  return s;
}

}  // namespace roadmap::deadline
