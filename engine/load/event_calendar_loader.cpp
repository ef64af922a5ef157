// The assessment-event calendar loader: the territory's own kinds, events per school year and
// named schedules, read through the located YAML reader; then the checks that span the file
// (a kind nobody defined, a date outside its school year, a name used twice).
#include "load/event_calendar_loader.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "load/directory_loader.hpp"
#include "load/did_you_mean.hpp"
#include "load/yaml_reader.hpp"

namespace roadmap::load {

namespace {

using model::SourcePos;
namespace chr = std::chrono;

const std::vector<std::string> kRootKeys = {"format", "calendar", "kinds", "years", "schedules"};
const std::vector<std::string> kHeaderKeys = {"id", "title", "territory"};
const std::vector<std::string> kKindKeys = {"id", "name", "aliases", "maps_to", "assessment"};
const std::vector<std::string> kYearKeys = {"school_year", "events"};
const std::vector<std::string> kEventKeys = {"kind", "subject", "grade", "stage", "date", "dates", "from", "to", "note"};
const std::vector<std::string> kScheduleKeys = {"id", "name", "aliases", "approved", "entries"};
const std::vector<std::string> kEntryKeys = {"date", "from", "to", "title", "target", "note"};
const std::vector<std::string> kStages = {"school", "municipal", "regional", "final", "early", "main", "additional"};

std::string at(std::string_view list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

std::string iso(model::Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

// One dated span read from `date`, `dates` or `from`/`to`, with where it was written.
struct Span {
  model::Date first, last;
  Located where;
};

class CalendarBuilder {
 public:
  explicit CalendarBuilder(Reader& r) : r_(r) {
    cal_.kinds = model::builtin_event_kinds();
    for (std::size_t i = 0; i < cal_.kinds.size(); ++i) {
      const auto& k = cal_.kinds[i];
      kind_names_.emplace(model::name_key(k.id), NameEntry{k.id, 0});
      kind_names_.emplace(model::name_key(k.name), NameEntry{k.id, 0});
      for (const auto& a : k.aliases) kind_names_.emplace(model::name_key(a), NameEntry{k.id, 0});
    }
  }

  model::EventCalendar build(const YAML::Node& root) {
    MapView top = r_.map(root, "", kRootKeys, SourcePos{1, 1});
    if (!top.valid()) return std::move(cal_);
    if (auto f = top.text("format", true); f && f->value != "1")
      r_.hint(r_.error(f->pos, f->path, "load.err.format_version", {f->value}), "load.hint.format_version");
    if (auto h = top.map("calendar", true, kHeaderKeys)) {
      if (auto v = h->text("id", true)) cal_.id = v->value;
      if (auto v = h->text("territory", false)) cal_.territory = v->value;
      if (auto v = h->text("title", false)) cal_.title = v->value;
    }
    read_kinds(top);
    cal_.reindex();
    read_years(top);
    read_schedules(top);
    std::stable_sort(cal_.events.begin(), cal_.events.end(), [](const auto& a, const auto& b) {
      return chr::sys_days{a.first} < chr::sys_days{b.first};
    });
    cal_.reindex();
    return std::move(cal_);
  }

 private:
  struct NameEntry {
    std::string owner;  // the kind's or schedule's id
    int line = 0;       // 0 for a built-in kind
  };

  bool claim_kind_name(const Located& name, const std::string& owner) {
    const std::string key = model::name_key(name.value);
    if (key.empty()) {  // only spaces: nothing a look-up could find
      if (!name.value.empty())
        r_.hint(r_.error(name.pos, name.path, "load.err.empty_value", {name.path}), "load.hint.empty_value");
      return false;
    }
    if (key == model::name_key("ОП")) {
      r_.hint(r_.error(name.pos, name.path, "events.err.op_kind"), "events.hint.op_kind");
      return false;
    }
    auto [it, fresh] = kind_names_.emplace(key, NameEntry{owner, name.pos.line});
    if (fresh || it->second.owner == owner) return true;
    auto* d = it->second.line == 0
                  ? r_.error(name.pos, name.path, "events.err.builtin_kind", {name.value, it->second.owner})
                  : r_.error(name.pos, name.path, "events.err.duplicate_kind", {name.value, std::to_string(it->second.line)});
    r_.hint(d, "events.hint.duplicate_kind");
    return false;
  }

  void read_kinds(const MapView& top) {
    auto list = top.list("kinds", false);
    if (!list) return;
    std::size_t i = 0;
    for (const auto& e : *list) {
      if (r_.exhausted()) return;
      MapView m = r_.map(e, at("kinds", ++i), kKindKeys, top.value_pos("kinds"));
      if (!m.valid()) continue;
      model::EventKind k;
      k.builtin = false;
      k.pos = m.pos();
      auto id = m.text("id", true);
      if (!id) continue;
      k.id = id->value;
      claim_kind_name(*id, k.id);
      if (auto v = m.text("name", false); v && !v->value.empty()) {
        k.name = v->value;
        claim_kind_name(*v, k.id);
      }
      if (auto aliases = m.text_list("aliases", false)) {
        for (const auto& a : *aliases) {
          if (claim_kind_name(a, k.id)) k.aliases.push_back(a.value);
        }
      }
      // maps_to: built-in kinds whose event bits this kind answers to ("МДР" answers to ДКР).
      if (auto targets = m.text_list("maps_to", false)) {
        for (const auto& t : *targets) {
          const std::uint32_t bits = model::event_bits_of(t.value);
          if (bits == 0 || bits == model::event_bits_of("ОП")) {
            auto* d = r_.error(t.pos, t.path, "events.err.maps_to", {t.value});
            std::vector<std::string> ids;
            for (const auto& b : model::builtin_event_kinds()) ids.push_back(b.id);
            r_.did_you_mean(d, t.value, ids);
            r_.hint(d, "events.hint.maps_to", {join(ids)});
          } else {
            k.bits |= bits;
          }
        }
      }
      if (auto a = detail::read_enum(r_, m, "assessment", {"true", "false"})) k.assessment = *a == "true";
      cal_.kinds.push_back(std::move(k));
    }
  }

  // `date`, `dates` or `from` + `to`: exactly one form. Returns the spans read (none on error).
  std::vector<Span> read_spans(const MapView& m, bool allow_list) {
    std::vector<Span> out;
    const int forms = (m.has("date") ? 1 : 0) + (allow_list && m.has("dates") ? 1 : 0) +
                      ((m.has("from") || m.has("to")) ? 1 : 0);
    if (forms != 1) {
      auto* d = r_.error(m.pos(), m.path(), allow_list ? "events.err.date_form" : "events.err.entry_date_form");
      r_.hint(d, allow_list ? "events.hint.date_form" : "events.hint.entry_date_form");
      return out;
    }
    if (auto v = m.text("date", false)) {
      if (auto d = detail::read_date(r_, *v)) out.push_back({*d, *d, *v});
    } else if (allow_list && m.has("dates")) {
      auto list = m.text_list("dates", false);
      if (!list) return out;
      if (list->empty()) r_.hint(r_.error(m.value_pos("dates"), m.child_path("dates"), "load.err.empty_list", {"dates"}),
                                 "load.hint.empty_list");
      for (const auto& v : *list)
        if (auto d = detail::read_date(r_, v)) out.push_back({*d, *d, v});
    } else if (m.has("from") || m.has("to")) {
      auto from = m.text("from", true), to = m.text("to", true);
      if (!from || !to) return out;
      auto a = detail::read_date(r_, *from), b = detail::read_date(r_, *to);
      if (!a || !b) return out;
      if (chr::sys_days{*b} < chr::sys_days{*a}) {
        r_.hint(r_.error(to->pos, to->path, "events.err.range_order", {to->value, from->value}), "events.hint.range_order");
        return out;
      }
      out.push_back({*a, *b, *from});
    }
    return out;
  }

  void read_years(const MapView& top) {
    auto list = top.list("years", false);
    if (!list) return;
    std::map<int, int> seen;  // school year -> line
    std::size_t i = 0;
    for (const auto& e : *list) {
      if (r_.exhausted()) return;
      MapView y = r_.map(e, at("years", ++i), kYearKeys, top.value_pos("years"));
      if (!y.valid()) continue;
      std::optional<int> start;
      if (auto sy = y.text("school_year", true)) {
        start = detail::read_school_year(r_, *sy);
        if (start) {
          auto [it, fresh] = seen.emplace(*start, sy->pos.line);
          if (!fresh)
            r_.hint(r_.error(sy->pos, sy->path, "events.err.duplicate_year", {sy->value, std::to_string(it->second)}),
                    "events.hint.duplicate_year");
        }
      }
      auto events = y.list("events", false);
      if (!events) continue;
      std::size_t j = 0;
      for (const auto& ev : *events) {
        if (r_.exhausted()) return;
        MapView m = r_.map(ev, at(y.child_path("events"), ++j), kEventKeys, y.value_pos("events"));
        if (m.valid()) read_event(m, start);
      }
    }
  }

  void read_event(const MapView& m, std::optional<int> school_year) {
    model::AssessmentEvent ev;
    ev.pos = m.pos();
    bool ok = true;
    if (auto k = m.text("kind", true)) {
      if (const model::EventKind* kind = cal_.find_kind(k->value)) {
        ev.kind = kind->id;
      } else {
        ok = false;
        const bool op = model::event_bits_of(k->value) == model::event_bits_of("ОП");
        auto* d = r_.error(k->pos, k->path, op ? "events.err.op_kind" : "events.err.unknown_kind", {k->value});
        if (op) {
          r_.hint(d, "events.hint.op_kind");
        } else {
          std::vector<std::string> names;
          for (const auto& kk : cal_.kinds) {
            names.push_back(kk.id);
            for (const auto& a : kk.aliases) names.push_back(a);
          }
          r_.did_you_mean(d, k->value, names);
          r_.hint(d, "events.hint.unknown_kind");
        }
      }
    } else {
      ok = false;
    }
    if (auto v = m.text("subject", false)) ev.subject = v->value;
    if (const YAML::Node* g = m.find("grade")) read_grades(*g, m, ev.grades);
    if (auto s = detail::read_enum(r_, m, "stage", kStages)) model::parse_event_stage(*s, ev.stage);
    if (auto v = m.text("note", false)) ev.note = v->value;
    std::vector<Span> spans = read_spans(m, true);
    if (!ok || !school_year) return;
    ev.school_year = *school_year;
    const auto year_first = chr::year{*school_year} / chr::September / 1;
    const auto year_last = chr::year{*school_year + 1} / chr::August / 31;
    for (const auto& s : spans) {
      if (chr::sys_days{s.first} < chr::sys_days{year_first} || chr::sys_days{s.last} > chr::sys_days{year_last}) {
        auto* d = r_.error(s.where.pos, s.where.path, "events.err.outside_year",
                           {iso(chr::sys_days{s.first} < chr::sys_days{year_first} ? s.first : s.last),
                            std::to_string(*school_year) + "-" + std::to_string(*school_year + 1)});
        r_.hint(d, "events.hint.outside_year");
        continue;
      }
      model::AssessmentEvent one = ev;
      one.first = s.first;
      one.last = s.last;
      cal_.events.push_back(std::move(one));
    }
  }

  // `grade: 4` or `grade: [4, 5]`: school grades 1 to 11.
  void read_grades(const YAML::Node& node, const MapView& m, std::vector<int>& out) {
    const std::string path = m.child_path("grade");
    auto one = [&](const YAML::Node& n, const std::string& p) {
      const SourcePos pos = r_.pos_of(n, m.value_pos("grade"));
      const std::string s = n.IsScalar() ? r_.scalar(n, pos, p) : std::string();
      int g = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), g);
      if (!n.IsScalar() || s.empty() || ec != std::errc{} || end != s.data() + s.size() || g < 1 || g > 11) {
        r_.hint(r_.error(pos, p, "events.err.grade", {n.IsScalar() ? s : std::string("?")}), "events.hint.grade");
        return;
      }
      out.push_back(g);
    };
    if (node.IsSequence()) {
      std::size_t i = 0;
      for (const auto& g : node) {
        if (!r_.spend()) return;
        one(g, at(path, ++i));
      }
    } else {
      one(node, path);
    }
  }

  void read_schedules(const MapView& top) {
    auto list = top.list("schedules", false);
    if (!list) return;
    std::map<std::string, NameEntry> names;
    std::size_t i = 0;
    for (const auto& e : *list) {
      if (r_.exhausted()) return;
      MapView m = r_.map(e, at("schedules", ++i), kScheduleKeys, top.value_pos("schedules"));
      if (!m.valid()) continue;
      model::NamedSchedule s;
      s.pos = m.pos();
      std::vector<Located> all_names;
      if (auto v = m.text("id", true)) {
        s.id = v->value;
        all_names.push_back(*v);
      }
      if (auto v = m.text("name", true)) {
        s.name = v->value;
        all_names.push_back(*v);
      }
      if (auto aliases = m.text_list("aliases", false)) {
        for (const auto& a : *aliases) {
          s.aliases.push_back(a.value);
          all_names.push_back(a);
        }
      }
      for (const auto& n : all_names) {
        const std::string key = model::name_key(n.value);
        auto [it, fresh] = names.emplace(key, NameEntry{s.id, n.pos.line});
        if (!fresh && it->second.owner != s.id)
          r_.hint(r_.error(n.pos, n.path, "events.err.duplicate_schedule", {n.value, std::to_string(it->second.line)}),
                  "events.hint.duplicate_schedule");
      }
      (void)m.text("approved", false);
      if (auto entries = m.list("entries", false)) {
        std::size_t j = 0;
        for (const auto& en : *entries) {
          if (r_.exhausted()) return;
          MapView em = r_.map(en, at(m.child_path("entries"), ++j), kEntryKeys, m.value_pos("entries"));
          if (!em.valid()) continue;
          model::ScheduleEntry entry;
          entry.pos = em.pos();
          if (auto v = em.text("title", false)) entry.title = v->value;
          if (auto v = em.text("target", false)) entry.target = v->value;
          if (auto v = em.text("note", false)) entry.note = v->value;
          for (const auto& span : read_spans(em, false)) {
            entry.first = span.first;
            entry.last = span.last;
            s.entries.push_back(entry);
          }
        }
      }
      std::stable_sort(s.entries.begin(), s.entries.end(), [](const auto& a, const auto& b) {
        return chr::sys_days{a.first} < chr::sys_days{b.first};
      });
      cal_.schedules.push_back(std::move(s));
    }
  }

  Reader& r_;
  model::EventCalendar cal_;
  std::map<std::string, NameEntry> kind_names_;
};

}  // namespace

EventCalendarLoad load_event_calendar_text(std::string_view text, const std::string& display_name,
                                           const EventCalendarLoadOptions& options) {
  EventCalendarLoad result;
  detail::read_yaml_document(text, display_name, options.max_bytes, result.diagnostics, "events.err.root",
                             "events.hint.root", [&](const YAML::Node& root, Reader& reader) {
                               model::EventCalendar c = CalendarBuilder(reader).build(root);
                               c.source_file = display_name;
                               result.calendar = std::move(c);
                             });
  if (result.diagnostics.has_errors()) result.calendar.reset();
  return result;
}

EventCalendarLoad load_event_calendar_file(const std::string& path, const EventCalendarLoadOptions& options) {
  EventCalendarLoad result;
  std::string text;
  if (!detail::read_file(path, options.max_bytes, text, result.diagnostics)) return result;
  return load_event_calendar_text(text, path, options);
}

diag::Diagnostics check_schedule_targets(const model::EventCalendar& calendar, const model::Directory& directory) {
  diag::Diagnostics out;
  for (const auto& s : calendar.schedules) {
    for (const auto& e : s.entries) {
      if (e.target.empty() || directory.resolve(e.target)) continue;
      diag::Location where;
      where.file = calendar.source_file;
      where.line = e.pos.line;
      where.column = e.pos.column;
      where.field = "schedules." + s.id + ".target";
      auto& d = out.error(where, "events.err.unknown_target", {e.target, directory.source_file});
      d.hints.push_back({"events.hint.unknown_target", {}});
    }
  }
  return out;
}

}  // namespace roadmap::load
