// `roadmap outbox [--state S] [--person P] [--limit N] [--format table|json] [--show ID]`: the
// e-mail outbox -- every message with its state, attempts, next attempt and last error; --show
// prints one whole message as it was (or will be) sent.
#include <boost/json.hpp>

#include <memory>
#include <string>

#include "cli.hpp"
#include "store/outbox.hpp"
#include "store/schema.hpp"
#include "table.hpp"

namespace {

using namespace roadmap;

struct OutboxArgs {
  store::OutboxFilter filter;
  std::string format = "table";
  std::int64_t show = 0;
};

int run_outbox(cli::Context& ctx, const OutboxArgs& args) {
  auto fail = [&](const std::string& text, int code) {
    *ctx.err << "roadmap: " << text << '\n';
    return code;
  };
  const std::string& s = args.filter.state;
  if (!s.empty() && s != "queued" && s != "sending" && s != "sent" && s != "failed" && s != "rejected")
    return fail(ctx.tr("cmd.outbox.bad_state", {s}), 2);
  if (args.format != "table" && args.format != "json") return fail(ctx.tr("cmd.outbox.bad_format", {args.format}), 2);
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    if (args.show) {
      auto m = store::find_outbox(db, args.show);
      if (!m) return fail(ctx.tr("cmd.outbox.no_message", {std::to_string(args.show)}), 1);
      *ctx.out << m->body;
      return 0;
    }
    auto rows = store::list_outbox(db, args.filter);
    if (args.format == "json") {
      boost::json::array arr;
      for (const auto& m : rows) {
        boost::json::object o{{"id", m.id},         {"key", m.dedup_key},   {"person", m.person},
                              {"email", m.email},   {"kind", m.kind},       {"subject", m.subject},
                              {"state", m.state},   {"attempts", m.attempts}, {"next_attempt_at", m.next_attempt_at},
                              {"last_error", m.last_error}, {"created_at", m.created_at}};
        o["sent_at"] = m.sent_at ? boost::json::value(*m.sent_at) : boost::json::value(nullptr);
        arr.push_back(std::move(o));
      }
      *ctx.out << boost::json::serialize(arr) << '\n';
      return 0;
    }
    std::vector<std::vector<std::string>> table;
    for (const auto& m : rows) {
      bool waiting = m.state == "queued" || m.state == "sending";
      table.push_back({std::to_string(m.id), ctx.tr("outbox.state." + m.state), m.email, cli::truncate(m.subject, 70),
                       std::to_string(m.attempts), waiting ? m.next_attempt_at : (m.sent_at ? *m.sent_at : ""),
                       cli::truncate(m.last_error, 80)});
    }
    if (!table.empty())
      cli::print_table(*ctx.out,
                       {ctx.tr("cmd.outbox.col.id"), ctx.tr("cmd.outbox.col.state"), ctx.tr("cmd.notify.col.email"),
                        ctx.tr("cmd.notify.col.subject"), ctx.tr("cmd.outbox.col.attempts"), ctx.tr("cmd.outbox.col.next"),
                        ctx.tr("cmd.outbox.col.error")},
                       {true, false, false, false, true, false, false}, table);
    auto c = store::outbox_counts(db);
    auto n = [&](const char* k) { return std::to_string(c.count(k) ? c.at(k) : 0); };
    *ctx.out << ctx.tr("cmd.outbox.counts", {n("queued"), n("sending"), n("sent"), n("rejected"), n("failed")}) << '\n';
  } catch (const store::Error& e) {
    return fail(store::describe(e, ctx.lang), 1);
  }
  return 0;
}

}  // namespace

ROADMAP_COMMAND("outbox", 121, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<OutboxArgs>();
  auto* sub = root.add_subcommand("outbox", ctx.tr("cmd.outbox.help"));
  sub->add_option("--state", args->filter.state, ctx.tr("cmd.outbox.state"));
  sub->add_option("--person", args->filter.person, ctx.tr("cmd.outbox.person"));
  sub->add_option("--limit", args->filter.limit, ctx.tr("cmd.outbox.limit"));
  sub->add_option("--format", args->format, ctx.tr("cmd.outbox.format"));
  sub->add_option("--show", args->show, ctx.tr("cmd.outbox.show"));
  sub->callback([&ctx, args] { ctx.exit_code = run_outbox(ctx, *args); });
});
