#include "model/plan.hpp"

#include <algorithm>

namespace roadmap::model {

using namespace std::chrono;

year_month_day Period::first_day() const {
  if (from) return *from;
  if (school_year_start) return year{*school_year_start} / September / 1;
  if (!years.empty()) return year{years.front()} / January / 1;
  return year{1970} / January / 1;
}

year_month_day Period::last_day() const {
  if (to) return *to;
  if (school_year_start) return year{*school_year_start + 1} / August / 31;
  if (!years.empty()) return year{years.back()} / December / 31;
  return year{1970} / January / 1;
}

const Body* Plan::find_body(std::string_view key) const {
  for (const auto& b : bodies) {
    if (b.id == key) return &b;
  }
  for (const auto& b : bodies) {
    if (std::find(b.aliases.begin(), b.aliases.end(), key) != b.aliases.end()) return &b;
  }
  return nullptr;
}

const Item* Plan::find_item(std::string_view number) const {
  if (numbering == Numbering::per_section) {
    auto colon = number.find(':');
    if (colon == std::string_view::npos) return nullptr;
    auto sec = number.substr(0, colon);
    auto num = number.substr(colon + 1);
    std::size_t ordinal = 0;
    for (const auto& s : sections) {
      ++ordinal;
      bool match = s.number.empty() ? sec == std::to_string(ordinal) : sec == s.number;
      if (!match) continue;
      for (const auto& it : s.items)
        if (it.number == num) return &it;
    }
    return nullptr;
  }
  for (const auto& s : sections)
    for (const auto& it : s.items)
      if (it.number == number) return &it;
  return nullptr;
}

std::size_t Plan::item_count() const {
  std::size_t n = 0;
  for (const auto& s : sections) n += s.items.size();
  return n;
}

namespace {
struct KindName {
  BodyKind kind;
  std::string_view name;
};
constexpr KindName kKinds[] = {
    {BodyKind::authority, "authority"},     {BodyKind::methodical, "methodical"},
    {BodyKind::institute, "institute"},     {BodyKind::schools, "schools"},
    {BodyKind::school_group, "school_group"}, {BodyKind::school_unit, "school_unit"},
    {BodyKind::other, "other"},
};
}  // namespace

std::string_view to_string(BodyKind k) {
  for (const auto& kn : kKinds)
    if (kn.kind == k) return kn.name;
  return "other";
}

bool parse_body_kind(std::string_view s, BodyKind& out) {
  for (const auto& kn : kKinds)
    if (kn.name == s) { out = kn.kind; return true; }
  return false;
}

std::string item_key(const Plan& plan, std::size_t section_index, const Item& item) {
  if (plan.numbering != Numbering::per_section) return item.number;
  const auto& sec = plan.sections.at(section_index);
  std::string prefix = sec.number.empty() ? std::to_string(section_index + 1) : sec.number;
  return prefix + ":" + item.number;
}

}  // namespace roadmap::model
