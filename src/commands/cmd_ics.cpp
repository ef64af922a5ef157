// `roadmap ics (--person P | --body B | --school S) [--plan P] [-o FILE] [--todo] [--timed]
// [--base-url URL] [--organizer EMAIL]`: the tasks of a person's body or school, of a body or of a
// school as an iCalendar feed (METHOD:PUBLISH) to subscribe to. Open and done tasks are events;
// cancelled and not-needed ones stay in the feed as STATUS:CANCELLED so subscribers remove them.
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "calendar/from_store.hpp"
#include "calendar/invite.hpp"
#include "cli.hpp"
#include "store/names.hpp"
#include "store/schema.hpp"
#include "store/task_repository.hpp"

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

// "http://host:8080/x" -> "host".
std::string url_host(const std::string& url) {
  std::string rest = url;
  if (auto p = rest.find("://"); p != std::string::npos) rest = rest.substr(p + 3);
  rest = rest.substr(0, rest.find_first_of("/:?#"));
  return rest.empty() ? "localhost" : rest;
}

std::string unit_name(const std::map<std::string, std::string>& names, const std::string& id) {
  for (const auto& [key, name] : names)
    if (key.size() > id.size() && key.compare(key.size() - id.size(), id.size(), id) == 0 &&
        key[key.size() - id.size() - 1] == '|')
      return name;
  return id;
}

int run_ics(cli::Context& ctx, const IcsArgs& args) {
  int scopes = !args.person.empty() + !args.body.empty() + !args.school.empty();
  if (scopes != 1) {
    *ctx.err << "roadmap: " << ctx.tr("cmd.ics.need_scope") << '\n';
    return 2;
  }
  std::string host = url_host(args.base_url);
  std::string text;
  std::size_t entries = 0, undated = 0;
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    store::TaskFilter filter;
    filter.plan_id = args.plan;
    filter.person = args.person;
    filter.body = args.body;
    filter.school = args.school;
    std::vector<invites::Party> attendees;
    auto names = store::assignee_names(db);
    std::string calendar_of;
    if (!args.person.empty()) {
      auto person = store::find_person(db, args.person);
      if (!person) {
        *ctx.err << "roadmap: " << ctx.tr("cmd.ics.unknown_person", {args.person}) << '\n';
        return 1;
      }
      if (!person->email.empty()) attendees.push_back({person->name, person->email});
      calendar_of = person->name.empty() ? person->id : person->name;
    } else {
      calendar_of = unit_name(names, args.body.empty() ? args.school : args.body);
    }
    auto tasks = store::query_tasks(db, filter);
    auto invite_tasks = invites::invite_tasks(db, tasks, args.base_url);
    for (const auto& it : invite_tasks) (it.due ? entries : undated) += 1;
    invites::Party organizer{ctx.tr("invite.organizer"),
                             args.organizer.empty() ? "noreply@" + host : args.organizer};
    invites::CalendarOptions options;
    options.style = args.timed ? invites::DateStyle::timed : invites::DateStyle::all_day;
    options.calendar_name = ctx.tr("invite.feed.name", {calendar_of});
    text = args.todo ? invites::make_todo_feed(invite_tasks, organizer, ctx.lang, host, options)
                     : invites::make_calendar(invite_tasks, invites::Method::publish, organizer, attendees, ctx.lang,
                                              host, options);
    if (args.todo) entries = invite_tasks.size();
  } catch (const store::Error& e) {
    *ctx.err << "roadmap: " << store::describe(e, ctx.lang) << '\n';
    return 1;
  }
  if (args.output.empty() || args.output == "-") {
    *ctx.out << text;
    return 0;
  }
  std::ofstream f(args.output, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) {
    *ctx.err << "roadmap: " << ctx.tr("cmd.ics.cannot_write", {args.output}) << '\n';
    return 1;
  }
  if (args.todo)
    *ctx.out << ctx.tr("cmd.ics.written_todo", {args.output, std::to_string(entries)}) << '\n';
  else
    *ctx.out << ctx.tr("cmd.ics.written", {args.output, std::to_string(entries), std::to_string(undated)}) << '\n';
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
