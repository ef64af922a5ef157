// The scheduler (see expand.hpp). One pass over the plan: for every item (or every sub-measure
// with a deadline of its own), read its deadline in the plan's context, turn each clause into
// occurrences with dates, and give every occurrence to every assignee the responsible and
// co-executor bodies fan out to on that day.
#include "scheduler/expand.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <functional>
#include <set>
#include <unordered_map>

#include "deadline/dates.hpp"
#include "deadline/parse.hpp"
#include "plancheck/plan_deadlines.hpp"

namespace roadmap::scheduler {
namespace {

using namespace std::chrono;
namespace dl = deadline;
using model::NameRef;

std::string iso(Date d) { return calendar::to_string(d); }

Date add_days(Date d, long n) { return Date{sys_days{d} + days{n}}; }

Date add_months(Date d, int n) {
  year_month_day r = d + months{n};
  if (!r.ok()) r = r.year() / r.month() / last;
  return r;
}

// One party the item names: a responsible body or a co-executor, as the plan writes it.
struct Party {
  std::string name;
  TaskRole role = TaskRole::lead;
  NameRef ref;
  model::BodyKind plan_kind = model::BodyKind::other;
};

struct Assignee {
  AssigneeKind kind = AssigneeKind::body;
  std::string id;
  std::string timezone;
  std::string via;
};

// A dated occurrence before it is given to assignees.
struct Slot {
  std::string occurrence;
  TaskKind kind = TaskKind::window;
  std::string label;
  std::optional<Date> opens;
  std::optional<Date> due;
  Waiting waiting = Waiting::none;
  std::string waits_for;
};

// What one deadline phrase of an item (or of one of its sub-measures) is scheduled from.
struct Source {
  const model::Item* item = nullptr;
  std::string key;    // item key
  int sub = 0;        // 0 = the item
  std::string where;  // "4.11" or "4.11/2", for messages
  std::string phrase;
  model::SourcePos pos;
  dl::Schedule schedule;
  std::vector<dl::Anchor> anchors;
  std::vector<std::string> responsible;
};

class Expander {
 public:
  Expander(const Inputs& in, const Options& o, Expansion& out)
      : in_(in), o_(o), out_(out), plan_(*in.plan), dir_(*in.directory), cal_(*in.calendar) {}

  void run() {
    opts_ = plancheck::parse_options(plan_);
    first_ = plan_.period.first_day();
    last_ = plan_.period.last_day();
    for (auto y : cal_.missing_years(first_, last_)) report_year(y);
    check_event_bindings();
    collect_sources();
    find_cycles();
    // Every source's slots first, then one allocation for all the tasks: hundreds of thousands of
    // tasks would otherwise be moved again each time the vector grows.
    std::vector<Prepared> prepared;
    prepared.reserve(sources_.size());
    std::size_t total = 0;
    for (const auto& s : sources_) {
      prepared.push_back(prepare(s));
      total += count(prepared.back());
    }
    out_.tasks.reserve(total);
    for (const auto& pr : prepared) emit(pr);
  }

 private:
  const Inputs& in_;
  const Options& o_;
  Expansion& out_;
  const model::Plan& plan_;
  const model::Directory& dir_;
  const calendar::ProductionCalendar& cal_;
  dl::ParseOptions opts_;
  Date first_{}, last_{};
  std::vector<Source> sources_;
  std::set<int> reported_years_;
  std::set<std::string> in_cycle_;
  std::set<std::string> reported_names_;

  diag::Location loc(const model::SourcePos& p) const { return {plan_.source_file, p.line, p.column, ""}; }

  // --- working days (a year the calendar does not cover is reported once, never guessed)

  void report_year(year y) {
    if (!reported_years_.insert(static_cast<int>(y)).second) return;
    auto& d = out_.diagnostics.error({plan_.source_file, 0, 0, "plan.period"}, "scheduler.err.calendar_year",
                                     {std::to_string(static_cast<int>(y)), cal_.title().empty() ? cal_.id() : cal_.title()});
    d.hints.push_back({"scheduler.hint.calendar_year", {}});
  }

  // A date deadline on a non-working day moves to the next working day (Civil Code art. 193).
  std::optional<Date> next_working(Date d) {
    try {
      return cal_.next_working_day_on_or_after(d);
    } catch (const calendar::NotCovered& e) {
      report_year(e.year());
      return std::nullopt;
    }
  }
  // A window is due on its last working day; a window without one (1-8 January) on the next.
  std::optional<Date> window_due(Date first, Date last) {
    try {
      Date d = cal_.last_working_day_on_or_before(last);
      if (sys_days{d} >= sys_days{first}) return d;
      return cal_.next_working_day_on_or_after(last);
    } catch (const calendar::NotCovered& e) {
      report_year(e.year());
      return std::nullopt;
    }
  }
  std::optional<Date> shift(Date d, Lag lag, int sign) {
    try {
      switch (lag.unit) {
        case dl::Unit::working_day: return cal_.add_working_days(d, sign * lag.count);
        case dl::Unit::week: return add_days(d, 7L * sign * lag.count);
        case dl::Unit::month: return add_months(d, sign * lag.count);
        case dl::Unit::quarter: return add_months(d, 3 * sign * lag.count);
        case dl::Unit::year: return add_months(d, 12 * sign * lag.count);
        default: return add_days(d, static_cast<long>(sign) * lag.count);
      }
    } catch (const calendar::NotCovered& e) {
      report_year(e.year());
      return std::nullopt;
    }
  }

  // --- the plan's parties

  std::string timezone_or(const std::string& tz) const {
    if (!tz.empty()) return tz;
    if (!dir_.timezone.empty()) return dir_.timezone;
    return plan_.timezone;
  }

  std::optional<Party> resolve(const std::string& name, TaskRole role, const Source& s) {
    Party p;
    p.name = name;
    p.role = role;
    const model::Body* body = plan_.find_body(name);
    if (body) p.plan_kind = body->kind;
    std::vector<std::string> tries{name};
    if (body) {
      tries.push_back(body->id);
      tries.insert(tries.end(), body->aliases.begin(), body->aliases.end());
      if (!body->name.empty()) tries.push_back(body->name);
    }
    for (const auto& t : tries) {
      if (auto r = dir_.resolve(t)) {
        p.ref = r;
        return p;
      }
    }
    if (reported_names_.insert(name).second) {
      auto& d = out_.diagnostics.error(loc(s.item->pos), "scheduler.err.unknown_body",
                                       {s.where, name, dir_.source_file.empty() ? dir_.id : dir_.source_file});
      d.hints.push_back({"scheduler.hint.unknown_body", {name}});
    }
    return std::nullopt;
  }

  bool fans_out(const Party& p) const {
    if (p.ref.kind != NameRef::Kind::body) return false;
    auto k = dir_.bodies[p.ref.index].kind;
    return k == model::BodyKind::schools || k == model::BodyKind::school_unit;
  }

  std::vector<Assignee> assignees(const Party& p, Date on) const {
    std::vector<Assignee> out;
    auto school = [&](const model::School& s, const std::string& via) {
      out.push_back({AssigneeKind::school, s.id, timezone_or(s.timezone), via});
    };
    switch (p.ref.kind) {
      case NameRef::Kind::body: {
        const auto& b = dir_.bodies[p.ref.index];
        if (fans_out(p)) {
          for (const auto& s : dir_.schools) school(s, b.id);
        } else {
          out.push_back({AssigneeKind::body, b.id, timezone_or(b.timezone), ""});
        }
        break;
      }
      case NameRef::Kind::school: school(dir_.schools[p.ref.index], ""); break;
      case NameRef::Kind::group: {
        const auto& g = dir_.groups[p.ref.index];
        for (const auto* s : dir_.group_members_on(g, on)) school(*s, g.id);
        break;
      }
      case NameRef::Kind::none: break;
    }
    return out;
  }

  // --- sources, bindings, cycles

  void collect_sources() {
    for (std::size_t si = 0; si < plan_.sections.size(); ++si) {
      for (const auto& item : plan_.sections[si].items) {
        std::string key = model::item_key(plan_, si, item);
        bool sub_deadlines = std::any_of(item.sub_measures.begin(), item.sub_measures.end(),
                                         [](const model::SubMeasure& m) { return !m.deadline.empty(); });
        auto add = [&](int sub, const std::string& phrase, model::SourcePos pos, const std::vector<std::string>& resp) {
          Source s;
          s.item = &item;
          s.key = key;
          s.sub = sub;
          s.where = sub ? key + "/" + std::to_string(sub) : key;
          s.phrase = phrase;
          s.pos = pos;
          s.responsible = resp.empty() ? item.responsible : resp;
          auto r = dl::parse(phrase, opts_);
          if (item.schedule) {
            s.schedule = item.schedule->schedule;
          } else if (r.understood()) {
            s.schedule = r.schedule;
          } else {
            return;  // the loader has reported it; nothing to schedule from
          }
          s.anchors = r.anchors;
          sources_.push_back(std::move(s));
        };
        if (item.schedule && !sub_deadlines) {
          add(0, item.deadline, item.deadline_pos, {});
          continue;
        }
        if (!sub_deadlines) {
          if (!item.deadline.empty()) add(0, item.deadline, item.deadline_pos, {});
          continue;
        }
        int k = 0;
        for (const auto& m : item.sub_measures) {
          ++k;
          if (!m.deadline.empty()) add(k, m.deadline, m.deadline_pos, m.responsible);
        }
      }
    }
  }

  const model::AnchorBinding* binding(const Source& s, std::size_t clause) const {
    for (const auto& a : s.anchors)
      if (a.clause == clause)
        if (const auto* b = plancheck::binding_for(*s.item, a.text)) return b;
    return nullptr;
  }

  // The item a clause waits for: its binding's item, or the number the phrase names.
  std::string waited_item(const Source& s, std::size_t clause) const {
    const auto& c = s.schedule.clauses[clause];
    if (const auto* b = binding(s, clause); b && !b->item.empty()) return b->item;
    if (c.kind == dl::ClauseKind::item && !c.item_ref.empty()) return c.item_ref;
    return {};
  }

  std::string key_of(std::string_view number) const {
    for (std::size_t si = 0; si < plan_.sections.size(); ++si)
      for (const auto& it : plan_.sections[si].items) {
        std::string k = model::item_key(plan_, si, it);
        if (k == number || it.number == number) return k;
      }
    return {};
  }

  void check_event_bindings() {
    if (!in_.events) return;
    for (const auto& sec : plan_.sections)
      for (const auto& item : sec.items)
        for (const auto& b : item.bindings) {
          if (b.event.empty() || in_.events->find_kind(b.event)) continue;
          auto& d = out_.diagnostics.error(loc(b.pos), "scheduler.err.unknown_event_kind",
                                           {item.number, b.event, in_.events->source_file});
          std::string known;
          for (const auto& k : in_.events->kinds) known += (known.empty() ? "" : ", ") + k.id;
          d.hints.push_back({"scheduler.hint.known_event_kinds", {known}});
        }
  }

  void find_cycles() {
    std::map<std::string, std::vector<std::string>> waits;
    std::map<std::string, model::SourcePos> pos;
    for (const auto& s : sources_) {
      pos.emplace(s.key, s.item->pos);
      for (std::size_t c = 0; c < s.schedule.clauses.size(); ++c) {
        std::string w = waited_item(s, c);
        if (w.empty()) continue;
        std::string k = key_of(w);
        if (k.empty()) {
          auto& d = out_.diagnostics.error(loc(s.item->pos), "scheduler.err.unknown_item", {s.where, w});
          d.hints.push_back({"scheduler.hint.unknown_item", {}});
          continue;
        }
        waits[s.key].push_back(k);
      }
    }
    // Depth-first search; a back edge closes a cycle, reported once with its items in order.
    std::map<std::string, int> state;  // 0 new, 1 on the path, 2 done
    std::vector<std::string> path;
    std::function<void(const std::string&)> visit = [&](const std::string& k) {
      state[k] = 1;
      path.push_back(k);
      for (const auto& n : waits[k]) {
        if (state[n] == 1) {
          auto from = std::find(path.begin(), path.end(), n);
          std::string chain;
          for (auto it = from; it != path.end(); ++it) {
            chain += *it + " → ";
            in_cycle_.insert(*it);
          }
          chain += n;
          auto& d = out_.diagnostics.error(loc(pos[n]), "scheduler.err.item_cycle", {chain});
          d.hints.push_back({"scheduler.hint.item_cycle", {}});
        } else if (state[n] == 0) {
          visit(n);
        }
      }
      path.pop_back();
      state[k] = 2;
    };
    for (const auto& [k, _] : waits)
      if (state[k] == 0) visit(k);
  }

  // --- occurrences

  bool outside(Date first, Date last) const { return sys_days{last} < sys_days{first_} || sys_days{first} > sys_days{last_}; }

  void outside_error(const Source& s, Date first, Date last) {
    auto& d = out_.diagnostics.error(loc(s.pos), "scheduler.err.outside_period",
                                     {s.where, s.phrase, iso(first), iso(last), iso(first_), iso(last_)});
    d.hints.push_back({"scheduler.hint.outside_period", {}});
  }

  // Check-ins of a span [first, last]: one per `checkin_unit` period, due on its last working day;
  // the period that ends with the span is the span task's own due date, not a check-in.
  void checkins(const std::string& prefix, Date first, Date last, std::vector<Slot>& out, bool with_last = false) {
    int step = 3;
    switch (o_.checkin_unit) {
      case dl::Unit::month: step = 1; break;
      case dl::Unit::half_year: step = 6; break;
      case dl::Unit::year: step = 12; break;
      default: step = 3; break;
    }
    step *= std::max(1, o_.checkin_every);
    // Periods aligned to the calendar: quarters start in January, April, July, October.
    int m0 = static_cast<int>(static_cast<unsigned>(first.month())) - 1;
    Date start = first.year() / month{static_cast<unsigned>(m0 - m0 % std::min(step, 12) + 1)} / 1;
    int n = 0;
    while (sys_days{start} <= sys_days{last}) {
      Date end{sys_days{add_months(start, step)} - days{1}};
      Date a = sys_days{start} < sys_days{first} ? first : start;
      Date b = sys_days{end} > sys_days{last} ? last : end;
      start = add_months(start, step);
      if (sys_days{b} >= sys_days{last} && !with_last) break;
      Slot c;
      c.occurrence = prefix + "/c" + std::to_string(++n);
      c.kind = TaskKind::checkin;
      c.opens = a;
      c.due = window_due(a, b);
      if (c.due) out.push_back(std::move(c));
    }
  }

  void dated(const Source& s, const dl::Clause& c, const std::vector<dl::Occurrence>& occ, std::vector<Slot>& out) {
    int n = 0;
    for (const auto& o : occ) {
      ++n;
      if (o.need == dl::Need::plan_period) {
        out_.diagnostics.error(loc(s.pos), "scheduler.err.no_period", {s.where, s.phrase});
        continue;
      }
      bool spills = c.relation == dl::Relation::upon || c.relation == dl::Relation::results;
      if (!spills && outside(o.first, o.last)) {
        outside_error(s, o.first, o.last);
        continue;
      }
      Slot slot;
      slot.occurrence = std::to_string(n);
      slot.opens = o.first;
      bool is_date = (c.kind == dl::ClauseKind::by_date && o.first == o.last) ||
                     (c.kind == dl::ClauseKind::periodic && (c.due.day || c.due.month));
      if (c.kind == dl::ClauseKind::span) {
        slot.kind = TaskKind::span;
        slot.due = window_due(o.first, o.last);
        if (!slot.due) continue;
        std::string prefix = slot.occurrence;
        out.push_back(std::move(slot));
        checkins(prefix, o.first, o.last, out);
        continue;
      }
      if (is_date) {
        slot.kind = TaskKind::date;
        if (c.kind == dl::ClauseKind::by_date) slot.opens.reset();
        slot.due = next_working(o.last);
      } else {
        slot.kind = TaskKind::window;
        slot.due = window_due(o.first, o.last);
      }
      if (slot.due) out.push_back(std::move(slot));
    }
  }

  std::uint32_t wanted_events(const Source& s, std::size_t clause, const dl::Clause& c) const {
    std::uint32_t bits = c.events;
    if (const auto* b = binding(s, clause); b && !b->event.empty() && in_.events) {
      std::uint32_t bound = in_.events->bits_of(b->event);
      if (bound) bits = (bits & ~static_cast<std::uint32_t>(dl::ev_op)) | bound;
    }
    return bits;
  }

  static std::string event_label(const model::AssessmentEvent& e) {
    std::string l = e.kind;
    if (!e.subject.empty()) l += ", " + e.subject;
    if (!e.grades.empty()) {
      l += ", ";
      for (std::size_t i = 0; i < e.grades.size(); ++i) l += (i ? "," : "") + std::to_string(e.grades[i]);
    }
    if (e.stage != model::EventStage::none) l += ", " + std::string(model::to_string(e.stage));
    return l;
  }

  void events(const Source& s, std::size_t clause, const dl::Clause& c, std::vector<Slot>& out) {
    if (!in_.events) {
      auto& d = out_.diagnostics.error(loc(s.pos), "scheduler.err.no_event_calendar", {s.where, s.phrase});
      d.hints.push_back({"scheduler.hint.no_event_calendar", {}});
      return;
    }
    std::uint32_t wanted = wanted_events(s, clause, c);
    std::map<std::string, int> seen;
    for (const auto* e : in_.events->matching(wanted, first_, last_)) {
      if (!c.years.empty() &&
          std::find(c.years.begin(), c.years.end(), static_cast<int>(e->first.year())) == c.years.end())
        continue;
      Slot slot;
      slot.kind = TaskKind::event;
      slot.label = event_label(*e);
      std::string id = "ev/" + slot.label + "/" + std::to_string(e->school_year);
      int dup = ++seen[id];
      slot.occurrence = dup > 1 ? id + "#" + std::to_string(dup) : id;
      Lag own{c.lag, c.lag_unit == dl::Unit::none ? dl::Unit::day : c.lag_unit};
      bool has_lag = c.lag > 0;
      switch (c.relation) {
        case dl::Relation::before: {
          slot.opens = shift(e->first, has_lag ? own : o_.preparation, -1);
          if (has_lag) slot.due = slot.opens;
          else slot.due = shift(e->first, {1, dl::Unit::working_day}, -1);
          if (has_lag && slot.due) slot.due = next_working(*slot.due);
          break;
        }
        case dl::Relation::preparation:
          slot.opens = shift(e->first, has_lag ? own : o_.preparation, -1);
          slot.due = shift(e->first, {1, dl::Unit::working_day}, -1);
          break;
        case dl::Relation::checking:
          slot.opens = e->first;
          if (auto d = shift(e->last, has_lag ? own : o_.checking_event, 1)) slot.due = next_working(*d);
          break;
        case dl::Relation::results:
          slot.opens = add_days(e->last, 1);
          if (auto d = shift(e->last, has_lag ? own : o_.results_of_event, 1)) slot.due = next_working(*d);
          break;
        case dl::Relation::after:
        case dl::Relation::upon:
          slot.opens = add_days(e->last, 1);
          if (auto d = shift(e->last, has_lag ? own : o_.after_event, 1)) slot.due = next_working(*d);
          if (has_lag && !c.within) slot.opens = slot.due;
          break;
        default:  // during, schedule, none: the event's own days, as the federal schedule sets them
          slot.opens = e->first;
          slot.due = e->last;
          break;
      }
      if (slot.due) out.push_back(std::move(slot));
    }
  }

  void after_item(const Source& s, std::size_t /*clause*/, const dl::Clause& c, const std::string& waited,
                  std::vector<Slot>& out) {
    Slot slot;
    slot.kind = TaskKind::after_item;
    slot.occurrence = "1";
    std::string k = waited.empty() ? std::string{} : key_of(waited);
    if (!waited.empty() && k.empty()) return;  // reported by find_cycles
    auto done = k.empty() ? in_.items_done.end() : in_.items_done.find(k);
    if (done == in_.items_done.end() || in_cycle_.count(s.key)) {
      slot.waiting = Waiting::item;
      slot.waits_for = k.empty() ? c.anchor : k;
      out.push_back(std::move(slot));
      return;
    }
    Lag lag = c.lag > 0 ? Lag{c.lag, c.lag_unit == dl::Unit::none ? dl::Unit::day : c.lag_unit} : o_.after_item;
    slot.opens = add_days(done->second, 1);
    if (auto d = shift(done->second, lag, 1)) slot.due = next_working(*d);
    if (c.lag > 0 && !c.within) slot.opens = slot.due;
    if (slot.due) out.push_back(std::move(slot));
  }

  void external(const Source& s, std::size_t clause, const dl::Clause& c, std::vector<Slot>& out) {
    const auto* b = binding(s, clause);
    if (!b || b->named_schedule.empty()) {
      Slot slot;
      slot.kind = TaskKind::external;
      slot.occurrence = "1";
      slot.waiting = Waiting::schedule;
      slot.waits_for = c.anchor;
      out.push_back(std::move(slot));
      return;
    }
    const model::NamedSchedule* sch = in_.events ? in_.events->find_schedule(b->named_schedule) : nullptr;
    if (!sch) {
      auto& d = out_.diagnostics.error(loc(b->pos), "scheduler.err.unknown_schedule",
                                       {s.where, b->named_schedule, in_.events ? in_.events->source_file : std::string{}});
      std::string known;
      if (in_.events)
        for (const auto& x : in_.events->schedules) known += (known.empty() ? "«" : ", «") + x.name + "»";
      d.hints.push_back({"scheduler.hint.known_schedules", {known}});
      return;
    }
    int n = 0;
    for (const auto& e : sch->entries) {
      ++n;
      if (outside(e.first, e.last)) continue;
      Slot slot;
      slot.kind = TaskKind::external;
      slot.occurrence = "sch/" + sch->id + "/" + std::to_string(n);
      slot.label = e.title;
      slot.opens = e.first;
      slot.due = e.first == e.last ? next_working(e.last) : window_due(e.first, e.last);
      if (slot.due) out.push_back(std::move(slot));
    }
  }

  void on_demand(std::vector<Slot>& out) {
    Slot slot;
    slot.kind = TaskKind::on_demand;
    slot.occurrence = "demand";
    slot.opens = first_;
    out.push_back(std::move(slot));
    checkins("demand", first_, last_, out, true);  // reviews through the plan's last day
  }

  // What one source gives, before any task is built: its parties and, per clause, its slots.
  struct Prepared {
    const Source* source = nullptr;
    std::vector<std::optional<Party>> parties;
    std::vector<std::vector<Assignee>> fixed;
    bool dedupe = false;
    std::vector<std::vector<Slot>> slots;  // by clause
  };

  Prepared prepare(const Source& s) {
    Prepared out;
    out.source = &s;
    auto occ = dl::dates(s.schedule, opts_);
    std::vector<std::optional<Party>> parties;
    for (const auto& r : s.responsible) parties.push_back(resolve(r, TaskRole::lead, s));
    if (s.sub == 0 || s.responsible.empty() || s.responsible == s.item->responsible)
      for (const auto& r : s.item->co_executors) parties.push_back(resolve(r, TaskRole::co_executor, s));
    // The assignees of a party that does not depend on the day (a body, a school, a class of
    // schools) are worked out once; a group's members on each occurrence's day.
    std::vector<std::vector<Assignee>> fixed(parties.size());
    std::size_t school_parties = 0;
    std::set<std::pair<int, std::size_t>> refs;
    bool repeated = false;
    for (std::size_t k = 0; k < parties.size(); ++k) {
      if (!parties[k]) continue;
      const auto& p = *parties[k];
      if (p.ref.kind != NameRef::Kind::group) fixed[k] = assignees(p, first_);
      if (p.ref.kind != NameRef::Kind::body || fans_out(p)) ++school_parties;
      repeated |= !refs.insert({static_cast<int>(p.ref.kind), p.ref.index}).second;
    }
    // Two parties can name the same assignee only when a body is named twice or two of them give
    // schools: only then is a set of keys kept (lead wins over co-executor, the first named wins).
    bool dedupe = repeated || school_parties > 1;
    out.slots.resize(s.schedule.clauses.size());
    for (std::size_t ci = 0; ci < s.schedule.clauses.size(); ++ci) {
      const auto& c = s.schedule.clauses[ci];
      auto& slots = out.slots[ci];
      std::vector<dl::Occurrence> mine;
      for (const auto& o : occ)
        if (o.clause == ci) mine.push_back(o);
      std::string waited = waited_item(s, ci);
      const auto* b = binding(s, ci);
      if (!waited.empty()) {
        after_item(s, ci, c, waited, slots);
      } else {
        switch (c.kind) {
          case dl::ClauseKind::event: events(s, ci, c, slots); break;
          case dl::ClauseKind::item: after_item(s, ci, c, {}, slots); break;
          case dl::ClauseKind::external:
            if (b && !b->event.empty()) {
              dl::Clause during = c;
              during.relation = dl::Relation::during;
              during.events = dl::ev_op;
              events(s, ci, during, slots);
            } else {
              external(s, ci, c, slots);
            }
            break;
          case dl::ClauseKind::on_demand: on_demand(slots); break;
          default: dated(s, c, mine, slots); break;
        }
      }
    }
    out.parties = std::move(parties);
    out.fixed = std::move(fixed);
    out.dedupe = dedupe;
    return out;
  }

  const std::vector<Assignee>& assignees_of(const Prepared& pr, std::size_t k, Date on,
                                            std::vector<Assignee>& scratch) const {
    const Party& p = *pr.parties[k];
    if (p.ref.kind != NameRef::Kind::group) return pr.fixed[k];
    scratch = assignees(p, on);
    return scratch;
  }

  static Date day_of(const Slot& slot, Date fallback) {
    return slot.due ? *slot.due : slot.opens ? *slot.opens : fallback;
  }

  // An upper bound of the tasks a source gives (exact but for duplicates dropped).
  std::size_t count(const Prepared& pr) const {
    std::size_t n = 0;
    std::vector<Assignee> scratch;
    for (const auto& slots : pr.slots)
      for (const auto& slot : slots)
        for (std::size_t k = 0; k < pr.parties.size(); ++k)
          if (pr.parties[k]) n += assignees_of(pr, k, day_of(slot, first_), scratch).size();
    return n;
  }

  void emit(const Prepared& pr) {
    const Source& s = *pr.source;
    std::set<std::string> given;
    for (std::size_t ci = 0; ci < pr.slots.size(); ++ci) {
      const auto& slots = pr.slots[ci];

      for (const auto& slot : slots) {
        Date on = day_of(slot, first_);
        std::string prefix = plan_.id + "|" + s.key + "|" + std::to_string(s.sub) + "|" + std::to_string(ci) + "|" +
                             slot.occurrence + "|";
        std::vector<Assignee> scratch;
        for (std::size_t k = 0; k < pr.parties.size(); ++k) {
          if (!pr.parties[k]) continue;
          const Party& p = *pr.parties[k];
          const auto& list = assignees_of(pr, k, on, scratch);
          for (const auto& a : list) {
            std::string key;
            key.reserve(prefix.size() + a.id.size() + 24);
            key = prefix;
            key += to_string(a.kind);
            key += ':';
            key += a.id;
            if (pr.dedupe && !given.insert(key).second) continue;
            key += '|';
            key += to_string(p.role);
            PlannedTask& t = out_.tasks.emplace_back();  // built in place: the vector holds them all
            t.key = std::move(key);
            t.plan_id = plan_.id;
            t.item_key = s.key;
            t.sub = s.sub;
            t.clause = static_cast<int>(ci);
            t.occurrence = slot.occurrence;
            t.kind = slot.kind;
            t.label = slot.label;
            t.directory_id = dir_.id;
            t.assignee_kind = a.kind;
            t.assignee = a.id;
            t.via = a.via;
            t.role = p.role;
            t.opens = slot.opens;
            t.due = slot.due;
            t.timezone = a.timezone;
            t.waiting = slot.waiting;
            t.waits_for = slot.waits_for;
          }
        }
      }
    }
  }
};

}  // namespace

Expansion expand(const Inputs& in, const Options& options) {
  Expansion out;
  Expander(in, options, out).run();
  out.diagnostics.sort();
  return out;
}

std::vector<Expansion> expand_all(const std::vector<Inputs>& inputs, const Options& options, unsigned threads) {
  std::vector<Expansion> out(inputs.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, inputs.size()));
  if (threads <= 1) {
    for (std::size_t i = 0; i < inputs.size(); ++i) out[i] = expand(inputs[i], options);
    return out;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < inputs.size(); i = next++) out[i] = expand(inputs[i], options);
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins every thread before `out` is handed back
  return out;
}

}  // namespace roadmap::scheduler
