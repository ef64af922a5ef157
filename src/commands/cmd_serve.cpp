// `roadmap serve [--config FILE] [--listen ADDR:PORT] [--base-url URL] [--policy FILE]
// [--smtp-url URL ...] [--no-notify] [--today D]`: the web server (issue 7) -- the dashboard, the
// executors' pages, the JSON API and the calendar feeds, in one process with the clock that sends
// due notifications at the configured local hours. Logs to stderr; stops gracefully on SIGTERM or
// Ctrl-C (answers what it is answering, then exits). Exit status: 0 after a stop, 1 when it cannot
// start (configuration, database, calendar, address in use), 2 usage.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "calendar/production_calendar.hpp"
#include "cli.hpp"
#include "diag/diagnostic.hpp"
#include "mail/policy.hpp"
#include "mail/mime.hpp"
#include "mail/signin.hpp"
#include "scheduler/inputs.hpp"
#include "server/app.hpp"
#include "server/config.hpp"
#include "server/http_server.hpp"
#include "server/notify_clock.hpp"
#include "store/error.hpp"
#include "store/outbox.hpp"
#include "store/schema.hpp"

namespace {

using namespace roadmap;

struct ServeArgs {
  std::string config, listen, base_url, policy, smtp_url, smtp_user, ca, today, now;
  std::size_t threads = 0, read_timeout = 0, max_body_kb = 0;
  bool starttls = false, insecure = false, no_notify = false, quiet = false;
};

int run_serve(cli::Context& ctx, const ServeArgs& args) {
  auto fail = [&](const std::string& text) {
    *ctx.err << "roadmap: " << text << '\n';
    return 1;
  };
  web::ServeConfig cfg;
  if (!args.config.empty()) {
    auto loaded = web::load_serve_config_file(args.config);
    if (!loaded.config) {
      *ctx.err << diag::render_all(loaded.diagnostics, ctx.lang);
      return 1;
    }
    cfg = *loaded.config;
  }
  if (!args.listen.empty()) cfg.listen = args.listen;
  if (!args.base_url.empty()) cfg.base_url = args.base_url;
  if (args.threads) cfg.threads = args.threads;
  if (!args.policy.empty()) cfg.policy = args.policy;
  if (args.read_timeout) cfg.limits.read_timeout = std::chrono::seconds(args.read_timeout);
  if (args.max_body_kb) cfg.limits.body_bytes = args.max_body_kb * 1024;
  if (args.no_notify) cfg.notify = false;
  if (args.quiet) cfg.log_requests = false;
  const char* env_url = std::getenv("ROADMAP_SMTP_URL");
  if (!args.smtp_url.empty() || (env_url && !cfg.smtp)) {
    mail::SmtpConfig s = cfg.smtp.value_or(mail::SmtpConfig{});
    s.url = !args.smtp_url.empty() ? args.smtp_url : env_url;
    cfg.smtp = s;
  }
  if (cfg.smtp) {
    if (!args.smtp_user.empty()) cfg.smtp->user = args.smtp_user;
    if (args.starttls) cfg.smtp->starttls = true;
    if (args.insecure) cfg.smtp->verify_tls = false;
    if (!args.ca.empty()) cfg.smtp->ca_file = args.ca;
    if (const char* pw = std::getenv("ROADMAP_SMTP_PASSWORD")) cfg.smtp->password = pw;
  }
  auto endpoint = web::parse_listen_address(cfg.listen);
  if (!endpoint) return fail(ctx.tr("serve.err.listen", {cfg.listen}));

  mail::Policy policy;
  if (!cfg.policy.empty()) {
    auto loaded = mail::load_policy_file(cfg.policy);
    if (!loaded.policy) {
      *ctx.err << diag::render_all(loaded.diagnostics, ctx.lang);
      return 1;
    }
    policy = *loaded.policy;
  }
  auto cal = calendar::load_calendar_file(scheduler::default_calendar_path());
  if (!cal.ok()) {
    *ctx.err << diag::render_all(cal.diagnostics, ctx.lang);
    return fail(ctx.tr("cmd.notify.calendar", {scheduler::default_calendar_path()}));
  }
  std::optional<std::chrono::year_month_day> today;
  if (!args.today.empty()) {
    today = calendar::parse_date(args.today);
    if (!today) return fail(ctx.tr("report.err.bad_today", {args.today}));
  }
  web::WallClock wall;
  if (!args.now.empty()) {
    auto at = cli::parse_utc_moment(args.now);
    if (!at) return fail(ctx.tr("cmd.notify.bad_now", {args.now}));
    wall = web::WallClock(*at);
  }
  try {
    // Migrates once, before any request; the workers then open their own connections.
    store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
  } catch (const store::Error& e) {
    return fail(store::describe(e, ctx.lang));
  }

  boost::asio::io_context ioc;
  boost::asio::thread_pool workers(cfg.threads);
  web::App* app_ptr = nullptr;  // set before the first request can arrive (ioc.run below)
  web::HttpServer server_obj(ioc, workers, cfg.limits, [&app_ptr](web::Incoming& in) { return app_ptr->handle(in); });
  auto* server = &server_obj;
  boost::asio::ip::tcp::endpoint bound;
  try {
    bound = server->listen(*endpoint);
  } catch (const boost::system::system_error& e) {
    return fail(ctx.tr("serve.err.bind", {cfg.listen, e.code().message()}));
  }
  web::AppConfig app_cfg;
  app_cfg.db_path = ctx.db_path;
  app_cfg.lifetimes = cfg.lifetimes;
  app_cfg.today = today;
  app_cfg.clock = wall;
  app_cfg.log_requests = cfg.log_requests;
  app_cfg.base_url = cfg.base_url;
  if (app_cfg.base_url.empty()) {
    // The address people open; the port is the bound one (--listen ...:0 picks a free port).
    std::string host = bound.address().to_string();
    if (bound.address().is_unspecified()) host = "localhost";
    else if (bound.address().is_v6()) host = "[" + host + "]";
    app_cfg.base_url = "http://" + host + ":" + std::to_string(bound.port());
  }
  if (policy.base_url.empty()) policy.base_url = app_cfg.base_url;

  std::unique_ptr<web::NotifyClock> clock;
  if (cfg.notify || cfg.smtp) {
    web::NotifyClockConfig nc;
    nc.db_path = ctx.db_path;
    nc.policy = policy;
    nc.smtp = cfg.smtp;
    nc.plan = cfg.notify;
    nc.every = cfg.notify_every;
    nc.clock = wall;
    clock = std::make_unique<web::NotifyClock>(ioc, workers, nc, *cal.calendar);
  }
  int valid_hours = static_cast<int>(cfg.lifetimes.signin.count() / 3600);
  web::SigninMailer mailer = [&clock, &policy, &cfg, &wall, valid_hours](store::Database& db, const access::Principal& who,
                                                                 const std::string& link) {
    if (!cfg.smtp || !clock || who.email.empty()) return false;
    try {
      auto msg = mail::signin_message(policy, {who.ref.directory_id, who.ref.person, who.name, who.email,
                                               who.lang == i18n::Lang::en ? "en" : "ru"},
                                      link, valid_hours, wall.now());
      store::enqueue(db, msg, {});
    } catch (const mail::BadAddress&) {
      return false;
    }
    clock->deliver_now();
    return true;
  };
  web::App app(app_cfg, *cal.calendar, mailer);
  app_ptr = &app;
  if (clock) clock->start();

  *ctx.out << ctx.tr("serve.started", {app_cfg.base_url, std::to_string(bound.port())}) << std::endl;

  auto guard = boost::asio::make_work_guard(ioc);
  boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
  boost::asio::steady_timer drain(ioc);
  std::function<void(int)> wait_drained = [&](int left) {
    if (server->open_connections() == 0 || left <= 0) {
      guard.reset();
      if (left <= 0) ioc.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(50));
    drain.async_wait([&, left](boost::system::error_code) { wait_drained(left - 1); });
  };
  signals.async_wait([&](boost::system::error_code ec, int) {
    if (ec) return;
    *ctx.err << "roadmap serve: " << ctx.tr("serve.stopping") << '\n';
    server->stop();
    if (clock) clock->stop();
    wait_drained(200);  // at most 10 s for the requests under way
  });
  std::thread io2([&ioc] { ioc.run(); });
  ioc.run();
  io2.join();
  workers.join();
  *ctx.err << "roadmap serve: " << ctx.tr("serve.stopped") << '\n';
  return 0;
}

}  // namespace

ROADMAP_COMMAND("serve", 130, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<ServeArgs>();
  auto* sub = root.add_subcommand("serve", ctx.tr("cmd.serve.help"));
  sub->add_option("--config", args->config, ctx.tr("cmd.serve.config"));
  sub->add_option("--listen", args->listen, ctx.tr("cmd.serve.listen"));
  sub->add_option("--base-url", args->base_url, ctx.tr("cmd.serve.base_url"));
  sub->add_option("--threads", args->threads, ctx.tr("cmd.serve.threads"));
  sub->add_option("--policy", args->policy, ctx.tr("cmd.notify.policy"));
  sub->add_option("--smtp-url", args->smtp_url, ctx.tr("cmd.notify.smtp_url"));
  sub->add_option("--smtp-user", args->smtp_user, ctx.tr("cmd.notify.smtp_user"));
  sub->add_flag("--starttls", args->starttls, ctx.tr("cmd.notify.starttls"));
  sub->add_flag("--insecure", args->insecure, ctx.tr("cmd.notify.insecure"));
  sub->add_option("--ca", args->ca, ctx.tr("cmd.notify.ca"));
  sub->add_flag("--no-notify", args->no_notify, ctx.tr("cmd.serve.no_notify"));
  sub->add_option("--today", args->today, ctx.tr("cmd.serve.today"));
  sub->add_option("--now", args->now, ctx.tr("cmd.serve.now"));
  sub->add_option("--read-timeout", args->read_timeout, ctx.tr("cmd.serve.read_timeout"));
  sub->add_option("--max-body-kb", args->max_body_kb, ctx.tr("cmd.serve.max_body"));
  sub->add_flag("--quiet", args->quiet, ctx.tr("cmd.serve.quiet"));
  sub->callback([&ctx, args] { ctx.exit_code = run_serve(ctx, *args); });
});
