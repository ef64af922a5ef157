// Canonical Russian and English text of a schedule. The vocabulary (month names in the cases the
// texts need, event names, unit names with Russian numeral agreement) is domain data kept here.
// Every form written here is one the grammar reads back to the same schedule.
#include "deadline/render.hpp"

#include <string>
#include <string_view>

namespace roadmap::deadline {
namespace {

constexpr std::string_view kMonthNom[] = {"", "январь", "февраль", "март", "апрель", "май", "июнь",
                                          "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"};
constexpr std::string_view kMonthGen[] = {"", "января", "февраля", "марта", "апреля", "мая", "июня",
                                          "июля", "августа", "сентября", "октября", "ноября", "декабря"};
constexpr std::string_view kMonthEn[] = {"", "January", "February", "March", "April", "May", "June",
                                         "July", "August", "September", "October", "November", "December"};
constexpr std::string_view kRoman[] = {"", "I", "II", "III", "IV"};
constexpr std::string_view kOrdEn[] = {"", "first", "second", "third", "fourth"};

struct EventName {
  std::uint32_t bit;
  std::string_view ru;
  std::string_view en;
};
constexpr EventName kEventNames[] = {
    {ev_op, "ОП", "assessment"},      {ev_vpr, "ВПР", "VPR"},       {ev_oge, "ОГЭ", "OGE"},
    {ev_ege, "ЕГЭ", "EGE"},           {ev_gve, "ГВЭ", "GVE"},       {ev_gia, "ГИА", "GIA"},
    {ev_is9, "ИС-9", "final interview"}, {ev_is11, "ИС(И)-11", "final essay"},
    {ev_dkr, "ДКР", "DKR"},           {ev_kdr, "КДР", "KDR"},       {ev_niko, "НИКО", "NIKO"},
    {ev_msi, "МСИ", "MSI"},           {ev_vsosh, "ВсОШ", "VsOSh"},  {ev_pisa, "PISA", "PISA"},
    {ev_timss, "TIMSS", "TIMSS"},     {ev_pirls, "PIRLS", "PIRLS"},
};

// Russian numeral agreement: 1 -> one, 2..4 -> few, else many (11..14 are many).
int plural_class(int n) {
  int m10 = n % 10, m100 = n % 100;
  if (m10 == 1 && m100 != 11) return 0;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 1;
  return 2;
}

// Genitive after "в течение" / accusative after "через", by number.
std::string_view unit_ru(Unit u, int n, bool accusative) {
  int p = plural_class(n);
  switch (u) {
    case Unit::day: return p == 0 ? (accusative ? "день" : "дня") : p == 1 ? "дня" : "дней";
    case Unit::working_day:
      return p == 0 ? (accusative ? "рабочий день" : "рабочего дня") : p == 1 ? "рабочих дня" : "рабочих дней";
    case Unit::week: return p == 0 ? (accusative ? "неделю" : "недели") : p == 1 ? "недели" : "недель";
    case Unit::month: return p == 0 ? (accusative ? "месяц" : "месяца") : p == 1 ? "месяца" : "месяцев";
    case Unit::quarter: return p == 0 ? (accusative ? "квартал" : "квартала") : p == 1 ? "квартала" : "кварталов";
    case Unit::half_year: return p == 0 ? (accusative ? "полугодие" : "полугодия") : p == 1 ? "полугодия" : "полугодий";
    case Unit::term: return p == 0 ? (accusative ? "четверть" : "четверти") : p == 1 ? "четверти" : "четвертей";
    case Unit::year: return p == 0 ? (accusative ? "год" : "года") : p == 1 ? "года" : "лет";
    case Unit::school_year: return p == 0 ? (accusative ? "учебный год" : "учебного года") : p == 1 ? "учебных года" : "учебных лет";
    default: return "";
  }
}

// Genitive plural, after "в течение 2 ...".
std::string_view unit_ru_gen_plural(Unit u) {
  switch (u) {
    case Unit::day: return "дней";
    case Unit::working_day: return "рабочих дней";
    case Unit::week: return "недель";
    case Unit::month: return "месяцев";
    case Unit::quarter: return "кварталов";
    case Unit::half_year: return "полугодий";
    case Unit::term: return "четвертей";
    case Unit::year: return "лет";
    case Unit::school_year: return "учебных лет";
    default: return "";
  }
}

std::string_view unit_en(Unit u, int n) {
  bool one = n == 1;
  switch (u) {
    case Unit::day: return one ? "day" : "days";
    case Unit::working_day: return one ? "working day" : "working days";
    case Unit::week: return one ? "week" : "weeks";
    case Unit::month: return one ? "month" : "months";
    case Unit::quarter: return one ? "quarter" : "quarters";
    case Unit::half_year: return one ? "half-year" : "half-years";
    case Unit::term: return one ? "term" : "terms";
    case Unit::year: return one ? "year" : "years";
    case Unit::school_year: return one ? "school year" : "school years";
    default: return "";
  }
}

std::string num(int n) { return std::to_string(n); }

std::string year_list_ru(const std::vector<int>& ys) {
  std::string s;
  for (std::size_t k = 0; k < ys.size(); ++k) {
    if (k) s += ", ";
    s += num(ys[k]);
  }
  s += ys.size() > 1 ? " гг." : " г.";
  return s;
}

std::string year_list_en(const std::vector<int>& ys) {
  std::string s;
  for (std::size_t k = 0; k < ys.size(); ++k) {
    if (k) s += k + 1 == ys.size() ? " and " : ", ";
    s += num(ys[k]);
  }
  return s;
}

std::string events_text(const Clause& c, Lang lang) {
  std::string s;
  int n = 0;
  for (const auto& e : kEventNames) {
    if (!(c.events & e.bit)) continue;
    if (n++) s += lang == Lang::ru ? ", " : " and ";
    if (lang == Lang::ru && e.bit == ev_op && c.each) s += "оценочной процедуры (ОП)";
    else s += lang == Lang::ru ? e.ru : e.en;
  }
  std::string out;
  if (c.each) out = lang == Lang::ru ? "каждой " : "each ";
  out += s;
  if (!c.years.empty()) out += lang == Lang::ru ? " в " + year_list_ru(c.years) : " in " + year_list_en(c.years);
  return out;
}

// --- months ----------------------------------------------------------------------------------

std::string point_ru(const Point& p, bool with_year) {
  std::string s;
  if (p.day) s = num(p.day) + " " + std::string(kMonthGen[p.month]);
  else s = std::string(kMonthNom[p.month]);
  if (with_year && p.year) s += " " + num(p.year) + " г.";
  return s;
}

std::string point_en(const Point& p, bool with_year) {
  std::string s;
  if (p.day) s = num(p.day) + " " + std::string(kMonthEn[p.month]);
  else s = std::string(kMonthEn[p.month]);
  if (with_year && p.year) s += " " + num(p.year);
  return s;
}

// A window without its years (they are written after the group).
std::string window_core(const Window& w, Lang lang, bool cross_year) {
  auto pt = [&](const Point& p, bool y) { return lang == Lang::ru ? point_ru(p, y) : point_en(p, y); };
  if (w.from.month == w.to.month && w.from.day == w.to.day && !cross_year) return pt(w.from, false);
  if (w.from.day && w.to.day && w.from.month == w.to.month && !cross_year)
    return num(w.from.day) + "–" + (lang == Lang::ru ? point_ru(w.to, false) : point_en(w.to, false));
  if (cross_year) return pt(w.from, true) + " – " + pt(w.to, true);
  return pt(w.from, false) + "–" + pt(w.to, false);
}

bool same_shape(const Window& a, const Window& b) {
  return a.from.month == b.from.month && a.from.day == b.from.day && a.to.month == b.to.month &&
         a.to.day == b.to.day && (a.to.year - a.from.year) == (b.to.year - b.from.year);
}

// A window whose from-year is not the one the grammar infers (from its to-year) is written with
// both years: "декабрь 2022 г. – январь 2024 г.".
bool cross_year(const Window& w) {
  if (!w.to.year) return false;
  if (w.from.year != w.to.year) return true;  // "сентябрь 2023 г. – май 2024 г." reads plainer
  bool wraps = w.from.month > w.to.month || (w.from.month == w.to.month && w.from.day > w.to.day);
  return w.from.year != (wraps ? w.to.year - 1 : w.to.year);
}

std::string months_text(const Clause& c, Lang lang) {
  std::string s;
  const auto& ws = c.windows;
  bool any_yearless = false;
  std::vector<std::string> parts;
  for (std::size_t k = 0; k < ws.size();) {
    const Window& w = ws[k];
    if (!w.to.year) {
      any_yearless = true;
      parts.push_back(window_core(w, lang, false));
      ++k;
      continue;
    }
    if (cross_year(w)) {
      parts.push_back(window_core(w, lang, true));
      ++k;
      continue;
    }
    // consecutive windows of the same shape with different years: "апрель–июнь 2023, 2024 гг."
    std::vector<int> ys{w.to.year};
    std::size_t j = k + 1;
    while (j < ws.size() && ws[j].to.year && !cross_year(ws[j]) && same_shape(w, ws[j])) {
      ys.push_back(ws[j].to.year);
      ++j;
    }
    parts.push_back(window_core(w, lang, false) + " " + (lang == Lang::ru ? year_list_ru(ys) : year_list_en(ys)));
    k = j;
  }
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) s += (k + 1 == parts.size() && any_yearless && parts.size() > 1) ? (lang == Lang::ru ? " и " : " and ") : ", ";
    s += parts[k];
  }
  if (any_yearless) s += lang == Lang::ru ? " каждого года плана" : " of each year of the plan";
  return s;
}

// --- periodic --------------------------------------------------------------------------------

std::string times_ru(int n, bool at_least) {
  if (at_least) return n == 1 ? "не реже 1 раза" : "не реже " + num(n) + " раз";
  return num(n) + (plural_class(n) == 1 ? " раза" : " раз");
}

std::string times_en(int n, bool at_least) {
  std::string s = at_least ? "at least " : "";
  if (n == 1) return s + "once";
  if (n == 2) return s + "twice";
  return s + num(n) + " times";
}

std::string periodic_ru(const Clause& c) {
  std::string s;
  if (c.relation == Relation::results) {
    bool fem = c.unit == Unit::term;
    s = std::string("по итогам ") + (fem ? "каждой " : "каждого ") + std::string(unit_ru(c.unit, 1, false));
  } else {
    std::string_view adv;
    switch (c.unit) {
      case Unit::year: adv = "ежегодно"; break;
      case Unit::month: adv = "ежемесячно"; break;
      case Unit::week: adv = "еженедельно"; break;
      case Unit::quarter: adv = "ежеквартально"; break;
      case Unit::day: adv = "ежедневно"; break;
      default: break;
    }
    if (c.every == 1 && !adv.empty()) {
      s = adv;
      if (c.at_least || c.times != 1) s += ", " + times_ru(c.times, c.at_least);
    } else {
      s = times_ru(c.times, c.at_least) + " в ";
      if (c.every == 1) {
        // "в полугодие", "в четверть", "в учебный год": accusative singular
        s += std::string(unit_ru(c.unit, 1, true));
      } else {
        s += num(c.every) + " " + std::string(unit_ru(c.unit, c.every, true));
      }
    }
  }
  if (c.per_school) s += " для каждой образовательной организации";
  if (c.due.day && c.due.month) s += " до " + num(c.due.day) + " " + std::string(kMonthGen[c.due.month]);
  else if (c.due.day && c.due_next) s += " до " + num(c.due.day) + " числа месяца, следующего за отчетным";
  else if (c.due.day) s += " до " + num(c.due.day) + " числа";
  if (c.span == SpanKind::school_year) s += " в течение учебного года";
  if (c.span == SpanKind::year) s += " в течение года";
  return s;
}

std::string ordinal_en(int n) {
  int m100 = n % 100, m10 = n % 10;
  std::string_view suf = "th";
  if (m100 < 11 || m100 > 13) suf = m10 == 1 ? "st" : m10 == 2 ? "nd" : m10 == 3 ? "rd" : "th";
  return num(n) + std::string(suf);
}

std::string periodic_en(const Clause& c) {
  std::string s;
  if (c.relation == Relation::results) {
    s = "after each " + std::string(unit_en(c.unit, 1));
  } else {
    std::string_view adv;
    switch (c.unit) {
      case Unit::year: adv = "annually"; break;
      case Unit::month: adv = "monthly"; break;
      case Unit::week: adv = "weekly"; break;
      case Unit::quarter: adv = "quarterly"; break;
      case Unit::day: adv = "daily"; break;
      default: break;
    }
    if (c.every == 1 && !adv.empty()) {
      s = adv;
      if (c.at_least || c.times != 1) s += ", " + times_en(c.times, c.at_least);
    } else {
      s = times_en(c.times, c.at_least) + " every ";
      if (c.every != 1) s += num(c.every) + " ";
      s += unit_en(c.unit, c.every);
    }
  }
  if (c.per_school) s += " for each school";
  if (c.due.day && c.due.month) s += " by " + num(c.due.day) + " " + std::string(kMonthEn[c.due.month]);
  else if (c.due.day && c.due_next) s += " by the " + ordinal_en(c.due.day) + " of the next month";
  else if (c.due.day) s += " by the " + ordinal_en(c.due.day);
  if (c.span == SpanKind::school_year) s += " during the school year";
  if (c.span == SpanKind::year) s += " during the year";
  return s;
}

// --- parts, spans, edges ---------------------------------------------------------------------

std::string part_ru(const Clause& c, bool genitive) {
  std::string s = std::string(kRoman[c.index]);
  if (c.index_last) s += "–" + std::string(kRoman[c.index_last]);
  s += " ";
  switch (c.unit) {
    case Unit::quarter: s += genitive ? "квартала" : "квартал"; break;
    case Unit::half_year: s += genitive ? "полугодия" : "полугодие"; break;
    case Unit::term: s += genitive ? "четверти" : "четверть"; break;
    default: break;
  }
  if (c.span == SpanKind::school_years && !c.years.empty())
    s += " " + num(c.years[0]) + "-" + num(c.years[0] + 1) + " учебного года";
  else if (!c.years.empty())
    s += " " + year_list_ru(c.years);
  return s;
}

std::string part_en(const Clause& c) {
  std::string s = "the " + std::string(kOrdEn[c.index]);
  if (c.index_last) s += " and " + std::string(kOrdEn[c.index_last]);
  s += " " + std::string(unit_en(c.unit, 1));
  if (c.span == SpanKind::school_years && !c.years.empty())
    s += " of the " + num(c.years[0]) + "-" + num(c.years[0] + 1) + " school year";
  else if (!c.years.empty())
    s += " of " + year_list_en(c.years);
  return s;
}

std::string span_ru(const Clause& c) {
  switch (c.span) {
    case SpanKind::plan: return "постоянно";
    case SpanKind::year: return "в течение года";
    case SpanKind::school_year: return "в течение учебного года";
    case SpanKind::years: return "в течение " + year_list_ru(c.years);
    case SpanKind::school_years:
      return "в течение " + num(c.years.empty() ? 0 : c.years[0]) + "-" +
             num(c.years.empty() ? 0 : c.years[0] + 1) + " учебного года";
    default: return "";
  }
}

std::string span_en(const Clause& c) {
  switch (c.span) {
    case SpanKind::plan: return "continuously";
    case SpanKind::year: return "during the year";
    case SpanKind::school_year: return "during the school year";
    case SpanKind::years: return "during " + year_list_en(c.years);
    case SpanKind::school_years:
      return "during the " + num(c.years.empty() ? 0 : c.years[0]) + "-" +
             num(c.years.empty() ? 0 : c.years[0] + 1) + " school year";
    default: return "";
  }
}

std::string edge_target_ru(const Clause& c) {
  std::string_view e = c.edge == Edge::start ? "начала" : c.edge == Edge::end ? "конца" : "середины";
  if (c.relation == Relation::at)
    e = c.edge == Edge::start ? "начале" : c.edge == Edge::end ? "конце" : "середине";
  if (c.relation == Relation::by && c.edge == Edge::start) e = "началу";
  if (c.relation == Relation::by && c.edge == Edge::end) e = "концу";
  if (c.relation == Relation::by && c.edge == Edge::middle) e = "середине";
  if (c.relation == Relation::upon) e = "окончании";
  std::string s(e);
  s += " ";
  if (c.index) return s + part_ru(c, true);
  switch (c.unit) {
    case Unit::school_year:
      if (!c.years.empty()) return s + num(c.years[0]) + "/" + num(c.years[0] + 1) + " учебного года";
      return s + "учебного года";
    case Unit::year:
      return s + (c.years.empty() ? std::string("года") : num(c.years[0]) + " года");
    case Unit::month:
      if (c.date.month) return s + std::string(kMonthGen[c.date.month]) + (c.date.year ? " " + num(c.date.year) + " г." : "");
      return s + "каждого месяца";
    case Unit::quarter: return s + "каждого квартала";
    case Unit::half_year: return s + "каждого полугодия";
    case Unit::term: return s + "каждой четверти";
    default: return s;
  }
}

std::string edge_target_en(const Clause& c) {
  std::string s = c.edge == Edge::start ? "the start of " : c.edge == Edge::end ? "the end of " : "the middle of ";
  if (c.index) return s + part_en(c);
  switch (c.unit) {
    case Unit::school_year:
      if (!c.years.empty()) return s + "the " + num(c.years[0]) + "/" + num(c.years[0] + 1) + " school year";
      return s + "the school year";
    case Unit::year: return s + (c.years.empty() ? std::string("the year") : num(c.years[0]));
    case Unit::month:
      if (c.date.month) return s + std::string(kMonthEn[c.date.month]) + (c.date.year ? " " + num(c.date.year) : "");
      return s + "each month";
    case Unit::quarter: return s + "each quarter";
    case Unit::half_year: return s + "each half-year";
    case Unit::term: return s + "each term";
    default: return s;
  }
}

std::string by_date_ru(const Clause& c) {
  if (c.edge != Edge::none)
    return (c.relation == Relation::at ? "в " : c.relation == Relation::upon ? "по " : "к ") + edge_target_ru(c);
  std::string s = "не позднее ";
  if (c.date.day) s += num(c.date.day) + " " + std::string(kMonthGen[c.date.month]);
  else s += std::string(kMonthGen[c.date.month]);
  if (c.date.year) s += " " + num(c.date.year) + " г.";
  return s;
}

std::string by_date_en(const Clause& c) {
  if (c.edge != Edge::none)
    return (c.relation == Relation::at ? "at " : c.relation == Relation::upon ? "upon " : "by ") + edge_target_en(c);
  std::string s = "by ";
  if (c.date.day) s += num(c.date.day) + " ";
  s += kMonthEn[c.date.month];
  if (c.date.year) s += " " + num(c.date.year);
  return s;
}

// --- lags, events, items ---------------------------------------------------------------------

std::string lag_ru(const Clause& c) {
  if (c.lag_unit == Unit::none || c.lag == 0) return "";
  if (!c.within && c.lag == 1 && c.lag_unit == Unit::day)
    return c.relation == Relation::before ? "накануне " : "на следующий день ";
  if (c.within) {
    if (c.lag == 1) return "в течение " + std::string(unit_ru(c.lag_unit, 1, false)) + " ";
    return "в течение " + num(c.lag) + " " + std::string(unit_ru_gen_plural(c.lag_unit)) + " ";
  }
  return (c.relation == Relation::before ? "за " : "через ") + num(c.lag) + " " +
         std::string(unit_ru(c.lag_unit, c.lag, true)) + " ";
}

std::string lag_en(const Clause& c) {
  if (c.lag_unit == Unit::none || c.lag == 0) return "";
  if (!c.within && c.lag == 1 && c.lag_unit == Unit::day && c.relation != Relation::before) return "the day ";
  if (c.within) {
    if (c.lag == 1) return "within a " + std::string(unit_en(c.lag_unit, 1)) + " ";
    return "within " + num(c.lag) + " " + std::string(unit_en(c.lag_unit, c.lag)) + " ";
  }
  return num(c.lag) + " " + std::string(unit_en(c.lag_unit, c.lag)) + " ";
}

std::string event_ru(const Clause& c) {
  std::string s = c.span == SpanKind::plan ? "постоянно " : "";
  std::string ev = events_text(c, Lang::ru);
  switch (c.relation) {
    case Relation::after: return s + lag_ru(c) + "после " + ev;
    case Relation::before:
      if (!c.within && c.lag == 1 && c.lag_unit == Unit::day) return s + "накануне " + ev;
      return s + lag_ru(c) + "до " + ev;
    case Relation::during: return s + "в период проведения " + ev;
    case Relation::preparation: return s + "при подготовке к проведению " + ev;
    case Relation::checking: return s + "при проверке " + ev;
    case Relation::results: return s + "по результатам " + ev;
    case Relation::schedule: return s + "по графику проведения " + ev;
    default: return s + ev;
  }
}

std::string event_en(const Clause& c) {
  std::string s = c.span == SpanKind::plan ? "continuously " : "";
  std::string ev = events_text(c, Lang::en);
  switch (c.relation) {
    case Relation::after: return s + lag_en(c) + "after " + ev;
    case Relation::before: return s + lag_en(c) + "before " + ev;
    case Relation::during: return s + "during " + ev;
    case Relation::preparation: return s + "during preparation for " + ev;
    case Relation::checking: return s + "during checking of " + ev;
    case Relation::results: return s + "on the results of " + ev;
    case Relation::schedule: return s + "according to the schedule of " + ev;
    default: return s + ev;
  }
}

std::string item_ru(const Clause& c) {
  std::string rel = c.relation == Relation::results ? "по итогам " : c.relation == Relation::before ? "до " : "после ";
  std::string target = !c.item_ref.empty() ? "выполнения п. " + c.item_ref : c.anchor;
  return lag_ru(c) + rel + target;
}

std::string item_en(const Clause& c) {
  std::string rel = c.relation == Relation::before ? "before " : "after ";
  std::string target;
  if (!c.item_ref.empty()) target = "item " + c.item_ref + " is done";
  else if (c.anchor.rfind("завершения ", 0) == 0) target = "completion of " + c.anchor.substr(std::string_view("завершения ").size());
  else target = c.anchor;
  if (c.relation == Relation::results) rel = "on the results of ";
  return lag_en(c) + rel + target;
}

// External anchors are kept as Russian keys; English gives the known words in English.
std::string external_en(const Clause& c) {
  if (c.anchor.rfind("в соответствии с ", 0) == 0 || c.anchor.rfind("согласно ", 0) == 0) return "per " + c.anchor;
  if (c.anchor.rfind("сроки установленные", 0) == 0) {
    std::string rest = c.anchor.substr(std::string_view("сроки установленные").size());
    return rest.empty() ? std::string("within the dates set") : "within the dates set by" + rest;
  }
  std::string out = "according to the";
  std::size_t k = 0;
  const std::string& a = c.anchor;
  while (k <= a.size()) {
    std::size_t e = a.find(' ', k);
    if (e == std::string::npos) e = a.size();
    std::string_view w(a.data() + k, e - k);
    if (w == "утвержденному") out += " approved";
    else if (w == "отдельному") out += " separate";
    else if (w == "графику") out += " schedule";
    else if (w == "плану") out += " plan";
    else if (w == "совещаний") out += " of meetings";
    else if (!w.empty()) out += " " + std::string(w);
    k = e + 1;
  }
  return out;
}

std::string external_ru(const Clause& c) {
  if (c.anchor.rfind("в соответствии с ", 0) == 0 || c.anchor.rfind("согласно ", 0) == 0) return c.anchor;
  if (c.anchor.rfind("сроки установленные", 0) == 0)
    return "в сроки, установленные" + c.anchor.substr(std::string_view("сроки установленные").size());
  return "по " + c.anchor;
}

std::string demand_ru(const Clause& c) {
  std::string obj = c.anchor.empty() ? "" : " " + c.anchor;
  switch (c.demand) {
    case Demand::necessity: return "по мере необходимости";
    case Demand::need: return "по потребности";
    case Demand::violations: return "по мере выявления фактов нарушений";
    case Demand::formation: return "по мере формирования" + obj;
    case Demand::arrival: return "по мере поступления" + obj;
    case Demand::request: return "по запросу" + obj;
    default: return "";
  }
}

std::string demand_en(const Clause& c) {
  switch (c.demand) {
    case Demand::necessity: return "as needed";
    case Demand::need: return "as need arises";
    case Demand::violations: return "as violations are found";
    case Demand::formation: return c.anchor.empty() ? "as formed" : "as " + c.anchor + " are formed";
    case Demand::arrival: return c.anchor.empty() ? "as they arrive" : "as " + c.anchor + " arrive";
    case Demand::request: return c.anchor.empty() ? "on request" : "on request " + c.anchor;
    default: return "";
  }
}

}  // namespace

std::string render(const Clause& c, Lang lang) {
  bool ru = lang == Lang::ru;
  std::string s;
  if (c.repeat) s = ru ? "повторно - " : "again: ";
  switch (c.kind) {
    case ClauseKind::months: return s + months_text(c, lang);
    case ClauseKind::periodic: return s + (ru ? periodic_ru(c) : periodic_en(c));
    case ClauseKind::part:
      if (c.relation == Relation::results) return s + (ru ? "по итогам " + part_ru(c, true) : "after " + part_en(c));
      return s + (ru ? part_ru(c, false) : part_en(c));
    case ClauseKind::span: return s + (ru ? span_ru(c) : span_en(c));
    case ClauseKind::event: return s + (ru ? event_ru(c) : event_en(c));
    case ClauseKind::item: return s + (ru ? item_ru(c) : item_en(c));
    case ClauseKind::external: return s + (ru ? external_ru(c) : external_en(c));
    case ClauseKind::on_demand: return s + (ru ? demand_ru(c) : demand_en(c));
    case ClauseKind::by_date: return s + (ru ? by_date_ru(c) : by_date_en(c));
  }
  return s;
}

std::string render(const Schedule& schedule, Lang lang) {
  std::string s;
  for (std::size_t k = 0; k < schedule.clauses.size(); ++k) {
    if (k) s += "; ";
    s += render(schedule.clauses[k], lang);
  }
  return s;
}

}  // namespace roadmap::deadline
