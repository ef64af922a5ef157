// Signing in and staying signed in (issue 7): a person asks for a sign-in link (by e-mail, or a
// coordinator prints one with `roadmap access link`), follows it once, and gets a session; the
// session's secret lives in an HttpOnly cookie. Calendar-feed and API tokens are long-lived secrets
// a person creates for a calendar app or a script. Every secret is new_secret() and only its hash
// is stored (store/access_tokens.hpp).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/principal.hpp"
#include "store/access_tokens.hpp"
#include "store/sqlite.hpp"

namespace roadmap::access {

struct Lifetimes {
  std::chrono::seconds signin{std::chrono::hours(24)};       // a link in a mail is read the next morning
  std::chrono::seconds session{std::chrono::hours(24 * 14)};  // two weeks, then sign in again
  std::size_t signin_per_hour = 5;                            // sign-in mails a person can ask for an hour
};

struct Issued {
  std::string secret;                     // give this to the person; it is not kept
  std::optional<std::string> expires_at;  // UTC ISO 8601; none for feed and API tokens
};

// A new token of `kind` for `who` (a feed or API token replaces the person's earlier ones).
// `next_path` is kept for sign-in links: a local path ("/tasks/42"), anything else becomes "/".
Issued issue(store::Database& db, store::TokenKind kind, const store::PersonRef& who, std::chrono::sys_seconds now,
             const Lifetimes& lifetimes, std::string_view next_path = "");

// A local path to go to after signing in: starts with one "/", no "//", no "\", no control
// characters; "/" otherwise (an open redirect is refused).
std::string safe_next_path(std::string_view path);

struct SignedIn {
  Principal principal;
  Issued session;
  std::string next_path;
};

// Uses a sign-in link (once) and opens a session, in one transaction; nullopt when the link is
// unknown, used, expired, or its person is no longer in the directory.
std::optional<SignedIn> sign_in(store::Database& db, std::string_view signin_secret, std::chrono::sys_seconds now,
                                const Lifetimes& lifetimes);

// The principal behind a session cookie, a feed or an API token valid at `now`.
std::optional<Principal> authenticate(store::Database& db, store::TokenKind kind, std::string_view secret,
                                      std::chrono::sys_seconds now);

// Ends a session (sign-out).
void sign_out(store::Database& db, std::string_view session_secret, std::chrono::sys_seconds now);

// Sign-in links for everyone with this e-mail, at most `signin_per_hour` an hour per person: an
// empty list for an unknown address or too many requests (the page says the same either way, so
// it tells nobody which addresses exist).
struct SigninLink {
  Principal principal;
  Issued link;
};
std::vector<SigninLink> request_signin(store::Database& db, std::string_view email, std::chrono::sys_seconds now,
                                       const Lifetimes& lifetimes, std::string_view next_path);

}  // namespace roadmap::access
