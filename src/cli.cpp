#include "cli.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <cstring>

#include "calendar/production_calendar.hpp"

namespace roadmap::cli {

std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

std::optional<std::chrono::sys_seconds> parse_utc_moment(const std::string& s) {
  if (s.size() < 16 || s[10] != 'T') return std::nullopt;
  auto d = calendar::parse_date(s.substr(0, 10));
  if (!d) return std::nullopt;
  int h = 0, m = 0, sec = 0;
  std::string rest = s.substr(11);
  if (!rest.empty() && rest.back() == 'Z') rest.pop_back();
  if (std::sscanf(rest.c_str(), "%2d:%2d:%2d", &h, &m, &sec) < 2) return std::nullopt;
  if (h > 23 || m > 59 || sec > 60 || h < 0 || m < 0 || sec < 0) return std::nullopt;
  return std::chrono::sys_days{*d} + std::chrono::hours(h) + std::chrono::minutes(m) + std::chrono::seconds(sec);
}

std::string default_db_path() {
  if (const char* env = std::getenv("ROADMAP_DB"); env && *env) return env;
  return "roadmap.db";
}

namespace {

// The language must be known before the help texts are built, so it is read ahead of parsing.
bool pre_scan_lang(int argc, char** argv, Context& ctx, std::string& bad) {
  if (const char* env = std::getenv("ROADMAP_LANG"); env && *env) {
    i18n::Lang l;
    if (i18n::parse_lang(env, l)) ctx.lang = l;
  }
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string_view v;
    if (a == "--lang" && i + 1 < argc) v = argv[i + 1];
    else if (a.rfind("--lang=", 0) == 0) v = a.substr(7);
    else continue;
    i18n::Lang l;
    if (!i18n::parse_lang(v, l)) { bad = std::string(v); return false; }
    ctx.lang = l;
  }
  return true;
}

std::shared_ptr<CLI::Formatter> make_formatter(const Context& ctx) {
  auto f = std::make_shared<CLI::Formatter>();
  f->label("Usage", ctx.tr("cli.label.usage"));
  f->label("OPTIONS", ctx.tr("cli.label.options"));
  f->label("Options", ctx.tr("cli.label.options_title"));
  f->label("Positionals", ctx.tr("cli.label.positionals"));
  f->label("Subcommands", ctx.tr("cli.label.subcommands"));
  f->label("SUBCOMMAND", ctx.tr("cli.label.subcommand"));
  f->label("REQUIRED", ctx.tr("cli.label.required"));
  f->label("Excludes", ctx.tr("cli.label.excludes"));
  f->label("Needs", ctx.tr("cli.label.needs"));
  f->label("TEXT", ctx.lang == i18n::Lang::en ? "TEXT" : "ТЕКСТ");
  f->label("FILE", ctx.lang == i18n::Lang::en ? "FILE" : "ФАЙЛ");
  f->label("INT", ctx.lang == i18n::Lang::en ? "INT" : "ЧИСЛО");
  f->column_width(34);
  return f;
}

// CLI11's own messages are English; the user gets ours.
std::string translate(const CLI::ParseError& e, const Context& ctx) {
  std::string what = e.what();
  auto quoted_tail = [&](const std::string& w) {
    auto pos = w.find(':');
    std::string t = pos == std::string::npos ? w : w.substr(pos + 1);
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    return t;
  };
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::string t = quoted_tail(what);
    if (!t.empty() && t.front() == '[') t = t.substr(1, t.size() - 2);
    if (!t.empty() && t.front() == '-') return ctx.tr("cli.err.unknown_option", {t});
    return ctx.tr("cli.err.unknown_command", {t});
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    auto pos = what.find(' ');
    return ctx.tr("cli.err.required", {pos == std::string::npos ? what : what.substr(0, pos)});
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e) || dynamic_cast<const CLI::ValidationError*>(&e))
    return ctx.tr("cli.err.bad_value", {what});
  return ctx.tr("cli.err.usage", {what});
}

}  // namespace

int run(int argc, char** argv, Context& ctx) {
  std::string bad_lang;
  if (!pre_scan_lang(argc, argv, ctx, bad_lang)) {
    *ctx.err << "roadmap: " << ctx.tr("cli.err.bad_lang", {bad_lang}) << '\n';
    return 2;
  }
  CLI::App app{ctx.tr("cli.description"), "roadmap"};
  app.formatter(make_formatter(ctx));
  app.option_defaults()->group(ctx.tr("cli.label.options_title"));
  app.set_help_flag("-h,--help", ctx.tr("cli.opt.help"));
  app.set_version_flag("--version", std::string(PROJECT_VERSION_STRING), ctx.tr("cli.opt.version"));
  app.footer(ctx.tr("cli.footer"));
  std::string lang_text = ctx.lang == i18n::Lang::en ? "en" : "ru";
  app.add_option("--lang", lang_text, ctx.tr("cli.opt.lang"));
  ctx.db_path = default_db_path();
  app.add_option("--db", ctx.db_path, ctx.tr("cli.opt.db"));
  app.require_subcommand(1);

  auto cmds = registry();
  std::sort(cmds.begin(), cmds.end(), [](const Command& a, const Command& b) { return a.order < b.order; });
  for (auto& c : cmds) c.setup(app, ctx);
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->formatter(app.get_formatter());
    // Options a command adds before this point keep CLI11's default group name.
    for (auto* opt : sub->get_options()) {
      if (opt->get_group() == "Options") opt->group(ctx.tr("cli.label.options_title"));
    }
    sub->set_help_flag("-h,--help", ctx.tr("cli.opt.help"));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, *ctx.out, *ctx.err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, *ctx.out, *ctx.err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, *ctx.out, *ctx.err);
  } catch (const CLI::RequiredError& e) {
    if (app.get_subcommands().empty()) {
      // A word that is not a command reads better as "unknown command" than as "no command".
      for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--lang" || a == "--db") { ++i; continue; }
        if (!a.empty() && a.front() != '-') {
          *ctx.err << "roadmap: " << ctx.tr("cli.err.unknown_command", {std::string(a)}) << '\n';
          return 2;
        }
      }
      *ctx.err << "roadmap: " << ctx.tr("cli.err.no_command") << '\n';
      return 2;
    }
    *ctx.err << "roadmap: " << translate(e, ctx) << '\n';
    return 2;
  } catch (const CLI::ParseError& e) {
    *ctx.err << "roadmap: " << translate(e, ctx) << '\n';
    return 2;
  }
  return ctx.exit_code;
}

}  // namespace roadmap::cli
