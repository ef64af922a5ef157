// The outbox's SQL (see outbox.hpp).
#include "store/outbox.hpp"

#include <ctime>
#include <memory>

namespace roadmap::store {

namespace {

OutboxMessage read_row(Statement& st, bool with_body) {
  OutboxMessage m;
  m.id = st.column_int(0);
  m.dedup_key = st.column_text(1);
  m.person = st.column_text(2);
  m.email = st.column_text(3);
  m.kind = st.column_text(4);
  m.subject = st.column_text(5);
  if (with_body) m.body = st.column_text(6);
  m.state = st.column_text(7);
  m.attempts = static_cast<int>(st.column_int(8));
  m.next_attempt_at = st.column_text(9);
  m.last_error = st.column_text(10);
  m.created_at = st.column_text(11);
  m.sent_at = st.column_optional_text(12);
  return m;
}

constexpr std::string_view kColumns =
    "id, dedup_key, person, email, kind, subject, body, state, attempts, next_attempt_at, last_error, "
    "created_at, sent_at";

// Runs `sql` with bindings in a transaction of its own (or the caller's).
template <class... A>
void write_now(Database& db, std::string_view sql, const A&... args) {
  std::unique_ptr<Transaction> tx;
  if (!db.in_transaction()) tx = std::make_unique<Transaction>(db);
  db.prepare(sql).bind_all(args...).run();
  if (tx) tx->commit();
}

}  // namespace

std::string iso_utc(std::chrono::sys_seconds t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool enqueue(Database& db, const OutboxMessage& msg, const std::vector<std::string>& item_keys) {
  std::unique_ptr<Transaction> tx;
  if (!db.in_transaction()) tx = std::make_unique<Transaction>(db);
  db.prepare(R"sql(
    INSERT OR IGNORE INTO outbox (dedup_key, person, email, kind, subject, body, state, attempts,
                                  next_attempt_at, last_error, created_at)
    VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, '', ?))sql")
      .bind_all(msg.dedup_key, msg.person, msg.email, msg.kind, msg.subject, msg.body, msg.next_attempt_at,
                msg.created_at)
      .run();
  if (db.changes() == 0) return false;
  std::int64_t id = db.last_insert_rowid();
  auto item = db.prepare("INSERT OR IGNORE INTO outbox_items (person, item_key, message_id) VALUES (?, ?, ?)");
  for (const auto& k : item_keys) {
    item.bind_all(msg.person, k, id);
    item.run();
  }
  if (tx) tx->commit();
  return true;
}

std::map<std::string, std::set<std::string>> told_items(Database& db) {
  std::map<std::string, std::set<std::string>> out;
  auto st = db.prepare("SELECT person, item_key FROM outbox_items");
  while (st.step()) out[st.column_text(0)].insert(st.column_text(1));
  return out;
}

std::set<std::string> outbox_keys(Database& db, std::string_view prefix) {
  std::set<std::string> out;
  auto st = db.prepare("SELECT dedup_key FROM outbox WHERE substr(dedup_key, 1, ?) = ?");
  st.bind_all(static_cast<std::int64_t>(prefix.size()), prefix);
  while (st.step()) out.insert(st.column_text(0));
  return out;
}

std::vector<OutboxMessage> deliverable(Database& db, std::chrono::sys_seconds now, std::size_t limit) {
  std::string sql = "SELECT " + std::string(kColumns) +
                    " FROM outbox WHERE state = 'sending' OR (state = 'queued' AND next_attempt_at <= ?)"
                    " ORDER BY state = 'queued', next_attempt_at, id";
  if (limit) sql += " LIMIT " + std::to_string(limit);
  auto st = db.prepare(sql);
  st.bind(1, iso_utc(now));
  std::vector<OutboxMessage> out;
  while (st.step()) out.push_back(read_row(st, true));
  return out;
}

void mark_sending(Database& db, std::int64_t id) {
  write_now(db, "UPDATE outbox SET state = 'sending' WHERE id = ?", id);
}

void mark_sent(Database& db, std::int64_t id, std::chrono::sys_seconds at) {
  write_now(db, "UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_error = '', sent_at = ? WHERE id = ?",
            iso_utc(at), id);
}

void mark_retry(Database& db, std::int64_t id, std::string_view error, std::chrono::sys_seconds next_attempt,
                bool give_up) {
  write_now(db,
            "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
            std::string_view(give_up ? "failed" : "queued"), error, iso_utc(next_attempt), id);
}

void mark_rejected(Database& db, std::int64_t id, std::string_view error) {
  write_now(db, "UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ? WHERE id = ?", error,
            id);
}

std::vector<OutboxMessage> list_outbox(Database& db, const OutboxFilter& filter) {
  std::string sql = "SELECT " + std::string(kColumns) +
                    " FROM outbox WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR person = ?2 OR lower(email) = lower(?2))"
                    " ORDER BY id DESC";
  if (filter.limit) sql += " LIMIT " + std::to_string(filter.limit);
  auto st = db.prepare(sql);
  st.bind(1, filter.state);
  st.bind(2, filter.person);
  std::vector<OutboxMessage> out;
  while (st.step()) out.push_back(read_row(st, false));
  return out;
}

std::optional<OutboxMessage> find_outbox(Database& db, std::int64_t id) {
  auto st = db.prepare("SELECT " + std::string(kColumns) + " FROM outbox WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_row(st, true);
}

std::map<std::string, std::int64_t> outbox_counts(Database& db) {
  std::map<std::string, std::int64_t> out;
  auto st = db.prepare("SELECT state, count(*) FROM outbox GROUP BY state");
  while (st.step()) out[st.column_text(0)] = st.column_int(1);
  return out;
}

std::vector<NotifyPerson> notify_people(Database& db) {
  auto st = db.prepare(R"sql(
    SELECT p.directory_id, p.id, p.name, p.email, p.role, p.body, p.school,
           coalesce(nullif(p.timezone, ''), nullif(s.timezone, ''), nullif(b.timezone, ''),
                    (SELECT t.timezone FROM tasks t
                     WHERE t.assignee_kind = CASE WHEN p.school <> '' THEN 'school' ELSE 'body' END
                       AND t.assignee = CASE WHEN p.school <> '' THEN p.school ELSE p.body END
                       AND t.directory_id = p.directory_id AND t.timezone <> '' LIMIT 1),
                    (SELECT t.timezone FROM tasks t WHERE t.directory_id = p.directory_id AND t.timezone <> '' LIMIT 1),
                    ''), p.language
    FROM dir_people p
    LEFT JOIN dir_schools s ON s.directory_id = p.directory_id AND s.id = p.school
    LEFT JOIN dir_bodies b ON b.directory_id = p.directory_id AND b.id = p.body
    WHERE p.email <> ''
    ORDER BY p.directory_id, p.id)sql");
  std::vector<NotifyPerson> out;
  while (st.step()) {
    NotifyPerson p;
    p.directory_id = st.column_text(0);
    p.id = st.column_text(1);
    p.name = st.column_text(2);
    p.email = st.column_text(3);
    p.role = st.column_text(4);
    p.body = st.column_text(5);
    p.school = st.column_text(6);
    p.timezone = st.column_text(7);
    p.language = st.column_text(8);
    out.push_back(std::move(p));
  }
  return out;
}

NotifyUnits notify_units(Database& db) {
  NotifyUnits u;
  auto b = db.prepare("SELECT directory_id, id, head, coalesce(nullif(short_name, ''), id) FROM dir_bodies");
  while (b.step()) {
    std::string key = b.column_text(0) + "|" + b.column_text(1);
    u.body_heads[key] = b.column_text(2);
    u.names[b.column_text(0) + "|body|" + b.column_text(1)] = b.column_text(3);
  }
  auto s = db.prepare("SELECT directory_id, id, body, coalesce(nullif(short_name, ''), id) FROM dir_schools");
  while (s.step()) {
    u.school_bodies[s.column_text(0) + "|" + s.column_text(1)] = s.column_text(2);
    u.names[s.column_text(0) + "|school|" + s.column_text(1)] = s.column_text(3);
  }
  return u;
}

}  // namespace roadmap::store
