// The notification policy (issue 6), kept in YAML (plans/notify.yaml; format: plans/README.md,
// "Notification policy"): reminder offsets in working days before a due date, a reminder when a
// window opens and at each check-in of a span task, escalation of overdue work (the executor
// daily, the head of the body weekly, the coordinators after N working days late), the local hour
// mail goes out at in each person's zone, only on working days, invites, and per-person opt-outs.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace roadmap::mail {

enum class Topic { reminders, escalation, invites };

struct Policy {
  int local_hour = 9;                  // digests go out from this hour (0-23), local to each person
  bool working_days_only = true;       // only on working days of the production calendar
  std::vector<int> before_due{14, 3, 1};  // working days before the due date, any order in the file
  bool window_opens = true;            // remind when a window opens
  bool checkins = true;                // remind on each check-in day of a span task
  bool executor_daily = true;          // overdue tasks in the executor's daily digest
  int head_weekday = 1;                // weekly overdue digest to the body's head: 0 Sunday .. 6; -1 = off
  int coordinator_after = 5;           // working days late before the coordinators hear; -1 = never
  bool invites = true;                 // iMIP REQUEST / CANCEL attachments
  int invite_horizon_days = 60;        // invites for tasks due within this many days
  std::string base_url;                // links to task pages: <base_url>/tasks/<id>
  std::string from_name = "Дорожные карты";
  std::string from_email = "roadmap@localhost";
  std::string sender_zone = "Europe/Moscow";  // the Date header's zone
  // Opt-outs by person id or lower-cased e-mail; an empty set = everything.
  std::map<std::string, std::set<Topic>> opt_out;

  bool opted_out(std::string_view person_id, std::string_view email, Topic topic) const;
};

struct PolicyLoad {
  std::optional<Policy> policy;  // set only without errors
  diag::Diagnostics diagnostics;
};

// `display_name` is what messages call the file. Unknown keys, wrong types, out-of-range numbers,
// unknown weekdays or topics and bad addresses are located errors.
PolicyLoad load_policy_text(std::string_view text, const std::string& display_name);
PolicyLoad load_policy_file(const std::string& path);

}  // namespace roadmap::mail
