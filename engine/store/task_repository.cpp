// Tasks to rows and back, re-planning as a diff. See task_repository.hpp for the rules; the
// schema (version 2) is in schema.cpp.
#include "store/task_repository.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <set>
#include <thread>
#include <unordered_map>

namespace roadmap::store {

namespace {

using scheduler::PlannedTask;
using Ymd = std::chrono::year_month_day;

// "2024-08-31" in a buffer of its own: two are written for every task of a load, which a
// formatted std::string each would spend more time on than SQLite's insert of the value.
class IsoDay {
 public:
  explicit IsoDay(const Ymd& d) {
    int y = static_cast<int>(d.year());
    if (y < 0 || y > 9999) {  // not a date of a plan; written the way fmt would
      auto r = fmt::format_to_n(text_, sizeof text_, "{:04}-{:02}-{:02}", y, static_cast<unsigned>(d.month()),
                                static_cast<unsigned>(d.day()));
      size_ = static_cast<std::size_t>(r.out - text_);
      return;
    }
    put(0, static_cast<unsigned>(y), 4);
    text_[4] = '-';
    put(5, static_cast<unsigned>(d.month()), 2);
    text_[7] = '-';
    put(8, static_cast<unsigned>(d.day()), 2);
    size_ = 10;
  }
  std::string_view view() const { return {text_, size_}; }

 private:
  void put(std::size_t at, unsigned v, std::size_t digits) {
    for (std::size_t i = digits; i-- > 0; v /= 10) text_[at + i] = static_cast<char>('0' + v % 10);
  }
  char text_[16];
  std::size_t size_ = 0;
};

std::string iso(const Ymd& d) {
  return std::string(IsoDay(d).view());
}

std::optional<std::string> iso(const std::optional<Ymd>& d) {
  if (!d) return std::nullopt;
  return iso(*d);
}

std::optional<Ymd> parse_iso(const std::optional<std::string>& s) {
  if (!s || s->size() != 10) return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(s->c_str(), "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  Ymd r{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!r.ok()) return std::nullopt;
  return r;
}

Ymd utc_today() {
  return Ymd{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

bool is_open(std::string_view status) {
  return status == "planned" || status == "in_progress";
}

bool is_status(std::string_view s) {
  return s == "planned" || s == "in_progress" || s == "done" || s == "cancelled" || s == "not_needed";
}

// --- reading rows

constexpr std::string_view kTaskColumns =
    "t.id, t.key, t.plan_id, t.item_key, t.sub, t.clause, t.occurrence, t.kind, t.label, t.directory_id, "
    "t.assignee_kind, t.assignee, t.via, t.role, t.opens, t.due, t.timezone, t.waiting, t.waits_for, "
    "t.status, t.cancelled_by, t.done_on, t.result, t.version, t.created_at, t.updated_at";

StoredTask read_task(const Statement& st) {
  StoredTask s;
  s.id = st.column_int(0);
  auto& t = s.task;
  t.key = st.column_text(1);
  t.plan_id = st.column_text(2);
  t.item_key = st.column_text(3);
  t.sub = static_cast<int>(st.column_int(4));
  t.clause = static_cast<int>(st.column_int(5));
  t.occurrence = st.column_text(6);
  scheduler::parse_task_kind(st.column_text(7), t.kind);
  t.label = st.column_text(8);
  t.directory_id = st.column_text(9);
  scheduler::parse_assignee_kind(st.column_text(10), t.assignee_kind);
  t.assignee = st.column_text(11);
  t.via = st.column_text(12);
  scheduler::parse_task_role(st.column_text(13), t.role);
  t.opens = parse_iso(st.column_optional_text(14));
  t.due = parse_iso(st.column_optional_text(15));
  t.timezone = st.column_text(16);
  scheduler::parse_waiting(st.column_text(17), t.waiting);
  t.waits_for = st.column_text(18);
  s.status = st.column_text(19);
  s.cancelled_by = st.column_text(20);
  s.done_on = parse_iso(st.column_optional_text(21));
  s.result = st.column_text(22);
  s.version = static_cast<int>(st.column_int(23));
  s.created_at = st.column_text(24);
  s.updated_at = st.column_text(25);
  return s;
}

// --- the digest: MurmurHash64A over a length-prefixed encoding of every field

// Every field of an item's tasks framed as its length (8 bytes, little-endian) and its bytes;
// numbers in decimal, dates ISO ('-' for none). The framing keeps "ab"+"c" apart from "a"+"bc".
class DigestInput {
 public:
  void field(std::string_view s) {
    std::uint64_t n = s.size();
    char length[8];
    for (int i = 0; i < 8; ++i) length[i] = static_cast<char>(n >> (8 * i));
    bytes_.append(length, sizeof length);
    bytes_.append(s);
  }
  void field(std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    field(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  }
  void field(const std::optional<Ymd>& d) {
    if (d)
      field(IsoDay(*d).view());
    else
      field(std::string_view("-"));
  }
  void reserve(std::size_t n) { bytes_.reserve(n); }
  std::string_view bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// MurmurHash64A (Austin Appleby, public domain), seed 0: eight bytes a step. Earlier versions
// stored FNV-1a digests, a byte a step: a dependent multiply for each of the ~140 MB a region's first
// load hashes, 0.4 s of CPU. A digest stored by the old function no longer matches, so the
// first re-plan after the upgrade reads each item's rows once, finds them unchanged and stores
// the new digest (nothing else is written).
std::uint64_t murmur64a(std::string_view data) {
  constexpr std::uint64_t m = 0xc6a4a7935bd1e995ULL;
  constexpr int r = 47;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t len = data.size();
  std::uint64_t h = len * m;  // seed 0
  // Blocks are read little-endian, whatever the machine, so the value is the same everywhere.
  auto block = [](const unsigned char* b) {
    std::uint64_t k;
    std::memcpy(&k, b, sizeof k);
    if constexpr (std::endian::native == std::endian::big) k = __builtin_bswap64(k);
    return k;
  };
  const std::size_t blocks = len / 8;
  for (std::size_t i = 0; i < blocks; ++i) {
    std::uint64_t k = block(p + 8 * i);
    k *= m;
    k ^= k >> r;
    k *= m;
    h ^= k;
    h *= m;
  }
  const unsigned char* tail = p + 8 * blocks;
  switch (len & 7) {
    case 7: h ^= std::uint64_t{tail[6]} << 48; [[fallthrough]];
    case 6: h ^= std::uint64_t{tail[5]} << 40; [[fallthrough]];
    case 5: h ^= std::uint64_t{tail[4]} << 32; [[fallthrough]];
    case 4: h ^= std::uint64_t{tail[3]} << 24; [[fallthrough]];
    case 3: h ^= std::uint64_t{tail[2]} << 16; [[fallthrough]];
    case 2: h ^= std::uint64_t{tail[1]} << 8; [[fallthrough]];
    case 1:
      h ^= std::uint64_t{tail[0]};
      h *= m;
  }
  h ^= h >> r;
  h *= m;
  h ^= h >> r;
  return h;
}

// --- describing a move

std::string show(const std::optional<Ymd>& d) {
  return d ? iso(*d) : std::string("-");
}

// The changed schedule fields: "due 2024-08-31" -> "due 2024-08-30", several joined by "; ".
std::pair<std::string, std::string> describe_move(const PlannedTask& from, const PlannedTask& to) {
  std::string a, b;
  auto add = [&](std::string_view name, const std::string& x, const std::string& y) {
    if (x == y) return;
    if (!a.empty()) {
      a += "; ";
      b += "; ";
    }
    a += fmt::format("{} {}", name, x);
    b += fmt::format("{} {}", name, y);
  };
  add("opens", show(from.opens), show(to.opens));
  add("due", show(from.due), show(to.due));
  add("waiting", std::string(to_string(from.waiting)), std::string(to_string(to.waiting)));
  add("waits_for", from.waits_for, to.waits_for);
  add("kind", std::string(to_string(from.kind)), std::string(to_string(to.kind)));
  add("label", from.label, to.label);
  add("timezone", from.timezone, to.timezone);
  add("via", from.via, to.via);
  return {a, b};
}

// The digest of one item's tasks, already sorted by key.
std::string digest_sorted(const std::vector<const PlannedTask*>& sorted) {
  DigestInput h;
  h.reserve(sorted.size() * 384);
  h.field(static_cast<std::int64_t>(sorted.size()));
  for (const PlannedTask* t : sorted) {
    h.field(t->key);
    h.field(t->plan_id);
    h.field(t->item_key);
    h.field(std::int64_t{t->sub});
    h.field(std::int64_t{t->clause});
    h.field(t->occurrence);
    h.field(to_string(t->kind));
    h.field(t->label);
    h.field(t->directory_id);
    h.field(to_string(t->assignee_kind));
    h.field(t->assignee);
    h.field(t->via);
    h.field(to_string(t->role));
    h.field(t->opens);
    h.field(t->due);
    h.field(t->timezone);
    h.field(to_string(t->waiting));
    h.field(t->waits_for);
  }
  return fmt::format("{:016x}", murmur64a(h.bytes()));
}

bool by_key(const PlannedTask* a, const PlannedTask* b) {
  return a->key < b->key;
}

// --- the diff, and its writes when applying

class Planner {
 public:
  Planner(Database& db, std::string_view plan_id, bool write, std::string_view actor)
      : db_(db),
        plan_id_(plan_id),
        write_(write),
        actor_(actor),
        read_item_(db.prepare(fmt::format("SELECT {} FROM tasks t WHERE t.plan_id = ?1 AND t.item_key = ?2",
                                          kTaskColumns))) {}

  PlanDiff run(const std::vector<PlannedTask>& desired) {
    PlanDiff diff;
    diff.plan_id = plan_id_;
    bool stored_plan = false;
    {
      auto st = db_.prepare("SELECT 1 FROM plans WHERE id = ?");
      st.bind_all(plan_id_);
      stored_plan = st.step();
    }
    // A preview of a plan's first load (roadmap load --dry-run) diffs a plan the store does not
    // hold yet: nothing of it is stored, every task would be new. Writing needs the plan's row.
    if (!stored_plan && write_) throw Error("store.err.unknown_plan", {plan_id_});
    // Group by item, in the order items first appear (plan order). A key starts with its plan and
    // item, so two tasks with one key are in one group, next to each other once it is sorted.
    std::vector<std::pair<std::string, std::vector<const PlannedTask*>>> groups;
    {
      std::unordered_map<std::string_view, std::size_t> group_of;
      for (const auto& t : desired) {
        if (t.plan_id != plan_id_) throw Error("store.err.task_plan_mismatch", {t.key, t.plan_id, plan_id_});
        if (!has_own_prefix(t)) throw Error("store.err.task_key_form", {t.key, t.plan_id, t.item_key});
        auto [it, fresh] = group_of.emplace(t.item_key, groups.size());
        if (fresh) groups.emplace_back(t.item_key, std::vector<const PlannedTask*>{});
        groups[it->second].second.push_back(&t);
      }
    }
    std::map<std::string, std::string> stored_digests;
    {
      auto st = db_.prepare("SELECT item_key, digest FROM item_task_digests WHERE plan_id = ?");
      st.bind_all(plan_id_);
      while (st.step()) stored_digests.emplace(st.column_text(0), st.column_text(1));
    }
    if (write_) prepare_writes();
    // A plan with no stored task yet (its first load): every desired task is a creation, so the
    // changes are sized once instead of growing by moves of whole tasks.
    if (!stored_plan) {
      first_load_ = true;
    } else if (stored_digests.empty()) {
      // Through the key's own index (every key starts with "<plan id>|"), which a bulk load keeps.
      auto st = db_.prepare("SELECT EXISTS (SELECT 1 FROM tasks WHERE key >= ?1 || '|' AND key < ?1 || '}')");
      st.bind_all(plan_id_);
      first_load_ = st.step() && st.column_int(0) == 0;
    }

    for (auto& [item, tasks] : groups) {
      if (!std::is_sorted(tasks.begin(), tasks.end(), by_key)) std::sort(tasks.begin(), tasks.end(), by_key);
      auto same = std::adjacent_find(tasks.begin(), tasks.end(), [](auto* a, auto* b) { return a->key == b->key; });
      if (same != tasks.end()) throw Error("store.err.duplicate_task_key", {(*same)->key});
      std::string digest = digest_sorted(tasks);
      auto stored = stored_digests.find(item);
      if (stored != stored_digests.end() && stored->second == digest) {
        diff.unchanged += tasks.size();
        continue;
      }
      diff_item(item, tasks, diff, "store.reason.task_removed");
      if (write_) set_digest_->bind_all(plan_id_, item, digest).run();
    }
    // Items with stored tasks the plan no longer has.
    std::set<std::string_view> desired_items;
    for (const auto& g : groups) desired_items.insert(g.first);
    for (const auto& [item, digest] : stored_digests) {
      if (desired_items.count(item)) continue;
      diff_item(item, {}, diff, "store.reason.item_removed");
      if (write_) drop_digest_->bind_all(plan_id_, item).run();
    }

    if (write_) {
      db_.prepare(
             "UPDATE schedule_runs SET created = ?2, moved = ?3, cancelled = ?4, restored = ?5, unchanged = ?6 "
             "WHERE id = ?1")
          .bind_all(run_id_, diff.created, diff.moved, diff.cancelled, diff.restored, diff.unchanged)
          .run();
      diff.run_id = run_id_;
    }
    return diff;
  }

 private:
  bool first_load_ = false;

  // "<plan>|<item>|...": what the scheduler's keys look like, and what a plan's first-load test
  // and the grouping above rely on.
  static bool has_own_prefix(const PlannedTask& t) {
    std::string_view k = t.key;
    return k.size() > t.plan_id.size() + t.item_key.size() + 2 && k.substr(0, t.plan_id.size()) == t.plan_id &&
           k[t.plan_id.size()] == '|' && k.substr(t.plan_id.size() + 1, t.item_key.size()) == t.item_key &&
           k[t.plan_id.size() + 1 + t.item_key.size()] == '|';
  }

  // Creations are counted per item and sub-measure (a region's first load makes hundreds of
  // thousands of them), in plan order; moves, cancellations and restorations are listed.
  static void count_creation(PlanDiff& diff, std::size_t item_first, const PlannedTask& t) {
    auto& c = diff.creations;
    auto it = std::find_if(c.begin() + static_cast<std::ptrdiff_t>(item_first), c.end(),
                           [&](const ItemCreations& x) { return x.sub == t.sub; });
    if (it == c.end()) it = c.insert(c.end(), ItemCreations{t.item_key, t.sub, 0});
    ++it->count;
  }

  void prepare_writes() {
    now_ = utc_now_iso();
    db_.prepare("INSERT INTO schedule_runs (at, actor, plan_id) VALUES (?, ?, ?)")
        .bind_all(now_, actor_, plan_id_)
        .run();
    run_id_ = db_.last_insert_rowid();
    insert_.emplace(db_.prepare(R"sql(
      INSERT INTO tasks (key, plan_id, item_key, sub, clause, occurrence, kind, label, directory_id,
        assignee_kind, assignee, via, role, opens, due, timezone, waiting, waits_for, created_at, updated_at,
        created_run)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19, ?20))sql"));
    reschedule_.emplace(db_.prepare(R"sql(
      UPDATE tasks SET kind = ?2, label = ?3, directory_id = ?4, via = ?5, opens = ?6, due = ?7, timezone = ?8,
        waiting = ?9, waits_for = ?10, status = ?11, cancelled_by = NULL, version = version + 1,
        updated_at = ?12
      WHERE id = ?1)sql"));
    cancel_.emplace(db_.prepare(
        "UPDATE tasks SET status = 'cancelled', cancelled_by = 'plan', version = version + 1, updated_at = ?2 "
        "WHERE id = ?1"));
    audit_.emplace(db_.prepare(
        "INSERT INTO task_audit (task_id, run_id, at, actor, action, from_value, to_value, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    set_digest_.emplace(db_.prepare(
        "INSERT INTO item_task_digests (plan_id, item_key, digest) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (plan_id, item_key) DO UPDATE SET digest = excluded.digest"));
    drop_digest_.emplace(db_.prepare("DELETE FROM item_task_digests WHERE plan_id = ? AND item_key = ?"));
  }

  // One item: its desired tasks (sorted by key) against its stored rows.
  void diff_item(const std::string& item, const std::vector<const PlannedTask*>& tasks, PlanDiff& diff,
                 std::string_view cancel_reason) {
    std::map<std::string, StoredTask> stored;
    if (!first_load_) {  // a plan without a stored task has nothing to read
      read_item_.bind_all(plan_id_, item);
      while (read_item_.step()) {
        auto s = read_task(read_item_);
        std::string key = s.task.key;
        stored.emplace(std::move(key), std::move(s));
      }
      read_item_.reset();
    }

    std::size_t first = diff.changes.size();
    std::size_t first_creation = diff.creations.size();
    for (const PlannedTask* t : tasks) {
      auto it = stored.find(t->key);
      if (it == stored.end()) {
        ++diff.created;
        count_creation(diff, first_creation, *t);
        if (write_) insert(*t);
        continue;
      }
      StoredTask& s = it->second;
      if (is_open(s.status)) {
        if (t->same_schedule(s.task)) {
          ++diff.unchanged;
        } else {
          ++diff.moved;
          if (write_) move(s, *t, s.status);
          diff.changes.push_back({ChangeKind::move, *t, std::move(s.task), s.id});
        }
      } else if (s.status == "cancelled" && s.cancelled_by == "plan") {
        ++diff.restored;
        if (write_) restore(s, *t);
        diff.changes.push_back({ChangeKind::restore, *t, std::move(s.task), s.id});
      } else {
        ++diff.unchanged;  // done, not needed, cancelled by a user: history, never re-planned
      }
      stored.erase(it);
    }
    for (auto& [key, s] : stored) {
      if (!is_open(s.status)) continue;
      ++diff.cancelled;
      if (write_) cancel(s, cancel_reason);
      diff.changes.push_back({ChangeKind::cancel, std::move(s.task), std::nullopt, s.id});
    }
    // Usually in key order already (moves and restorations follow the sorted desired tasks).
    auto by_key = [](const TaskChange& a, const TaskChange& b) { return a.task.key < b.task.key; };
    auto from = diff.changes.begin() + static_cast<std::ptrdiff_t>(first);
    if (!std::is_sorted(from, diff.changes.end(), by_key)) std::sort(from, diff.changes.end(), by_key);
  }

  void insert(const PlannedTask& t) {
    auto& st = *insert_;
    // The task, the run and the dates below outlive the statement's step: text is bound without a copy.
    std::optional<IsoDay> opens, due;
    if (t.opens) opens.emplace(*t.opens);
    if (t.due) due.emplace(*t.due);
    st.bind_static(1, t.key).bind_static(2, t.plan_id).bind_static(3, t.item_key).bind(4, t.sub).bind(5, t.clause);
    st.bind_static(6, t.occurrence).bind_static(7, to_string(t.kind)).bind_static(8, t.label);
    st.bind_static(9, t.directory_id).bind_static(10, to_string(t.assignee_kind)).bind_static(11, t.assignee);
    st.bind_static(12, t.via).bind_static(13, to_string(t.role));
    if (opens) st.bind_static(14, opens->view()); else st.bind_null(14);
    if (due) st.bind_static(15, due->view()); else st.bind_null(15);
    st.bind_static(16, t.timezone).bind_static(17, to_string(t.waiting)).bind_static(18, t.waits_for);
    st.bind_static(19, now_).bind(20, run_id_);
    st.run();
  }

  void reschedule(std::int64_t id, const PlannedTask& t, std::string_view status) {
    auto& st = *reschedule_;
    st.bind_all(id, to_string(t.kind), t.label, t.directory_id, t.via, iso(t.opens), iso(t.due), t.timezone,
                to_string(t.waiting), t.waits_for, status, now_);
    st.run();
  }

  void audit(std::int64_t id, std::string_view action, const std::string& from, const std::string& to,
             std::string_view reason) {
    audit_->bind_all(id, run_id_, now_, actor_, action, from, to, reason).run();
  }

  void move(const StoredTask& s, const PlannedTask& t, const std::string& status) {
    reschedule(s.id, t, status);
    auto [from, to] = describe_move(s.task, t);
    audit(s.id, "moved", from, to, "store.reason.replanned");
  }

  void restore(const StoredTask& s, const PlannedTask& t) {
    reschedule(s.id, t, "planned");
    audit(s.id, "restored", "cancelled", "planned", "store.reason.back_in_plan");
    if (!t.same_schedule(s.task)) {
      auto [from, to] = describe_move(s.task, t);
      audit(s.id, "moved", from, to, "store.reason.replanned");
    }
  }

  void cancel(const StoredTask& s, std::string_view reason) {
    cancel_->bind_all(s.id, now_).run();
    audit(s.id, "cancelled", s.status, "cancelled", reason);
  }

  Database& db_;
  std::string plan_id_;
  bool write_;
  std::string actor_;
  std::string now_;
  std::int64_t run_id_ = 0;
  Statement read_item_;
  std::optional<Statement> insert_, reschedule_, cancel_, audit_, set_digest_, drop_digest_;
};

// --- queries

struct Where {
  std::vector<std::string> conditions;
  std::vector<std::string> args;  // bound in order, as ?1, ?2 ...

  std::string arg(std::string v) {
    args.push_back(std::move(v));
    return "?" + std::to_string(args.size());
  }
};

// The assignees a person works for, as an SQL condition on t.
std::string person_condition(Database& db, std::string_view person, Where& w) {
  auto st = db.prepare(
      "SELECT directory_id, body, school FROM dir_people WHERE id = ?1 OR lower(email) = lower(?1) "
      "ORDER BY directory_id");
  st.bind_all(person);
  std::vector<std::string> alternatives;
  bool found = false;
  while (st.step()) {
    found = true;
    std::string dir = st.column_text(0), body = st.column_text(1), school = st.column_text(2);
    std::string kind = school.empty() ? "body" : "school";
    std::string unit = school.empty() ? body : school;
    if (unit.empty()) continue;
    alternatives.push_back(fmt::format("(t.assignee_kind = {} AND t.assignee = {} AND t.directory_id IN ({}, ''))",
                                       w.arg(kind), w.arg(unit), w.arg(dir)));
  }
  if (!found) throw Error("store.err.unknown_person", {std::string(person)});
  if (alternatives.empty()) throw Error("store.err.person_without_unit", {std::string(person)});
  std::string out = "(";
  for (std::size_t i = 0; i < alternatives.size(); ++i) out += (i ? " OR " : "") + alternatives[i];
  return out + ")";
}

std::pair<std::string, std::string> month_bounds(const std::string& month) {
  int y = 0;
  unsigned m = 0;
  char tail = 0;
  bool ok = month.size() == 7 && month[4] == '-' &&
            std::all_of(month.begin(), month.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); }) &&
            std::sscanf(month.c_str(), "%4d-%2u%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12;
  if (!ok) throw Error("store.err.bad_month", {month});
  std::chrono::year_month_day_last last{std::chrono::year{y} / std::chrono::month{m} / std::chrono::last};
  return {iso(Ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{1}}), iso(Ymd{last})};
}

constexpr std::string_view kOrder =
    " ORDER BY t.due IS NULL, t.due, t.plan_id, i.position IS NULL, i.position, t.item_key, t.assignee, t.id";

std::vector<StoredTask> select_tasks(Database& db, const Where& w, std::string_view tail) {
  std::string sql = fmt::format(
      "SELECT {} FROM tasks t LEFT JOIN items i ON i.plan_id = t.plan_id AND i.item_key = t.item_key", kTaskColumns);
  for (std::size_t i = 0; i < w.conditions.size(); ++i) sql += (i ? " AND " : " WHERE ") + w.conditions[i];
  sql += kOrder;
  sql += tail;
  auto st = db.prepare(sql);
  for (std::size_t i = 0; i < w.args.size(); ++i) st.bind(static_cast<int>(i) + 1, w.args[i]);
  std::vector<StoredTask> out;
  while (st.step()) out.push_back(read_task(st));
  return out;
}

}  // namespace

std::string utc_now_iso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string task_digest(const std::vector<const PlannedTask*>& tasks) {
  std::vector<const PlannedTask*> sorted(tasks);
  std::sort(sorted.begin(), sorted.end(), by_key);
  return digest_sorted(sorted);
}

PlanDiff diff_tasks(Database& db, std::string_view plan_id, const std::vector<PlannedTask>& desired) {
  return Planner(db, plan_id, false, "").run(desired);
}

BulkTaskIndexes::BulkTaskIndexes(Database& db, std::size_t incoming) : db_(db) {
  if (!db.in_transaction()) throw Error("store.err.no_transaction", {"tasks"});
  if (incoming < kMinRows) return;
  {
    auto count = db.prepare("SELECT count(*) FROM tasks");
    count.step();
    if (static_cast<std::size_t>(count.column_int(0)) >= incoming) return;
  }
  // Only the key's own index stays (uniqueness, and the first-load test of apply_tasks); a plan's
  // first load reads no rows, so nothing else is needed meanwhile. The schema stays the one place
  // the indexes are defined: their DDL is read back.
  std::vector<std::string> names;
  {
    auto st = db.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND sql IS NOT NULL "
        "ORDER BY name");
    while (st.step()) {
      names.push_back(st.column_text(0));
      ddl_.push_back(st.column_text(1));
    }
  }  // the read is finished before the schema changes
  for (const auto& n : names) db.exec("DROP INDEX \"" + n + "\"");
}

void BulkTaskIndexes::rebuild() {
  if (ddl_.empty()) return;
  // CREATE INDEX sorts every row of tasks; SQLite's sorter can sort runs on helper threads
  // (PRAGMA threads, 0 by default in Debian's build): one per other core, for these statements only.
  const unsigned helpers = std::min(std::max(std::thread::hardware_concurrency(), 1u), 4u) - 1;
  if (helpers > 0) db_.exec("PRAGMA threads = " + std::to_string(helpers));
  try {
    for (const auto& sql : ddl_) db_.exec(sql);
  } catch (...) {
    if (helpers > 0) sqlite3_exec(db_.handle(), "PRAGMA threads = 0", nullptr, nullptr, nullptr);
    throw;
  }
  if (helpers > 0) db_.exec("PRAGMA threads = 0");
  ddl_.clear();
}

PlanDiff apply_tasks(Database& db, std::string_view plan_id, const std::vector<PlannedTask>& desired,
                     std::string_view actor) {
  if (!db.in_transaction()) throw Error("store.err.no_transaction", {std::string(plan_id)});
  return Planner(db, plan_id, true, actor).run(desired);
}

namespace {

Where task_filter_where(Database& db, const TaskFilter& f) {
  Where w;
  if (!f.plan_id.empty()) w.conditions.push_back("t.plan_id = " + w.arg(f.plan_id));
  if (!f.directory.empty()) w.conditions.push_back("t.directory_id = " + w.arg(f.directory));
  if (!f.body.empty())
    w.conditions.push_back("t.assignee_kind = 'body' AND t.assignee = " + w.arg(f.body));
  if (!f.school.empty())
    w.conditions.push_back("t.assignee_kind = 'school' AND t.assignee = " + w.arg(f.school));
  if (!f.person.empty()) w.conditions.push_back(person_condition(db, f.person, w));
  if (!f.month.empty()) {
    auto [first, last] = month_bounds(f.month);
    std::string a = w.arg(first), b = w.arg(last);
    w.conditions.push_back(fmt::format(
        "((t.due >= {0} AND t.due <= {1}) OR (t.due IS NULL AND t.waiting = 'none' AND "
        "(t.opens IS NULL OR t.opens <= {1})))",
        a, b));
  }
  if (!f.status.empty()) {
    if (f.status == "open")
      w.conditions.push_back("t.status IN ('planned', 'in_progress')");
    else if (is_status(f.status))
      w.conditions.push_back("t.status = " + w.arg(f.status));
    else
      throw Error("store.err.bad_status_filter", {f.status});
  }
  if (!f.item.empty()) w.conditions.push_back("t.item_key = " + w.arg(f.item));
  if (!f.due_before.empty()) w.conditions.push_back("t.due < " + w.arg(f.due_before));
  if (f.waiting_only) w.conditions.push_back("t.waiting <> 'none'");
  return w;
}

}  // namespace

std::vector<StoredTask> query_tasks(Database& db, const TaskFilter& f) {
  Where w = task_filter_where(db, f);
  std::string tail;
  if (f.limit > 0 || f.offset > 0)
    tail = fmt::format(" LIMIT {} OFFSET {}", f.limit > 0 ? static_cast<long long>(f.limit) : -1LL, f.offset);
  return select_tasks(db, w, tail);
}

std::size_t count_tasks(Database& db, const TaskFilter& f) {
  Where w = task_filter_where(db, f);
  std::string sql = "SELECT count(*) FROM tasks t";
  for (std::size_t i = 0; i < w.conditions.size(); ++i) sql += (i ? " AND " : " WHERE ") + w.conditions[i];
  auto st = db.prepare(sql);
  for (std::size_t i = 0; i < w.args.size(); ++i) st.bind(static_cast<int>(i) + 1, w.args[i]);
  st.step();
  return static_cast<std::size_t>(st.column_int(0));
}

std::vector<StoredTask> agenda(Database& db, std::string_view person, Ymd today, int days) {
  Where w;
  w.conditions.push_back(person_condition(db, person, w));
  w.conditions.push_back("t.status IN ('planned', 'in_progress')");
  Ymd until{std::chrono::sys_days{today} + std::chrono::days{days}};
  w.conditions.push_back(
      fmt::format("((t.due IS NOT NULL AND t.due <= {}) OR t.waiting <> 'none')", w.arg(iso(until))));
  return select_tasks(db, w, "");
}

std::optional<StoredTask> find_task(Database& db, std::int64_t id) {
  auto st = db.prepare(fmt::format("SELECT {} FROM tasks t WHERE t.id = ?", kTaskColumns));
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return read_task(st);
}

std::optional<std::string> plan_directory(Database& db, std::string_view plan_id) {
  auto st = db.prepare("SELECT directory_id FROM tasks WHERE plan_id = ? LIMIT 1");
  st.bind_all(plan_id);
  if (!st.step()) return std::nullopt;
  return st.column_text(0);
}

std::vector<AuditRecord> task_audit(Database& db, std::int64_t task_id) {
  auto st = db.prepare(
      "SELECT id, task_id, run_id, at, actor, action, from_value, to_value, reason FROM task_audit "
      "WHERE task_id = ? ORDER BY id");
  st.bind_all(task_id);
  std::vector<AuditRecord> out;
  while (st.step()) {
    AuditRecord r;
    r.id = st.column_int(0);
    r.task_id = st.column_int(1);
    r.run_id = st.column_optional_int(2);
    r.at = st.column_text(3);
    r.actor = st.column_text(4);
    r.action = st.column_text(5);
    r.from_value = st.column_text(6);
    r.to_value = st.column_text(7);
    r.reason = st.column_text(8);
    out.push_back(std::move(r));
  }
  return out;
}

void update_status(Database& db, std::int64_t id, int expected_version, std::string_view new_status,
                   std::string_view actor, std::string_view reason, std::optional<Ymd> done_on) {
  if (!is_status(new_status)) throw Error("store.err.bad_status", {std::string(new_status)});
  std::optional<Transaction> tx;
  if (!db.in_transaction()) tx.emplace(db);

  auto find = db.prepare("SELECT status, version, plan_id, item_key FROM tasks WHERE id = ?");
  find.bind_all(id);
  if (!find.step()) throw Error("store.err.unknown_task", {std::to_string(id)});
  std::string old_status = find.column_text(0);
  std::int64_t version = find.column_int(1);
  std::string plan_id = find.column_text(2), item = find.column_text(3);
  if (version != expected_version)
    throw Error("store.err.version_conflict",
                {std::to_string(id), std::to_string(expected_version), std::to_string(version)});

  bool closing = new_status == "done" || new_status == "not_needed";
  std::optional<std::string> day;
  if (closing) day = iso(done_on ? *done_on : utc_today());
  std::optional<std::string> cancelled_by;
  if (new_status == "cancelled") cancelled_by = "user";
  std::string now = utc_now_iso();

  auto upd = db.prepare(
      "UPDATE tasks SET status = ?3, cancelled_by = ?4, done_on = ?5, version = version + 1, updated_at = ?6 "
      "WHERE id = ?1 AND version = ?2");
  upd.bind_all(id, version, new_status, cancelled_by, day, now);
  upd.run();
  if (db.changes() != 1)
    throw Error("store.err.version_conflict", {std::to_string(id), std::to_string(expected_version), "?"});

  bool reopened = !is_open(old_status) && is_open(new_status);
  db.prepare(
        "INSERT INTO task_audit (task_id, run_id, at, actor, action, from_value, to_value, reason) "
        "VALUES (?, NULL, ?, ?, ?, ?, ?, ?)")
      .bind_all(id, now, actor, reopened ? "reopened" : "status", old_status, new_status, reason)
      .run();
  // The item's stored state no longer follows from its digest alone: the next re-plan reads it.
  db.prepare(
        "INSERT INTO item_task_digests (plan_id, item_key, digest) VALUES (?1, ?2, '') "
        "ON CONFLICT (plan_id, item_key) DO UPDATE SET digest = ''")
      .bind_all(plan_id, item)
      .run();
  if (tx) tx->commit();
}

std::map<std::string, Ymd> items_done(Database& db, std::string_view plan_id) {
  auto st = db.prepare(R"sql(
    SELECT item_key, max(done_on) FROM tasks
    WHERE plan_id = ? AND status <> 'cancelled'
    GROUP BY item_key
    HAVING sum(status NOT IN ('done', 'not_needed')) = 0)sql");
  st.bind_all(plan_id);
  std::map<std::string, Ymd> out;
  while (st.step())
    if (auto d = parse_iso(st.column_optional_text(1))) out.emplace(st.column_text(0), *d);
  return out;
}

void save_directory(Database& db, const model::Directory& dir) {
  std::optional<Transaction> tx;
  if (!db.in_transaction()) tx.emplace(db);
  for (const char* table : {"dir_bodies", "dir_schools", "dir_people"})
    db.prepare(fmt::format("DELETE FROM {} WHERE directory_id = ?", table)).bind_all(dir.id).run();
  db.prepare("INSERT OR REPLACE INTO directories (id, title, territory, timezone) VALUES (?, ?, ?, ?)")
      .bind_all(dir.id, dir.title, dir.territory, dir.timezone)
      .run();
  auto body = db.prepare(
      "INSERT INTO dir_bodies (directory_id, id, short_name, full_name, kind, timezone, head) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& b : dir.bodies)
    body.bind_all(dir.id, b.id, b.short_name, b.full_name, model::to_string(b.kind), b.timezone, b.head).run();
  auto school = db.prepare(
      "INSERT INTO dir_schools (directory_id, id, short_name, full_name, timezone, body) VALUES (?, ?, ?, ?, ?, ?)");
  for (const auto& s : dir.schools)
    school.bind_all(dir.id, s.id, s.short_name, s.full_name, s.timezone, s.body).run();
  auto person = db.prepare(
      "INSERT INTO dir_people (directory_id, id, name, email, role, body, school, timezone, language) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& p : dir.people)
    person.bind_all(dir.id, p.id, p.name, p.email, model::to_string(p.role), p.body, p.school, p.timezone,
                    p.language)
        .run();
  if (tx) tx->commit();
}

std::optional<model::Person> find_person(Database& db, std::string_view id_or_email) {
  auto st = db.prepare(
      "SELECT id, name, email, role, body, school, timezone, language FROM dir_people "
      "WHERE id = ?1 OR lower(email) = lower(?1) ORDER BY id = ?1 DESC, directory_id LIMIT 1");
  st.bind_all(id_or_email);
  if (!st.step()) return std::nullopt;
  model::Person p;
  p.id = st.column_text(0);
  p.name = st.column_text(1);
  p.email = st.column_text(2);
  model::parse_role(st.column_text(3), p.role);
  p.body = st.column_text(4);
  p.school = st.column_text(5);
  p.timezone = st.column_text(6);
  p.language = st.column_text(7);
  return p;
}

}  // namespace roadmap::store
