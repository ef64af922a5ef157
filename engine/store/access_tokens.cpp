// Access tokens and directory people for the web. See access_tokens.hpp; the table is schema
// version 5 (schema.cpp).
#include "store/access_tokens.hpp"

#include <fmt/format.h>

namespace roadmap::store {

namespace {

constexpr std::string_view kTokenColumns =
    "hash, kind, directory_id, person, next_path, created_at, expires_at, used_at, revoked_at";

bool parse_kind(std::string_view s, TokenKind& out) {
  for (TokenKind k : {TokenKind::signin, TokenKind::session, TokenKind::feed, TokenKind::api})
    if (to_string(k) == s) {
      out = k;
      return true;
    }
  return false;
}

TokenRecord read_token(const Statement& st) {
  TokenRecord t;
  t.hash = st.column_text(0);
  parse_kind(st.column_text(1), t.kind);
  t.owner.directory_id = st.column_text(2);
  t.owner.person = st.column_text(3);
  t.next_path = st.column_text(4);
  t.created_at = st.column_text(5);
  t.expires_at = st.column_optional_text(6);
  t.used_at = st.column_optional_text(7);
  t.revoked_at = st.column_optional_text(8);
  return t;
}

// Valid at ?3: not revoked, not expired, and for sign-in links not used.
constexpr std::string_view kValid =
    "revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?3) AND (kind <> 'signin' OR used_at IS NULL)";

constexpr std::string_view kPersonColumns =
    "p.directory_id, p.id, p.name, p.email, p.role, p.body, p.school, p.timezone, p.language, "
    // The zone: the person's, else the body's or school's, else the directory's; a directory stored
    // before it kept its zone falls back to that of a plan using it (COALESCE stops at the first).
    "COALESCE(NULLIF(p.timezone, ''), NULLIF(b.timezone, ''), NULLIF(s.timezone, ''), NULLIF(d.timezone, ''), "
    "  (SELECT pl.timezone FROM tasks t JOIN plans pl ON pl.id = t.plan_id "
    "   WHERE t.directory_id = p.directory_id LIMIT 1), '')";
constexpr std::string_view kPersonJoins =
    "dir_people p LEFT JOIN dir_bodies b ON b.directory_id = p.directory_id AND b.id = p.body AND p.body <> '' "
    "LEFT JOIN dir_schools s ON s.directory_id = p.directory_id AND s.id = p.school AND p.school <> '' "
    "LEFT JOIN directories d ON d.id = p.directory_id";

DirectoryPerson read_person(const Statement& st) {
  DirectoryPerson d;
  d.directory_id = st.column_text(0);
  auto& p = d.person;
  p.id = st.column_text(1);
  p.name = st.column_text(2);
  p.email = st.column_text(3);
  model::parse_role(st.column_text(4), p.role);
  p.body = st.column_text(5);
  p.school = st.column_text(6);
  p.timezone = st.column_text(7);
  p.language = st.column_text(8);
  d.timezone = st.column_text(9);
  return d;
}

// The people of every directory matching `where` on ?1 = `value`, by directory and id; none for
// an empty value.
std::vector<DirectoryPerson> people_where(Database& db, std::string_view where, std::string_view value) {
  std::vector<DirectoryPerson> out;
  if (value.empty()) return out;
  auto st = db.prepare(
      fmt::format("SELECT {} FROM {} WHERE {} ORDER BY p.directory_id, p.id", kPersonColumns, kPersonJoins, where));
  st.bind_all(value);
  while (st.step()) out.push_back(read_person(st));
  return out;
}

}  // namespace

std::string_view to_string(TokenKind k) {
  switch (k) {
    case TokenKind::signin: return "signin";
    case TokenKind::session: return "session";
    case TokenKind::feed: return "feed";
    case TokenKind::api: return "api";
  }
  return "session";
}

void insert_token(Database& db, const TokenRecord& t) {
  db.prepare(
        "INSERT INTO access_tokens (hash, kind, directory_id, person, next_path, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(t.hash, to_string(t.kind), t.owner.directory_id, t.owner.person, t.next_path, t.created_at,
                t.expires_at)
      .run();
}

std::optional<TokenRecord> find_valid_token(Database& db, TokenKind kind, std::string_view hash,
                                            std::string_view now) {
  auto st = db.prepare(
      fmt::format("SELECT {} FROM access_tokens WHERE hash = ?1 AND kind = ?2 AND {}", kTokenColumns, kValid));
  st.bind_all(hash, to_string(kind), now);
  if (!st.step()) return std::nullopt;
  return read_token(st);
}

std::optional<TokenRecord> redeem_signin(Database& db, std::string_view hash, std::string_view now) {
  // UPDATE ... RETURNING: the check and the mark are one statement, so of two racing clicks
  // exactly one sees the row.
  auto st = db.prepare(fmt::format(
      "UPDATE access_tokens SET used_at = ?3 WHERE hash = ?1 AND kind = ?2 AND {} RETURNING {}", kValid,
      kTokenColumns));
  st.bind_all(hash, to_string(TokenKind::signin), now);
  if (!st.step()) return std::nullopt;
  auto t = read_token(st);
  while (st.step()) {
  }
  return t;
}

std::size_t revoke_token(Database& db, std::string_view hash, std::string_view now) {
  db.prepare("UPDATE access_tokens SET revoked_at = ?2 WHERE hash = ?1 AND revoked_at IS NULL")
      .bind_all(hash, now)
      .run();
  return static_cast<std::size_t>(db.changes());
}

std::size_t revoke_tokens(Database& db, const PersonRef& owner, TokenKind kind, std::string_view now) {
  db.prepare(
        "UPDATE access_tokens SET revoked_at = ?4 "
        "WHERE directory_id = ?1 AND person = ?2 AND kind = ?3 AND revoked_at IS NULL")
      .bind_all(owner.directory_id, owner.person, to_string(kind), now)
      .run();
  return static_cast<std::size_t>(db.changes());
}

std::size_t count_tokens_since(Database& db, const PersonRef& owner, TokenKind kind, std::string_view since) {
  auto st = db.prepare(
      "SELECT count(*) FROM access_tokens WHERE directory_id = ? AND person = ? AND kind = ? AND created_at >= ?");
  st.bind_all(owner.directory_id, owner.person, to_string(kind), since);
  st.step();
  return static_cast<std::size_t>(st.column_int(0));
}

std::size_t purge_expired_tokens(Database& db, std::string_view before) {
  db.prepare("DELETE FROM access_tokens WHERE expires_at IS NOT NULL AND expires_at < ?").bind_all(before).run();
  return static_cast<std::size_t>(db.changes());
}

std::optional<DirectoryPerson> find_directory_person(Database& db, const PersonRef& ref) {
  auto st = db.prepare(
      fmt::format("SELECT {} FROM {} WHERE p.directory_id = ? AND p.id = ?", kPersonColumns, kPersonJoins));
  st.bind_all(ref.directory_id, ref.person);
  if (!st.step()) return std::nullopt;
  return read_person(st);
}

std::vector<DirectoryPerson> people_by_email(Database& db, std::string_view email) {
  return people_where(db, "lower(p.email) = lower(?1)", email);
}

std::vector<DirectoryPerson> find_people(Database& db, std::string_view id_or_email) {
  return people_where(db, "p.id = ?1 OR lower(p.email) = lower(?1)", id_or_email);
}

}  // namespace roadmap::store
