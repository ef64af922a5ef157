// Reads a plan document field by field (plans/README.md), then checks what spans the document:
// body names, item numbers, references and bindings. Reading goes on after every error.
#include "load/plan_builder.hpp"
#include "load/schedule_reader.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "calendar/timezone.hpp"
#include "load/did_you_mean.hpp"

namespace roadmap::load {

namespace {

using model::SourcePos;
namespace chr = std::chrono;

const std::vector<std::string> kRootKeys = {"format", "plan", "abbreviations", "bodies", "sections"};
const std::vector<std::string> kPlanKeys = {"id",       "title",     "territory", "owner",
                                            "approved", "period",    "timezone",  "numbering",
                                            "half_year", "goals",    "directory", "event_calendar"};
const std::vector<std::string> kApprovedKeys = {"kind", "number", "date", "issuer", "signed_by"};
const std::vector<std::string> kPeriodKeys = {"school_year", "years", "from", "to"};
const std::vector<std::string> kAbbreviationKeys = {"short", "meaning"};
const std::vector<std::string> kBodyKeys = {"id", "name", "kind", "aliases"};
const std::vector<std::string> kSectionKeys = {"number", "title", "items"};
const std::vector<std::string> kItemKeys = {"number",       "measure",         "deadline", "responsible",
                                            "co_executors", "participants",    "expected_result",
                                            "note",         "refs",            "sub_measures",
                                            "bindings",     "schedule"};
const std::vector<std::string> kSubMeasureKeys = {"measure", "deadline", "responsible"};
const std::vector<std::string> kBindingKeys = {"anchor", "item", "event", "schedule"};
const std::vector<std::string> kBodyKinds = {"authority", "methodical",  "institute", "schools",
                                             "school_group", "school_unit", "other"};

std::string strip_trailing_dot(std::string s) {
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

bool valid_plan_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool plausible_year(int y) { return y >= 1900 && y <= 2200; }

class Builder {
 public:
  explicit Builder(Reader& r) : r_(r) {}

  model::Plan build(const YAML::Node& root) {
    MapView top = r_.map(root, "", kRootKeys, SourcePos{1, 1});
    if (!top.valid()) return std::move(plan_);
    read_format(top);
    if (auto p = top.map("plan", true, kPlanKeys)) read_plan_header(*p);
    read_abbreviations(top);
    read_bodies(top);
    if (auto secs = top.list("sections", true, true)) read_sections(*secs, top.value_pos("sections"));
    check_plan_header_refs();
    check_items();
    return std::move(plan_);
  }

 private:
  // --- format and plan header
  void read_format(const MapView& top) {
    auto f = top.text("format", true);
    if (f && f->value != "1") {
      auto* d = r_.error(f->pos, f->path, "load.err.format_version", {f->value});
      r_.hint(d, "load.hint.format_version");
    }
  }

  void read_plan_header(const MapView& p) {
    if (auto id = p.text("id", true)) {
      plan_.id = id->value;
      if (!valid_plan_id(id->value)) {
        auto* d = r_.error(id->pos, id->path, "load.err.plan_id", {id->value});
        r_.hint(d, "load.hint.plan_id");
      }
    }
    if (auto t = p.text("title", true)) plan_.title = t->value;
    if (auto t = p.text("territory", false)) plan_.territory = t->value;
    if (auto o = p.text("owner", true)) owner_ = *o;
    if (auto a = p.map("approved", false, kApprovedKeys)) read_approved(*a);
    if (auto per = p.map("period", true, kPeriodKeys)) read_period(*per);
    if (auto tz = p.text("timezone", true)) {
      plan_.timezone = tz->value;
      if (!calendar::is_known_time_zone(tz->value)) {
        auto* d = r_.error(tz->pos, tz->path, "load.err.timezone", {tz->value});
        r_.did_you_mean(d, tz->value, calendar::time_zone_names());
        r_.hint(d, "load.hint.timezone");
      }
    }
    if (auto n = read_enum(p, "numbering", {"global", "per_section"}))
      plan_.numbering = *n == "per_section" ? model::Numbering::per_section : model::Numbering::global;
    if (auto h = read_enum(p, "half_year", {"school", "calendar"}))
      plan_.half_year = *h == "calendar" ? model::HalfYear::calendar : model::HalfYear::school;
    if (auto g = p.text_list("goals", false))
      for (auto& e : *g) plan_.goals.push_back(e.value);
    if (auto t = p.text("directory", false)) plan_.directory = t->value;
    if (auto t = p.text("event_calendar", false)) plan_.event_calendar = t->value;
  }

  std::optional<std::string> read_enum(const MapView& m, std::string_view key, const std::vector<std::string>& allowed) {
    auto v = m.text(key, false);
    if (!v) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), v->value) != allowed.end()) return v->value;
    auto* d = r_.error(v->pos, v->path, "load.err.enum", {v->value, std::string(key)});
    r_.did_you_mean(d, v->value, allowed);
    r_.hint(d, "load.hint.enum", {join(allowed)});
    return std::nullopt;
  }

  std::optional<chr::year_month_day> read_date(const Located& v) {
    // ISO 8601 calendar date: YYYY-MM-DD
    const std::string& s = v.value;
    int y = 0, m = 0, d = 0;
    bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) &&
                 all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2));
    if (!shape || !parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) || !parse_int(s.substr(8, 2), d)) {
      auto* diag = r_.error(v.pos, v.path, "load.err.date_format", {s});
      r_.hint(diag, "load.hint.date_format");
      return std::nullopt;
    }
    chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
      auto* diag = r_.error(v.pos, v.path, "load.err.date_invalid", {s});
      r_.hint(diag, "load.hint.date_invalid");
      return std::nullopt;
    }
    return ymd;
  }

  void read_approved(const MapView& a) {
    if (auto v = a.text("kind", false)) plan_.approved.kind = v->value;
    if (auto v = a.text("number", false)) plan_.approved.number = v->value;
    if (auto v = a.text("date", false); v && !v->value.empty()) plan_.approved.date = read_date(*v);
    if (auto v = a.text("issuer", false)) plan_.approved.issuer = v->value;
    if (auto v = a.text("signed_by", false)) plan_.approved.signed_by = v->value;
  }

  void read_period(const MapView& p) {
    const int forms = (p.has("school_year") ? 1 : 0) + (p.has("years") ? 1 : 0) +
                      ((p.has("from") || p.has("to")) ? 1 : 0);
    if (forms != 1) {
      auto* d = r_.error(p.pos(), p.path(), "load.err.period_form");
      r_.hint(d, "load.hint.period_form");
    }
    if (auto sy = p.text("school_year", false, true)) {
      const std::string& s = sy->value;
      int a = 0, b = 0;
      bool ok = s.size() == 9 && (s[4] == '-' || s[4] == '/') && parse_int(s.substr(0, 4), a) &&
                parse_int(s.substr(5, 4), b) && all_digits(s.substr(0, 4)) && all_digits(s.substr(5, 4)) &&
                b == a + 1 && plausible_year(a);
      if (ok) plan_.period.school_year_start = a;
      else {
        auto* d = r_.error(sy->pos, sy->path, "load.err.school_year", {s});
        r_.hint(d, "load.hint.school_year");
      }
    }
    if (auto ys = p.text_list("years", false)) {
      std::vector<int> years;
      bool all_ok = true;
      for (const auto& y : *ys) {
        int v = 0;
        if (all_digits(y.value) && parse_int(y.value, v) && plausible_year(v)) {
          years.push_back(v);
        } else {
          all_ok = false;
          auto* d = r_.error(y.pos, y.path, "load.err.year", {y.value});
          r_.hint(d, "load.hint.year");
        }
      }
      if (all_ok && ys->empty()) {
        auto* d = r_.error(p.value_pos("years"), p.child_path("years"), "load.err.empty_list", {"years"});
        r_.hint(d, "load.hint.empty_list");
      }
      if (all_ok && !std::is_sorted(years.begin(), years.end(), std::less_equal<>())) {
        std::vector<std::string> texts;
        for (const auto& y : *ys) texts.push_back(y.value);
        auto* d = r_.error(p.value_pos("years"), p.child_path("years"), "load.err.years_order", {join(texts)});
        r_.hint(d, "load.hint.years_order");
      } else if (all_ok) {
        plan_.period.years = years;
      }
    }
    std::optional<Located> from = p.text("from", false), to = p.text("to", false);
    if (from || to) {
      if (!from || !to) {
        auto* d = r_.error(p.pos(), p.path(), "load.err.bounds");
        r_.hint(d, "load.hint.bounds");
      }
      if (from) plan_.period.from = read_date(*from);
      if (to) plan_.period.to = read_date(*to);
      if (plan_.period.from && plan_.period.to && chr::sys_days{*plan_.period.from} > chr::sys_days{*plan_.period.to}) {
        auto* d = r_.error(from->pos, from->path, "load.err.bounds_order", {from->value, to->value});
        r_.hint(d, "load.hint.bounds_order");
      }
    }
  }

  // --- abbreviations and bodies
  void read_abbreviations(const MapView& top) {
    auto list = top.list("abbreviations", false);
    if (!list) return;
    std::size_t i = 0;
    for (const auto& e : *list) {
      ++i;
      if (r_.exhausted()) return;
      MapView m = r_.map(e, "abbreviations[" + std::to_string(i) + "]", kAbbreviationKeys, top.value_pos("abbreviations"));
      if (!m.valid()) continue;
      model::Abbreviation a;
      if (auto s = m.text("short", true)) a.short_form = s->value;
      if (auto s = m.text("meaning", true)) a.meaning = s->value;
      plan_.abbreviations.push_back(std::move(a));
    }
  }

  void read_bodies(const MapView& top) {
    auto list = top.list("bodies", false);
    if (!list) return;
    std::size_t i = 0;
    for (const auto& e : *list) {
      ++i;
      if (r_.exhausted()) return;
      MapView m = r_.map(e, "bodies[" + std::to_string(i) + "]", kBodyKeys, top.value_pos("bodies"));
      if (!m.valid()) continue;
      model::Body b;
      b.pos = m.pos();
      std::vector<Located> names;
      if (auto id = m.text("id", true)) {
        b.id = id->value;
        names.push_back(*id);
      }
      if (auto n = m.text("name", true)) b.name = n->value;
      if (auto k = read_enum(m, "kind", kBodyKinds)) model::parse_body_kind(*k, b.kind);
      if (auto al = m.text_list("aliases", false)) {
        for (auto& a : *al) {
          if (std::find(b.aliases.begin(), b.aliases.end(), a.value) == b.aliases.end() && a.value != b.id)
            b.aliases.push_back(a.value);
          names.push_back(a);
        }
      }
      if (b.id.empty()) continue;
      // One spelling names one body: an id or alias taken by another body is an error.
      for (const auto& n : names) {
        auto [it, fresh] = body_names_.emplace(n.value, BodyName{b.id, n.pos});
        if (!fresh && it->second.id != b.id) {
          auto* d = r_.error(n.pos, n.path, "load.err.duplicate_body", {n.value, std::to_string(it->second.pos.line)});
          r_.hint(d, "load.hint.duplicate_body");
        }
      }
      plan_.bodies.push_back(std::move(b));
    }
  }

  // Resolves a body spelling to its id; reports an unknown one with suggestions.
  std::optional<std::string> resolve_body(const Located& name) {
    auto it = body_names_.find(name.value);
    if (it != body_names_.end()) return it->second.id;
    auto* d = r_.error(name.pos, name.path, "load.err.unknown_body", {name.value});
    if (d) {
      if (all_body_names_.empty())
        for (const auto& [n, _] : body_names_) all_body_names_.push_back(n);
      r_.did_you_mean(d, name.value, all_body_names_);
      r_.hint(d, "load.hint.declare_body");
    }
    return std::nullopt;
  }

  std::vector<std::string> resolve_bodies(const std::optional<std::vector<Located>>& names) {
    std::vector<std::string> out;
    if (!names) return out;
    for (const auto& n : *names)
      if (auto id = resolve_body(n)) out.push_back(*id);
    return out;
  }

  // --- sections and items
  void read_sections(const YAML::Node& list, SourcePos where) {
    std::size_t si = 0;
    for (const auto& e : list) {
      ++si;
      if (r_.exhausted()) return;
      const std::string path = "sections[" + std::to_string(si) + "]";
      MapView m = r_.map(e, path, kSectionKeys, where);
      if (!m.valid()) continue;
      model::Section s;
      s.pos = m.pos();
      if (auto n = m.text("number", false)) s.number = strip_trailing_dot(n->value);
      if (auto t = m.text("title", false)) s.title = t->value;
      // In per-section numbering a section is named by its number, or its position when unnumbered.
      const std::string section_key = s.number.empty() ? std::to_string(si) : s.number;
      if (auto items = m.list("items", true, true)) {
        std::size_t ii = 0;
        for (const auto& ie : *items) {
          ++ii;
          if (r_.exhausted()) break;
          read_item(ie, path + ".items[" + std::to_string(ii) + "]", m.value_pos("items"), section_key, s);
        }
      }
      plan_.sections.push_back(std::move(s));
    }
  }

  void read_item(const YAML::Node& node, const std::string& path, SourcePos where, const std::string& section_key,
                 model::Section& section) {
    MapView m = r_.map(node, path, kItemKeys, where);
    if (!m.valid()) return;
    model::Item it;
    it.pos = m.pos();
    PendingItem pending;
    pending.section_key = section_key;
    pending.path = path;
    if (auto n = m.text("number", true)) {
      it.number = strip_trailing_dot(n->value);
      pending.number = *n;
      pending.number.value = it.number;
    }
    if (auto v = m.text("measure", true)) it.measure = v->value;
    if (auto v = m.text("deadline", true, true)) {
      it.deadline = v->value;
      it.deadline_pos = v->pos;
      pending.deadline_given = true;
    }
    pending.responsible = m.text_list("responsible", true);
    pending.co_executors = m.text_list("co_executors", false);
    if (auto v = m.text("participants", false)) it.participants = v->value;
    if (auto v = m.text("expected_result", false)) it.expected_result = v->value;
    if (auto v = m.text("note", false)) it.note = v->value;
    if (auto refs = m.text_list("refs", false)) {
      for (auto& ref : *refs) {
        ref.value = strip_trailing_dot(ref.value);
        it.refs.push_back(model::ItemRef{ref.value, ref.pos});
        pending.refs.push_back(ref);
      }
    }
    if (auto subs = m.list("sub_measures", false)) {
      std::size_t k = 0;
      for (const auto& se : *subs) {
        ++k;
        if (r_.exhausted()) break;
        MapView sm = r_.map(se, m.child_path("sub_measures") + "[" + std::to_string(k) + "]", kSubMeasureKeys,
                            m.value_pos("sub_measures"));
        if (!sm.valid()) continue;
        model::SubMeasure sub;
        sub.pos = sm.pos();
        if (auto v = sm.text("measure", true)) sub.text = v->value;
        if (auto v = sm.text("deadline", false, true)) {
          sub.deadline = v->value;
          sub.deadline_pos = v->pos;
        }
        pending.sub_responsible.push_back(sm.text_list("responsible", false));
        it.sub_measures.push_back(std::move(sub));
      }
    }
    if (auto bl = m.list("bindings", false)) {
      std::size_t k = 0;
      for (const auto& be : *bl) {
        ++k;
        if (r_.exhausted()) break;
        MapView bm = r_.map(be, m.child_path("bindings") + "[" + std::to_string(k) + "]", kBindingKeys,
                            m.value_pos("bindings"));
        if (!bm.valid()) continue;
        model::AnchorBinding b;
        b.pos = bm.pos();
        if (auto v = bm.text("anchor", true)) b.anchor = v->value;
        auto item = bm.text("item", false), event = bm.text("event", false), sched = bm.text("schedule", false);
        if (item) {
          item->value = strip_trailing_dot(item->value);
          b.item = item->value;
          pending.refs.push_back(*item);
        }
        if (event) b.event = event->value;
        if (sched) b.named_schedule = sched->value;
        if ((bm.has("item") ? 1 : 0) + (bm.has("event") ? 1 : 0) + (bm.has("schedule") ? 1 : 0) != 1) {
          auto* d = r_.error(bm.pos(), bm.path(), "load.err.binding_target", {b.anchor});
          r_.hint(d, "load.hint.binding_target");
        }
        it.bindings.push_back(std::move(b));
      }
    }
    if (const YAML::Node* s = m.find("schedule")) {
      // An explicit structured schedule: it decides the dates; the phrase stays as the document says.
      model::ScheduleOverride so;
      so.pos = m.value_pos("schedule");
      if (auto sched = read_schedule(*s, m.child_path("schedule"), so.pos, r_)) {
        so.schedule = std::move(*sched);
        if (r_.spend(64)) {
          YAML::Emitter em;
          em << YAML::Flow << *s;
          so.yaml = em.good() ? em.c_str() : "";
        }
        it.schedule = std::move(so);
      }
    }
    pending.index = section.items.size();
    pending.section_index = plan_.sections.size();
    section.items.push_back(std::move(it));
    pending_.push_back(std::move(pending));
  }

  // --- checks across the document
  void check_plan_header_refs() {
    if (!owner_) return;
    if (auto id = resolve_body(*owner_)) plan_.owner = *id;
    else plan_.owner = owner_->value;
  }

  void check_items() {
    // Numbers: unique in the plan, or in the section under per-section numbering.
    std::map<std::string, int> global_numbers;                // number -> line
    std::map<std::string, std::map<std::string, int>> by_section;  // section key -> number -> line
    const bool per_section = plan_.numbering == model::Numbering::per_section;
    for (auto& p : pending_) {
      if (p.number.value.empty()) continue;
      auto& numbers = per_section ? by_section[p.section_key] : global_numbers;
      auto [it, fresh] = numbers.emplace(p.number.value, p.number.pos.line);
      if (!fresh) {
        const char* key = per_section ? "load.err.duplicate_item_section" : "load.err.duplicate_item";
        auto* d = r_.error(p.number.pos, p.number.path, key, {p.number.value, std::to_string(it->second)});
        r_.hint(d, per_section ? "load.hint.duplicate_item_section" : "load.hint.duplicate_item");
      }
    }
    std::vector<std::string> all_numbers;
    for (const auto& [sec, numbers] : by_section)
      for (const auto& [n, _] : numbers) all_numbers.push_back(sec + ":" + n);
    for (const auto& [n, _] : global_numbers) all_numbers.push_back(n);

    for (auto& p : pending_) {
      model::Item& item = plan_.sections[p.section_index].items[p.index];
      // Bodies.
      item.responsible = resolve_bodies(p.responsible);
      item.co_executors = resolve_bodies(p.co_executors);
      for (std::size_t k = 0; k < p.sub_responsible.size() && k < item.sub_measures.size(); ++k)
        item.sub_measures[k].responsible = resolve_bodies(p.sub_responsible[k]);
      // References to other items.
      for (const auto& ref : p.refs) {
        bool found = false;
        if (!per_section) {
          found = global_numbers.count(ref.value) != 0;
        } else {
          auto colon = ref.value.find(':');
          std::string sec = colon == std::string::npos ? p.section_key : ref.value.substr(0, colon);
          std::string num = colon == std::string::npos ? ref.value : ref.value.substr(colon + 1);
          auto s = by_section.find(sec);
          found = s != by_section.end() && s->second.count(num) != 0;
        }
        if (!found) {
          auto* d = r_.error(ref.pos, ref.path, "load.err.missing_item", {ref.value});
          r_.did_you_mean(d, ref.value, all_numbers);
          r_.hint(d, "load.hint.missing_item");
        }
      }
      // An empty deadline is fine only when every sub-measure carries its own.
      if (item.deadline.empty() && p.deadline_given) {
        bool covered = !item.sub_measures.empty() &&
                       std::all_of(item.sub_measures.begin(), item.sub_measures.end(),
                                   [](const model::SubMeasure& s) { return !s.deadline.empty(); });
        if (!covered) {
          auto* d = r_.warning(item.deadline_pos.line ? item.deadline_pos : item.pos,
                               p.path + ".deadline",
                               "load.warn.empty_deadline", {item.number});
          r_.hint(d, "load.hint.empty_deadline");
        }
      }
    }
  }

  struct BodyName {
    std::string id;
    SourcePos pos;
  };
  struct PendingItem {
    std::size_t section_index = 0;
    std::size_t index = 0;
    std::string section_key;
    std::string path;
    bool deadline_given = false;
    Located number;
    std::optional<std::vector<Located>> responsible, co_executors;
    std::vector<std::optional<std::vector<Located>>> sub_responsible;
    std::vector<Located> refs;  // refs and bindings[].item
  };

  Reader& r_;
  model::Plan plan_;
  std::optional<Located> owner_;
  std::map<std::string, BodyName> body_names_;
  std::vector<std::string> all_body_names_;
  std::vector<PendingItem> pending_;
};

}  // namespace

model::Plan build_plan(const YAML::Node& root, Reader& reader, std::size_t* items_read) {
  Builder b(reader);
  model::Plan plan = b.build(root);
  if (items_read) *items_read = plan.item_count();
  return plan;
}

}  // namespace roadmap::load
