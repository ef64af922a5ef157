// libFuzzer target for the organisation directory loader: any bytes as a directory file. Checks
// what must hold for every input: no crash, hang or sanitizer report; a result carries a directory
// exactly when there is no error; every diagnostic has a catalogue key, renders in Russian and
// English and points inside the file; in a loaded directory every name of every body, school and
// group resolves to that entry, every reference is an id that exists, and group membership by
// date only ever names the group's schools.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "i18n/catalogue.hpp"
#include "load/directory_loader.hpp"

namespace {

namespace diag = roadmap::diag;
namespace i18n = roadmap::i18n;
namespace model = roadmap::model;
using namespace std::chrono;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "directory_load_fuzz: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void check_diagnostics(const diag::Diagnostics& ds, std::string_view text) {
  const long lines = 1 + static_cast<long>(std::count(text.begin(), text.end(), '\n'));
  for (const auto& d : ds.items()) {
    if (!i18n::has(d.what.key)) fail("diagnostic without a catalogue entry", d.what.key);
    for (const auto& h : d.hints)
      if (!i18n::has(h.key)) fail("hint without a catalogue entry", h.key);
    if (d.where.line < 0 || d.where.line > lines) fail("diagnostic outside the file", d.what.key);
    if (d.where.column < 0 || static_cast<std::size_t>(d.where.column) > text.size() + 1) fail("column outside the line", d.what.key);
    if (diag::render(d, i18n::Lang::ru).empty() || diag::render(d, i18n::Lang::en).empty()) fail("empty rendering", d.what.key);
  }
}

template <class T>
void expect_resolves(const model::Directory& dir, const std::string& name, model::NameRef::Kind kind, const T* entry,
                     const T* base) {
  const model::NameRef r = dir.resolve(name);
  if (r.kind != kind || r.index != static_cast<std::size_t>(entry - base)) fail("a name does not resolve to its entry", name);
}

void check_directory(const model::Directory& dir) {
  using K = model::NameRef::Kind;
  for (const auto& b : dir.bodies) {
    expect_resolves(dir, b.id, K::body, &b, dir.bodies.data());
    for (const auto& a : b.aliases) expect_resolves(dir, a, K::body, &b, dir.bodies.data());
    for (const auto& p : b.part_of)
      if (!dir.find_body(p)) fail("part_of names no body", p);
    if (!b.head.empty() && !dir.find_person(b.head)) fail("a head who is not in people", b.head);
  }
  for (const auto& s : dir.schools) {
    expect_resolves(dir, s.id, K::school, &s, dir.schools.data());
    expect_resolves(dir, s.short_name, K::school, &s, dir.schools.data());
    if (!s.body.empty() && !dir.find_body(s.body)) fail("a school's body is unknown", s.body);
  }
  for (const auto& g : dir.groups) {
    expect_resolves(dir, g.name, K::group, &g, dir.groups.data());
    for (const auto& m : g.members)
      if (!dir.find_school(m.school)) fail("a group member is not a school", m.school);
    for (int y : {2019, 2023, 2024})
      for (const auto& id : g.members_on(year{y} / September / 1))
        if (!dir.find_school(id)) fail("members_on names no school", id);
  }
  for (const auto& p : dir.people) {
    if (!roadmap::load::valid_email(p.email)) fail("a loaded person with a bad e-mail", p.email);
    if (p.body.empty() == p.school.empty()) fail("a person with no place or two");
    if (dir.find_person(p.id) == nullptr) fail("a person not found by id", p.id);
    (void)dir.timezone_of(p);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto load = roadmap::load::load_directory_text(text, "fuzz.yaml");
  if (load.directory.has_value() == load.diagnostics.has_errors()) fail("directory present iff no errors");
  check_diagnostics(load.diagnostics, text);
  if (load.directory) check_directory(*load.directory);
  // Names are keys whatever the bytes: the key of a key is itself.
  const std::string key = roadmap::model::name_key(text.substr(0, 256));
  if (roadmap::model::name_key(key) != key) fail("name_key is not idempotent");
  return 0;
}
