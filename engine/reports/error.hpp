// A report that cannot be made (a period that makes no sense, an unknown format): a catalogue
// message the CLI shows in the user's language. Nothing is ever written by the reports.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"

namespace roadmap::reports {

class Error : public std::runtime_error {
 public:
  Error(std::string key, std::vector<std::string> args)
      : std::runtime_error(key), message_{std::move(key), std::move(args)} {}
  const diag::Message& message() const { return message_; }

 private:
  diag::Message message_;
};

}  // namespace roadmap::reports
