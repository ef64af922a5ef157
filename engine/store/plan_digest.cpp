// Canonical encoding: every field written as "<length>:<bytes>" in a fixed order, with counts
// before lists, so no two different plans encode alike. The hash is SHA-1 from Boost (change
// detection, not security).
#include "store/plan_digest.hpp"

#include <fmt/format.h>
#include <boost/uuid/detail/sha1.hpp>

namespace roadmap::store {

namespace {

class Encoder {
 public:
  void text(std::string_view s) {
    out_ += std::to_string(s.size());
    out_ += ':';
    out_ += s;
  }
  void number(long long n) { text(std::to_string(n)); }
  void date(const std::optional<std::chrono::year_month_day>& d) {
    if (!d) return text("-");
    text(fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d->year()), static_cast<unsigned>(d->month()),
                     static_cast<unsigned>(d->day())));
  }
  void texts(const std::vector<std::string>& v) {
    number(static_cast<long long>(v.size()));
    for (const auto& s : v) text(s);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string canonical_encoding(const model::Plan& p) {
  Encoder e;
  e.text("roadmap-plan/1");
  e.text(p.id);
  e.text(p.title);
  e.text(p.owner);
  e.text(p.territory);
  e.text(p.approved.kind);
  e.text(p.approved.number);
  e.date(p.approved.date);
  e.text(p.approved.issuer);
  e.text(p.approved.signed_by);
  e.number(p.period.school_year_start.value_or(-1));
  e.number(static_cast<long long>(p.period.years.size()));
  for (int y : p.period.years) e.number(y);
  e.date(p.period.from);
  e.date(p.period.to);
  e.text(p.timezone);
  e.number(static_cast<int>(p.numbering));
  e.number(static_cast<int>(p.half_year));
  e.text(p.language);
  e.texts(p.goals);
  e.number(static_cast<long long>(p.abbreviations.size()));
  for (const auto& a : p.abbreviations) {
    e.text(a.short_form);
    e.text(a.meaning);
  }
  e.number(static_cast<long long>(p.bodies.size()));
  for (const auto& b : p.bodies) {
    e.text(b.id);
    e.text(b.name);
    e.text(model::to_string(b.kind));
    e.texts(b.aliases);
  }
  e.number(static_cast<long long>(p.sections.size()));
  for (const auto& s : p.sections) {
    e.text(s.number);
    e.text(s.title);
    e.number(static_cast<long long>(s.items.size()));
    for (const auto& it : s.items) {
      e.text(it.number);
      e.text(it.measure);
      e.text(it.deadline);
      e.texts(it.responsible);
      e.texts(it.co_executors);
      e.text(it.participants);
      e.text(it.expected_result);
      e.text(it.note);
      e.number(static_cast<long long>(it.sub_measures.size()));
      for (const auto& sm : it.sub_measures) {
        e.text(sm.text);
        e.text(sm.deadline);
        e.texts(sm.responsible);
      }
      e.number(static_cast<long long>(it.refs.size()));
      for (const auto& r : it.refs) e.text(r.number);
      e.number(static_cast<long long>(it.bindings.size()));
      for (const auto& b : it.bindings) {
        e.text(b.anchor);
        e.text(b.item);
        e.text(b.event);
        e.text(b.named_schedule);
      }
      e.number(it.schedule ? 1 : 0);
      if (it.schedule) e.text(it.schedule->yaml);
    }
  }
  e.text(p.directory);
  e.text(p.event_calendar);
  return e.take();
}

std::string content_hash(const model::Plan& plan) {
  std::string data = canonical_encoding(plan);
  boost::uuids::detail::sha1 sha;
  sha.process_bytes(data.data(), data.size());
  boost::uuids::detail::sha1::digest_type digest;
  sha.get_digest(digest);
  std::string hex;
  for (unsigned word : digest) hex += fmt::format("{:08x}", word);
  return hex;
}

}  // namespace roadmap::store
