// `roadmap notify [--policy FILE] [--now ISO] [--dry-run] [--person P] [--queue-only]
// [--smtp-url URL] [--smtp-user U] [--starttls] [--insecure] [--ca FILE] [--limit N]`: plans
// today's digests (notifiers/mail/planner.hpp), queues them in the outbox, then delivers what is
// due from the outbox over SMTP. With --dry-run, shows what would go out and to whom and writes
// nothing. The password comes from $ROADMAP_SMTP_PASSWORD, never from the command line.
// Exit status: 0 everything due was sent; 3 some messages wait for a retry, were rejected (5xx) or
// given up (see `roadmap outbox`); 1 the policy, the calendar or the database cannot be used; 2 usage.
#include <cstdlib>
#include <memory>
#include <string>

#include "calendar/production_calendar.hpp"
#include "cli.hpp"
#include "diag/diagnostic.hpp"
#include "mail/deliver.hpp"
#include "mail/planner.hpp"
#include "mail/policy.hpp"
#include "scheduler/inputs.hpp"
#include "store/schema.hpp"
#include "table.hpp"

namespace {

using namespace roadmap;

struct NotifyArgs {
  std::string policy, now, person, smtp_url, smtp_user, ca;
  bool dry_run = false, queue_only = false, starttls = false, insecure = false;
  std::size_t limit = 0;
};

int run_notify(cli::Context& ctx, const NotifyArgs& args) {
  auto fail = [&](const std::string& text, int code) {
    *ctx.err << "roadmap: " << text << '\n';
    return code;
  };
  std::chrono::sys_seconds now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (!args.now.empty()) {
    auto n = cli::parse_utc_moment(args.now);
    if (!n) return fail(ctx.tr("cmd.notify.bad_now", {args.now}), 2);
    now = *n;
  }
  mail::Policy policy;
  if (!args.policy.empty()) {
    auto loaded = mail::load_policy_file(args.policy);
    if (!loaded.policy) {
      *ctx.err << diag::render_all(loaded.diagnostics, ctx.lang);
      return 1;
    }
    policy = *loaded.policy;
  }
  auto cal = calendar::load_calendar_file(scheduler::default_calendar_path());
  if (!cal.ok()) {
    *ctx.err << diag::render_all(cal.diagnostics, ctx.lang);
    return fail(ctx.tr("cmd.notify.calendar", {scheduler::default_calendar_path()}), 1);
  }
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    mail::PlanOptions popt;
    popt.now = now;
    popt.person = args.person;
    auto plan = mail::plan_notifications(db, policy, *cal.calendar, popt);
    *ctx.out << ctx.tr("cmd.notify.summary", {std::to_string(plan.people), std::to_string(plan.mails.size()),
                                              std::to_string(plan.before_hour), std::to_string(plan.day_off),
                                              std::to_string(plan.already)})
             << '\n';
    if (plan.not_covered) *ctx.err << "roadmap: " << ctx.tr("cmd.notify.not_covered", {std::to_string(plan.not_covered)}) << '\n';
    if (plan.bad_address) *ctx.err << "roadmap: " << ctx.tr("cmd.notify.bad_address", {std::to_string(plan.bad_address)}) << '\n';
    if (args.dry_run) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& m : plan.mails)
        rows.push_back({cli::truncate(m.name, 36), m.message.email, cli::truncate(m.message.subject, 90),
                        std::to_string(m.reminders), std::to_string(m.overdue), std::to_string(m.escalations),
                        std::to_string(m.invites + m.cancels)});
      if (!rows.empty())
        cli::print_table(*ctx.out,
                         {ctx.tr("cmd.notify.col.person"), ctx.tr("cmd.notify.col.email"), ctx.tr("cmd.notify.col.subject"),
                          ctx.tr("cmd.notify.col.reminders"), ctx.tr("cmd.notify.col.overdue"),
                          ctx.tr("cmd.notify.col.escalations"), ctx.tr("cmd.notify.col.invites")},
                         {false, false, false, true, true, true, true}, rows);
      return 0;
    }
    std::size_t queued = mail::queue_mails(db, plan);
    *ctx.out << ctx.tr("cmd.notify.queued", {std::to_string(queued)}) << '\n';
    if (args.queue_only) return 0;

    mail::SmtpConfig smtp;
    const char* env_url = std::getenv("ROADMAP_SMTP_URL");
    smtp.url = !args.smtp_url.empty() ? args.smtp_url : env_url ? env_url : "smtp://127.0.0.1:25";
    smtp.user = args.smtp_user;
    if (const char* pw = std::getenv("ROADMAP_SMTP_PASSWORD")) smtp.password = pw;
    smtp.starttls = args.starttls;
    smtp.verify_tls = !args.insecure;
    smtp.ca_file = args.ca;
    mail::SmtpSender sender(smtp);
    mail::DeliverOptions dopt;
    dopt.now = now;
    dopt.envelope_from = policy.from_email;
    dopt.limit = args.limit;
    auto rep = mail::deliver(db, sender, dopt);
    *ctx.out << ctx.tr("cmd.notify.delivered", {std::to_string(rep.sent), std::to_string(rep.retry),
                                                std::to_string(rep.rejected), std::to_string(rep.failed)})
             << '\n';
    return rep.rejected || rep.failed || rep.retry ? 3 : 0;
  } catch (const store::Error& e) {
    return fail(store::describe(e, ctx.lang), 1);
  }
}

}  // namespace

ROADMAP_COMMAND("notify", 120, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<NotifyArgs>();
  auto* sub = root.add_subcommand("notify", ctx.tr("cmd.notify.help"));
  sub->add_option("--policy", args->policy, ctx.tr("cmd.notify.policy"));
  sub->add_option("--now", args->now, ctx.tr("cmd.notify.now"));
  sub->add_flag("--dry-run", args->dry_run, ctx.tr("cmd.notify.dry_run"));
  sub->add_option("--person", args->person, ctx.tr("cmd.notify.person"));
  sub->add_flag("--queue-only", args->queue_only, ctx.tr("cmd.notify.queue_only"));
  sub->add_option("--smtp-url", args->smtp_url, ctx.tr("cmd.notify.smtp_url"));
  sub->add_option("--smtp-user", args->smtp_user, ctx.tr("cmd.notify.smtp_user"));
  sub->add_flag("--starttls", args->starttls, ctx.tr("cmd.notify.starttls"));
  sub->add_flag("--insecure", args->insecure, ctx.tr("cmd.notify.insecure"));
  sub->add_option("--ca", args->ca, ctx.tr("cmd.notify.ca"));
  sub->add_option("--limit", args->limit, ctx.tr("cmd.notify.limit"));
  sub->callback([&ctx, args] { ctx.exit_code = run_notify(ctx, *args); });
});
