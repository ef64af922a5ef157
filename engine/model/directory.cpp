// Name keys, look-ups and the built-in assessment-event kinds (see directory.hpp).
#include "model/directory.hpp"

#include <algorithm>
#include <set>

#include "deadline/schedule.hpp"

namespace roadmap::model {

namespace {

namespace dl = roadmap::deadline;

// Decodes one UTF-8 code point at `i` (advancing it); an invalid byte is taken as itself.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) { return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80; };
  auto at = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  if (b0 < 0x80) { ++i; return b0; }
  if ((b0 & 0xE0) == 0xC0 && cont(1)) { char32_t c = ((b0 & 0x1Fu) << 6) | at(1); i += 2; return c; }
  if ((b0 & 0xF0) == 0xE0 && cont(1) && cont(2)) {
    char32_t c = ((b0 & 0x0Fu) << 12) | (at(1) << 6) | at(2);
    i += 3;
    return c;
  }
  if ((b0 & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
    char32_t c = ((b0 & 0x07u) << 18) | (at(1) << 12) | (at(2) << 6) | at(3);
    i += 4;
    return c;
  }
  ++i;
  return 0xFFFD;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x00A0 ||
         c == 0x2007 || c == 0x202F || c == 0x2009 || c == 0x200A || c == 0x3000 || c == 0xFEFF;
}

char32_t fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x0410 && c <= 0x042F) return c + 32;   // А-Я -> а-я
  if (c >= 0x0400 && c <= 0x040F) c += 80;          // Ѐ-Џ -> ѐ-џ
  if (c == 0x0451) return 0x0435;                   // ё -> е
  if (c == 0x00AB || c == 0x00BB || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F) return '"';
  if (c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2212) return '-';
  return c;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
  return out;
}

}  // namespace

std::string name_key(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size();) {
    char32_t c = next_code_point(name, i);
    if (is_space(c)) continue;
    append_utf8(out, fold(c));
  }
  return out;
}

std::string_view to_string(Role r) {
  switch (r) {
    case Role::coordinator: return "coordinator";
    case Role::executor: return "executor";
    case Role::head: return "head";
    case Role::viewer: return "viewer";
  }
  return "executor";
}

bool parse_role(std::string_view s, Role& out) {
  for (Role r : {Role::coordinator, Role::executor, Role::head, Role::viewer}) {
    if (to_string(r) == s) {
      out = r;
      return true;
    }
  }
  return false;
}

bool GroupMember::active_on(Date d) const {
  using std::chrono::sys_days;
  if (valid_from && sys_days{d} < sys_days{*valid_from}) return false;
  if (valid_to && sys_days{d} > sys_days{*valid_to}) return false;
  return true;
}

std::vector<std::string> SchoolGroup::members_on(Date d) const {
  std::vector<std::string> out;
  for (const auto& m : members) {
    if (m.active_on(d) && std::find(out.begin(), out.end(), m.school) == out.end()) out.push_back(m.school);
  }
  return out;
}

void Directory::reindex() {
  names_.clear();
  people_index_.clear();
  // First writer wins: the loader reports clashes, so a clean directory has none.
  auto add = [this](const std::string& n, NameRef ref) {
    if (!n.empty()) names_.emplace(name_key(n), ref);
  };
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    NameRef ref{NameRef::Kind::body, i};
    add(bodies[i].id, ref);
    add(bodies[i].short_name, ref);
    add(bodies[i].full_name, ref);
    for (const auto& a : bodies[i].aliases) add(a, ref);
  }
  for (std::size_t i = 0; i < schools.size(); ++i) {
    NameRef ref{NameRef::Kind::school, i};
    add(schools[i].id, ref);
    add(schools[i].short_name, ref);
    add(schools[i].full_name, ref);
    for (const auto& a : schools[i].aliases) add(a, ref);
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    NameRef ref{NameRef::Kind::group, i};
    add(groups[i].id, ref);
    add(groups[i].name, ref);
    for (const auto& a : groups[i].aliases) add(a, ref);
  }
  // Ids first: an id wins over an e-mail spelt the same.
  for (std::size_t i = 0; i < people.size(); ++i) people_index_.emplace(people[i].id, i);
  for (std::size_t i = 0; i < people.size(); ++i)
    if (!people[i].email.empty()) people_index_.emplace(lower_ascii(people[i].email), i);
}

NameRef Directory::resolve(std::string_view name) const {
  auto it = names_.find(name_key(name));
  return it == names_.end() ? NameRef{} : it->second;
}

const DirectoryBody* Directory::find_body(std::string_view name) const {
  NameRef r = resolve(name);
  return r.kind == NameRef::Kind::body ? &bodies[r.index] : nullptr;
}

const School* Directory::find_school(std::string_view name) const {
  NameRef r = resolve(name);
  return r.kind == NameRef::Kind::school ? &schools[r.index] : nullptr;
}

const SchoolGroup* Directory::find_group(std::string_view name) const {
  NameRef r = resolve(name);
  return r.kind == NameRef::Kind::group ? &groups[r.index] : nullptr;
}

const Person* Directory::find_person(std::string_view id_or_email) const {
  auto it = people_index_.find(std::string(id_or_email));
  if (it == people_index_.end()) it = people_index_.find(lower_ascii(id_or_email));
  return it == people_index_.end() ? nullptr : &people[it->second];
}

std::vector<const School*> Directory::group_members_on(const SchoolGroup& g, Date d) const {
  std::vector<const School*> out;
  for (const auto& id : g.members_on(d)) {
    if (const School* s = find_school(id)) out.push_back(s);
  }
  return out;
}

std::vector<const School*> Directory::schools_of_body(std::string_view body_id) const {
  std::vector<const School*> out;
  for (const auto& s : schools)
    if (s.body == body_id) out.push_back(&s);
  return out;
}

std::vector<const Person*> Directory::people_of(std::string_view id) const {
  std::vector<const Person*> out;
  for (const auto& p : people)
    if ((!p.body.empty() && p.body == id) || (!p.school.empty() && p.school == id)) out.push_back(&p);
  return out;
}

std::string Directory::timezone_of(const Person& p) const {
  if (!p.timezone.empty()) return p.timezone;
  if (!p.body.empty())
    if (const auto* b = find_body(p.body); b && !b->timezone.empty()) return b->timezone;
  if (!p.school.empty())
    if (const auto* s = find_school(p.school); s && !s->timezone.empty()) return s->timezone;
  return timezone;
}

// --- events

const std::vector<EventKind>& builtin_event_kinds() {
  static const std::vector<EventKind> kinds = [] {
    auto k = [](std::string id, std::string name, std::vector<std::string> aliases, std::uint32_t bits,
                bool assessment = true) {
      EventKind e;
      e.id = std::move(id);
      e.name = std::move(name);
      e.aliases = std::move(aliases);
      e.bits = bits;
      e.assessment = assessment;
      return e;
    };
    return std::vector<EventKind>{
        k("ВПР", "всероссийские проверочные работы", {"В\u0406Р"}, dl::ev_vpr),
        k("ОГЭ", "основной государственный экзамен", {"ГИА-9"}, dl::ev_oge | dl::ev_gia),
        k("ЕГЭ", "единый государственный экзамен", {"ГИА-11"}, dl::ev_ege | dl::ev_gia),
        k("ГВЭ", "государственный выпускной экзамен", {"ГВЭ-9", "ГВЭ-11"}, dl::ev_gve | dl::ev_gia),
        k("ГИА", "государственная итоговая аттестация", {}, dl::ev_gia),
        k("ИС-9", "итоговое собеседование по русскому языку", {"ИС9", "итоговое собеседование"}, dl::ev_is9),
        k("ИС(И)-11", "итоговое сочинение (изложение)",
          {"ИС-11", "ИС(И)", "итоговое сочинение", "итоговое сочинение (изложение)"}, dl::ev_is11),
        k("ДКР", "диагностические контрольные работы", {"диагностическая работа"}, dl::ev_dkr),
        k("КДР", "краевые диагностические работы", {"региональные диагностические работы", "РДР"}, dl::ev_kdr),
        k("НИКО", "национальные исследования качества образования", {}, dl::ev_niko),
        k("МСИ", "международные сопоставительные исследования", {}, dl::ev_msi),
        k("ВсОШ", "всероссийская олимпиада школьников", {"ВОШ", "олимпиада"}, dl::ev_vsosh, false),
        k("PISA", "Programme for International Student Assessment", {"ПИЗА"}, dl::ev_pisa | dl::ev_msi),
        k("TIMSS", "Trends in International Mathematics and Science Study", {}, dl::ev_timss | dl::ev_msi),
        k("PIRLS", "Progress in International Reading Literacy Study", {}, dl::ev_pirls | dl::ev_msi),
    };
  }();
  return kinds;
}

std::uint32_t event_bits_of(std::string_view kind_name) {
  const std::string key = name_key(kind_name);
  if (key == name_key("ОП") || key == name_key("оценочная процедура")) return dl::ev_op;
  for (const auto& k : builtin_event_kinds()) {
    if (name_key(k.id) == key || name_key(k.name) == key) return k.bits;
    for (const auto& a : k.aliases)
      if (name_key(a) == key) return k.bits;
  }
  return 0;
}

bool event_matches(std::uint32_t wanted, std::uint32_t kind_bits, bool assessment) {
  if ((wanted & dl::ev_op) && assessment) return true;
  return (wanted & kind_bits & ~static_cast<std::uint32_t>(dl::ev_op)) != 0;
}

std::string_view to_string(EventStage s) {
  switch (s) {
    case EventStage::none: return "";
    case EventStage::school: return "school";
    case EventStage::municipal: return "municipal";
    case EventStage::regional: return "regional";
    case EventStage::final_stage: return "final";
    case EventStage::early: return "early";
    case EventStage::main: return "main";
    case EventStage::additional: return "additional";
  }
  return "";
}

bool parse_event_stage(std::string_view s, EventStage& out) {
  for (EventStage st : {EventStage::school, EventStage::municipal, EventStage::regional, EventStage::final_stage,
                        EventStage::early, EventStage::main, EventStage::additional}) {
    if (to_string(st) == s) {
      out = st;
      return true;
    }
  }
  return false;
}

void EventCalendar::reindex() {
  kinds_.clear();
  schedules_.clear();
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    kinds_.emplace(name_key(kinds[i].id), i);
    if (!kinds[i].name.empty()) kinds_.emplace(name_key(kinds[i].name), i);
    for (const auto& a : kinds[i].aliases) kinds_.emplace(name_key(a), i);
  }
  for (std::size_t i = 0; i < schedules.size(); ++i) {
    schedules_.emplace(name_key(schedules[i].id), i);
    schedules_.emplace(name_key(schedules[i].name), i);
    for (const auto& a : schedules[i].aliases) schedules_.emplace(name_key(a), i);
  }
}

const EventKind* EventCalendar::find_kind(std::string_view name) const {
  auto it = kinds_.find(name_key(name));
  return it == kinds_.end() ? nullptr : &kinds[it->second];
}

const NamedSchedule* EventCalendar::find_schedule(std::string_view name) const {
  auto it = schedules_.find(name_key(name));
  return it == schedules_.end() ? nullptr : &schedules[it->second];
}

std::uint32_t EventCalendar::bits_of(std::string_view kind_name) const {
  if (event_bits_of(kind_name) == dl::ev_op) return dl::ev_op;
  const EventKind* k = find_kind(kind_name);
  return k ? k->bits : 0;
}

std::vector<const AssessmentEvent*> EventCalendar::matching(std::uint32_t wanted, Date from, Date to) const {
  using std::chrono::sys_days;
  std::vector<const AssessmentEvent*> out;
  for (const auto& e : events) {
    const EventKind* k = find_kind(e.kind);
    if (!k || !event_matches(wanted, k->bits, k->assessment)) continue;
    if (sys_days{e.last} < sys_days{from} || sys_days{e.first} > sys_days{to}) continue;
    out.push_back(&e);
  }
  return out;
}

}  // namespace roadmap::model
