// The schema's history. Tables are keyed by natural keys (plan id, item key) rather than rowids,
// so that later steps (tasks, audit log, re-planning as a diff) can refer to a plan's items
// across re-loads without depending on the order rows were inserted in.
#include "store/schema.hpp"

#include <sqlite3.h>

#include <string>

namespace roadmap::store {

namespace {

// Version 1: plans as loaded from their files.
//  - plans: one row a plan id; the approving order and the period flattened into columns;
//    content_hash identifies the plan's content (store/plan_digest.hpp) so an unchanged re-load is
//    recognised; loaded_at is UTC ISO 8601.
//  - items are keyed by (plan_id, item_key): the number as printed for global numbering,
//    "<section>:<number>" for per-section numbering (the form refs use, model::Plan::find_item).
//  - item_bodies reference the plan's declared bodies, so an undeclared body cannot be stored.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE plans (
  id                 TEXT PRIMARY KEY NOT NULL,
  title              TEXT NOT NULL,
  owner              TEXT NOT NULL,
  territory          TEXT NOT NULL DEFAULT '',
  approved_kind      TEXT NOT NULL DEFAULT '',
  approved_number    TEXT NOT NULL DEFAULT '',
  approved_date      TEXT,
  approved_issuer    TEXT NOT NULL DEFAULT '',
  approved_signed_by TEXT NOT NULL DEFAULT '',
  period_school_year INTEGER,
  period_from        TEXT,
  period_to          TEXT,
  first_day          TEXT NOT NULL,
  last_day           TEXT NOT NULL,
  timezone           TEXT NOT NULL,
  numbering          TEXT NOT NULL CHECK (numbering IN ('global', 'per_section')),
  half_year          TEXT NOT NULL CHECK (half_year IN ('calendar', 'school')),
  language           TEXT NOT NULL DEFAULT 'ru',
  directory          TEXT NOT NULL DEFAULT '',
  event_calendar     TEXT NOT NULL DEFAULT '',
  source_file        TEXT NOT NULL DEFAULT '',
  content_hash       TEXT NOT NULL,
  loaded_at          TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE plan_years (
  plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  year    INTEGER NOT NULL,
  PRIMARY KEY (plan_id, year)
) WITHOUT ROWID;

CREATE TABLE plan_goals (
  plan_id  TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE plan_abbreviations (
  plan_id    TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  short_form TEXT NOT NULL,
  meaning    TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE plan_bodies (
  plan_id  TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  id       TEXT NOT NULL,
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  kind     TEXT NOT NULL CHECK (kind IN ('authority', 'methodical', 'institute', 'schools',
                                           'school_group', 'school_unit', 'other')),
  PRIMARY KEY (plan_id, id)
) WITHOUT ROWID;

CREATE TABLE plan_body_aliases (
  plan_id  TEXT NOT NULL,
  body_id  TEXT NOT NULL,
  position INTEGER NOT NULL,
  alias    TEXT NOT NULL,
  PRIMARY KEY (plan_id, body_id, position),
  FOREIGN KEY (plan_id, body_id) REFERENCES plan_bodies(plan_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE sections (
  plan_id  TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  number   TEXT NOT NULL DEFAULT '',
  title    TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE items (
  plan_id          TEXT NOT NULL,
  item_key         TEXT NOT NULL,
  section_position INTEGER NOT NULL,
  position         INTEGER NOT NULL,
  number           TEXT NOT NULL,
  measure          TEXT NOT NULL,
  deadline         TEXT NOT NULL,
  participants     TEXT NOT NULL DEFAULT '',
  expected_result  TEXT NOT NULL DEFAULT '',
  note             TEXT NOT NULL DEFAULT '',
  schedule_yaml    TEXT,
  PRIMARY KEY (plan_id, item_key),
  UNIQUE (plan_id, position),
  FOREIGN KEY (plan_id, section_position) REFERENCES sections(plan_id, position) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE item_bodies (
  plan_id  TEXT NOT NULL,
  item_key TEXT NOT NULL,
  role     TEXT NOT NULL CHECK (role IN ('responsible', 'co_executor')),
  position INTEGER NOT NULL,
  body_id  TEXT NOT NULL,
  PRIMARY KEY (plan_id, item_key, role, position),
  FOREIGN KEY (plan_id, item_key) REFERENCES items(plan_id, item_key) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, body_id) REFERENCES plan_bodies(plan_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX item_bodies_by_body ON item_bodies(plan_id, body_id);

CREATE TABLE sub_measures (
  plan_id  TEXT NOT NULL,
  item_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  deadline TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, item_key, position),
  FOREIGN KEY (plan_id, item_key) REFERENCES items(plan_id, item_key) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE sub_measure_bodies (
  plan_id      TEXT NOT NULL,
  item_key     TEXT NOT NULL,
  sub_position INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  body_id      TEXT NOT NULL,
  PRIMARY KEY (plan_id, item_key, sub_position, position),
  FOREIGN KEY (plan_id, item_key, sub_position)
    REFERENCES sub_measures(plan_id, item_key, position) ON DELETE CASCADE,
  FOREIGN KEY (plan_id, body_id) REFERENCES plan_bodies(plan_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE item_refs (
  plan_id    TEXT NOT NULL,
  item_key   TEXT NOT NULL,
  position   INTEGER NOT NULL,
  ref_number TEXT NOT NULL,
  PRIMARY KEY (plan_id, item_key, position),
  FOREIGN KEY (plan_id, item_key) REFERENCES items(plan_id, item_key) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE item_bindings (
  plan_id        TEXT NOT NULL,
  item_key       TEXT NOT NULL,
  position       INTEGER NOT NULL,
  anchor         TEXT NOT NULL,
  item           TEXT NOT NULL DEFAULT '',
  event          TEXT NOT NULL DEFAULT '',
  named_schedule TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, item_key, position),
  FOREIGN KEY (plan_id, item_key) REFERENCES items(plan_id, item_key) ON DELETE CASCADE
) WITHOUT ROWID;
)sql";

// Version 2: the scheduler's tasks (issue 4), their audit log, re-planning runs, per-item digests
// of the desired tasks, and a snapshot of the organisation directory.
//  - tasks: `id` is the number people type ("roadmap done 123"); `key` the scheduler's stable
//    identity (scheduler::PlannedTask::key). Rows are never deleted: a re-plan cancels
//    (cancelled_by 'plan') what the plan no longer asks for and restores it when asked again.
//    plan_id refers to plans without cascade: save_plans upserts the plans row and replaces only its
//    child rows, so a re-load never removes the plan a task belongs to. `version` is bumped on every
//    change (optimistic concurrency). Three indexes besides the key's: a 300k-task load stays lean.
//  - task_audit: append-only (triggers refuse UPDATE and DELETE). A task's creation is not an audit
//    row: created_at / created_run say it.
//  - item_task_digests: a digest of one item's desired tasks, so a re-plan skips items whose
//    desired tasks did not change without reading their rows. '' marks an item to re-examine.
//  - dir_*: the organisation directory as last loaded, keyed by (directory_id, id).
constexpr std::string_view kV2 = R"sql(
CREATE TABLE schedule_runs (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL DEFAULT '',
  plan_id   TEXT NOT NULL REFERENCES plans(id),
  created   INTEGER NOT NULL DEFAULT 0,
  moved     INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  restored  INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  dry_run   INTEGER NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1))
);

CREATE TABLE tasks (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  plan_id       TEXT NOT NULL REFERENCES plans(id),
  item_key      TEXT NOT NULL,
  sub           INTEGER NOT NULL DEFAULT 0,
  clause        INTEGER NOT NULL DEFAULT 0,
  occurrence    TEXT NOT NULL DEFAULT '',
  kind          TEXT NOT NULL CHECK (kind IN ('window', 'date', 'span', 'checkin', 'event', 'after_item',
                                              'external', 'on_demand')),
  label         TEXT NOT NULL DEFAULT '',
  directory_id  TEXT NOT NULL DEFAULT '',
  assignee_kind TEXT NOT NULL CHECK (assignee_kind IN ('body', 'school')),
  assignee      TEXT NOT NULL,
  via           TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('lead', 'co_executor')),
  opens         TEXT,
  due           TEXT,
  timezone      TEXT NOT NULL DEFAULT '',
  waiting       TEXT NOT NULL DEFAULT 'none' CHECK (waiting IN ('none', 'item', 'schedule')),
  waits_for     TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled', 'not_needed')),
  cancelled_by  TEXT CHECK (cancelled_by IN ('plan', 'user')),
  done_on       TEXT,
  result        TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  created_run   INTEGER REFERENCES schedule_runs(id)
);
CREATE INDEX tasks_by_item ON tasks(plan_id, item_key);
CREATE INDEX tasks_by_assignee ON tasks(assignee_kind, assignee);
CREATE INDEX tasks_by_due ON tasks(due);

CREATE TABLE task_audit (
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES tasks(id),
  run_id     INTEGER REFERENCES schedule_runs(id),
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL DEFAULT '',
  action     TEXT NOT NULL CHECK (action IN ('moved', 'cancelled', 'restored', 'status', 'reopened')),
  from_value TEXT NOT NULL DEFAULT '',
  to_value   TEXT NOT NULL DEFAULT '',
  reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_audit_by_task ON task_audit(task_id);
CREATE TRIGGER task_audit_no_update BEFORE UPDATE ON task_audit
BEGIN
  SELECT RAISE(ABORT, 'task_audit is append-only');
END;
CREATE TRIGGER task_audit_no_delete BEFORE DELETE ON task_audit
BEGIN
  SELECT RAISE(ABORT, 'task_audit is append-only');
END;

CREATE TABLE item_task_digests (
  plan_id  TEXT NOT NULL REFERENCES plans(id),
  item_key TEXT NOT NULL,
  digest   TEXT NOT NULL,
  PRIMARY KEY (plan_id, item_key)
) WITHOUT ROWID;

CREATE TABLE dir_bodies (
  directory_id TEXT NOT NULL,
  id           TEXT NOT NULL,
  short_name   TEXT NOT NULL DEFAULT '',
  full_name    TEXT NOT NULL DEFAULT '',
  kind         TEXT NOT NULL DEFAULT 'other',
  timezone     TEXT NOT NULL DEFAULT '',
  head         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (directory_id, id)
) WITHOUT ROWID;

CREATE TABLE dir_schools (
  directory_id TEXT NOT NULL,
  id           TEXT NOT NULL,
  short_name   TEXT NOT NULL DEFAULT '',
  full_name    TEXT NOT NULL DEFAULT '',
  timezone     TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (directory_id, id)
) WITHOUT ROWID;

CREATE TABLE dir_people (
  directory_id TEXT NOT NULL,
  id           TEXT NOT NULL,
  name         TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  role         TEXT NOT NULL DEFAULT 'executor',
  body         TEXT NOT NULL DEFAULT '',
  school       TEXT NOT NULL DEFAULT '',
  timezone     TEXT NOT NULL DEFAULT '',
  language     TEXT NOT NULL DEFAULT 'ru',
  PRIMARY KEY (directory_id, id)
) WITHOUT ROWID;
CREATE INDEX dir_people_by_email ON dir_people(lower(email));
)sql";

// Version 3: tracking (issue 5). A done task's result is a text, a link, a document reference and
// files kept next to the database; the task row holds the current result, task_results the one
// each 'done' audit record gave (so a reopened and re-done task keeps its earlier results), and
// task_files every stored file. Both are append-only like task_audit.
constexpr std::string_view kV3 = R"sql(
ALTER TABLE tasks ADD COLUMN result_link TEXT;
ALTER TABLE tasks ADD COLUMN result_document TEXT;

CREATE TABLE task_results (
  audit_id INTEGER PRIMARY KEY REFERENCES task_audit(id),
  task_id  INTEGER NOT NULL REFERENCES tasks(id),
  text     TEXT NOT NULL DEFAULT '',
  link     TEXT NOT NULL DEFAULT '',
  document TEXT NOT NULL DEFAULT ''
);
CREATE INDEX task_results_by_task ON task_results(task_id);

CREATE TABLE task_files (
  id            INTEGER PRIMARY KEY,
  task_id       INTEGER NOT NULL REFERENCES tasks(id),
  audit_id      INTEGER NOT NULL REFERENCES task_audit(id),
  original_name TEXT NOT NULL,
  stored_name   TEXT NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  added_at      TEXT NOT NULL
);
CREATE INDEX task_files_by_task ON task_files(task_id);

CREATE TRIGGER task_results_no_update BEFORE UPDATE ON task_results
BEGIN
  SELECT RAISE(ABORT, 'task_results is append-only');
END;
CREATE TRIGGER task_results_no_delete BEFORE DELETE ON task_results
BEGIN
  SELECT RAISE(ABORT, 'task_results is append-only');
END;
CREATE TRIGGER task_files_no_update BEFORE UPDATE ON task_files
BEGIN
  SELECT RAISE(ABORT, 'task_files is append-only');
END;
CREATE TRIGGER task_files_no_delete BEFORE DELETE ON task_files
BEGIN
  SELECT RAISE(ABORT, 'task_files is append-only');
END;
)sql";

// Version 4: e-mail notifications (issue 6). `outbox` keeps every message before it is sent:
// dedup_key is UNIQUE ("digest|<person>|<local date>"), so a planner run twice queues nothing new;
// state moves queued -> sending -> sent, or back to queued with next_attempt_at pushed out (a
// temporary failure), or to rejected (the server refused the mailbox, 5xx) or failed (attempts
// exhausted). `body` is the whole rendered RFC 5322 message. `outbox_items` records what each
// message told a person (a reminder of a task at an offset, an invite at a SEQUENCE, an overdue
// task on a day), so the same reminder never goes to the same person twice.
constexpr std::string_view kV4 = R"sql(
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  dedup_key       TEXT NOT NULL UNIQUE,
  person          TEXT NOT NULL,
  email           TEXT NOT NULL,
  kind            TEXT NOT NULL,
  subject         TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'rejected')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX outbox_by_state ON outbox(state, next_attempt_at);

CREATE TABLE outbox_items (
  person     TEXT NOT NULL,
  item_key   TEXT NOT NULL,
  message_id INTEGER NOT NULL REFERENCES outbox(id),
  PRIMARY KEY (person, item_key)
) WITHOUT ROWID;
)sql";


// Version 5: web access (issue 7). Sign-in links, session cookies, calendar-feed and API tokens
// are random 256-bit secrets handed to people once; only their SHA-256 is kept (`hash`), so a
// copy of the database lets nobody in. A sign-in link is used once (used_at) and expires; a
// session expires and can be revoked (sign-out); a feed or API token lives until revoked.
// Tokens belong to a person of a stored directory (directory_id, person). `directories` keeps each
// directory's own fields (the territory's zone is every person's default).
constexpr std::string_view kV5 = R"sql(
CREATE TABLE access_tokens (
  hash         TEXT PRIMARY KEY NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('signin', 'session', 'feed', 'api')),
  directory_id TEXT NOT NULL,
  person       TEXT NOT NULL,
  next_path    TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  expires_at   TEXT,
  used_at      TEXT,
  revoked_at   TEXT
) WITHOUT ROWID;
CREATE INDEX access_tokens_by_person ON access_tokens(directory_id, person, kind, created_at);

CREATE TABLE directories (
  id        TEXT PRIMARY KEY NOT NULL,
  title     TEXT NOT NULL DEFAULT '',
  territory TEXT NOT NULL DEFAULT '',
  timezone  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql";

// Version 6: indexes the reports aggregate over (issue 5 at region scale: hundreds of thousands of
// tasks, each report well under a second). Every report is a GROUP BY read from an index alone,
// never the wide task rows:
//  - tasks_by_unit (assignee, then zone, plan, item, then what decides a task's mark): counts by
//    body, school, person, and by school x item for the completion matrix, in index order (no
//    sort). It begins with tasks_by_assignee's columns and replaces it.
//  - tasks_by_item_due (plan, item, due, then the mark's columns): tasks of the same item, due
//    date and state counted as one class (completion over time, discipline by month, execution by
//    item). It begins with tasks_by_item's columns and replaces it.
//  - two small partial indexes in (due, id) order, the order the overdue report lists tasks in:
//    open tasks (the oldest overdue come first), tasks done after their due date.
constexpr std::string_view kV6 = R"sql(
DROP INDEX IF EXISTS tasks_by_assignee;
CREATE INDEX tasks_by_unit ON tasks(assignee_kind, assignee, directory_id, timezone, plan_id, item_key, status,
                                    waiting, due, done_on);
DROP INDEX IF EXISTS tasks_by_item;
CREATE INDEX tasks_by_item_due ON tasks(plan_id, item_key, due, status, waiting, timezone, done_on);
CREATE INDEX tasks_open_by_due ON tasks(due) WHERE status IN ('planned', 'in_progress') AND waiting = 'none';
CREATE INDEX tasks_done_late_by_due ON tasks(due) WHERE status = 'done' AND done_on > due;
)sql";

// Version 7: `tasks` again, the same columns in the same order, the same indexes (version 6's); only three CHECK
// constraints are written as comparisons joined by OR instead of `IN (...)`. SQLite codes a
// constant IN list of three or more values as a temporary index that it builds again each time the
// statement runs, i.e. for every row inserted or updated: three of them (kind, waiting, status)
// cost about 9 microseconds a row, the largest single cost of a region's first load (390,000
// tasks; bench/README.md). Two-value lists are coded as comparisons already and stay as they were.
// A constraint cannot be altered in place, so the table is rebuilt (SQLite's documented
// procedure: new table, rows copied with their ids, old one dropped, new one renamed); the step
// runs with foreign keys off and is checked with foreign_key_check (Migration::rebuilds_tables).
constexpr std::string_view kV7 = R"sql(
CREATE TABLE tasks_v7 (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,
  plan_id         TEXT NOT NULL REFERENCES plans(id),
  item_key        TEXT NOT NULL,
  sub             INTEGER NOT NULL DEFAULT 0,
  clause          INTEGER NOT NULL DEFAULT 0,
  occurrence      TEXT NOT NULL DEFAULT '',
  kind            TEXT NOT NULL CHECK (kind = 'window' OR kind = 'date' OR kind = 'span' OR kind = 'checkin' OR
                                       kind = 'event' OR kind = 'after_item' OR kind = 'external' OR
                                       kind = 'on_demand'),
  label           TEXT NOT NULL DEFAULT '',
  directory_id    TEXT NOT NULL DEFAULT '',
  assignee_kind   TEXT NOT NULL CHECK (assignee_kind IN ('body', 'school')),
  assignee        TEXT NOT NULL,
  via             TEXT NOT NULL DEFAULT '',
  role            TEXT NOT NULL CHECK (role IN ('lead', 'co_executor')),
  opens           TEXT,
  due             TEXT,
  timezone        TEXT NOT NULL DEFAULT '',
  waiting         TEXT NOT NULL DEFAULT 'none' CHECK (waiting = 'none' OR waiting = 'item' OR waiting = 'schedule'),
  waits_for       TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'planned'
                  CHECK (status = 'planned' OR status = 'in_progress' OR status = 'done' OR status = 'cancelled' OR
                         status = 'not_needed'),
  cancelled_by    TEXT CHECK (cancelled_by IN ('plan', 'user')),
  done_on         TEXT,
  result          TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  created_run     INTEGER REFERENCES schedule_runs(id),
  result_link     TEXT,
  result_document TEXT
);
INSERT INTO tasks_v7 (id, key, plan_id, item_key, sub, clause, occurrence, kind, label, directory_id, assignee_kind,
                      assignee, via, role, opens, due, timezone, waiting, waits_for, status, cancelled_by, done_on,
                      result, version, created_at, updated_at, created_run, result_link, result_document)
  SELECT id, key, plan_id, item_key, sub, clause, occurrence, kind, label, directory_id, assignee_kind, assignee, via,
         role, opens, due, timezone, waiting, waits_for, status, cancelled_by, done_on, result, version, created_at,
         updated_at, created_run, result_link, result_document
  FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_v7 RENAME TO tasks;
CREATE INDEX tasks_by_due ON tasks(due);
CREATE INDEX tasks_by_unit ON tasks(assignee_kind, assignee, directory_id, timezone, plan_id, item_key, status,
                                    waiting, due, done_on);
CREATE INDEX tasks_by_item_due ON tasks(plan_id, item_key, due, status, waiting, timezone, done_on);
CREATE INDEX tasks_open_by_due ON tasks(due) WHERE status IN ('planned', 'in_progress') AND waiting = 'none';
CREATE INDEX tasks_done_late_by_due ON tasks(due) WHERE status = 'done' AND done_on > due;
)sql";

constexpr Migration kMigrations[] = {
    {1, "plans, sections, items and their bodies, sub-measures, references, abbreviations", kV1},
    {2, "tasks, their audit log, re-planning runs, item digests, the organisation directory", kV2},
    {3, "task results: links, document references, stored files, the result of each completion", kV3},
    {4, "e-mail outbox: messages before sending, delivery state and retries, what each told whom", kV4},
    {5, "web access: sign-in links, sessions, feed and API tokens, kept as hashes; directories", kV5},
    {6, "report indexes: tasks by unit and by item and due date (covering), open and done-late tasks by due date",
     kV6},
    {7, "tasks rebuilt with CHECK constraints SQLite evaluates without a temporary index per row", kV7, true},
};

// A step that rebuilds a table runs with foreign keys off: dropping a table other rows refer to
// would fail (or, with ON DELETE CASCADE, take those rows with it). The pragma is a no-op inside a
// transaction, so it is set before the step's transaction begins and restored after it ends.
class ForeignKeysOff {
 public:
  ForeignKeysOff(Database& db, bool active) : db_(db) {
    if (!active) return;
    auto st = db.prepare("PRAGMA foreign_keys");
    restore_ = st.step() && st.column_int(0) != 0;
    if (restore_) db.exec("PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    if (restore_) sqlite3_exec(db_.handle(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  Database& db_;
  bool restore_ = false;
};

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return kMigrations[std::size(kMigrations) - 1].version;
}

int schema_version(Database& db) {
  auto st = db.prepare("PRAGMA user_version");
  st.step();
  return static_cast<int>(st.column_int(0));
}

void migrate(Database& db, std::span<const Migration> steps) {
  int target = steps.empty() ? 0 : steps.back().version;
  int current = schema_version(db);
  if (current > target)
    throw Error("store.err.schema_newer", {db.path(), std::to_string(current), std::to_string(target)});
  for (const auto& step : steps) {
    if (step.version <= current) continue;
    ForeignKeysOff fk_off(db, step.rebuilds_tables);
    Transaction tx(db);
    // Re-read under the write lock: another process may have migrated meanwhile.
    if (schema_version(db) >= step.version) continue;
    db.exec(step.sql);
    if (step.rebuilds_tables) {
      auto check = db.prepare("PRAGMA foreign_key_check");
      if (check.step())
        throw Error("store.err.migration_foreign_key",
                    {db.path(), std::to_string(step.version), check.column_text(0), check.column_text(2)});
    }
    // user_version is transactional: it moves with the step or not at all.
    db.exec("PRAGMA user_version = " + std::to_string(step.version));
    tx.commit();
  }
}

Database open_store(const std::string& path, Database::OpenMode mode) {
  Database db(path, mode);
  migrate(db);
  return db;
}

}  // namespace roadmap::store
