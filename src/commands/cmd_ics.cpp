// `roadmap ics (--person P | --body B | --school S) [--plan P] [-o FILE] [--todo] [--timed]
// [--base-url URL] [--organizer EMAIL]`: the tasks of a person's body or school, of a body or of a
// school as an iCalendar feed (METHOD:PUBLISH) to subscribe to. Open and done tasks are events;
// cancelled and not-needed ones stay in the feed as STATUS:CANCELLED so subscribers remove them.
#include <fstream>
#include <memory>
#include <string>

#include "calendar/feed.hpp"
#include "cli.hpp"
#include "store/schema.hpp"

namespace {

using namespace roadmap;

struct IcsArgs {
  std::string person, body, school, plan;
  std::string output;
  bool todo = false;
  bool timed = false;
  std::string base_url = "http://localhost:8080";
  std::string organizer;
};

int run_ics(cli::Context& ctx, const IcsArgs& args) {
  int scopes = !args.person.empty() + !args.body.empty() + !args.school.empty();
  if (scopes != 1) {
    *ctx.err << "roadmap: " << ctx.tr("cmd.ics.need_scope") << '\n';
    return 2;
  }
  invites::FeedRequest request;
  request.scope = !args.person.empty() ? invites::FeedRequest::Scope::person
                  : !args.body.empty() ? invites::FeedRequest::Scope::body
                                       : invites::FeedRequest::Scope::school;
  request.id = !args.person.empty() ? args.person : !args.body.empty() ? args.body : args.school;
  request.plan_id = args.plan;
  request.todo = args.todo;
  request.timed = args.timed;
  request.base_url = args.base_url;
  request.organizer = args.organizer;
  request.lang = ctx.lang;
  std::optional<invites::Feed> feed;
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    feed = invites::build_feed(db, request);
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  if (!feed) {
    *ctx.err << "roadmap: " << ctx.tr("cmd.ics.unknown_person", {args.person}) << '\n';
    return 1;
  }
  if (args.output.empty() || args.output == "-") {
    *ctx.out << feed->text;
    return 0;
  }
  std::ofstream f(args.output, std::ios::binary | std::ios::trunc);
  f << feed->text;
  f.close();
  if (!f) {
    *ctx.err << "roadmap: " << ctx.tr("cmd.ics.cannot_write", {args.output}) << '\n';
    return 1;
  }
  if (args.todo)
    *ctx.out << ctx.tr("cmd.ics.written_todo", {args.output, std::to_string(feed->events)}) << '\n';
  else
    *ctx.out << ctx.tr("cmd.ics.written", {args.output, std::to_string(feed->events), std::to_string(feed->undated)})
             << '\n';
  return 0;
}

}  // namespace

ROADMAP_COMMAND("ics", 60, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<IcsArgs>();
  auto* sub = root.add_subcommand("ics", ctx.tr("cmd.ics.help"));
  sub->add_option("--person", args->person, ctx.tr("cmd.ics.person"));
  sub->add_option("--body", args->body, ctx.tr("cmd.ics.body"));
  sub->add_option("--school", args->school, ctx.tr("cmd.ics.school"));
  sub->add_option("--plan", args->plan, ctx.tr("cmd.ics.plan"));
  sub->add_option("-o,--output", args->output, ctx.tr("cmd.ics.output"));
  sub->add_flag("--todo", args->todo, ctx.tr("cmd.ics.todo"));
  sub->add_flag("--timed", args->timed, ctx.tr("cmd.ics.timed"));
  sub->add_option("--base-url", args->base_url, ctx.tr("cmd.ics.base_url"))->capture_default_str();
  sub->add_option("--organizer", args->organizer, ctx.tr("cmd.ics.organizer"));
  sub->callback([&ctx, args] { ctx.exit_code = run_ics(ctx, *args); });
});
