// Signing in and sessions: see sessions.hpp.
#include "access/sessions.hpp"

#include "access/secret.hpp"
#include "store/outbox.hpp"

namespace roadmap::access {

namespace {

std::optional<std::chrono::seconds> lifetime_of(store::TokenKind kind, const Lifetimes& l) {
  switch (kind) {
    case store::TokenKind::signin: return l.signin;
    case store::TokenKind::session: return l.session;
    case store::TokenKind::feed:
    case store::TokenKind::api: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string safe_next_path(std::string_view p) {
  if (p.empty() || p.front() != '/' || p.size() > 1024) return "/";
  if (p.size() > 1 && (p[1] == '/' || p[1] == '\\')) return "/";
  for (char c : p) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return "/";
  }
  return std::string(p);
}

Issued issue(store::Database& db, store::TokenKind kind, const store::PersonRef& who, std::chrono::sys_seconds now,
             const Lifetimes& lifetimes, std::string_view next_path) {
  Issued out;
  out.secret = new_secret();
  store::TokenRecord t;
  t.hash = secret_hash(out.secret);
  t.kind = kind;
  t.owner = who;
  t.created_at = store::iso_utc(now);
  if (kind == store::TokenKind::signin) t.next_path = safe_next_path(next_path);
  if (auto ttl = lifetime_of(kind, lifetimes)) out.expires_at = t.expires_at = store::iso_utc(now + *ttl);
  std::optional<store::Transaction> tx;
  if (!db.in_transaction()) tx.emplace(db);
  if (kind == store::TokenKind::feed || kind == store::TokenKind::api)
    store::revoke_tokens(db, who, kind, t.created_at);
  store::insert_token(db, t);
  if (tx) tx->commit();
  return out;
}

std::optional<SignedIn> sign_in(store::Database& db, std::string_view signin_secret, std::chrono::sys_seconds now,
                                const Lifetimes& lifetimes) {
  if (!looks_like_secret(signin_secret)) return std::nullopt;
  store::Transaction tx(db);
  auto link = store::redeem_signin(db, secret_hash(signin_secret), store::iso_utc(now));
  if (!link) return std::nullopt;
  auto person = store::find_directory_person(db, link->owner);
  if (!person) return std::nullopt;  // rolls back: the link stays unused
  SignedIn out;
  out.principal = principal_of(*person);
  out.next_path = link->next_path.empty() ? "/" : link->next_path;
  out.session = issue(db, store::TokenKind::session, link->owner, now, lifetimes);
  tx.commit();
  return out;
}

std::optional<Principal> authenticate(store::Database& db, store::TokenKind kind, std::string_view secret,
                                      std::chrono::sys_seconds now) {
  if (!looks_like_secret(secret)) return std::nullopt;
  auto t = store::find_valid_token(db, kind, secret_hash(secret), store::iso_utc(now));
  if (!t) return std::nullopt;
  auto person = store::find_directory_person(db, t->owner);
  if (!person) return std::nullopt;
  return principal_of(*person);
}

void sign_out(store::Database& db, std::string_view session_secret, std::chrono::sys_seconds now) {
  if (!looks_like_secret(session_secret)) return;
  store::revoke_token(db, secret_hash(session_secret), store::iso_utc(now));
}

std::vector<SigninLink> request_signin(store::Database& db, std::string_view email, std::chrono::sys_seconds now,
                                       const Lifetimes& lifetimes, std::string_view next_path) {
  std::vector<SigninLink> out;
  store::Transaction tx(db);
  std::string hour_ago = store::iso_utc(now - std::chrono::hours(1));
  for (const auto& p : store::people_by_email(db, email)) {
    store::PersonRef ref{p.directory_id, p.person.id};
    if (store::count_tokens_since(db, ref, store::TokenKind::signin, hour_ago) >= lifetimes.signin_per_hour) continue;
    out.push_back({principal_of(p), issue(db, store::TokenKind::signin, ref, now, lifetimes, next_path)});
  }
  tx.commit();
  return out;
}

}  // namespace roadmap::access
