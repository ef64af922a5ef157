// The message catalogue: every text a user reads, in Russian and English, looked up by key.
// Texts are fmt format strings; arguments are positional ({0}, {1}) or sequential ({}).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace roadmap::i18n {

enum class Lang { ru, en };

// "ru" / "en" (also "russian", "english"); nullopt-like: returns false on anything else.
bool parse_lang(std::string_view text, Lang& out);

// The raw text of a message; the key itself when it is not in the catalogue (a programmer error
// that tests catch: see tests/i18n/catalogue_test.cpp).
std::string_view text(Lang lang, std::string_view key);
bool has(std::string_view key);

// The message with its arguments substituted. Arguments are strings already rendered for the
// user; a malformed format string yields the raw text rather than throwing.
std::string format(Lang lang, std::string_view key, const std::vector<std::string>& args);

template <class... A>
std::string tr(Lang lang, std::string_view key, const A&... args) {
  return format(lang, key, std::vector<std::string>{std::string(args)...});
}

struct Entry {
  std::string_view key;
  std::string_view ru;
  std::string_view en;
};
// All entries, for tests that check completeness.
const std::vector<Entry>& entries();

}  // namespace roadmap::i18n
