#include "lifecycle_common.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "calendar/production_calendar.hpp"
#include "store/schema.hpp"
#include "task_view.hpp"

namespace roadmap::cli::lifecycle {

std::optional<std::int64_t> parse_task_number(const std::string& text) {
  std::string_view s = text;
  if (s.rfind("№", 0) == 0) s.remove_prefix(std::string_view("№").size());
  else if (s.rfind("#", 0) == 0) s.remove_prefix(1);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n <= 0) return std::nullopt;
  return n;
}

std::optional<std::string> resolve_actor(Context& ctx, store::Database& db, const std::string& as) {
  if (!as.empty()) {
    auto p = store::find_person(db, as);
    if (!p) {
      *ctx.err << "roadmap: " << ctx.tr("cmd.life.unknown_actor", {as}) << '\n';
      return std::nullopt;
    }
    return p->id;
  }
  if (const char* u = std::getenv("ROADMAP_USER"); u && *u) return std::string(u);
  if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return std::string(pw->pw_name);
  if (const char* u = std::getenv("USER"); u && *u) return std::string(u);
  return std::string("?");
}

void add_common(CLI::App* sub, Context& ctx, const std::shared_ptr<Args>& args, bool with_reason) {
  sub->add_option("task", args->task, ctx.tr("cmd.life.task"))->required();
  if (with_reason) sub->add_option("--reason", args->reason, ctx.tr("cmd.life.reason"));
  sub->add_option("--as", args->as, ctx.tr("cmd.life.as"));
  sub->add_option("--version", args->version, ctx.tr("cmd.life.version"));
}

int run(Context& ctx, const Args& args, store::Transition transition) {
  auto id = parse_task_number(args.task);
  if (!id) {
    *ctx.err << "roadmap: " << ctx.tr("cmd.life.bad_task", {args.task}) << '\n';
    return 2;
  }
  store::TransitionRequest req;
  req.task_id = *id;
  req.transition = transition;
  if (args.version > 0) req.expected_version = args.version;
  req.reason = args.reason;
  req.result = args.result;
  if (!args.on.empty()) {
    auto d = calendar::parse_date(args.on);
    if (!d) {
      *ctx.err << "roadmap: " << ctx.tr("cmd.bad_date", {args.on}) << '\n';
      return 2;
    }
    req.done_on = *d;
  }
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    auto actor = resolve_actor(ctx, db, args.as);
    if (!actor) return 1;
    req.actor = *actor;
    auto out = store::change_task(db, req);
    *ctx.out << ctx.tr("cmd.life.changed", {std::to_string(out.after.id), status_text(ctx, out.before.status),
                                            status_text(ctx, out.after.status), std::to_string(out.after.version)})
             << '\n';
    if (out.after.status == "done" && out.after.done_on && out.after.task.due &&
        std::chrono::sys_days{*out.after.done_on} > std::chrono::sys_days{*out.after.task.due})
      *ctx.out << ctx.tr("cmd.life.late", {date_text(ctx, out.after.task.due)}) << '\n';
    if (out.file)
      *ctx.out << ctx.tr("cmd.life.file_stored",
                         {out.file->original_name, store::files_dir(db) + "/" + out.file->stored_name,
                          std::to_string(out.file->size), out.file->sha256})
               << '\n';
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  return 0;
}

}  // namespace roadmap::cli::lifecycle
