// store::Error: a catalogue message with SQLite's result code.
#include "store/error.hpp"

namespace roadmap::store {

namespace {
std::string english_what(const std::string& key, const std::vector<std::string>& args) {
  return i18n::format(i18n::Lang::en, key, args);
}
}  // namespace

Error::Error(std::string key, std::vector<std::string> args, int sqlite_code)
    : std::runtime_error(english_what(key, args)),
      message_{std::move(key), std::move(args)},
      sqlite_code_(sqlite_code) {}

std::string describe(const Error& e, i18n::Lang lang) {
  return i18n::format(lang, e.message().key, e.message().args);
}

}  // namespace roadmap::store
