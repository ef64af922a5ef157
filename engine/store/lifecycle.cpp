// The task lifecycle: transitions, results, stored files, history. See lifecycle.hpp for the rules;
// the tables are in schema.cpp (versions 2 and 3).
#include "store/lifecycle.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "calendar/local_time.hpp"
#include "calendar/production_calendar.hpp"
#include "store/sha256.hpp"

namespace roadmap::store {

namespace {

namespace fs = std::filesystem;
using Ymd = std::chrono::year_month_day;

std::string iso(const Ymd& d) {
  return calendar::to_string(d);
}

std::string trim(std::string_view s) {
  auto is_space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && is_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

bool is_open(std::string_view status) {
  return status == "planned" || status == "in_progress";
}

// "2026-11-25T10:54:44Z" -> the moment; nullopt when it is not that form.
std::optional<std::chrono::sys_seconds> parse_utc(const std::string& s) {
  int y = 0;
  unsigned mo = 0, d = 0;
  int h = 0, mi = 0, se = 0;
  if (std::sscanf(s.c_str(), "%d-%u-%uT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &se) != 6) return std::nullopt;
  Ymd day{std::chrono::year{y}, std::chrono::month{mo}, std::chrono::day{d}};
  if (!day.ok()) return std::nullopt;
  return std::chrono::sys_seconds{std::chrono::sys_days{day}} + std::chrono::hours{h} + std::chrono::minutes{mi} +
         std::chrono::seconds{se};
}

// "14:05" for a moment of today in the zone, "25.11.2026 14:05" otherwise.
std::string when_text(const std::string& utc, const std::string& tz) {
  auto t = parse_utc(utc);
  if (!t) return utc;
  auto l = calendar::to_local(*t, tz);
  std::string hm = fmt::format("{:02}:{:02}", l.hour, l.minute);
  if (l.date == calendar::local_today(tz)) return hm;
  std::string d = iso(l.date);
  return d.substr(8, 2) + "." + d.substr(5, 2) + "." + d.substr(0, 4) + " " + hm;
}

// Who changed the task last and when, for messages: the last audit record, else the row itself.
std::pair<std::string, std::string> last_change(Database& db, const StoredTask& t) {
  auto st = db.prepare("SELECT actor, at FROM task_audit WHERE task_id = ? ORDER BY id DESC LIMIT 1");
  st.bind_all(t.id);
  if (st.step()) {
    std::string actor = st.column_text(0);
    return {actor.empty() ? std::string("—") : actor_name(db, actor), when_text(st.column_text(1), t.task.timezone)};
  }
  return {"—", when_text(t.updated_at, t.task.timezone)};
}

Error closed_error(Database& db, const StoredTask& t) {
  auto [who, when] = last_change(db, t);
  std::string key = "store.err.closed." + t.status;
  if (t.status == "cancelled" && t.cancelled_by == "plan") key = "store.err.closed.cancelled_by_plan";
  return Error(key, {std::to_string(t.id), who, when});
}

bool link_ok(const std::string& link) {
  std::string lower;
  for (char c : link) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::size_t start = 0;
  if (lower.rfind("http://", 0) == 0) start = 7;
  else if (lower.rfind("https://", 0) == 0) start = 8;
  else return false;
  for (unsigned char c : link)
    if (c <= 0x20 || c == 0x7f) return false;
  std::size_t host_end = link.find_first_of("/?#", start);
  std::string host = link.substr(start, host_end == std::string::npos ? std::string::npos : host_end - start);
  if (auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
    host = host.substr(0, colon);
  return !host.empty();
}

// A result file copied into "<db>.files/<sha256>.<ext>": removed again unless released, when this
// call created it (a file with the same content stored earlier belongs to its own record).
class StagedFile {
 public:
  StagedFile() = default;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile() {
    if (!created_.empty()) {
      std::error_code ec;
      fs::remove(created_, ec);
    }
  }

  void stage(const std::string& source, const std::string& dir) {
    std::ifstream in(source, std::ios::binary);
    if (!in) throw Error("store.err.file_missing", {source});
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error("store.err.file_io", {dir, ec.message()});
    static std::atomic<int> counter{0};
    fs::path temp = fs::path(dir) / fmt::format(".incoming-{}-{}", ::getpid(), counter++);
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      if (!out) throw Error("store.err.file_io", {temp.string(), "cannot create"});
      temp_ = temp;
      Sha256 sha;
      char buf[1 << 16];
      while (in) {
        in.read(buf, sizeof buf);
        std::streamsize n = in.gcount();
        if (n <= 0) break;
        sha.update(std::string_view(buf, static_cast<std::size_t>(n)));
        out.write(buf, n);
        size_ += n;
      }
      if (in.bad()) throw Error("store.err.file_io", {source, "read failed"});
      out.flush();
      if (!out) throw Error("store.err.file_io", {temp.string(), "write failed"});
      sha256_ = sha.hex();
    }
    std::string ext = fs::path(source).extension().string();
    bool ext_ok = ext.size() >= 2 && ext.size() <= 11;
    for (std::size_t i = 1; ext_ok && i < ext.size(); ++i)
      ext_ok = std::isalnum(static_cast<unsigned char>(ext[i])) != 0;
    if (!ext_ok) ext.clear();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    stored_name_ = sha256_ + ext;
    fs::path final_path = fs::path(dir) / stored_name_;
    if (fs::exists(final_path, ec)) {
      fs::remove(temp, ec);  // the same content is kept already
    } else {
      fs::rename(temp, final_path, ec);
      if (ec) throw Error("store.err.file_io", {final_path.string(), ec.message()});
      created_ = final_path;
    }
    temp_.clear();
    original_name_ = fs::path(source).filename().string();
  }

  void release() { created_.clear(); }
  const std::string& sha256() const { return sha256_; }
  const std::string& stored_name() const { return stored_name_; }
  const std::string& original_name() const { return original_name_; }
  std::int64_t size() const { return size_; }

 private:
  struct TempRemover {
    fs::path* p;
    ~TempRemover() {
      if (!p->empty()) {
        std::error_code ec;
        fs::remove(*p, ec);
      }
    }
  };
  fs::path temp_;
  TempRemover temp_remover_{&temp_};
  fs::path created_;
  std::string sha256_, stored_name_, original_name_;
  std::int64_t size_ = 0;
};

StoredFile read_file_row(const Statement& st, int c) {
  StoredFile f;
  f.id = st.column_int(c);
  f.task_id = st.column_int(c + 1);
  f.audit_id = st.column_int(c + 2);
  f.original_name = st.column_text(c + 3);
  f.stored_name = st.column_text(c + 4);
  f.size = st.column_int(c + 5);
  f.sha256 = st.column_text(c + 6);
  f.added_at = st.column_text(c + 7);
  return f;
}

constexpr std::string_view kFileColumns = "f.id, f.task_id, f.audit_id, f.original_name, f.stored_name, f.size, f.sha256, f.added_at";

}  // namespace

std::string_view to_string(Transition t) {
  switch (t) {
    case Transition::start: return "start";
    case Transition::done: return "done";
    case Transition::cancel: return "cancel";
    case Transition::not_needed: return "not_needed";
    case Transition::reopen: return "reopen";
  }
  return "?";
}

bool parse_transition(std::string_view text, Transition& out) {
  for (Transition t : {Transition::start, Transition::done, Transition::cancel, Transition::not_needed, Transition::reopen})
    if (to_string(t) == text) {
      out = t;
      return true;
    }
  return false;
}

std::vector<Transition> allowed_transitions(const StoredTask& t) {
  std::vector<Transition> out;
  const auto& task = t.task;
  if (is_open(t.status)) {
    bool waiting = task.waiting != scheduler::Waiting::none;
    if (t.status == "planned" && !waiting) out.push_back(Transition::start);
    if (!waiting) out.push_back(Transition::done);
    out.push_back(Transition::cancel);
    bool on_demand = task.kind == scheduler::TaskKind::on_demand ||
                     (task.kind == scheduler::TaskKind::checkin && task.occurrence.rfind("demand/", 0) == 0);
    if (on_demand) out.push_back(Transition::not_needed);
  } else if (!(t.status == "cancelled" && t.cancelled_by == "plan")) {
    out.push_back(Transition::reopen);
  }
  return out;
}

std::string files_dir(const Database& db) {
  return db.path() + ".files";
}

std::string actor_name(Database& db, std::string_view actor) {
  if (actor.empty()) return {};
  if (auto p = find_person(db, actor); p && !p->name.empty()) return p->name;
  return std::string(actor);
}

TransitionOutcome change_task(Database& db, const TransitionRequest& r) {
  if (db.in_transaction()) throw Error("store.err.nested_transaction", {});
  const std::string id_text = std::to_string(r.task_id);
  const std::string reason = trim(r.reason);
  const bool needs_reason =
      r.transition == Transition::cancel || r.transition == Transition::not_needed || r.transition == Transition::reopen;
  if (needs_reason && reason.empty())
    throw Error("store.err.reason_required." + std::string(to_string(r.transition)), {id_text});

  TaskResult result;
  if (r.transition == Transition::done) {
    result.text = trim(r.result.text);
    result.link = trim(r.result.link);
    result.document = trim(r.result.document);
    result.file = r.result.file;
    if (!result.link.empty() && !link_ok(result.link)) throw Error("store.err.bad_link", {result.link});
    if (!result.file.empty()) {
      std::error_code ec;
      if (!fs::is_regular_file(result.file, ec)) throw Error("store.err.file_missing", {result.file});
    }
  }

  Transaction tx(db);
  auto current = find_task(db, r.task_id);
  if (!current) throw Error("store.err.unknown_task", {id_text});
  const StoredTask& cur = *current;
  if (r.expected_version && *r.expected_version != cur.version) {
    auto [who, when] = last_change(db, cur);
    throw Error("store.err.task_changed",
                {id_text, who, when, std::to_string(*r.expected_version), std::to_string(cur.version)});
  }

  const auto& task = cur.task;
  std::string new_status;
  switch (r.transition) {
    case Transition::start:
      if (cur.status == "in_progress") throw Error("store.err.already_started", {id_text});
      if (!is_open(cur.status)) throw closed_error(db, cur);
      new_status = "in_progress";
      break;
    case Transition::done: new_status = "done"; break;
    case Transition::cancel: new_status = "cancelled"; break;
    case Transition::not_needed: new_status = "not_needed"; break;
    case Transition::reopen:
      if (is_open(cur.status)) throw Error("store.err.not_closed", {id_text});
      if (cur.status == "cancelled" && cur.cancelled_by == "plan")
        throw Error("store.err.reopen_plan_cancelled", {id_text, task.plan_id});
      new_status = "planned";
      break;
  }
  if (r.transition != Transition::reopen && !is_open(cur.status)) throw closed_error(db, cur);
  if ((r.transition == Transition::start || r.transition == Transition::done) &&
      task.waiting != scheduler::Waiting::none)
    throw Error(task.waiting == scheduler::Waiting::item ? "store.err.waiting.item" : "store.err.waiting.schedule",
                {id_text, task.waits_for});
  if (r.transition == Transition::not_needed) {
    bool on_demand = task.kind == scheduler::TaskKind::on_demand ||
                     (task.kind == scheduler::TaskKind::checkin && task.occurrence.rfind("demand/", 0) == 0);
    if (!on_demand) throw Error("store.err.not_on_demand", {id_text});
  }

  std::optional<std::string> done_on;
  if (r.transition == Transition::done || r.transition == Transition::not_needed) {
    Ymd today = r.today ? *r.today : calendar::local_today(task.timezone);
    Ymd day = r.done_on ? *r.done_on : today;
    if (std::chrono::sys_days{day} > std::chrono::sys_days{today})
      throw Error("store.err.done_in_future", {id_text, iso(day), iso(today)});
    done_on = iso(day);
  }

  if (r.transition == Transition::done && result.empty()) {
    auto st = db.prepare("SELECT expected_result FROM items WHERE plan_id = ? AND item_key = ?");
    st.bind_all(task.plan_id, task.item_key);
    std::string expected = st.step() ? trim(st.column_text(0)) : std::string();
    if (!expected.empty()) throw Error("store.err.result_required", {id_text, expected});
  }

  StagedFile staged;
  if (!result.file.empty()) staged.stage(result.file, files_dir(db));

  auto nullable = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional(s); };
  std::optional<std::string> cancelled_by;
  if (new_status == "cancelled") cancelled_by = "user";
  std::optional<std::string> res_text, res_link, res_doc;
  if (r.transition == Transition::done) {
    res_text = nullable(result.text);
    res_link = nullable(result.link);
    res_doc = nullable(result.document);
  } else if (r.transition != Transition::reopen) {
    res_text = nullable(cur.result);  // start / cancel / not_needed leave an earlier result as it was (none)
  }
  const std::string now = utc_now_iso();

  auto upd = db.prepare(
      "UPDATE tasks SET status = ?3, cancelled_by = ?4, done_on = ?5, result = ?6, result_link = ?7, "
      "result_document = ?8, version = version + 1, updated_at = ?9 WHERE id = ?1 AND version = ?2");
  upd.bind_all(r.task_id, cur.version, new_status, cancelled_by, done_on, res_text, res_link, res_doc, now);
  upd.run();
  if (db.changes() != 1) {  // cannot happen under BEGIN IMMEDIATE; kept as the last line of defence
    auto [who, when] = last_change(db, cur);
    throw Error("store.err.task_changed", {id_text, who, when, std::to_string(cur.version), "?"});
  }

  db.prepare(
        "INSERT INTO task_audit (task_id, run_id, at, actor, action, from_value, to_value, reason) "
        "VALUES (?, NULL, ?, ?, ?, ?, ?, ?)")
      .bind_all(r.task_id, now, r.actor, r.transition == Transition::reopen ? "reopened" : "status", cur.status,
                new_status, reason)
      .run();
  TransitionOutcome out;
  out.audit_id = db.last_insert_rowid();
  out.before = cur;

  if (r.transition == Transition::done) {
    db.prepare("INSERT INTO task_results (audit_id, task_id, text, link, document) VALUES (?, ?, ?, ?, ?)")
        .bind_all(out.audit_id, r.task_id, result.text, result.link, result.document)
        .run();
    if (!result.file.empty()) {
      db.prepare(
            "INSERT INTO task_files (task_id, audit_id, original_name, stored_name, size, sha256, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)")
          .bind_all(r.task_id, out.audit_id, staged.original_name(), staged.stored_name(), staged.size(),
                    staged.sha256(), now)
          .run();
      StoredFile f;
      f.id = db.last_insert_rowid();
      f.task_id = r.task_id;
      f.audit_id = out.audit_id;
      f.original_name = staged.original_name();
      f.stored_name = staged.stored_name();
      f.size = staged.size();
      f.sha256 = staged.sha256();
      f.added_at = now;
      out.file = f;
    }
  }
  // The item's stored state no longer follows from its digest alone: the next re-plan reads it.
  db.prepare(
        "INSERT INTO item_task_digests (plan_id, item_key, digest) VALUES (?1, ?2, '') "
        "ON CONFLICT (plan_id, item_key) DO UPDATE SET digest = ''")
      .bind_all(task.plan_id, task.item_key)
      .run();

  auto after = find_task(db, r.task_id);
  out.after = after ? *after : StoredTask{};
  tx.commit();
  staged.release();
  return out;
}

bool TaskDetails::done_late() const {
  return task.status == "done" && task.done_on && task.task.due &&
         std::chrono::sys_days{*task.done_on} > std::chrono::sys_days{*task.task.due};
}

std::optional<TaskDetails> task_details(Database& db, std::int64_t id) {
  auto t = find_task(db, id);
  if (!t) return std::nullopt;
  TaskDetails d;
  d.task = *t;
  auto st = db.prepare(
      "SELECT i.number, i.measure, i.expected_result, p.title, t.result_link, t.result_document, i.deadline "
      "FROM tasks t LEFT JOIN items i ON i.plan_id = t.plan_id AND i.item_key = t.item_key "
      "LEFT JOIN plans p ON p.id = t.plan_id WHERE t.id = ?");
  st.bind_all(id);
  if (st.step()) {
    d.item_number = st.column_text(0);
    d.measure = st.column_text(1);
    d.expected_result = st.column_text(2);
    d.plan_title = st.column_text(3);
    d.result_link = st.column_text(4);
    d.result_document = st.column_text(5);
    d.deadline = st.column_text(6);
  }
  if (d.item_number.empty()) d.item_number = t->task.item_key;
  auto files = db.prepare(fmt::format("SELECT {} FROM task_files f WHERE f.task_id = ? ORDER BY f.id", kFileColumns));
  files.bind_all(id);
  while (files.step()) d.files.push_back(read_file_row(files, 0));
  return d;
}

std::vector<HistoryEntry> task_history(Database& db, std::int64_t id) {
  std::vector<HistoryEntry> out;
  for (auto& rec : task_audit(db, id)) {
    HistoryEntry e;
    e.record = std::move(rec);
    out.push_back(std::move(e));
  }
  auto res = db.prepare("SELECT audit_id, text, link, document FROM task_results WHERE task_id = ?");
  res.bind_all(id);
  auto entry = [&out](std::int64_t audit_id) -> HistoryEntry* {
    for (auto& e : out)
      if (e.record.id == audit_id) return &e;
    return nullptr;
  };
  while (res.step())
    if (auto* e = entry(res.column_int(0))) {
      e->result_text = res.column_text(1);
      e->result_link = res.column_text(2);
      e->result_document = res.column_text(3);
    }
  auto files = db.prepare(fmt::format("SELECT {} FROM task_files f WHERE f.task_id = ? ORDER BY f.id", kFileColumns));
  files.bind_all(id);
  while (files.step()) {
    auto f = read_file_row(files, 0);
    if (auto* e = entry(f.audit_id)) e->file = std::move(f);
  }
  return out;
}

}  // namespace roadmap::store
