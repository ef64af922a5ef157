// A task's lifecycle (issue 5): planned → in progress → done (with a result), cancelled, or not
// needed (on-demand items only); reopened with a reason. Every change is one transaction that
// checks the transition, the task's version, the result the plan asks for, and appends an audit
// record (who, when, from, to, why); a refused change writes nothing.
//
//   start       planned → in_progress
//   done        planned / in_progress → done   (a result when the item has an expected result)
//   cancel      planned / in_progress → cancelled   (a reason)
//   not_needed  planned / in_progress → not_needed   (a reason; on-demand tasks and their check-ins)
//   reopen      done / cancelled / not_needed → planned   (a reason; not a task the plan cancelled)
//
// A task still waiting for an item or a schedule has no dates: it can be cancelled, not started
// or done. Result files are copied next to the database ("<db>.files/<sha256>.<ext>") before the
// transaction commits, and removed again when it fails.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"
#include "store/task_repository.hpp"

namespace roadmap::store {

enum class Transition { start, done, cancel, not_needed, reopen };
std::string_view to_string(Transition t);

// What came of a task, given with `done`; any subset.
struct TaskResult {
  std::string text;      // free text
  std::string link;      // an http(s) URL
  std::string document;  // a document reference: "приказ № 12 от 01.09.2023"
  std::string file;      // a file to keep alongside the database (a path on this machine)
  bool empty() const { return text.empty() && link.empty() && document.empty() && file.empty(); }
};

struct TransitionRequest {
  std::int64_t task_id = 0;
  Transition transition = Transition::start;
  std::optional<int> expected_version;  // refused when the task is at another version
  std::string actor;                    // recorded in the audit log (a person id, or a user name)
  std::string reason;                   // required for cancel, not_needed, reopen
  TaskResult result;                    // done only
  std::optional<std::chrono::year_month_day> done_on;  // done only; today in the task's zone when not given
  std::optional<std::chrono::year_month_day> today;    // "today" in the task's zone (tests); now when not given
};

struct StoredFile {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::int64_t audit_id = 0;
  std::string original_name;  // the file's name as given ("протокол.pdf")
  std::string stored_name;    // "<sha256>.<ext>" inside "<db>.files/"
  std::int64_t size = 0;
  std::string sha256;
  std::string added_at;  // UTC
};

struct TransitionOutcome {
  StoredTask before, after;
  std::int64_t audit_id = 0;
  std::optional<StoredFile> file;
};

// Applies one transition in its own BEGIN IMMEDIATE transaction (the version read inside it is the
// one written against, so concurrent writers never lose an update). Throws store::Error:
//   store.err.unknown_task, store.err.task_changed (expected_version differs: names who changed it
//   and when), store.err.transition.* (not allowed from the current status, waiting, plan-cancelled,
//   not on demand), store.err.reason_required, store.err.result_required, store.err.bad_link,
//   store.err.done_in_future, store.err.file_missing, store.err.file_io, store.err.nested_transaction.
TransitionOutcome change_task(Database& db, const TransitionRequest& request);

// The transitions the task's status allows (what a page offers; change_task checks again, with the
// version, the reason and the result).
std::vector<Transition> allowed_transitions(const StoredTask& task);
bool parse_transition(std::string_view text, Transition& out);

// A task with what people need to read it: its item's number, measure and expected result, its
// plan's title, and its current result.
struct TaskDetails {
  StoredTask task;
  std::string item_number, measure, expected_result, plan_title;
  std::string deadline;  // the item's deadline as the plan writes it
  std::string result_link, result_document;
  std::vector<StoredFile> files;
  // Done after its due date (reports of lateness use the same rule: done_on > due).
  bool done_late() const;
};
std::optional<TaskDetails> task_details(Database& db, std::int64_t id);

// One audit record with the result it recorded (done) and the file stored with it.
struct HistoryEntry {
  AuditRecord record;
  std::string result_text, result_link, result_document;
  std::optional<StoredFile> file;
};
// Oldest first.
std::vector<HistoryEntry> task_history(Database& db, std::int64_t id);

// How an actor reads for people: the person's name when the directory knows the id or e-mail,
// else the actor as recorded.
std::string actor_name(Database& db, std::string_view actor);

// The directory next to the database where result files are kept: "<db>.files".
std::string files_dir(const Database& db);

}  // namespace roadmap::store
