// The store's failure: a catalogue message (key + arguments) so the CLI shows it in the user's
// language, plus SQLite's result code for callers and tests that tell failures apart.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"

namespace roadmap::store {

class Error : public std::runtime_error {
 public:
  // `sqlite_code` is the extended result code (SQLITE_CONSTRAINT_FOREIGNKEY ...), 0 when the
  // failure is ours rather than SQLite's.
  Error(std::string key, std::vector<std::string> args, int sqlite_code = 0);

  const diag::Message& message() const { return message_; }
  int sqlite_code() const { return sqlite_code_; }
  // The primary result code (SQLITE_CONSTRAINT for every constraint kind).
  int primary_code() const { return sqlite_code_ & 0xff; }

 private:
  diag::Message message_;
  int sqlite_code_;
};

// The message rendered for the user, e.g. in a CLI command's error output.
std::string describe(const Error& e, i18n::Lang lang);

}  // namespace roadmap::store
