// `roadmap show FILE`: the plan as a readable table in the terminal: a header (title, approving
// order, period, owner, time zone) and the items under their sections, cells wrapped to the
// terminal width ($COLUMNS, 120 by default). Widths are counted in characters (code points).
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "diag/diagnostic.hpp"
#include "load/plan_loader.hpp"
#include "load/text_checks.hpp"

namespace {

using roadmap::load::count_code_points;

struct ShowArgs {
  std::string file;
};

std::size_t terminal_width() {
  if (const char* c = std::getenv("COLUMNS"); c && *c) {
    char* end = nullptr;
    long v = std::strtol(c, &end, 10);
    if (end && *end == '\0' && v >= 40 && v <= 1000) return static_cast<std::size_t>(v);
  }
  return 120;
}

// The byte length of the first `n` code points of `s`.
std::size_t prefix_bytes(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  while (i < s.size() && n > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --n;
  }
  return i;
}

// Greedy word wrap to `width` characters; line breaks of the text are kept, a word longer than a
// line is cut. Continuation lines of a paragraph get `indent` spaces.
std::vector<std::string> wrap(std::string_view text, std::size_t width, std::size_t indent = 0) {
  std::vector<std::string> out;
  if (width == 0) width = 1;
  if (indent >= width) indent = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    std::string line;
    std::size_t line_w = 0;
    bool first_line = true;
    auto flush = [&] {
      out.push_back(line);
      line = std::string(indent, ' ');
      line_w = indent;
      first_line = false;
    };
    std::size_t p = 0;
    bool any = false;
    while (p < para.size()) {
      if (para[p] == ' ' || para[p] == '\r' || para[p] == '\t') { ++p; continue; }
      std::size_t e = para.find_first_of(" \r\t", p);
      std::string_view word = para.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p);
      p = e == std::string_view::npos ? para.size() : e;
      std::size_t ww = count_code_points(word);
      const bool line_empty = first_line ? line_w == 0 : line_w == indent;
      if (!line_empty && line_w + 1 + ww > width) flush();
      const bool now_empty = first_line ? line_w == 0 : line_w == indent;
      if (!now_empty) { line += ' '; ++line_w; }
      while (ww > width - line_w) {  // a word longer than the line: cut it
        std::size_t take = width - line_w;
        std::size_t bytes = prefix_bytes(word, take);
        line += word.substr(0, bytes);
        word.remove_prefix(bytes);
        ww -= take;
        flush();
      }
      line += word;
      line_w += ww;
      any = true;
    }
    if (any || line_w > 0 || !first_line) out.push_back(line);
    else out.push_back("");
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string pad(const std::string& s, std::size_t width) {
  std::size_t w = count_code_points(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string format_date(const std::chrono::year_month_day& d, roadmap::i18n::Lang lang) {
  char buf[16];
  const int y = static_cast<int>(d.year());
  const unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
  if (lang == roadmap::i18n::Lang::en) std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, day);
  else std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", day, m, y);
  return buf;
}

constexpr std::size_t kColumns = 5;
constexpr std::string_view kSep = " │ ";

struct Row {
  bool section = false;  // a full-width section title
  std::string cells[kColumns];
  std::size_t indent[kColumns] = {};  // continuation indent of wrapped cells (sub-measures)
};

// Column widths: natural widths when they fit; otherwise the number column keeps its width and
// the others shrink towards a minimum, the longest giving up the most.
std::vector<std::size_t> column_widths(const std::vector<Row>& rows, const std::vector<std::string>& headers,
                                       std::size_t total) {
  std::vector<std::size_t> nat(kColumns, 0), word(kColumns, 0);
  for (std::size_t c = 0; c < kColumns; ++c) nat[c] = word[c] = count_code_points(headers[c]);
  for (const auto& r : rows) {
    if (r.section) continue;
    for (std::size_t c = 0; c < kColumns; ++c) {
      for (const auto& l : wrap(r.cells[c], 100000)) nat[c] = std::max(nat[c], count_code_points(l));
      for (const auto& l : wrap(r.cells[c], 1000)) {
        std::size_t p = 0;
        while (p < l.size()) {
          std::size_t e = l.find(' ', p);
          if (e == std::string::npos) e = l.size();
          word[c] = std::max(word[c], count_code_points(std::string_view(l).substr(p, e - p)));
          p = e + 1;
        }
      }
    }
  }
  const std::size_t seps = count_code_points(kSep) * (kColumns - 1);
  const std::size_t avail = total > seps ? total - seps : kColumns;
  std::size_t sum = 0;
  for (auto n : nat) sum += n;
  if (sum <= avail) return nat;
  std::vector<std::size_t> w(kColumns), mins(kColumns);
  w[0] = mins[0] = nat[0];
  std::size_t min_sum = nat[0], slack = 0;
  for (std::size_t c = 1; c < kColumns; ++c) {
    // Long enough for the longest word (so words are not cut), within reason.
    mins[c] = std::min(nat[c], std::max<std::size_t>(std::min<std::size_t>(word[c], 24), 10));
    min_sum += mins[c];
    slack += nat[c] - mins[c];
  }
  // Short columns (a deadline, a body or two) keep their natural width while the long ones still
  // get a readable width; the long ones then share what is left.
  for (std::size_t c = 1; c < kColumns; ++c) {
    if (nat[c] > 20 || nat[c] == mins[c]) continue;
    if (min_sum + (nat[c] - mins[c]) + 30 > avail) continue;
    min_sum += nat[c] - mins[c];
    slack -= nat[c] - mins[c];
    mins[c] = nat[c];
  }
  const std::size_t extra = avail > min_sum ? avail - min_sum : 0;
  std::size_t given = 0;
  for (std::size_t c = 1; c < kColumns; ++c) {
    w[c] = mins[c] + (slack ? (nat[c] - mins[c]) * extra / slack : 0);
    given += w[c] - mins[c];
  }
  // Rounding leftovers go to the widest column (the measure, usually).
  std::size_t widest = static_cast<std::size_t>(std::max_element(w.begin() + 1, w.end()) - w.begin());
  if (extra > given) w[widest] = std::min(nat[widest], w[widest] + (extra - given));
  return w;
}

void print_table(std::ostream& os, const std::vector<Row>& rows, const std::vector<std::string>& headers,
                 std::size_t total) {
  const auto w = column_widths(rows, headers, total);
  std::size_t table_w = count_code_points(kSep) * (kColumns - 1);
  for (auto x : w) table_w += x;
  auto rule = [&](std::string_view cross) {
    std::string line;
    for (std::size_t c = 0; c < kColumns; ++c) {
      if (c) line += cross;
      line += repeat("─", w[c] + (c == 0 || c + 1 == kColumns ? 1 : 2));
    }
    // Trailing spaces of the rule segments mirror the " │ " separators.
    os << line << '\n';
  };
  auto print_cells = [&](const std::string (&cells)[kColumns], const std::size_t (&indent)[kColumns]) {
    std::vector<std::vector<std::string>> lines(kColumns);
    std::size_t height = 0;
    for (std::size_t c = 0; c < kColumns; ++c) {
      lines[c] = wrap(cells[c], w[c], indent[c]);
      height = std::max(height, lines[c].size());
    }
    for (std::size_t i = 0; i < height; ++i) {
      std::string out;
      for (std::size_t c = 0; c < kColumns; ++c) {
        if (c) out += kSep;
        out += pad(i < lines[c].size() ? lines[c][i] : "", w[c]);
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      os << out << '\n';
    }
  };
  std::string hdr[kColumns];
  std::size_t no_indent[kColumns] = {};
  for (std::size_t c = 0; c < kColumns; ++c) hdr[c] = headers[c];
  print_cells(hdr, no_indent);
  rule("┼");
  for (const auto& r : rows) {
    if (r.section) {
      for (const auto& l : wrap(r.cells[0], table_w)) os << l << '\n';
      rule("┼");
      continue;
    }
    print_cells(r.cells, r.indent);
  }
}

void show_plan(const roadmap::model::Plan& plan, const roadmap::cli::Context& ctx) {
  using namespace roadmap;
  std::ostream& os = *ctx.out;
  const std::size_t width = terminal_width();
  for (const auto& l : wrap(plan.title, width)) os << l << '\n';
  os << '\n';
  auto field = [&](std::string_view label_key, const std::string& value) {
    if (value.empty()) return;
    const std::string label = ctx.tr(std::string(label_key)) + ": ";
    for (const auto& l : wrap(label + value, width, count_code_points(label))) os << l << '\n';
  };
  const auto& a = plan.approved;
  std::vector<std::string> order;
  if (!a.kind.empty()) order.push_back(a.kind);
  if (!a.number.empty()) order.push_back(ctx.tr("show.order_number", {a.number}));
  if (a.date) order.push_back(ctx.tr("show.order_date", {format_date(*a.date, ctx.lang)}));
  std::string approved;
  for (const auto& s : order) approved += (approved.empty() ? "" : " ") + s;
  for (const auto* s : {&a.issuer, &a.signed_by})
    if (!s->empty()) approved += (approved.empty() ? "" : "; ") + *s;
  field("show.approved", approved);
  std::string period;
  const auto& p = plan.period;
  if (p.school_year_start) {
    period = ctx.tr("show.school_year", {std::to_string(*p.school_year_start), std::to_string(*p.school_year_start + 1)});
  } else if (!p.years.empty()) {
    std::string ys;
    for (int y : p.years) ys += (ys.empty() ? "" : ", ") + std::to_string(y);
    period = ctx.tr("show.years", {ys});
  } else if (p.from && p.to) {
    period = ctx.tr("show.bounds", {format_date(*p.from, ctx.lang), format_date(*p.to, ctx.lang)});
  }
  field("show.period", period);
  std::string owner = plan.owner;
  if (const auto* b = plan.find_body(plan.owner); b && !b->name.empty() && b->name != b->id) owner += " — " + b->name;
  field("show.owner", owner);
  field("show.territory", plan.territory);
  field("show.timezone", plan.timezone);
  os << '\n';

  std::vector<Row> rows;
  std::size_t ordinal = 0;
  for (const auto& s : plan.sections) {
    ++ordinal;
    if (!s.title.empty() || !s.number.empty()) {
      Row r;
      r.section = true;
      r.cells[0] = s.number.empty() ? s.title : ctx.tr("show.section", {s.number, s.title});
      rows.push_back(std::move(r));
    }
    for (const auto& it : s.items) {
      Row r;
      r.cells[0] = it.number;
      r.cells[1] = it.measure;
      r.cells[2] = it.deadline;
      r.cells[3] = join(it.responsible);
      r.cells[4] = join(it.co_executors);
      rows.push_back(std::move(r));
      for (const auto& sub : it.sub_measures) {
        Row sr;
        sr.cells[1] = "  – " + sub.text;
        sr.indent[1] = 4;
        sr.cells[2] = sub.deadline;
        sr.cells[3] = join(sub.responsible);
        rows.push_back(std::move(sr));
      }
    }
  }
  const std::vector<std::string> headers = {ctx.tr("show.col.number"), ctx.tr("show.col.measure"),
                                            ctx.tr("show.col.deadline"), ctx.tr("show.col.responsible"),
                                            ctx.tr("show.col.co_executors")};
  print_table(os, rows, headers, width);
  os << '\n' << ctx.tr("show.items", {std::to_string(plan.item_count())}) << '\n';
}

}  // namespace

ROADMAP_COMMAND("show", 30, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<ShowArgs>();
  auto* sub = root.add_subcommand("show", ctx.tr("show.help"));
  sub->add_option("file", args->file, ctx.tr("show.opt.file"))->required()->type_name(ctx.tr("show.file_label"));
  sub->footer(ctx.tr("show.footer"));
  sub->callback([&ctx, args] {
    using namespace roadmap;
    load::PlanLoad result = load::load_plan_file(args->file);
    if (!result.ok()) {
      diag::Diagnostics diagnostics = result.diagnostics;
      diagnostics.sort();
      *ctx.err << diag::render_all(diagnostics, ctx.lang);
      *ctx.err << ctx.tr("show.has_errors", {args->file}) << '\n';
      ctx.exit_code = 1;
      return;
    }
    show_plan(*result.plan, ctx);
    ctx.exit_code = 0;
  });
});
