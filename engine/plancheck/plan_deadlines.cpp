// Reads every deadline of a plan (see plan_deadlines.hpp).
#include "plancheck/plan_deadlines.hpp"

#include <algorithm>

#include "deadline/describe.hpp"
#include "deadline/render.hpp"

namespace roadmap::plancheck {
namespace {

deadline::Lang to_deadline(i18n::Lang l) { return l == i18n::Lang::en ? deadline::Lang::en : deadline::Lang::ru; }

// Lower case (Cyrillic and Latin), single spaces: anchors and bindings compare in this form.
std::string fold(std::string_view s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') { space = !out.empty(); continue; }
    if (space) { out += ' '; space = false; }
    if (c >= 'A' && c <= 'Z') { out += static_cast<char>(c + 32); continue; }
    if (c == 0xD0 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x90 && d <= 0x9F) { out += '\xD0'; out += static_cast<char>(d + 0x20); ++i; continue; }  // А-П
      if (d >= 0xA0 && d <= 0xAF) { out += '\xD1'; out += static_cast<char>(d - 0x20); ++i; continue; }  // Р-Я
      if (d == 0x81) { out += "\xD1\x91"; ++i; continue; }                                             // Ё
    }
    out += static_cast<char>(c);
  }
  return out;
}

bool anchor_matches(const std::string& anchor, const std::string& binding) {
  if (anchor.empty() || binding.empty()) return false;
  return anchor.find(binding) != std::string::npos || binding.find(anchor) != std::string::npos;
}

// The position of character `column` of a phrase that starts at `pos`: exact for a plain
// one-line value; for a block scalar the line is found and the column is the phrase's own.
model::SourcePos position_in(std::string_view phrase, model::SourcePos pos, std::size_t column) {
  if (pos.line == 0) return pos;
  if (phrase.find('\n') == std::string_view::npos) {
    return {pos.line, pos.column + static_cast<int>(column)};
  }
  int line = pos.line + 1;  // block scalars start on the line after the indicator
  std::size_t chars = 0, col = 0;
  for (std::size_t i = 0; i < phrase.size() && chars < column; ++i) {
    unsigned char c = static_cast<unsigned char>(phrase[i]);
    if ((c & 0xC0) == 0x80) continue;
    ++chars;
    if (c == '\n') { ++line; col = 0; } else ++col;
  }
  return {line, 0};
}

void check_one(const model::Plan& plan, const model::Item& item, const std::string& where,
               const std::string& phrase, model::SourcePos pos, bool structured,
               const deadline::ParseOptions& opts, DeadlineCheck& out) {
  PhraseReading r;
  r.item = where;
  r.phrase = phrase;
  r.pos = pos;
  r.structured = structured;
  if (structured) r.explicit_schedule = item.schedule->schedule;
  r.result = deadline::parse(phrase, opts);
  r.understood = r.result.understood();
  diag::Location loc{plan.source_file, pos.line, pos.column, ""};
  if (!r.understood && !structured) {
    auto at = position_in(phrase, pos, r.result.stop_column);
    diag::Location l = loc;
    l.line = at.line;
    l.column = at.column;
    auto& d = out.diagnostics.error(l, "check.err.deadline_unreadable",
                                    {where, phrase, std::to_string(r.result.stop_column + 1)});
    if (!r.result.suggestions.empty()) {
      std::string forms;
      for (const auto& s : r.result.suggestions) forms += (forms.empty() ? "«" : ", «") + s + "»";
      d.hints.push_back({"check.hint.known_forms", {forms}});
    }
    d.hints.push_back({"check.hint.structured_schedule", {}});
    ++out.unreadable;
  }
  if (r.understood) {
    for (const auto& a : r.result.anchors) {
      if (!a.required || a.kind == deadline::AnchorKind::event) continue;
      std::string folded = fold(a.text);
      bool bound = std::any_of(item.bindings.begin(), item.bindings.end(), [&](const model::AnchorBinding& b) {
        return anchor_matches(folded, fold(b.anchor));
      });
      if (!bound && !structured) {
        r.unbound.push_back(a.text);
        const char* hint = a.kind == deadline::AnchorKind::item ? "check.hint.bind_item" : "check.hint.bind_schedule";
        auto& d = out.diagnostics.warning(loc, "check.warn.needs_binding", {where, a.text});
        d.hints.push_back({hint, {a.text}});
      }
    }
  }
  if (structured) ++out.structured;
  else if (r.understood) ++out.understood;
  if (!r.unbound.empty()) ++out.need_binding;
  out.readings.push_back(std::move(r));
}

}  // namespace

deadline::ParseOptions parse_options(const model::Plan& plan) {
  deadline::ParseOptions o;
  if (plan.period.school_year_start) o.school_year_start = *plan.period.school_year_start;
  o.years = plan.period.years;
  if (o.years.empty() && !plan.period.school_year_start && plan.period.from && plan.period.to) {
    for (int y = static_cast<int>(plan.period.from->year()); y <= static_cast<int>(plan.period.to->year()); ++y)
      o.years.push_back(y);
  }
  o.half_year = plan.half_year == model::HalfYear::calendar ? deadline::HalfYear::calendar : deadline::HalfYear::school;
  return o;
}

const model::AnchorBinding* binding_for(const model::Item& item, std::string_view anchor_text) {
  std::string folded = fold(anchor_text);
  for (const auto& b : item.bindings)
    if (anchor_matches(folded, fold(b.anchor))) return &b;
  return nullptr;
}

DeadlineCheck check_deadlines(const model::Plan& plan) {
  DeadlineCheck out;
  out.options = parse_options(plan);
  const deadline::ParseOptions& opts = out.options;
  std::size_t section_no = 0;
  for (const auto& section : plan.sections) {
    ++section_no;
    for (const auto& item : section.items) {
      std::string where = plan.numbering == model::Numbering::per_section
                              ? (section.number.empty() ? std::to_string(section_no) : section.number) + ":" + item.number
                              : item.number;
      bool structured = item.schedule.has_value();
      bool sub_deadlines = std::any_of(item.sub_measures.begin(), item.sub_measures.end(),
                                       [](const model::SubMeasure& s) { return !s.deadline.empty(); });
      if (!item.deadline.empty() && !sub_deadlines) {
        check_one(plan, item, where, item.deadline, item.deadline_pos, structured, opts, out);
      }
      std::size_t k = 0;
      for (const auto& sub : item.sub_measures) {
        ++k;
        if (sub.deadline.empty()) continue;
        check_one(plan, item, where + "/" + std::to_string(k), sub.deadline, sub.deadline_pos, structured, opts, out);
      }
      // A binding that matches none of the item's anchors is most likely a typo in `anchor`.
      for (const auto& b : item.bindings) {
        std::string folded = fold(b.anchor);
        bool used = false;
        for (const auto& r : out.readings) {
          if (r.item != where && r.item.rfind(where + "/", 0) != 0) continue;
          for (const auto& a : r.result.anchors) used |= anchor_matches(fold(a.text), folded);
        }
        if (!used) {
          auto& d = out.diagnostics.warning({plan.source_file, b.pos.line, b.pos.column, ""},
                                            "check.warn.binding_unused", {where, b.anchor});
          d.hints.push_back({"check.hint.binding_unused", {}});
        }
      }
    }
  }
  return out;
}

std::string reading_line(const PhraseReading& r, const deadline::ParseOptions& options, i18n::Lang lang) {
  std::string phrase = r.phrase;
  std::replace(phrase.begin(), phrase.end(), '\n', ' ');
  std::string reading = r.structured
                            ? i18n::tr(lang, "check.reading.structured", deadline::render(r.explicit_schedule, to_deadline(lang)))
                            : deadline::describe_line(r.phrase, options, to_deadline(lang));
  std::string line = i18n::tr(lang, "check.reading.line", r.item, phrase, reading);
  if (r.understood && !r.structured) {
    for (const auto& n : r.result.notes) {
      const char* key = n.kind == deadline::NoteKind::half_year_school     ? "check.note.half_year_school"
                        : n.kind == deadline::NoteKind::half_year_calendar ? "check.note.half_year_calendar"
                        : n.kind == deadline::NoteKind::years_as_calendar  ? "check.note.years_as_calendar"
                                                                           : nullptr;
      if (key) line += "\n      " + i18n::tr(lang, key);
    }
  }
  for (const auto& a : r.unbound) line += "\n      " + i18n::tr(lang, "check.reading.unbound", a);
  return line;
}

}  // namespace roadmap::plancheck
