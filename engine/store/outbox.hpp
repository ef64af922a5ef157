// The e-mail outbox (issue 6): every notification is written here before it is sent, keyed so the
// same digest (and the same reminder inside it) is never queued twice, and delivered from here with
// its state, attempts and last error kept for `roadmap outbox`. Plus the read-only look-ups the
// notification planner needs (people with an e-mail, the bodies' heads, the schools' bodies).
//
// Delivery protocol (what makes "a crash repeats at most one message" hold): the sender takes one
// row, marks it 'sending' and commits, sends, then marks it 'sent' and commits. A crash between
// the send and the second commit leaves that one row 'sending'; the next run sends it again.
// Rows are sent one at a time, so at most one row is ever 'sending'.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace roadmap::store {

// Times in the outbox are UTC ISO 8601 ("2026-11-25T10:54:44Z"), so they sort as text.
std::string iso_utc(std::chrono::sys_seconds t);

struct OutboxMessage {
  std::int64_t id = 0;
  std::string dedup_key;  // "digest|<person>|<local date>", "invite|<person>|<task key>|<due>|<sequence>",
                          // "cancel|<person>|<task key>|<sequence>" (notifiers/mail/planner.hpp)
  std::string person;     // directory person id
  std::string email;
  std::string kind;       // digest, invite, cancel
  std::string subject;    // for people reading `roadmap outbox` (the header in `body` is encoded)
  std::string body;       // the whole message, CRLF line ends
  std::string state = "queued";  // queued, sending, sent, failed, rejected
  int attempts = 0;
  std::string next_attempt_at, last_error, created_at;
  std::optional<std::string> sent_at;
};

// Queues `msg` with the items it tells (`item_keys`, recorded for msg.person), in one transaction of
// its own or the caller's. Returns false and writes nothing when a message with the same dedup_key
// is already there (queued, sent or given up).
bool enqueue(Database& db, const OutboxMessage& msg, const std::vector<std::string>& item_keys);

// Every item already told, by person: what the planner leaves out of the next digest.
std::map<std::string, std::set<std::string>> told_items(Database& db);
// The dedup keys already in the outbox that start with `prefix`.
std::set<std::string> outbox_keys(Database& db, std::string_view prefix);

// Messages to send at `now`: 'sending' ones first (a run that died after marking them), then
// 'queued' ones whose next_attempt_at has come, oldest first; at most `limit` (0 = all).
std::vector<OutboxMessage> deliverable(Database& db, std::chrono::sys_seconds now, std::size_t limit = 0);

// The state changes of one delivery, each committed at once (own transaction).
void mark_sending(Database& db, std::int64_t id);
void mark_sent(Database& db, std::int64_t id, std::chrono::sys_seconds at);
// A temporary failure: attempts + 1, back to 'queued' at `next_attempt`, or 'failed' when `give_up`.
void mark_retry(Database& db, std::int64_t id, std::string_view error, std::chrono::sys_seconds next_attempt,
                bool give_up);
// The server refused the message for good (5xx): 'rejected', never retried.
void mark_rejected(Database& db, std::int64_t id, std::string_view error);

struct OutboxFilter {
  std::string state;   // one state, or empty for all
  std::string person;  // person id or e-mail
  std::size_t limit = 0;
};
// Newest first; `body` is left empty (it is large), subject kept.
std::vector<OutboxMessage> list_outbox(Database& db, const OutboxFilter& filter);
std::optional<OutboxMessage> find_outbox(Database& db, std::int64_t id);
// Rows by state.
std::map<std::string, std::int64_t> outbox_counts(Database& db);

// --- what the planner reads

struct NotifyPerson {
  std::string directory_id, id, name, email, role;  // role: coordinator, executor, head, viewer
  std::string body, school;  // exactly one is set
  std::string timezone;  // the person's, the school's or body's, else that of their unit's tasks, else
                        // of any task of the directory (snapshots keep no default zone); '' = UTC
  std::string language;  // ru, en
};
// Every stored person with an e-mail, by directory and id.
std::vector<NotifyPerson> notify_people(Database& db);

struct NotifyUnits {
  // "<directory>|<body id>" -> the head's person id (dir_bodies.head; may be empty)
  std::map<std::string, std::string> body_heads;
  // "<directory>|<school id>" -> the school's body id
  std::map<std::string, std::string> school_bodies;
  // "<directory>|body|<id>" / "<directory>|school|<id>" -> short name
  std::map<std::string, std::string> names;
};
NotifyUnits notify_units(Database& db);

}  // namespace roadmap::store
