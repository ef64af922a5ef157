// Secrets people hold (sign-in links, session cookies, feed and API tokens): 256 random bits from
// the kernel (getrandom), written in base64url so they fit a URL or a cookie unchanged. Only their
// SHA-256 is ever stored. The CSRF token of a form is derived from the session's secret, so it
// needs no storage and cannot be guessed without the cookie.
#pragma once

#include <string>
#include <string_view>

namespace roadmap::access {

// 43 characters of [A-Za-z0-9_-]. Throws std::system_error when the kernel gives no randomness.
std::string new_secret();

// What the store keeps of a secret: SHA-256, 64 lowercase hex digits.
std::string secret_hash(std::string_view secret);

// Whether `text` has the shape of a secret (43 base64url characters): anything else is refused
// before it reaches the store.
bool looks_like_secret(std::string_view text);

// The CSRF token of a session (forms carry it; the server recomputes it from the cookie).
std::string csrf_token(std::string_view session_secret);

// Compares in time independent of where the strings differ (tokens, CSRF values).
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace roadmap::access
