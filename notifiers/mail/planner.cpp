// The notification planner (see planner.hpp).
#include "mail/planner.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "calendar/invite.hpp"
#include "calendar/from_store.hpp"
#include "calendar/local_time.hpp"
#include "i18n/catalogue.hpp"
#include "mail/mime.hpp"
#include "reports/overdue.hpp"
#include "store/task_repository.hpp"

namespace roadmap::mail {

namespace {

using namespace std::chrono;
using Date = year_month_day;

enum class Section { due_soon, opens, checkin, overdue, head, coordinator };

// Lines a section of a digest lists at most; the rest is counted ("… и ещё 40").
constexpr std::size_t kMaxLines = 30;

struct Entry {
  Section section;
  std::size_t task;  // index into the tasks
  long days = 0;     // working days left (due_soon) or late (overdue ...)
};

// One iMIP message to plan: a REQUEST (new, moved or restored entry) or a CANCEL for one task.
struct Invite {
  std::size_t task;
  bool cancel = false;
  std::optional<Date> was;  // the date the person's calendar has (a moved REQUEST, a CANCEL)
  std::string item;         // the item it records (see told_calendar)
};

struct Draft {
  const store::NotifyPerson* person = nullptr;
  std::string local_date;
  Date today;
  bool digest = true;  // false: today's digest is in the outbox already (invites may still go)
  std::vector<Entry> entries;
  std::vector<std::string> items;  // what the digest tells
  std::vector<Invite> invites;     // each is a message of its own
};

// What a person's calendar last heard about a task, from the items told to them:
//   "invite|<task key>|<due>|<sequence>"  a REQUEST for that date at that SEQUENCE
//   "cancel|<task key>|<sequence>"        a CANCEL
// The latest by SEQUENCE wins (the store bumps the version on every move, cancel and restore, so
// a later message always has a higher one). Items without a sequence ("invite|<key>|<due>",
// "cancel|<key>", written before the sequence was part of the key) count as older than any with
// one. A task key contains '|' itself, so the tail is parsed from the right and must be exactly a
// date and/or a number: another task whose key merely starts with this one never matches.
struct Told {
  enum class State { nothing, invited, cancelled } state = State::nothing;
  std::optional<Date> due;  // when invited
};

// A SEQUENCE written into an item: digits only, else nullopt.
std::optional<long> sequence_of(std::string_view s) {
  long n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || s[0] == '-' || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

Told told_calendar(const std::set<std::string>& mine, const std::string& task_key, const std::optional<Date>& current) {
  Told told;
  long best_seq = -2;
  bool best_cancel = false, best_current = false;
  auto consider = [&](long seq, bool cancel, std::optional<Date> due) {
    bool is_current = !cancel && due && current && *due == *current;
    // Ties (only among items without a sequence): a cancel came after the invites; of several
    // invites, assume the one for today's date, so an unknown order never re-sends.
    if (std::tie(seq, cancel, is_current) <= std::tie(best_seq, best_cancel, best_current)) return;
    best_seq = seq, best_cancel = cancel, best_current = is_current;
    told.state = cancel ? Told::State::cancelled : Told::State::invited;
    told.due = cancel ? std::nullopt : due;
  };
  std::string prefix = "invite|" + task_key + "|";
  for (auto it = mine.lower_bound(prefix); it != mine.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string_view rest = std::string_view(*it).substr(prefix.size());
    std::string_view date = rest.substr(0, 10);
    auto due = calendar::parse_date(date);
    if (!due || date.size() != 10) continue;
    if (rest.size() == 10) consider(-1, false, due);
    else if (auto seq = rest[10] == '|' ? sequence_of(rest.substr(11)) : std::nullopt) consider(*seq, false, due);
  }
  std::string cancelled = "cancel|" + task_key;
  for (auto it = mine.lower_bound(cancelled); it != mine.end() && it->compare(0, cancelled.size(), cancelled) == 0;
       ++it) {
    std::string_view rest = std::string_view(*it).substr(cancelled.size());
    if (rest.empty()) consider(-1, true, std::nullopt);
    else if (auto seq = rest[0] == '|' ? sequence_of(rest.substr(1)) : std::nullopt) consider(*seq, true, std::nullopt);
  }
  return told;
}

std::string date_text(Date d, i18n::Lang lang) {
  char buf[16];
  if (lang == i18n::Lang::ru)
    std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                  static_cast<int>(d.year()));
  else
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
  return buf;
}

bool is_open(const store::StoredTask& t) {
  return t.status == "planned" || t.status == "in_progress";
}

std::string unit_key(std::string_view dir, std::string_view kind, std::string_view id) {
  std::string k(dir);
  k += '|';
  k += kind;
  k += '|';
  k += id;
  return k;
}

std::string email_domain(std::string_view email) {
  auto at = email.rfind('@');
  return at == std::string_view::npos ? std::string("roadmap.invalid") : std::string(email.substr(at + 1));
}

}  // namespace

PlanResult plan_notifications(store::Database& db, const Policy& policy, const calendar::ProductionCalendar& cal,
                              const PlanOptions& options) {
  PlanResult result;
  const auto tasks = store::query_tasks(db, {});
  const auto people = store::notify_people(db);
  const auto units = store::notify_units(db);
  const auto told = store::told_items(db);
  const auto digests = store::outbox_keys(db, "digest|");
  static const std::set<std::string> kNone;

  // Tasks by assignee; overdue working days of every open task (in its own zone, as the reports).
  std::unordered_map<std::string, std::vector<std::size_t>> by_unit;
  std::unordered_map<std::string, std::vector<std::size_t>> overdue_by_dir;
  std::vector<long> late(tasks.size(), -1);
  reports::Clock clock(options.now);
  reports::OverdueRule rule(cal, clock);
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const auto& t = tasks[i].task;
    by_unit[unit_key(t.directory_id, scheduler::to_string(t.assignee_kind), t.assignee)].push_back(i);
    if (!is_open(tasks[i]) || t.waiting != scheduler::Waiting::none || !t.due) continue;
    store::ReportTask rt;
    rt.due = t.due;
    rt.timezone = t.timezone;
    rt.waiting = "none";
    rt.status = tasks[i].status;
    if (rule.overdue(rt)) {
      late[i] = rule.days_late(rt).value_or(0);
      overdue_by_dir[t.directory_id].push_back(i);
    }
  }
  // A unit's recipients: its executors with an e-mail, else its heads.
  std::map<std::string, std::vector<std::string>> executors, heads;  // unit key -> "dir/id"
  for (const auto& p : people) {
    if (!valid_email(p.email)) continue;
    std::string u = p.school.empty() ? unit_key(p.directory_id, "body", p.body) : unit_key(p.directory_id, "school", p.school);
    if (p.role == "executor") executors[u].push_back(p.directory_id + "/" + p.id);
    if (p.role == "head") heads[u].push_back(p.directory_id + "/" + p.id);
  }
  auto recipient_of = [&](const std::string& unit, const std::string& who) {
    auto e = executors.find(unit);
    const auto& list = e != executors.end() && !e->second.empty() ? e->second : heads[unit];
    return std::find(list.begin(), list.end(), who) != list.end();
  };
  // Schools of each body, for the heads' weekly digest.
  std::map<std::string, std::vector<std::string>> schools_of;  // "dir|body" -> school ids
  for (const auto& [k, body] : units.school_bodies) {
    auto bar = k.find('|');
    schools_of[k.substr(0, bar) + "|" + body].push_back(k.substr(bar + 1));
  }
  std::vector<int> offsets = policy.before_due;
  std::sort(offsets.begin(), offsets.end());

  std::vector<Draft> drafts;
  for (const auto& p : people) {
    if (!options.person.empty() && options.person != p.id && options.person != p.email) continue;
    ++result.people;
    if (!valid_email(p.email)) {
      ++result.bad_address;
      continue;
    }
    auto local = calendar::to_local(options.now, p.timezone);
    if (local.hour < policy.local_hour) {
      ++result.before_hour;
      continue;
    }
    Date today = local.date;
    if (!cal.covers(today.year())) {
      ++result.not_covered;
      continue;
    }
    if (policy.working_days_only && !cal.is_working_day(today)) {
      ++result.day_off;
      continue;
    }
    std::string who = p.directory_id + "/" + p.id;
    Draft d;
    d.person = &p;
    d.today = today;
    d.local_date = calendar::to_string(today);
    std::string key = "digest|" + who + "|" + d.local_date;
    if (digests.count(key)) {
      ++result.already;
      d.digest = false;
    }
    auto told_it = told.find(who);
    const auto& mine = told_it == told.end() ? kNone : told_it->second;
    // `item` empty: a line that is told again each time it is due (the daily and weekly overdue
    // lists, kept from repeating within a day by the digest's own key), not recorded.
    auto add = [&](Section s, std::size_t i, long days, std::string item) {
      if (!d.digest || (!item.empty() && mine.count(item))) return;
      d.entries.push_back({s, i, days});
      if (!item.empty()) d.items.push_back(std::move(item));
    };
    bool reminders = !policy.opted_out(p.id, p.email, Topic::reminders);
    bool escalation = !policy.opted_out(p.id, p.email, Topic::escalation);
    bool invites = policy.invites && !policy.opted_out(p.id, p.email, Topic::invites);

    // Own work.
    std::string own = p.school.empty() ? unit_key(p.directory_id, "body", p.body) : unit_key(p.directory_id, "school", p.school);
    if (recipient_of(own, who)) {
      auto it = by_unit.find(own);
      for (std::size_t i : it == by_unit.end() ? std::vector<std::size_t>{} : it->second) {
        const auto& st = tasks[i];
        const auto& t = st.task;
        if (is_open(st) && t.waiting == scheduler::Waiting::none && t.due) {
          Date due = *t.due;
          bool future = sys_days{due} >= sys_days{today};
          if (reminders && future && cal.covers(due.year())) {
            long w = cal.working_days_between(today, due);
            if (t.kind == scheduler::TaskKind::checkin) {
              if (policy.checkins && due == today) add(Section::checkin, i, 0, "checkin|" + t.key + "|" + calendar::to_string(due));
            } else {
              auto o = std::lower_bound(offsets.begin(), offsets.end(), static_cast<int>(w));
              if (o != offsets.end())
                add(Section::due_soon, i, w, "reminder|" + t.key + "|" + std::to_string(*o) + "|" + calendar::to_string(due));
            }
            if (policy.window_opens && t.kind == scheduler::TaskKind::window && t.opens &&
                sys_days{*t.opens} <= sys_days{today})
              add(Section::opens, i, w, "opens|" + t.key + "|" + calendar::to_string(*t.opens));
          }
          if (escalation && policy.executor_daily && late[i] >= 0)
            add(Section::overdue, i, late[i], {});
          if (invites) {
            // A new entry within the horizon; an entry already in the calendar follows every move
            // of its date, wherever it goes (the horizon says how early a calendar hears of a
            // task, not whether it hears that the date changed).
            Told was = told_calendar(mine, t.key, t.due);
            bool invited = was.state == Told::State::invited;
            bool in_horizon = future && sys_days{due} <= sys_days{today} + days{policy.invite_horizon_days};
            if (invited ? was.due != t.due : in_horizon)
              d.invites.push_back({i, false, invited ? was.due : std::nullopt,
                                   "invite|" + t.key + "|" + calendar::to_string(due) + "|" +
                                       std::to_string(invites::sequence_from_version(st.version))});
          }
        } else if (invites && (st.status == "cancelled" || st.status == "not_needed")) {
          // A cancel for an entry the person's calendar has (and has not been told to drop).
          if (Told was = told_calendar(mine, t.key, std::nullopt); was.state == Told::State::invited)
            d.invites.push_back({i, true, was.due,
                                 "cancel|" + t.key + "|" + std::to_string(invites::sequence_from_version(st.version))});
        }
      }
    }
    // A head's weekly digest of the overdue work of the body and its schools.
    if (escalation && p.role == "head" && !p.body.empty() && policy.head_weekday >= 0 &&
        weekday{sys_days{today}}.c_encoding() == static_cast<unsigned>(policy.head_weekday)) {
      std::vector<std::string> scope{unit_key(p.directory_id, "body", p.body)};
      for (const auto& s : schools_of[p.directory_id + "|" + p.body]) scope.push_back(unit_key(p.directory_id, "school", s));
      for (const auto& u : scope) {
        auto it = by_unit.find(u);
        if (it == by_unit.end()) continue;
        for (std::size_t i : it->second)
          if (late[i] >= 0) add(Section::head, i, late[i], {});
      }
    }
    // Coordinators: work late by more than N working days, once a task.
    if (escalation && p.role == "coordinator" && policy.coordinator_after >= 0) {
      auto it = overdue_by_dir.find(p.directory_id);
      if (it != overdue_by_dir.end())
        for (std::size_t i : it->second)
          if (late[i] >= policy.coordinator_after)
            add(Section::coordinator, i, late[i], "coordinator|" + tasks[i].task.key);
    }
    if (d.entries.empty() && d.invites.empty()) continue;
    drafts.push_back(std::move(d));
  }

  // Plan titles, item numbers, measures and links, read once for every task a digest names.
  std::vector<std::size_t> used;
  for (const auto& d : drafts) {
    for (const auto& e : d.entries) used.push_back(e.task);
    for (const auto& v : d.invites) used.push_back(v.task);
  }
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  std::vector<store::StoredTask> used_tasks;
  used_tasks.reserve(used.size());
  for (std::size_t i : used) used_tasks.push_back(tasks[i]);
  auto info = invites::invite_tasks(db, used_tasks, policy.base_url);
  std::unordered_map<std::size_t, const invites::InviteTask*> info_of;
  for (std::size_t k = 0; k < used.size(); ++k) info_of[used[k]] = &info[k];

  const std::string host = email_domain(policy.from_email);
  for (auto& d : drafts) {
    const auto& p = *d.person;
    const std::string who = p.directory_id + "/" + p.id;
    i18n::Lang lang = p.language == "en" ? i18n::Lang::en : i18n::Lang::ru;
    auto tr = [&](std::string_view key, std::vector<std::string> args = {}) { return i18n::format(lang, key, args); };
    // The envelope, the headers and the outbox row every message shares.
    auto queue = [&](PlannedMail& m, Message& msg, const std::string& key, std::string_view kind) {
      m.name = p.name;
      m.language = p.language;
      m.local_date = d.local_date;
      msg.from = {policy.from_name, policy.from_email};
      msg.to = {p.name, p.email};
      msg.date = options.now;
      msg.date_zone = policy.sender_zone;
      msg.message_id = make_message_id(key, host);
      msg.boundary_seed = key;
      auto& o = m.message;
      o.dedup_key = key;
      o.person = who;
      o.email = p.email;
      o.kind = kind;
      o.subject = clean_header_text(msg.subject);
      o.body = render(msg);
      o.created_at = store::iso_utc(options.now);
      o.next_attempt_at = o.created_at;
      result.mails.push_back(std::move(m));
    };

    if (d.digest && !d.entries.empty()) {
      PlannedMail m;
      m.items = d.items;
      for (const auto& e : d.entries) {
        if (e.section == Section::overdue) ++m.overdue;
        else if (e.section == Section::head || e.section == Section::coordinator) ++m.escalations;
        else ++m.reminders;
      }
      std::string subject = tr("notify.subject", {date_text(d.today, lang)});
      std::vector<std::string> parts;
      if (m.reminders) parts.push_back(tr("notify.subject.reminders", {std::to_string(m.reminders)}));
      if (m.overdue) parts.push_back(tr("notify.subject.overdue", {std::to_string(m.overdue)}));
      if (m.escalations) parts.push_back(tr("notify.subject.escalations", {std::to_string(m.escalations)}));
      for (std::size_t k = 0; k < parts.size(); ++k) subject += (k == 0 ? ": " : ", ") + parts[k];

      std::string text = tr("notify.greeting", {p.name}) + "\n\n";
      std::string html = "<html><body><p>" + html_escape(tr("notify.greeting", {p.name})) + "</p>\n";
      static constexpr Section kOrder[] = {Section::overdue, Section::due_soon, Section::opens, Section::checkin,
                                           Section::head, Section::coordinator};
      for (Section s : kOrder) {
        std::vector<const Entry*> list;
        for (const auto& e : d.entries)
          if (e.section == s) list.push_back(&e);
        if (list.empty()) continue;
        std::string heading;
        switch (s) {
          case Section::due_soon: heading = tr("notify.section.due_soon"); break;
          case Section::opens: heading = tr("notify.section.opens"); break;
          case Section::checkin: heading = tr("notify.section.checkin"); break;
          case Section::overdue: heading = tr("notify.section.overdue"); break;
          case Section::head: heading = tr("notify.section.head"); break;
          case Section::coordinator: heading = tr("notify.section.coordinator", {std::to_string(policy.coordinator_after)}); break;
        }
        text += heading + "\n";
        html += "<h3>" + html_escape(heading) + "</h3>\n<ul>\n";
        // The longest overdue first; a long list is cut (the web shows all of it).
        if (s == Section::overdue || s == Section::head || s == Section::coordinator)
          std::stable_sort(list.begin(), list.end(), [](const Entry* a, const Entry* b) { return a->days > b->days; });
        std::size_t more = list.size() > kMaxLines ? list.size() - kMaxLines : 0;
        if (more) list.resize(kMaxLines);
        for (const Entry* e : list) {
          const auto& st = tasks[e->task];
          const auto& it = *info_of[e->task];
          std::string what = invites::summary_text(it, lang);
          if (!it.label.empty()) what += " (" + it.label + ")";
          std::string when;
          if (s == Section::opens && st.task.opens)
            when = tr("notify.line.opens", {date_text(*st.task.opens, lang), date_text(*st.task.due, lang)});
          else if (s == Section::due_soon)
            when = tr("notify.line.due_in", {date_text(*st.task.due, lang), std::to_string(e->days)});
          else if (s == Section::checkin)
            when = tr("notify.line.checkin", {date_text(*st.task.due, lang)});
          else
            when = tr("notify.line.late", {date_text(*st.task.due, lang), std::to_string(e->days)});
          if (s == Section::head || s == Section::coordinator) {
            auto nm = units.names.find(unit_key(st.task.directory_id, scheduler::to_string(st.task.assignee_kind), st.task.assignee));
            when += " — " + (nm == units.names.end() ? st.task.assignee : nm->second);
          }
          text += "  • " + what + "\n    " + when + "\n";
          if (!it.url.empty()) text += "    " + it.url + "\n";
          html += "<li>";
          if (!it.url.empty()) html += "<a href=\"" + html_escape(it.url) + "\">" + html_escape(what) + "</a>";
          else html += html_escape(what);
          html += "<br>" + html_escape(when) + "</li>\n";
        }
        if (more) {
          std::string line = tr("notify.line.more", {std::to_string(more)});
          text += "  " + line + "\n";
          html += "<li>" + html_escape(line) + "</li>\n";
        }
        text += "\n";
        html += "</ul>\n";
      }
      text += tr("notify.footer") + "\n";
      html += "<p><small>" + html_escape(tr("notify.footer")) + "</small></p>\n</body></html>\n";
      Message msg;
      msg.subject = subject;
      msg.text = std::move(text);
      msg.html = std::move(html);
      queue(m, msg, "digest|" + who + "|" + d.local_date, "digest");
    }

    // Each invite or cancel on its own: one text/calendar part, one METHOD, one UID (mime.hpp).
    for (const Invite& v : d.invites) {
      invites::InviteTask it = *info_of[v.task];
      // A cancel names the entry as the calendar has it, should the task have lost its date since.
      if (!it.due) it.due = v.was;
      if (!it.due) continue;  // never told with a date: nothing in a calendar to name
      if (!it.opens || *it.opens > *it.due) it.opens = it.due;
      std::string due = date_text(*it.due, lang);
      std::string what = invites::summary_text(it, lang);
      PlannedMail m;
      m.items = {v.item};
      (v.cancel ? m.cancels : m.invites) = 1;
      Message msg;
      bool moved = !v.cancel && v.was;
      msg.subject = v.cancel ? tr("notify.cancel.subject", {due, what})
                    : moved  ? tr("notify.invite.subject_moved", {due, what})
                             : tr("notify.invite.subject", {due, what});
      std::string intro = v.cancel ? tr("notify.cancel.intro")
                          : moved  ? tr("notify.invite.intro_moved", {date_text(*v.was, lang)})
                                   : tr("notify.invite.intro");
      std::string label = it.label.empty() ? what : what + " (" + it.label + ")";
      std::string when = *it.opens != *it.due ? tr("notify.line.opens", {date_text(*it.opens, lang), due})
                                              : tr("notify.line.due", {due});
      std::string file = v.cancel ? "cancel.ics" : "invite.ics";
      std::string note = tr("notify.invite.attached", {file});
      std::string greeting = tr("notify.greeting", {p.name});
      msg.text = greeting + "\n\n" + intro + "\n  • " + label + "\n    " + when + "\n";
      if (!it.url.empty()) msg.text += "    " + it.url + "\n";
      msg.text += "\n" + note + "\n\n" + tr("notify.footer") + "\n";
      msg.html = "<html><body><p>" + html_escape(greeting) + "</p>\n<p>" + html_escape(intro) + "</p>\n<ul>\n<li>";
      if (!it.url.empty()) msg.html += "<a href=\"" + html_escape(it.url) + "\">" + html_escape(label) + "</a>";
      else msg.html += html_escape(label);
      msg.html += "<br>" + html_escape(when) + "</li>\n</ul>\n<p>" + html_escape(note) + "</p>\n<p><small>" +
                  html_escape(tr("notify.footer")) + "</small></p>\n</body></html>\n";
      invites::CalendarOptions copt;
      copt.stamp = options.now;
      auto method = v.cancel ? invites::Method::cancel : invites::Method::request;
      msg.calendar = CalendarPart{std::string(invites::method_name(method)),
                                  invites::make_calendar({it}, method, {policy.from_name, policy.from_email},
                                                         {{p.name, p.email}}, lang, host, copt),
                                  file};
      // The item names the task, the date and the SEQUENCE: with the person, a key no other
      // message has, so a re-run queues nothing and the outbox sends it once.
      std::string kind = v.cancel ? "cancel" : "invite";
      queue(m, msg, kind + "|" + who + "|" + v.item.substr(kind.size() + 1), kind);
    }
  }
  return result;
}

std::size_t queue_mails(store::Database& db, const PlanResult& plan) {
  store::Transaction tx(db);
  std::size_t added = 0;
  for (const auto& m : plan.mails)
    if (store::enqueue(db, m.message, m.items)) ++added;
  tx.commit();
  return added;
}

}  // namespace roadmap::mail
