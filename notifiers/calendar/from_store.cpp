// Stored tasks -> InviteTasks (see from_store.hpp).
#include "calendar/from_store.hpp"

#include <map>
#include <string>

#include "store/plan_repository.hpp"

namespace roadmap::invites {

namespace {

struct ItemText {
  std::string number, measure;
  std::vector<std::string> subs;
};

struct PlanText {
  std::string title;
  std::map<std::string, ItemText> items;  // by item key
};

PlanText plan_text(store::Database& db, const std::string& plan_id) {
  PlanText out;
  auto plan = store::load_plan(db, plan_id);
  if (!plan) return out;
  out.title = plan->title;
  for (std::size_t s = 0; s < plan->sections.size(); ++s)
    for (const auto& item : plan->sections[s].items) {
      ItemText it{item.number, item.measure, {}};
      for (const auto& sub : item.sub_measures) it.subs.push_back(sub.text);
      out.items.emplace(store::item_key(*plan, s, item), std::move(it));
    }
  return out;
}

}  // namespace

std::vector<InviteTask> invite_tasks(store::Database& db, const std::vector<store::StoredTask>& tasks,
                                     std::string_view base_url) {
  std::string base(base_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::map<std::string, PlanText> plans;
  std::vector<InviteTask> out;
  out.reserve(tasks.size());
  for (const auto& s : tasks) {
    const auto& t = s.task;
    auto pit = plans.find(t.plan_id);
    if (pit == plans.end()) pit = plans.emplace(t.plan_id, plan_text(db, t.plan_id)).first;
    InviteTask it;
    it.id = s.id;
    it.key = t.key;
    it.plan_id = t.plan_id;
    it.plan_title = pit->second.title;
    if (auto item = pit->second.items.find(t.item_key); item != pit->second.items.end()) {
      it.item_number = item->second.number;
      it.measure = item->second.measure;
      if (t.sub > 0 && static_cast<std::size_t>(t.sub) <= item->second.subs.size())
        it.measure = item->second.subs[static_cast<std::size_t>(t.sub) - 1];
    } else {
      it.item_number = t.item_key;
    }
    it.label = t.label;
    it.kind = std::string(scheduler::to_string(t.kind));
    it.opens = t.opens;
    it.due = t.due;
    it.timezone = t.timezone;
    it.status = s.status;
    it.done_on = s.done_on;
    it.sequence = sequence_from_version(s.version);
    if (!base.empty()) it.url = base + "/tasks/" + std::to_string(s.id);
    out.push_back(std::move(it));
  }
  return out;
}

}  // namespace roadmap::invites
