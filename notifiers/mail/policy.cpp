// The policy loader (see policy.hpp).
#include "mail/policy.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "load/config_reader.hpp"
#include "mail/mime.hpp"

namespace roadmap::mail {

namespace {

// The policy's messages: the reader's own ("notify.err.not_bool", ...) and the policy's.
constexpr std::string_view kMessages = "notify.err";

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<int> weekday_number(std::string_view s) {
  static const std::pair<std::string_view, int> kNames[] = {
      {"sunday", 0}, {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5},
      {"saturday", 6}, {"воскресенье", 0}, {"понедельник", 1}, {"вторник", 2}, {"среда", 3},
      {"четверг", 4}, {"пятница", 5}, {"суббота", 6}, {"never", -1}, {"никогда", -1}};
  std::string l = lower_ascii(s);
  // Cyrillic case: the file is expected in lower case; "Понедельник" is folded for the first letter.
  for (auto [name, n] : kNames)
    if (l == name) return n;
  if (l.rfind("\xD0\x9F", 0) == 0) l.replace(0, 2, "\xD0\xBF");  // П -> п
  for (auto [name, n] : kNames)
    if (l == name) return n;
  return std::nullopt;
}

}  // namespace

bool Policy::opted_out(std::string_view person_id, std::string_view email, Topic topic) const {
  for (const std::string& who : {std::string(person_id), lower_ascii(email)}) {
    auto it = opt_out.find(who);
    if (it != opt_out.end() && (it->second.empty() || it->second.count(topic))) return true;
  }
  return false;
}

PolicyLoad load_policy_text(std::string_view text, const std::string& display_name) {
  PolicyLoad out;
  auto parsed = load::parse_config_root(text, display_name, out.diagnostics, kMessages);
  if (!parsed) return out;
  const YAML::Node& root = *parsed;
  load::ConfigReader r(display_name, out.diagnostics, kMessages);
  Policy p;
  try {
    r.keys(root, "", {"local_hour", "working_days_only", "base_url", "from", "sender_zone", "reminders",
                      "escalation", "invites", "opt_out"});
    if (auto n = root["local_hour"]) {
      if (auto v = r.integer(n, "local_hour", 0, 23)) p.local_hour = *v;
    }
    if (auto n = root["working_days_only"]) {
      if (auto v = r.boolean(n, "working_days_only")) p.working_days_only = *v;
    }
    if (auto n = root["base_url"]) {
      if (auto v = r.text(n, "base_url")) {
        if (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0)
          r.error(n, "base_url", "notify.err.bad_url", {*v});
        else
          p.base_url = *v;
      }
    }
    if (auto n = root["sender_zone"]) {
      if (auto v = r.text(n, "sender_zone")) p.sender_zone = *v;
    }
    if (auto n = root["from"]) {
      if (r.keys(n, "from", {"name", "email"})) {
        if (auto e = n["email"]) {
          if (auto v = r.text(e, "from.email")) {
            if (!valid_email(*v)) r.error(e, "from.email", "notify.err.bad_email", {clean_header_text(*v)});
            else p.from_email = *v;
          }
        }
        if (auto nm = n["name"]) {
          if (auto v = r.text(nm, "from.name")) p.from_name = *v;
        }
      }
    }
    if (auto n = root["reminders"]) {
      if (r.keys(n, "reminders", {"before_due", "window_opens", "checkins"})) {
        if (auto b = n["before_due"]) {
          if (!b.IsSequence()) {
            r.error(b, "reminders.before_due", "notify.err.not_list");
          } else {
            p.before_due.clear();
            for (std::size_t i = 0; i < b.size(); ++i) {
              std::string f = "reminders.before_due[" + std::to_string(i) + "]";
              if (auto v = r.integer(b[i], f, 0, 365)) {
                if (std::find(p.before_due.begin(), p.before_due.end(), *v) != p.before_due.end())
                  r.error(b[i], f, "notify.err.duplicate_offset", {std::to_string(*v)});
                else
                  p.before_due.push_back(*v);
              }
            }
            std::sort(p.before_due.begin(), p.before_due.end(), std::greater<>());
          }
        }
        if (auto w = n["window_opens"]) {
          if (auto v = r.boolean(w, "reminders.window_opens")) p.window_opens = *v;
        }
        if (auto c = n["checkins"]) {
          if (auto v = r.boolean(c, "reminders.checkins")) p.checkins = *v;
        }
      }
    }
    if (auto n = root["escalation"]) {
      if (r.keys(n, "escalation", {"executor_daily", "head_weekly", "coordinator_after"})) {
        if (auto e = n["executor_daily"]) {
          if (auto v = r.boolean(e, "escalation.executor_daily")) p.executor_daily = *v;
        }
        if (auto h = n["head_weekly"]) {
          auto d = h.IsScalar() ? weekday_number(h.Scalar()) : std::nullopt;
          if (!d) r.error(h, "escalation.head_weekly", "notify.err.bad_weekday", {h.IsScalar() ? h.Scalar() : ""});
          else p.head_weekday = *d;
        }
        if (auto c = n["coordinator_after"]) {
          if (c.IsScalar() && (c.Scalar() == "never" || c.Scalar() == "никогда")) p.coordinator_after = -1;
          else if (auto v = r.integer(c, "escalation.coordinator_after", 0, 365)) p.coordinator_after = *v;
        }
      }
    }
    if (auto n = root["invites"]) {
      if (r.keys(n, "invites", {"enabled", "horizon_days"})) {
        if (auto e = n["enabled"]) {
          if (auto v = r.boolean(e, "invites.enabled")) p.invites = *v;
        }
        if (auto h = n["horizon_days"]) {
          if (auto v = r.integer(h, "invites.horizon_days", 1, 3660)) p.invite_horizon_days = *v;
        }
      }
    }
    if (auto n = root["opt_out"]) {
      if (!n.IsSequence()) {
        r.error(n, "opt_out", "notify.err.not_list");
      } else {
        for (std::size_t i = 0; i < n.size(); ++i) {
          std::string f = "opt_out[" + std::to_string(i) + "]";
          const YAML::Node e = n[i];
          if (!r.keys(e, f, {"person", "what"})) continue;
          auto who_node = e["person"];
          if (!who_node) {
            r.error(e, f, "notify.err.missing_person");
            continue;
          }
          auto who = r.text(who_node, f + ".person");
          if (!who) continue;
          std::set<Topic> topics;
          bool all = !e["what"];
          if (auto w = e["what"]) {
            std::vector<YAML::Node> items;
            if (w.IsSequence())
              for (std::size_t k = 0; k < w.size(); ++k) items.push_back(w[k]);
            else
              items.push_back(w);
            for (const auto& it : items) {
              std::string v = it.IsScalar() ? lower_ascii(it.Scalar()) : "";
              if (v == "reminders" || v == "напоминания") topics.insert(Topic::reminders);
              else if (v == "escalation" || v == "просрочка") topics.insert(Topic::escalation);
              else if (v == "invites" || v == "приглашения") topics.insert(Topic::invites);
              else if (v == "all" || v == "всё" || v == "все") all = true;
              else r.error(it, f + ".what", "notify.err.bad_topic", {v});
            }
          }
          if (all) topics.clear();
          std::string key = who->find('@') != std::string::npos ? lower_ascii(*who) : *who;
          p.opt_out[key] = topics;
        }
      }
    }
  } catch (const YAML::Exception& e) {
    out.diagnostics.error({display_name, e.mark.line + 1, e.mark.column + 1, ""}, "notify.err.yaml", {e.msg});
  }
  if (!out.diagnostics.has_errors()) out.policy = std::move(p);
  return out;
}

PolicyLoad load_policy_file(const std::string& path) {
  PolicyLoad out;
  auto text = load::read_config_file(path, 1u << 20, out.diagnostics, kMessages);
  if (!text) return out;
  return load_policy_text(*text, path);
}

}  // namespace roadmap::mail
