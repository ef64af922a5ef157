// Access tokens in the store (issue 7): sign-in links, session cookies, calendar-feed and API
// tokens, keyed by the SHA-256 of their secret. The store never sees a secret: callers
// (engine/access) make the secret, hand it to the person once and pass only its hash here.
// Also the people of the stored directories as the web signs them in: by (directory, id) or by
// e-mail. Times are UTC ISO 8601 strings ("2026-11-25T10:54:44Z"), which compare as text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/directory.hpp"
#include "store/sqlite.hpp"

namespace roadmap::store {

enum class TokenKind { signin, session, feed, api };
std::string_view to_string(TokenKind k);

// Whose a token is: a person of a stored directory.
struct PersonRef {
  std::string directory_id;
  std::string person;
  bool operator==(const PersonRef&) const = default;
};

struct TokenRecord {
  std::string hash;  // SHA-256 of the secret, 64 lowercase hex digits
  TokenKind kind = TokenKind::session;
  PersonRef owner;
  std::string next_path;  // signin: the page to open once signed in
  std::string created_at;
  std::optional<std::string> expires_at;  // none: until revoked
  std::optional<std::string> used_at, revoked_at;
};

// Inserts a new token (own transaction when none is open).
void insert_token(Database& db, const TokenRecord& token);

// A token of `kind` with this hash that is neither expired at `now`, revoked nor (for sign-in
// links) used; nullopt otherwise.
std::optional<TokenRecord> find_valid_token(Database& db, TokenKind kind, std::string_view hash, std::string_view now);

// Uses a sign-in link once: marks it used and returns it when it was valid at `now`, in one
// statement, so two clicks racing on the same link cannot both succeed.
std::optional<TokenRecord> redeem_signin(Database& db, std::string_view hash, std::string_view now);

// Revokes one token (sign-out) or every token of a kind a person holds (a new feed link replaces
// the old one). Returns how many were revoked.
std::size_t revoke_token(Database& db, std::string_view hash, std::string_view now);
std::size_t revoke_tokens(Database& db, const PersonRef& owner, TokenKind kind, std::string_view now);

// How many tokens of `kind` the person was given since `since` (sign-in mails per hour).
std::size_t count_tokens_since(Database& db, const PersonRef& owner, TokenKind kind, std::string_view since);

// Removes tokens that expired before `before` (they can never be used again); returns the count.
std::size_t purge_expired_tokens(Database& db, std::string_view before);

// A person of a stored directory, with the zone they work in resolved (their own, else their
// body's or school's, else the directory's: model::Directory::timezone_of on the stored copy).
struct DirectoryPerson {
  std::string directory_id;
  model::Person person;
  std::string timezone;  // resolved, never empty when the directory has a zone
};
std::optional<DirectoryPerson> find_directory_person(Database& db, const PersonRef& ref);
// Every person with this e-mail (case-insensitive), in any stored directory.
std::vector<DirectoryPerson> people_by_email(Database& db, std::string_view email);
// Every person with this id, or this e-mail, in any stored directory.
std::vector<DirectoryPerson> find_people(Database& db, std::string_view id_or_email);

}  // namespace roadmap::store
