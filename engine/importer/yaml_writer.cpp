#include "importer/yaml_writer.hpp"

#include <fmt/format.h>

#include <regex>

#include "importer/text_util.hpp"

namespace roadmap::importer {
namespace {

bool plain_safe(const std::string& s, bool in_flow) {
  if (s.empty() || s != text::trim(s)) return false;
  static const std::string indicators = "-?:,[]{}#&*!|>'\"%@`";
  if (indicators.find(s.front()) != std::string::npos) {
    // "- x" and "-x" are unsafe; a lone "-" too.
    return false;
  }
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos || s.back() == ':') return false;
  if (in_flow && s.find_first_of(",[]{}") != std::string::npos) return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return false;
  // Anything YAML would read as another type: numbers, dates, booleans, null.
  static const std::regex typed(
      R"(^([-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\d{4}-\d\d?-\d\d?.*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|[\d:]+)$)");
  if (std::regex_match(s, typed)) return false;
  // Not valid UTF-8, or a byte-order mark: quote (the quoted form escapes nothing but is safe).
  return text::invalid_utf8_at(s) == std::string::npos && s.rfind("\xEF\xBB\xBF", 0) != 0;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02X}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// Multi-line text as a literal block, when every line is safe in one.
bool block_safe(const std::string& s) {
  if (s.find('\n') == std::string::npos) return false;
  if (text::invalid_utf8_at(s) != std::string::npos) return false;
  for (auto& l : text::split(s, '\n')) {
    if (!l.empty() && (l.front() == ' ' || l.front() == '\t' || l.back() == ' ' || l.back() == '\t')) return false;
    for (unsigned char c : l)
      if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
  }
  return s.front() != '\n' && s.back() != '\n';
}

class Writer {
 public:
  Writer(const Comments& comments, const std::string& marker) : comments_(comments), marker_(marker) {}

  std::string comment(const std::string& path) const {
    auto it = comments_.find(path);
    if (it == comments_.end() || it->second.empty()) return {};
    std::string joined;
    for (const auto& c : it->second) {
      std::string flat = text::squeeze(c);
      if (joined.find(flat) != std::string::npos) continue;
      joined += (joined.empty() ? "" : "; ") + flat;
    }
    return "  # " + marker_ + ": " + joined;
  }

  // key: value, with the value's comment.
  void field(int indent, const std::string& key, const std::string& value, const std::string& path,
             bool force_quote = false) {
    std::string pad(static_cast<std::size_t>(indent), ' ');
    std::string c = comment(path);
    if (block_safe(value)) {
      out_ += pad + key + ": |-" + c + "\n";
      // Deeper than the key itself, which sits after "- " in a sequence entry.
      std::string inner = pad + (key.rfind("- ", 0) == 0 ? "    " : "  ");
      for (auto& l : text::split(value, '\n')) out_ += l.empty() ? "\n" : inner + l + "\n";
      return;
    }
    out_ += pad + key + ": " + (force_quote ? quoted(value) : yaml_scalar(value)) + c + "\n";
  }

  // "- value" in a block sequence.
  void entry(int indent, const std::string& value) {
    std::string pad(static_cast<std::size_t>(indent), ' ');
    if (block_safe(value)) {
      out_ += pad + "- |-\n";
      for (auto& l : text::split(value, '\n')) out_ += l.empty() ? "\n" : pad + "  " + l + "\n";
      return;
    }
    out_ += pad + "- " + yaml_scalar(value) + "\n";
  }

  void raw(int indent, const std::string& text, const std::string& path = {}) {
    out_ += std::string(static_cast<std::size_t>(indent), ' ') + text + (path.empty() ? "" : comment(path)) + "\n";
  }

  void list(int indent, const std::string& key, const std::vector<std::string>& values, const std::string& path) {
    std::string s = "[";
    for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + yaml_scalar(values[i], true);
    s += "]";
    raw(indent, key + ": " + s, path);
  }

  std::string out_;

 private:
  const Comments& comments_;
  std::string marker_;
};

std::string iso(const std::chrono::year_month_day& d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

}  // namespace

std::string yaml_scalar(const std::string& s, bool in_flow) { return plain_safe(s, in_flow) ? s : quoted(s); }

std::string write_plan_yaml(const model::Plan& plan, const Comments& comments, const std::string& marker,
                            const std::string& header_comment) {
  Writer w(comments, marker);
  if (!header_comment.empty())
    for (auto& l : text::split(header_comment, '\n')) w.raw(0, "# " + l);
  w.raw(0, "format: 1");
  w.raw(0, "");
  w.raw(0, "plan:");
  w.field(2, "id", plan.id, "plan.id");
  w.field(2, "title", plan.title, "plan.title");
  if (!plan.territory.empty()) w.field(2, "territory", plan.territory, "plan.territory");
  w.field(2, "owner", plan.owner, "plan.owner");
  const auto& a = plan.approved;
  if (!a.kind.empty() || !a.number.empty() || a.date || !a.issuer.empty() || !a.signed_by.empty()) {
    w.raw(2, "approved:", "plan.approved");
    if (!a.kind.empty()) w.field(4, "kind", a.kind, "plan.approved.kind");
    if (!a.number.empty()) w.field(4, "number", a.number, "plan.approved.number", true);
    if (a.date) w.raw(4, "date: " + iso(*a.date), "plan.approved.date");
    if (!a.issuer.empty()) w.field(4, "issuer", a.issuer, "plan.approved.issuer");
    if (!a.signed_by.empty()) w.field(4, "signed_by", a.signed_by, "plan.approved.signed_by");
  }
  w.raw(2, "period:", "plan.period");
  const auto& p = plan.period;
  if (p.school_year_start) {
    w.raw(4, fmt::format("school_year: {}-{}", *p.school_year_start, *p.school_year_start + 1));
  } else if (!p.years.empty()) {
    std::string ys;
    for (std::size_t i = 0; i < p.years.size(); ++i) ys += (i ? ", " : "") + std::to_string(p.years[i]);
    w.raw(4, "years: [" + ys + "]");
  } else if (p.from && p.to) {
    w.raw(4, "from: " + iso(*p.from));
    w.raw(4, "to: " + iso(*p.to));
  }
  w.field(2, "timezone", plan.timezone, "plan.timezone");
  if (plan.numbering == model::Numbering::per_section) w.raw(2, "numbering: per_section", "plan.numbering");
  if (!plan.goals.empty()) {
    w.raw(2, "goals:");
    for (const auto& g : plan.goals) w.entry(4, g);
  }
  if (!plan.abbreviations.empty()) {
    w.raw(0, "");
    w.raw(0, "abbreviations:");
    for (const auto& ab : plan.abbreviations) {
      w.field(2, "- short", ab.short_form, {});
      w.field(4, "meaning", ab.meaning, {});
    }
  }
  if (!plan.bodies.empty()) {
    w.raw(0, "");
    w.raw(0, "bodies:");
    for (std::size_t i = 0; i < plan.bodies.size(); ++i) {
      const auto& b = plan.bodies[i];
      std::string bp = "bodies[" + std::to_string(i) + "]";
      w.field(2, "- id", b.id, bp + ".id");
      w.field(4, "name", b.name, bp + ".name");
      w.raw(4, "kind: " + std::string(model::to_string(b.kind)), bp + ".kind");
      if (!b.aliases.empty()) w.list(4, "aliases", b.aliases, bp + ".aliases");
    }
  }
  w.raw(0, "");
  w.raw(0, "sections:");
  for (std::size_t s = 0; s < plan.sections.size(); ++s) {
    const auto& sec = plan.sections[s];
    std::string sp = "sections[" + std::to_string(s) + "]";
    bool first = true;
    if (!sec.number.empty()) {
      w.field(2, "- number", sec.number, sp + ".number", true);
      first = false;
    }
    w.field(first ? 2 : 4, first ? "- title" : "title", sec.title, sp + ".title");
    w.raw(4, "items:");
    for (std::size_t i = 0; i < sec.items.size(); ++i) {
      const auto& it = sec.items[i];
      std::string ip = sp + ".items[" + std::to_string(i) + "]";
      w.field(6, "- number", it.number, ip + ".number", true);
      w.field(8, "measure", it.measure, ip + ".measure");
      w.field(8, "deadline", it.deadline, ip + ".deadline");
      w.list(8, "responsible", it.responsible, ip + ".responsible");
      if (!it.co_executors.empty()) w.list(8, "co_executors", it.co_executors, ip + ".co_executors");
      if (!it.participants.empty()) w.field(8, "participants", it.participants, ip + ".participants");
      if (!it.expected_result.empty()) w.field(8, "expected_result", it.expected_result, ip + ".expected_result");
      if (!it.refs.empty()) {
        std::vector<std::string> refs;
        for (const auto& r : it.refs) refs.push_back(r.number);
        std::string s2 = "[";
        for (std::size_t k = 0; k < refs.size(); ++k) s2 += (k ? ", " : "") + std::string("\"") + refs[k] + "\"";
        w.raw(8, "refs: " + s2 + "]", ip + ".refs");
      }
      if (!it.sub_measures.empty()) {
        w.raw(8, "sub_measures:", ip + ".sub_measures");
        for (std::size_t k = 0; k < it.sub_measures.size(); ++k) {
          const auto& sm = it.sub_measures[k];
          std::string smp = ip + ".sub_measures[" + std::to_string(k) + "]";
          w.field(10, "- measure", sm.text, smp + ".measure");
          w.field(12, "deadline", sm.deadline, smp + ".deadline");
          if (!sm.responsible.empty()) w.list(12, "responsible", sm.responsible, smp + ".responsible");
        }
      }
    }
  }
  return w.out_;
}

}  // namespace roadmap::importer
