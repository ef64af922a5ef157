// `roadmap access link PERSON [--next PATH] [--base-url URL]` prints a one-time sign-in link for a
// person (what the sign-in page mails, for a coordinator to hand over or for a demo);
// `roadmap access token PERSON` prints a personal API token, `roadmap access feed PERSON` a
// calendar-feed token (each replaces the person's earlier one); `roadmap access revoke PERSON`
// ends every session and token of the person. PERSON is an id or an e-mail (--directory when the
// same id is in several directories). Only hashes of the secrets are stored.
#include <iostream>
#include <memory>

#include "access/sessions.hpp"
#include "cli.hpp"
#include "store/access_tokens.hpp"
#include "store/error.hpp"
#include "store/outbox.hpp"
#include "store/schema.hpp"

namespace {

using namespace roadmap;

struct AccessArgs {
  std::string what;  // link, token, feed, revoke
  std::string person, directory, next = "/", base_url = "http://localhost:8080";
};

int run_access(cli::Context& ctx, const AccessArgs& args) {
  auto fail = [&](const std::string& text, int code) {
    *ctx.err << "roadmap: " << text << '\n';
    return code;
  };
  try {
    store::Database db = store::open_store(ctx.db_path, store::Database::OpenMode::existing_only);
    auto found = store::find_people(db, args.person);
    if (!args.directory.empty())
      std::erase_if(found, [&](const store::DirectoryPerson& p) { return p.directory_id != args.directory; });
    if (found.empty()) return fail(ctx.tr("cmd.ics.unknown_person", {args.person}), 1);
    if (found.size() > 1) return fail(ctx.tr("access.err.ambiguous", {args.person}), 1);
    const auto& p = found.front();
    store::PersonRef ref{p.directory_id, p.person.id};
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    access::Lifetimes lifetimes;
    std::string base = args.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (args.what == "revoke") {
      std::size_t n = 0;
      for (auto k : {store::TokenKind::signin, store::TokenKind::session, store::TokenKind::feed, store::TokenKind::api})
        n += store::revoke_tokens(db, ref, k, store::iso_utc(now));
      *ctx.out << ctx.tr("access.revoked", {p.person.name, std::to_string(n)}) << '\n';
      return 0;
    }
    store::TokenKind kind = args.what == "link" ? store::TokenKind::signin
                            : args.what == "feed" ? store::TokenKind::feed
                                                  : store::TokenKind::api;
    auto issued = access::issue(db, kind, ref, now, lifetimes, args.next);
    if (kind == store::TokenKind::signin) *ctx.out << base << "/auth/" << issued.secret << '\n';
    else if (kind == store::TokenKind::feed)
      *ctx.out << base << "/ics/person/" << p.person.id << ".ics?token=" << issued.secret << '\n';
    else
      *ctx.out << issued.secret << '\n';
    return 0;
  } catch (const store::Error& e) {
    return fail(store::describe(e, ctx.lang), 1);
  }
}

}  // namespace

ROADMAP_COMMAND("access", 135, [](CLI::App& root, roadmap::cli::Context& ctx) {
  auto args = std::make_shared<AccessArgs>();
  auto* sub = root.add_subcommand("access", ctx.tr("cmd.access.help"));
  sub->require_subcommand(1);
  auto add = [&](const char* name, const char* help) {
    auto* s = sub->add_subcommand(name, ctx.tr(help));
    s->add_option("person", args->person, ctx.tr("cmd.access.person"))->required();
    s->add_option("--directory", args->directory, ctx.tr("cmd.access.directory"));
    s->callback([&ctx, args, name] {
      args->what = name;
      ctx.exit_code = run_access(ctx, *args);
    });
    return s;
  };
  auto* link = add("link", "cmd.access.link");
  link->add_option("--next", args->next, ctx.tr("cmd.access.next"))->capture_default_str();
  link->add_option("--base-url", args->base_url, ctx.tr("cmd.serve.base_url"))->capture_default_str();
  add("token", "cmd.access.token");
  auto* feed = add("feed", "cmd.access.feed");
  feed->add_option("--base-url", args->base_url, ctx.tr("cmd.serve.base_url"))->capture_default_str();
  add("revoke", "cmd.access.revoke");
});
