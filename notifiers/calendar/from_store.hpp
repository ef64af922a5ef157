// Stored tasks -> InviteTasks: what `roadmap ics`, the web's feeds and the mail notifier's iMIP
// attachments all need (plan title, item number and measure -- or the sub-measure's text --, the
// task's dates, status, SEQUENCE from its version, and a link to its page).
#pragma once

#include <string_view>
#include <vector>

#include "calendar/invite.hpp"
#include "store/sqlite.hpp"
#include "store/task_repository.hpp"

namespace roadmap::invites {

// One InviteTask per stored task, in the same order. Plans are read once each (store::load_plan);
// a task whose item is no longer in its plan keeps its item key as the number and no measure.
// url = base_url (trailing '/' dropped) + "/tasks/" + id; no url when base_url is empty.
std::vector<InviteTask> invite_tasks(store::Database& db, const std::vector<store::StoredTask>& tasks,
                                     std::string_view base_url);

}  // namespace roadmap::invites
