// `roadmap explain "PHRASE" [--school-year 2023-2024 | --years 2023,2024] [--half-year school|calendar]`:
// how the deadline language reads one phrase: the reading clause by clause, the canonical text,
// the anchors to bind, setting-driven readings and the concrete dates. An unreadable phrase is
// printed with a caret under the column where understanding stopped; exit 1 then.
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "deadline/describe.hpp"

namespace {

struct ExplainArgs {
  std::string phrase;
  std::string school_year;
  std::string years;
  std::string half_year = "school";
};

bool parse_year(const std::string& s, int& y) {
  if (s.size() != 4) return false;
  y = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    y = y * 10 + (c - '0');
  }
  return y >= 1900 && y <= 2100;
}

// "2023-2024" (also "2023/2024"): the second year follows the first.
bool parse_school_year(const std::string& s, int& start) {
  auto pos = s.find_first_of("-/");
  if (pos == std::string::npos) return false;
  int a = 0, b = 0;
  if (!parse_year(s.substr(0, pos), a) || !parse_year(s.substr(pos + 1), b)) return false;
  if (b != a + 1) return false;
  start = a;
  return true;
}

bool parse_years(const std::string& s, std::vector<int>& out) {
  std::size_t k = 0;
  while (k <= s.size()) {
    auto e = s.find(',', k);
    if (e == std::string::npos) e = s.size();
    std::string part = s.substr(k, e - k);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    int y = 0;
    if (!parse_year(part, y)) return false;
    out.push_back(y);
    k = e + 1;
  }
  return !out.empty();
}

}  // namespace

ROADMAP_COMMAND("explain", 40, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<ExplainArgs>();
  auto* sub = root.add_subcommand("explain", ctx.tr("cmd.explain.help"));
  sub->add_option("phrase", args->phrase, ctx.tr("cmd.explain.opt.phrase"))->required();
  sub->add_option("--school-year", args->school_year, ctx.tr("cmd.explain.opt.school_year"));
  sub->add_option("--years", args->years, ctx.tr("cmd.explain.opt.years"));
  sub->add_option("--half-year", args->half_year, ctx.tr("cmd.explain.opt.half_year"));
  sub->footer(ctx.tr("cmd.explain.footer"));
  sub->callback([&ctx, args] {
    namespace dl = roadmap::deadline;
    dl::ParseOptions opts;
    bool bad = false;
    if (!args->school_year.empty() && !parse_school_year(args->school_year, opts.school_year_start)) {
      *ctx.err << "roadmap: " << ctx.tr("cmd.explain.err.school_year", {args->school_year}) << '\n';
      bad = true;
    }
    if (!args->years.empty() && !parse_years(args->years, opts.years)) {
      *ctx.err << "roadmap: " << ctx.tr("cmd.explain.err.years", {args->years}) << '\n';
      bad = true;
    }
    if (args->half_year == "school") opts.half_year = dl::HalfYear::school;
    else if (args->half_year == "calendar") opts.half_year = dl::HalfYear::calendar;
    else {
      *ctx.err << "roadmap: " << ctx.tr("cmd.explain.err.half_year", {args->half_year}) << '\n';
      bad = true;
    }
    if (bad) {
      ctx.exit_code = 2;
      return;
    }
    dl::Lang lang = ctx.lang == roadmap::i18n::Lang::en ? dl::Lang::en : dl::Lang::ru;
    dl::Description d = dl::describe(args->phrase, opts, lang);
    auto& out = *ctx.out;
    if (!d.understood) {
      auto& err = *ctx.err;
      std::size_t col = d.caret.size();  // the caret sits at column col (1-based)
      err << "roadmap: " << ctx.tr("cmd.explain.err.not_understood", {std::to_string(col)}) << '\n';
      err << "  " << d.shown << '\n' << "  " << d.caret << '\n';
      if (!d.suggestions.empty()) {
        std::string list;
        for (std::size_t k = 0; k < d.suggestions.size(); ++k) {
          if (k) list += "; ";
          list += lang == dl::Lang::ru ? "«" + d.suggestions[k] + "»" : "\"" + d.suggestions[k] + "\"";
        }
        err << ctx.tr("cmd.explain.err.suggestions", {list}) << '\n';
      }
      err << ctx.tr("cmd.explain.err.hint") << '\n';
      ctx.exit_code = 1;
      return;
    }
    out << ctx.tr("cmd.explain.phrase", {args->phrase}) << '\n';
    out << ctx.tr("cmd.explain.reading") << '\n';
    for (std::size_t k = 0; k < d.readings.size(); ++k) out << "  " << k + 1 << ". " << d.readings[k] << '\n';
    out << ctx.tr("cmd.explain.canonical", {d.canonical}) << '\n';
    if (!d.anchors.empty()) {
      out << ctx.tr("cmd.explain.anchors") << '\n';
      for (const auto& a : d.anchors) out << "  - " << a << '\n';
    }
    if (!d.notes.empty()) {
      out << ctx.tr("cmd.explain.notes") << '\n';
      for (const auto& n : d.notes) out << "  - " << n << '\n';
    }
    std::string period;
    if (opts.school_year_start)
      period = ctx.tr("cmd.explain.period.school_year",
                      {std::to_string(opts.school_year_start), std::to_string(opts.school_year_start + 1)});
    else if (!opts.years.empty())
      period = ctx.tr("cmd.explain.period.years", {args->years});
    else
      period = ctx.tr("cmd.explain.period.none");
    out << ctx.tr("cmd.explain.dates", {period}) << '\n';
    for (const auto& line : d.dates) out << "  - " << line << '\n';
    ctx.exit_code = 0;
  });
});
