// The organisation directory loader: reads bodies, schools, groups and people field by field
// through the located YAML reader, then checks what spans the file (names unique across bodies,
// schools and groups; every reference to a body, school or person resolves). Also the steps every
// directory and event-calendar file shares (size, encoding, syntax), in `detail`.
#include "load/directory_loader.hpp"
#include "load/yaml_guard.hpp"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>

#include "calendar/timezone.hpp"
#include "load/did_you_mean.hpp"
#include "load/text_checks.hpp"

namespace roadmap::load {

using model::SourcePos;
namespace chr = std::chrono;

// --- shared steps

namespace detail {

namespace {

diag::Location file_loc(const std::string& name, int line = 0, int column = 0) {
  diag::Location l;
  l.file = name;
  l.line = line;
  l.column = column;
  return l;
}

void file_error(diag::Diagnostics& out, const std::string& name, const std::string& key, const std::string& hint,
                std::vector<std::string> args = {}) {
  auto& d = out.error(file_loc(name), key, std::move(args));
  d.hints.push_back({hint, {}});
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

void report_syntax_error(const YAML::Exception& e, Reader& r, std::string_view text) {
  const int line0 = e.mark.is_null() ? -1 : e.mark.line;
  SourcePos pos{line0 + 1, line0 >= 0 ? r.lines().char_column(line0, e.mark.column) : 0};
  if (line0 < 0) pos = {};
  bool tabs = false;
  for (const auto& t : find_tabs_in_indentation(text)) {
    if (line0 >= 0 && t.line > line0 + 2) break;
    r.hint(r.error({t.line, t.column}, "", "load.err.tab"), "load.hint.tab");
    tabs = true;
  }
  if (tabs) return;
  const std::string& m = e.msg;
  auto report = [&](const char* key, const char* hint, std::vector<std::string> args = {}) {
    r.hint(r.error(pos, "", key, std::move(args)), hint);
  };
  if (dynamic_cast<const YAML::DeepRecursion*>(&e)) report("load.err.too_deep", "load.hint.too_deep");
  else if (starts_with(m, YAML::ErrorMsg::END_OF_MAP_FLOW)) report("load.err.unclosed_flow", "load.hint.unclosed_flow", {"{"});
  else if (starts_with(m, YAML::ErrorMsg::END_OF_SEQ_FLOW)) report("load.err.unclosed_flow", "load.hint.unclosed_flow", {"["});
  else if (starts_with(m, YAML::ErrorMsg::END_OF_MAP) || starts_with(m, YAML::ErrorMsg::END_OF_SEQ))
    report("load.err.indent", "load.hint.indent");
  else if (starts_with(m, YAML::ErrorMsg::MAP_VALUE)) report("load.err.map_value", "load.hint.map_value");
  else if (starts_with(m, YAML::ErrorMsg::BLOCK_ENTRY)) report("load.err.block_entry", "load.hint.block_entry");
  else if (starts_with(m, YAML::ErrorMsg::EOF_IN_SCALAR)) report("load.err.unclosed_quote", "load.hint.unclosed_quote", {"\""});
  else if (starts_with(m, YAML::ErrorMsg::TAB_IN_INDENTATION)) report("load.err.tab", "load.hint.tab");
  else if (starts_with(m, YAML::ErrorMsg::UNKNOWN_ANCHOR)) report("load.err.unknown_anchor", "load.hint.unknown_anchor");
  else report("load.err.syntax", "load.hint.syntax", {m});
}

}  // namespace

bool read_file(const std::string& path, std::size_t max_bytes, std::string& text, diag::Diagnostics& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    file_error(out, path, "load.err.not_found", "load.hint.open", {path});
    return false;
  }
  if (fs::is_directory(status)) {
    file_error(out, path, "load.err.is_directory", "load.hint.open", {path});
    return false;
  }
  const auto size = fs::is_regular_file(status) ? fs::file_size(path, ec) : 0;
  if (!ec && size > max_bytes) {
    file_error(out, path, "load.err.too_big", "dir.hint.too_big", {std::to_string(size), std::to_string(max_bytes)});
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    file_error(out, path, "load.err.open", "load.hint.open", {path});
    return false;
  }
  // At most one byte over the limit: a pipe or special file may not know its size.
  text.resize(std::min<std::size_t>(max_bytes + 1, fs::is_regular_file(status) ? size + 1 : max_bytes + 1));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    file_error(out, path, "load.err.open", "load.hint.open", {path});
    return false;
  }
  return true;
}

bool read_yaml_document(std::string_view text, const std::string& display_name, std::size_t max_bytes,
                        diag::Diagnostics& out, const char* root_error_key, const char* root_hint_key,
                        const std::function<void(const YAML::Node&, Reader&)>& build) {
  if (text.size() > max_bytes) {
    file_error(out, display_name, "load.err.too_big", "dir.hint.too_big",
               {std::to_string(text.size()), std::to_string(max_bytes)});
    return false;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    file_error(out, display_name, "load.err.empty", root_hint_key);
    return false;
  }
  std::size_t bad_total = 0;
  auto bad = find_utf8_errors(text, 20, &bad_total);
  if (!bad.empty()) {
    static const char* hex = "0123456789ABCDEF";
    for (const auto& b : bad) {
      auto& d = out.error(file_loc(display_name, b.line, b.column), "load.err.utf8",
                          {std::string{hex[b.byte >> 4], hex[b.byte & 15]}});
      d.hints.push_back({"load.hint.utf8", {}});
    }
    if (bad_total > bad.size()) out.error(file_loc(display_name), "load.err.utf8_more", {std::to_string(bad_total - bad.size())});
    return false;
  }
  Reader reader(display_name, text, out);
  bool built = false;
  if (auto bad_root = unsafe_yaml_root(text)) {
    reader.hint(reader.error({bad_root->first, reader.lines().char_column(bad_root->first - 1, bad_root->second)}, "",
                             root_error_key),
                root_hint_key);
    reader.finish();
    return false;
  }
  try {
    std::vector<YAML::Node> docs = YAML::LoadAll(std::string(text));
    if (docs.empty() || docs.front().IsNull()) {
      file_error(out, display_name, "load.err.empty", root_hint_key);
    } else {
      if (docs.size() > 1) reader.hint(reader.error(reader.pos_of(docs[1]), "", "load.err.many_documents"), "dir.hint.many_documents");
      if (!docs.front().IsMap()) {
        reader.hint(reader.error(reader.pos_of(docs.front(), {1, 1}), "", root_error_key), root_hint_key);
      } else {
        build(docs.front(), reader);
        built = true;
      }
    }
  } catch (const YAML::ParserException& e) {
    report_syntax_error(e, reader, text);
  } catch (const std::exception& e) {
    reader.hint(reader.error({}, "", "load.err.internal", {e.what()}), "load.hint.internal");
  }
  reader.finish();
  out.sort();
  return built;
}

std::optional<model::Date> read_date(Reader& r, const Located& v) {
  const std::string& s = v.value;
  int y = 0, m = 0, d = 0;
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) &&
               all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2));
  if (!shape || !parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) || !parse_int(s.substr(8, 2), d)) {
    r.hint(r.error(v.pos, v.path, "load.err.date_format", {s}), "load.hint.date_format");
    return std::nullopt;
  }
  chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    r.hint(r.error(v.pos, v.path, "load.err.date_invalid", {s}), "load.hint.date_invalid");
    return std::nullopt;
  }
  return ymd;
}

std::optional<int> read_school_year(Reader& r, const Located& v) {
  const std::string& s = v.value;
  int a = 0, b = 0;
  bool ok = s.size() == 9 && (s[4] == '-' || s[4] == '/') && all_digits(s.substr(0, 4)) &&
            all_digits(s.substr(5, 4)) && parse_int(s.substr(0, 4), a) && parse_int(s.substr(5, 4), b) &&
            b == a + 1 && a >= 1900 && a <= 2200;
  if (ok) return a;
  r.hint(r.error(v.pos, v.path, "load.err.school_year", {s}), "load.hint.school_year");
  return std::nullopt;
}

std::optional<std::string> read_enum(Reader& r, const MapView& m, std::string_view key,
                                     const std::vector<std::string>& allowed, bool required) {
  auto v = m.text(key, required);
  if (!v) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), v->value) != allowed.end()) return v->value;
  auto* d = r.error(v->pos, v->path, "load.err.enum", {v->value, std::string(key)});
  r.did_you_mean(d, v->value, allowed);
  r.hint(d, "load.hint.enum", {join(allowed)});
  return std::nullopt;
}

}  // namespace detail

// --- e-mail

bool valid_email(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size() || email.size() > 254) return false;
  const std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return false;
  static constexpr std::string_view kAtext = "!#$%&'*+/=?^_`{|}~-.";
  for (char c : local) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && kAtext.find(c) == std::string_view::npos) return false;
  }
  // Domain: at least two labels of letters, digits and inner hyphens; the last one letters only.
  std::size_t start = 0, labels = 0;
  std::string_view last;
  while (start <= domain.size()) {
    std::size_t dot = domain.find('.', start);
    std::string_view label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels < 2 || last.size() < 2) return false;
  return std::all_of(last.begin(), last.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

// --- the directory document

namespace {

const std::vector<std::string> kRootKeys = {"format", "directory", "bodies", "schools", "groups", "people"};
const std::vector<std::string> kHeaderKeys = {"id", "title", "territory", "timezone"};
const std::vector<std::string> kBodyKeys = {"id", "short_name", "name", "kind", "aliases", "timezone", "head", "part_of"};
const std::vector<std::string> kSchoolKeys = {"id",       "short_name", "name",     "aliases",
                                              "timezone", "body",       "director", "deputy"};
const std::vector<std::string> kGroupKeys = {"id", "name", "aliases", "members"};
const std::vector<std::string> kMemberKeys = {"school", "from", "to", "note"};
const std::vector<std::string> kPersonKeys = {"id", "name", "email", "role", "body", "school", "timezone", "language"};
const std::vector<std::string> kBodyKinds = {"authority", "methodical",   "institute", "schools",
                                             "school_group", "school_unit", "other"};
const std::vector<std::string> kRoles = {"coordinator", "executor", "head", "viewer"};
const std::vector<std::string> kLanguages = {"ru", "en"};

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

std::string at(std::string_view list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

class DirectoryBuilder {
 public:
  explicit DirectoryBuilder(Reader& r) : r_(r) {}

  model::Directory build(const YAML::Node& root) {
    MapView top = r_.map(root, "", kRootKeys, SourcePos{1, 1});
    if (!top.valid()) return std::move(dir_);
    if (auto f = top.text("format", true); f && f->value != "1")
      r_.hint(r_.error(f->pos, f->path, "load.err.format_version", {f->value}), "load.hint.format_version");
    if (auto h = top.map("directory", true, kHeaderKeys)) read_header(*h);
    read_bodies(top);
    read_schools(top);
    read_groups(top);
    read_people(top);
    check_references();
    dir_.reindex();
    return std::move(dir_);
  }

 private:
  struct NameEntry {
    std::string display;
    int line = 0;
    model::NameRef owner;
  };

  // Registers a name of a body, school or group; a clash with another entry is an error.
  void claim(const Located& name, model::NameRef owner) {
    const std::string key = model::name_key(name.value);
    if (key.empty()) {  // only spaces: nothing a look-up could find
      if (!name.value.empty())
        r_.hint(r_.error(name.pos, name.path, "load.err.empty_value", {name.path}), "load.hint.empty_value");
      return;
    }
    auto [it, fresh] = names_.emplace(key, NameEntry{name.value, name.pos.line, owner});
    if (fresh) return;
    if (it->second.owner.kind == owner.kind && it->second.owner.index == owner.index) return;  // own spelling twice
    auto* d = r_.error(name.pos, name.path, "dir.err.duplicate_name", {name.value, std::to_string(it->second.line)});
    r_.hint(d, "dir.hint.duplicate_name");
  }

  void check_timezone(const Located& tz) {
    if (calendar::is_known_time_zone(tz.value)) return;
    auto* d = r_.error(tz.pos, tz.path, "load.err.timezone", {tz.value});
    r_.did_you_mean(d, tz.value, calendar::time_zone_names());
    r_.hint(d, "load.hint.timezone");
  }

  std::optional<Located> optional_timezone(const MapView& m) {
    auto tz = m.text("timezone", false);
    if (!tz || tz->value.empty()) return std::nullopt;
    check_timezone(*tz);
    return tz;
  }

  void read_header(const MapView& h) {
    if (auto v = h.text("id", true)) dir_.id = v->value;
    if (auto v = h.text("title", false)) dir_.title = v->value;
    if (auto v = h.text("territory", false)) dir_.territory = v->value;
    if (auto tz = h.text("timezone", true)) {
      dir_.timezone = tz->value;
      check_timezone(*tz);
    }
  }

  std::vector<std::string> names_of(const std::optional<std::vector<Located>>& list) {
    std::vector<std::string> out;
    if (list)
      for (const auto& e : *list) out.push_back(e.value);
    return out;
  }

  void read_bodies(const MapView& top) {
    auto list = top.list("bodies", false);
    if (!list) return;
    std::size_t i = 0;
    for (const auto& e : *list) {
      if (r_.exhausted()) return;
      MapView m = r_.map(e, at("bodies", ++i), kBodyKeys, top.value_pos("bodies"));
      if (!m.valid()) continue;
      model::DirectoryBody b;
      b.pos = m.pos();
      const model::NameRef self{model::NameRef::Kind::body, dir_.bodies.size()};
      if (auto v = m.text("id", true)) {
        b.id = v->value;
        claim(*v, self);
      }
      if (auto v = m.text("short_name", false); v && !v->value.empty()) {
        b.short_name = v->value;
        claim(*v, self);
      }
      if (b.short_name.empty()) b.short_name = b.id;
      if (auto v = m.text("name", false); v && !v->value.empty()) {
        b.full_name = v->value;
        claim(*v, self);
      }
      if (auto k = detail::read_enum(r_, m, "kind", kBodyKinds, true)) model::parse_body_kind(*k, b.kind);
      auto aliases = m.text_list("aliases", false);
      if (aliases)
        for (const auto& a : *aliases) claim(a, self);
      b.aliases = names_of(aliases);
      if (auto tz = optional_timezone(m)) b.timezone = tz->value;
      if (auto v = m.text("head", false); v && !v->value.empty()) person_refs_.push_back({*v, dir_.bodies.size()});
      if (auto parts = m.text_list("part_of", false))
        for (const auto& p : *parts) body_refs_.push_back({p, dir_.bodies.size(), 'p'});
      dir_.bodies.push_back(std::move(b));
    }
  }

  void read_schools(const MapView& top) {
    auto list = top.list("schools", false);
    if (!list) return;
    std::size_t i = 0;
    for (const auto& e : *list) {
      if (r_.exhausted()) return;
      MapView m = r_.map(e, at("schools", ++i), kSchoolKeys, top.value_pos("schools"));
      if (!m.valid()) continue;
      model::School s;
      s.pos = m.pos();
      const std::size_t index = dir_.schools.size();
      const model::NameRef self{model::NameRef::Kind::school, index};
      if (auto v = m.text("id", true)) {
        s.id = v->value;
        claim(*v, self);
      }
      if (auto v = m.text("short_name", true)) {
        s.short_name = v->value;
        claim(*v, self);
      }
      if (auto v = m.text("name", false); v && !v->value.empty()) {
        s.full_name = v->value;
        claim(*v, self);
      }
      auto aliases = m.text_list("aliases", false);
      if (aliases)
        for (const auto& a : *aliases) claim(a, self);
      s.aliases = names_of(aliases);
      if (auto tz = optional_timezone(m)) s.timezone = tz->value;
      if (auto v = m.text("body", false); v && !v->value.empty()) body_refs_.push_back({*v, index, 's'});
      if (auto v = m.text("director", false); v && !v->value.empty()) school_person_refs_.push_back({*v, index, 'd'});
      if (auto v = m.text("deputy", false); v && !v->value.empty()) school_person_refs_.push_back({*v, index, 'u'});
      dir_.schools.push_back(std::move(s));
    }
  }

  void read_groups(const MapView& top) {
    auto list = top.list("groups", false);
    if (!list) return;
    std::size_t i = 0;
    for (const auto& e : *list) {
      if (r_.exhausted()) return;
      MapView m = r_.map(e, at("groups", ++i), kGroupKeys, top.value_pos("groups"));
      if (!m.valid()) continue;
      model::SchoolGroup g;
      g.pos = m.pos();
      const model::NameRef self{model::NameRef::Kind::group, dir_.groups.size()};
      if (auto v = m.text("id", true)) {
        g.id = v->value;
        claim(*v, self);
      }
      if (auto v = m.text("name", true)) {
        g.name = v->value;
        claim(*v, self);
      }
      auto aliases = m.text_list("aliases", false);
      if (aliases)
        for (const auto& a : *aliases) claim(a, self);
      g.aliases = names_of(aliases);
      if (auto members = m.list("members", false)) read_members(*members, m, dir_.groups.size());
      dir_.groups.push_back(std::move(g));
    }
  }

  // A member is a school's name, or {school, from, to, note}.
  void read_members(const YAML::Node& list, const MapView& group, std::size_t group_index) {
    std::size_t i = 0;
    const std::string base = group.child_path("members");
    for (const auto& e : list) {
      if (!r_.spend()) return;
      const std::string path = at(base, ++i);
      const SourcePos epos = r_.pos_of(e, group.value_pos("members"));
      MemberRef ref;
      ref.group = group_index;
      if (e.IsScalar() && !e.Scalar().empty()) {
        ref.school = Located{r_.scalar(e, epos, path), epos, path};
      } else if (e.IsMap()) {
        MapView m = r_.map(e, path, kMemberKeys, epos);
        if (!m.valid()) continue;
        auto s = m.text("school", true);
        if (!s) continue;
        ref.school = *s;
        auto from = m.text("from", false), to = m.text("to", false);
        if (from && !from->value.empty()) ref.from = detail::read_date(r_, *from);
        if (to && !to->value.empty()) ref.to = detail::read_date(r_, *to);
        if (ref.from && ref.to && chr::sys_days{*ref.to} < chr::sys_days{*ref.from}) {
          auto* d = r_.error(to->pos, to->path, "dir.err.member_range", {to->value, from->value});
          r_.hint(d, "dir.hint.member_range");
          continue;
        }
      } else {
        r_.wrong_type(e, epos, path, "string");
        continue;
      }
      members_.push_back(std::move(ref));
    }
  }

  void read_people(const MapView& top) {
    auto list = top.list("people", false);
    if (!list) return;
    std::map<std::string, int> ids, emails;
    std::size_t i = 0;
    for (const auto& e : *list) {
      if (r_.exhausted()) return;
      MapView m = r_.map(e, at("people", ++i), kPersonKeys, top.value_pos("people"));
      if (!m.valid()) continue;
      model::Person p;
      p.pos = m.pos();
      const std::size_t index = dir_.people.size();
      if (auto v = m.text("id", true)) {
        p.id = v->value;
        auto [it, fresh] = ids.emplace(v->value, v->pos.line);
        if (!fresh) r_.hint(r_.error(v->pos, v->path, "dir.err.duplicate_person", {v->value, std::to_string(it->second)}),
                            "dir.hint.duplicate_person");
      }
      if (auto v = m.text("name", true)) p.name = v->value;
      if (auto v = m.text("email", true)) {
        p.email = v->value;
        if (!valid_email(v->value)) {
          r_.hint(r_.error(v->pos, v->path, "dir.err.email", {v->value}), "dir.hint.email");
        } else {
          auto [it, fresh] = emails.emplace(lower_ascii(v->value), v->pos.line);
          if (!fresh) r_.hint(r_.error(v->pos, v->path, "dir.err.duplicate_email", {v->value, std::to_string(it->second)}),
                              "dir.hint.duplicate_email");
        }
      }
      if (auto role = detail::read_enum(r_, m, "role", kRoles, true)) model::parse_role(*role, p.role);
      if (auto lang = detail::read_enum(r_, m, "language", kLanguages)) p.language = *lang;
      if (auto tz = optional_timezone(m)) p.timezone = tz->value;
      auto body = m.text("body", false), school = m.text("school", false);
      const bool has_body = body && !body->value.empty(), has_school = school && !school->value.empty();
      if (has_body == has_school) {
        r_.hint(r_.error(m.pos(), m.path(), "dir.err.person_place", {p.id}), "dir.hint.person_place");
      } else if (has_body) {
        body_refs_.push_back({*body, index, 'o'});
      } else {
        school_refs_.push_back({*school, index});
      }
      dir_.people.push_back(std::move(p));
    }
  }

  // --- cross-references, once every name is known

  std::vector<std::string> candidates(model::NameRef::Kind kind) const {
    std::vector<std::string> out;
    for (const auto& [key, e] : names_)
      if (kind == model::NameRef::Kind::none || e.owner.kind == kind) out.push_back(e.display);
    return out;
  }

  model::NameRef lookup(const std::string& name) const {
    auto it = names_.find(model::name_key(name));
    return it == names_.end() ? model::NameRef{} : it->second.owner;
  }

  static std::string_view is_what_hint(model::NameRef::Kind k) {
    switch (k) {
      case model::NameRef::Kind::body: return "dir.hint.is_body";
      case model::NameRef::Kind::school: return "dir.hint.is_school";
      case model::NameRef::Kind::group: return "dir.hint.is_group";
      case model::NameRef::Kind::none: break;
    }
    return "dir.hint.is_body";
  }

  // Resolves a name that must be a body / school; reports it otherwise. Returns the canonical id.
  std::optional<std::string> resolve_as(const Located& name, model::NameRef::Kind want) {
    const model::NameRef ref = lookup(name.value);
    if (ref.kind == want) {
      return want == model::NameRef::Kind::body ? dir_.bodies[ref.index].id : dir_.schools[ref.index].id;
    }
    const bool body = want == model::NameRef::Kind::body;
    diag::Diagnostic* d = nullptr;
    if (ref) {
      d = r_.error(name.pos, name.path, body ? "dir.err.not_a_body" : "dir.err.not_a_school", {name.value});
      r_.hint(d, std::string(is_what_hint(ref.kind)));
    } else {
      d = r_.error(name.pos, name.path, body ? "dir.err.unknown_body" : "dir.err.unknown_school", {name.value});
      r_.did_you_mean(d, name.value, candidates(want));
      r_.hint(d, body ? "dir.hint.unknown_body" : "dir.hint.unknown_school");
    }
    return std::nullopt;
  }

  std::optional<std::string> resolve_person(const Located& name) {
    if (people_.empty()) {
      for (const auto& p : dir_.people) people_.emplace(p.id, p.id);  // ids first: they win over e-mails
      for (const auto& p : dir_.people)
        if (!p.email.empty()) people_.emplace(lower_ascii(p.email), p.id);
    }
    if (auto it = people_.find(name.value); it != people_.end()) return it->second;
    if (auto it = people_.find(lower_ascii(name.value)); it != people_.end()) return it->second;
    std::vector<std::string> ids;
    for (const auto& p : dir_.people) ids.push_back(p.id);
    auto* d = r_.error(name.pos, name.path, "dir.err.unknown_person", {name.value});
    r_.did_you_mean(d, name.value, ids);
    r_.hint(d, "dir.hint.unknown_person");
    return std::nullopt;
  }

  void check_references() {
    using K = model::NameRef::Kind;
    for (auto& ref : body_refs_) {
      auto id = resolve_as(ref.name, K::body);
      if (!id) continue;
      if (ref.what == 'p') dir_.bodies[ref.index].part_of.push_back(*id);
      else if (ref.what == 's') dir_.schools[ref.index].body = *id;
      else dir_.people[ref.index].body = *id;
    }
    for (auto& ref : school_refs_)
      if (auto id = resolve_as(ref.name, K::school)) dir_.people[ref.index].school = *id;
    for (auto& ref : person_refs_)
      if (auto id = resolve_person(ref.name)) dir_.bodies[ref.index].head = *id;
    for (auto& ref : school_person_refs_) {
      if (auto id = resolve_person(ref.name)) {
        if (ref.what == 'd') dir_.schools[ref.index].director = *id;
        else dir_.schools[ref.index].deputy = *id;
      }
    }
    // Group members, and the same school listed twice in one group for overlapping dates.
    std::map<std::pair<std::size_t, std::string>, std::vector<const MemberRef*>> seen;
    for (const auto& m : members_) {
      auto id = resolve_as(m.school, K::school);
      if (!id) continue;
      auto& earlier = seen[{m.group, *id}];
      bool overlap = false;
      for (const MemberRef* o : earlier) {
        const auto lo1 = m.from ? chr::sys_days{*m.from} : chr::sys_days::min();
        const auto hi1 = m.to ? chr::sys_days{*m.to} : chr::sys_days::max();
        const auto lo2 = o->from ? chr::sys_days{*o->from} : chr::sys_days::min();
        const auto hi2 = o->to ? chr::sys_days{*o->to} : chr::sys_days::max();
        if (lo1 <= hi2 && lo2 <= hi1) {
          r_.hint(r_.error(m.school.pos, m.school.path, "dir.err.member_twice",
                           {m.school.value, std::to_string(o->school.pos.line)}),
                  "dir.hint.member_twice");
          overlap = true;
          break;
        }
      }
      earlier.push_back(&m);
      if (overlap) continue;
      model::GroupMember gm;
      gm.school = *id;
      gm.valid_from = m.from;
      gm.valid_to = m.to;
      gm.pos = m.school.pos;
      dir_.groups[m.group].members.push_back(gm);
    }
  }

  struct RefToBody {
    Located name;
    std::size_t index;
    char what;  // 'p' part_of of a body, 's' body of a school, 'o' body of a person
  };
  struct RefToSchool {
    Located name;
    std::size_t index;  // person
  };
  struct BodyHeadRef {
    Located name;
    std::size_t index;  // body
  };
  struct SchoolPersonRef {
    Located name;
    std::size_t index;
    char what;  // 'd' director, 'u' deputy
  };
  struct MemberRef {
    Located school;
    std::size_t group = 0;
    std::optional<model::Date> from, to;
  };

  Reader& r_;
  model::Directory dir_;
  std::map<std::string, NameEntry> names_;
  std::vector<RefToBody> body_refs_;
  std::vector<RefToSchool> school_refs_;
  std::vector<BodyHeadRef> person_refs_;
  std::vector<SchoolPersonRef> school_person_refs_;
  std::vector<MemberRef> members_;
  std::map<std::string, std::string> people_;  // id or lower-case e-mail -> id
};

}  // namespace

DirectoryLoad load_directory_text(std::string_view text, const std::string& display_name,
                                  const DirectoryLoadOptions& options) {
  DirectoryLoad result;
  detail::read_yaml_document(text, display_name, options.max_bytes, result.diagnostics, "dir.err.root", "dir.hint.root",
                             [&](const YAML::Node& root, Reader& reader) {
                               model::Directory d = DirectoryBuilder(reader).build(root);
                               d.source_file = display_name;
                               result.directory = std::move(d);
                             });
  if (result.diagnostics.has_errors()) result.directory.reset();
  return result;
}

DirectoryLoad load_directory_file(const std::string& path, const DirectoryLoadOptions& options) {
  DirectoryLoad result;
  std::string text;
  if (!detail::read_file(path, options.max_bytes, text, result.diagnostics)) return result;
  return load_directory_text(text, path, options);
}

}  // namespace roadmap::load
